//! Reviewed snapshots of what detection finds in realistic fixture repositories: one per manifest
//! ecosystem, one per language, model files, settings files, and decoys that must give nothing.
//! Each component is listed as `ecosystem name kind` with its evidence as
//! `path:line:column detector`; files skipped or partly read are listed with their note.

mod common;

use aidisclose::knowledge::Knowledge;
use serde_json::{Value, json};
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/detect")
}

/// The inventory of a fixture, compacted for review.
fn inventory(fixture: &str) -> Value {
    let report = common::inventory_json(&fixtures().join(fixture));
    let components: Vec<Value> = report["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let evidence: Vec<String> = c["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    format!(
                        "{}:{}:{} {}",
                        e["path"].as_str().unwrap(),
                        e["line"],
                        e["column"],
                        e["detector"].as_str().unwrap()
                    )
                })
                .collect();
            json!({
                "component": format!("{} {} {}", c["ecosystem"].as_str().unwrap(), c["name"].as_str().unwrap(), c["kind"].as_str().unwrap()),
                "evidence": evidence,
            })
        })
        .collect();
    let skipped: Vec<String> = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            format!(
                "{}: {}",
                n["path"].as_str().unwrap(),
                n["message"].as_str().unwrap()
            )
        })
        .collect();
    json!({"components": components, "skipped": skipped})
}

const ECOSYSTEMS: [&str; 13] = [
    "pypi",
    "npm",
    "crates",
    "go",
    "maven",
    "gradle",
    "nuget",
    "rubygems",
    "swiftpm",
    "cocoapods",
    "pub",
    "packagist",
    "malformed",
];

const LANGUAGES: [&str; 12] = [
    "python",
    "javascript",
    "typescript",
    "go",
    "rust",
    "java",
    "kotlin",
    "swift",
    "csharp",
    "ruby",
    "php",
    "dart",
];

#[test]
fn manifests_of_each_ecosystem() {
    for eco in ECOSYSTEMS {
        insta::assert_json_snapshot!(
            format!("ecosystem_{eco}"),
            inventory(&format!("ecosystems/{eco}"))
        );
    }
}

#[test]
fn code_of_each_language() {
    for lang in LANGUAGES {
        insta::assert_json_snapshot!(
            format!("language_{lang}"),
            inventory(&format!("languages/{lang}"))
        );
    }
}

#[test]
fn model_files_by_magic_bytes() {
    insta::assert_json_snapshot!(inventory("models"));
}

#[test]
fn env_and_config_files() {
    insta::assert_json_snapshot!(inventory("settings"));
}

#[test]
fn decoys_give_nothing() {
    assert_eq!(
        inventory("decoys"),
        json!({"components": [], "skipped": []})
    );
}

#[test]
fn decoy_sources_without_ai_literals_are_not_parsed() {
    let k = Knowledge::load().unwrap();
    // cmd/main.go and src/maintenance.py mention OpenAI in a comment: parsed, and still nothing.
    for file in ["src/labels.js", "src/ai-labels.js"] {
        let text = std::fs::read(fixtures().join("decoys").join(file)).unwrap();
        let lang = aidisclose::detect::code::Language::JavaScript;
        assert!(
            !k.queries.is_candidate(lang, &text),
            "{file} would be parsed"
        );
    }
}
