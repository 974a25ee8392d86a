//! `--format human`: miette's graphical diagnostics with source snippets, then a summary.

use super::{Style, printable, printable_source};
use crate::model::{Diagnostic as Finding, Location, Report, Severity};
use crate::scan::Inventory;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};
use std::fmt::{self, Write};
use std::sync::Arc;

/// One rendered diagnostic: a primary label, related labels in the same file, and related
/// diagnostics for spans in other files.
#[derive(Debug)]
struct Rendered {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<NamedSource<Arc<str>>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Rendered>,
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rendered {}

impl Diagnostic for Rendered {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
        }
    }
}

fn severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Note => miette::Severity::Advice,
    }
}

fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(style.width)
}

/// A file's text for a snippet, under its name, both with control characters made harmless.
fn named_source(path: &str, text: &Arc<str>) -> NamedSource<Arc<str>> {
    let shown = match printable_source(text) {
        std::borrow::Cow::Borrowed(_) => Arc::clone(text),
        std::borrow::Cow::Owned(s) => Arc::from(s),
    };
    NamedSource::new(printable(path), shown)
}

fn span(loc: &Location) -> (usize, usize) {
    (loc.start_byte, loc.end_byte.saturating_sub(loc.start_byte))
}

fn to_rendered(d: &Finding, inventory: &Inventory) -> Rendered {
    let source = inventory
        .sources
        .get(&d.path)
        .map(|s| named_source(&d.path, s));
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        Some(printable(&d.label).into_owned()),
        span(&d.location),
    )];
    let mut related = Vec::new();
    for r in &d.related {
        if r.location.path == d.path {
            labels.push(LabeledSpan::new_with_span(
                Some(printable(&r.message).into_owned()),
                span(&r.location),
            ));
        } else {
            related.push(Rendered {
                message: format!("related: {}", printable(&r.message)),
                code: None,
                severity: miette::Severity::Advice,
                help: None,
                source: inventory
                    .sources
                    .get(&r.location.path)
                    .map(|s| named_source(&r.location.path, s)),
                labels: vec![LabeledSpan::new_primary_with_span(
                    Some(printable(&r.message).into_owned()),
                    span(&r.location),
                )],
                related: Vec::new(),
            });
        }
    }
    let help = format!(
        "{}\ncitation: {}\nexplain: aidisclose explain {}",
        d.help,
        d.citations.join("; "),
        d.rule
    );
    Rendered {
        message: printable(&d.message).into_owned(),
        code: Some(d.rule.clone()),
        severity: severity(d.severity),
        help: Some(help),
        source,
        labels: if inventory.sources.contains_key(&d.path) {
            labels
        } else {
            Vec::new()
        },
        related,
    }
}

/// Renders the diagnostics of a `check`, the skipped files, and a summary line.
pub fn render(report: &Report, inventory: &Inventory, style: Style) -> String {
    let handler = handler(style);
    let mut out = String::new();
    for d in &report.diagnostics {
        let rendered = to_rendered(d, inventory);
        let mut block = String::new();
        if handler.render_report(&mut block, &rendered).is_err() {
            block = format!(
                "{}: {}: {} ({}:{})\n",
                d.severity,
                d.rule,
                printable(&d.message),
                printable(&d.path),
                d.line
            );
        }
        out.push_str(&block);
        out.push('\n');
    }
    write_notes(&mut out, report);
    out.push_str(&summary_line(report));
    out
}

/// The notes of files skipped or partly read, a line each.
fn write_notes(out: &mut String, report: &Report) {
    for note in &report.skipped {
        let _ = writeln!(
            out,
            "note: {}: {}",
            printable(&note.path),
            printable(&note.message)
        );
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn summary_line(report: &Report) -> String {
    let s = &report.summary;
    let verdict = if s.errors + s.warnings + s.notes == 0 {
        "no findings".to_string()
    } else {
        format!(
            "{}, {}, {}",
            plural(s.errors, "error"),
            plural(s.warnings, "warning"),
            plural(s.notes, "note")
        )
    };
    format!(
        "aidisclose: {verdict} in {} ({}, {}{})\n",
        plural(s.files, "file"),
        plural(s.components, "AI component"),
        plural(s.disclosures, "disclosure"),
        if report.skipped.is_empty() {
            String::new()
        } else {
            format!(", {} skipped", plural(report.skipped.len(), "note"))
        }
    )
}

/// Renders the components and disclosures found, as two tables.
pub fn render_inventory(report: &Report, _style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "AI components ({})", report.components.len());
    if report.components.is_empty() {
        out.push_str("  none found\n");
    }
    let w = report
        .components
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    for c in &report.components {
        let first = c
            .evidence
            .iter()
            .min_by_key(|e| (e.detector.anchor_rank(), &e.location));
        let at = first
            .map(|e| {
                format!(
                    "{}:{} ({})",
                    printable(&e.location.path),
                    e.location.line,
                    e.detector.as_str()
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<w$}  {:<18}  {:<9}  {:>3} evidence  {}",
            c.name,
            c.kind.as_str(),
            c.ecosystem,
            c.evidence.len(),
            at,
        );
    }
    let _ = writeln!(out, "\nDisclosures ({})", report.disclosures.len());
    if report.disclosures.is_empty() {
        out.push_str("  none found\n");
    }
    for d in &report.disclosures {
        let concepts: Vec<&str> = d.concepts.iter().map(|c| c.as_str()).collect();
        let _ = writeln!(
            out,
            "  {}:{}-{}  {}  {:<9}  {}",
            printable(&d.path),
            d.line,
            d.end_line,
            d.language,
            d.channel.as_str(),
            concepts.join(", ")
        );
    }
    write_notes(&mut out, report);
    out
}
