//! Determinism: the same repository gives byte-identical machine-readable output for any number
//! of threads and on every run.

mod common;

use common::{formats, run, sample_repositories};
use std::ffi::OsStr;
use std::path::Path;

/// The machine-readable formats the binary offers (JSON always; SARIF and others once they
/// exist).
fn machine_formats() -> Vec<String> {
    formats()
        .into_iter()
        .filter(|f| matches!(f.as_str(), "json" | "sarif" | "junit" | "cyclonedx"))
        .collect()
}

fn output(repo: &Path, format: &str, jobs: &str) -> Vec<u8> {
    let out = run(
        [
            OsStr::new("check"),
            repo.as_os_str(),
            OsStr::new("--format"),
            OsStr::new(format),
            OsStr::new("--jobs"),
            OsStr::new(jobs),
            OsStr::new("--fail-on"),
            OsStr::new("never"),
        ],
        None,
    );
    assert_eq!(out.code, 0, "{}: {}", repo.display(), out.stderr);
    out.stdout
}

fn first_difference(a: &[u8], b: &[u8]) -> String {
    let at = a
        .iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let show = |s: &[u8]| {
        String::from_utf8_lossy(&s[at.saturating_sub(80)..(at + 80).min(s.len())]).into_owned()
    };
    format!("at byte {at}:\n{}\n---\n{}", show(a), show(b))
}

#[test]
fn output_is_identical_for_any_number_of_jobs() {
    let repos = sample_repositories();
    for format in machine_formats() {
        for repo in &repos {
            let one = output(repo, &format, "1");
            assert!(!one.is_empty());
            for jobs in ["2", "8"] {
                let many = output(repo, &format, jobs);
                assert!(
                    one == many,
                    "{} {format}: --jobs 1 and --jobs {jobs} differ {}",
                    repo.display(),
                    first_difference(&one, &many)
                );
            }
        }
    }
}

#[test]
fn output_is_identical_across_twenty_runs() {
    let repo = &sample_repositories()[0];
    for format in machine_formats() {
        let first = output(repo, &format, "0");
        for i in 1..20 {
            let again = output(repo, &format, "0");
            assert!(
                first == again,
                "{format}: run {i} differs {}",
                first_difference(&first, &again)
            );
        }
    }
}
