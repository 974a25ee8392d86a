//! Helpers shared by the integration tests: running the binary (optionally as an unprivileged
//! user, with its peak memory), reading its JSON inventory, the output formats it offers,
//! validating each format's output, and fingerprinting a tree to prove a scan changed nothing.

#![allow(dead_code)] // each test binary uses a different subset

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The user and group the scans run as when the tests run as root (where file permissions do not
/// stop reads): `nobody`.
pub const UNPRIVILEGED: u32 = 65534;

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_aidisclose"))
}

pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// The JSON report of `aidisclose inventory` on `root`; the run must succeed.
pub fn inventory_json(root: &Path) -> serde_json::Value {
    let args = [
        OsStr::new("inventory"),
        OsStr::new("--format"),
        OsStr::new("json"),
    ];
    let out = run(args.into_iter().chain([root.as_os_str()]), None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_slice(&out.stdout).expect("the report is JSON")
}

/// What a finished run of the binary left.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: String,
    /// Peak resident set size of the process, in KiB.
    pub max_rss_kib: i64,
}

impl Run {
    pub fn stdout_text(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }
}

/// Runs the binary with `args` and waits for it with `wait4`, which reports the child's own peak
/// memory; `as_user` drops root for the child (a file's permissions then apply to it).
pub fn run<I, S>(args: I, as_user: Option<u32>) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(id) = as_user {
        cmd.uid(id).gid(id);
    }
    // Reaped below with wait4, which also reports the child's peak memory.
    #[allow(clippy::zombie_processes)]
    let mut child = cmd.spawn().expect("the binary starts");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        out.read_to_end(&mut buf).expect("read stdout");
        buf
    });
    let mut stderr = Vec::new();
    err.read_to_end(&mut stderr).expect("read stderr");
    let stdout = reader.join().expect("stdout reader");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to overwrite.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own unwaited child; status and usage are valid for writes.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32, "wait4 failed");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    Run {
        code,
        stdout,
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        max_rss_kib: usage.ru_maxrss,
    }
}

/// The values `check --format` accepts, read from the binary's help so that every format added
/// later is covered too.
pub fn formats() -> Vec<String> {
    let help = run(["check", "-h"], None);
    assert_eq!(help.code, 0, "{}", help.stderr);
    let text = help
        .stdout_text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let after = text
        .split_once("--format <FORMAT>")
        .expect("check has --format")
        .1;
    let list = after
        .split_once("[possible values: ")
        .expect("--format lists its values")
        .1
        .split_once(']')
        .expect("closing bracket")
        .0;
    let formats: Vec<String> = list.split(", ").map(str::to_string).collect();
    assert!(formats.contains(&"json".to_string()), "{formats:?}");
    formats
}

/// Asserts that `output` is a well-formed document of `format`, and returns it as text.
pub fn assert_valid(format: &str, output: &[u8]) -> String {
    let text = std::str::from_utf8(output)
        .unwrap_or_else(|e| panic!("{format} output is not UTF-8: {e}"))
        .to_string();
    assert!(!text.trim().is_empty(), "{format} output is empty");
    match format {
        "json" | "sarif" | "cyclonedx" => {
            let value: serde_json::Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{format} output is not JSON: {e}\n{text}"));
            match format {
                "json" => assert_eq!(value["schema"], "aidisclose/report/v1"),
                "sarif" => assert_eq!(value["version"], "2.1.0"),
                _ => assert_eq!(value["bomFormat"], "CycloneDX"),
            }
        }
        "junit" => assert_well_formed_xml(&text),
        "github" => {
            // Workflow commands are line-based: a hostile path or message must not start a
            // command of its own on a new line.
            for line in text.lines().filter(|l| !l.is_empty()) {
                assert!(
                    line.starts_with("::"),
                    "github output has a line that is not a workflow command: {line:?}"
                );
                assert!(
                    !line[2..].contains("\n::"),
                    "github output has an embedded command: {line:?}"
                );
            }
        }
        _ => {}
    }
    // No raw control characters (terminal escapes smuggled in through file names or text),
    // except in the human format, whose colours are off here.
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r'),
        "{format} output has raw control characters"
    );
    text
}

fn assert_well_formed_xml(text: &str) {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0i64;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("junit output is not well-formed XML: {e}\n{text}"),
        }
    }
    assert_eq!(depth, 0, "junit output has unclosed elements");
}

/// Content hash, mode, size and mtime of every entry of a tree (symlinks not followed), keyed by
/// path: equal fingerprints before and after a run prove the run changed nothing.
pub fn fingerprint(root: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let meta = std::fs::symlink_metadata(&dir).expect("stat");
        out.insert(dir.clone(), describe(&meta, "dir".into()));
        for entry in std::fs::read_dir(&dir).expect("list") {
            let path = entry.expect("entry").path();
            let meta = std::fs::symlink_metadata(&path).expect("stat");
            let kind = meta.file_type();
            if kind.is_dir() {
                stack.push(path);
                continue;
            }
            let what = if kind.is_symlink() {
                format!("link {:?}", std::fs::read_link(&path).expect("readlink"))
            } else if kind.is_file() && meta.size() < (64 << 20) {
                // Readable as root; a sparse 1 GB file is fingerprinted by size and mtime.
                match std::fs::read(&path) {
                    Ok(bytes) => format!("{:016x}", fnv1a(&bytes)),
                    Err(e) => format!("unreadable {e}"),
                }
            } else {
                "special or large".into()
            };
            out.insert(path, describe(&meta, what));
        }
    }
    out
}

fn describe(meta: &std::fs::Metadata, what: String) -> String {
    format!(
        "{what} mode={:o} size={} mtime={}.{:09} uid={}",
        meta.mode(),
        meta.size(),
        meta.mtime(),
        meta.mtime_nsec(),
        meta.uid()
    )
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Asserts two fingerprints are equal, naming the first entry that differs.
pub fn assert_unchanged(
    before: &BTreeMap<PathBuf, String>,
    after: &BTreeMap<PathBuf, String>,
    what: &str,
) {
    for (path, b) in before {
        match after.get(path) {
            Some(a) => assert_eq!(a, b, "{what} changed {}", path.display()),
            None => panic!("{what} removed {}", path.display()),
        }
    }
    if let Some(extra) = after.keys().find(|p| !before.contains_key(*p)) {
        panic!("{what} created {}", extra.display());
    }
}

/// Makes every directory and file under `root` readable by everyone (a scan that runs as an
/// unprivileged user can then read all it is allowed to).
pub fn open_up(root: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        for entry in std::fs::read_dir(&dir).expect("list") {
            let path = entry.expect("entry").path();
            let meta = std::fs::symlink_metadata(&path).expect("stat");
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() {
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644))
                    .expect("chmod");
            }
        }
    }
}

/// The repository's bundled example, and the whole fixture tree scanned as one repository (many
/// files in many languages and formats, one process).
pub fn sample_repositories() -> Vec<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    vec![
        manifest.join("examples/voice-assistant"),
        manifest.join("tests/fixtures"),
    ]
}
