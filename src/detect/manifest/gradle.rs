//! Gradle: `build.gradle` / `build.gradle.kts` dependency notations and the version catalog
//! `gradle/libs.versions.toml`: `"group:artifact:version"` strings, `module = "group:artifact"`,
//! and `group: "…", name: "…"` / `group = "…", name = "…"` pairs.

use super::{Entries, code_lines, quoted};

/// Scans the declaration lines of a build script (comments skipped).
pub(super) fn build_script(text: &str, out: &mut Entries) {
    for (start, line) in code_lines(text) {
        coordinates(line, start, out);
    }
}

/// Validates the TOML, then scans its lines like a build script.
pub(super) fn version_catalog(text: &str, out: &mut Entries) -> Result<(), String> {
    toml::from_str::<toml::Table>(text).map_err(|e| e.message().to_string())?;
    build_script(text, out);
    Ok(())
}

/// The Maven coordinates of one line, reported at the coordinate (or at the `name` value).
fn coordinates(line: &str, start: usize, out: &mut Entries) {
    let mut group: Option<&str> = None;
    let mut previous_key = "";
    for (at, s) in quoted(line) {
        let before = line[..at - 1]
            .trim_end()
            .trim_end_matches([':', '='])
            .trim_end();
        let key = before
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next()
            .unwrap_or("");
        if key == "group" {
            group = Some(s);
        } else if key == "name" && previous_key == "group" {
            if let Some(g) = group {
                out.dependency(
                    "maven",
                    &format!("{g}:{s}"),
                    start + at,
                    start + at + s.len(),
                );
            }
        } else {
            let mut parts = s.split(':');
            if let (Some(g), Some(a)) = (parts.next(), parts.next())
                && is_coordinate_part(g)
                && is_coordinate_part(a)
            {
                let len = g.len() + 1 + a.len();
                out.dependency("maven", &format!("{g}:{a}"), start + at, start + at + len);
            }
        }
        previous_key = key;
    }
}

fn is_coordinate_part(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}
