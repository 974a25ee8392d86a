//! The scan: discovery, then one read and at most one parse per file in parallel, then the facts
//! merged into an [`Inventory`] sorted by path and line (identical for any number of threads).

use crate::assets::{self, AssetFormat};
use crate::config::Config;
use crate::detect::manifest::ManifestKind;
use crate::detect::{artifact, code, manifest, services, settings};
use crate::knowledge::Knowledge;
use crate::model::{
    CodeFact, Component, ComponentHit, Disclosure, FileFacts, LanguageMismatch, Note,
    TranslationGap,
};
use crate::progress::Progress;
use crate::suppress::{self, Directive};
use crate::text::unify_line_breaks;
use crate::workspace::{self, FileEntry, FileKind};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Everything a scan found, merged and sorted.
#[derive(Debug, Default)]
pub struct Inventory {
    pub root: PathBuf,
    pub files: usize,
    pub components: Vec<Component>,
    pub disclosures: Vec<Disclosure>,
    /// Facts the code queries captured (`@fact.<name>`), sorted by location.
    pub code_facts: Vec<CodeFact>,
    pub notes: Vec<Note>,
    /// String-table keys that carry a disclosure in one locale and are missing, empty,
    /// untranslated or in another language in another required locale.
    pub translation_gaps: Vec<TranslationGap>,
    /// Files that declare one language (path, header) while their text reads as another.
    pub language_mismatches: Vec<LanguageMismatch>,
    /// Inline suppression directives, sorted by location.
    pub directives: Vec<Directive>,
    /// Some source file references translation keys (so UI strings can be checked for use).
    pub references_keys: bool,
    /// The text of every file that produced a fact, for diagnostics with snippets.
    pub sources: HashMap<String, Arc<str>>,
}

/// How many bytes are sniffed for a NUL to decide that a file is binary.
const SNIFF_LEN: usize = 8192;

/// Scans the trees at `starts` with `config`, walking on `jobs` threads and reading on the
/// current rayon pool, counting the files read in `progress`; paths are reported relative to
/// `root`.
pub fn scan(
    root: &Path,
    starts: &[PathBuf],
    config: &Config,
    knowledge: &Knowledge,
    jobs: usize,
    progress: &Progress,
) -> Inventory {
    let discovery = workspace::discover(root, starts, config, jobs);
    progress.set_total(discovery.files.len());
    // Assets and manifests first: the keys of the locale strings that disclose something decide
    // which source files that reference translation keys are worth parsing.
    let (sources, others): (Vec<&FileEntry>, Vec<&FileEntry>) = discovery
        .files
        .iter()
        .partition(|f| matches!(f.kind, FileKind::Source(_) | FileKind::MaybeScript));
    let run = |files: &[&FileEntry], keys: &code::KeyLiterals| {
        files
            .par_iter()
            .map(|f| {
                let result = scan_file(f, config, knowledge, keys);
                progress.tick();
                result
            })
            .collect::<Vec<_>>()
    };
    let mut results = run(&others, &code::KeyLiterals::default());
    let keys = assets::ui::key_literals(results.iter().flat_map(|(_, f, _)| &f.disclosures));
    results.extend(run(&sources, &code::KeyLiterals::new(&keys)));
    let mut inventory = Inventory {
        root: root.to_path_buf(),
        files: discovery.files.len(),
        notes: discovery.notes,
        ..Inventory::default()
    };
    let mut hits = Vec::new();
    // Requirements files already read as such; an included `.txt` the walk took for a text
    // asset is read again as requirements.
    let mut seen: HashSet<String> = discovery
        .files
        .iter()
        .filter(|f| f.kind == FileKind::Manifest(ManifestKind::Requirements))
        .map(|f| f.rel.clone())
        .collect();
    let mut includes = Vec::new();
    let mut entries = Vec::new();
    let mut pending = results;
    while !pending.is_empty() {
        for (rel, facts, source) in pending.drain(..) {
            if let Some(source) = source {
                inventory.sources.insert(rel, source);
            }
            includes.extend(facts.includes);
            hits.extend(facts.components);
            inventory.disclosures.extend(facts.disclosures);
            inventory.code_facts.extend(facts.code_facts);
            inventory.notes.extend(facts.notes);
            entries.extend(facts.entries);
            inventory.language_mismatches.extend(facts.mismatches);
            inventory.directives.extend(facts.directives);
            inventory.references_keys |= facts.references_keys;
        }
        includes.sort();
        for rel in includes.drain(..) {
            if seen.insert(rel.clone()) {
                if !discovery.files.iter().any(|f| f.rel == rel) {
                    inventory.files += 1;
                }
                pending.push(scan_include(root, rel, config, knowledge));
            }
        }
    }
    inventory.translation_gaps = assets::table::gaps(&entries, &config.languages);
    inventory.language_mismatches.sort();
    inventory.components = merge_components(hits);
    services::attribute_api_evidence(&mut inventory.components, &knowledge.signals);
    inventory.disclosures.sort_by(|a, b| {
        a.location
            .cmp(&b.location)
            .then(a.language.cmp(&b.language))
    });
    inventory
        .code_facts
        .sort_by(|a, b| (&a.location, &a.name).cmp(&(&b.location, &b.name)));
    assets::ui::annotate_reachability(
        &mut inventory.disclosures,
        &inventory.code_facts,
        inventory.references_keys,
    );
    inventory.notes.sort();
    inventory.notes.dedup();
    inventory
        .directives
        .sort_by(|a, b| a.location.cmp(&b.location));
    // A file read twice (an included requirements file that is also a text asset) gives its
    // directives once.
    inventory.directives.dedup();
    inventory
}

/// Reads a requirements file that another one includes (`-r`) and that the walk did not list;
/// only a regular file inside the root is read.
fn scan_include(
    root: &Path,
    rel: String,
    config: &Config,
    knowledge: &Knowledge,
) -> (String, FileFacts, Option<Arc<str>>) {
    let abs = root.join(&rel);
    let inside = abs
        .canonicalize()
        .ok()
        .zip(root.canonicalize().ok())
        .is_some_and(|(a, r)| a.starts_with(r));
    let meta = std::fs::symlink_metadata(&abs);
    match meta {
        Ok(m) if inside && m.is_file() => {
            let entry = FileEntry {
                rel,
                abs,
                kind: FileKind::Manifest(ManifestKind::Requirements),
                size: m.len(),
            };
            scan_file(&entry, config, knowledge, &code::KeyLiterals::default())
        }
        _ => {
            let note = FileFacts::note(
                &rel,
                "included with `-r` but not a file inside the root; not read",
            );
            (rel, note, None)
        }
    }
}

/// Reads one file once and extracts its facts.
fn scan_file(
    entry: &FileEntry,
    config: &Config,
    knowledge: &Knowledge,
    keys: &code::KeyLiterals,
) -> (String, FileFacts, Option<Arc<str>>) {
    let rel = entry.rel.clone();
    if let FileKind::Model(model) = entry.kind {
        let found = artifact::inspect(&rel, &entry.abs, model);
        let facts = FileFacts {
            components: found.hits,
            notes: found.notes,
            ..FileFacts::default()
        };
        return (rel, facts, None);
    }
    let limits = &config.limits;
    if let Some(note) = limits.size_note(entry.size) {
        return (rel.clone(), FileFacts::note(&rel, note), None);
    }
    let bytes = match read_bounded(&entry.abs, limits.max_file_size) {
        Ok(b) => b,
        Err(e) => {
            return (
                rel.clone(),
                FileFacts::note(&rel, format!("not read: {e}")),
                None,
            );
        }
    };
    // The file grew after it was listed.
    if let Some(note) = limits.size_note(bytes.len() as u64) {
        return (rel.clone(), FileFacts::note(&rel, note), None);
    }
    let (facts, text) = extract_file(entry.kind, &rel, bytes, (config, knowledge, keys));
    // Only the text of a file with findings is kept (for snippets): memory stays bounded on big
    // trees.
    let keep = !facts.components.is_empty()
        || !facts.disclosures.is_empty()
        || !facts.code_facts.is_empty()
        || !facts.entries.is_empty();
    (rel, facts, text.filter(|_| keep).map(Arc::from))
}

/// Decodes one file's bytes (or extracts a PDF's text) and extracts its facts, as the scan does
/// after reading it (with no translation keys to look for); returns the text too (`None` for
/// binary content). Public for the fuzz targets.
pub fn extract_bytes(
    kind: FileKind,
    rel: &str,
    bytes: Vec<u8>,
    config: &Config,
    knowledge: &Knowledge,
) -> (FileFacts, Option<String>) {
    extract_file(
        kind,
        rel,
        bytes,
        (config, knowledge, &code::KeyLiterals::default()),
    )
}

/// What extracting a file needs besides the file: the configuration, the knowledge and the
/// translation keys to look for.
type Context<'a> = (&'a Config, &'a Knowledge, &'a code::KeyLiterals);

fn extract_file(
    kind: FileKind,
    rel: &str,
    bytes: Vec<u8>,
    ctx: Context,
) -> (FileFacts, Option<String>) {
    let (config, knowledge, _) = ctx;
    if let FileKind::Asset(AssetFormat::Pdf) = kind {
        return match assets::pdf_text(&bytes) {
            Ok(text) => {
                let channel = knowledge.channels.channel_of(rel, config);
                let facts = assets::extract(
                    AssetFormat::Pdf,
                    rel,
                    &text,
                    channel,
                    &knowledge.lexicon,
                    &config.limits,
                );
                (facts, Some(text))
            }
            Err(message) => (FileFacts::note(rel, message), None),
        };
    }
    let (text, mut notes) = match decode(rel, bytes) {
        Some((text, notes)) => (unify_line_breaks(text), notes),
        None if kind == FileKind::MaybeScript => return (FileFacts::default(), None),
        None => return (FileFacts::note(rel, "skipped: binary content"), None),
    };
    let mut facts = extract(kind, rel, &text, ctx);
    notes.append(&mut facts.notes);
    facts.notes = notes;
    facts.directives = suppress::directives(rel, &text);
    (facts, Some(text))
}

/// Reads at most `max + 1` bytes of a file, so that a file that grows while it is read cannot
/// exhaust memory.
fn read_bounded(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The text of a file: UTF-8 (a BOM is dropped; invalid bytes are replaced, with a note) or
/// UTF-16 with a BOM; `None` for binary content (a NUL byte in the first bytes; UTF-16 without
/// a BOM counts as binary).
fn decode(rel: &str, bytes: Vec<u8>) -> Option<(String, Vec<Note>)> {
    let utf16 = match bytes.get(..2) {
        Some(b"\xFF\xFE") => Some(u16::from_le_bytes as fn([u8; 2]) -> u16),
        Some(b"\xFE\xFF") => Some(u16::from_be_bytes as fn([u8; 2]) -> u16),
        _ => None,
    };
    if let Some(unit) = utf16 {
        let units = bytes[2..].chunks_exact(2).map(|c| unit([c[0], c[1]]));
        let text: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        return Some((text, Vec::new()));
    }
    if bytes[..bytes.len().min(SNIFF_LEN)].contains(&0) {
        return None;
    }
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    Some(match String::from_utf8(bytes) {
        Ok(t) => (t, Vec::new()),
        Err(e) => (
            String::from_utf8_lossy(e.as_bytes()).into_owned(),
            vec![Note {
                path: rel.to_string(),
                message: format!(
                    "not valid UTF-8 at byte {}; read with replacement characters",
                    e.utf8_error().valid_up_to()
                ),
            }],
        ),
    })
}

/// Dispatches a file's text to the extractor for its kind.
fn extract(kind: FileKind, rel: &str, text: &str, ctx: Context) -> FileFacts {
    let (config, knowledge, _) = ctx;
    match kind {
        FileKind::Manifest(kind) => {
            let m = manifest::extract(kind, rel, text, &knowledge.signals);
            FileFacts {
                components: m.hits,
                notes: m.notes,
                includes: m.includes,
                code_facts: m.declared,
                ..FileFacts::default()
            }
        }
        FileKind::Source(lang) => source(lang, rel, text, ctx),
        FileKind::Settings(kind) => FileFacts {
            components: settings::extract(kind, rel, text, &knowledge.signals),
            ..FileFacts::default()
        },
        FileKind::Model(_) => FileFacts::default(),
        FileKind::MaybeScript => {
            match code::Language::from_shebang(text.lines().next().unwrap_or("")) {
                Some(lang) => source(lang, rel, text, ctx),
                None => FileFacts::default(),
            }
        }
        FileKind::Asset(format) => {
            let channel = knowledge.channels.channel_of(rel, config);
            assets::extract(
                format,
                rel,
                text,
                channel,
                &knowledge.lexicon,
                &config.limits,
            )
        }
    }
}

fn source(lang: code::Language, rel: &str, text: &str, ctx: Context) -> FileFacts {
    let (config, knowledge, keys) = ctx;
    let limits = &config.limits;
    if let Some(note) = limits.line_note(text) {
        return FileFacts::note(rel, note);
    }
    let found = code::extract(
        lang,
        rel,
        text,
        (&knowledge.signals, &knowledge.queries),
        keys,
        limits.parse_timeout,
    );
    let notes = found
        .error
        .or(found.timed_out.then(|| limits.timeout_note()))
        .map(|message| Note {
            path: rel.to_string(),
            message,
        })
        .into_iter()
        .collect();
    FileFacts {
        components: found.hits,
        disclosures: assets::ui::disclosures(rel, text, &found.facts, &knowledge.lexicon),
        code_facts: found.facts,
        notes,
        references_keys: found.references_keys,
        ..FileFacts::default()
    }
}

/// Merges evidence per (ecosystem, name); the kind is the most specific any evidence shows.
fn merge_components(hits: Vec<ComponentHit>) -> Vec<Component> {
    let mut merged: BTreeMap<(String, String), Component> = BTreeMap::new();
    for hit in hits {
        let c = merged
            .entry((hit.ecosystem.clone(), hit.name.clone()))
            .or_insert_with(|| Component {
                name: hit.name.clone(),
                kind: hit.kind,
                ecosystem: hit.ecosystem.clone(),
                evidence: Vec::new(),
            });
        if hit.kind.specificity() > c.kind.specificity() {
            c.kind = hit.kind;
        }
        c.evidence.push(hit.evidence);
    }
    let mut components: Vec<Component> = merged.into_values().collect();
    for c in &mut components {
        c.evidence.sort();
        c.evidence.dedup();
    }
    components.sort_by(|a, b| (&a.name, &a.ecosystem).cmp(&(&b.name, &b.ecosystem)));
    components
}
