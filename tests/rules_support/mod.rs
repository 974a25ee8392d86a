//! Helpers for the rule tests: run the binary on a fixture (or a copy of it) and read the JSON
//! report's diagnostics.

// Each test crate uses a subset of the helpers.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(name)
}

/// Copies a fixture into a fresh temporary directory, to apply fixes to it.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(name), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A rule's failing fixture (`kz/<name>/fail`) with its fix (`kz/<name>/fix`) copied over it,
/// in a temporary directory.
pub fn fixed_fixture(name: &str) -> tempfile::TempDir {
    let dir = copy_fixture(&format!("kz/{name}/fail"));
    copy_dir(&fixture(&format!("kz/{name}/fix")), dir.path());
    dir
}

/// Runs `aidisclose check --format json` on a tree; returns (rule, path, line) of each diagnostic
/// and the full report.
pub fn check(root: &Path) -> (Vec<(String, String, u64)>, Value) {
    let out = Command::cargo_bin("aidisclose")
        .expect("binary")
        .args(["check", "--format", "json", "--jobs", "2"])
        .arg(root)
        .output()
        .expect("run");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let diags = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["path"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    (diags, report)
}

/// The diagnostics of rules whose id starts with `prefix`.
pub fn of_rules(diags: &[(String, String, u64)], prefix: &str) -> Vec<(String, String, u64)> {
    diags
        .iter()
        .filter(|(r, _, _)| r.starts_with(prefix))
        .cloned()
        .collect()
}

/// Replaces `from` with `to` in a file of the tree (the fix must apply exactly once).
pub fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert_eq!(
        text.matches(from).count(),
        1,
        "{file}: `{from}` not found once"
    );
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

/// Appends text to a file of the tree, creating it if needed.
pub fn append(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create dir");
    }
    let mut content = std::fs::read_to_string(&path).unwrap_or_default();
    content.push_str(text);
    std::fs::write(&path, content).expect("write");
}
