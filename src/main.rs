//! The `aidisclose` command line: parses arguments, calls the library, maps results to exit codes
//! (0 clean, 1 findings at or above `--fail-on`, 2 usage, config or I/O error).

use aidisclose::config::{Config, FailOn};
use aidisclose::knowledge::Knowledge;
use aidisclose::model::Lang;
use aidisclose::report::{self, Format, Style};
use aidisclose::{ScanRequest, docs, init};
use clap::{Args, Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// Write a commented .aidisclose.yml (never overwrites).
    Init {
        /// Directory to write into.
        #[arg(default_value = ".")]
        dir: PathBuf,
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
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Write the report to this file instead of stdout.
    #[arg(long, short)]
    output: Option<PathBuf>,
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
    aidisclose::crash::install_hook();
    aidisclose::crash::guard(cli_main)
}

fn cli_main() -> ExitCode {
    let cli = Cli::parse();
    let color =
        !cli.no_color && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal();
    let style = Style { color, width: 100 };
    match run(cli, style) {
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

fn run(cli: Cli, style: Style) -> Result<u8, Failure> {
    match cli.command {
        Command::Check(args) => {
            let knowledge = knowledge()?;
            let (request, format, output) = request(args.scan, cli.quiet, knowledge)?;
            let fail_on = args.fail_on.unwrap_or(request.config.fail_on);
            let outcome = aidisclose::check(&request, knowledge);
            let text = report::render(
                format,
                &outcome.report,
                &outcome.inventory,
                style_for(style, &output),
            );
            emit(&text, output.as_ref())?;
            if output.is_some() && !cli.quiet {
                eprintln!(
                    "aidisclose: {} diagnostics written",
                    outcome.report.diagnostics.len()
                );
            }
            Ok(outcome.exit_code(fail_on) as u8)
        }
        Command::Inventory(args) => {
            let knowledge = knowledge()?;
            let (request, format, output) = request(args.scan, cli.quiet, knowledge)?;
            let outcome = aidisclose::inventory(&request, knowledge);
            emit(
                &report::render_inventory(format, &outcome.report, style),
                output.as_ref(),
            )?;
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
        Command::Init { dir } => {
            let results = init::init(&dir)
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

fn request(
    args: ScanArgs,
    quiet: bool,
    knowledge: &Knowledge,
) -> Result<(ScanRequest, Format, Option<PathBuf>), Failure> {
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
    Ok((
        ScanRequest {
            root,
            paths,
            config,
            jobs: args.jobs,
            progress: !quiet && std::io::stderr().is_terminal(),
        },
        args.format,
        args.output,
    ))
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
