//! Baseline: a fixture scanned and baselined, then edited (lines shifted, one new gap added),
//! reports exactly the new gap.

mod ci_support;

use ci_support::*;
use serde_json::Value;

fn diagnostics(output: &std::process::Output) -> Vec<Value> {
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    report["diagnostics"].as_array().unwrap().clone()
}

#[test]
fn only_new_gaps_fail_after_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    copy_tree(&manifest_dir().join("tests/fixtures/ci-kiosk"), &repo);
    let baseline = dir.path().join("baseline.json");
    let b = baseline.to_str().unwrap();

    // Adopting: the current findings are recorded and the run passes.
    let output = run(
        &repo,
        &["check", ".", "--format", "json", "--write-baseline", b],
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(diagnostics(&output).is_empty());
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(written["schema"], "aidisclose/baseline/v1");
    assert_eq!(written["findings"].as_array().unwrap().len(), 1);
    assert_eq!(written["findings"][0]["path"], "kiosk/app/assistant.py");

    // Unrelated edits shift the anchor's lines: still nothing new.
    let assistant = repo.join("kiosk/app/assistant.py");
    let text = std::fs::read_to_string(&assistant).unwrap();
    std::fs::write(
        &assistant,
        format!("# Copyright 2026 Kiosk LLP\n# SPDX-License-Identifier: Apache-2.0\n\nimport logging\n{text}"),
    )
    .unwrap();
    let output = run(&repo, &["check", ".", "--format", "json", "--baseline", b]);
    assert_eq!(output.status.code(), Some(0));
    assert!(diagnostics(&output).is_empty());
    let without = run(&repo, &["check", ".", "--format", "json"]);
    assert_eq!(
        diagnostics(&without)[0]["line"],
        13,
        "the anchor moved by four lines"
    );

    // A new gap: the support bot starts using an LLM without a disclosure.
    std::fs::write(
        repo.join("bot/src/assistant.js"),
        "import OpenAI from \"openai\";\n\nconst openai = new OpenAI();\n\n\
         export async function suggest(question) {\n\
         \x20 const completion = await openai.chat.completions.create({\n\
         \x20   model: \"gpt-4o-mini\",\n\
         \x20   messages: [{ role: \"user\", content: question }],\n\
         \x20 });\n\
         \x20 return completion.choices[0].message.content;\n}\n",
    )
    .unwrap();
    let output = run(&repo, &["check", ".", "--format", "json", "--baseline", b]);
    assert_eq!(output.status.code(), Some(1));
    let new = diagnostics(&output);
    assert_eq!(new.len(), 1, "{new:#?}");
    assert_eq!(new[0]["rule"], "kz.consumer.ai-risks-safe-use");
    assert_eq!(new[0]["path"], "bot/src/assistant.js");
    assert_eq!(
        diagnostics(&run(&repo, &["check", ".", "--format", "json"])).len(),
        2
    );

    // The baselined finding is still visible to code scanning, as an external suppression.
    let output = run(&repo, &["check", ".", "--format", "sarif", "--baseline", b]);
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    validate_sarif(&sarif, "baselined");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let baselined: Vec<&Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(baselined.len(), 1);
    assert_eq!(baselined[0]["suppressions"][0]["kind"], "external");
}

#[test]
fn a_broken_baseline_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("baseline.json");
    std::fs::write(&bad, "{\"findings\": 3}").unwrap();
    let fixture = manifest_dir().join("tests/fixtures/ci-kiosk");
    let output = run(
        &fixture,
        &["check", ".", "--baseline", bad.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not an aidisclose baseline"));
}
