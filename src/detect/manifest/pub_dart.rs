//! Dart and Flutter: `pubspec.yaml` `dependencies`, `dev_dependencies` and
//! `dependency_overrides`; parsed with serde-saphyr for validity, names located on their lines.

use super::Entries;
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::collections::{BTreeMap, BTreeSet};

const SECTIONS: [&str; 3] = [
    "dependencies:",
    "dev_dependencies:",
    "dependency_overrides:",
];

#[derive(Deserialize)]
struct Pubspec {
    #[serde(default)]
    dependencies: Option<BTreeMap<String, IgnoredAny>>,
    #[serde(default)]
    dev_dependencies: Option<BTreeMap<String, IgnoredAny>>,
    #[serde(default)]
    dependency_overrides: Option<BTreeMap<String, IgnoredAny>>,
}

pub(super) fn pubspec(text: &str, out: &mut Entries) -> Result<(), String> {
    let doc: Pubspec = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
    let declared: BTreeSet<&str> = [
        &doc.dependencies,
        &doc.dev_dependencies,
        &doc.dependency_overrides,
    ]
    .into_iter()
    .flatten()
    .flat_map(|m| m.keys().map(String::as_str))
    .collect();
    let mut in_section = false;
    let mut indent: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let lead = line.len() - trimmed.len();
        if lead == 0 {
            in_section = SECTIONS.iter().any(|s| trimmed.starts_with(s));
            indent = None;
            continue;
        }
        if !in_section || *indent.get_or_insert(lead) != lead {
            continue;
        }
        if let Some((name, _)) = trimmed.split_once(':') {
            let name = name.trim().trim_matches(['"', '\'']);
            if !declared.contains(name) {
                continue;
            }
            let at = start + lead + trimmed.find(name).unwrap_or(0);
            out.dependency("pub", name, at, at + name.len());
        }
    }
    Ok(())
}
