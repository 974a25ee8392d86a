//! PyPI manifests: `requirements*.txt` (with `-r` includes), `pyproject.toml` (PEP 621 and
//! Poetry), `Pipfile`, `setup.cfg` and conda's `environment.yml` (conda and pip entries).

use super::{Entries, offset_in};
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::collections::{BTreeMap, BTreeSet};
use toml::Spanned;

/// The leading distribution name of a PEP 508 requirement (`openai[extra]>=1.0 ; python_version…`).
fn requirement_name(spec: &str) -> &str {
    let end = spec
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(spec.len());
    &spec[..end]
}

/// `requirements.txt`: one requirement per line; `-r`/`--requirement` includes are resolved
/// against the including file (inside the scanned root only); other options (`-e`, `-c`,
/// `--hash`) and comments skipped.
pub(super) fn requirements(text: &str, out: &mut Entries) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.split(" #").next().unwrap_or(line);
        let trimmed = content.trim_start();
        let lead = content.len() - trimmed.len();
        if let Some(target) = include_target(trimmed) {
            match resolve_include(out.path, target) {
                Some(rel) => out.facts.includes.push(rel),
                None => out.note(format!(
                    "`-r {target}` points outside the scanned root; not read"
                )),
            }
        } else if !trimmed.is_empty()
            && !trimmed.starts_with(['#', '-'])
            && !trimmed.contains("://")
        {
            let name = requirement_name(trimmed);
            if !name.is_empty() {
                let start = offset + lead;
                out.dependency("pypi", name, start, start + name.len());
            }
        }
        offset += line.len();
    }
}

/// The file of a `-r file` / `--requirement=file` line.
fn include_target(line: &str) -> Option<&str> {
    let rest = line
        .strip_prefix("--requirement")
        .or_else(|| line.strip_prefix("-r"))?;
    let target = rest.trim_start_matches(['=', ' ', '\t']).trim_end();
    (!target.is_empty()).then_some(target)
}

/// `target` relative to the directory of `including`, normalised; `None` if it leaves the root.
fn resolve_include(including: &str, target: &str) -> Option<String> {
    if target.starts_with('/') || target.contains("://") || target.contains(':') {
        return None;
    }
    let mut parts: Vec<&str> = including.split('/').collect();
    parts.pop();
    for segment in target.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[derive(Deserialize)]
struct Pyproject {
    project: Option<Project>,
    tool: Option<Tool>,
}

#[derive(Deserialize)]
struct Project {
    #[serde(default)]
    dependencies: Vec<Spanned<String>>,
    #[serde(default, rename = "optional-dependencies")]
    optional: BTreeMap<String, Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
struct Tool {
    poetry: Option<Poetry>,
}

#[derive(Deserialize)]
struct Poetry {
    #[serde(default)]
    dependencies: BTreeMap<Spanned<String>, IgnoredAny>,
    #[serde(default, rename = "dev-dependencies")]
    dev_dependencies: BTreeMap<Spanned<String>, IgnoredAny>,
    #[serde(default)]
    group: BTreeMap<String, PoetryGroup>,
}

#[derive(Deserialize)]
struct PoetryGroup {
    #[serde(default)]
    dependencies: BTreeMap<Spanned<String>, IgnoredAny>,
}

/// `pyproject.toml`: `[project]` dependencies and extras, Poetry dependencies and groups.
pub(super) fn pyproject(text: &str, out: &mut Entries) -> Result<(), String> {
    let doc: Pyproject = toml::from_str(text).map_err(|e| e.message().to_string())?;
    if let Some(project) = doc.project {
        for spec in project
            .dependencies
            .iter()
            .chain(project.optional.values().flatten())
        {
            // The span covers the quoted string: skip the opening quote.
            let start = spec.span().start + 1;
            let name = requirement_name(spec.get_ref().trim_start());
            out.dependency("pypi", name, start, start + name.len());
        }
    }
    if let Some(poetry) = doc.tool.and_then(|t| t.poetry) {
        let groups = poetry.group.values().flat_map(|g| g.dependencies.keys());
        for key in poetry
            .dependencies
            .keys()
            .chain(poetry.dev_dependencies.keys())
            .chain(groups)
        {
            toml_key(text, key, "pypi", out);
        }
    }
    Ok(())
}

#[derive(Deserialize)]
struct Pipfile {
    #[serde(default)]
    packages: BTreeMap<Spanned<String>, IgnoredAny>,
    #[serde(default, rename = "dev-packages")]
    dev_packages: BTreeMap<Spanned<String>, IgnoredAny>,
}

/// `Pipfile`: `[packages]` and `[dev-packages]`.
pub(super) fn pipfile(text: &str, out: &mut Entries) -> Result<(), String> {
    let doc: Pipfile = toml::from_str(text).map_err(|e| e.message().to_string())?;
    for key in doc.packages.keys().chain(doc.dev_packages.keys()) {
        toml_key(text, key, "pypi", out);
    }
    Ok(())
}

/// Reports a TOML table key (quoted or bare) at the span of the name.
pub(super) fn toml_key(text: &str, key: &Spanned<String>, ecosystem: &str, out: &mut Entries) {
    let span = key.span();
    let raw = &text[span.clone()];
    let start = span.start + usize::from(raw.starts_with(['"', '\'']));
    out.dependency(ecosystem, key.get_ref(), start, start + key.get_ref().len());
}

/// `setup.cfg`: `install_requires` of `[options]` and every key of `[options.extras_require]`,
/// with their indented continuation lines.
pub(super) fn setup_cfg(text: &str, out: &mut Entries) {
    let mut section = "";
    let mut in_value = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            section = trimmed.trim_matches(['[', ']']);
            in_value = false;
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        let (value, at) = if line.starts_with([' ', '\t']) {
            (trimmed, start + line.find(trimmed).unwrap_or(0))
        } else {
            let Some((key, value)) = line.split_once(['=', ':']) else {
                in_value = false;
                continue;
            };
            in_value = match section {
                "options" => key.trim() == "install_requires",
                "options.extras_require" => true,
                _ => false,
            };
            let v = value.trim();
            (v, start + key.len() + 1 + value.find(v).unwrap_or(0))
        };
        if in_value && !value.is_empty() {
            let name = requirement_name(value);
            out.dependency("pypi", name, at, at + name.len());
        }
    }
}

#[derive(Deserialize)]
struct CondaEnvironment {
    #[serde(default)]
    dependencies: Vec<CondaDependency>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum CondaDependency {
    Spec(String),
    Pip { pip: Vec<String> },
}

/// Conda `environment.yml`: conda specs (`conda-forge::pytorch=2.3`) and the `pip:` list, looked
/// up as PyPI names. Parsed for validity; the names are located on their `- ` lines.
pub(super) fn conda_environment(text: &str, out: &mut Entries) -> Result<(), String> {
    let doc: CondaEnvironment = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
    let declared: BTreeSet<&str> = doc
        .dependencies
        .iter()
        .flat_map(|d| match d {
            CondaDependency::Spec(s) => std::slice::from_ref(s),
            CondaDependency::Pip { pip } => pip.as_slice(),
        })
        .map(|s| requirement_name(s.rsplit_once("::").map_or(s.as_str(), |(_, n)| n)))
        .collect();
    let mut in_dependencies = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty() {
            in_dependencies = line.trim_end().starts_with("dependencies:");
            continue;
        }
        let trimmed = line.trim_start();
        let Some(item) = trimmed.strip_prefix("- ") else {
            continue;
        };
        if !in_dependencies || item.trim_end().ends_with(':') {
            continue;
        }
        let item = item.trim_start().trim_start_matches(['"', '\'']);
        let spec = item.rsplit_once("::").map_or(item, |(_, s)| s);
        let name = requirement_name(spec);
        if !declared.contains(name) {
            continue;
        }
        let at = start + offset_in(line, spec).unwrap_or(0);
        out.dependency("pypi", name, at, at + name.len());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{include_target, requirement_name, resolve_include};

    #[test]
    fn includes_resolve_inside_the_root_only() {
        assert_eq!(include_target("-r base.txt"), Some("base.txt"));
        assert_eq!(include_target("--requirement=dev.txt"), Some("dev.txt"));
        assert_eq!(include_target("-e ."), None);
        assert_eq!(
            resolve_include("api/requirements.txt", "requirements/base.txt").as_deref(),
            Some("api/requirements/base.txt")
        );
        assert_eq!(
            resolve_include("api/requirements.txt", "../shared.txt").as_deref(),
            Some("shared.txt")
        );
        assert_eq!(resolve_include("requirements.txt", "../../etc/x.txt"), None);
        assert_eq!(resolve_include("requirements.txt", "/etc/x.txt"), None);
    }

    #[test]
    fn names_of_pep508_requirements() {
        assert_eq!(requirement_name("openai[datalib]>=1.3"), "openai");
        assert_eq!(
            requirement_name("llama-cpp-python==0.2.90 ; sys_platform != 'win32'"),
            "llama-cpp-python"
        );
        assert_eq!(requirement_name("torch"), "torch");
    }
}
