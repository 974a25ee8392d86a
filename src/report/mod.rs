//! Reporters: one module per output format, all rendering the same [`Report`].

pub mod human;
pub mod json;

use crate::model::Report;
use crate::scan::Inventory;
use std::borrow::Cow;

/// Output formats of `check` and `inventory`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets, for people.
    Human,
    /// The `aidisclose/report/v1` JSON contract.
    Json,
}

/// Presentation options for the human format.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// Renders a `check` report in a format.
pub fn render(format: Format, report: &Report, inventory: &Inventory, style: Style) -> String {
    match format {
        Format::Human => human::render(report, inventory, style),
        Format::Json => json::render(report),
    }
}

/// Renders an `inventory` report (components and disclosures, no verdicts).
pub fn render_inventory(format: Format, report: &Report, style: Style) -> String {
    match format {
        Format::Human => human::render_inventory(report, style),
        Format::Json => json::render(report),
    }
}

/// `s` with its control characters written as escapes (`\n`, `\u{1b}`), for file names and
/// messages in text output: a hostile file name cannot move the cursor, recolour the terminal or
/// forge a line of the report.
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Source text for snippets: control characters other than newline and tab become `?`, one per
/// byte, so that spans keep their byte offsets.
pub fn printable_source(s: &str) -> Cow<'_, str> {
    let hidden = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if hidden(c) {
                    "?".repeat(c.len_utf8())
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_made_visible() {
        assert!(matches!(printable("docs/ai.md"), Cow::Borrowed(_)));
        assert_eq!(printable("a\x1b[2J\nb.py"), "a\\u{1b}[2J\\nb.py");
        let source = "x = 1\r\n# \x1b[31m\u{9b}red\n";
        let shown = printable_source(source);
        assert_eq!(shown, "x = 1?\n# ?[31m??red\n");
        assert_eq!(shown.len(), source.len());
    }
}
