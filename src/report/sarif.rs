//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One run; the
//! rules table carries help, citations and default levels; results carry relative URIs against
//! `%SRCROOT%`, regions in Unicode code points (declared by `columnKind`), related locations,
//! `partialFingerprints`, and suppressed findings with their `suppressions`.

use super::{RuleMeta, rule_table};
use crate::Outcome;
use crate::knowledge::Knowledge;
use crate::model::{Diagnostic, Location, Severity};
use crate::scan::Inventory;
use crate::suppress::{Suppressed, SuppressedBy};
use crate::text::LineIndex;
use serde_json::{Value, json};
use std::path::Path;

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The `partialFingerprints` key; bump the version when the fingerprint inputs change.
pub const FINGERPRINT_KEY: &str = "aidisclose/v1";
const SRCROOT: &str = "%SRCROOT%";

pub fn render(outcome: &Outcome, knowledge: &Knowledge) -> String {
    let rules = rule_table(knowledge);
    let index_of = |id: &str| rules.iter().position(|r| r.id == id);
    let mut findings: Vec<(&Diagnostic, Option<&SuppressedBy>)> = outcome
        .report
        .diagnostics
        .iter()
        .map(|d| (d, None))
        .chain(
            outcome
                .suppressed
                .iter()
                .map(|s: &Suppressed| (&s.diagnostic, Some(&s.by))),
        )
        .collect();
    findings.sort_by(|a, b| (&a.0.location, &a.0.rule).cmp(&(&b.0.location, &b.0.rule)));
    let results: Vec<Value> = findings
        .into_iter()
        .map(|(d, by)| result(d, by, index_of(&d.rule), &outcome.inventory))
        .collect();
    let mut run = json!({
        "tool": {
            "driver": {
                "name": "aidisclose",
                "version": outcome.report.tool.version,
                "semanticVersion": outcome.report.tool.version,
                "informationUri": super::HOMEPAGE,
                "rules": rules.iter().map(rule).collect::<Vec<_>>(),
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(uri) = root_uri(&outcome.inventory.root) {
        run["originalUriBaseIds"] = json!({ SRCROOT: { "uri": uri } });
    }
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [run],
    });
    let mut out = serde_json::to_string_pretty(&log).expect("SARIF serialises");
    out.push('\n');
    out
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn rule(r: &RuleMeta) -> Value {
    let mut tags = r.tags.clone();
    tags.extend(r.citation.iter().cloned());
    json!({
        "id": r.id,
        "name": r.name,
        "shortDescription": { "text": r.title },
        "fullDescription": { "text": r.description },
        "help": { "text": r.help_text, "markdown": r.help_markdown },
        "helpUri": r.help_uri,
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "tags": tags },
    })
}

fn result(
    d: &Diagnostic,
    by: Option<&SuppressedBy>,
    rule_index: Option<usize>,
    inventory: &Inventory,
) -> Value {
    let mut primary = physical(&d.location);
    if let Some(source) = inventory.sources.get(&d.location.path)
        && d.location.line > 0
    {
        add_snippets(&mut primary, &d.location, source);
    }
    let mut result = json!({
        "ruleId": d.rule,
        "level": level(d.severity),
        "message": { "text": d.message },
        "locations": [ { "physicalLocation": primary } ],
        "partialFingerprints": { FINGERPRINT_KEY: d.fingerprint },
    });
    if let Some(i) = rule_index {
        result["ruleIndex"] = json!(i);
    }
    if !d.related.is_empty() {
        result["relatedLocations"] = d
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| {
                json!({
                    "id": i + 1,
                    "physicalLocation": physical(&r.location),
                    "message": { "text": r.message },
                })
            })
            .collect();
    }
    if let Some(by) = by {
        let mut suppression = json!({
            "kind": if by.in_source() { "inSource" } else { "external" },
            "status": "accepted",
            "justification": by.justification(),
        });
        if let SuppressedBy::Inline { location, .. } = by {
            suppression["location"] = json!({ "physicalLocation": physical(location) });
        }
        result["suppressions"] = json!([suppression]);
    }
    result
}

fn physical(location: &Location) -> Value {
    let mut physical = json!({
        "artifactLocation": { "uri": uri_path(&location.path), "uriBaseId": SRCROOT },
    });
    if location.line > 0 {
        let mut region = json!({ "startLine": location.line });
        if location.column > 0 {
            region["startColumn"] = json!(location.column);
        }
        if location.end_line >= location.line {
            region["endLine"] = json!(location.end_line);
            if location.column > 0
                && (location.end_line > location.line || location.end_column >= location.column)
            {
                region["endColumn"] = json!(location.end_column);
            }
        }
        physical["region"] = region;
    }
    physical
}

/// The anchor line as the region's snippet, and two lines either side as its context region.
fn add_snippets(physical: &mut Value, location: &Location, source: &str) {
    let index = LineIndex::new(source);
    let last = u32::try_from(index.line_count()).unwrap_or(u32::MAX);
    let lines = |from: u32, to: u32| -> String {
        (from..=to)
            .map(|l| index.line_text(l))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let end = location.end_line.max(location.line).min(last);
    physical["region"]["snippet"] = json!({ "text": lines(location.line, end) });
    let (from, to) = (location.line.saturating_sub(2).max(1), (end + 2).min(last));
    physical["contextRegion"] = json!({
        "startLine": from,
        "endLine": to,
        "snippet": { "text": lines(from, to) },
    });
}

/// A relative path as a URI reference: each byte outside the unreserved set and `/` is
/// percent-encoded (a `:` in a file name can never read as a scheme).
pub fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The scanned root as an absolute `file:` URI ending in `/`.
fn root_uri(root: &Path) -> Option<String> {
    let abs = std::fs::canonicalize(root).ok()?;
    let path = abs.to_str()?.replace('\\', "/");
    let path = if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    let mut uri = format!("file://{}", uri_path(&path));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    Some(uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_everything_but_unreserved() {
        assert_eq!(uri_path("app/chat.py"), "app/chat.py");
        assert_eq!(
            uri_path("a b/100%::x,\n.py"),
            "a%20b/100%25%3A%3Ax%2C%0A.py"
        );
        assert_eq!(
            uri_path("docs/ақпарат.md"),
            "docs/%D0%B0%D2%9B%D0%BF%D0%B0%D1%80%D0%B0%D1%82.md"
        );
    }

    #[test]
    fn regions_never_start_at_line_zero() {
        let whole_file = Location {
            path: "model.onnx".into(),
            ..Location::default()
        };
        assert!(physical(&whole_file).get("region").is_none());
        let loc = Location {
            path: "a.py".into(),
            line: 3,
            column: 1,
            end_line: 3,
            end_column: 14,
            ..Location::default()
        };
        assert_eq!(
            physical(&loc)["region"],
            json!({"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 14})
        );
    }
}
