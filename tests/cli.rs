//! End-to-end behaviour of the `aidisclose` binary on the bundled example and on fixture
//! repositories: exit codes, human and JSON output, config errors, explain, rules, init.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("aidisclose").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/consumer").join(name)
}

fn json_report(path: &Path, extra: &[&str]) -> (Value, i32) {
    let out = bin()
        .arg("check")
        .arg(path)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    (value, out.status.code().unwrap())
}

/// Copies a directory tree (files only) into `to`.
fn copy_tree(from: &Path, to: &Path) {
    for entry in walk(from) {
        let rel = entry.strip_prefix(from).unwrap();
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &dest).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn example_product_fails_with_a_snippet_of_the_triggering_call() {
    bin()
        .args(["check", "--no-color"])
        .arg(root().join("examples/voice-assistant"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("kz.consumer.ai-risks-safe-use"))
        .stdout(predicate::str::contains("client.chat.completions.create("))
        .stdout(predicate::str::contains(
            "kk: ai-notice, ai-risks found here, safe-use missing",
        ))
        .stdout(predicate::str::contains(
            "complete in ru here; translate it into kk",
        ))
        .stdout(predicate::str::contains(
            "Law of RK On Consumer Protection, Art. 27 p.6",
        ))
        .stdout(predicate::str::contains("1 error"));
}

#[test]
fn example_json_report_follows_the_contract() {
    let (report, code) = json_report(&root().join("examples/voice-assistant"), &[]);
    assert_eq!(code, 1);
    assert_eq!(report["schema"], "aidisclose/report/v1");
    assert_eq!(report["tool"]["name"], "aidisclose");
    let components = report["components"].as_array().unwrap();
    let openai = components
        .iter()
        .find(|c| c["name"] == "openai")
        .expect("openai component");
    assert_eq!(openai["kind"], "llm");
    assert_eq!(openai["ecosystem"], "pypi");
    let manifest = openai["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["detector"] == "manifest")
        .expect("manifest evidence");
    assert_eq!(manifest["path"], "backend/requirements.txt");
    assert_eq!(
        (manifest["line"].as_u64(), manifest["column"].as_u64()),
        (Some(4), Some(1))
    );
    assert_eq!(manifest["end_column"], 7);
    for key in [
        "path", "line", "end_line", "language", "channel", "concepts", "excerpt",
    ] {
        assert!(
            report["disclosures"][0].get(key).is_some(),
            "disclosure lacks {key}"
        );
    }
    let diags = report["diagnostics"].as_array().unwrap();
    assert_eq!(
        diags.len(),
        1,
        "one finding per product and rule: {diags:#?}"
    );
    let d = &diags[0];
    assert_eq!(d["rule"], "kz.consumer.ai-risks-safe-use");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["path"], "backend/app/assistant.py");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(18), Some(16))
    );
    assert!(
        d["message"].as_str().unwrap().ends_with("in: kk"),
        "{}",
        d["message"]
    );
    assert_eq!(d["fingerprint"].as_str().unwrap().len(), 16);
    assert_eq!(report["summary"]["errors"], 1);
}

#[test]
fn fixing_the_example_disclosure_makes_the_check_pass() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&root().join("examples/voice-assistant"), tmp.path());
    let manual = tmp.path().join("docs/manual.kk.md");
    let text = std::fs::read_to_string(&manual).unwrap();
    let fixed = text.replace(
        "## Құрылғыны күту",
        "### Қауіпсіз пайдалану шарттары\n\n- Dauys-ты жедел қызметтерді шақыру үшін пайдаланбаңыз.\n\
         - Медициналық, қаржылық және құқықтық шешімдерді тек ЖИ жауабына сүйеніп қабылдамаңыз.\n\n## Құрылғыны күту",
    );
    assert_ne!(text, fixed);
    std::fs::write(&manual, fixed).unwrap();
    bin()
        .arg("check")
        .arg(tmp.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings"));
}

#[test]
fn missing_kazakh_disclosure_is_reported_and_complete_fixture_passes() {
    let (report, code) = json_report(&fixture("kiosk-missing-kk"), &[]);
    assert_eq!(code, 1);
    let d = &report["diagnostics"][0];
    assert_eq!(d["path"], "src/recommend.js");
    assert_eq!(d["line"], 6);
    let related: Vec<&str> = d["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        related,
        [
            "kk: ai-notice found here, ai-risks, safe-use missing",
            "complete in ru here; translate it into kk"
        ]
    );
    let (report, code) = json_report(&fixture("kiosk-complete"), &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 0);
}

#[test]
fn languages_flag_and_fail_on_change_the_verdict() {
    let (report, code) = json_report(&fixture("kiosk-missing-kk"), &["--languages", "ru"]);
    assert_eq!((code, report["summary"]["errors"].as_u64()), (0, Some(0)));
    let (_, code) = json_report(&fixture("kiosk-missing-kk"), &["--fail-on", "never"]);
    assert_eq!(code, 0);
}

#[test]
fn no_ai_components_means_no_findings() {
    let (report, code) = json_report(&fixture("plain-app"), &[]);
    assert_eq!(code, 0);
    assert_eq!(
        report["components"].as_array().unwrap().len(),
        0,
        "{report:#}"
    );
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 0);
}

#[test]
fn output_is_identical_for_any_number_of_jobs() {
    let example = root().join("examples/voice-assistant");
    let one = bin()
        .args(["check", "--format", "json", "--jobs", "1"])
        .arg(&example)
        .output()
        .unwrap();
    let eight = bin()
        .args(["check", "--format", "json", "--jobs", "8"])
        .arg(&example)
        .output()
        .unwrap();
    assert_eq!(one.stdout, eight.stdout);
}

#[test]
fn output_file_receives_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report.json");
    bin()
        .args(["check", "--format", "json", "--output"])
        .arg(&out)
        .arg(fixture("kiosk-missing-kk"))
        .assert()
        .code(1)
        .stdout("");
    let report: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(report["summary"]["errors"], 1);
}

#[test]
fn broken_config_exits_2_and_shows_the_line() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join(".aidisclose.yml"),
        "jurisdictions: [kz]\nlanguage: [kk, ru]\nfail-on: error\n",
    )
    .unwrap();
    bin()
        .args(["check", "--no-color"])
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `language`"))
        .stderr(predicate::str::contains("2 │ language: [kk, ru]"))
        .stderr(predicate::str::contains("did you mean `languages`?"));
}

#[test]
fn config_is_found_by_walking_up_from_the_scanned_path() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join(".aidisclose.yml"),
        "languages: [kk, ru]\nrules:\n  kz.consumer.ai-risk-safe-use: off\n",
    )
    .unwrap();
    let sub = tmp.path().join("services/api");
    std::fs::create_dir_all(&sub).unwrap();
    bin()
        .args(["check", "--no-color"])
        .arg(&sub)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown rule `kz.consumer.ai-risk-safe-use`",
        ))
        .stderr(predicate::str::contains(
            "did you mean `kz.consumer.ai-risks-safe-use`?",
        ));
}

#[test]
fn config_can_switch_a_rule_off() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&fixture("kiosk-missing-kk"), tmp.path());
    std::fs::write(
        tmp.path().join(".aidisclose.yml"),
        "rules:\n  kz.consumer.ai-risks-safe-use: off\n",
    )
    .unwrap();
    bin().arg("check").arg(tmp.path()).assert().code(0);
}

#[test]
fn explain_prints_the_citation_in_three_languages() {
    bin()
        .args(["explain", "kz.consumer.ai-risks-safe-use"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Legal text (kk, official text)"))
        .stdout(predicate::str::contains("жасанды интеллект құрауыштары"))
        .stdout(predicate::str::contains("Legal text (ru, [inferred]"))
        .stdout(predicate::str::contains(
            "Legal text (en, unofficial translation)",
        ))
        .stdout(predicate::str::contains("What a person must still judge"))
        .stdout(predicate::str::contains("Қауіпсіз пайдалану шарттары"));
}

#[test]
fn explain_unknown_rule_suggests_the_closest() {
    bin()
        .args(["explain", "kz.consumer.ai-risk"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown rule `kz.consumer.ai-risk`",
        ))
        .stderr(predicate::str::contains(
            "did you mean `kz.consumer.ai-risks-safe-use`?",
        ));
}

#[test]
fn rules_lists_the_catalogue() {
    bin()
        .arg("rules")
        .assert()
        .success()
        .stdout(predicate::str::contains("kz:"))
        .stdout(predicate::str::contains("kz.consumer.ai-risks-safe-use"));
}

#[test]
fn inventory_lists_components_and_disclosures_without_verdicts() {
    let out = bin()
        .args(["inventory", "--format", "json"])
        .arg(root().join("examples/voice-assistant"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 0);
    let names: Vec<&str> = report["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    for expected in ["@anthropic-ai/sdk", "openai", "openai-whisper"] {
        assert!(names.contains(&expected), "{names:?}");
    }
    let kk = report["disclosures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == "docs/manual.kk.md")
        .expect("kk manual disclosure");
    assert_eq!(kk["language"], "kk");
    assert_eq!(kk["channel"], "docs");
    assert_eq!(kk["concepts"], serde_json::json!(["ai-notice", "ai-risks"]));
}

#[test]
fn init_writes_a_config_that_loads_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    bin()
        .arg("init")
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("wrote"));
    let config = tmp.path().join(".aidisclose.yml");
    assert!(config.is_file());
    std::fs::write(&config, "languages: [ru]\n").unwrap();
    bin()
        .arg("init")
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("kept"));
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "languages: [ru]\n"
    );
    bin().arg("check").arg(tmp.path()).assert().code(0);
}

#[test]
fn missing_path_is_a_usage_error() {
    bin()
        .args(["check", "/nonexistent/aidisclose-test"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such file or directory"));
}
