//! Byte offsets to 1-based lines and character columns, shared by every extractor.

use crate::model::Location;

/// Line starts of one file, for turning byte offsets into positions.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_iter(text.as_bytes()).map(|i| i + 1));
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

fn memchr_iter(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter_map(|(i, &b)| (b == b'\n').then_some(i))
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
    fn excerpt_cuts_on_words() {
        assert_eq!(excerpt("one  two\nthree", 50), "one two three");
        assert_eq!(excerpt("alpha beta gamma delta", 12), "alpha beta …");
    }
}
