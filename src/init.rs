//! `aidisclose init`: writes a commented config and disclosure templates (kk, ru, en), and with
//! `--ci github` a workflow; never overwrites a file.

use std::path::{Path, PathBuf};

/// The files `init` always writes: path relative to the target directory, and content.
pub const FILES: [(&str, &str); 4] = [
    (
        ".aidisclose.yml",
        include_str!("../templates/aidisclose.yml"),
    ),
    (
        "docs/ai-disclosure.kk.md",
        include_str!("../templates/docs/ai-disclosure.kk.md"),
    ),
    (
        "docs/ai-disclosure.ru.md",
        include_str!("../templates/docs/ai-disclosure.ru.md"),
    ),
    (
        "docs/ai-disclosure.en.md",
        include_str!("../templates/docs/ai-disclosure.en.md"),
    ),
];

/// CI services `init --ci` writes a workflow for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Ci {
    /// `.github/workflows/aidisclose.yml`, using the aidisclose action.
    Github,
}

impl Ci {
    pub fn file(self) -> (&'static str, &'static str) {
        match self {
            Ci::Github => (
                ".github/workflows/aidisclose.yml",
                include_str!("../examples/workflows/aidisclose.yml"),
            ),
        }
    }
}

/// What happened to each file.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Written(PathBuf),
    Kept(PathBuf),
}

/// Writes the templates into `dir`; files that exist are kept as they are.
pub fn init(dir: &Path, ci: Option<Ci>) -> std::io::Result<Vec<Outcome>> {
    let mut out = Vec::new();
    for (rel, content) in FILES.into_iter().chain(ci.map(Ci::file)) {
        let path = dir.join(rel);
        if path.exists() || path.is_symlink() {
            out.push(Outcome::Kept(path));
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        // `create_new` refuses to follow or replace anything that appeared meanwhile.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        std::io::Write::write_all(&mut file, content.as_bytes())?;
        out.push(Outcome::Written(path));
    }
    Ok(out)
}
