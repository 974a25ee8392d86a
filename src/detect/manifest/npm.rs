//! JSON manifests: npm `package.json` (workspace members are their own `package.json`, found by
//! the walk) and Composer `composer.json`.

use super::Entries;
use serde::Deserialize;
use std::collections::BTreeMap;

const NPM_SECTIONS: [&str; 4] = [
    "dependencies",
    "devDependencies",
    "peerDependencies",
    "optionalDependencies",
];

const COMPOSER_SECTIONS: [&str; 2] = ["require", "require-dev"];

#[derive(Deserialize)]
struct JsonManifest {
    #[serde(flatten)]
    sections: BTreeMap<String, serde_json::Value>,
}

/// `package.json`: the dependency sections.
pub(super) fn package_json(text: &str, out: &mut Entries) -> Result<(), String> {
    json_sections(text, &NPM_SECTIONS, "npm", out)
}

/// `composer.json`: `require` and `require-dev`.
pub(super) fn composer_json(text: &str, out: &mut Entries) -> Result<(), String> {
    json_sections(text, &COMPOSER_SECTIONS, "packagist", out)
}

/// Reads the dependency sections and reports each catalogued package at its key.
fn json_sections(
    text: &str,
    sections: &[&str],
    ecosystem: &str,
    out: &mut Entries,
) -> Result<(), String> {
    let doc: JsonManifest = serde_json::from_str(text).map_err(|e| e.to_string())?;
    for section in sections {
        let Some(serde_json::Value::Object(deps)) = doc.sections.get(*section) else {
            continue;
        };
        let Some(section_start) = key_offset(text, section, 0) else {
            continue;
        };
        for name in deps.keys() {
            if let Some(at) = key_offset(text, name, section_start) {
                out.dependency(ecosystem, name, at, at + name.len());
            }
        }
    }
    Ok(())
}

/// Byte offset of the key `"name":` (inside its quotes) at or after `from`.
fn key_offset(text: &str, name: &str, from: usize) -> Option<usize> {
    let needle = format!("\"{name}\"");
    let mut at = from;
    while let Some(i) = text[at..].find(&needle) {
        let pos = at + i;
        let after = text[pos + needle.len()..].trim_start();
        if after.starts_with(':') {
            return Some(pos + 1);
        }
        at = pos + needle.len();
    }
    None
}
