//! A per-thread memo of what the analysis of a block's text gives. Locale files repeat their
//! strings (language names, button labels, a notice copied into every app of a project), and
//! each repeat would be surveyed, normalised and matched again. The results depend only on the
//! text, the language the lexicon is asked for and the lexicon, so the facts are the same for
//! any number of threads and any order; the memo starts afresh when it is full.

use super::language::{self, Survey};
use super::lexicon::{Lexicon, Match};
use super::normalize::{self, Prepared};
use super::table;
use crate::model::Lang;
use crate::text::WordHasher;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

/// Longer texts (paragraphs of a document) rarely repeat: they are not kept.
const MAX_TEXT: usize = 1024;
/// Texts kept per thread before the memo starts afresh.
const CAPACITY: usize = 16 * 1024;

/// What the lexicon finds in a text (in one language) and its string-table hash, if asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct Matched {
    pub matches: Vec<Match>,
    pub hash: Option<u64>,
}

/// What is known about one text.
#[derive(Default)]
struct Known {
    /// The survey, and the letters it was asked for.
    survey: Option<(usize, Survey)>,
    /// The matches per language asked for (`None`: not matched, hash only).
    matched: Vec<(Option<Lang>, Matched)>,
}

#[derive(Default)]
struct Memo {
    /// The lexicon the matches come from.
    lexicon: u64,
    /// Hashes texts fast. Texts that collide, by chance or on purpose, cost only a recomputation:
    /// a text whose hash is another's takes its place, and every look-up compares the text.
    state: BuildHasherDefault<WordHasher>,
    /// By the hash of the text: the text and what is known about it.
    texts: HashMap<u64, (String, Known), BuildHasherDefault<Hashed>>,
}

/// The keys of [`Memo::texts`] are hashes already.
#[derive(Default)]
struct Hashed(u64);

impl Hasher for Hashed {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// A block's text, hashed once for every look-up in the memo.
pub struct Block<'t> {
    text: &'t str,
    /// `None` for a text too long to keep.
    hash: Option<u64>,
}

impl Block<'_> {
    pub fn new(text: &str) -> Block<'_> {
        let hash =
            (text.len() <= MAX_TEXT).then(|| MEMO.with_borrow(|memo| memo.state.hash_one(text)));
        Block { text, hash }
    }

    /// Runs `f` on what is known about the text (`None` for a text too long to keep).
    fn with_known<T>(&self, lexicon: Option<u64>, f: impl FnOnce(Option<&mut Known>) -> T) -> T {
        let Some(hash) = self.hash else {
            return f(None);
        };
        MEMO.with_borrow_mut(|memo| {
            if lexicon.is_some_and(|id| id != memo.lexicon) {
                memo.texts.clear();
                memo.lexicon = lexicon.unwrap_or_default();
            }
            if !memo.texts.contains_key(&hash) && memo.texts.len() >= CAPACITY {
                memo.texts.clear();
            }
            let (text, known) = memo
                .texts
                .entry(hash)
                .or_insert_with(|| (self.text.to_string(), Known::default()));
            if text != self.text {
                *text = self.text.to_string();
                *known = Known::default();
            }
            f(Some(known))
        })
    }

    /// [`language::survey`], memoised.
    pub fn survey(&self, min_letters: usize) -> Survey {
        self.with_known(None, |known| match known {
            Some(Known {
                survey: Some((min, survey)),
                ..
            }) if *min == min_letters => *survey,
            Some(known) => {
                let survey = language::survey(self.text, min_letters);
                known.survey = Some((min_letters, survey));
                survey
            }
            None => language::survey(self.text, min_letters),
        })
    }

    /// The phrases `lexicon` finds in the text in `lang` (none if `lang` is `None`) and, if
    /// `hash`, the text's string-table hash, memoised.
    pub fn matched(&self, lang: Option<Lang>, lexicon: &Lexicon, hash: bool) -> Matched {
        let text_hash = |prepared: &Prepared| hash.then(|| table::text_hash(prepared));
        let fresh = || {
            let prepared = normalize::prepare(self.text);
            Matched {
                matches: lang.map_or_else(Vec::new, |l| lexicon.find_prepared(&prepared, Some(l))),
                hash: text_hash(&prepared),
            }
        };
        self.with_known(Some(lexicon.id()), |known| {
            let Some(known) = known else { return fresh() };
            match known.matched.iter_mut().find(|(l, _)| *l == lang) {
                Some((_, m)) => {
                    if hash && m.hash.is_none() {
                        m.hash = text_hash(&normalize::prepare(self.text));
                    }
                    m.clone()
                }
                None => {
                    let m = fresh();
                    known.matched.push((lang, m.clone()));
                    m
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: [&str; 5] = [
        "Жауаптарды жасанды интеллект жасайды, оларды тексеріңіз.",
        "Ответы генерирует ИИ: проверяйте их.",
        "Answers are generated by AI; check them.",
        "Ja",
        "",
    ];

    #[test]
    fn memo_gives_what_a_fresh_analysis_gives() {
        let lexicon = Lexicon::load().unwrap();
        for round in 0..2 {
            for text in TEXTS {
                let block = Block::new(text);
                assert_eq!(block.survey(20), language::survey(text, 20), "{text}");
                assert_eq!(block.survey(0), language::survey(text, 0), "{text}");
                for lang in [None, Some(Lang::Kk), Some(Lang::Ru), Some(Lang::En)] {
                    let prepared = normalize::prepare(text);
                    let fresh =
                        lang.map_or_else(Vec::new, |l| lexicon.find_prepared(&prepared, Some(l)));
                    let m = block.matched(lang, &lexicon, round == 1);
                    assert_eq!(m.matches, fresh, "{text} {lang:?} round {round}");
                    let hash = table::text_hash(&prepared);
                    assert_eq!(m.hash, (round == 1).then_some(hash), "{text} {lang:?}");
                }
            }
        }
        // The texts that carry a notice are found, the others not.
        let matched = |text, lang| Block::new(text).matched(Some(lang), &lexicon, false);
        assert!(!matched(TEXTS[2], Lang::En).matches.is_empty());
        assert!(matched(TEXTS[3], Lang::En).matches.is_empty());
    }

    #[test]
    fn memo_starts_afresh_when_full_or_for_another_lexicon() {
        let lexicon = Lexicon::load().unwrap();
        for i in 0..CAPACITY + 10 {
            Block::new(&format!("text {i}")).survey(0);
        }
        let kept = MEMO.with_borrow(|m| m.texts.len());
        assert!(kept <= CAPACITY, "{kept}");
        let block = Block::new(TEXTS[1]);
        let first = block.matched(Some(Lang::Ru), &lexicon, true);
        let other = Lexicon::load().unwrap();
        assert_ne!(other.id(), lexicon.id());
        assert_eq!(block.matched(Some(Lang::Ru), &other, true), first);
        assert_eq!(
            MEMO.with_borrow(|m| (m.lexicon, m.texts.len())),
            (other.id(), 1)
        );
        let long = "AI ".repeat(MAX_TEXT);
        let block = Block::new(&long);
        assert_eq!(block.survey(20), language::survey(&long, 20));
        assert!(block.hash.is_none());
    }

    #[test]
    fn a_text_with_the_hash_of_another_takes_its_place() {
        let lexicon = Lexicon::load().unwrap();
        let kk = Block::new(TEXTS[0]);
        let kk_matched = kk.matched(Some(Lang::Kk), &lexicon, true);
        // The English text looked up under the Kazakh text's hash.
        let en = Block {
            text: TEXTS[2],
            hash: kk.hash,
        };
        assert_eq!(en.survey(20), language::survey(TEXTS[2], 20));
        let en_matched = en.matched(Some(Lang::En), &lexicon, true);
        assert_ne!(en_matched.matches, kk_matched.matches);
        assert_eq!(
            en_matched,
            Block::new(TEXTS[2]).matched(Some(Lang::En), &lexicon, true)
        );
        assert_eq!(kk.matched(Some(Lang::Kk), &lexicon, true), kk_matched);
    }
}
