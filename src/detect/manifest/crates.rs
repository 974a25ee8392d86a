//! Rust: `Cargo.toml` dependency tables (normal, dev, build, per target, workspace), with
//! renamed dependencies (`llm = { package = "async-openai" }`) reported under the real name.

use super::Entries;
use std::collections::BTreeMap;
use toml::Spanned;

type Deps = BTreeMap<Spanned<String>, toml::Value>;

#[derive(serde::Deserialize, Default)]
struct DependencyTables {
    #[serde(default)]
    dependencies: Deps,
    #[serde(default, rename = "dev-dependencies")]
    dev: Deps,
    #[serde(default, rename = "build-dependencies")]
    build: Deps,
}

#[derive(serde::Deserialize)]
struct CargoToml {
    #[serde(default)]
    dependencies: Deps,
    #[serde(default, rename = "dev-dependencies")]
    dev: Deps,
    #[serde(default, rename = "build-dependencies")]
    build: Deps,
    #[serde(default)]
    target: BTreeMap<String, DependencyTables>,
    workspace: Option<DependencyTables>,
}

pub(super) fn cargo_toml(text: &str, out: &mut Entries) -> Result<(), String> {
    let doc: CargoToml = toml::from_str(text).map_err(|e| e.message().to_string())?;
    let top = [&doc.dependencies, &doc.dev, &doc.build];
    let nested = doc
        .target
        .values()
        .chain(doc.workspace.as_ref())
        .flat_map(|t| [&t.dependencies, &t.dev, &t.build]);
    for deps in top.into_iter().chain(nested) {
        for (key, value) in deps {
            match value.get("package").and_then(toml::Value::as_str) {
                Some(real) => {
                    // Point at the `package = "…"` string after the key.
                    let from = key.span().end;
                    let needle = format!("\"{real}\"");
                    if let Some(i) = text[from..].find(&needle) {
                        let at = from + i + 1;
                        out.dependency("crates", real, at, at + real.len());
                    }
                }
                None => super::pypi::toml_key(text, key, "crates", out),
            }
        }
    }
    Ok(())
}
