//! Shared by the per-file fuzz targets: an input is a file name, a newline, and the file's bytes;
//! the name decides the extractor, exactly as in a scan.

use aidisclose::config::Config;
use aidisclose::knowledge::Knowledge;
use aidisclose::model::FileFacts;
use aidisclose::scan;
use aidisclose::workspace::{self, FileKind};
use std::sync::OnceLock;

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(Config::default)
}

pub fn knowledge() -> &'static Knowledge {
    Knowledge::embedded().expect("embedded knowledge")
}

/// Runs the scan's extraction on `data` if its file name classifies into the family `wanted`
/// accepts, and checks what every extraction must guarantee: each location it reports is in
/// the file, its lines in order and inside the text. Returns the file name, the facts and the
/// decoded text (`None` for binary content).
pub fn extract_file(
    data: &[u8],
    wanted: impl Fn(FileKind) -> bool,
) -> Option<(&str, FileFacts, Option<String>)> {
    let newline = data.iter().position(|&b| b == b'\n')?;
    let name = std::str::from_utf8(&data[..newline]).ok()?;
    let config = config();
    let kind = workspace::classify(name, config).filter(|&k| wanted(k))?;
    let bytes = data[newline + 1..].to_vec();
    let (facts, text) = scan::extract_bytes(kind, name, bytes, config, knowledge());
    let lines = text.as_deref().map_or(1, |t| t.split('\n').count() as u32);
    let locations = facts
        .components
        .iter()
        .map(|c| &c.evidence.location)
        .chain(facts.disclosures.iter().map(|d| &d.location))
        .chain(facts.code_facts.iter().map(|f| &f.location))
        .chain(facts.directives.iter().map(|d| &d.location));
    for loc in locations {
        assert_eq!(loc.path, name);
        assert!(
            loc.line >= 1 && loc.line <= loc.end_line && loc.end_line <= lines,
            "{loc:?} in {lines} lines"
        );
    }
    Some((name, facts, text))
}
