//! `aidisclose inventory --format json` on a repository with kk, ru and en locale files lists
//! each disclosure with the right language, channel and concepts.

mod common;

use std::path::PathBuf;

#[test]
fn inventory_json_lists_locale_disclosures() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/assets/chat-app");
    let report = common::inventory_json(&root);
    let disclosures = report["disclosures"].as_array().unwrap();
    let find = |path: &str| {
        disclosures
            .iter()
            .find(|d| d["path"] == path)
            .unwrap_or_else(|| panic!("no disclosure for {path}"))
    };
    for (path, lang, concepts) in [
        (
            "web/public/locales/kk/common.json",
            "kk",
            &["ai-notice", "ai-risks", "safe-use"][..],
        ),
        (
            "web/public/locales/ru/common.json",
            "ru",
            &["ai-notice", "ai-risks", "safe-use", "rights-protection"][..],
        ),
        (
            "web/public/locales/en/common.json",
            "en",
            &["ai-notice", "ai-risks", "safe-use", "rights-protection"][..],
        ),
    ] {
        let d = find(path);
        assert_eq!(d["language"], lang, "{path}");
        assert_eq!(d["channel"], "ui", "{path}");
        assert_eq!(d["key"], "ai.disclaimer", "{path}");
        assert_eq!(d["reachable"], true, "{path}");
        let found: Vec<&str> = d["concepts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(found, concepts, "{path}");
        assert!(d["line"].as_u64().unwrap() >= 1 && d["end_line"].as_u64() >= d["line"].as_u64());
    }
    assert_eq!(
        report["summary"]["disclosures"].as_u64().unwrap() as usize,
        disclosures.len()
    );
}
