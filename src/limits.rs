//! Scan limits: what one file of an untrusted tree may cost (bytes read, line length, parse time,
//! nesting depth). Each has a default, a config key and a `check`/`inventory` flag; a file over a
//! limit is skipped, or read only as far as the limit, with a note in the report's `skipped[]`.

use std::time::Duration;

/// Files larger than this are skipped with a note (model artifacts are only sniffed).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;
/// A source file with a longer line is minified or generated code and is not parsed.
pub const DEFAULT_MAX_LINE_LENGTH: usize = 64 * 1024;
/// Parsing one source file stops after this long.
pub const DEFAULT_PARSE_TIMEOUT_MS: u64 = 5_000;
/// Structured assets (JSON, YAML, XML, Markdown containers) nested deeper are not read past it.
pub const DEFAULT_MAX_NESTING: usize = 256;

/// The limits of one scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes; larger files are not read (config `max-file-size`, flag `--max-file-size`).
    pub max_file_size: u64,
    /// Bytes; a source file with a longer line is not parsed (`max-line-length`).
    pub max_line_length: usize,
    /// Time one source file may take to parse (`parse-timeout-ms`).
    pub parse_timeout: Duration,
    /// Depth a structured asset may nest to; extractors stop descending there (`max-nesting`).
    pub max_nesting: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            max_line_length: DEFAULT_MAX_LINE_LENGTH,
            parse_timeout: Duration::from_millis(DEFAULT_PARSE_TIMEOUT_MS),
            max_nesting: DEFAULT_MAX_NESTING,
        }
    }
}

impl Limits {
    /// The note for a file of `size` bytes over `max-file-size`, if it is.
    pub fn size_note(&self, size: u64) -> Option<String> {
        (size > self.max_file_size).then(|| {
            format!(
                "skipped: {size} bytes is over the size limit of {} bytes (max-file-size)",
                self.max_file_size
            )
        })
    }

    /// The note for a source text whose longest line is over `max-line-length`, if it is.
    pub fn line_note(&self, text: &str) -> Option<String> {
        let (line, len) = longest_line(text);
        (len > self.max_line_length).then(|| {
            format!(
                "not parsed: line {line} is {len} bytes long, over the limit of {} bytes \
                 (max-line-length; minified or generated code)",
                self.max_line_length
            )
        })
    }

    /// The note for a source file whose parse was stopped at `parse-timeout-ms`.
    pub fn timeout_note(&self) -> String {
        format!(
            "not parsed: parsing took longer than {} ms (parse-timeout-ms)",
            self.parse_timeout.as_millis()
        )
    }

    /// Whether a structured asset at `depth` (1 for the outermost container) is too deep to read.
    pub fn too_deep(&self, depth: usize) -> bool {
        depth > self.max_nesting
    }
}

/// The 1-based number and byte length of the longest line of `text`.
fn longest_line(text: &str) -> (usize, usize) {
    let mut best = (1, 0);
    let mut start = 0;
    for (i, end) in memchr::memchr_iter(b'\n', text.as_bytes())
        .chain(std::iter::once(text.len()))
        .enumerate()
    {
        let len = end - start;
        if len > best.1 {
            best = (i + 1, len);
        }
        start = end + 1;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_line_is_found_with_its_number() {
        assert_eq!(longest_line(""), (1, 0));
        assert_eq!(longest_line("ab\nabcd\nabc"), (2, 4));
        assert_eq!(longest_line("abc\r\nab\n"), (1, 4));
        assert_eq!(longest_line("\n\n\nlast line"), (4, 9));
    }

    #[test]
    fn notes_are_given_only_over_the_limit() {
        let limits = Limits {
            max_file_size: 10,
            max_line_length: 5,
            ..Limits::default()
        };
        assert_eq!(limits.size_note(10), None);
        assert!(limits.size_note(11).unwrap().contains("max-file-size"));
        assert_eq!(limits.line_note("12345\n12345"), None);
        let note = limits.line_note("ok\n123456").unwrap();
        assert!(note.contains("line 2 is 6 bytes"), "{note}");
        assert!(!limits.too_deep(DEFAULT_MAX_NESTING));
        assert!(Limits::default().too_deep(DEFAULT_MAX_NESTING + 1));
    }
}
