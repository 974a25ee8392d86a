//! Which source files are parsed, decided before any parsing: one automaton of every language's
//! literals and reference words screens a file in one pass ([`Words`]), and the translation keys
//! the scan looks for decide the files that only reference keys ([`KeyLiterals`]).
//!
//! The words of all languages share one automaton, each word marked with the languages it is a
//! literal or a reference word of: on the generated benchmark tree, where all thirteen languages
//! have files, building an automaton a language took 70 ms of CPU, and one for them all 30 ms
//! (Django's source, with Python and JavaScript files, built two: 25 ms).

use crate::detect::code::Language;
use crate::detect::lanes;
use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{AhoCorasick, Input};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What screening a source file's bytes found, before any parsing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Screen {
    /// A literal of the language outside comment lines: the file is parsed.
    pub candidate: bool,
    /// A `; references:` word: the file references translation keys, and is parsed for them if
    /// it names one of the keys the scan looks for.
    pub references_keys: bool,
}

impl Screen {
    /// Whether the file is to be parsed, given the translation keys the scan looks for.
    pub fn parse(self, text: &str, keys: &KeyLiterals) -> bool {
        self.candidate || self.references_keys && keys.is_match(text.as_bytes())
    }
}

/// A set of languages, a bit each.
type Languages = u32;

const _: () = assert!(Language::ALL.len() <= Languages::BITS as usize);

fn bit(lang: Language) -> Languages {
    1 << lang as u32
}

/// Every language's literals and reference words, in one automaton built when the first source
/// file is screened.
pub struct Words {
    /// Sorted and unique.
    words: Vec<String>,
    /// For each word, the languages it is a literal of (a file that holds it outside comment
    /// lines is parsed).
    literal_of: Vec<Languages>,
    /// For each word, the languages it is a reference word of (the file references translation
    /// keys).
    reference_of: Vec<Languages>,
    /// The languages that have reference words.
    with_references: Languages,
    /// The length of the longest word, in bytes.
    longest: usize,
    /// The automaton of `words`, a DFA (the fastest search; no prefilter serves this many
    /// words). `None` if it cannot be built, and then every source file is parsed.
    dfa: OnceLock<Option<DFA>>,
}

impl Words {
    /// The words of each language: its literals and its reference words.
    pub fn new<'a>(
        languages: impl IntoIterator<Item = (Language, &'a [String], &'a [String])>,
    ) -> Words {
        let mut marks: BTreeMap<&str, (Languages, Languages)> = BTreeMap::new();
        let mut with_references = 0;
        for (lang, literals, references) in languages {
            for word in literals {
                marks.entry(word).or_default().0 |= bit(lang);
            }
            for word in references {
                marks.entry(word).or_default().1 |= bit(lang);
                with_references |= bit(lang);
            }
        }
        Words {
            longest: marks.keys().map(|w| w.len()).max().unwrap_or(0),
            words: marks.keys().map(|w| w.to_string()).collect(),
            literal_of: marks.values().map(|m| m.0).collect(),
            reference_of: marks.values().map(|m| m.1).collect(),
            with_references,
            dfa: OnceLock::new(),
        }
    }

    /// The automaton, built on first use; `None` if it cannot be built.
    pub fn dfa(&self) -> Option<&DFA> {
        self.dfa
            .get_or_init(|| {
                aho_corasick::dfa::Builder::new()
                    .prefilter(false)
                    .build(&self.words)
                    .ok()
            })
            .as_ref()
    }

    /// Screens a file of `lang`: whether it holds a literal of the language outside comment
    /// lines, and a reference word of the language.
    pub fn screen(&self, lang: Language, bytes: &[u8]) -> Screen {
        let every = Screen {
            candidate: true,
            references_keys: true,
        };
        let Some(dfa) = self.dfa() else {
            return every;
        };
        // Most files hold none of the words: the fastest search tells, and where the words can
        // start at the earliest. Then the overlapping matches from there in order, so that a
        // reference word does not hide a literal, nor the reverse, until both are known: for a
        // language without reference words, until the first literal outside a comment line.
        // (The searches of an unanchored DFA do not fail.)
        let Some(from) = lanes::first_start(dfa, bytes, self.longest) else {
            return Screen::default();
        };
        let Ok(matches) = dfa.try_find_overlapping_iter(Input::new(bytes).range(from..)) else {
            return every;
        };
        let (lang_bit, mut screen) = (bit(lang), Screen::default());
        let references = self.with_references & lang_bit != 0;
        for m in matches {
            let word = m.pattern().as_usize();
            screen.references_keys |= self.reference_of[word] & lang_bit != 0;
            if !screen.candidate
                && self.literal_of[word] & lang_bit != 0
                && !lang.on_comment_line(bytes, m.start())
            {
                screen.candidate = true;
            }
            if screen.candidate && (screen.references_keys || !references) {
                break;
            }
        }
        screen
    }
}

/// The translation keys a scan looks for in UI code: a file that references keys is parsed only
/// if it contains one of them.
#[derive(Default)]
pub enum KeyLiterals {
    /// No keys: no file is parsed for its key references.
    #[default]
    None,
    /// A DFA with its longest key, searched in two lanes as the screen's words are: the fastest
    /// search when a catalogue has too many disclosing keys for a prefilter, once the texts to
    /// search are long enough to pay for building it.
    Dfa(Box<DFA>, usize),
    /// `aho-corasick`'s own choice of automaton, quick to build.
    Automaton(AhoCorasick),
}

/// Bytes of text to search per byte of keys from which a DFA of the keys pays for its building:
/// on the generated benchmark tree, building a DFA of 228 keys (3.4 KB) took 11M instructions
/// and its search saved 200M over an NFA's; on Django's 658 keys (20 KB) the building took 137M.
const DFA_TEXT_PER_KEY_BYTE: usize = 150;

impl KeyLiterals {
    /// The automaton of `keys`, for searching `text_len` bytes of text.
    pub fn new(keys: &[String], text_len: usize) -> KeyLiterals {
        let keys: Vec<&String> = keys.iter().filter(|k| !k.is_empty()).collect();
        if keys.is_empty() {
            return KeyLiterals::None;
        }
        let key_bytes: usize = keys.iter().map(|k| k.len()).sum();
        let dfa = (text_len >= key_bytes.saturating_mul(DFA_TEXT_PER_KEY_BYTE))
            .then(|| {
                aho_corasick::dfa::Builder::new()
                    .prefilter(false)
                    .build(&keys)
                    .ok()
            })
            .flatten();
        // Keys are plain strings; an automaton that cannot be built only means no key filter.
        match dfa {
            Some(dfa) => KeyLiterals::Dfa(
                Box::new(dfa),
                keys.iter().map(|k| k.len()).max().unwrap_or(0),
            ),
            None => AhoCorasick::new(&keys).map_or(KeyLiterals::None, KeyLiterals::Automaton),
        }
    }

    pub fn is_match(&self, bytes: &[u8]) -> bool {
        match self {
            KeyLiterals::None => false,
            KeyLiterals::Dfa(dfa, longest) => lanes::is_match(dfa, bytes, *longest),
            KeyLiterals::Automaton(ac) => ac.is_match(bytes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{KeyLiterals, Screen, Words, bit};
    use crate::detect::code::Language;
    use crate::knowledge::Knowledge;
    use aho_corasick::automaton::Automaton;

    const BOTH: Screen = Screen {
        candidate: true,
        references_keys: true,
    };

    /// The screen stops once it knows both answers: on texts where words overlap, contain one
    /// another, sit on comment lines, or belong to another language, it answers as one
    /// overlapping search over the whole text does.
    #[test]
    fn screening_equals_an_overlapping_search_of_the_whole_text() {
        let words = &Knowledge::embedded()
            .expect("embedded knowledge")
            .queries
            .words;
        let dfa = words.dfa().expect("automaton");
        let whole = |lang: Language, bytes: &[u8]| {
            let mut screen = Screen::default();
            for m in dfa.try_find_overlapping_iter(bytes.into()).expect("search") {
                let word = m.pattern().as_usize();
                if words.reference_of[word] & bit(lang) != 0 {
                    screen.references_keys = true;
                }
                if words.literal_of[word] & bit(lang) != 0
                    && !lang.on_comment_line(bytes, m.start())
                {
                    screen.candidate = true;
                }
            }
            screen
        };
        let same = |lang: Language, text: &str| {
            let bytes = text.as_bytes();
            assert_eq!(
                words.screen(lang, bytes),
                whole(lang, bytes),
                "{lang:?}: {text:?}"
            );
        };
        // Every reference word, and words from across the sorted list (of this language and
        // of others).
        let step = (words.words.len() / 60).max(1);
        let picks: Vec<&String> = (0..words.words.len())
            .filter(|&i| i % step == 0 || words.reference_of[i] != 0)
            .map(|i| &words.words[i])
            .collect();
        let (mut texts_checked, mut long_texts) = (0, 0);
        for lang in Language::ALL {
            let comment = lang.line_comments().first().copied().unwrap_or("//");
            for a in &picks {
                for b in &picks {
                    let half = &b[..b.floor_char_boundary(b.len() / 2)];
                    for text in [
                        format!("x = {a}{b}\n"),
                        format!("{half}{a}\n"),
                        format!("{comment} {a}\n{b}"),
                        format!("{comment} {a} {b}\n"),
                        format!("{a}\n{comment} {b}"),
                        format!("/* {a} */ {b}\n"),
                    ] {
                        same(lang, &text);
                        texts_checked += 1;
                    }
                }
            }
            // Texts long enough to be searched in two lanes, the words in either half or on the
            // middle, after a comment or not.
            let pad = "let total = items.iter().map(|i| i.price).sum();\n".repeat(4);
            for a in picks.iter().step_by(3) {
                for b in picks.iter().step_by(3) {
                    for text in [
                        format!("{pad}{comment} {a}\n{pad}{b}\n{pad}"),
                        format!("{pad}{a}\n{pad}{pad}{comment} {b}\n"),
                        format!("{pad}{pad}{b} {a}\n{pad}{pad}"),
                    ] {
                        same(lang, &text);
                        long_texts += 1;
                    }
                }
            }
        }
        assert!(texts_checked > 100_000, "{texts_checked} texts");
        assert!(long_texts > 10_000, "{long_texts} long texts");
    }

    /// A word counts only for the languages it belongs to, whichever other languages share it;
    /// a word that is both a literal and a reference word of a language is both.
    #[test]
    fn a_word_counts_for_its_own_languages() {
        let (openai, phone, chat) = (
            ["openai".to_string()],
            ["phone".to_string()],
            ["useTranslation".to_string(), "openai".to_string()],
        );
        let words = Words::new([
            (Language::Python, &openai[..], &[][..]),
            (Language::Go, &phone[..], &[][..]),
            (Language::Tsx, &openai[..], &chat[..]),
        ]);
        let screen = |lang, text: &str| words.screen(lang, text.as_bytes());
        let literal = Screen {
            candidate: true,
            references_keys: false,
        };
        let reference = Screen {
            candidate: false,
            references_keys: true,
        };
        assert_eq!(screen(Language::Python, "import openai\n"), literal);
        assert_eq!(screen(Language::Python, "phone = 1\n"), Screen::default());
        assert_eq!(screen(Language::Go, "phone := 1\n"), literal);
        assert_eq!(screen(Language::Go, "openai := 1\n"), Screen::default());
        assert_eq!(
            screen(Language::Tsx, "import OpenAI from \"openai\";\n"),
            BOTH
        );
        assert_eq!(screen(Language::Tsx, "// openai\n"), reference);
        assert_eq!(
            screen(Language::Tsx, "useTranslation();\nphone\n"),
            reference
        );
        assert_eq!(
            screen(Language::Kotlin, "val openai = phone\n"),
            Screen::default()
        );
    }

    /// A reference word that ends first, inside a literal, hides neither the literal nor itself.
    #[test]
    fn screening_sees_a_literal_around_a_reference_word_that_ends_first() {
        let (literals, references) = (["openai.chat".to_string()], ["ai.c".to_string()]);
        let words = Words::new([(Language::Python, &literals[..], &references[..])]);
        let screen = |text: &str| words.screen(Language::Python, text.as_bytes());
        assert_eq!(screen("r = openai.chat(m)\n"), BOTH);
        assert_eq!(
            screen("# openai.chat\nx = 1\n"),
            Screen {
                candidate: false,
                references_keys: true
            }
        );
        assert_eq!(screen("x = 1\n"), Screen::default());
    }

    /// A file that references translation keys names a disclosing key anywhere in it, in short
    /// and long texts, or not at all, whichever automaton the text to search calls for; no keys
    /// match nothing.
    #[test]
    fn key_literals_find_a_disclosing_key_anywhere() {
        let words = [
            "chat.ai_notice".to_string(),
            "assistant_notice".to_string(),
            String::new(),
        ];
        let (nfa, dfa) = (
            KeyLiterals::new(&words, 0),
            KeyLiterals::new(&words, usize::MAX),
        );
        assert!(matches!(nfa, KeyLiterals::Automaton(_)));
        assert!(matches!(dfa, KeyLiterals::Dfa(..)));
        let filler = "  const label = t(\"settings.title\");\n";
        for keys in [&nfa, &dfa] {
            for lines in [0, 1, 10, 100] {
                let body = filler.repeat(lines);
                assert!(!keys.is_match(body.as_bytes()), "{lines} lines");
                for at in [0, body.len() / 2, body.len()] {
                    for key in ["chat.ai_notice", "assistant_notice"] {
                        let text = format!("{}t(\"{key}\"){}", &body[..at], &body[at..]);
                        assert!(
                            keys.is_match(text.as_bytes()),
                            "{key} at {at}, {lines} lines"
                        );
                    }
                }
            }
            assert!(!keys.is_match(b"t(\"chat.ai_notic\")"));
        }
        assert!(!KeyLiterals::new(&[], usize::MAX).is_match(b"t(\"chat.ai_notice\")"));
        assert!(!KeyLiterals::default().is_match(b"chat.ai_notice"));
    }
}
