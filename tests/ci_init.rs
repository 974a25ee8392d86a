//! `init`: the config, the kk/ru/en disclosure templates and the workflow; never overwrites; the
//! templates are recognised as the disclosures the consumer rule asks for.

mod ci_support;

use ci_support::*;
use serde_json::Value;

#[test]
fn init_writes_templates_and_a_workflow_and_keeps_existing_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("docs")).unwrap();
    std::fs::write(
        dir.path().join("docs/ai-disclosure.en.md"),
        "# Our own text\n",
    )
    .unwrap();
    let output = run(dir.path(), &["init", ".", "--ci", "github"]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    for written in [
        ".aidisclose.yml",
        "docs/ai-disclosure.kk.md",
        "docs/ai-disclosure.ru.md",
        ".github/workflows/aidisclose.yml",
    ] {
        assert!(stdout.contains(&format!("wrote ./{written}")), "{stdout}");
        assert!(dir.path().join(written).is_file());
    }
    assert!(
        stdout.contains("kept ./docs/ai-disclosure.en.md"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("docs/ai-disclosure.en.md")).unwrap(),
        "# Our own text\n"
    );
    let workflow =
        std::fs::read_to_string(dir.path().join(".github/workflows/aidisclose.yml")).unwrap();
    assert!(workflow.contains("security-events: write"));
    let kk = std::fs::read_to_string(dir.path().join("docs/ai-disclosure.kk.md")).unwrap();
    assert!(kk.contains("[ӨНІМ АТАУЫ]") && kk.contains("үш жұмыс күні"));

    // A second run overwrites nothing.
    let output = run(dir.path(), &["init", "."]);
    assert!(!String::from_utf8(output.stdout).unwrap().contains("wrote"));
}

#[test]
fn the_templates_satisfy_the_consumer_disclosure_in_kk_and_ru() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run(dir.path(), &["init", "."]).status.code(), Some(0));
    std::fs::write(
        dir.path().join("app.py"),
        "import openai\n\nreply = openai.chat.completions.create(model=\"gpt-4o-mini\", messages=[])\n",
    )
    .unwrap();
    let output = run(dir.path(), &["check", ".", "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(
        !rules.contains(&"kz.consumer.ai-risks-safe-use"),
        "{rules:?}"
    );
    for lang in ["kk", "ru", "en"] {
        let passage = report["disclosures"].as_array().unwrap().iter().find(|d| {
            d["language"] == lang
                && ["ai-notice", "ai-risks", "safe-use"]
                    .iter()
                    .all(|c| d["concepts"].as_array().unwrap().iter().any(|x| x == c))
        });
        assert!(
            passage.is_some(),
            "no complete {lang} passage: {:#}",
            report["disclosures"]
        );
    }
    // Without the templates the same code is a finding.
    let bare = tempfile::tempdir().unwrap();
    std::fs::copy(dir.path().join("app.py"), bare.path().join("app.py")).unwrap();
    let output = run(bare.path(), &["check", ".", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
}
