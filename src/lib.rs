//! aidisclose: finds the AI components of a product and checks that it ships the disclosures the
//! law requires (Kazakhstan: Law No. 231-VIII of 17.11.2025, AI Law No. 230-VIII Art. 21).
//!
//! The pipeline is discover → extract → inventory → evaluate → suppress → report; [`check`] runs
//! it, and [`Outcome::apply_baseline`] keeps only the findings a baseline does not know.

pub mod assets;
pub mod baseline;
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
pub mod parser_alloc;
pub mod progress;
pub mod report;
pub mod scan;
pub mod suppress;
pub mod text;
pub mod workspace;
pub mod yaml;

use config::{Config, FailOn};
use knowledge::Knowledge;
use model::{REPORT_SCHEMA, Report, Severity, Summary, ToolInfo};
use scan::Inventory;
use std::path::PathBuf;
use suppress::{Suppressed, SuppressedBy};

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

impl ScanRequest {
    /// A scan of the whole tree at `root` with the default configuration, on all cores, with no
    /// progress drawn.
    pub fn new(root: impl Into<PathBuf>) -> ScanRequest {
        ScanRequest {
            root: root.into(),
            paths: Vec::new(),
            config: Config::default(),
            jobs: 0,
            progress: false,
        }
    }
}

/// A finished scan: the report (open findings), the inventory behind it (with sources for
/// snippets), and the findings suppressed inline, by a waiver or by the baseline.
pub struct Outcome {
    pub report: Report,
    pub inventory: Inventory,
    pub suppressed: Vec<Suppressed>,
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

    /// Moves the findings the baseline knows from the report to `suppressed`.
    pub fn apply_baseline(&mut self, baseline: &baseline::Baseline) {
        let (new, known) = baseline.split(std::mem::take(&mut self.report.diagnostics));
        self.suppressed
            .extend(known.into_iter().map(|diagnostic| Suppressed {
                diagnostic,
                by: SuppressedBy::Baseline,
            }));
        self.report.diagnostics = new;
        count_findings(&mut self.report);
    }
}

fn jobs(requested: usize) -> usize {
    if requested > 0 {
        requested
    } else {
        std::thread::available_parallelism().map_or(1, usize::from)
    }
}

/// Runs `f` on a pool of `jobs` threads (on the global pool if one cannot be built).
fn on_threads<T: Send>(jobs: usize, f: impl FnOnce() -> T + Send) -> T {
    match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => pool.install(f),
        Err(_) => f(),
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

/// Scans, evaluates every enabled rule and applies inline suppressions and config waivers.
pub fn check(request: &ScanRequest, knowledge: &Knowledge) -> Outcome {
    let (inventory, diagnostics) = on_threads(jobs(request.jobs), || {
        let inventory = run_scan(request, knowledge);
        let diagnostics = engine::evaluate(knowledge, &request.config, &inventory);
        (inventory, diagnostics)
    });
    let config_path = request
        .config
        .file
        .as_deref()
        .map(|f| relative(&request.root, f));
    let (open, suppressed) = suppress::apply(
        diagnostics,
        &inventory.directives,
        &request.config,
        knowledge,
        config_path.as_deref(),
        &suppress::today(),
    );
    Outcome {
        report: build_report(&inventory, open),
        inventory,
        suppressed,
    }
}

/// `file` relative to `root` with `/`, when it is inside it; else its file name.
fn relative(root: &std::path::Path, file: &std::path::Path) -> String {
    let canonical = |p: &std::path::Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.into());
    let (root, file) = (canonical(root), canonical(file));
    match file.strip_prefix(&root) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
    }
}

/// Scans and lists the components and disclosures, without verdicts.
pub fn inventory(request: &ScanRequest, knowledge: &Knowledge) -> Outcome {
    let inventory = on_threads(jobs(request.jobs), || run_scan(request, knowledge));
    Outcome {
        report: build_report(&inventory, Vec::new()),
        inventory,
        suppressed: Vec::new(),
    }
}

fn build_report(inventory: &Inventory, diagnostics: Vec<model::Diagnostic>) -> Report {
    let mut report = Report {
        schema: REPORT_SCHEMA,
        tool: ToolInfo {
            name: "aidisclose".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        summary: Summary {
            files: inventory.files,
            components: inventory.components.len(),
            disclosures: inventory.disclosures.len(),
            ..Summary::default()
        },
        components: inventory.components.clone(),
        disclosures: inventory.disclosures.clone(),
        skipped: inventory.notes.clone(),
        diagnostics,
    };
    count_findings(&mut report);
    report
}

/// Sets the summary's error, warning and note counts from the report's diagnostics.
fn count_findings(report: &mut Report) {
    let count = |s: Severity| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    report.summary.errors = count(Severity::Error);
    report.summary.warnings = count(Severity::Warning);
    report.summary.notes = count(Severity::Note);
}
