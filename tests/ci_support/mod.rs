//! Shared helpers of the `ci_*` tests: running the binary, copying fixtures, and validating
//! outputs against the official schemas in `tests/schemas/`.

#![allow(dead_code)] // each test binary uses a different subset

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_aidisclose")
}

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn run(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new(bin())
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("aidisclose runs")
}

/// Every fixture repository under `tests/fixtures/` and the products under `examples/`: the
/// first directories on each path that hold a file (a folder of folders groups fixtures).
pub fn fixtures() -> Vec<PathBuf> {
    fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        if entries.iter().any(|p| p.is_file()) {
            out.push(dir.to_path_buf());
        } else {
            for sub in entries.iter().filter(|p| p.is_dir()) {
                collect(sub, out);
            }
        }
    }
    let mut out = Vec::new();
    for parent in ["tests/fixtures", "examples"] {
        let Ok(entries) = std::fs::read_dir(manifest_dir().join(parent)) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() && path.file_name().is_some_and(|n| n != "workflows") {
                collect(&path, &mut out);
            }
        }
    }
    out.sort();
    assert!(out.len() > 5, "fixtures not found: {out:?}");
    out
}

/// Copies a directory tree (fixtures are small).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

fn schema(name: &str) -> Value {
    let text = std::fs::read_to_string(manifest_dir().join("tests/schemas").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn check(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is not valid:\n{}",
        errors.join("\n")
    );
}

/// The official SARIF schema's pattern for `language` (`…{2}]?$`, unbalanced) is not a regex the
/// validator accepts; aidisclose never writes `language`, so that one keyword is dropped.
const BROKEN_LANGUAGE_PATTERN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";

fn drop_broken_pattern(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("pattern").and_then(Value::as_str) == Some(BROKEN_LANGUAGE_PATTERN) {
                map.remove("pattern");
            }
            map.values_mut().for_each(drop_broken_pattern);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_broken_pattern),
        _ => {}
    }
}

/// Validates a SARIF log against the official SARIF 2.1.0 schema, formats (URIs) included.
pub fn validate_sarif(instance: &Value, what: &str) {
    let mut schema = schema("sarif-schema-2.1.0.json");
    drop_broken_pattern(&mut schema);
    let validator = jsonschema::options()
        .offline()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    check(&validator, instance, what);
}

/// Validates a BOM against the official CycloneDX 1.6 schema (with the SPDX and JSF schemas it
/// refers to).
pub fn validate_cyclonedx(instance: &Value, what: &str) {
    let registry = jsonschema::Registry::new()
        .add(
            "http://cyclonedx.org/schema/spdx.schema.json",
            schema("spdx.schema.json"),
        )
        .unwrap()
        .add(
            "http://cyclonedx.org/schema/jsf-0.82.schema.json",
            schema("jsf-0.82.schema.json"),
        )
        .unwrap()
        .prepare()
        .unwrap();
    let validator = jsonschema::options()
        .offline()
        .with_registry(&registry)
        .build(&schema("bom-1.6.schema.json"))
        .expect("the CycloneDX schema compiles");
    check(&validator, instance, what);
}

/// Checks JUnit XML against the structure of the common JUnit schema (Jenkins `junit-10.xsd`):
/// `testsuites` > `testsuite[name, tests, failures, errors]` > `testcase[name, classname]` >
/// at most one of `failure[message, type]` / `skipped`, with consistent counts.
pub fn validate_junit(xml: &str, what: &str) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let (mut suites, mut cases, mut failures) = (0, 0, 0);
    let mut declared: Option<(usize, usize)> = None;
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let (start, empty) = match &event {
            Event::Start(s) => (Some(s.clone()), false),
            Event::Empty(s) => (Some(s.clone()), true),
            Event::End(_) => {
                stack.pop();
                (None, false)
            }
            Event::Eof => break,
            _ => (None, false),
        };
        let Some(start) = start else { continue };
        let name = AsRef::<str>::as_ref(&start.name()).to_string();
        let attr = |key: &str| -> Option<String> {
            start
                .attributes()
                .flatten()
                .find(|a| AsRef::<str>::as_ref(&a.key) == key)
                .map(|a| {
                    a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .unwrap()
                        .into_owned()
                })
        };
        let parent = stack.last().map(String::as_str);
        match name.as_str() {
            "testsuites" => {
                assert_eq!(parent, None, "{what}: testsuites must be the root");
                let n = |k: &str| attr(k).unwrap_or_else(|| panic!("{what}: no {k}"));
                declared = Some((n("tests").parse().unwrap(), n("failures").parse().unwrap()));
            }
            "testsuite" => {
                assert_eq!(parent, Some("testsuites"), "{what}: misplaced testsuite");
                for k in ["name", "tests", "failures", "errors"] {
                    assert!(attr(k).is_some(), "{what}: testsuite without {k}");
                }
                suites += 1;
            }
            "testcase" => {
                assert_eq!(parent, Some("testsuite"), "{what}: misplaced testcase");
                assert!(attr("name").is_some() && attr("classname").is_some());
                cases += 1;
            }
            "failure" => {
                assert_eq!(parent, Some("testcase"), "{what}: misplaced failure");
                assert!(attr("message").is_some() && attr("type").is_some());
                failures += 1;
            }
            "skipped" | "system-out" => {
                assert_eq!(parent, Some("testcase"), "{what}: misplaced {name}");
            }
            other => panic!("{what}: unexpected element {other}"),
        }
        if !empty {
            stack.push(name);
        }
    }
    assert!(suites > 0, "{what}: no test suites");
    assert_eq!(declared, Some((cases, failures)), "{what}: counts disagree");
}
