//! Reporters: one module per output format, all rendering the same [`Report`].

pub mod human;
pub mod json;

use crate::model::Report;
use crate::scan::Inventory;

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
