//! The AI signal catalogue (`rules/signals/*.yaml`): packages per ecosystem with the module names
//! code imports them by, and characteristic calls. Pure data; this module only indexes it.

use crate::knowledge::{self, KnowledgeError};
use crate::model::ComponentKind;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// One package of an ecosystem that reveals an AI component.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    pub name: String,
    pub kind: ComponentKind,
    /// Names code imports it by; default: the package name (for PyPI with `-` as `_`).
    #[serde(default)]
    pub modules: Vec<String>,
    /// Why the kind was chosen, for ambiguous names.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EcosystemFile {
    ecosystem: String,
    packages: Vec<Package>,
}

/// A call that reveals what a component is used for.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallSignal {
    /// The dotted tail of the callee, e.g. `chat.completions.create`.
    pub call: String,
    pub kind: ComponentKind,
    /// The component per ecosystem this call is evidence of, e.g. `{pypi: openai, npm: openai}`.
    pub component: BTreeMap<String, String>,
    /// A generic name counts only in a file that imports the component; a distinctive one counts alone.
    #[serde(default)]
    pub standalone: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CallsFile {
    calls: Vec<CallSignal>,
}

/// The indexed catalogue.
#[derive(Debug, Default)]
pub struct Signals {
    packages: HashMap<(String, String), Package>,
    modules: HashMap<(String, String), String>,
    pub calls: Vec<CallSignal>,
}

impl Signals {
    pub fn load() -> Result<Signals, KnowledgeError> {
        let mut signals = Signals::default();
        for file in knowledge::rule_files("signals") {
            if file.path.ends_with("/calls.yaml") {
                let calls: CallsFile = knowledge::parse_yaml(&file)?;
                signals.calls.extend(calls.calls);
                continue;
            }
            let eco: EcosystemFile = knowledge::parse_yaml(&file)?;
            for mut package in eco.packages {
                if package.modules.is_empty() {
                    package
                        .modules
                        .push(default_module(&eco.ecosystem, &package.name));
                }
                let key = (
                    eco.ecosystem.clone(),
                    normalise(&eco.ecosystem, &package.name),
                );
                if signals.packages.contains_key(&key) {
                    return Err(KnowledgeError::Invalid {
                        file: file.path.clone(),
                        message: format!("package `{}` is listed twice", package.name),
                    });
                }
                for m in &package.modules {
                    signals
                        .modules
                        .insert((eco.ecosystem.clone(), m.clone()), package.name.clone());
                }
                signals.packages.insert(key, package);
            }
        }
        for c in &signals.calls {
            for (eco, name) in &c.component {
                if signals.package(eco, name).is_none() {
                    return Err(KnowledgeError::Invalid {
                        file: "rules/signals/calls.yaml".into(),
                        message: format!(
                            "call `{}` names `{eco}:{name}`, which is not in the catalogue",
                            c.call
                        ),
                    });
                }
            }
        }
        Ok(signals)
    }

    /// A package by its manifest name.
    pub fn package(&self, ecosystem: &str, name: &str) -> Option<&Package> {
        self.packages
            .get(&(ecosystem.to_string(), normalise(ecosystem, name)))
    }

    /// The package an imported module belongs to: the longest catalogued prefix of the module path.
    pub fn package_of_module(&self, ecosystem: &str, module: &str) -> Option<&Package> {
        let mut candidate = module;
        loop {
            if let Some(name) = self
                .modules
                .get(&(ecosystem.to_string(), candidate.to_string()))
            {
                return self.package(ecosystem, name);
            }
            let cut = candidate.rfind(['.', '/'])?;
            candidate = &candidate[..cut];
        }
    }

    /// Every literal a file must contain to be worth parsing: module names and call names.
    pub fn literals(&self) -> Vec<String> {
        let mut out: Vec<String> = self.modules.keys().map(|(_, m)| m.clone()).collect();
        out.extend(
            self.calls
                .iter()
                .map(|c| c.call.rsplit('.').next().unwrap_or(&c.call).to_string()),
        );
        out.sort();
        out.dedup();
        out
    }

    pub fn len(&self) -> usize {
        self.packages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.packages.is_empty()
    }
}

/// PyPI names compare case-insensitively with `-`, `_` and `.` folded (PEP 503).
fn normalise(ecosystem: &str, name: &str) -> String {
    match ecosystem {
        "pypi" => name.to_ascii_lowercase().replace(['_', '.'], "-"),
        _ => name.to_string(),
    }
}

fn default_module(ecosystem: &str, name: &str) -> String {
    match ecosystem {
        "pypi" => name.to_ascii_lowercase().replace('-', "_"),
        _ => name.to_string(),
    }
}
