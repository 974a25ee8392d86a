//! The baseline: the fingerprints of the findings a repository accepted when it adopted
//! aidisclose, so that only new findings fail. Fingerprints do not depend on line numbers
//! (rule, product, path, component and the normalised anchor line), so unrelated edits do not
//! bring old findings back.

use crate::model::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const BASELINE_SCHEMA: &str = "aidisclose/baseline/v1";

/// One accepted finding; `rule`, `path` and `message` are there for people reading the file.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub path: String,
    pub message: String,
}

/// The baseline file (`--write-baseline FILE`, `--baseline FILE`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub schema: String,
    pub findings: Vec<Entry>,
}

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read the baseline {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not an aidisclose baseline: {message}")]
    Invalid { path: String, message: String },
    #[error("cannot write the baseline {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

impl Baseline {
    /// The baseline of these findings, sorted.
    pub fn of(diagnostics: &[Diagnostic]) -> Baseline {
        let mut findings: Vec<Entry> = diagnostics
            .iter()
            .map(|d| Entry {
                fingerprint: d.fingerprint.clone(),
                rule: d.rule.clone(),
                path: d.path.clone(),
                message: d.message.clone(),
            })
            .collect();
        findings.sort();
        Baseline {
            schema: BASELINE_SCHEMA.into(),
            findings,
        }
    }

    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Read {
            path: name.clone(),
            source,
        })?;
        let baseline: Baseline =
            serde_json::from_str(&text).map_err(|e| BaselineError::Invalid {
                path: name.clone(),
                message: e.to_string(),
            })?;
        if baseline.schema != BASELINE_SCHEMA {
            return Err(BaselineError::Invalid {
                path: name,
                message: format!("schema `{}`, expected `{BASELINE_SCHEMA}`", baseline.schema),
            });
        }
        Ok(baseline)
    }

    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let mut text = serde_json::to_string_pretty(self).expect("a baseline serialises");
        text.push('\n');
        std::fs::write(path, text).map_err(|source| BaselineError::Write {
            path: path.display().to_string(),
            source,
        })
    }

    /// Splits diagnostics into (new, baselined). Each entry accepts one finding with its
    /// fingerprint, so a second identical finding is new.
    pub fn split(&self, diagnostics: Vec<Diagnostic>) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let mut budget: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &self.findings {
            *budget.entry(e.fingerprint.as_str()).or_default() += 1;
        }
        let (mut new, mut known) = (Vec::new(), Vec::new());
        for d in diagnostics {
            match budget.get_mut(d.fingerprint.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    known.push(d);
                }
                _ => new.push(d),
            }
        }
        (new, known)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;

    fn diag(rule: &str, path: &str, fingerprint: &str) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            severity: Severity::Error,
            message: "m".into(),
            path: path.into(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 2,
            help: String::new(),
            citations: Vec::new(),
            fingerprint: fingerprint.into(),
            related: Vec::new(),
            location: Default::default(),
            label: String::new(),
        }
    }

    #[test]
    fn split_counts_each_entry_once() {
        let baseline = Baseline::of(&[diag("kz.a", "a.py", "f1")]);
        let (new, known) = baseline.split(vec![
            diag("kz.a", "a.py", "f1"),
            diag("kz.a", "a.py", "f1"),
            diag("kz.a", "b.py", "f2"),
        ]);
        assert_eq!(known.len(), 1);
        assert_eq!(
            new.iter()
                .map(|d| d.fingerprint.as_str())
                .collect::<Vec<_>>(),
            ["f1", "f2"]
        );
    }

    #[test]
    fn round_trip_and_bad_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baseline.json");
        let baseline = Baseline::of(&[diag("kz.b", "z.py", "f9"), diag("kz.a", "a.py", "f1")]);
        baseline.write(&path).unwrap();
        let loaded = Baseline::load(&path).unwrap();
        assert_eq!(loaded, baseline);
        assert_eq!(loaded.findings[0].fingerprint, "f1");
        std::fs::write(&path, r#"{"schema":"other/v1","findings":[]}"#).unwrap();
        assert!(matches!(
            Baseline::load(&path),
            Err(BaselineError::Invalid { .. })
        ));
        std::fs::write(&path, "not json").unwrap();
        assert!(Baseline::load(&path).is_err());
    }
}
