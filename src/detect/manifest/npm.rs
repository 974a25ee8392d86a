//! npm: `package.json` dependency sections.

use super::Entries;
use serde::Deserialize;
use std::collections::BTreeMap;

const SECTIONS: [&str; 4] = [
    "dependencies",
    "devDependencies",
    "peerDependencies",
    "optionalDependencies",
];

#[derive(Deserialize)]
struct PackageJson {
    #[serde(flatten)]
    sections: BTreeMap<String, serde_json::Value>,
}

/// Reads the dependency sections and reports each catalogued package at its key.
pub(super) fn package_json(text: &str, out: &mut Entries) -> Result<(), String> {
    let doc: PackageJson = serde_json::from_str(text).map_err(|e| e.to_string())?;
    for section in SECTIONS {
        let Some(serde_json::Value::Object(deps)) = doc.sections.get(section) else {
            continue;
        };
        let Some(section_start) = key_offset(text, section, 0) else {
            continue;
        };
        for name in deps.keys() {
            if let Some(at) = key_offset(text, name, section_start) {
                out.dependency("npm", name, at, at + name.len());
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
