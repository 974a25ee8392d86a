//! Byte offsets to 1-based lines and character columns, shared by every extractor.

use crate::model::Location;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A map keyed by vocabulary words (the language word lists, the fact terms), hashed with
/// [`WordHasher`].
pub type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// A multiplicative hash for the short, fixed keys of a [`WordMap`]: every word of every scanned
/// text is looked up, and SipHash's resistance to chosen keys is not needed for a table that
/// scanned text cannot add to.
#[derive(Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0xf135_7aea_2e62_a9c5;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let word = u64::from_le_bytes(c.try_into().unwrap_or_default());
            self.0 = (self.0 ^ word).wrapping_mul(K).rotate_left(26);
        }
        let mut tail = [0u8; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.0 = (self.0 ^ u64::from_le_bytes(tail) ^ bytes.len() as u64)
            .wrapping_mul(K)
            .rotate_left(26);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Line starts of one file, for turning byte offsets into positions.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based line and character column of a byte offset (clamped to the text and to a char boundary).
    pub fn position(&self, byte: usize) -> (u32, u32) {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= byte) - 1;
        let column = self.text[self.starts[line]..byte].chars().count() + 1;
        (line as u32 + 1, column as u32)
    }

    /// A location for a byte range in `path`.
    pub fn location(&self, path: &str, start: usize, end: usize) -> Location {
        let (line, column) = self.position(start);
        let (end_line, end_column) = self.position(end.max(start));
        Location {
            path: path.to_string(),
            line,
            column,
            end_line,
            end_column,
            start_byte: start,
            end_byte: end.max(start),
        }
    }

    /// Byte offset where a 1-based line starts (the end of the text past the last line).
    pub fn line_start(&self, line: u32) -> usize {
        let i = (line.max(1) - 1) as usize;
        self.starts.get(i).copied().unwrap_or(self.text.len())
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: u32) -> &'a str {
        let start = self.line_start(line);
        let end = self.line_start(line + 1).min(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// Old Mac line breaks (a `\r` not followed by `\n`) become `\n`, so that parsers, line
/// counts and line-based readers see the lines an editor shows (Python and JavaScript read a
/// lone `\r` as a line break too). One byte stands for one: offsets and columns are unchanged.
pub fn unify_line_breaks(text: String) -> String {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = memchr::memchr(b'\r', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        out.push(if rest.starts_with('\n') { '\r' } else { '\n' });
    }
    out.push_str(rest);
    out
}

/// Shortens `text` to at most `max` characters on a word boundary, adding an ellipsis.
pub fn excerpt(text: &str, max: usize) -> String {
    let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{} …", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "бір\nекі жасанды интеллект\n";
        let idx = LineIndex::new(text);
        let start = text.find("жасанды").unwrap();
        assert_eq!(idx.position(start), (2, 5));
        assert_eq!(idx.line_text(2), "екі жасанды интеллект");
        let loc = idx.location("a.md", start, start + "жасанды".len());
        assert_eq!(
            (loc.line, loc.column, loc.end_line, loc.end_column),
            (2, 5, 2, 12)
        );
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let idx = LineIndex::new("ab");
        assert_eq!(idx.position(99), (1, 3));
        assert_eq!(idx.line_text(5), "");
    }

    #[test]
    fn lone_carriage_returns_become_line_breaks() {
        let cr = "# чат\rimport openai\r\rx = 1\r";
        let unified = unify_line_breaks(cr.to_string());
        assert_eq!(unified, "# чат\nimport openai\n\nx = 1\n");
        assert_eq!(unified.len(), cr.len());
        assert_eq!(
            LineIndex::new(&unified).position(cr.find("x =").unwrap()),
            (4, 1)
        );
        for kept in ["a\r\nb\r\n", "a\nb", "", "\r\n"] {
            assert_eq!(unify_line_breaks(kept.to_string()), kept);
        }
        assert_eq!(unify_line_breaks("a\r\r\nb\r".into()), "a\n\r\nb\n");
    }

    #[test]
    fn excerpt_cuts_on_words() {
        assert_eq!(excerpt("one  two\nthree", 50), "one two three");
        assert_eq!(excerpt("alpha beta gamma delta", 12), "alpha beta …");
    }
}
