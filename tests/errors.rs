//! Every user-facing error says what is wrong, in words, and exits with code 2; no panic and no
//! backtrace reaches the user, and a panic, if one ever happens, asks for a report and exits 2.

mod common;

use common::{UNPRIVILEGED, is_root, run};
use std::path::Path;

fn example() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/voice-assistant")
        .display()
        .to_string()
}

/// Runs the binary and asserts exit code 2 and that stderr holds every one of `expected`.
fn fails_with(args: &[&str], expected: &[&str]) -> String {
    let out = run(args, None);
    assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
    for e in expected {
        assert!(
            out.stderr.contains(e),
            "{args:?}: no {e:?} in:\n{}",
            out.stderr
        );
    }
    assert_clean(&out.stderr);
    assert!(out.stdout.is_empty(), "{args:?} printed a report");
    out.stderr
}

/// No panic text, backtrace or internal error.
fn assert_clean(stderr: &str) {
    for bad in [
        "panicked",
        "RUST_BACKTRACE",
        "stack backtrace",
        "internal error",
    ] {
        assert!(!stderr.contains(bad), "{bad} in:\n{stderr}");
    }
}

#[test]
fn bad_flags_and_values() {
    fails_with(
        &["check", "--frobnicate"],
        &["unexpected argument '--frobnicate'"],
    );
    fails_with(&["frobnicate"], &["unrecognized subcommand 'frobnicate'"]);
    fails_with(
        &["check", "--format", "xml"],
        &[
            "invalid value 'xml' for '--format <FORMAT>'",
            "possible values:",
        ],
    );
    fails_with(
        &["check", "--fail-on", "sometimes"],
        &["invalid value 'sometimes' for '--fail-on <FAIL_ON>'"],
    );
    fails_with(
        &["check", "--max-file-size", "0"],
        &["invalid value '0' for '--max-file-size <BYTES>'"],
    );
    fails_with(
        &["check", "--max-nesting", "deep"],
        &["invalid value 'deep' for '--max-nesting <DEPTH>'"],
    );
    fails_with(
        &["explain"],
        &["required arguments were not provided", "<RULE>"],
    );
}

#[test]
fn bad_jobs() {
    let expected = "expected a number of threads from 1 to 256, or 0 for one per core";
    for jobs in ["abc", "-1", "1.5", "257", "99999999999999999999"] {
        fails_with(
            &["check", &example(), &format!("--jobs={jobs}")],
            &[
                &format!("invalid value '{jobs}' for '--jobs <JOBS>'"),
                expected,
            ],
        );
    }
}

#[test]
fn unknown_language_and_jurisdiction() {
    fails_with(
        &["check", &example(), "--languages", "kk,xx"],
        &[
            "invalid value 'xx' for '--languages <LANGUAGES>'",
            "unknown language `xx` (kk, ru or en)",
        ],
    );
    fails_with(
        &["check", &example(), "--jurisdiction", "mars"],
        &["unknown jurisdiction `mars`", "known packs: kz"],
    );
}

#[test]
fn unknown_rule_in_explain() {
    fails_with(
        &["explain", "kz.consumer.ai-risks-safe-us"],
        &[
            "unknown rule `kz.consumer.ai-risks-safe-us`",
            "did you mean `kz.consumer.ai-risks-safe-use`?",
        ],
    );
    fails_with(
        &["explain", "nothing-like-it"],
        &[
            "unknown rule `nothing-like-it`",
            "`aidisclose rules` lists the rules",
        ],
    );
}

#[test]
fn unreadable_paths() {
    fails_with(
        &["check", "/nonexistent/aidisclose"],
        &["cannot scan /nonexistent/aidisclose: no such file or directory"],
    );
    fails_with(
        &[
            "check",
            &example(),
            "--config",
            "/nonexistent/aidisclose.yml",
        ],
        &["cannot read the config file", "No such file or directory"],
    );
    fails_with(
        &["check", &example(), "--config", &example()],
        &["cannot read the config file", "Is a directory"],
    );
    fails_with(
        &[
            "check",
            &example(),
            "--output",
            "/nonexistent/dir/report.json",
        ],
        &["cannot write /nonexistent/dir/report.json"],
    );
    // A root the scan may not read must not pass the check with nothing scanned.
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("chat.py"), "import openai\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = run(
        ["check", locked.to_str().unwrap()],
        is_root().then_some(UNPRIVILEGED),
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("cannot scan"), "{}", out.stderr);
    assert!(out.stderr.contains("Permission denied"), "{}", out.stderr);
    assert_clean(&out.stderr);
}

fn with_config(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".aidisclose.yml"), text).unwrap();
    std::fs::write(dir.path().join("chat.py"), "import openai\n").unwrap();
    let path = dir.path().display().to_string();
    (dir, path)
}

#[test]
fn bad_configs() {
    let cases: [(&str, &[&str]); 8] = [
        (
            "languages: [kk]\nfail_on: error\n",
            &[
                "unknown field `fail_on`",
                "did you mean `fail-on`?",
                ".aidisclose.yml:2",
            ],
        ),
        (
            "languages: [kk, xx]\n",
            &["unknown language `xx`", ".aidisclose.yml:1"],
        ),
        ("jurisdictions: [mars]\n", &["unknown jurisdiction `mars`"]),
        (
            "fail-on: sometimes\n",
            &["unknown variant `sometimes`", ".aidisclose.yml:1"],
        ),
        (
            "max-file-size: lots\n",
            &[".aidisclose.yml:1", "max-file-size"],
        ),
        ("max-nesting: 0\n", &["`max-nesting` must be at least 1"]),
        (
            "parse-timeout-ms: 0\n",
            &["`parse-timeout-ms` must be at least 1"],
        ),
        ("languages: [kk\n", &[".aidisclose.yml"]),
    ];
    for (text, expected) in cases {
        let (_dir, path) = with_config(text);
        let stderr = fails_with(&["check", &path], expected);
        assert!(!stderr.is_empty(), "{text}");
    }
    // Not UTF-8.
    let (_dir, path) = with_config("");
    std::fs::write(
        Path::new(&path).join(".aidisclose.yml"),
        b"languages: [\xFF]\n",
    )
    .unwrap();
    fails_with(
        &["check", &path],
        &["the config file is not valid UTF-8 (at byte 12)"],
    );
}

/// The panic path of the binary, exercised in a child process: the binary's hook and guard,
/// with a panic on a worker thread of a pool, as in a scan.
#[test]
fn a_panic_prints_a_short_message_and_exits_2() {
    if std::env::var_os("AIDISCLOSE_PANIC_CHILD").is_some() {
        aidisclose::crash::install_hook();
        let code = aidisclose::crash::guard(|| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(2)
                .build()
                .unwrap();
            pool.install(|| {
                use rayon::prelude::*;
                (0..4).into_par_iter().for_each(|i| {
                    if i == 3 {
                        panic!("extractor fell over");
                    }
                });
            });
            std::process::ExitCode::SUCCESS
        });
        // Mirror main(): the guard's code is the process's.
        std::process::exit(if code == std::process::ExitCode::from(2) {
            2
        } else {
            0
        });
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "a_panic_prints_a_short_message_and_exits_2",
            "--nocapture",
        ])
        .env("AIDISCLOSE_PANIC_CHILD", "1")
        .env("RUST_BACKTRACE", "full")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("aidisclose: internal error: extractor fell over (at tests/errors.rs:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("This is a bug; please report it with the command you ran."),
        "{stderr}"
    );
    assert!(!stderr.contains("stack backtrace"), "{stderr}");
    assert!(!stderr.contains("panicked at"), "{stderr}");
}
