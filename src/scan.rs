//! The scan: one read of each file as the walk lists it and at most one parse per file, in
//! parallel, then the facts merged into an [`Inventory`] sorted by path and line (identical for
//! any number of threads).

use crate::assets::{self, AssetFormat};
use crate::config::Config;
use crate::detect::manifest::ManifestKind;
use crate::detect::{artifact, code, manifest, screen, services, settings};
use crate::facts;
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
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

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
    // First pass, while the walk goes on: every file is read once, as soon as it is listed;
    // assets, manifests and settings are done, source files are screened with their language's
    // literals. One file a task: a thread that read a run of files (a directory) could not hand
    // any over, and a run of large assets at the end kept one thread busy while the other waited
    // (a quarter of a second on Django's source).
    let first = Mutex::new(Vec::new());
    let notes = rayon::scope(|tasks| {
        workspace::walk(root, starts, config, jobs, &|entry| {
            progress.found();
            let first = &first;
            tasks.spawn(move |_| {
                let mut read = read_file(&entry, config, knowledge);
                if !read.deferred() {
                    read.drop_unneeded_text();
                    progress.tick();
                }
                first.lock().expect("first pass").push((entry, read));
            });
        })
    });
    // In place: a stable sort's scratch buffer of these large pairs was 6 MB on the benchmark
    // tree. Equal entries (a file listed twice) were read alike, so their order does not matter.
    let mut first = first.into_inner().expect("first pass");
    first.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let (listed, mut reads): (Vec<FileEntry>, Vec<Read>) = first.into_par_iter().unzip();
    // Second pass: the keys of the locale strings that disclose something decide which files
    // that reference translation keys are parsed.
    let keys = screen::KeyLiterals::new(
        &assets::ui::key_literals(reads.iter().flat_map(|r| &r.facts.disclosures)),
        reads.iter().map(Read::key_search_len).sum(),
    );
    // Which of the screened files are parsed, and as what language, decided side by side: a file
    // that references translation keys is searched for the keys.
    let mut deferred: Vec<(&mut Read, Option<code::Language>)> = reads
        .iter_mut()
        .filter(|r| r.deferred())
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|r| {
            let lang = r.to_parse(&keys);
            (r, lang)
        })
        .collect();
    // Largest first, one file a task: a big file left for last would keep one thread busy while
    // the others wait.
    deferred.sort_by_key(|(r, _)| std::cmp::Reverse(r.text.as_ref().map_or(0, String::len)));
    deferred
        .into_par_iter()
        .with_max_len(1)
        .for_each(|(r, lang)| {
            if let Some(lang) = lang {
                r.parse(lang, config, knowledge);
            }
            progress.tick();
        });
    let results: Vec<(String, FileFacts, Option<Arc<str>>)> =
        reads.into_par_iter().map(Read::finish).collect();
    let mut inventory = Inventory {
        root: root.to_path_buf(),
        files: listed.len(),
        notes,
        ..Inventory::default()
    };
    let mut hits = Vec::new();
    // Requirements files already read as such; an included `.txt` the walk took for a text
    // asset is read again as requirements.
    let mut seen: HashSet<String> = listed
        .iter()
        .filter(|f| f.kind == FileKind::Manifest(ManifestKind::Requirements))
        .map(|f| f.rel.clone())
        .collect();
    let mut includes = Vec::new();
    // Sized once: grown entry by entry, the string tables' 47,000 entries on the benchmark tree
    // were copied to ever larger buffers.
    let mut entries = Vec::with_capacity(results.iter().map(|r| r.1.entries.len()).sum());
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
                if !listed.iter().any(|f| f.rel == rel) {
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
            };
            read_file(&entry, config, knowledge).finish()
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

/// A file after the first pass: its facts and text, and for a source file of a parsed language,
/// what screening its bytes found.
struct Read {
    rel: String,
    facts: FileFacts,
    text: Option<String>,
    source: Option<(code::Language, screen::Screen)>,
}

impl Read {
    fn new(rel: String, facts: FileFacts) -> Read {
        Read {
            rel,
            facts,
            text: None,
            source: None,
        }
    }

    /// Whether the file waits for the second pass: a source file that may be parsed.
    fn deferred(&self) -> bool {
        self.source
            .is_some_and(|(_, s)| s.candidate || s.references_keys)
    }

    /// How many bytes of the file the second pass searches for translation keys: all of a file
    /// that references keys and is not a candidate anyway.
    fn key_search_len(&self) -> usize {
        match (self.source, &self.text) {
            (Some((_, s)), Some(text)) if s.references_keys && !s.candidate => text.len(),
            _ => 0,
        }
    }

    /// The language to parse the file as in the second pass, if it is to be parsed.
    fn to_parse(&self, keys: &screen::KeyLiterals) -> Option<code::Language> {
        let (lang, screen) = self.source?;
        screen.parse(self.text.as_deref()?, keys).then_some(lang)
    }

    /// Parses a source file as `lang` and adds what its queries found.
    fn parse(&mut self, lang: code::Language, config: &Config, knowledge: &Knowledge) {
        let Some(text) = self.text.as_deref() else {
            return;
        };
        let rel = &self.rel;
        let found = code::extract(
            lang,
            rel,
            text,
            (&knowledge.signals, &knowledge.queries),
            config.limits.parse_timeout,
            facts::retained(rel, &knowledge.facts),
        );
        self.facts.notes.extend(
            found
                .error
                .or(found.timed_out.then(|| config.limits.timeout_note()))
                .map(|message| Note {
                    path: rel.clone(),
                    message,
                }),
        );
        self.facts.disclosures =
            assets::ui::disclosures(rel, text, &found.facts, &knowledge.lexicon);
        self.facts.components = found.hits;
        self.facts.code_facts = found.facts;
    }

    /// Drops the text unless a finding needs it for snippets: only the text of a file with
    /// findings is kept, so memory stays bounded on big trees.
    fn drop_unneeded_text(&mut self) {
        let f = &self.facts;
        let keep = !f.components.is_empty()
            || !f.disclosures.is_empty()
            || !f.code_facts.is_empty()
            || !f.entries.is_empty();
        if !keep {
            self.text = None;
        }
    }

    /// The file's path, facts, and text if a finding needs it.
    fn finish(mut self) -> (String, FileFacts, Option<Arc<str>>) {
        self.drop_unneeded_text();
        (self.rel, self.facts, self.text.map(Arc::from))
    }
}

/// Reads one file once and extracts its facts; a source file is only screened.
fn read_file(entry: &FileEntry, config: &Config, knowledge: &Knowledge) -> Read {
    let rel = entry.rel.clone();
    if let FileKind::Model(model) = entry.kind {
        let found = artifact::inspect(&rel, &entry.abs, model);
        let facts = FileFacts {
            components: found.hits,
            notes: found.notes,
            ..FileFacts::default()
        };
        return Read::new(rel, facts);
    }
    let limits = &config.limits;
    let bytes = match read_bounded(&entry.abs, limits.max_file_size) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(size)) => {
            let note = limits.size_note(size).unwrap_or_default();
            return Read::new(rel.clone(), FileFacts::note(&rel, note));
        }
        Err(e) => {
            let facts = FileFacts::note(&rel, format!("not read: {e}"));
            return Read::new(rel, facts);
        }
    };
    // The file grew after it was opened.
    if let Some(note) = limits.size_note(bytes.len() as u64) {
        let facts = FileFacts::note(&rel, note);
        return Read::new(rel, facts);
    }
    read_bytes(entry.kind, rel, bytes, config, knowledge)
}

/// Decodes one file's bytes (or extracts a PDF's text) and extracts its facts, as the scan does
/// after reading it, parsing a source file that is a candidate (with no translation keys to
/// look for); returns the text too (`None` for binary content). Public for the fuzz targets.
pub fn extract_bytes(
    kind: FileKind,
    rel: &str,
    bytes: Vec<u8>,
    config: &Config,
    knowledge: &Knowledge,
) -> (FileFacts, Option<String>) {
    let mut read = read_bytes(kind, rel.to_string(), bytes, config, knowledge);
    if let Some(lang) = read.to_parse(&screen::KeyLiterals::default()) {
        read.parse(lang, config, knowledge);
    }
    (read.facts, read.text)
}

/// The first pass over one file's bytes.
fn read_bytes(
    kind: FileKind,
    rel: String,
    bytes: Vec<u8>,
    config: &Config,
    knowledge: &Knowledge,
) -> Read {
    if let FileKind::Asset(AssetFormat::Pdf) = kind {
        return match assets::pdf_text(&bytes) {
            Ok(text) => {
                let channel = knowledge.channels.channel_of(&rel, config);
                let facts = assets::extract(
                    AssetFormat::Pdf,
                    &rel,
                    &text,
                    channel,
                    &knowledge.lexicon,
                    &config.limits,
                );
                Read {
                    text: Some(text),
                    ..Read::new(rel, facts)
                }
            }
            Err(message) => {
                let facts = FileFacts::note(&rel, message);
                Read::new(rel, facts)
            }
        };
    }
    let (text, mut notes) = match decode(&rel, bytes) {
        Some((text, notes)) => (unify_line_breaks(text), notes),
        None if kind == FileKind::MaybeScript => return Read::new(rel, FileFacts::default()),
        None => {
            let facts = FileFacts::note(&rel, "skipped: binary content");
            return Read::new(rel, facts);
        }
    };
    let (mut facts, source) = extract(kind, &rel, &text, config, knowledge);
    notes.append(&mut facts.notes);
    facts.notes = notes;
    facts.directives = suppress::directives(&rel, &text);
    Read {
        rel,
        facts,
        text: Some(text),
        source,
    }
}

/// The bytes of a file of at most `max` bytes, or the size of a larger one (not read). At most
/// `max + 1` bytes are read, so that a file that grows while it is read cannot exhaust memory.
fn read_bounded(path: &Path, max: u64) -> std::io::Result<Result<Vec<u8>, u64>> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > max {
        return Ok(Err(size));
    }
    // One allocation of the file's size (and a byte to see that it did not grow).
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(Ok(bytes))
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

/// Dispatches a file's text to the extractor for its kind; a source file is screened, and its
/// language and screen returned for the second pass.
fn extract(
    kind: FileKind,
    rel: &str,
    text: &str,
    config: &Config,
    knowledge: &Knowledge,
) -> (FileFacts, Option<(code::Language, screen::Screen)>) {
    let facts = match kind {
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
        FileKind::Source(lang) => return screen(lang, rel, text, config, knowledge),
        FileKind::Settings(kind) => FileFacts {
            components: settings::extract(kind, rel, text, &knowledge.signals),
            ..FileFacts::default()
        },
        FileKind::Model(_) => FileFacts::default(),
        FileKind::MaybeScript => {
            match code::Language::from_shebang(text.lines().next().unwrap_or("")) {
                Some(lang) => return screen(lang, rel, text, config, knowledge),
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
    };
    (facts, None)
}

/// Screens a source file: a file with over-long lines is not parsed (with a note); any other is
/// parsed in the second pass if screening says so.
fn screen(
    lang: code::Language,
    rel: &str,
    text: &str,
    config: &Config,
    knowledge: &Knowledge,
) -> (FileFacts, Option<(code::Language, screen::Screen)>) {
    if let Some(note) = config.limits.line_note(text) {
        return (FileFacts::note(rel, note), None);
    }
    let screen = knowledge.queries.screen(lang, text.as_bytes());
    let facts = FileFacts {
        references_keys: screen.references_keys,
        ..FileFacts::default()
    };
    (facts, Some((lang, screen)))
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
