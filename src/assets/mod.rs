//! Labeling assets: text extraction per format into [`Segment`]s with source spans, language
//! identification, and lexicon matching into [`Disclosure`]s; string-table entries for the
//! parity check across locales ([`table`]); UI strings and key references from code ([`ui`]).

mod apple_strings;
pub mod channel;
mod escape;
mod fluent;
mod html;
mod json;
pub mod language;
pub mod lexicon;
mod markdown;
mod memo;
pub mod normalize;
#[cfg(feature = "pdf")]
mod pdf;
mod plain;
mod po;
mod properties;
mod segment;
pub mod table;
pub mod ui;
mod window;
mod xml;
mod yaml;

pub use segment::Segment;

use crate::limits::Limits;
use crate::model::{
    Channel, CodeFact, Concept, ConceptHit, Disclosure, FileFacts, Lang, LanguageMismatch, Note,
    TableEntry,
};
use crate::text::{LineIndex, excerpt};
use foldhash::{HashMap, HashMapExt};
use lexicon::Lexicon;
use std::cell::LazyCell;
use std::collections::{BTreeMap, BTreeSet};

/// The asset formats aidisclose reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AssetFormat {
    Markdown,
    PlainText,
    /// HTML and HTML templates (Jinja, Handlebars, ERB, Vue, Svelte…).
    Html,
    /// SVG label artwork.
    Svg,
    /// Android `res/values*/strings.xml`.
    AndroidStrings,
    /// Android layouts, menus and navigation graphs: their `@string/…` references.
    AndroidLayout,
    /// Apple `.strings`.
    AppleStrings,
    /// Apple `.stringsdict`.
    StringsDict,
    /// Apple `.xcstrings` (all locales in one file).
    XcStrings,
    /// JSON locale files (i18next, next-intl, vue-i18n) and Flutter `.arb`.
    JsonLocale,
    /// YAML locale files (Rails, vue-i18n, Symfony).
    YamlLocale,
    /// gettext `.po`.
    Po,
    /// Fluent `.ftl`.
    Fluent,
    /// Java `.properties` resource bundles.
    Properties,
    /// PDF manuals and leaflets (their text layer).
    Pdf,
}

/// Folders whose JSON, YAML and `.properties` files are locale files.
const LOCALE_DIRS: [&str; 11] = [
    "locales",
    "locale",
    "i18n",
    "lang",
    "langs",
    "languages",
    "translations",
    "l10n",
    "messages",
    "intl",
    "translate",
];

impl AssetFormat {
    /// Recognises an asset by its path (relative, with `/`); `None` for files that are not
    /// labeling assets.
    pub fn from_path(rel: &str) -> Option<AssetFormat> {
        let lower = rel.to_ascii_lowercase();
        let (dir, name) = lower.rsplit_once('/').unwrap_or(("", &lower));
        let stem = name.split('.').next().unwrap_or("");
        if NOT_CONSUMER_FACING.contains(&stem) {
            return None;
        }
        let ext = name.rsplit_once('.').map(|(_, e)| e)?;
        let dirs: Vec<&str> = dir.split('/').collect();
        let parent = dirs.last().copied().unwrap_or("");
        let locale_file = || {
            dirs.iter().any(|d| LOCALE_DIRS.contains(d))
                || language::from_path(name).is_some() && name.split('.').count() <= 3
        };
        Some(match ext {
            "md" | "mdx" | "markdown" => AssetFormat::Markdown,
            "txt" => AssetFormat::PlainText,
            "html" | "htm" | "xhtml" | "hbs" | "handlebars" | "mustache" | "njk" | "jinja"
            | "jinja2" | "j2" | "liquid" | "twig" | "erb" | "ejs" | "vue" | "svelte" => {
                AssetFormat::Html
            }
            "svg" => AssetFormat::Svg,
            "xml" if parent.starts_with("values") => AssetFormat::AndroidStrings,
            "xml"
                if dirs.contains(&"res")
                    && ["layout", "menu", "navigation", "xml"]
                        .iter()
                        .any(|p| parent.starts_with(p)) =>
            {
                AssetFormat::AndroidLayout
            }
            "strings" => AssetFormat::AppleStrings,
            "stringsdict" => AssetFormat::StringsDict,
            "xcstrings" => AssetFormat::XcStrings,
            "arb" => AssetFormat::JsonLocale,
            "json" if locale_file() => AssetFormat::JsonLocale,
            "yml" | "yaml" if locale_file() => AssetFormat::YamlLocale,
            "po" => AssetFormat::Po,
            "ftl" => AssetFormat::Fluent,
            "properties"
                if locale_file() || stem.starts_with("messages") || stem.starts_with("strings") =>
            {
                AssetFormat::Properties
            }
            "pdf" => AssetFormat::Pdf,
            _ => return None,
        })
    }
}

/// Developer documents that never reach a consumer.
const NOT_CONSUMER_FACING: [&str; 13] = [
    "changelog",
    "changes",
    "contributing",
    "code_of_conduct",
    "license",
    "licence",
    "security",
    "authors",
    "cmakelists",
    "requirements",
    "package-lock",
    "tsconfig",
    "robots",
];

/// What an extractor found in one asset.
#[derive(Debug, Default)]
pub struct Extracted {
    pub segments: Vec<Segment>,
    /// The language the file declares in its content (`.po` header, `.arb` `@@locale`, a Rails
    /// `kk:` root).
    pub lang: Option<Lang>,
    /// The file declares in its content a language other than kk, ru and en (`Language: de`,
    /// `"@@locale": "uk"`).
    pub other_language: bool,
    /// Problems met (malformed input); the segments before them are kept.
    pub notes: Vec<String>,
    /// UI translation-key references (key, byte range): Android layouts, template expressions.
    pub references: Vec<(String, usize, usize)>,
}

impl Extracted {
    /// Takes the locale code the file declares in its content (`Language: kk`, `@@locale`).
    fn declare(&mut self, code: &str) {
        match language::declared(code) {
            Some(language::Declared::Lang(lang)) => self.lang = Some(lang),
            Some(language::Declared::Other) => self.other_language = true,
            None => {}
        }
    }

    /// Records malformed input at `offset`; extraction stops there.
    fn error(&mut self, src: &str, offset: usize, message: &str) {
        let (line, column) = LineIndex::new(src).position(offset);
        self.notes.push(format!(
            "{message} (line {line}, column {column}); the text after it is not read"
        ));
    }
}

/// Extracts the segments of an asset's text; structured formats stop descending at
/// `limits.max_nesting`.
pub fn segments(format: AssetFormat, text: &str, limits: &Limits) -> Extracted {
    match format {
        AssetFormat::Markdown => Extracted {
            segments: markdown::segments(text, limits),
            ..Extracted::default()
        },
        AssetFormat::PlainText => Extracted {
            segments: plain::segments(text),
            ..Extracted::default()
        },
        AssetFormat::Html => html::segments(text, limits),
        AssetFormat::Svg => xml::svg(text, limits),
        AssetFormat::AndroidStrings => xml::android_strings(text, limits),
        AssetFormat::AndroidLayout => xml::android_layout(text),
        AssetFormat::AppleStrings => apple_strings::segments(text),
        AssetFormat::StringsDict => xml::stringsdict(text, limits),
        AssetFormat::XcStrings => json::xcstrings(text, limits),
        AssetFormat::JsonLocale => json::locale(text, limits),
        AssetFormat::YamlLocale => yaml::locale(text, limits),
        AssetFormat::Po => po::segments(text),
        AssetFormat::Fluent => fluent::segments(text),
        AssetFormat::Properties => properties::segments(text),
        // PDFs are read from their bytes (see [`pdf_text`]); their text is plain text.
        AssetFormat::Pdf => Extracted {
            segments: plain::segments(text),
            ..Extracted::default()
        },
    }
}

/// The text layer of a PDF, pages separated by form feeds, or why there is none.
pub fn pdf_text(bytes: &[u8]) -> Result<String, String> {
    #[cfg(feature = "pdf")]
    {
        pdf::text(bytes)
    }
    #[cfg(not(feature = "pdf"))]
    {
        let _ = bytes;
        Err("PDF not read: aidisclose was built without the `pdf` feature".into())
    }
}

/// Everything about one asset: its disclosures, string-table entries, language mismatches,
/// UI key references and notes.
pub fn extract(
    format: AssetFormat,
    path: &str,
    text: &str,
    channel: Channel,
    lexicon: &Lexicon,
    limits: &Limits,
) -> FileFacts {
    // A locale of another language: its texts are no kk, ru or en disclosures and its entries
    // no kk, ru or en string-table entries, whatever they read as (a Ukrainian or Macedonian
    // catalogue is not a Russian one).
    if language::other_locale_path(path) {
        return FileFacts::default();
    }
    let extracted = segments(format, text, limits);
    let mut facts = if extracted.other_language {
        FileFacts::default()
    } else {
        analyze(path, text, &extracted, channel, lexicon)
    };
    facts.notes.extend(extracted.notes.iter().map(|m| Note {
        path: path.to_string(),
        message: m.clone(),
    }));
    if extracted.references.is_empty() {
        return facts;
    }
    let index = LineIndex::new(text);
    facts
        .code_facts
        .extend(extracted.references.iter().map(|(key, s, e)| CodeFact {
            name: ui::KEY_FACT.into(),
            text: key.clone(),
            location: index.location(path, *s, *e),
            scope: None,
        }));
    facts
}

/// Short blocks (a heading, a button label) take the language of their passage.
const MIN_LETTERS_FOR_DETECTION: usize = 20;
/// A file reads as another language than it declares when that language has this share of its
/// letters (in percent) …
const MISMATCH_SHARE: usize = 80;
/// … and the file has at least this many letters in detectable blocks.
const MISMATCH_MIN_LETTERS: usize = 40;

/// Turns the segments of one asset into facts: disclosures (passages grouped by top-level
/// section or key group, and language, with the concepts found in them), string-table entries,
/// and a language mismatch when the file reads as another language than it declares.
pub fn analyze(
    path: &str,
    source: &str,
    extracted: &Extracted,
    channel: Channel,
    lexicon: &Lexicon,
) -> FileFacts {
    let segments = &extracted.segments;
    let mut facts = FileFacts::default();
    if segments.is_empty() {
        return facts;
    }
    // Made when a first fact needs a location.
    let index = LazyCell::new(|| LineIndex::new(source));
    let file_lang = extracted.lang.or_else(|| language::from_path(path));
    let depth = passage_depth(segments);
    // Declared language of each block, and the language its text reads as (long blocks only).
    let declared: Vec<Option<Lang>> = segments.iter().map(|s| s.lang.or(file_lang)).collect();
    // Each text hashed once for the memo of surveys and matches.
    let blocks: Vec<memo::Block> = segments.iter().map(|s| memo::Block::new(&s.text)).collect();
    let surveys: Vec<language::Survey> = blocks
        .iter()
        .map(|b| b.survey(MIN_LETTERS_FOR_DETECTION))
        .collect();
    let identified: Vec<Option<(Lang, bool)>> = surveys.iter().map(|s| s.language).collect();
    // Only clear evidence overrides what a block declares.
    let detected: Vec<Option<Lang>> = identified
        .iter()
        .map(|i| i.filter(|(_, clear)| *clear).map(|(l, _)| l))
        .collect();
    if let Some(m) = mismatch(path, segments, &surveys, &declared, &detected, &index) {
        facts.notes.push(Note {
            path: path.to_string(),
            message: format!(
                "declared {} but the text reads as {}: not translated?",
                m.declared,
                m.reads_as.map_or("another language", Lang::as_str)
            ),
        });
        facts.mismatches.push(m);
    }
    // A block's language: what it reads as when that is clear, else what it declares.
    let langs: Vec<Option<Lang>> = detected
        .iter()
        .zip(&declared)
        .zip(&identified)
        .map(|((d, decl), i)| d.or(*decl).or(i.map(|(l, _)| l)))
        .collect();
    let table_id = table::table_id(path);
    // Each block's passage key, borrowed from the block.
    let keys: Vec<&[String]> = segments
        .iter()
        .map(|seg| match &seg.group {
            Some(g) => std::slice::from_ref(g),
            None => &seg.scope[..depth.min(seg.scope.len())],
        })
        .collect();
    let dominant = dominant_languages(segments, &langs, &keys);
    let mut passages: BTreeMap<(&[String], Lang), Passage> = BTreeMap::new();
    for (i, (seg, key)) in segments.iter().zip(&keys).enumerate() {
        let lang = langs[i]
            .or_else(|| dominant.get(key).copied())
            .or_else(|| language::detect(&seg.text));
        let entry_locale = seg.key.as_ref().and(declared[i].or(lang));
        let matched_lang = lang.filter(|_| !seg.text.trim().is_empty());
        let matched = (matched_lang.is_some() || entry_locale.is_some())
            .then(|| blocks[i].matched(matched_lang, lexicon, entry_locale.is_some()));
        let hits: Vec<ConceptHit> = match &matched {
            Some(matched) => matched
                .matches
                .iter()
                .map(|m| ConceptHit {
                    concept: m.concept,
                    location: index.location(
                        path,
                        seg.source_offset(m.start),
                        seg.source_offset(m.end),
                    ),
                })
                .collect(),
            None => Vec::new(),
        };
        if let (Some(k), Some(locale), Some(text_hash)) = (
            &seg.key,
            entry_locale,
            matched.as_ref().and_then(|m| m.hash),
        ) {
            facts.entries.push(TableEntry {
                table: table_id.clone(),
                key: k.clone(),
                language: locale,
                reads_as: detected[i].filter(|d| *d != locale),
                empty: seg.text.trim().is_empty(),
                text_hash,
                discloses: !hits.is_empty(),
                location: index.location(path, seg.start, seg.end),
            });
        }
        let Some(lang) = lang else { continue };
        let passage = passages.entry((key, lang)).or_insert_with(|| Passage {
            start: seg.start,
            end: seg.end,
            first_hit: None,
            hits: Vec::new(),
            blocks: Vec::new(),
        });
        passage.blocks.push(i);
        passage.start = passage.start.min(seg.start);
        passage.end = passage.end.max(seg.end);
        if passage.first_hit.is_none() && !hits.is_empty() {
            passage.first_hit = Some(i);
        }
        passage.hits.extend(hits);
    }
    facts.disclosures = passages
        .into_iter()
        .filter(|(_, p)| !p.hits.is_empty())
        .map(|((scope, lang), p)| {
            let location = index.location(path, p.start, p.end);
            let line_end = p.start + source[p.start..p.end].find('\n').unwrap_or(p.end - p.start);
            let head = index.location(path, p.start, line_end);
            let concepts: BTreeSet<Concept> = p.hits.iter().map(|h| h.concept).collect();
            let first = p.first_hit.map(|i| segments[i].text.as_str()).unwrap_or("");
            let blocks = p.blocks.iter().map(|&i| &segments[i]);
            let keys: Vec<String> = blocks.clone().filter_map(|s| s.key.clone()).collect();
            let mut text = String::new();
            for block in blocks {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(&block.text);
            }
            let is_table = !keys.is_empty();
            Disclosure {
                path: path.to_string(),
                line: location.line,
                end_line: location.end_line,
                language: lang,
                channel,
                concepts,
                excerpt: excerpt(first, 160),
                scope: scope.join(" › "),
                location,
                head,
                text,
                hits: p.hits,
                key: is_table.then(|| scope.join(".")).filter(|k| !k.is_empty()),
                keys,
                reachable: None,
                references: Vec::new(),
            }
        })
        .collect();
    facts
}

/// The blocks of one key and language, whose text and keys are gathered only if the passage
/// discloses something (most of a string table's passages do not).
struct Passage {
    start: usize,
    end: usize,
    first_hit: Option<usize>,
    hits: Vec<ConceptHit>,
    /// The indices of its blocks, in order.
    blocks: Vec<usize>,
}

/// A file that declares one language while most of its text reads as another.
fn mismatch(
    path: &str,
    segments: &[Segment],
    surveys: &[language::Survey],
    declared: &[Option<Lang>],
    detected: &[Option<Lang>],
    index: &LineIndex,
) -> Option<LanguageMismatch> {
    // Only files that declare a single language for all their blocks.
    let declared_lang = declared.first().copied().flatten()?;
    if declared.iter().any(|d| *d != Some(declared_lang)) {
        return None;
    }
    let mut letters: BTreeMap<Option<Lang>, usize> = BTreeMap::new();
    let mut total = 0;
    let mut first_other: Option<&Segment> = None;
    for ((seg, survey), d) in segments.iter().zip(surveys).zip(detected) {
        let n = survey.letters;
        if n < MIN_LETTERS_FOR_DETECTION {
            continue;
        }
        total += n;
        *letters.entry(*d).or_default() += n;
        if *d != Some(declared_lang) && first_other.is_none() {
            first_other = Some(seg);
        }
    }
    let (reads_as, n) = letters
        .into_iter()
        .filter(|(l, _)| *l != Some(declared_lang))
        .max_by_key(|(_, n)| *n)?;
    (total >= MISMATCH_MIN_LETTERS && n * 100 >= total * MISMATCH_SHARE).then(|| {
        let seg = first_other.unwrap_or(&segments[0]);
        LanguageMismatch {
            path: path.to_string(),
            declared: declared_lang,
            reads_as,
            location: index.location(path, seg.start, seg.end),
        }
    })
}

/// How many heading levels identify a passage: the top-level sections, or the sections below
/// the title when the document has a single top-level heading.
fn passage_depth(segments: &[Segment]) -> usize {
    let tops: BTreeSet<&str> = segments
        .iter()
        .filter_map(|s| s.scope.first().map(String::as_str))
        .collect();
    if tops.len() == 1 { 2 } else { 1 }
}

/// For each passage (the key of its blocks), the most frequent declared or detected language
/// among its blocks, by text length.
fn dominant_languages<'k>(
    segments: &[Segment],
    langs: &[Option<Lang>],
    keys: &[&'k [String]],
) -> HashMap<&'k [String], Lang> {
    let mut counts: HashMap<&[String], BTreeMap<Lang, usize>> = HashMap::new();
    for ((s, l), key) in segments.iter().zip(langs).zip(keys) {
        if let Some(l) = l {
            *counts.entry(key).or_default().entry(*l).or_default() += s.text.len();
        }
    }
    counts
        .into_iter()
        .filter_map(|(key, by_lang)| {
            let lang = by_lang
                .into_iter()
                .max_by_key(|(_, n)| *n)
                .map(|(l, _)| l)?;
            Some((key, lang))
        })
        .collect()
}
