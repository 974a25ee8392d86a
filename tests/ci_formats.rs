//! The machine formats: SARIF, CycloneDX and JUnit of every fixture validate against their
//! schemas; one scan writes several formats; hostile file names are escaped everywhere.

mod ci_support;

use ci_support::*;
use serde_json::Value;
use std::path::Path;

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// One scan of `dir` writing every format; returns (exit code, outputs directory).
fn scan_all(dir: &Path, out: &Path) -> i32 {
    let arg = |f: &str, file: &str| format!("{f}={}", out.join(file).display());
    let output = run(
        dir,
        &[
            "check",
            ".",
            "--format",
            "json",
            "--output",
            out.join("report.json").to_str().unwrap(),
            "--output-format",
            &arg("sarif", "results.sarif"),
            "--output-format",
            &arg("cyclonedx", "bom.json"),
            "--output-format",
            &arg("junit", "junit.xml"),
            "--output-format",
            &arg("github", "annotations.txt"),
            "--output-format",
            &arg("markdown", "summary.md"),
        ],
    );
    let code = output.status.code().unwrap();
    assert!(
        code == 0 || code == 1,
        "{}: {}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    code
}

#[test]
fn every_fixture_validates_against_the_official_schemas() {
    for fixture in fixtures() {
        let out = tempfile::tempdir().unwrap();
        let what = fixture.display().to_string();
        scan_all(&fixture, out.path());
        let report = read_json(&out.path().join("report.json"));
        let sarif = read_json(&out.path().join("results.sarif"));
        validate_sarif(&sarif, &what);
        let bom = read_json(&out.path().join("bom.json"));
        validate_cyclonedx(&bom, &what);
        validate_junit(
            &std::fs::read_to_string(out.path().join("junit.xml")).unwrap(),
            &what,
        );
        // The same findings in every format.
        let diagnostics = report["diagnostics"].as_array().unwrap();
        let open: Vec<&Value> = sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r.get("suppressions").is_none())
            .collect();
        assert_eq!(open.len(), diagnostics.len(), "{what}");
        for (r, d) in open.iter().zip(diagnostics) {
            assert_eq!(r["ruleId"], d["rule"], "{what}");
            assert!(!r["locations"].as_array().unwrap().is_empty(), "{what}");
            assert_eq!(
                r["partialFingerprints"]["aidisclose/v1"], d["fingerprint"],
                "{what}"
            );
        }
        let annotations = std::fs::read_to_string(out.path().join("annotations.txt")).unwrap();
        let located = annotations.lines().filter(|l| l.contains(" file=")).count();
        assert_eq!(located, diagnostics.len(), "{what}");
        assert!(
            annotations.lines().all(|l| l.starts_with("::")),
            "{what}: {annotations}"
        );
        assert!(
            annotations
                .lines()
                .last()
                .unwrap()
                .starts_with("::notice title=aidisclose::")
        );
        assert_eq!(
            bom["components"].as_array().unwrap().len(),
            report["components"].as_array().unwrap().len(),
            "{what}"
        );
    }
}

#[test]
fn sarif_rules_table_and_locations() {
    let out = tempfile::tempdir().unwrap();
    let fixture = manifest_dir().join("tests/fixtures/ci-kiosk");
    assert_eq!(scan_all(&fixture, out.path()), 1);
    let sarif = read_json(&out.path().join("results.sarif"));
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .unwrap()
            .starts_with("file:///")
    );
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let consumer = rules
        .iter()
        .find(|r| r["id"] == "kz.consumer.ai-risks-safe-use")
        .unwrap();
    for key in [
        "name",
        "shortDescription",
        "fullDescription",
        "help",
        "helpUri",
    ] {
        assert!(consumer.get(key).is_some(), "rule without {key}");
    }
    assert!(
        consumer["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("**How to fix.**")
    );
    assert_eq!(consumer["defaultConfiguration"]["level"], "error");
    assert!(
        consumer["properties"]["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t.as_str().unwrap().contains("Art. 27 p.6"))
    );
    let result = &run["results"][0];
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "kiosk/app/assistant.py"
    );
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(location["region"]["startLine"], 9);
    assert_eq!(location["region"]["startColumn"], 16);
    assert!(
        location["region"]["snippet"]["text"]
            .as_str()
            .unwrap()
            .contains("client.chat.completions.create(")
    );
    assert_eq!(
        rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
        result["ruleId"]
    );
    // The partial disclosure (ru complete, kk missing) is a related location.
    let related = result["relatedLocations"].as_array().unwrap();
    assert!(related.iter().any(|r| {
        r["physicalLocation"]["artifactLocation"]["uri"] == "kiosk/docs/manual.ru.md"
            && r["message"]["text"]
                .as_str()
                .unwrap()
                .contains("translate it into kk")
    }));
}

#[test]
fn suppressions_appear_in_sarif_and_junit() {
    let out = tempfile::tempdir().unwrap();
    let fixture = manifest_dir().join("tests/fixtures/ci-suppressions");
    scan_all(&fixture, out.path());
    let sarif = read_json(&out.path().join("results.sarif"));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let suppression = |uri: &str| -> Option<Value> {
        results
            .iter()
            .find(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri)
            .and_then(|r| r.get("suppressions").map(|s| s[0].clone()))
    };
    let chat = suppression("chat/app.py").expect("chat/app.py suppressed inline");
    assert_eq!(chat["kind"], "inSource");
    assert!(
        chat["justification"]
            .as_str()
            .unwrap()
            .contains("contract 14/2025")
    );
    assert_eq!(
        chat["location"]["physicalLocation"]["region"]["startLine"],
        7
    );
    assert_eq!(
        suppression("vision/src/inspect.ts").unwrap()["kind"],
        "inSource"
    );
    let waived = suppression("tools/summarise.py").unwrap();
    assert_eq!(waived["kind"], "external");
    assert!(
        waived["justification"]
            .as_str()
            .unwrap()
            .contains("internal tooling")
    );
    assert!(
        suppression("legacy/portal.py").is_none(),
        "an expired waiver suppresses nothing"
    );
    let junit = std::fs::read_to_string(out.path().join("junit.xml")).unwrap();
    assert!(junit.contains("<skipped message=\"config waiver: internal tooling"));
    assert!(junit.contains("<testsuite name=\"aidisclose.waiver.expired\""));
}

#[test]
fn hostile_file_names_are_escaped_in_annotations_markdown_and_sarif() {
    let dir = tempfile::tempdir().unwrap();
    let name = "100%,x::error file=evil.py,line=1::pwned\n::warning::b,c.py";
    std::fs::write(
        dir.path().join(name),
        "import openai\n\nreply = openai.chat.completions.create(model=\"gpt-4o-mini\", messages=[])\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    assert_eq!(scan_all(dir.path(), out.path()), 1);

    let annotations = std::fs::read_to_string(out.path().join("annotations.txt")).unwrap();
    let lines: Vec<&str> = annotations.lines().collect();
    assert_eq!(
        lines.len(),
        2,
        "one annotation, one line, and the counts: {annotations}"
    );
    assert!(lines[1].starts_with("::notice title=aidisclose::1 error,"));
    let line = lines[0];
    assert!(line.starts_with("::error file=100%25%2Cx%3A%3Aerror file=evil.py%2Cline=1%3A%3Apwned%0A%3A%3Awarning%3A%3Ab%2Cc.py,line=3,"), "{line}");
    // Exactly one `::` separator outside the escaped values: the one before the message.
    let (props, message) = line["::error ".len()..].split_once("::").unwrap();
    assert!(props.split(',').all(|p| p.contains('=')), "{props}");
    assert!(!message.contains('\n') && !message.contains('\r'));
    let file = props
        .split(',')
        .find_map(|p| p.strip_prefix("file="))
        .unwrap();
    let unescaped = file
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%");
    assert_eq!(unescaped, name);

    let markdown = std::fs::read_to_string(out.path().join("summary.md")).unwrap();
    let row = markdown
        .lines()
        .find(|l| l.starts_with("| ❌ |"))
        .expect("a findings row");
    assert!(
        row.contains("100%,x::error file=evil\\.py") || row.contains("100%,x::error file=evil.py"),
        "{row}"
    );
    assert!(
        row.contains(" ::warning::b,c.py:3"),
        "the newline became a space: {row}"
    );
    assert_eq!(row.matches(" | ").count(), 3, "no extra cells: {row}");
    assert!(!markdown.contains("\n::warning"), "{markdown}");

    let sarif = read_json(&out.path().join("results.sarif"));
    validate_sarif(&sarif, "hostile");
    assert_eq!(
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "100%25%2Cx%3A%3Aerror%20file%3Devil.py%2Cline%3D1%3A%3Apwned%0A%3A%3Awarning%3A%3Ab%2Cc.py"
    );
}

#[test]
fn several_outputs_from_one_scan_and_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = manifest_dir().join("tests/fixtures/ci-kiosk");
    let sarif = dir.path().join("r.sarif");
    let output = run(
        &fixture,
        &[
            "check",
            ".",
            "--format",
            "human",
            "--format",
            "sarif",
            "--output",
            sarif.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("kz.consumer.ai-risks-safe-use"), "{stdout}");
    assert!(!stdout.contains("\"version\": \"2.1.0\""));
    assert!(
        std::fs::read_to_string(&sarif)
            .unwrap()
            .contains("\"version\": \"2.1.0\"")
    );

    let output = run(
        &fixture,
        &["check", ".", "--format", "json", "--format", "sarif"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("stdout"));
    let output = run(&fixture, &["check", ".", "--output-format", "yaml=x"]);
    assert_eq!(output.status.code(), Some(2));
}
