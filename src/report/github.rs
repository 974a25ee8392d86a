//! `--format github`: GitHub Actions workflow commands, one annotation per open finding
//! (`::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`). Every value is
//! escaped, so a file name or a message can never end the command or start another one. A
//! closing `::notice` gives the counts, so the run shows a verdict even with no finding.

use super::tally;
use crate::Outcome;
use crate::model::{Diagnostic, Severity};
use std::fmt::Write;

pub fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    for d in &outcome.report.diagnostics {
        annotation(&mut out, d);
    }
    let (findings, scanned) = tally(outcome, ", ");
    let _ = writeln!(
        out,
        "::notice title=aidisclose::{}",
        data(&format!("{findings}; {scanned}"))
    );
    out
}

fn annotation(out: &mut String, d: &Diagnostic) {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut props = vec![format!("file={}", property(&d.path))];
    if d.line > 0 {
        props.push(format!("line={}", d.line));
        props.push(format!("endLine={}", d.end_line.max(d.line)));
        if d.column > 0 && d.end_line == d.line && d.end_column >= d.column {
            props.push(format!("col={}", d.column));
            props.push(format!("endColumn={}", d.end_column));
        }
    }
    props.push(format!(
        "title={}",
        property(&format!("aidisclose {}", d.rule))
    ));
    let mut message = d.message.clone();
    if !d.help.is_empty() {
        message.push_str("\n\nHow to fix: ");
        message.push_str(&d.help);
    }
    if !d.citations.is_empty() {
        message.push_str("\n\nCitation: ");
        message.push_str(&d.citations.join("; "));
    }
    let _ = writeln!(out, "::{command} {}::{}", props.join(","), data(&message));
}

/// Escapes a command's message: `%`, CR and LF.
pub fn data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            // Other control characters (terminal escapes) are written as visible escapes.
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a command property: as [`data`], plus `:` and `,`.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_one_command_per_line() {
        assert_eq!(data("50% done\r\n::error::x"), "50%25 done%0D%0A::error::x");
        assert_eq!(
            property("a,b:c%\n::warning file=x::y"),
            "a%2Cb%3Ac%25%0A%3A%3Awarning file=x%3A%3Ay"
        );
    }
}
