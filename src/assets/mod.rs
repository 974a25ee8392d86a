//! Labeling assets: text extraction per format into [`Segment`]s with source spans, language
//! identification, and lexicon matching into [`Disclosure`]s.

pub mod channel;
pub mod language;
pub mod lexicon;
mod markdown;
pub mod normalize;
mod plain;

use crate::limits::Limits;
use crate::model::{Channel, Concept, ConceptHit, Disclosure, Lang};
use crate::text::{LineIndex, excerpt};
use lexicon::Lexicon;
use std::collections::{BTreeMap, BTreeSet};

/// The asset formats aidisclose reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AssetFormat {
    Markdown,
    PlainText,
}

impl AssetFormat {
    /// Recognises an asset by its file name; `None` for files that are not labeling assets.
    pub fn from_file_name(name: &str) -> Option<AssetFormat> {
        let lower = name.to_ascii_lowercase();
        let stem = lower.split('.').next().unwrap_or("");
        if NOT_CONSUMER_FACING.contains(&stem) {
            return None;
        }
        let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
        Some(match ext {
            "md" | "mdx" | "markdown" => AssetFormat::Markdown,
            "txt" => AssetFormat::PlainText,
            _ => return None,
        })
    }
}

/// Developer documents that never reach a consumer.
const NOT_CONSUMER_FACING: [&str; 9] = [
    "changelog",
    "changes",
    "contributing",
    "code_of_conduct",
    "license",
    "licence",
    "security",
    "authors",
    "cmakelists",
];

/// A block of an asset's text (a paragraph, list item, table cell, string-table entry) with a map
/// from its text back to the source bytes.
#[derive(Clone, Debug, Default)]
pub struct Segment {
    pub text: String,
    /// (offset in `text`, offset in the source) where each piece of text starts.
    pieces: Vec<(usize, usize)>,
    /// Heading path (documents) or key path (string tables).
    pub scope: Vec<String>,
    /// Source byte range of the block.
    pub start: usize,
    pub end: usize,
    /// The language the format declares for this block, if any.
    pub lang: Option<Lang>,
}

impl Segment {
    pub fn new(scope: Vec<String>, start: usize) -> Segment {
        Segment {
            scope,
            start,
            end: start,
            ..Segment::default()
        }
    }

    /// Appends `text` found verbatim at `source_offset`; the block extends to `source_end`.
    pub fn push(&mut self, text: &str, source_offset: usize, source_end: usize) {
        self.pieces.push((self.text.len(), source_offset));
        self.text.push_str(text);
        self.end = self.end.max(source_end);
    }

    pub fn push_space(&mut self) {
        if !self.text.ends_with(' ') {
            self.text.push(' ');
        }
    }

    /// The source offset of a byte offset in `text`.
    pub fn source_offset(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|&(t, _)| t <= offset);
        match i.checked_sub(1).map(|i| self.pieces[i]) {
            Some((t, s)) => s + (offset - t),
            None => self.start,
        }
    }
}

/// Extracts the segments of an asset; structured formats consult `limits.max_nesting`.
pub fn segments(format: AssetFormat, text: &str, limits: &Limits) -> Vec<Segment> {
    match format {
        AssetFormat::Markdown => markdown::segments(text, limits),
        AssetFormat::PlainText => plain::segments(text),
    }
}

/// Short blocks (a heading, a button label) take the language of their passage.
const MIN_LETTERS_FOR_DETECTION: usize = 20;

/// Turns the segments of one asset into disclosures: passages grouped by top-level section and
/// language, with the concepts found in them.
pub fn disclosures(
    path: &str,
    source: &str,
    segments: &[Segment],
    path_lang: Option<Lang>,
    channel: Channel,
    lexicon: &Lexicon,
) -> Vec<Disclosure> {
    if segments.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::new(source);
    let depth = passage_depth(segments);
    // Language of each block: declared, then from its letters when long enough.
    let langs: Vec<Option<Lang>> = segments
        .iter()
        .map(|s| {
            s.lang.or(path_lang).or_else(|| {
                (s.text.chars().filter(|c| c.is_alphabetic()).count() >= MIN_LETTERS_FOR_DETECTION)
                    .then(|| language::detect(&s.text))
                    .flatten()
            })
        })
        .collect();
    let mut passages: BTreeMap<(Vec<String>, Lang), Passage> = BTreeMap::new();
    for (i, seg) in segments.iter().enumerate() {
        let key: Vec<String> = seg.scope.iter().take(depth).cloned().collect();
        let lang = langs[i]
            .or_else(|| dominant(segments, &langs, &key, depth))
            .or_else(|| language::detect(&seg.text));
        let Some(lang) = lang else { continue };
        let passage = passages.entry((key, lang)).or_insert_with(|| Passage {
            start: seg.start,
            end: seg.end,
            first_hit: None,
            hits: Vec::new(),
            text: String::new(),
        });
        if !passage.text.is_empty() {
            passage.text.push('\n');
        }
        passage.text.push_str(&seg.text);
        passage.start = passage.start.min(seg.start);
        passage.end = passage.end.max(seg.end);
        let norm = normalize::normalize(&seg.text);
        for m in lexicon.find(&norm.text) {
            let (s, e) = norm.original_range(m.start, m.end);
            let (s, e) = (seg.source_offset(s), seg.source_offset(e));
            if passage.first_hit.is_none() {
                passage.first_hit = Some(i);
            }
            passage.hits.push(ConceptHit {
                concept: m.concept,
                location: index.location(path, s, e),
            });
        }
    }
    passages
        .into_iter()
        .filter(|(_, p)| !p.hits.is_empty())
        .map(|((scope, lang), p)| {
            let location = index.location(path, p.start, p.end);
            let line_end = p.start + source[p.start..p.end].find('\n').unwrap_or(p.end - p.start);
            let head = index.location(path, p.start, line_end);
            let concepts: BTreeSet<Concept> = p.hits.iter().map(|h| h.concept).collect();
            let first = p.first_hit.map(|i| segments[i].text.as_str()).unwrap_or("");
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
                text: p.text,
                hits: p.hits,
            }
        })
        .collect()
}

struct Passage {
    start: usize,
    end: usize,
    first_hit: Option<usize>,
    hits: Vec<ConceptHit>,
    text: String,
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

/// The most frequent declared or detected language among the blocks of a passage.
fn dominant(
    segments: &[Segment],
    langs: &[Option<Lang>],
    key: &[String],
    depth: usize,
) -> Option<Lang> {
    let mut counts: BTreeMap<Lang, usize> = BTreeMap::new();
    for (s, l) in segments.iter().zip(langs) {
        if let Some(l) = l
            && s.scope.iter().take(depth).eq(key.iter())
        {
            *counts.entry(*l).or_default() += s.text.len();
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(l, _)| l)
}
