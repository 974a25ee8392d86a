//! The concept lexicon (`rules/lexicon/*.yaml`): phrases per concept and language, written as
//! stems with suffix classes (`rules/lexicon/morphology.yaml`) and compiled to one regex per
//! concept and language. Matching runs on normalised text (see [`super::normalize`]); Kazakh
//! also matches leniently on the text's skeleton (Kazakh typed without its letters, Latin
//! Kazakh). Sentences that deny using AI (`rules/lexicon/negation.yaml`) do not count. A regex
//! runs only if one of its anchors occurs in the text, and then only on the windows around them
//! (see [`super::window`]).

use super::normalize::{self, Normalized, Prepared};
use super::window::{self, Stops};
use crate::knowledge::{self, KnowledgeError};
use crate::model::{Concept, Lang};
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_automata::meta::Regex;
use serde::Deserialize;
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// Suffix classes: each class is a sequence of optional slots, each slot a list of alternatives.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Morphology {
    classes: BTreeMap<String, Vec<Vec<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Terms {
    /// Phrases: words separated by spaces; `stem~class` takes the suffixes of `class`,
    /// `stem*` takes any Latin or Cyrillic letters, `…` stands for up to four other words.
    #[serde(default)]
    phrases: Vec<String>,
    /// Case-sensitive abbreviations (`ЖИ`, `ИИ`, `AI`); a hyphenated suffix is allowed (`ЖИ-мен`).
    #[serde(default)]
    abbreviations: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConceptFile {
    concept: Concept,
    #[serde(default)]
    description: Option<String>,
    languages: BTreeMap<Lang, Terms>,
}

/// Denials: sentences saying AI is *not* used (`rules/lexicon/negation.yaml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NegationFile {
    /// The concepts a denial cancels in its sentence.
    denies: Vec<Concept>,
    /// Regular expressions per language (matched case-insensitively on normalised text).
    languages: BTreeMap<Lang, Vec<String>>,
}

/// The compiled matcher of one concept in one language.
#[derive(Debug)]
pub struct ConceptMatcher {
    pub concept: Concept,
    pub lang: Lang,
    regex: LazyRegex,
    /// The same phrases over the Kazakh skeleton (Kazakh only).
    lenient: Option<LazyRegex>,
    /// Literals one of which every match of `regex` (and of `lenient`, over the skeleton)
    /// contains; `None` if some phrase has no literal.
    anchors: Option<Anchors>,
    lenient_anchors: Option<Anchors>,
}

/// The literals that open a matcher's regex: one per phrase (the longest stem of its words, in
/// lower case, found in the lower-cased text) and the abbreviations (as written, found in the
/// text as it is, since they match case-sensitively). Every word of a phrase starts after a
/// word boundary, a space or a hyphen, so an anchor right after a letter opens nothing.
#[derive(Debug, Default)]
struct Anchors {
    folded: Vec<String>,
    exact: Vec<String>,
}

/// A regex compiled when first used: Unicode-aware, case-insensitive patterns are costly to build,
/// and a scan uses only those whose anchors occur in its texts. [`Lexicon::compile_all`] checks
/// that every pattern compiles. The regex engine's own literal prefilters are off: the anchors
/// already select the texts and the windows a regex searches, and extracting the literals of a
/// case-insensitive Unicode pattern took a third of its build.
#[derive(Debug)]
struct LazyRegex {
    pattern: String,
    compiled: OnceLock<Result<Regex, String>>,
}

impl LazyRegex {
    fn new(pattern: String) -> LazyRegex {
        LazyRegex {
            pattern,
            compiled: OnceLock::new(),
        }
    }

    fn compiled(&self) -> &Result<Regex, String> {
        self.compiled.get_or_init(|| {
            Regex::builder()
                .configure(Regex::config().auto_prefilter(false))
                .build(&self.pattern)
                .map_err(|e| e.to_string())
        })
    }

    /// The byte ranges of the matches in `text`; none if the pattern does not compile (which the
    /// knowledge tests rule out).
    fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize)> + 't {
        self.compiled()
            .as_ref()
            .ok()
            .into_iter()
            .flat_map(move |r| r.find_iter(text).map(|m| (m.start(), m.end())))
    }
}

/// Which matchers can match a text: the matchers' anchors in two automata (lower-case phrase
/// anchors over the lower-cased text, abbreviations over the text as it is), so that a text is
/// scanned once per automaton and only the regexes whose anchors occur in it run.
#[derive(Debug, Default)]
struct Gate {
    folded: Anchored,
    exact: Anchored,
    /// Matchers without anchors (strict, lenient): they always run.
    always: Vec<(usize, bool)>,
}

/// One automaton of anchors and, for each anchor, the matcher it opens, whether it is a
/// skeleton anchor, and whether it starts with a letter (and so cannot open right after one).
#[derive(Debug, Default)]
struct Anchored {
    automaton: Option<AhoCorasick>,
    owners: Vec<(usize, bool, bool)>,
}

impl Anchored {
    fn build(anchors: Vec<(String, usize, bool)>) -> Result<Anchored, String> {
        // A DFA: every text is scanned for overlapping anchors, the fastest with one.
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(anchors.iter().map(|(a, _, _)| a))
            .map_err(|e| e.to_string())?;
        let owners = anchors
            .iter()
            .map(|(a, i, lenient)| (*i, *lenient, a.starts_with(char::is_alphabetic)))
            .collect();
        Ok(Anchored {
            automaton: Some(automaton),
            owners,
        })
    }

    /// Adds to `open` where the anchors (of the kind `skel` tells) occur in `hay` where a word
    /// can start; `same_offsets` tells whether an offset in `hay` is one in the text the regexes
    /// search (asked only if an anchor occurs).
    fn open(
        &self,
        hay: &str,
        skel: bool,
        same_offsets: &dyn Fn() -> bool,
        open: &mut [(Reach, Reach)],
    ) {
        let Some(ac) = &self.automaton else { return };
        for m in ac.find_overlapping_iter(hay) {
            let (i, lenient, letter) = self.owners[m.pattern().as_usize()];
            let reach = if lenient {
                &mut open[i].1
            } else {
                &mut open[i].0
            };
            if lenient != skel || matches!(reach, Reach::Anywhere) {
                continue;
            }
            if letter
                && hay[..m.start()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic)
            {
                continue;
            }
            reach.add(m.start(), same_offsets);
        }
    }
}

/// Where a matcher's regex may match in a text.
#[derive(Debug, Default)]
enum Reach {
    /// None of its anchors occurs: nowhere.
    #[default]
    Nowhere,
    /// Around its anchors, found at these byte offsets of the text.
    Near(Vec<usize>),
    /// Anywhere: it has no anchors, or their offsets are not the text's.
    Anywhere,
}

impl Reach {
    fn add(&mut self, at: usize, same_offsets: &dyn Fn() -> bool) {
        match self {
            Reach::Anywhere => {}
            _ if !same_offsets() => *self = Reach::Anywhere,
            Reach::Nowhere => *self = Reach::Near(vec![at]),
            Reach::Near(anchors) => anchors.push(at),
        }
    }

    /// The byte ranges of the matches of `regex` in `text`, in order.
    fn matches(&self, regex: &LazyRegex, text: &str, stops: &Stops) -> Vec<(usize, usize)> {
        match self {
            Reach::Nowhere => Vec::new(),
            Reach::Anywhere => regex.find_iter(text).collect(),
            Reach::Near(anchors) => stops
                .windows(text, anchors)
                .into_iter()
                .flat_map(|w| {
                    regex
                        .find_iter(&text[w.clone()])
                        .map(move |(start, end)| (w.start + start, w.start + end))
                })
                .collect(),
        }
    }
}

/// The texts the gate looks at: the normalised text and its skeleton (Kazakh only), each as it
/// is and lower-cased.
struct Hays<'a> {
    text: &'a str,
    lower: &'a str,
    skel: Option<(&'a str, &'a str)>,
}

impl Gate {
    fn build(matchers: &[ConceptMatcher]) -> Result<Gate, String> {
        let mut gate = Gate::default();
        let (mut folded, mut exact) = (Vec::new(), Vec::new());
        for (i, m) in matchers.iter().enumerate() {
            let sets = [
                (Some(&m.anchors), false),
                (m.lenient.as_ref().map(|_| &m.lenient_anchors), true),
            ];
            for (anchors, lenient) in sets {
                match anchors {
                    Some(Some(anchors)) => {
                        folded.extend(anchors.folded.iter().map(|a| (a.clone(), i, lenient)));
                        exact.extend(anchors.exact.iter().map(|a| (a.clone(), i, lenient)));
                    }
                    Some(None) => gate.always.push((i, lenient)),
                    None => {}
                }
            }
        }
        gate.folded = Anchored::build(folded)?;
        gate.exact = Anchored::build(exact)?;
        Ok(gate)
    }

    /// For each matcher, where its regex (`.0`) and its skeleton regex (`.1`) may match.
    fn open(&self, n: usize, hays: &Hays) -> Vec<(Reach, Reach)> {
        let mut open: Vec<(Reach, Reach)> = (0..n).map(|_| Default::default()).collect();
        for &(i, lenient) in &self.always {
            if lenient {
                open[i].1 = Reach::Anywhere;
            } else {
                open[i].0 = Reach::Anywhere;
            }
        }
        // Abbreviations are found in the text itself; stems in it lower-cased, whose offsets are
        // the text's unless some char lower-cases to another length.
        let same = || true;
        let aligned = OnceCell::new();
        let lower_aligned = || *aligned.get_or_init(|| window::aligned(hays.text, hays.lower));
        self.folded
            .open(hays.lower, false, &lower_aligned, &mut open);
        self.exact.open(hays.text, false, &same, &mut open);
        if let Some((skel, lower_skel)) = hays.skel {
            let aligned = OnceCell::new();
            let lower_aligned = || *aligned.get_or_init(|| window::aligned(skel, lower_skel));
            self.folded
                .open(lower_skel, true, &lower_aligned, &mut open);
            self.exact.open(skel, true, &same, &mut open);
        }
        open
    }
}

/// The compiled lexicon.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub matchers: Vec<ConceptMatcher>,
    denials: Vec<(Lang, LazyRegex, Option<LazyRegex>)>,
    denied: Vec<Concept>,
    gate: Gate,
    /// The punctuation that ends the windows the regexes search.
    stops: Stops,
    /// Tells lexicons apart (see [`Lexicon::id`]).
    id: u64,
}

/// The identity of the next lexicon loaded.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// One recognised phrase: the concept, and its byte range in the matched text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub concept: Concept,
    pub lang: Lang,
    pub start: usize,
    pub end: usize,
}

impl Lexicon {
    pub fn load() -> Result<Lexicon, KnowledgeError> {
        let files = knowledge::rule_files("lexicon");
        let find = |name: &str| {
            files
                .iter()
                .find(|f| f.path.ends_with(&format!("/{name}")))
                .ok_or_else(|| KnowledgeError::Invalid {
                    file: format!("rules/lexicon/{name}"),
                    message: "missing".into(),
                })
        };
        let morphology: Morphology = knowledge::parse_yaml(find("morphology.yaml")?)?;
        // The chars the phrases spell out, which a match may contain.
        let mut spelled: Vec<char> = morphology
            .classes
            .values()
            .flatten()
            .flatten()
            .flat_map(|s| s.chars())
            .collect();
        let negation_file = find("negation.yaml")?;
        let negation: NegationFile = knowledge::parse_yaml(negation_file)?;
        let mut lexicon = Lexicon {
            denied: negation.denies,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            ..Lexicon::default()
        };
        for (lang, patterns) in negation.languages {
            for p in patterns {
                let strict = LazyRegex::new(format!("(?i){p}"));
                let lenient = (lang == Lang::Kk)
                    .then(|| LazyRegex::new(format!("(?i){}", normalize::skeleton(&p).text)));
                lexicon.denials.push((lang, strict, lenient));
            }
        }
        for file in files.iter().filter(|f| {
            !f.path.ends_with("/morphology.yaml") && !f.path.ends_with("/negation.yaml")
        }) {
            let cf: ConceptFile = knowledge::parse_yaml(file)?;
            let _ = &cf.description;
            for (lang, terms) in cf.languages {
                spelled.extend(
                    (terms.phrases.iter())
                        .chain(&terms.abbreviations)
                        .flat_map(|p| p.chars()),
                );
                let invalid = |message: String| KnowledgeError::Invalid {
                    file: file.path.clone(),
                    message: format!("{} ({lang}): {message}", cf.concept),
                };
                let regex = pattern(&terms, &morphology, false).map_err(invalid)?;
                let lenient = (lang == Lang::Kk)
                    .then(|| pattern(&terms, &morphology, true))
                    .transpose()
                    .map_err(invalid)?;
                lexicon.matchers.push(ConceptMatcher {
                    concept: cf.concept,
                    lang,
                    regex: LazyRegex::new(regex),
                    lenient: lenient.map(LazyRegex::new),
                    anchors: anchors(&terms, false),
                    lenient_anchors: anchors(&terms, true),
                });
            }
        }
        lexicon.matchers.sort_by_key(|m| (m.concept, m.lang));
        lexicon.stops = Stops::new(spelled);
        lexicon.gate =
            Gate::build(&lexicon.matchers).map_err(|message| KnowledgeError::Invalid {
                file: "rules/lexicon".into(),
                message: format!("cannot build the anchor automaton: {message}"),
            })?;
        Ok(lexicon)
    }

    /// Compiles every pattern (a scan compiles only those its texts need), reporting the first
    /// that does not compile.
    pub fn compile_all(&self) -> Result<(), KnowledgeError> {
        for m in &self.matchers {
            for r in [Some(&m.regex), m.lenient.as_ref()].into_iter().flatten() {
                if let Err(e) = r.compiled() {
                    return Err(KnowledgeError::Invalid {
                        file: format!("rules/lexicon ({})", m.concept),
                        message: format!("{}: {e}", m.lang),
                    });
                }
            }
        }
        for (lang, strict, lenient) in &self.denials {
            for r in [Some(strict), lenient.as_ref()].into_iter().flatten() {
                if let Err(e) = r.compiled() {
                    return Err(KnowledgeError::Invalid {
                        file: "rules/lexicon/negation.yaml".into(),
                        message: format!("{lang}: invalid pattern `{}`: {e}", r.pattern),
                    });
                }
            }
        }
        Ok(())
    }

    /// Every phrase of every concept found in `text` (offsets in `text`), in any language; for
    /// Kazakh text also on its skeleton. Hits inside a sentence that denies using AI are dropped
    /// for the concepts a denial cancels.
    pub fn find(&self, text: &str, lang: Option<Lang>) -> Vec<Match> {
        self.find_prepared(&normalize::prepare(text), lang)
    }

    /// [`Lexicon::find`] on a text already prepared; offsets in the original text.
    pub fn find_prepared(&self, text: &Prepared, lang: Option<Lang>) -> Vec<Match> {
        self.find_where(text, lang, |hays| self.gate.open(self.matchers.len(), hays))
    }

    /// [`Lexicon::find_prepared`] with the matchers' regexes run where `open` tells.
    fn find_where(
        &self,
        text: &Prepared,
        lang: Option<Lang>,
        open: impl FnOnce(&Hays) -> Vec<(Reach, Reach)>,
    ) -> Vec<Match> {
        let norm = &text.norm;
        let skel = (lang == Some(Lang::Kk)).then(|| normalize::skeleton(&norm.text));
        let lower_skel = skel.as_ref().map(|s| s.text.to_lowercase());
        let hays = Hays {
            text: &norm.text,
            lower: &text.lower,
            skel: skel
                .as_ref()
                .map(|s| s.text.as_str())
                .zip(lower_skel.as_deref()),
        };
        let open = open(&hays);
        let mut found: Vec<Match> = Vec::new();
        for (m, (strict, lenient)) in self.matchers.iter().zip(&open) {
            for (start, end) in strict.matches(&m.regex, &norm.text, &self.stops) {
                found.push(Match {
                    concept: m.concept,
                    lang: m.lang,
                    start,
                    end,
                });
            }
            if let (Some(regex), Some(skel)) = (&m.lenient, &skel) {
                for (start, end) in lenient.matches(regex, &skel.text, &self.stops) {
                    let (start, end) = skel.original_range(start, end);
                    if !found
                        .iter()
                        .any(|f| f.concept == m.concept && f.start < end && start < f.end)
                    {
                        found.push(Match {
                            concept: m.concept,
                            lang: m.lang,
                            start,
                            end,
                        });
                    }
                }
            }
        }
        if found.is_empty() {
            return found;
        }
        // The denials run only when a hit is of a concept they cancel.
        if found.iter().any(|m| self.denied.contains(&m.concept)) {
            let denied = self.denied_ranges(norm, skel.as_ref());
            found.retain(|m| {
                !(self.denied.contains(&m.concept)
                    && denied.iter().any(|&(s, e)| s <= m.start && m.end <= e))
            });
        }
        for m in &mut found {
            (m.start, m.end) = norm.original_range(m.start, m.end);
        }
        found.sort_by_key(|m| (m.start, m.end, m.concept, m.lang));
        found
    }

    /// The sentences (ranges of the normalised text) that deny using AI.
    fn denied_ranges(&self, norm: &Normalized, skel: Option<&Normalized>) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (_, strict, lenient) in &self.denials {
            for (start, _) in strict.find_iter(&norm.text) {
                out.push(sentence(&norm.text, start));
            }
            if let (Some(lenient), Some(skel)) = (lenient, skel) {
                for (start, _) in lenient.find_iter(&skel.text) {
                    out.push(sentence(&norm.text, skel.original(start)));
                }
            }
        }
        out
    }

    /// A number no other lexicon loaded by this process has, for memos of its matches.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The concepts a lexicon file defines.
    pub fn concepts(&self) -> Vec<Concept> {
        let mut c: Vec<Concept> = self.matchers.iter().map(|m| m.concept).collect();
        c.dedup();
        c
    }
}

/// A phrase word that stands for up to four words in between (`отозвать … согласие`).
const GAP: &str = "…";
const GAP_PATTERN: &str = r"[\s\-]+(?:[\p{Latin}\p{Cyrillic}0-9\-]+[\s\-]+){0,4}?";

/// Letters that may follow a stem written with `*`. kk, ru and en are written in Latin and
/// Cyrillic; all of Unicode's letters made the regexes a quarter slower to build.
const LETTER: &str = r"[\p{Latin}\p{Cyrillic}]";

/// The byte range of the sentence around `at`.
fn sentence(text: &str, at: usize) -> (usize, usize) {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | ';' | '…' | '\n');
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(i, c)| is_end(c) && text[i + c.len_utf8()..].starts_with(char::is_whitespace))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .find(|&(i, c)| {
            is_end(c)
                && text[at + i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map_or(text.len(), |(i, c)| at + i + c.len_utf8());
    (start, end)
}

/// One regex for a concept's terms in one language; `lenient` writes them over the skeleton.
fn pattern(terms: &Terms, morphology: &Morphology, lenient: bool) -> Result<String, String> {
    let fold = |s: &str| {
        if lenient {
            normalize::skeleton(s).text
        } else {
            s.to_string()
        }
    };
    let mut alternatives = Vec::new();
    for phrase in &terms.phrases {
        let mut pattern = String::new();
        let mut gap = false;
        for w in phrase.split_whitespace() {
            if w == GAP {
                pattern.push_str(GAP_PATTERN);
                gap = true;
                continue;
            }
            if !pattern.is_empty() && !gap {
                pattern.push_str(r"[\s\-]+");
            }
            gap = false;
            pattern.push_str(&word_pattern(w, morphology, &fold)?);
        }
        if pattern.is_empty() || gap {
            return Err(format!("phrase `{phrase}` is empty or ends in a gap"));
        }
        alternatives.push(bounded(&format!("(?i:{pattern})"), phrase));
    }
    for abbr in &terms.abbreviations {
        alternatives.push(bounded(
            &format!(r"{}(?:-{LETTER}+)?", regex::escape(&fold(abbr))),
            abbr,
        ));
    }
    if alternatives.is_empty() {
        return Err("no phrases".into());
    }
    Ok(alternatives.join("|"))
}

/// The anchors of a concept's phrases and abbreviations, folded to the skeleton if `lenient`;
/// `None` if a phrase has no literal word.
fn anchors(terms: &Terms, lenient: bool) -> Option<Anchors> {
    let fold = |s: &str| {
        if lenient {
            normalize::skeleton(s).text
        } else {
            s.to_string()
        }
    };
    let mut out = Anchors::default();
    for phrase in &terms.phrases {
        let stem = phrase
            .split_whitespace()
            .filter(|w| *w != GAP)
            .map(|w| {
                w.split_once('~')
                    .map(|(stem, _)| stem)
                    .or(w.strip_suffix('*'))
                    .unwrap_or(w)
            })
            .map(|stem| fold(stem).to_lowercase())
            .max_by_key(|stem| stem.chars().count())
            .filter(|stem| !stem.is_empty())?;
        out.folded.push(stem);
    }
    out.exact = terms.abbreviations.iter().map(|a| fold(a)).collect();
    Some(out)
}

/// Word boundaries around a pattern: before it, and after it unless the phrase ends in a
/// non-letter (`A.I.`).
fn bounded(pattern: &str, phrase: &str) -> String {
    let ends_in_letter = phrase
        .trim_end_matches('*')
        .chars()
        .last()
        .is_some_and(char::is_alphanumeric)
        || phrase.contains('~');
    if ends_in_letter {
        format!(r"\b{pattern}\b")
    } else {
        format!(r"\b{pattern}")
    }
}

fn word_pattern(
    word: &str,
    morphology: &Morphology,
    fold: &dyn Fn(&str) -> String,
) -> Result<String, String> {
    if let Some((stem, class)) = word.split_once('~') {
        let slots = morphology
            .classes
            .get(class)
            .ok_or_else(|| format!("unknown suffix class `{class}` in `{word}`"))?;
        let mut p = regex::escape(&fold(stem));
        for slot in slots {
            let mut alts: Vec<String> = slot.iter().map(|a| fold(a)).collect();
            // Longest first so that the regex prefers the fullest suffix.
            alts.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
            alts.dedup();
            let alts: Vec<String> = alts.iter().map(|a| regex::escape(a)).collect();
            p.push_str(&format!("(?:{})?", alts.join("|")));
        }
        Ok(p)
    } else if let Some(stem) = word.strip_suffix('*') {
        Ok(format!("{}{LETTER}*", regex::escape(&fold(stem))))
    } else {
        Ok(regex::escape(&fold(word)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Passage {
        text: String,
    }

    /// Searching only the windows around the anchors finds what searching every text with every
    /// regex finds: on the corpus passages and on texts made to end windows in odd places.
    #[test]
    fn windows_find_what_the_whole_text_gives() {
        let lexicon = Lexicon::load().unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut texts: Vec<String> = ["kk.yaml", "ru.yaml", "en.yaml"]
            .iter()
            .flat_map(|name| {
                let yaml = std::fs::read_to_string(dir.join(name)).unwrap();
                serde_saphyr::from_str::<Vec<Passage>>(&yaml).unwrap()
            })
            .map(|p| p.text)
            .collect();
        texts.extend(
            [
                "Ответы готовит ИИ-ассистент; ИИ, ИИ. (ИИ) «ИИ» foo_ИИ ИИ_bar",
                "Our A.I. assistant (an AI-powered tool) uses artificial\nintelligence — and AI.",
                "İstanbul: this service uses artificial intelligence, see the \u{212A} notice.",
                "Жасанды интеллект (ЖИ) қолданылады — zhasandy intellekt; ЖИ-мен жасалған.",
                "Вы можете отозвать, в любой момент, своё согласие на обработку персональных данных.",
                "Сіз келісіміңізді кері қайтарып ала аласыз: ЖИ… нейрондық желілер!",
                "",
            ]
            .map(String::from),
        );
        let anywhere = |_: &Hays| {
            (0..lexicon.matchers.len())
                .map(|_| (Reach::Anywhere, Reach::Anywhere))
                .collect()
        };
        let mut found = 0;
        for text in &texts {
            let prepared = normalize::prepare(text);
            for lang in [None, Some(Lang::Kk), Some(Lang::Ru), Some(Lang::En)] {
                let near = lexicon.find_prepared(&prepared, lang);
                assert_eq!(
                    near,
                    lexicon.find_where(&prepared, lang, anywhere),
                    "{text}"
                );
                found += near.len();
            }
        }
        assert!(
            found > texts.len(),
            "the texts name concepts: {found} matches"
        );
    }
}
