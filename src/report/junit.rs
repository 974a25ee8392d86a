//! `--format junit`: JUnit XML for release gates that read test reports. One test suite per
//! rule; each open finding is a test case, failed when it is at or above `fail-on`; a rule with no
//! finding has one passing case; suppressed findings are skipped cases with their justification.

use super::rule_table;
use crate::Outcome;
use crate::config::FailOn;
use crate::knowledge::Knowledge;
use crate::model::Diagnostic;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

pub fn render(outcome: &Outcome, knowledge: &Knowledge, fail_on: FailOn) -> String {
    let mut report = Report::new("aidisclose");
    for rule in rule_table(knowledge) {
        let open: Vec<&Diagnostic> = outcome
            .report
            .diagnostics
            .iter()
            .filter(|d| d.rule == rule.id)
            .collect();
        let suppressed: Vec<_> = outcome
            .suppressed
            .iter()
            .filter(|s| s.diagnostic.rule == rule.id)
            .collect();
        let mut suite = TestSuite::new(rule.id.as_str());
        if open.is_empty() && suppressed.is_empty() {
            let mut case = TestCase::new("no findings", TestCaseStatus::success());
            case.set_classname(rule.id.as_str());
            suite.add_test_case(case);
        }
        for d in open {
            let status = if fail_on.fails(d.severity) {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status
                    .set_message(d.message.as_str())
                    .set_type(d.severity.as_str())
                    .set_description(details(d));
                status
            } else {
                TestCaseStatus::success()
            };
            let mut case = TestCase::new(case_name(d), status);
            case.set_classname(rule.id.as_str());
            if !fail_on.fails(d.severity) {
                case.set_system_out(format!("{}: {}\n{}", d.severity, d.message, details(d)));
            }
            suite.add_test_case(case);
        }
        for s in suppressed {
            let mut status = TestCaseStatus::skipped();
            status.set_message(s.by.justification());
            let mut case = TestCase::new(case_name(&s.diagnostic), status);
            case.set_classname(rule.id.as_str());
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
    }
    let mut xml: String = report
        .to_string()
        .expect("JUnit XML serialises")
        .chars()
        .map(|c| {
            // XML 1.0 has no control characters but tab and line breaks.
            if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect();
    if !xml.ends_with('\n') {
        xml.push('\n');
    }
    xml
}

fn case_name(d: &Diagnostic) -> String {
    format!("{}:{}:{}", d.path, d.line, d.column)
}

fn details(d: &Diagnostic) -> String {
    let mut text = format!("{}:{}:{}\n", d.path, d.line, d.column);
    if !d.help.is_empty() {
        text.push_str(&format!("How to fix: {}\n", d.help));
    }
    for c in &d.citations {
        text.push_str(&format!("Citation: {c}\n"));
    }
    for r in &d.related {
        text.push_str(&format!(
            "  {}:{}: {}\n",
            r.location.path, r.location.line, r.message
        ));
    }
    text
}
