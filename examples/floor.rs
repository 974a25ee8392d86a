//! The floor of a scan that parses what it detects: `scripts/bench.sh` runs it next to
//! `aidisclose check` and `rg`. It walks the tree as `check` does, reads every file once, screens
//! each source file with its language's literals, and parses every candidate with tree-sitter and
//! matches its language's patterns (read by the library, as `check` reads them) over the tree,
//! with nothing done with the captures: no assets, facts, rules or report. No design that parses
//! the files it screens in can take less time.
//!
//! `cargo run --release --example floor -- TREE [--jobs N]` prints what it did on stderr.

use aidisclose::config::Config;
use aidisclose::detect::code::Language;
use aidisclose::detect::pattern::Patterns;
use aidisclose::knowledge::Knowledge;
use aidisclose::workspace::{self, FileKind};
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use tree_sitter::Parser;

/// The allocator `aidisclose` uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // SAFETY: the first statement, before any tree-sitter object exists.
    unsafe { aidisclose::parser_alloc::install() };
    let mut args = std::env::args().skip(1);
    let (mut root, mut jobs) = (None, 0);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--jobs" | "-j" => jobs = args.next().and_then(|j| j.parse().ok()).unwrap_or(0),
            _ => root = Some(PathBuf::from(arg)),
        }
    }
    let Some(root) = root.filter(|r| r.is_dir()) else {
        eprintln!("usage: floor TREE [--jobs N] (TREE: a directory)");
        return ExitCode::from(2);
    };
    if jobs == 0 {
        jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build();
    let (Ok(pool), Ok(knowledge)) = (pool, Knowledge::embedded()) else {
        eprintln!("floor: no thread pool or no embedded knowledge");
        return ExitCode::from(2);
    };
    let config = Config::default();
    let (files, candidates, bytes, captures) = pool.install(|| {
        let found = workspace::discover(&root, &[], &config, jobs).files;
        let per_file: Vec<(usize, usize)> = found
            .par_iter()
            .with_max_len(1)
            .map(|entry| {
                let Ok(text) = std::fs::read(&entry.abs) else {
                    return (0, 0);
                };
                let FileKind::Source(lang) = entry.kind else {
                    return (0, 0);
                };
                if !knowledge.queries.is_candidate(lang, &text) {
                    return (0, 0);
                }
                let patterns = knowledge.queries.patterns(lang);
                (text.len(), patterns.map_or(0, |p| parse(lang, p, &text)))
            })
            .collect();
        let parsed: Vec<&(usize, usize)> = per_file.iter().filter(|(b, _)| *b > 0).collect();
        (
            found.len(),
            parsed.len(),
            parsed.iter().map(|(b, _)| b).sum::<usize>(),
            parsed.iter().map(|(_, m)| m).sum::<usize>(),
        )
    });
    eprintln!(
        "floor: {files} files read, {candidates} candidates parsed ({:.1} MB), {captures} captures",
        bytes as f64 / 1e6
    );
    ExitCode::SUCCESS
}

/// Parses `text` and counts the patterns' captures.
fn parse(lang: Language, patterns: &Patterns, text: &[u8]) -> usize {
    let mut parser = Parser::new();
    if parser.set_language(&lang.grammar()).is_err() {
        return 0;
    }
    let Some(tree) = parser.parse(text, None) else {
        return 0;
    };
    let mut count = 0;
    let deadline = Instant::now() + Duration::from_secs(60);
    patterns.captures(&tree, text, deadline, |_, _| count += 1);
    count
}
