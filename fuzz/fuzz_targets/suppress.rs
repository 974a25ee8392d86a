//! The suppression stage: the inline directives of a file (found as the scan finds them), then
//! applied with the waivers of the suppression fixture's config to diagnostics on the lines the
//! directives cover and to one of each rule on the file's first line.
#![no_main]

mod common;

use aidisclose::config::Config;
use aidisclose::model::{Diagnostic, Location, Severity};
use aidisclose::suppress::{self, Directive, DirectiveKind, SuppressedBy};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// Fixed, so that one waiver of the config is live and one expired.
const TODAY: &str = "2026-11-29";

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        let text = include_str!("../../tests/fixtures/ci-suppressions/.aidisclose.yml");
        Config::parse(".aidisclose.yml", text, common::knowledge()).expect("fixture config")
    })
}

fn diagnostic(rule: &str, path: &str, line: u32, n: usize) -> Diagnostic {
    Diagnostic {
        rule: rule.to_string(),
        severity: Severity::Warning,
        message: format!("finding {n}"),
        path: path.to_string(),
        line,
        column: 1,
        end_line: line,
        end_column: 1,
        help: String::new(),
        citations: Vec::new(),
        fingerprint: n.to_string(),
        related: Vec::new(),
        location: Location {
            path: path.to_string(),
            line,
            column: 1,
            end_line: line,
            end_column: 1,
            ..Location::default()
        },
        label: String::new(),
    }
}

/// Whether `directive` may suppress `d`: an `ignore` naming its rule on its line or the line
/// before, or an `ignore-file` naming it.
fn covers(directive: &Directive, d: &Diagnostic) -> bool {
    let DirectiveKind::Ignore {
        rules, whole_file, ..
    } = &directive.kind
    else {
        return false;
    };
    let line = directive.location.line;
    rules.contains(&d.rule) && (*whole_file || d.line == line || d.line == line + 1)
}

fuzz_target!(|data: &[u8]| {
    let Some((name, facts, _)) = common::extract_file(data, |_| true) else {
        return;
    };
    let knowledge = common::knowledge();
    let config = config();
    let directives = &facts.directives;
    let mut diagnostics: Vec<Diagnostic> = knowledge
        .rule_ids()
        .into_iter()
        .map(|rule| (rule.to_string(), 1))
        .chain(directives.iter().flat_map(|d| {
            match &d.kind {
                DirectiveKind::Ignore { rules, .. } => rules
                    .iter()
                    .map(|r| (r.clone(), d.location.line + 1))
                    .collect(),
                DirectiveKind::Malformed(_) => Vec::new(),
            }
        }))
        .enumerate()
        .map(|(n, (rule, line))| diagnostic(&rule, name, line, n))
        .collect();
    diagnostics.sort_by(|a, b| (&a.location, &a.rule).cmp(&(&b.location, &b.rule)));
    let input: BTreeSet<String> = diagnostics.iter().map(|d| d.fingerprint.clone()).collect();

    let (open, suppressed) =
        suppress::apply(diagnostics, directives, config, knowledge, None, TODAY);

    // Every diagnostic is either open or suppressed, once; the others are about suppressions.
    let (meta, findings): (Vec<&Diagnostic>, Vec<&Diagnostic>) = open
        .iter()
        .partition(|d| suppress::meta_rule(&d.rule).is_some());
    let mut output: Vec<&str> = findings
        .iter()
        .map(|d| d.fingerprint.as_str())
        .chain(suppressed.iter().map(|s| s.diagnostic.fingerprint.as_str()))
        .collect();
    output.sort_unstable();
    assert_eq!(
        output.len(),
        input.len(),
        "a diagnostic was lost or doubled"
    );
    assert!(output.iter().copied().eq(input.iter().map(String::as_str)));

    for s in &suppressed {
        match &s.by {
            SuppressedBy::Inline { location, reason } => {
                assert!(
                    directives
                        .iter()
                        .any(|d| &d.location == location && covers(d, &s.diagnostic)),
                    "suppressed by a directive that does not cover it: {location:?}"
                );
                assert!(!reason.trim().is_empty(), "a suppression without a reason");
            }
            SuppressedBy::Waiver { line, .. } => assert!(
                config.waivers.iter().any(|w| w.line == *line
                    && w.rule == s.diagnostic.rule
                    && (w.patterns.is_empty() || w.paths.is_match(name))
                    && w.expires.as_deref().is_none_or(|e| e >= TODAY)),
                "suppressed by a waiver that does not apply: line {line}"
            ),
            SuppressedBy::Baseline => panic!("no baseline was given"),
        }
    }
    for m in &meta {
        assert!(
            directives.iter().any(|d| d.location == m.location)
                || config.waivers.iter().any(|w| w.line == m.line),
            "{} points at no directive or waiver: {:?}",
            m.rule,
            m.location
        );
    }
    assert!(open.is_sorted_by(|a, b| (&a.location, &a.rule) <= (&b.location, &b.rule)));
});
