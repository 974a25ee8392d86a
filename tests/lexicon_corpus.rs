//! The lexicon on a corpus of realistic passages (`tests/corpus/*.yaml`): chat footers,
//! onboarding screens, manuals, label panels, privacy notices in kk (Cyrillic and Latin), ru and
//! en, with denials, false friends and other-language decoys. Each passage goes through the
//! same path as a plain-text asset (segments, language identification, lexicon, passages).
//! Per-language precision and recall over (passage, concept) pairs must be at least 0.9.

use aidisclose::assets::{self, AssetFormat, language};
use aidisclose::knowledge::Knowledge;
use aidisclose::limits::Limits;
use aidisclose::model::{Channel, Concept, Lang};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Passage {
    kind: String,
    /// `kk`, `ru`, `en`, or another language code (a decoy that must give nothing).
    lang: String,
    #[serde(default)]
    decoy: bool,
    concepts: Vec<Concept>,
    text: String,
}

fn corpus() -> Vec<Passage> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut all = Vec::new();
    for name in ["kk.yaml", "ru.yaml", "en.yaml"] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let passages: Vec<Passage> =
            serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        all.extend(passages);
    }
    all
}

/// The language and concepts the pipeline finds in one passage.
fn analyse(text: &str) -> (Option<Lang>, BTreeSet<Concept>) {
    let k = Knowledge::embedded().unwrap();
    let path = "corpus/passage.txt";
    let facts = assets::extract(
        AssetFormat::PlainText,
        path,
        text,
        Channel::Docs,
        &k.lexicon,
        &Limits::default(),
    );
    let lang = facts
        .disclosures
        .first()
        .map(|d| d.language)
        .or_else(|| language::detect(text));
    let concepts = facts
        .disclosures
        .iter()
        .flat_map(|d| d.concepts.iter().copied())
        .collect();
    (lang, concepts)
}

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    passages: usize,
    decoys: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

#[test]
fn corpus_precision_and_recall_per_language() {
    let passages = corpus();
    assert!(passages.len() >= 200, "corpus has {}", passages.len());
    let decoys = passages.iter().filter(|p| p.decoy).count();
    assert!(decoys >= 60, "corpus has {decoys} decoys");
    let mut scores: BTreeMap<Lang, Score> = BTreeMap::new();
    let mut misses = Vec::new();
    for p in &passages {
        let expected_lang = Lang::parse(&p.lang);
        let expected: BTreeSet<Concept> = p.concepts.iter().copied().collect();
        let (lang, found) = analyse(&p.text);
        if let Some(l) = expected_lang {
            let s = scores.entry(l).or_default();
            s.passages += 1;
            s.decoys += usize::from(p.decoy);
        }
        if lang == expected_lang || found.is_empty() && expected.is_empty() {
            if let Some(l) = expected_lang {
                let s = scores.entry(l).or_default();
                s.tp += expected.intersection(&found).count();
                s.fp += found.difference(&expected).count();
                s.fn_ += expected.difference(&found).count();
            }
        } else {
            if let Some(l) = expected_lang {
                scores.entry(l).or_default().fn_ += expected.len();
            }
            if let Some(l) = lang {
                scores.entry(l).or_default().fp += found.len();
            }
        }
        if found != expected || (lang != expected_lang && !found.is_empty()) {
            misses.push(format!(
                "  [{} {}] expected {:?} {:?}, found {:?} {:?}: {}",
                p.lang, p.kind, expected_lang, expected, lang, found, p.text
            ));
        }
    }
    println!("language  passages  decoys  precision  recall");
    for (lang, s) in &scores {
        println!(
            "{lang:<8}  {:>8}  {:>6}  {:>9.3}  {:>6.3}",
            s.passages,
            s.decoys,
            s.precision(),
            s.recall()
        );
    }
    println!("{} passages differ from their expectation:", misses.len());
    for m in &misses {
        println!("{m}");
    }
    for (lang, s) in &scores {
        assert!(
            s.precision() >= 0.9 && s.recall() >= 0.9,
            "{lang}: precision {:.3}, recall {:.3} (below 0.9); misses:\n{}",
            s.precision(),
            s.recall(),
            misses.join("\n")
        );
    }
    assert_eq!(scores.len(), 3, "every language is scored");
}
