//! The rule documentation: the README's rules table is generated from the rule files and kept
//! in sync; `rules` lists every rule and `explain` prints its texts with their status.
//! Regenerate the table with `AIDISCLOSE_UPDATE_README=1 cargo test --test rules_docs`.

use aidisclose::docs;
use aidisclose::knowledge::Knowledge;
use assert_cmd::Command;

const START: &str = "<!-- rules-table:start -->\n";
const END: &str = "<!-- rules-table:end -->";

#[test]
fn readme_rules_table_is_generated_from_the_rule_files() {
    let knowledge = Knowledge::load().unwrap_or_else(|e| panic!("{e}"));
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let start = readme.find(START).expect("start marker") + START.len();
    let end = readme.find(END).expect("end marker");
    let table = docs::rules_table(&knowledge);
    if std::env::var_os("AIDISCLOSE_UPDATE_README").is_some() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(path, updated).expect("write README.md");
        return;
    }
    assert_eq!(
        &readme[start..end],
        table,
        "README.md's rules table is out of date: run AIDISCLOSE_UPDATE_README=1 cargo test --test rules_docs"
    );
    for rule in &knowledge.rules {
        assert!(readme[start..end].contains(&format!("`{}`", rule.id)));
    }
}

#[test]
fn rules_lists_every_rule_of_the_pack() {
    let out = Command::cargo_bin("aidisclose")
        .unwrap()
        .arg("rules")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for id in [
        "kz.consumer.ai-risks-safe-use",
        "kz.consumer.language-parity",
        "kz.consumer.packaging-label",
        "kz.ai.use-notice",
        "kz.ai.synthetic-marking",
        "kz.ai.synthetic-visible-warning",
        "kz.pd.automated-processing-notice",
        "kz.pd.objection-path",
        "kz.pd.rights-protection",
        "kz.pd.consent-withdrawal",
        "kz.pd.biometric-consent",
        "kz.pd.public-data-harvesting",
    ] {
        assert!(text.contains(id), "`rules` lacks {id}:\n{text}");
    }
}

#[test]
fn explain_prints_the_texts_with_their_status_and_kk_ru_examples() {
    let out = Command::cargo_bin("aidisclose")
        .unwrap()
        .args(["explain", "kz.pd.objection-path"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Art. 19-1 p.2-3"));
    assert!(text.contains("Legal text (kk, official text)"));
    assert!(text.contains("үш жұмыс күні ішінде"));
    assert!(text.contains("Legal text (ru, [inferred]"));
    assert!(text.contains("Legal text (en, unofficial translation)"));
    assert!(text.contains("What a person must still judge"));
    assert!(text.contains("Example of a compliant disclosure (kk)"));
    assert!(text.contains("Example of a compliant disclosure (ru)"));
}
