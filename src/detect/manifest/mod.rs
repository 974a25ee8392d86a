//! Dependency manifests, parsed with real parsers (TOML, JSON, XML, YAML) or, for the manifests
//! that are programs (Gemfile, Podfile, Package.swift, build.gradle), a scan of their declaration
//! lines; each entry is matched against the catalogue and reported at the exact span of the
//! package name. A manifest that does not parse gives a note, never a panic.

mod apple;
mod crates;
mod gomod;
mod gradle;
mod maven;
mod npm;
mod nuget;
mod pub_dart;
mod pypi;
mod ruby;

use crate::detect::signals::Signals;
use crate::model::{CodeFact, ComponentHit, Detector, Evidence, Note};
use crate::text::LineIndex;

/// The manifest formats aidisclose reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ManifestKind {
    /// `requirements*.txt` / `requirements*.in`, and files they include with `-r`.
    Requirements,
    Pyproject,
    Pipfile,
    SetupCfg,
    /// Conda `environment.yml`.
    CondaEnvironment,
    PackageJson,
    ComposerJson,
    CargoToml,
    GoMod,
    Pom,
    /// `build.gradle`, `build.gradle.kts`.
    Gradle,
    /// `gradle/libs.versions.toml`.
    GradleCatalog,
    /// `*.csproj`, `*.fsproj`, `*.vbproj`, `Directory.Packages.props`, `Directory.Build.props`.
    MsBuild,
    PackagesConfig,
    /// `Gemfile`, `*.gemspec`.
    Gemfile,
    PackageSwift,
    Podfile,
    Pubspec,
}

impl ManifestKind {
    /// Recognises a manifest by its file name.
    pub fn from_file_name(name: &str) -> Option<ManifestKind> {
        Some(match name {
            "pyproject.toml" => ManifestKind::Pyproject,
            "Pipfile" => ManifestKind::Pipfile,
            "setup.cfg" => ManifestKind::SetupCfg,
            "environment.yml" | "environment.yaml" => ManifestKind::CondaEnvironment,
            "package.json" => ManifestKind::PackageJson,
            "composer.json" => ManifestKind::ComposerJson,
            "Cargo.toml" => ManifestKind::CargoToml,
            "go.mod" => ManifestKind::GoMod,
            "pom.xml" => ManifestKind::Pom,
            "build.gradle" | "build.gradle.kts" => ManifestKind::Gradle,
            "Directory.Packages.props" | "Directory.Build.props" => ManifestKind::MsBuild,
            "packages.config" => ManifestKind::PackagesConfig,
            "Gemfile" => ManifestKind::Gemfile,
            "Package.swift" => ManifestKind::PackageSwift,
            "Podfile" => ManifestKind::Podfile,
            "pubspec.yaml" => ManifestKind::Pubspec,
            n if n.starts_with("requirements") && (n.ends_with(".txt") || n.ends_with(".in")) => {
                ManifestKind::Requirements
            }
            n if n.ends_with(".versions.toml") => ManifestKind::GradleCatalog,
            n if n.ends_with(".csproj") || n.ends_with(".fsproj") || n.ends_with(".vbproj") => {
                ManifestKind::MsBuild
            }
            n if n.ends_with(".gemspec") => ManifestKind::Gemfile,
            _ => return None,
        })
    }
}

/// What a manifest parser returns: the evidence, notes when the file could not be parsed, the
/// files it includes (`-r other.txt`), as paths relative to the scanned root, and every declared
/// dependency as an `import` code fact (a UI framework or a scraping library the product
/// depends on, whether or not a parsed source file imports it).
pub struct ManifestFacts {
    pub hits: Vec<ComponentHit>,
    pub notes: Vec<Note>,
    pub includes: Vec<String>,
    pub declared: Vec<CodeFact>,
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
            includes: Vec::new(),
            declared: Vec::new(),
        },
    };
    let result = match kind {
        ManifestKind::Requirements => {
            pypi::requirements(text, &mut out);
            Ok(())
        }
        ManifestKind::Pyproject => pypi::pyproject(text, &mut out),
        ManifestKind::Pipfile => pypi::pipfile(text, &mut out),
        ManifestKind::SetupCfg => {
            pypi::setup_cfg(text, &mut out);
            Ok(())
        }
        ManifestKind::CondaEnvironment => pypi::conda_environment(text, &mut out),
        ManifestKind::PackageJson => npm::package_json(text, &mut out),
        ManifestKind::ComposerJson => npm::composer_json(text, &mut out),
        ManifestKind::CargoToml => crates::cargo_toml(text, &mut out),
        ManifestKind::GoMod => {
            gomod::go_mod(text, &mut out);
            Ok(())
        }
        ManifestKind::Pom => maven::pom(text, &mut out),
        ManifestKind::Gradle => {
            gradle::build_script(text, &mut out);
            Ok(())
        }
        ManifestKind::GradleCatalog => gradle::version_catalog(text, &mut out),
        ManifestKind::MsBuild | ManifestKind::PackagesConfig => nuget::msbuild(text, &mut out),
        ManifestKind::Gemfile => {
            ruby::gemfile(text, &mut out);
            Ok(())
        }
        ManifestKind::PackageSwift => {
            apple::package_swift(text, &mut out);
            Ok(())
        }
        ManifestKind::Podfile => {
            apple::podfile(text, &mut out);
            Ok(())
        }
        ManifestKind::Pubspec => pub_dart::pubspec(text, &mut out),
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
    /// Records the declared dependency `name` (at bytes `start..end`), and its evidence if the
    /// catalogue knows it.
    fn dependency(&mut self, ecosystem: &str, name: &str, start: usize, end: usize) -> bool {
        let location = self.index.location(self.path, start, end);
        self.facts.declared.push(CodeFact {
            name: "import".into(),
            text: name.to_string(),
            location: location.clone(),
            scope: None,
        });
        let Some(pkg) = self.signals.package(ecosystem, name) else {
            return false;
        };
        self.facts.hits.push(ComponentHit {
            ecosystem: ecosystem.to_string(),
            name: pkg.name.clone(),
            kind: pkg.kind,
            evidence: Evidence {
                location,
                detector: Detector::Manifest,
            },
        });
        true
    }

    fn note(&mut self, message: String) {
        self.facts.notes.push(Note {
            path: self.path.to_string(),
            message,
        });
    }
}

/// The byte offset of `part` in `text`, when `part` is a slice of `text` (a parser's borrowed value).
fn offset_in(text: &str, part: &str) -> Option<usize> {
    let start = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (start + part.len() <= text.len()).then_some(start)
}

/// The lines of `text` with their byte offsets, comment lines (`//`, `#`, `*`) skipped.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n')
        .scan(0, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start, line))
        })
        .filter(|(_, line)| {
            let t = line.trim_start();
            !(t.starts_with("//")
                || t.starts_with('#')
                || t.starts_with('*')
                || t.starts_with("/*"))
        })
}

/// The quoted strings of a line: (offset of the content in the line, content).
fn quoted(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = line.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let q = bytes[at];
            if q == b'"' || q == b'\'' {
                let start = at + 1;
                let end = start + line[start..].find(q as char)?;
                at = end + 1;
                return Some((start, &line[start..end]));
            }
            at += 1;
        }
        None
    })
}
