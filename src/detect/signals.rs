//! The AI signal catalogue (`rules/signals/*.yaml`): packages per ecosystem with the module names
//! code imports them by, characteristic calls, API hosts, environment variables and model-file
//! formats. Pure data; this module indexes it and matches hosts and variable names in text.

use crate::detect::artifact::{ModelFiles, ModelFilesFile};
use crate::knowledge::{self, EmbeddedFile, KnowledgeError};
use crate::model::ComponentKind;
use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// The ecosystem of hosted AI APIs: components seen through a host or an environment variable.
pub const API_ECOSYSTEM: &str = "api";

/// One package of an ecosystem that reveals an AI component.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    pub name: String,
    pub kind: ComponentKind,
    /// Names code imports it by; absent: the package name (PyPI and crates with `-` as `_`);
    /// `[]`: none (the package shares its modules with another entry, or has no import).
    #[serde(default)]
    pub modules: Option<Vec<String>>,
    /// Why the kind was chosen, for ambiguous names.
    #[serde(default)]
    pub note: Option<String>,
    /// The hosted API the package is a client of (a `service` of `hosts.yaml`/`env.yaml`).
    #[serde(default)]
    pub service: Option<String>,
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
    /// The first string argument the call must have, e.g. `text-generation` for `pipeline(...)`.
    #[serde(default)]
    pub arg: Option<String>,
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

/// The host of an AI API (`api.openai.com`, `*.openai.azure.com`, `localhost:11434`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostSignal {
    pub host: String,
    pub kind: ComponentKind,
    /// The component name, in the `api` ecosystem.
    pub service: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HostsFile {
    hosts: Vec<HostSignal>,
}

/// An environment variable that configures an AI service.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvSignal {
    pub name: String,
    pub kind: ComponentKind,
    pub service: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvFile {
    env: Vec<EnvSignal>,
}

/// A host pattern split for matching: `prefix*suffix` (or exact `prefix`), optional port and path.
/// A leading `*` stands for any subdomain (`*.qdrant.io`); an inner one for one label
/// (`bedrock-runtime.*.amazonaws.com`).
#[derive(Debug)]
struct HostPattern {
    prefix: String,
    suffix: Option<String>,
    port: Option<String>,
    path: Option<String>,
}

impl HostPattern {
    fn parse(raw: &str) -> Result<(HostPattern, String), String> {
        let (authority, path) = match raw.find('/') {
            Some(i) => (&raw[..i], Some(raw[i..].to_string())),
            None => (raw, None),
        };
        let (host, port) = match authority.split_once(':') {
            Some((h, p)) => (h, Some(p.to_string())),
            None => (authority, None),
        };
        let pieces: Vec<&str> = host.split('*').collect();
        let (prefix, suffix) = match pieces.as_slice() {
            [exact] => (exact.to_string(), None),
            [p, s] => (p.to_string(), Some(s.to_string())),
            _ => return Err(format!("host `{raw}` has more than one `*`")),
        };
        // The literal a text must contain: the host with its port, or the longer side of the `*`.
        let literal = match (&suffix, &port) {
            (None, Some(p)) => format!("{prefix}:{p}"),
            (None, None) => prefix.clone(),
            (Some(s), _) if s.len() >= prefix.len() => s.clone(),
            (Some(_), _) => prefix.clone(),
        };
        if literal.len() < 4 {
            return Err(format!("host `{raw}` has no distinctive literal"));
        }
        Ok((
            HostPattern {
                prefix,
                suffix,
                port,
                path,
            },
            literal,
        ))
    }

    fn matches(&self, host: &str, port: Option<&str>, rest: &str) -> bool {
        let host_ok = match &self.suffix {
            None => host == self.prefix,
            Some(suffix) => {
                host.len() > self.prefix.len() + suffix.len()
                    && host.starts_with(&self.prefix)
                    && host.ends_with(suffix.as_str())
                    // A leading `*` is any subdomain; an inner one is one label.
                    && (self.prefix.is_empty()
                        || !host[self.prefix.len()..host.len() - suffix.len()].contains('.'))
            }
        };
        host_ok
            && self.port.as_deref().is_none_or(|p| port == Some(p))
            && self.path.as_deref().is_none_or(|p| rest.starts_with(p))
    }
}

/// What a literal of the string matcher stands for.
#[derive(Debug, Clone, Copy)]
enum StringLiteral {
    /// The distinctive literal of a host pattern.
    Host,
    Env,
}

/// A host or environment variable found in a text.
#[derive(Debug, Clone, Copy)]
pub struct TextSignal<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: ComponentKind,
    pub service: &'a str,
    pub is_env: bool,
}

/// The indexed catalogue.
#[derive(Debug)]
pub struct Signals {
    packages: HashMap<(String, String), Package>,
    modules: HashMap<(String, String), String>,
    pub calls: Vec<CallSignal>,
    hosts: Vec<(HostSignal, HostPattern)>,
    env: HashMap<String, EnvSignal>,
    /// Host literals and variable names, for [`Signals::text_signals`].
    strings: AhoCorasick,
    string_literals: Vec<(String, StringLiteral)>,
    pub models: ModelFiles,
}

impl Signals {
    pub fn load() -> Result<Signals, KnowledgeError> {
        let mut packages = HashMap::new();
        let mut modules = HashMap::new();
        let mut calls = Vec::new();
        let mut hosts = Vec::new();
        let mut env = HashMap::new();
        let mut models = None;
        for file in knowledge::rule_files("signals") {
            let name = file.path.rsplit('/').next().unwrap_or_default();
            match name {
                "calls.yaml" => calls.extend(knowledge::parse_yaml::<CallsFile>(&file)?.calls),
                "hosts.yaml" => {
                    for h in knowledge::parse_yaml::<HostsFile>(&file)?.hosts {
                        let (pattern, _) =
                            HostPattern::parse(&h.host).map_err(|m| invalid(&file, m))?;
                        hosts.push((h, pattern));
                    }
                }
                "env.yaml" => {
                    for e in knowledge::parse_yaml::<EnvFile>(&file)?.env {
                        let name = e.name.clone();
                        if env.insert(name.clone(), e).is_some() {
                            return Err(invalid(
                                &file,
                                format!("variable `{name}` is listed twice"),
                            ));
                        }
                    }
                }
                "model-files.yaml" => {
                    let raw: ModelFilesFile = knowledge::parse_yaml(&file)?;
                    models = Some(ModelFiles::new(raw).map_err(|m| invalid(&file, m))?);
                }
                _ => {
                    let eco: EcosystemFile = knowledge::parse_yaml(&file)?;
                    for mut package in eco.packages {
                        let names = package.modules.get_or_insert_with(|| {
                            vec![default_module(&eco.ecosystem, &package.name)]
                        });
                        for m in names.iter() {
                            modules
                                .insert((eco.ecosystem.clone(), m.clone()), package.name.clone());
                        }
                        let key = (
                            eco.ecosystem.clone(),
                            normalise(&eco.ecosystem, &package.name),
                        );
                        if packages.contains_key(&key) {
                            return Err(invalid(
                                &file,
                                format!("package `{}` is listed twice", package.name),
                            ));
                        }
                        packages.insert(key, package);
                    }
                }
            }
        }
        let mut string_literals: Vec<(String, StringLiteral)> = Vec::new();
        for (h, _) in &hosts {
            let (_, literal) = HostPattern::parse(&h.host).expect("parsed above");
            string_literals.push((literal, StringLiteral::Host));
        }
        string_literals.extend(env.keys().map(|n| (n.clone(), StringLiteral::Env)));
        let strings = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(string_literals.iter().map(|(l, _)| l))
            .map_err(|e| KnowledgeError::Invalid {
                file: "rules/signals".into(),
                message: format!("cannot index hosts and variables: {e}"),
            })?;
        let signals = Signals {
            packages,
            modules,
            calls,
            hosts,
            env,
            strings,
            string_literals,
            models: models.ok_or_else(|| KnowledgeError::Invalid {
                file: "rules/signals/model-files.yaml".into(),
                message: "missing".into(),
            })?,
        };
        for p in signals.packages.values() {
            if let Some(service) = &p.service
                && !signals.hosts.iter().any(|(h, _)| &h.service == service)
                && !signals.env.values().any(|e| &e.service == service)
            {
                return Err(KnowledgeError::Invalid {
                    file: "rules/signals".into(),
                    message: format!(
                        "package `{}` names service `{service}`, which no host or variable has",
                        p.name
                    ),
                });
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

    /// The package an imported module belongs to: the longest catalogued prefix of the module path
    /// (segments separated by `.`, `/` or `\`).
    pub fn package_of_module(&self, ecosystem: &str, module: &str) -> Option<&Package> {
        let mut key = (ecosystem.to_string(), module.to_string());
        loop {
            if let Some(name) = self.modules.get(&key) {
                return self.package(ecosystem, name);
            }
            let cut = key.1.rfind(['.', '/', '\\'])?;
            key.1.truncate(cut);
        }
    }

    /// Every literal a source file must contain to be worth parsing for components: distinctive
    /// module names (short or common words only in import or quote context), distinctive
    /// standalone calls, API host literals and environment variable names; modules and calls of
    /// the given package ecosystems only (those a language imports from).
    pub fn literals(&self, ecosystems: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        for (eco, module) in self.modules.keys() {
            if !ecosystems.contains(&eco.as_str()) {
                continue;
            }
            if is_distinctive(module) {
                out.push(module.clone());
            } else {
                for context in [
                    "import {m}",
                    "from {m}",
                    "\"{m}\"",
                    "'{m}'",
                    "\"{m}/",
                    "'{m}/",
                    "{m}::",
                    "package:{m}/",
                ] {
                    out.push(context.replace("{m}", module));
                }
            }
        }
        out.extend(
            self.calls
                .iter()
                .filter(|c| c.standalone && is_distinctive(&c.call))
                .filter(|c| ecosystems.iter().any(|e| c.component.contains_key(*e)))
                .map(|c| c.call.clone()),
        );
        out.extend(self.string_literals.iter().map(|(l, _)| l.clone()));
        out.sort();
        out.dedup();
        out
    }

    /// The API hosts and environment variable names in `text`: hosts at a host boundary
    /// (`https://api.openai.com/v1`, `"api.openai.com"`), variables as whole identifiers, alone or
    /// after a prefix ending in `_` (`NEXT_PUBLIC_OPENAI_API_KEY`).
    pub fn text_signals(&self, text: &str) -> Vec<TextSignal<'_>> {
        let bytes = text.as_bytes();
        let mut out: Vec<TextSignal> = Vec::new();
        for m in self.strings.find_iter(text) {
            match self.string_literals[m.pattern().as_usize()].1 {
                StringLiteral::Env => {
                    let start = extend_left(bytes, m.start(), is_ident_byte);
                    let end = extend_right(bytes, m.start(), is_ident_byte);
                    if end != m.end() || out.last().is_some_and(|s| s.start == start) {
                        continue;
                    }
                    if let Some(e) = self.env_var(&text[start..end]) {
                        out.push(TextSignal {
                            start,
                            end,
                            kind: e.kind,
                            service: &e.service,
                            is_env: true,
                        });
                    }
                }
                StringLiteral::Host => {
                    let start = extend_left(bytes, m.start(), is_host_byte);
                    let end = extend_right(bytes, m.start(), is_host_byte);
                    if out.last().is_some_and(|s| s.start == start)
                        || start > 0 && matches!(bytes[start - 1], b'@' | b'_')
                    {
                        continue;
                    }
                    let host = text[start..end].to_ascii_lowercase();
                    let (port, rest_at) = port_after(bytes, end);
                    let port = port.map(|(s, e)| &text[s..e]);
                    let rest = &text[rest_at..];
                    if let Some((h, _)) = self
                        .hosts
                        .iter()
                        .find(|(_, p)| p.matches(&host, port, rest))
                    {
                        out.push(TextSignal {
                            start,
                            end: rest_at,
                            kind: h.kind,
                            service: &h.service,
                            is_env: false,
                        });
                    }
                }
            }
        }
        out
    }

    /// An environment variable of the catalogue: the name itself or after a `PREFIX_`.
    pub fn env_var(&self, name: &str) -> Option<&EnvSignal> {
        let mut rest = name;
        loop {
            if let Some(e) = self.env.get(rest) {
                return Some(e);
            }
            rest = &rest[rest.find('_')? + 1..];
        }
    }

    pub fn len(&self) -> usize {
        self.packages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.packages.is_empty()
    }

    /// Counts of the catalogue's entries: packages, calls, hosts, variables.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        (
            self.packages.len(),
            self.calls.len(),
            self.hosts.len(),
            self.env.len(),
        )
    }
}

fn invalid(file: &EmbeddedFile, message: String) -> KnowledgeError {
    KnowledgeError::Invalid {
        file: file.path.clone(),
        message,
    }
}

/// A name that does not occur by accident in ordinary code: it has a separator, a digit or an
/// inner capital (`google.generativeai`, `go-openai`, `OpenAI`), or is long and has an `_`.
fn is_distinctive(name: &str) -> bool {
    name.len() >= 5
        && (name.contains(['.', '-', '/', '@', ':', '\\', '_'])
            || name.bytes().any(|b| b.is_ascii_digit())
            || name.bytes().skip(1).any(|b| b.is_ascii_uppercase()))
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'.' || b == b'-'
}

fn extend_left(bytes: &[u8], mut at: usize, class: fn(u8) -> bool) -> usize {
    while at > 0 && class(bytes[at - 1]) {
        at -= 1;
    }
    at
}

fn extend_right(bytes: &[u8], mut at: usize, class: fn(u8) -> bool) -> usize {
    while at < bytes.len() && class(bytes[at]) {
        at += 1;
    }
    at
}

/// The `:port` digits right after a host (their byte range), and where the rest of the URL starts.
fn port_after(bytes: &[u8], end: usize) -> (Option<(usize, usize)>, usize) {
    if bytes.get(end) == Some(&b':') {
        let digits_end = extend_right(bytes, end + 1, |b| b.is_ascii_digit());
        if digits_end > end + 1 {
            return (Some((end + 1, digits_end)), digits_end);
        }
    }
    (None, end)
}

/// Package names compare case-insensitively where the registry does: PyPI with `-`, `_` and `.`
/// folded (PEP 503), NuGet ids, Maven with Scala binary suffixes (`_2.12`) dropped.
fn normalise(ecosystem: &str, name: &str) -> String {
    match ecosystem {
        "pypi" => name.to_ascii_lowercase().replace(['_', '.'], "-"),
        "nuget" => name.to_ascii_lowercase(),
        "maven" => {
            let base = name
                .rsplit_once('_')
                .filter(|(_, v)| {
                    v.starts_with(['2', '3']) && v.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                })
                .map_or(name, |(b, _)| b);
            base.to_string()
        }
        "crates" => name.replace('_', "-"),
        _ => name.to_string(),
    }
}

fn default_module(ecosystem: &str, name: &str) -> String {
    match ecosystem {
        "pypi" => name.to_ascii_lowercase().replace('-', "_"),
        "crates" => name.replace('-', "_"),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scala_suffixes_fold() {
        assert_eq!(
            normalise("maven", "org.apache.spark:spark-mllib_2.13"),
            "org.apache.spark:spark-mllib"
        );
        assert_eq!(normalise("maven", "ml.dmlc:xgboost4j"), "ml.dmlc:xgboost4j");
    }

    #[test]
    fn distinctive_names() {
        for name in [
            "google.generativeai",
            "async_openai",
            "OpenAI",
            "@anthropic-ai/sdk",
            "go-openai",
        ] {
            assert!(is_distinctive(name), "{name}");
        }
        for name in ["ai", "openai", "torch", "natural", "Vision", "eps"] {
            assert!(!is_distinctive(name), "{name}");
        }
    }
}
