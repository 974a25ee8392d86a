//! The `aidisclose` command line: parses arguments, calls the library, maps results to exit codes
//! (0 clean, 1 findings at or above `--fail-on`, 2 usage, config or I/O error).

use aidisclose::baseline::Baseline;
use aidisclose::config::{Config, FailOn};
use aidisclose::knowledge::Knowledge;
use aidisclose::model::Lang;
use aidisclose::report::{self, Format, Options, Output, Style};
use aidisclose::{ScanRequest, docs, init};
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Rust's allocations go through mimalloc, as tree-sitter's do (`parser_alloc`): a scan allocates
/// and frees many small strings and vectors on every thread. See `parser_alloc` for the effect.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "aidisclose",
    version,
    about = "Lint a product repository for AI disclosure compliance",
    max_term_width = 100
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Disable colours (also off when stdout is not a terminal or NO_COLOR is set).
    #[arg(long, global = true)]
    no_color: bool,
    /// Print only diagnostics: no summary on stderr.
    #[arg(long, short, global = true)]
    quiet: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Scan and report what the law requires and is missing.
    Check(CheckArgs),
    /// Explain a rule: what, why, citation (kk, ru, en), how to fix, examples.
    Explain {
        /// A rule id, e.g. kz.consumer.ai-risks-safe-use.
        rule: String,
    },
    /// List the rules, by pack.
    Rules,
    /// Print the literals of the code prefilter, one per line: a source file is parsed only if it
    /// contains one (for benchmarks against `rg -F -f`).
    #[command(hide = true)]
    Literals,
    /// List the AI components and disclosures found, without verdicts.
    Inventory(InventoryArgs),
    /// Write a commented .aidisclose.yml and disclosure templates (never overwrites).
    Init {
        /// Directory to write into.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Also write a CI workflow for this service.
        #[arg(long, value_enum)]
        ci: Option<init::Ci>,
    },
}

#[derive(Args)]
struct ScanArgs {
    /// Paths to scan (default: the current directory).
    paths: Vec<PathBuf>,
    /// Config file (default: .aidisclose.yml found by walking up from the first path).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Worker threads, at most 256 (default, or 0: the number of cores).
    #[arg(long, short, default_value_t = 0, value_parser = parse_jobs)]
    jobs: usize,
    /// Languages disclosures must exist in, comma-separated (overrides the config).
    #[arg(long, value_delimiter = ',', value_parser = parse_lang)]
    languages: Option<Vec<Lang>>,
    /// Rule packs to apply, comma-separated (overrides the config).
    #[arg(long, value_delimiter = ',')]
    jurisdiction: Option<Vec<String>>,
    /// Output format; repeat it for several outputs of one scan (default: human).
    #[arg(long, value_enum)]
    format: Vec<Format>,
    /// Write the output of the --format before it to this file instead of stdout.
    #[arg(long, short)]
    output: Vec<PathBuf>,
    /// Also write FORMAT to FILE, e.g. `--output-format sarif=results.sarif` (repeatable).
    #[arg(long, value_name = "FORMAT=FILE", value_parser = report::parse_output_pair)]
    output_format: Vec<(Format, PathBuf)>,
    /// Prefix for links to files in Markdown, e.g. https://github.com/OWNER/REPO/blob/SHA/
    #[arg(long, value_name = "URL")]
    link_base: Option<String>,
    /// Skip files larger than this many bytes (overrides the config's max-file-size).
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    max_file_size: Option<u64>,
    /// Do not parse source files with a longer line, in bytes (overrides max-line-length).
    #[arg(long, value_name = "BYTES", value_parser = positive_usize)]
    max_line_length: Option<usize>,
    /// Stop parsing a source file after this many milliseconds (overrides parse-timeout-ms).
    #[arg(long, value_name = "MS", value_parser = clap::value_parser!(u64).range(1..))]
    parse_timeout_ms: Option<u64>,
    /// Do not read structured assets deeper than this nesting (overrides max-nesting).
    #[arg(long, value_name = "DEPTH", value_parser = positive_usize)]
    max_nesting: Option<usize>,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    scan: ScanArgs,
    /// Exit with 1 when a finding is at or above this severity (overrides the config).
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file (they are then reported as baselined).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

#[derive(Args)]
struct InventoryArgs {
    #[command(flatten)]
    scan: ScanArgs,
}

/// More threads than this is a typo, and would spend the run spawning them.
const MAX_JOBS: usize = 256;

fn parse_jobs(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n <= MAX_JOBS => Ok(n),
        _ => Err(format!(
            "expected a number of threads from 1 to {MAX_JOBS}, or 0 for one per core"
        )),
    }
}

fn positive_usize(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language `{s}` (kk, ru or en)"))
}

/// A failure that ends the command with exit code 2, rendered as a miette diagnostic.
type Failure = miette::Report;

fn main() -> ExitCode {
    // SAFETY: this runs first, before any tree-sitter object exists, and only once.
    unsafe { aidisclose::parser_alloc::install() };
    aidisclose::crash::install_hook();
    aidisclose::crash::guard(cli_main)
}

fn cli_main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let color =
        !cli.no_color && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal();
    let style = Style { color, width: 100 };
    match run(cli, &matches, style) {
        Ok(code) => ExitCode::from(code),
        Err(report) => {
            let handler = miette::GraphicalReportHandler::new_themed(if color {
                miette::GraphicalTheme::unicode()
            } else {
                miette::GraphicalTheme::unicode_nocolor()
            })
            .with_links(false);
            let mut out = String::new();
            if handler.render_report(&mut out, report.as_ref()).is_err() {
                out = format!("error: {report}\n");
            }
            let _ = std::io::stderr().lock().write_all(out.as_bytes());
            ExitCode::from(2)
        }
    }
}

fn knowledge() -> Result<&'static Knowledge, Failure> {
    Knowledge::embedded()
        .map_err(|e| miette::miette!("the embedded rules are invalid (a bug): {e}"))
}

fn run(cli: Cli, matches: &ArgMatches, style: Style) -> Result<u8, Failure> {
    let sub = matches.subcommand().map(|(_, m)| m);
    match cli.command {
        Command::Check(args) => {
            let knowledge = knowledge()?;
            let outputs = outputs(&args.scan, sub)?;
            let link_base = args.scan.link_base.clone();
            let request = request(args.scan, cli.quiet, knowledge)?;
            let fail_on = args.fail_on.unwrap_or(request.config.fail_on);
            let mut outcome = aidisclose::check(&request, knowledge);
            if let Some(path) = &args.write_baseline {
                let baseline = Baseline::of(&outcome.report.diagnostics);
                baseline.write(path).map_err(|e| miette::miette!("{e}"))?;
                outcome.apply_baseline(&baseline);
                if !cli.quiet {
                    eprintln!(
                        "aidisclose: {} findings recorded in {}",
                        baseline.findings.len(),
                        path.display()
                    );
                }
            } else if let Some(path) = &args.baseline {
                let baseline = Baseline::load(path).map_err(|e| miette::miette!("{e}"))?;
                outcome.apply_baseline(&baseline);
            }
            let options = Options {
                style,
                fail_on,
                link_base,
            };
            for output in &outputs {
                let options = Options {
                    style: style_for(style, &output.path),
                    ..options.clone()
                };
                let text = report::render(output.format, &outcome, knowledge, &options);
                emit(&text, output.path.as_ref())?;
            }
            if outputs.iter().all(|o| o.path.is_some()) && !cli.quiet {
                eprintln!(
                    "aidisclose: {} diagnostics written",
                    outcome.report.diagnostics.len()
                );
            }
            let code = outcome.exit_code(fail_on) as u8;
            // The process ends here: freeing the scan's results one by one would only delay it.
            std::mem::forget(outcome);
            Ok(code)
        }
        Command::Inventory(args) => {
            let knowledge = knowledge()?;
            let outputs = outputs(&args.scan, sub)?;
            let link_base = args.scan.link_base.clone();
            let request = request(args.scan, cli.quiet, knowledge)?;
            let outcome = aidisclose::inventory(&request, knowledge);
            for output in &outputs {
                let options = Options {
                    style: style_for(style, &output.path),
                    fail_on: FailOn::Never,
                    link_base: link_base.clone(),
                };
                let text = report::render_inventory(output.format, &outcome, knowledge, &options);
                emit(&text, output.path.as_ref())?;
            }
            // As for `check`: the process ends here.
            std::mem::forget(outcome);
            Ok(0)
        }
        Command::Explain { rule } => {
            let knowledge = knowledge()?;
            match knowledge.rule(&rule) {
                Some(r) => {
                    emit(&docs::explain(r), None)?;
                    Ok(0)
                }
                None => {
                    let ids = knowledge.rule_ids();
                    let hint = aidisclose::yaml::suggest(&rule, &ids)
                        .map(|s| format!("did you mean `{s}`?"))
                        .unwrap_or_else(|| "`aidisclose rules` lists the rules".into());
                    Err(miette::miette!(help = hint, "unknown rule `{rule}`"))
                }
            }
        }
        Command::Rules => {
            emit(&docs::rules_list(knowledge()?), None)?;
            Ok(0)
        }
        Command::Literals => {
            let text: String = knowledge()?
                .queries
                .literals()
                .iter()
                .map(|l| format!("{l}\n"))
                .collect();
            emit(&text, None)?;
            Ok(0)
        }
        Command::Init { dir, ci } => {
            let results = init::init(&dir, ci)
                .map_err(|e| miette::miette!("cannot write into {}: {e}", dir.display()))?;
            for r in results {
                match r {
                    init::Outcome::Written(p) => println!("wrote {}", p.display()),
                    init::Outcome::Kept(p) => {
                        println!("kept {} (exists; not overwritten)", p.display())
                    }
                }
            }
            Ok(0)
        }
    }
}

/// No colour in a file.
fn style_for(style: Style, output: &Option<PathBuf>) -> Style {
    Style {
        color: style.color && output.is_none(),
        ..style
    }
}

/// The outputs of a run, from `--format`, `--output` (by their positions) and `--output-format`.
fn outputs(args: &ScanArgs, matches: Option<&ArgMatches>) -> Result<Vec<Output>, Failure> {
    let indices = |id: &str| -> Vec<usize> {
        matches
            .and_then(|m| m.indices_of(id))
            .map(Iterator::collect)
            .unwrap_or_default()
    };
    let formats: Vec<(usize, Format)> = indices("format")
        .into_iter()
        .zip(args.format.iter().copied())
        .collect();
    let files: Vec<(usize, PathBuf)> = indices("output")
        .into_iter()
        .zip(args.output.iter().cloned())
        .collect();
    report::plan_outputs(&formats, &files, &args.output_format).map_err(|e| miette::miette!("{e}"))
}

fn request(args: ScanArgs, quiet: bool, knowledge: &Knowledge) -> Result<ScanRequest, Failure> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    for p in &paths {
        if !p.exists() {
            return Err(miette::miette!(
                "cannot scan {}: no such file or directory",
                p.display()
            ));
        }
        // A root that cannot be read would pass the check with nothing scanned.
        let readable = if p.is_dir() {
            std::fs::read_dir(p).map(drop)
        } else {
            std::fs::File::open(p).map(drop)
        };
        if let Err(e) = readable {
            return Err(miette::miette!("cannot scan {}: {e}", p.display()));
        }
    }
    let config_path = match args.config {
        Some(p) => Some(p),
        None => Config::discover(&paths[0]),
    };
    let mut config = match &config_path {
        Some(p) => Config::load(p, knowledge).map_err(|e| miette::Report::new(*e))?,
        None => Config::default(),
    };
    if let Some(langs) = args.languages {
        config.languages = langs;
    }
    let limits = &mut config.limits;
    if let Some(size) = args.max_file_size {
        limits.max_file_size = size;
    }
    if let Some(len) = args.max_line_length {
        limits.max_line_length = len;
    }
    if let Some(ms) = args.parse_timeout_ms {
        limits.parse_timeout = std::time::Duration::from_millis(ms);
    }
    if let Some(depth) = args.max_nesting {
        limits.max_nesting = depth;
    }
    if let Some(js) = args.jurisdiction {
        let packs = knowledge.packs();
        if let Some(bad) = js.iter().find(|j| !packs.contains(&j.as_str())) {
            return Err(miette::miette!(
                help = format!("known packs: {}", packs.join(", ")),
                "unknown jurisdiction `{bad}`"
            ));
        }
        config.jurisdictions = js;
    }
    let (root, paths) = if paths.len() == 1 {
        (paths[0].clone(), Vec::new())
    } else {
        (PathBuf::from("."), paths)
    };
    Ok(ScanRequest {
        root,
        paths,
        config,
        jobs: args.jobs,
        progress: !quiet && std::io::stderr().is_terminal(),
    })
}

fn emit(text: &str, output: Option<&PathBuf>) -> Result<(), Failure> {
    match output {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| miette::miette!("cannot write {}: {e}", path.display())),
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.flush();
            Ok(())
        }
    }
}
