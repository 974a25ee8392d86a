//! `aidisclose init`: writes a commented config and disclosure templates; never overwrites.

use std::path::{Path, PathBuf};

/// The files `init` writes: path relative to the target directory, and content.
pub const FILES: [(&str, &str); 1] = [(
    ".aidisclose.yml",
    include_str!("../templates/aidisclose.yml"),
)];

/// What happened to each file.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Written(PathBuf),
    Kept(PathBuf),
}

/// Writes the templates into `dir`; files that exist are kept as they are.
pub fn init(dir: &Path) -> std::io::Result<Vec<Outcome>> {
    let mut out = Vec::new();
    for (rel, content) in FILES {
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
