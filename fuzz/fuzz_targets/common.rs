//! Shared by the per-file fuzz targets: an input is a file name, a newline, and the file's bytes;
//! the name decides the extractor, exactly as in a scan.

use aidisclose::config::Config;
use aidisclose::knowledge::Knowledge;
use aidisclose::scan;
use aidisclose::workspace::{self, FileKind};
use std::sync::OnceLock;

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(Config::default)
}

/// Runs the scan's extraction on `data` if its file name classifies into the family `wanted`
/// accepts, and checks what every extraction must guarantee.
pub fn extract_file(data: &[u8], wanted: impl Fn(FileKind) -> bool) {
    let Some(newline) = data.iter().position(|&b| b == b'\n') else {
        return;
    };
    let Ok(name) = std::str::from_utf8(&data[..newline]) else {
        return;
    };
    let config = config();
    let Some(kind) = workspace::classify(name, config) else {
        return;
    };
    if !wanted(kind) {
        return;
    }
    let knowledge = Knowledge::embedded().expect("embedded knowledge");
    let bytes = data[newline + 1..].to_vec();
    let (facts, text) = scan::extract_bytes(kind, name, bytes, config, knowledge);
    let lines = text.as_deref().map_or(1, |t| t.split('\n').count() as u32);
    let locations = facts
        .components
        .iter()
        .map(|c| &c.evidence.location)
        .chain(facts.disclosures.iter().map(|d| &d.location))
        .chain(facts.code_facts.iter().map(|f| &f.location));
    for loc in locations {
        assert_eq!(loc.path, name);
        assert!(loc.line >= 1 && loc.line <= loc.end_line && loc.end_line <= lines);
    }
}
