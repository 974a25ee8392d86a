//! PyPI manifests: `requirements*.txt` and `pyproject.toml` (PEP 621 and Poetry).

use super::Entries;
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::collections::BTreeMap;
use toml::Spanned;

/// The leading distribution name of a PEP 508 requirement (`openai[extra]>=1.0 ; python_version…`).
fn requirement_name(spec: &str) -> &str {
    let end = spec
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(spec.len());
    &spec[..end]
}

/// `requirements.txt`: one requirement per line; options (`-r`, `-e`, `--hash`) and comments skipped.
pub(super) fn requirements(text: &str, out: &mut Entries) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.split(" #").next().unwrap_or(line);
        let trimmed = content.trim_start();
        let lead = content.len() - trimmed.len();
        if !trimmed.is_empty() && !trimmed.starts_with(['#', '-']) && !trimmed.contains("://") {
            let name = requirement_name(trimmed);
            if !name.is_empty() {
                let start = offset + lead;
                out.dependency("pypi", name, start, start + name.len());
            }
        }
        offset += line.len();
    }
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
            let span = key.span();
            let raw = &text[span.clone()];
            let start = span.start + usize::from(raw.starts_with(['"', '\'']));
            out.dependency("pypi", key.get_ref(), start, start + key.get_ref().len());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::requirement_name;

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
