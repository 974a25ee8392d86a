//! [`Segment`]: a block of an asset's text with a map from its text back to the source bytes.

use crate::model::Lang;

/// A block of an asset's text (a paragraph, list item, table cell, string-table entry) with a map
/// from its text back to the source bytes.
#[derive(Clone, Debug, Default)]
pub struct Segment {
    pub text: String,
    /// (offset in `text`, offset in the source) where each verbatim run of text starts.
    pieces: Vec<(usize, usize)>,
    /// Heading path (documents) or key path (string tables).
    pub scope: Vec<String>,
    /// Source byte range of the block.
    pub start: usize,
    pub end: usize,
    /// The language the format declares for this block, if any.
    pub lang: Option<Lang>,
    /// The full key of a string-table entry.
    pub key: Option<String>,
    /// The passage a string-table entry belongs to (its key group); documents group by heading.
    pub group: Option<String>,
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

    /// A string-table entry: `key` whose decoded `value` was written at `source[start..end]`
    /// (with quotes, escapes or indentation that the decoding removed).
    pub fn entry(key: &str, value: &str, source: &str, start: usize, end: usize) -> Segment {
        let mut seg = Segment::aligned(value, source, start, end);
        seg.key = Some(key.to_string());
        seg.group = Some(group_of(key));
        seg.scope = vec![key.to_string()];
        seg
    }

    /// A segment for `value`, decoded from `source[start..end]`: each char of `value` is mapped to
    /// where it appears verbatim, and chars an escape produced map to the escape.
    pub fn aligned(value: &str, source: &str, start: usize, end: usize) -> Segment {
        let mut seg = Segment::new(Vec::new(), start);
        seg.push_aligned(value, source, start, end);
        seg
    }

    /// Appends `value`, decoded from `source[start..end]` (see [`Segment::aligned`]).
    pub fn push_aligned(&mut self, value: &str, source: &str, start: usize, end: usize) {
        let end = end.min(source.len()).max(start);
        let raw = &source[start..end];
        let base = self.text.len();
        // Most values appear verbatim after their quote: one piece, found from the first char.
        if let Some(c) = value.chars().next()
            && let (at, true) = locate(raw, c)
            && raw[at..].starts_with(value)
        {
            return self.push(value, start + at, end);
        }
        let mut j = 0usize;
        let mut last: Option<(usize, usize)> = None; // (text offset, source offset) expected next
        for (i, c) in value.char_indices() {
            let (d, verbatim) = locate(&raw[j..], c);
            let at = j + d;
            if last != Some((base + i, start + at)) {
                self.pieces.push((base + i, start + at));
            }
            j = if verbatim {
                at + c.len_utf8()
            } else {
                skip_escape(raw, at)
            };
            last = Some((base + i + c.len_utf8(), start + at + c.len_utf8()));
        }
        self.text.push_str(value);
        self.end = self.end.max(end);
    }

    /// Appends `text` found verbatim at `source_offset`; the block extends to `source_end`.
    pub fn push(&mut self, text: &str, source_offset: usize, source_end: usize) {
        self.pieces.push((self.text.len(), source_offset));
        self.text.push_str(text);
        self.end = self.end.max(source_end);
    }

    /// Appends text that does not appear verbatim (a decoded entity) produced by the source
    /// range starting at `source_offset`.
    pub fn push_decoded(&mut self, text: &str, source_offset: usize, source_end: usize) {
        for (i, _) in text.char_indices() {
            self.pieces.push((self.text.len() + i, source_offset));
        }
        self.text.push_str(text);
        self.end = self.end.max(source_end);
    }

    pub fn push_space(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
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

/// How far ahead a decoded char is looked for in its source (past quotes, indentation, an
/// escape).
const LOOKAHEAD: usize = 12;

/// Where `c` is in `rest`, the raw text left: at its start or a little ahead, verbatim (true);
/// or, at an escape or when not found, at its start, produced by what is there (false).
fn locate(rest: &str, c: char) -> (usize, bool) {
    if rest.starts_with(c) {
        (0, true)
    } else if rest.starts_with(['\\', '&']) {
        (0, false)
    } else {
        match rest.find(c).filter(|&d| d <= LOOKAHEAD) {
            Some(d) => (d, true),
            None => (0, false),
        }
    }
}

/// The offset after the escape sequence at `at` (`\n`, `\u0430`, `\x41`, `&amp;`), or after one
/// char.
fn skip_escape(raw: &str, at: usize) -> usize {
    let rest = &raw[at..];
    let len = if let Some(r) = rest.strip_prefix('\\') {
        match r.chars().next() {
            Some('u') => 1 + 1 + r[1..].chars().take(4).map(char::len_utf8).sum::<usize>(),
            Some('x') => 1 + 1 + r[1..].chars().take(2).map(char::len_utf8).sum::<usize>(),
            Some(c) => 1 + c.len_utf8(),
            None => 1,
        }
    } else if rest.starts_with('&') {
        rest.find(';').filter(|&e| e <= 10).map_or(1, |e| e + 1)
    } else {
        rest.chars().next().map_or(0, char::len_utf8)
    };
    (at + len).min(raw.len())
}

/// The passage a string-table key belongs to: its parent for a dotted or nested key
/// (`ai.disclaimer.body` → `ai.disclaimer`), its first word for a flat key (`ai_notice_body`,
/// `ai-notice-body`, `aiNoticeBody` → `ai`), the key itself otherwise (a sentence used as a key).
pub fn group_of(key: &str) -> String {
    if key.chars().any(char::is_whitespace) {
        return key.to_string();
    }
    if let Some((parent, _)) = key.rsplit_once('.')
        && !parent.is_empty()
    {
        return parent.to_string();
    }
    if let Some((first, rest)) = key.split_once(['_', '-'])
        && !first.is_empty()
        && !rest.is_empty()
    {
        return first.to_string();
    }
    let mut chars = key.char_indices().skip(1);
    if key.starts_with(|c: char| c.is_lowercase())
        && let Some((i, _)) = chars.find(|(_, c)| c.is_uppercase())
    {
        return key[..i].to_string();
    }
    key.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligned_maps_through_quotes_and_escapes() {
        let src = r#"  "body": "Жауап \"ЖИ\" арқылы\nжасалған""#;
        let start = src.find("\"Ж").unwrap();
        let seg = Segment::aligned("Жауап \"ЖИ\" арқылы\nжасалған", src, start, src.len());
        let at = seg.text.find("ЖИ").unwrap();
        assert_eq!(&src[seg.source_offset(at)..][..4], "ЖИ");
        let at = seg.text.find("жасалған").unwrap();
        assert_eq!(&src[seg.source_offset(at)..][..16], "жасалған");
    }

    /// A value that appears verbatim maps every char to its own place, after the quote, in
    /// Cyrillic as in ASCII, also after text already in the segment.
    #[test]
    fn aligned_maps_a_verbatim_value_char_by_char() {
        let src = r#"msgstr "Жасанды интеллект" "арқылы""#;
        let first = src.find('"').unwrap();
        let second = src.rfind(" \"").unwrap() + 1;
        let mut seg = Segment::new(Vec::new(), first);
        seg.push_aligned("Жасанды интеллект", src, first, second - 1);
        seg.push_aligned("арқылы", src, second, src.len());
        for (i, c) in seg.text.char_indices() {
            let at = seg.source_offset(i);
            assert!(src[at..].starts_with(c), "{i} {c:?} -> {at}");
        }
        assert_eq!(
            seg.source_offset(seg.text.find("арқылы").unwrap()),
            second + 1
        );
        assert_eq!(seg.end, src.len());
    }

    #[test]
    fn key_groups() {
        assert_eq!(group_of("ai.disclaimer.body"), "ai.disclaimer");
        assert_eq!(group_of("ai_notice_body"), "ai");
        assert_eq!(group_of("ai-notice"), "ai");
        assert_eq!(group_of("aiDisclaimerTitle"), "ai");
        assert_eq!(group_of("disclaimer"), "disclaimer");
        assert_eq!(group_of("Generated by AI"), "Generated by AI");
    }
}
