//! aidisclose: finds the AI components of a product and checks that it ships the disclosures the
//! law requires (Kazakhstan: Law No. 231-VIII of 17.11.2025, AI Law No. 230-VIII Art. 21).
//!
//! The pipeline is discover → extract → inventory → evaluate → report; [`check`] runs it.

pub mod assets;
pub mod config;
pub mod crash;
pub mod detect;
pub mod docs;
pub mod engine;
pub mod facts;
pub mod init;
pub mod knowledge;
pub mod limits;
pub mod model;
pub mod progress;
pub mod report;
pub mod scan;
pub mod text;
pub mod workspace;
pub mod yaml;

use config::{Config, FailOn};
use knowledge::Knowledge;
use model::{REPORT_SCHEMA, Report, Severity, Summary, ToolInfo};
use scan::Inventory;
use std::path::PathBuf;

/// What to scan and how.
pub struct ScanRequest {
    /// The root paths are reported relative to.
    pub root: PathBuf,
    /// The trees to walk (the root itself when empty).
    pub paths: Vec<PathBuf>,
    pub config: Config,
    /// Worker threads; 0 picks the number of cores.
    pub jobs: usize,
    /// Draw the scan's progress on stderr (the caller decides: a terminal, not `--quiet`).
    pub progress: bool,
}

/// A finished scan: the report and the inventory behind it (with sources for snippets).
pub struct Outcome {
    pub report: Report,
    pub inventory: Inventory,
}

impl Outcome {
    /// The exit code of `check`: 1 when any diagnostic is at or above `fail_on`.
    pub fn exit_code(&self, fail_on: FailOn) -> i32 {
        i32::from(
            self.report
                .diagnostics
                .iter()
                .any(|d| fail_on.fails(d.severity)),
        )
    }
}

fn jobs(requested: usize) -> usize {
    if requested > 0 {
        requested
    } else {
        std::thread::available_parallelism().map_or(1, usize::from)
    }
}

fn run_scan(request: &ScanRequest, knowledge: &Knowledge) -> Inventory {
    let starts = if request.paths.is_empty() {
        vec![request.root.clone()]
    } else {
        request.paths.clone()
    };
    let progress = progress::Progress::new(request.progress);
    progress.run(|| {
        scan::scan(
            &request.root,
            &starts,
            &request.config,
            knowledge,
            jobs(request.jobs),
            &progress,
        )
    })
}

/// Scans and evaluates every enabled rule.
pub fn check(request: &ScanRequest, knowledge: &Knowledge) -> Outcome {
    let inventory = run_scan(request, knowledge);
    let diagnostics = engine::evaluate(knowledge, &request.config, &inventory);
    Outcome {
        report: build_report(&inventory, diagnostics),
        inventory,
    }
}

/// Scans and lists the components and disclosures, without verdicts.
pub fn inventory(request: &ScanRequest, knowledge: &Knowledge) -> Outcome {
    let inventory = run_scan(request, knowledge);
    Outcome {
        report: build_report(&inventory, Vec::new()),
        inventory,
    }
}

fn build_report(inventory: &Inventory, diagnostics: Vec<model::Diagnostic>) -> Report {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    Report {
        schema: REPORT_SCHEMA,
        tool: ToolInfo {
            name: "aidisclose".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        summary: Summary {
            files: inventory.files,
            components: inventory.components.len(),
            disclosures: inventory.disclosures.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Note),
        },
        components: inventory.components.clone(),
        disclosures: inventory.disclosures.clone(),
        skipped: inventory.notes.clone(),
        diagnostics,
    }
}
