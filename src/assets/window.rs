//! Where in a text a lexicon regex can match. A match is made of letters, digits, spaces,
//! hyphens and the chars its phrases spell out, so it never crosses a punctuation mark that no
//! phrase contains: a regex need only search the run of text between two such marks around
//! each of its anchors, not the whole text. On a long block that keeps the regex engine off
//! most of the text (its slowest engine runs on any text that is not all ASCII).

use std::ops::Range;

/// The punctuation marks that end a window: ASCII punctuation but `_` (a word char) and `-`
/// (phrases join words with it), the quotes, dashes and ellipsis of kk, ru and en typography,
/// less the chars some phrase contains. None is a word char, so a word boundary at a window's
/// edge is one in the whole text too, and a window can be searched on its own.
#[derive(Debug, Default)]
pub struct Stops {
    /// Chars of the phrases that would otherwise be stops (`.` of `A.I.`).
    spelled: Vec<char>,
}

impl Stops {
    /// The stops for phrases made of `chars`.
    pub fn new(chars: impl IntoIterator<Item = char>) -> Stops {
        let mut spelled: Vec<char> = chars.into_iter().filter(|&c| is_mark(c)).collect();
        spelled.sort_unstable();
        spelled.dedup();
        Stops { spelled }
    }

    fn is_stop(&self, c: char) -> bool {
        is_mark(c) && !self.spelled.contains(&c)
    }

    /// The windows around the anchors found at byte offsets `anchors` of `text` (char
    /// boundaries): each the longest run without a stop around an anchor, in order, each once.
    pub fn windows(&self, text: &str, anchors: &[usize]) -> Vec<Range<usize>> {
        let mut anchors = anchors.to_vec();
        anchors.sort_unstable();
        let mut out: Vec<Range<usize>> = Vec::new();
        for at in anchors {
            if out.last().is_some_and(|w| at < w.end) {
                continue;
            }
            let start = text[..at]
                .char_indices()
                .rev()
                .find(|&(_, c)| self.is_stop(c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let end = text[at..]
                .char_indices()
                .find(|&(_, c)| self.is_stop(c))
                .map_or(text.len(), |(i, _)| at + i);
            out.push(start..end);
        }
        out
    }
}

fn is_mark(c: char) -> bool {
    (c.is_ascii_punctuation() && c != '_' && c != '-')
        || matches!(
            c,
            '«' | '»' | '“' | '”' | '„' | '‘' | '’' | '‚' | '–' | '—' | '…'
        )
}

/// Whether each char of `text` lower-cases to as many bytes, so that an offset found in
/// `lower` (`text` lower-cased) is the same offset in `text`.
pub fn aligned(text: &str, lower: &str) -> bool {
    text.len() == lower.len()
        && (text.is_ascii()
            || text
                .chars()
                .all(|c| c.to_lowercase().map(char::len_utf8).sum::<usize>() == c.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn windows<'t>(stops: &Stops, text: &'t str, anchors: &[&str]) -> Vec<&'t str> {
        let at: Vec<usize> = anchors.iter().filter_map(|a| text.find(a)).collect();
        stops
            .windows(text, &at)
            .into_iter()
            .map(|w| &text[w])
            .collect()
    }

    #[test]
    fn a_window_runs_between_punctuation_marks() {
        let stops = Stops::new("A.I.".chars());
        let text = "Внимание! Ответы готовит искусственный интеллект (ИИ), проверяйте их.";
        assert_eq!(
            windows(&stops, text, &["интеллект"]),
            [" Ответы готовит искусственный интеллект "]
        );
        assert_eq!(windows(&stops, text, &["ИИ"]), ["ИИ"]);
        // Two anchors in one run give one window; a spelled `.` does not end it.
        let text = "Our A.I. assistant, an artificial intelligence — see the notice.";
        assert_eq!(
            windows(&stops, text, &["assistant", "A.I.", "intelligence"]),
            ["Our A.I. assistant", " an artificial intelligence "]
        );
    }

    #[test]
    fn hyphens_underscores_and_spaces_do_not_end_a_window() {
        let stops = Stops::default();
        let text = "«ЖИ-мен жасалған» сурет_id\nжаңа жол";
        assert_eq!(windows(&stops, text, &["ЖИ"]), ["ЖИ-мен жасалған"]);
        assert_eq!(windows(&stops, text, &["id"]), [" сурет_id\nжаңа жол"]);
        assert!(stops.windows(text, &[]).is_empty());
    }

    #[test]
    fn offsets_align_unless_a_char_lower_cases_to_another_length() {
        for text in ["Artificial Intelligence", "ЖАСАНДЫ ИНТЕЛЛЕКТ", "Σοφία", ""]
        {
            assert!(aligned(text, &text.to_lowercase()), "{text}");
        }
        // `İ` lower-cases to two chars, the Kelvin sign to one ASCII byte.
        for text in ["İstanbul AI", "5 \u{212A} AI"] {
            assert!(!aligned(text, &text.to_lowercase()), "{text}");
        }
    }
}
