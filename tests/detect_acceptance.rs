//! The acceptance repository of the detection issue, through the binary: litellm in Python,
//! `@anthropic-ai/sdk` in TypeScript, go-openai in Go, llama.cpp bindings in Kotlin, face
//! detection in Swift and a GGUF model file, each with its kind and the lines that show it.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::PathBuf;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/detect/acceptance")
}

/// One piece of evidence: path, line, detector.
type Ev = (String, u64, String);

/// Each component as `ecosystem:name`, its kind and its evidence.
fn components(report: &Value) -> Vec<(String, String, Vec<Ev>)> {
    report["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let evidence = c["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        e["path"].as_str().unwrap().to_string(),
                        e["line"].as_u64().unwrap(),
                        e["detector"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            (
                format!(
                    "{}:{}",
                    c["ecosystem"].as_str().unwrap(),
                    c["name"].as_str().unwrap()
                ),
                c["kind"].as_str().unwrap().to_string(),
                evidence,
            )
        })
        .collect()
}

fn ev(path: &str, line: u64, detector: &str) -> Ev {
    (path.to_string(), line, detector.to_string())
}

#[test]
fn inventory_lists_each_component_with_its_kind_and_lines() {
    let report = common::inventory_json(&fixture());
    let kt = "android/app/src/main/kotlin/kz/example/assistant/LocalModel.kt";
    let swift = "ios/Sources/FaceCheck/FaceCheck.swift";
    let expected = vec![
        (
            "npm:@anthropic-ai/sdk".to_string(),
            "llm".to_string(),
            vec![
                ev("web/package.json", 6, "manifest"),
                // Line 2 is `import type`: erased at compile time, not evidence.
                ev("web/src/summarize.ts", 1, "import"),
                ev("web/src/summarize.ts", 8, "call"),
            ],
        ),
        (
            "apple:Vision".to_string(),
            "biometric-face".to_string(),
            vec![ev(swift, 2, "import"), ev(swift, 7, "call")],
        ),
        (
            "maven:de.kherud:llama".to_string(),
            "llm".to_string(),
            vec![
                ev("android/app/build.gradle.kts", 14, "manifest"),
                ev(kt, 3, "import"),
                ev(kt, 4, "import"),
                ev(kt, 5, "import"),
                ev(kt, 9, "call"),
            ],
        ),
        (
            "go:github.com/sashabaranov/go-openai".to_string(),
            "llm".to_string(),
            vec![
                ev("gateway/go.mod", 7, "manifest"),
                ev("gateway/main.go", 10, "import"),
                ev("gateway/main.go", 14, "env"),
                ev("gateway/main.go", 17, "call"),
            ],
        ),
        (
            "pypi:litellm".to_string(),
            "llm".to_string(),
            vec![
                ev("agent/app/chat.py", 5, "import"),
                ev("agent/app/chat.py", 6, "import"),
                ev("agent/app/chat.py", 15, "call"),
                ev("agent/requirements.txt", 3, "manifest"),
            ],
        ),
        (
            "model-file:models/tinyllama-1.1b-chat.Q4_K_M.gguf".to_string(),
            "llm".to_string(),
            vec![ev(
                "models/tinyllama-1.1b-chat.Q4_K_M.gguf",
                1,
                "model-file",
            )],
        ),
    ];
    assert_eq!(components(&report), expected);
    assert_eq!(report["skipped"], Value::Array(vec![]));
}

#[test]
fn inventory_table_names_kinds_and_first_lines() {
    Command::cargo_bin("aidisclose")
        .unwrap()
        .arg("inventory")
        .arg(fixture())
        .assert()
        .success()
        .stdout(predicate::str::contains("AI components (6)"))
        .stdout(predicate::str::is_match(r"litellm\s+llm\s+pypi\s+4 evidence\s+agent/app/chat.py:15 \(call\)").unwrap())
        .stdout(predicate::str::is_match(r"Vision\s+biometric-face\s+apple\s+2 evidence\s+ios/Sources/FaceCheck/FaceCheck.swift:7 \(call\)").unwrap())
        .stdout(predicate::str::is_match(r"models/tinyllama-1.1b-chat.Q4_K_M.gguf\s+llm\s+model-file").unwrap());
}
