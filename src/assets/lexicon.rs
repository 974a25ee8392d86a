//! The concept lexicon (`rules/lexicon/*.yaml`): phrases per concept and language, written as
//! stems with suffix classes (`rules/lexicon/morphology.yaml`) and compiled to one regex per
//! concept and language. Matching runs on normalised text (see [`super::normalize`]).

use crate::knowledge::{self, KnowledgeError};
use crate::model::{Concept, Lang};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;

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
    /// `stem*` takes any letters.
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

/// The compiled matcher of one concept in one language.
#[derive(Debug)]
pub struct ConceptMatcher {
    pub concept: Concept,
    pub lang: Lang,
    regex: Regex,
}

/// The compiled lexicon.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub matchers: Vec<ConceptMatcher>,
}

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
        let morph_file = files
            .iter()
            .find(|f| f.path.ends_with("/morphology.yaml"))
            .ok_or_else(|| KnowledgeError::Invalid {
                file: "rules/lexicon/morphology.yaml".into(),
                message: "missing".into(),
            })?;
        let morphology: Morphology = knowledge::parse_yaml(morph_file)?;
        let mut lexicon = Lexicon::default();
        for file in files
            .iter()
            .filter(|f| !f.path.ends_with("/morphology.yaml"))
        {
            let cf: ConceptFile = knowledge::parse_yaml(file)?;
            let _ = &cf.description;
            for (lang, terms) in cf.languages {
                let regex =
                    compile(&terms, &morphology).map_err(|message| KnowledgeError::Invalid {
                        file: file.path.clone(),
                        message: format!("{} ({lang}): {message}", cf.concept),
                    })?;
                lexicon.matchers.push(ConceptMatcher {
                    concept: cf.concept,
                    lang,
                    regex,
                });
            }
        }
        lexicon.matchers.sort_by_key(|m| (m.concept, m.lang));
        Ok(lexicon)
    }

    /// Every phrase of every concept found in normalised `text`, in any language.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let mut out = Vec::new();
        for m in &self.matchers {
            for found in m.regex.find_iter(text) {
                out.push(Match {
                    concept: m.concept,
                    lang: m.lang,
                    start: found.start(),
                    end: found.end(),
                });
            }
        }
        out.sort_by_key(|m| (m.start, m.end, m.concept, m.lang));
        out
    }

    /// The concepts a lexicon file defines.
    pub fn concepts(&self) -> Vec<Concept> {
        let mut c: Vec<Concept> = self.matchers.iter().map(|m| m.concept).collect();
        c.dedup();
        c
    }
}

/// Letters that may follow a stem written with `*`.
const LETTER: &str = r"\p{L}";

fn compile(terms: &Terms, morphology: &Morphology) -> Result<Regex, String> {
    let mut alternatives = Vec::new();
    for phrase in &terms.phrases {
        let words: Vec<String> = phrase
            .split_whitespace()
            .map(|w| word_pattern(w, morphology))
            .collect::<Result<_, _>>()?;
        if words.is_empty() {
            return Err("empty phrase".into());
        }
        alternatives.push(bounded(&format!("(?i:{})", words.join(r"[\s\-]+")), phrase));
    }
    for abbr in &terms.abbreviations {
        alternatives.push(bounded(
            &format!(r"{}(?:-{LETTER}+)?", regex::escape(abbr)),
            "a",
        ));
    }
    if alternatives.is_empty() {
        return Err("no phrases".into());
    }
    Regex::new(&alternatives.join("|")).map_err(|e| e.to_string())
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

fn word_pattern(word: &str, morphology: &Morphology) -> Result<String, String> {
    if let Some((stem, class)) = word.split_once('~') {
        let slots = morphology
            .classes
            .get(class)
            .ok_or_else(|| format!("unknown suffix class `{class}` in `{word}`"))?;
        let mut p = regex::escape(stem);
        for slot in slots {
            let mut alts: Vec<&str> = slot.iter().map(String::as_str).collect();
            // Longest first so that the regex prefers the fullest suffix.
            alts.sort_by_key(|a| std::cmp::Reverse(a.chars().count()));
            let alts: Vec<String> = alts.iter().map(|a| regex::escape(a)).collect();
            p.push_str(&format!("(?:{})?", alts.join("|")));
        }
        Ok(p)
    } else if let Some(stem) = word.strip_suffix('*') {
        Ok(format!("{}{LETTER}*", regex::escape(stem)))
    } else {
        Ok(regex::escape(word))
    }
}
