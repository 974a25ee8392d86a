//! `--format cyclonedx`: a CycloneDX 1.6 JSON ML-BOM of the AI components found, each with the
//! occurrences that revealed it (`evidence.occurrences`). No timestamp or serial number, so the
//! same tree gives the same BOM.

use crate::Outcome;
use crate::model::{Component, Detector};
use serde_json::{Value, json};

pub fn render(outcome: &Outcome) -> String {
    let report = &outcome.report;
    let components: Vec<Value> = report.components.iter().map(component).collect();
    let bom = json!({
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": {
            "tools": {
                "components": [{
                    "type": "application",
                    "name": report.tool.name,
                    "version": report.tool.version,
                }]
            },
            "properties": [
                { "name": "aidisclose:files-scanned", "value": report.summary.files.to_string() },
                { "name": "aidisclose:disclosure-passages", "value": report.summary.disclosures.to_string() },
            ],
        },
        "components": components,
    });
    let mut out = serde_json::to_string_pretty(&bom).expect("the BOM serialises");
    out.push('\n');
    out
}

fn component(c: &Component) -> Value {
    let is_model = c.evidence.iter().all(|e| e.detector == Detector::ModelFile);
    let mut value = json!({
        "type": if is_model { "machine-learning-model" } else { "library" },
        "bom-ref": format!("{}:{}", c.ecosystem, c.name),
        "name": c.name,
        "properties": [
            { "name": "aidisclose:component-kind", "value": c.kind.as_str() },
            { "name": "aidisclose:ecosystem", "value": c.ecosystem },
        ],
        "evidence": {
            "occurrences": c.evidence.iter().map(|e| {
                let mut o = json!({
                    "location": e.location.path,
                    "additionalContext": e.detector.as_str(),
                });
                if e.location.line > 0 {
                    o["line"] = json!(e.location.line);
                    o["offset"] = json!(e.location.column);
                }
                o
            }).collect::<Vec<_>>(),
        },
    });
    if let Some(purl) = purl(&c.ecosystem, &c.name) {
        value["purl"] = json!(purl);
    }
    value
}

/// A package URL for the ecosystems that have a purl type.
fn purl(ecosystem: &str, name: &str) -> Option<String> {
    let kind = match ecosystem {
        "pypi" => "pypi",
        "npm" => "npm",
        "cargo" | "crates" => "cargo",
        "rubygems" | "gem" => "gem",
        "nuget" => "nuget",
        "go" | "golang" => "golang",
        "composer" | "packagist" => "composer",
        "pub" => "pub",
        _ => return None,
    };
    let name = match kind {
        "pypi" => name.to_ascii_lowercase().replace('_', "-"),
        _ => name.to_string(),
    };
    let encoded: Vec<String> = name
        .split('/')
        .map(|segment| {
            segment
                .bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                        (b as char).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect()
        })
        .collect();
    Some(format!("pkg:{kind}/{}", encoded.join("/")))
}

#[cfg(test)]
mod tests {
    use super::purl;

    #[test]
    fn package_urls() {
        assert_eq!(
            purl("pypi", "Google_GenerativeAI").unwrap(),
            "pkg:pypi/google-generativeai"
        );
        assert_eq!(
            purl("npm", "@anthropic-ai/sdk").unwrap(),
            "pkg:npm/%40anthropic-ai/sdk"
        );
        assert_eq!(purl("model", "model.onnx"), None);
    }
}
