//! AI services named in `.env` files (variables, detector `env`) and in configuration files
//! (`application.yml`, `appsettings.json`, `docker-compose.yml`, `config.toml`…: hosts and
//! variables, detector `config`). Comment lines are skipped; values are never reported.

use crate::detect::signals::{API_ECOSYSTEM, Signals};
use crate::model::{ComponentHit, Detector, Evidence};
use crate::text::LineIndex;

/// A settings file the scan reads for AI services.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SettingsFile {
    /// `.env`, `.env.example`, `prod.env`…
    DotEnv,
    /// A configuration file of an application or its deployment.
    Config,
}

const CONFIG_EXTENSIONS: [&str; 8] = [
    "yml",
    "yaml",
    "toml",
    "json",
    "properties",
    "ini",
    "cfg",
    "conf",
];
const CONFIG_STEMS: [&str; 5] = [
    "application",
    "appsettings",
    "docker-compose",
    "compose",
    "settings",
];
const CONFIG_DIRS: [&str; 3] = ["config", "configs", "conf"];

impl SettingsFile {
    /// Recognises a settings file by its relative path.
    pub fn from_path(rel: &str) -> Option<SettingsFile> {
        let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        let lower = name.to_ascii_lowercase();
        if lower == ".env" || lower.starts_with(".env.") || lower.ends_with(".env") {
            return Some(SettingsFile::DotEnv);
        }
        let (stem, ext) = lower.rsplit_once('.')?;
        if !CONFIG_EXTENSIONS.contains(&ext) {
            return None;
        }
        let parent = dir.rsplit('/').next().unwrap_or(dir);
        let config = stem.contains("config")
            || CONFIG_STEMS.iter().any(|s| stem.starts_with(s))
            || CONFIG_DIRS.contains(&parent);
        config.then_some(SettingsFile::Config)
    }
}

/// The AI hosts and variables of a settings file, line by line, comment lines skipped.
pub fn extract(kind: SettingsFile, path: &str, text: &str, signals: &Signals) -> Vec<ComponentHit> {
    let index = LineIndex::new(text);
    let mut hits = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        if trimmed.starts_with(['#', ';']) || trimmed.starts_with("//") {
            continue;
        }
        for s in signals.text_signals(line) {
            let detector = match (kind, s.is_env) {
                (SettingsFile::DotEnv, true) => Detector::Env,
                (SettingsFile::DotEnv, false) => Detector::Endpoint,
                (SettingsFile::Config, _) => Detector::Config,
            };
            hits.push(ComponentHit {
                ecosystem: API_ECOSYSTEM.to_string(),
                name: s.service.to_string(),
                kind: s.kind,
                evidence: Evidence {
                    location: index.location(path, start + s.start, start + s.end),
                    detector,
                },
            });
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::SettingsFile;

    #[test]
    fn recognised_settings_files() {
        for (path, kind) in [
            (".env.example", Some(SettingsFile::DotEnv)),
            ("deploy/prod.env", Some(SettingsFile::DotEnv)),
            (
                "src/main/resources/application-prod.yml",
                Some(SettingsFile::Config),
            ),
            (
                "Api/appsettings.Development.json",
                Some(SettingsFile::Config),
            ),
            ("docker-compose.yml", Some(SettingsFile::Config)),
            ("config/models.yaml", Some(SettingsFile::Config)),
            ("litellm_config.yaml", Some(SettingsFile::Config)),
            ("data/users.json", None),
            ("src/app.py", None),
        ] {
            assert_eq!(SettingsFile::from_path(path), kind, "{path}");
        }
    }
}
