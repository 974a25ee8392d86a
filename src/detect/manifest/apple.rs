//! Apple platforms: SwiftPM `Package.swift` (`.product(name: "…")` and the repository name of
//! `.package(url: "…")`) and CocoaPods `Podfile` (`pod 'Name/Subspec'`).

use super::{Entries, code_lines, quoted};

pub(super) fn package_swift(text: &str, out: &mut Entries) {
    for (start, line) in code_lines(text) {
        for (at, s) in quoted(line) {
            let before = line[..at - 1].trim_end();
            if before.ends_with("name:") && line[..at].contains(".product(") {
                out.dependency("swiftpm", s, start + at, start + at + s.len());
            } else if before.ends_with("url:") {
                let repo = s.trim_end_matches('/').trim_end_matches(".git");
                let name = repo.rsplit('/').next().unwrap_or(repo);
                let at = start + at + (repo.len() - name.len());
                out.dependency("swiftpm", name, at, at + name.len());
            }
        }
    }
}

pub(super) fn podfile(text: &str, out: &mut Entries) {
    for (start, line) in code_lines(text) {
        let code = line.trim_start();
        if !code.starts_with("pod ") && !code.starts_with("pod(") {
            continue;
        }
        if let Some((at, name)) = quoted(line).next() {
            out.dependency("cocoapods", name, start + at, start + at + name.len());
        }
    }
}
