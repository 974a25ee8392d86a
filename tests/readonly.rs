//! Read-only, no network, no execution: a scan in every format and `init` on a tree where its
//! files exist leave the tree byte-for-byte, mode and mtime identical; the dependency tree has no
//! HTTP client; the code spawns no process and opens no socket.

mod common;

use common::{assert_unchanged, assert_valid, fingerprint, formats, run};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the bundled example, so that nothing else touches it while it is watched.
fn example_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("voice-assistant");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/voice-assistant"),
        &root,
    );
    (dir, root)
}

#[test]
fn scans_in_every_format_change_nothing() {
    let (_dir, root) = example_copy();
    let before = fingerprint(&root);
    for format in formats() {
        for command in ["check", "inventory"] {
            let out = run(
                [
                    OsStr::new(command),
                    root.as_os_str(),
                    OsStr::new("--format"),
                    OsStr::new(&format),
                ],
                None,
            );
            assert!(out.code <= 1, "{command} {format}: {}", out.stderr);
            assert_valid(&format, &out.stdout);
            assert_unchanged(&before, &fingerprint(&root), &format!("{command} {format}"));
        }
    }
}

#[test]
fn init_where_every_file_exists_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let first = run([OsStr::new("init"), dir.path().as_os_str()], None);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let written = first.stdout_text();
    assert!(written.contains("wrote"), "{written}");
    // Give every file different content and an old mtime: a rewrite would show in both.
    let files: Vec<PathBuf> = fingerprint(dir.path())
        .into_keys()
        .filter(|p| p.is_file())
        .collect();
    assert!(!files.is_empty());
    for f in &files {
        std::fs::write(f, "# edited by the product team\n").unwrap();
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
        std::fs::File::options()
            .write(true)
            .open(f)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    let before = fingerprint(dir.path());
    let again = run([OsStr::new("init"), dir.path().as_os_str()], None);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let kept = again.stdout_text();
    assert!(!kept.contains("wrote"), "init overwrote a file: {kept}");
    assert_eq!(kept.matches("kept").count(), files.len(), "{kept}");
    assert_unchanged(&before, &fingerprint(dir.path()), "a second init");
}

/// Crates that speak HTTP or open network connections for it.
const NETWORK_CRATES: [&str; 16] = [
    "reqwest",
    "hyper",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "surf",
    "attohttpc",
    "http-req",
    "minreq",
    "h2",
    "h3",
    "quinn",
    "tokio",
    "async-std",
    "native-tls",
];

#[test]
fn the_dependency_tree_has_no_network_client() {
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).unwrap();
    let names: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.contains(&"aidisclose"), "{tree}");
    assert!(
        names.contains(&"ignore"),
        "cargo tree lists dependencies: {tree}"
    );
    for bad in NETWORK_CRATES {
        assert!(!names.contains(&bad), "{bad} is in the dependency tree");
    }
}

/// Ways Rust code can start a process or open a socket.
const FORBIDDEN: [&str; 12] = [
    "process::Command",
    "Command::new",
    "std::os::unix::process",
    "CommandExt",
    "libc::exec",
    "libc::fork",
    "libc::system",
    "posix_spawn",
    "std::net",
    "TcpStream",
    "UdpSocket",
    "UnixStream",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension() == Some(OsStr::new("rs")) {
            out.push(path);
        }
    }
}

#[test]
fn the_code_spawns_no_process_and_opens_no_socket() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 10, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for bad in FORBIDDEN {
                assert!(
                    !line.contains(bad),
                    "{}:{}: `{bad}` in {line:?}",
                    file.display(),
                    n + 1
                );
            }
            // The CLI's exit handling is `std::process::ExitCode`; nothing else of
            // `std::process` may be used.
            if let Some(rest) = line.split("process::").nth(1) {
                assert!(
                    rest.starts_with("ExitCode"),
                    "{}:{}: {line:?}",
                    file.display(),
                    n + 1
                );
            }
        }
    }
}
