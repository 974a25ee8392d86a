//! Discovery of the files to scan (`ignore`'s parallel walker, `.gitignore` honoured, generated
//! folders skipped) and their classification.

use crate::assets::AssetFormat;
use crate::config::Config;
use crate::detect::artifact::{ModelFile, Recognised};
use crate::detect::code::Language;
use crate::detect::manifest::ManifestKind;
use crate::detect::settings::SettingsFile;
use crate::knowledge::Knowledge;
use crate::model::Note;
use ignore::{WalkBuilder, WalkState};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Folders skipped by default (`default-excludes: false` in the config scans them).
pub const DEFAULT_EXCLUDED_DIRS: [&str; 27] = [
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    "bower_components",
    "vendor",
    "target",
    "dist",
    "build",
    "out",
    ".venv",
    "venv",
    "__pycache__",
    ".tox",
    ".mypy_cache",
    ".pytest_cache",
    ".next",
    ".nuxt",
    ".gradle",
    ".idea",
    "Pods",
    ".dart_tool",
    "DerivedData",
    "coverage",
    ".terraform",
    "site-packages",
    ".cache",
];

/// What a file is to the scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FileKind {
    Manifest(ManifestKind),
    Source(Language),
    Asset(AssetFormat),
    /// A model artifact: only its header is read.
    Model(ModelFile),
    /// A `.env` or configuration file, read for AI hosts and variables.
    Settings(SettingsFile),
    /// No extension: a script if its shebang names a supported interpreter.
    MaybeScript,
}

/// A file selected for the scan.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileEntry {
    /// Path relative to the scanned root, with `/`.
    pub rel: String,
    pub abs: PathBuf,
    pub kind: FileKind,
}

/// The files of a tree, sorted by path, and notes about what could not be listed.
pub struct Discovery {
    pub files: Vec<FileEntry>,
    pub notes: Vec<Note>,
}

/// Classifies a file by its relative path; `None` for files the scan does not read.
pub fn classify(rel: &str, config: &Config) -> Option<FileKind> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if let Some(kind) = ManifestKind::from_file_name(name) {
        return Some(FileKind::Manifest(kind));
    }
    let models = Knowledge::embedded().ok().map(|k| &k.signals.models);
    match models.and_then(|m| m.recognise(rel)) {
        Some(Recognised::Model(model)) => return Some(FileKind::Model(model)),
        Some(Recognised::InsideModel) => return None,
        None => {}
    }
    if let Some(kind) = SettingsFile::from_path(rel) {
        return Some(FileKind::Settings(kind));
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    if let Some(lang) = ext.as_deref().and_then(Language::from_extension) {
        return Some(FileKind::Source(lang));
    }
    if let Some(format) = AssetFormat::from_path(rel) {
        return Some(FileKind::Asset(format));
    }
    if config.asset_include.is_match(rel) {
        return Some(FileKind::Asset(AssetFormat::PlainText));
    }
    if ext.is_none() && !name.starts_with('.') {
        return Some(FileKind::MaybeScript);
    }
    None
}

/// Lists the files under `starts` to scan; paths are reported relative to `root`.
pub fn discover(root: &Path, starts: &[PathBuf], config: &Config, jobs: usize) -> Discovery {
    let files = Mutex::new(Vec::new());
    let notes = walk(root, starts, config, jobs, &|entry| {
        files.lock().expect("files lock").push(entry);
    });
    let mut files = files.into_inner().expect("files lock");
    files.sort();
    Discovery { files, notes }
}

/// Walks the trees at `starts` on `jobs` threads, handing each file to scan to `found` as soon as
/// it is listed (a scan reads files while the walk goes on); returns the notes about what could
/// not be listed, sorted. Paths are reported relative to `root`.
pub fn walk(
    root: &Path,
    starts: &[PathBuf],
    config: &Config,
    jobs: usize,
    found: &(dyn Fn(FileEntry) + Sync),
) -> Vec<Note> {
    let notes = Mutex::new(Vec::new());
    let default_excludes = config.default_excludes;
    let mut builder = WalkBuilder::new(starts.first().map_or(root, PathBuf::as_path));
    for extra in starts.iter().skip(1) {
        builder.add(extra);
    }
    let walker = builder
        .hidden(false)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false)
        .threads(jobs.max(1))
        .filter_entry(move |e| {
            !(default_excludes
                && e.depth() > 0
                && e.file_type().is_some_and(|t| t.is_dir())
                && e.file_name()
                    .to_str()
                    .is_some_and(|n| DEFAULT_EXCLUDED_DIRS.contains(&n)))
        })
        .build_parallel();
    walker.run(|| {
        let notes = &notes;
        Box::new(move |result| {
            let entry = match result {
                Ok(e) => e,
                Err(err) => {
                    let path = match &err {
                        ignore::Error::WithPath { path, .. } => relative(root, path),
                        _ => String::new(),
                    };
                    notes.lock().expect("notes lock").push(Note {
                        path,
                        message: format!("not read: {err}"),
                    });
                    return WalkState::Continue;
                }
            };
            let Some(file_type) = entry.file_type() else {
                return WalkState::Continue;
            };
            if file_type.is_dir() {
                return WalkState::Continue;
            }
            let rel = relative(root, entry.path());
            if config.exclude.is_match(&rel) {
                return WalkState::Continue;
            }
            if !file_type.is_file() {
                let message = if file_type.is_symlink() {
                    "skipped: symbolic link (not followed)"
                } else {
                    "skipped: not a regular file"
                };
                notes.lock().expect("notes lock").push(Note {
                    path: rel,
                    message: message.into(),
                });
                return WalkState::Continue;
            }
            // The size is checked when the file is read (one `fstat` of the open file).
            if let Some(kind) = classify(&rel, config) {
                found(FileEntry {
                    rel,
                    abs: entry.into_path(),
                    kind,
                });
            }
            WalkState::Continue
        })
    });
    let mut notes = notes.into_inner().expect("notes lock");
    notes.sort();
    notes
}

/// `path` relative to `root`, with `/` separators (the root itself is `.`).
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    // What the walker gives on Unix: UTF-8, `/`-separated, nothing to normalise.
    if let Some(s) = rel.to_str()
        && std::path::MAIN_SEPARATOR == '/'
        && !s.is_empty()
        && s.split('/').all(|c| !c.is_empty() && c != ".")
    {
        return s.to_string();
    }
    let s: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if s.is_empty() {
        ".".into()
    } else {
        s.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::relative;
    use std::path::Path;

    #[test]
    fn relative_paths_use_slashes_and_name_the_root_dot() {
        let root = Path::new("/work/repo");
        for (path, want) in [
            ("/work/repo/src/app.py", "src/app.py"),
            (
                "/work/repo/locale/kk/LC_MESSAGES/django.po",
                "locale/kk/LC_MESSAGES/django.po",
            ),
            ("/work/repo", "."),
            ("/work/repo/./docs//manual.md", "docs/manual.md"),
        ] {
            assert_eq!(relative(root, Path::new(path)), want, "{path}");
        }
        assert_eq!(relative(Path::new("."), Path::new("./a/b.rs")), "a/b.rs");
    }
}
