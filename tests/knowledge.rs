//! The embedded knowledge loads: every rule, signal, lexicon and query file parses, validates and
//! compiles for its grammar.

use aidisclose::knowledge::Knowledge;

#[test]
fn all_embedded_knowledge_loads_and_validates() {
    let k = Knowledge::load().unwrap_or_else(|e| panic!("{e}"));
    // A scan compiles a language's queries when it first parses one of its files.
    k.queries.compile_all().unwrap_or_else(|e| panic!("{e}"));
    // And the lexicon's patterns when a text first needs them.
    k.lexicon.compile_all().unwrap_or_else(|e| panic!("{e}"));
    assert!(k.rule("kz.consumer.ai-risks-safe-use").is_some());
    assert!(
        k.signals.len() >= 300,
        "catalogue has {} packages",
        k.signals.len()
    );
    let concepts = k.lexicon.concepts();
    for c in ["ai-notice", "ai-risks", "safe-use"] {
        assert!(
            concepts.iter().any(|x| x.as_str() == c),
            "lexicon lacks {c}"
        );
    }
}

#[test]
fn every_rule_cites_the_law_in_kazakh_russian_and_english() {
    let k = Knowledge::load().unwrap();
    for rule in &k.rules {
        for lang in aidisclose::model::Lang::ALL {
            let text = rule
                .citation
                .text
                .get(&lang)
                .unwrap_or_else(|| panic!("{} lacks {lang} text", rule.id));
            assert!(
                !text.text.trim().is_empty(),
                "{}: empty {lang} text",
                rule.id
            );
        }
        assert!(!rule.help.trim().is_empty() && !rule.human_judgement.trim().is_empty());
    }
}
