//! Rule documentation generated from the rule files: `explain`, `rules`, and the README's rules
//! table (kept in sync by a test).

use crate::engine::rule::Rule;
use crate::knowledge::Knowledge;
use crate::model::Lang;
use std::fmt::Write;

/// The full documentation of one rule, for `aidisclose explain RULE`.
pub fn explain(rule: &Rule) -> String {
    let mut out = String::new();
    let c = &rule.citation;
    let _ = writeln!(out, "{} ({})", rule.id, rule.severity);
    let _ = writeln!(out, "{}\n", rule.title);
    let _ = writeln!(out, "Citation: {}, {}", c.law, c.article);
    if let Some(amended) = &c.amended_by {
        let _ = writeln!(out, "Amended by: {amended}");
    }
    for lang in Lang::ALL {
        if let Some(t) = c.text.get(&lang) {
            let _ = writeln!(out, "\nLegal text ({lang}, {}):", t.status.label());
            for line in t.text.trim().lines() {
                let _ = writeln!(out, "  {line}");
            }
        }
    }
    let sections = [
        ("What aidisclose checks", Some(rule.checks.as_str())),
        (
            "What a person must still judge",
            Some(&rule.human_judgement),
        ),
        ("How to fix", Some(&rule.help)),
        (
            "Example of a compliant disclosure (kk)",
            Some(&rule.examples.kk),
        ),
        (
            "Example of a compliant disclosure (ru)",
            Some(&rule.examples.ru),
        ),
        ("Example (en)", rule.examples.en.as_deref()),
    ];
    for (title, text) in sections {
        if let Some(text) = text {
            let _ = writeln!(out, "\n{title}:\n  {}", text.trim().replace('\n', "\n  "));
        }
    }
    let _ = writeln!(
        out,
        "\nNot legal advice: check the citation against the official text on adilet.zan.kz."
    );
    out
}

/// The catalogue of rules, grouped by pack, for `aidisclose rules`.
pub fn rules_list(knowledge: &Knowledge) -> String {
    let mut out = String::new();
    let width = knowledge
        .rules
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(10);
    for pack in knowledge.packs() {
        let _ = writeln!(out, "{pack}:");
        for r in knowledge.rules.iter().filter(|r| r.pack() == pack) {
            let _ = writeln!(
                out,
                "  {:<width$}  {:<7}  {}  [{}]",
                r.id,
                r.severity.as_str(),
                r.title,
                r.citation.short
            );
        }
    }
    out
}

/// The Markdown table of rules in the README, between the `rules-table` markers.
pub fn rules_table(knowledge: &Knowledge) -> String {
    let mut out = String::from(
        "| rule | severity | provision | what it checks |\n| --- | --- | --- | --- |\n",
    );
    for r in &knowledge.rules {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            r.id,
            r.severity.as_str(),
            r.citation.short,
            r.title.replace('|', "\\|")
        );
    }
    out
}
