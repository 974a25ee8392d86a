//! `--format markdown`: a compact pull-request comment or job summary: the verdict, counts by
//! rule, a table of findings with links, and the component inventory collapsed. Every value from
//! the scanned tree is escaped, so a file name or a message cannot add Markdown, HTML or
//! @-mentions.

use super::sarif::uri_path;
use super::{Options, tally};
use crate::Outcome;
use crate::model::{Diagnostic, Location};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Findings listed before "and N more".
const MAX_ROWS: usize = 50;

pub fn render(outcome: &Outcome, options: &Options) -> String {
    let report = &outcome.report;
    let failing = report
        .diagnostics
        .iter()
        .filter(|d| options.fail_on.fails(d.severity))
        .count();
    let mut out = String::new();
    let verdict = if failing > 0 {
        "❌ failed"
    } else if report.diagnostics.is_empty() {
        "✅ passed"
    } else {
        "⚠️ passed with findings"
    };
    let _ = writeln!(out, "## aidisclose: {verdict}\n");
    let (findings, scanned) = tally(outcome, " · ");
    let _ = writeln!(out, "{findings} — {scanned}\n");
    if !report.diagnostics.is_empty() {
        let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
        for d in &report.diagnostics {
            *by_rule.entry(d.rule.as_str()).or_default() += 1;
        }
        out.push_str("| rule | findings |\n| --- | ---: |\n");
        for (rule, n) in by_rule {
            let _ = writeln!(out, "| `{}` | {n} |", code(rule));
        }
        out.push_str("\n| | rule | where | finding |\n| --- | --- | --- | --- |\n");
        for d in report.diagnostics.iter().take(MAX_ROWS) {
            row(&mut out, d, options);
        }
        if report.diagnostics.len() > MAX_ROWS {
            let _ = writeln!(
                out,
                "\nand {} more findings (see the full report).",
                report.diagnostics.len() - MAX_ROWS
            );
        }
        out.push('\n');
    }
    if !report.components.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>AI components ({})</summary>\n",
            report.components.len()
        );
        out.push_str("| component | kind | ecosystem | first seen |\n| --- | --- | --- | --- |\n");
        for c in &report.components {
            let first = c
                .evidence
                .first()
                .map(|e| link(&e.location, options))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {first}{} |",
                escape(&c.name),
                c.kind,
                escape(&c.ecosystem),
                if c.evidence.len() > 1 {
                    format!(" (+{})", c.evidence.len() - 1)
                } else {
                    String::new()
                }
            );
        }
        out.push_str("\n</details>\n");
    }
    out
}

fn row(out: &mut String, d: &Diagnostic, options: &Options) {
    let icon = match d.severity {
        crate::model::Severity::Error => "❌",
        crate::model::Severity::Warning => "⚠️",
        crate::model::Severity::Note => "ℹ️",
    };
    let _ = writeln!(
        out,
        "| {icon} | `{}` | {} | {} |",
        code(&d.rule),
        link(&d.location, options),
        escape(&d.message)
    );
}

/// `path:line`, linked when a link base is known.
fn link(location: &Location, options: &Options) -> String {
    let text = escape(&format!("{}:{}", location.path, location.line));
    match &options.link_base {
        Some(base) => format!(
            "[{text}]({base}{}{})",
            uri_path(&location.path),
            if location.line > 0 {
                format!("#L{}", location.line)
            } else {
                String::new()
            }
        ),
        None => text,
    }
}

/// Escapes text for a Markdown table cell (inline content only: no block syntax applies there):
/// line breaks become spaces, inline Markdown punctuation is backslash-escaped, and `<`, `>`, `&`, `@` become entities (no HTML, no mentions).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\r' | '\n' => out.push(' '),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '@' => out.push_str("&#64;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text inside a code span: no backticks, pipes or line breaks can escape it.
fn code(s: &str) -> String {
    s.replace(['`', '\r', '\n'], " ").replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_html_and_mentions() {
        assert_eq!(
            escape("a|b <img src=x> [x](y) @team\n# h"),
            "a\\|b &lt;img src=x&gt; \\[x\\](y) &#64;team # h"
        );
        assert_eq!(code("kz.`x`|y"), "kz. x \\|y");
    }
}
