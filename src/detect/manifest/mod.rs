//! Dependency manifests, parsed with real parsers, each entry matched against the catalogue and
//! reported at the exact span of the package name.

mod npm;
mod pypi;

use crate::detect::signals::Signals;
use crate::model::{ComponentHit, Detector, Evidence, Note};
use crate::text::LineIndex;

/// The manifest formats aidisclose reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ManifestKind {
    Requirements,
    Pyproject,
    PackageJson,
}

impl ManifestKind {
    /// Recognises a manifest by its file name.
    pub fn from_file_name(name: &str) -> Option<ManifestKind> {
        Some(match name {
            "pyproject.toml" => ManifestKind::Pyproject,
            "package.json" => ManifestKind::PackageJson,
            n if n.starts_with("requirements") && n.ends_with(".txt") => ManifestKind::Requirements,
            _ => return None,
        })
    }
}

/// What a manifest parser returns: the evidence, or a note when the file could not be parsed.
pub struct ManifestFacts {
    pub hits: Vec<ComponentHit>,
    pub notes: Vec<Note>,
}

/// Parses a manifest and returns the catalogued dependencies it declares.
pub fn extract(kind: ManifestKind, path: &str, text: &str, signals: &Signals) -> ManifestFacts {
    let mut out = Entries {
        index: LineIndex::new(text),
        path,
        signals,
        facts: ManifestFacts {
            hits: Vec::new(),
            notes: Vec::new(),
        },
    };
    let result = match kind {
        ManifestKind::Requirements => {
            pypi::requirements(text, &mut out);
            Ok(())
        }
        ManifestKind::Pyproject => pypi::pyproject(text, &mut out),
        ManifestKind::PackageJson => npm::package_json(text, &mut out),
    };
    if let Err(message) = result {
        out.facts.notes.push(Note {
            path: path.to_string(),
            message: format!("manifest not parsed: {message}"),
        });
    }
    out.facts
}

/// Collects the catalogued entries of one manifest.
struct Entries<'a> {
    index: LineIndex<'a>,
    path: &'a str,
    signals: &'a Signals,
    facts: ManifestFacts,
}

impl Entries<'_> {
    /// Records `name` (at bytes `start..end`) if the catalogue knows it.
    fn dependency(&mut self, ecosystem: &str, name: &str, start: usize, end: usize) {
        if let Some(pkg) = self.signals.package(ecosystem, name) {
            self.facts.hits.push(ComponentHit {
                ecosystem: ecosystem.to_string(),
                name: pkg.name.clone(),
                kind: pkg.kind,
                evidence: Evidence {
                    location: self.index.location(self.path, start, end),
                    detector: Detector::Manifest,
                },
            });
        }
    }
}
