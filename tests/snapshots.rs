//! Reviewed snapshots of the JSON report on fixture repositories: any change in what is found,
//! where, or what is said shows up as a snapshot diff to review.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

fn report(args: &[&str], path: &str) -> Value {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = Command::cargo_bin("aidisclose")
        .unwrap()
        .args(args)
        .args(["--format", "json"])
        .arg(root.join(path))
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).expect("JSON report")
}

#[test]
fn consumer_fixture_missing_kazakh() {
    insta::assert_json_snapshot!(report(
        &["check"],
        "tests/fixtures/consumer/kiosk-missing-kk"
    ));
}

#[test]
fn consumer_fixture_complete() {
    insta::assert_json_snapshot!(report(&["check"], "tests/fixtures/consumer/kiosk-complete"));
}

#[test]
fn example_product_inventory() {
    insta::assert_json_snapshot!(report(&["inventory"], "examples/voice-assistant"));
}
