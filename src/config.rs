//! The `.aidisclose.yml` config: discovery by walking up from the scanned path, validation with
//! spans, and defaults.

use crate::knowledge::Knowledge;
use crate::limits::Limits;
use crate::model::{Channel, Lang, Severity};
use crate::yaml::{self, YamlError};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// File names looked for in each directory, in this order.
pub const CONFIG_NAMES: [&str; 3] = [".aidisclose.yml", ".aidisclose.yaml", "aidisclose.yml"];

/// When a scan fails: findings at or above this severity give exit code 1.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Note,
    Never,
}

impl FailOn {
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Note => true,
            FailOn::Never => false,
        }
    }
}

/// What a product is; a `device` is expected to carry its disclosure on packaging or a label.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum ProductKind {
    Device,
    Software,
    Service,
}

/// A rule's setting in the config: a severity, or `off`.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    Off,
    Note,
    Warning,
    Error,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    jurisdictions: Option<Vec<Spanned<String>>>,
    languages: Option<Vec<Spanned<String>>>,
    fail_on: Option<FailOn>,
    products: Option<Vec<RawProduct>>,
    assets: Option<RawAssets>,
    exclude: Option<Vec<Spanned<String>>>,
    default_excludes: Option<bool>,
    max_file_size: Option<u64>,
    max_line_length: Option<usize>,
    parse_timeout_ms: Option<u64>,
    max_nesting: Option<usize>,
    rules: Option<BTreeMap<String, RuleSetting>>,
    waivers: Option<Vec<RawWaiver>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawProduct {
    name: String,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    kind: Option<ProductKind>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawAssets {
    include: Option<Vec<Spanned<String>>>,
    channels: Option<BTreeMap<String, Channel>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawWaiver {
    rule: Spanned<String>,
    #[serde(default)]
    paths: Vec<Spanned<String>>,
    reason: String,
    expires: Option<Spanned<String>>,
}

/// A product declared in the config (or the default one: the scanned root).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Product {
    pub name: String,
    /// Path prefix relative to the scanned root, with `/`; empty for the root.
    pub path: String,
    pub kind: ProductKind,
}

/// A config waiver: a rule switched off for some paths, with a reason and an expiry date.
#[derive(Clone, Debug)]
pub struct Waiver {
    pub rule: String,
    pub paths: GlobSet,
    pub patterns: Vec<String>,
    pub reason: String,
    /// `YYYY-MM-DD`, validated.
    pub expires: Option<String>,
    /// 1-based line of the waiver in the config file.
    pub line: u32,
}

/// The resolved configuration of a scan.
#[derive(Clone, Debug)]
pub struct Config {
    /// The config file, when one was found or given.
    pub file: Option<PathBuf>,
    pub jurisdictions: Vec<String>,
    pub languages: Vec<Lang>,
    pub fail_on: FailOn,
    pub products: Vec<Product>,
    pub asset_include: GlobSet,
    pub channels: Vec<(globset::GlobMatcher, Channel)>,
    pub exclude: GlobSet,
    pub default_excludes: bool,
    pub limits: Limits,
    pub rules: BTreeMap<String, RuleSetting>,
    pub waivers: Vec<Waiver>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            jurisdictions: vec!["kz".into()],
            languages: vec![Lang::Kk, Lang::Ru],
            fail_on: FailOn::Error,
            products: vec![Product {
                name: "product".into(),
                path: String::new(),
                kind: ProductKind::Software,
            }],
            asset_include: GlobSet::empty(),
            channels: Vec::new(),
            exclude: GlobSet::empty(),
            default_excludes: true,
            limits: Limits::default(),
            rules: BTreeMap::new(),
            waivers: Vec::new(),
        }
    }
}

impl Config {
    /// Finds the config file for `start` by walking up its ancestors.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = std::fs::canonicalize(start).ok()?;
        let dir = if start.is_dir() {
            start.as_path()
        } else {
            start.parent()?
        };
        dir.ancestors()
            .flat_map(|d| CONFIG_NAMES.iter().map(move |n| d.join(n)))
            .find(|p| p.is_file())
    }

    /// Loads and validates a config file.
    pub fn load(path: &Path, knowledge: &Knowledge) -> Result<Config, Box<YamlError>> {
        let text = std::fs::read(path).map_err(|e| {
            Box::new(YamlError::at(
                &path.display().to_string(),
                "",
                (0, 0),
                format!("cannot read the config file: {e}"),
                None,
            ))
        })?;
        let name = path.display().to_string();
        let text = String::from_utf8(text).map_err(|e| {
            Box::new(YamlError::at(
                &name,
                "",
                (0, 0),
                format!(
                    "the config file is not valid UTF-8 (at byte {})",
                    e.utf8_error().valid_up_to()
                ),
                None,
            ))
        })?;
        let mut config = Config::parse(&name, &text, knowledge)?;
        config.file = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parses and validates config text; `name` is used in diagnostics.
    pub fn parse(name: &str, text: &str, knowledge: &Knowledge) -> Result<Config, Box<YamlError>> {
        let raw: RawConfig = if text.trim().is_empty() {
            RawConfig::default()
        } else {
            yaml::parse(name, text)?
        };
        let v = Validator { name, text };
        let mut config = Config::default();
        if let Some(js) = raw.jurisdictions {
            let packs = knowledge.packs();
            config.jurisdictions = js
                .into_iter()
                .map(|j| v.one_of(j, &packs, "jurisdiction"))
                .collect::<Result<_, _>>()?;
        }
        if let Some(langs) = raw.languages {
            config.languages = langs
                .into_iter()
                .map(|l| {
                    let code = v.one_of(l, &["kk", "ru", "en"], "language")?;
                    Ok(Lang::parse(&code).expect("validated language"))
                })
                .collect::<Result<_, Box<YamlError>>>()?;
        }
        if let Some(f) = raw.fail_on {
            config.fail_on = f;
        }
        if let Some(products) = raw.products {
            config.products = products
                .into_iter()
                .map(|p| Product {
                    name: p.name,
                    path: normalise_prefix(p.path.as_deref().unwrap_or("")),
                    kind: p.kind.unwrap_or(ProductKind::Software),
                })
                .collect();
        }
        if let Some(assets) = raw.assets {
            if let Some(include) = assets.include {
                config.asset_include = v.globs(&include)?;
            }
            for (pattern, channel) in assets.channels.unwrap_or_default() {
                let span = v.find_key(&pattern);
                let glob = Glob::new(&pattern)
                    .map_err(|e| v.error(span, format!("invalid glob: {e}"), None))?;
                config.channels.push((glob.compile_matcher(), channel));
            }
        }
        if let Some(exclude) = raw.exclude {
            config.exclude = v.globs(&exclude)?;
        }
        config.default_excludes = raw.default_excludes.unwrap_or(true);
        let limits = &mut config.limits;
        if let Some(size) = raw.max_file_size {
            limits.max_file_size = v.positive("max-file-size", size)?;
        }
        if let Some(len) = raw.max_line_length {
            limits.max_line_length = v.positive("max-line-length", len)?;
        }
        if let Some(ms) = raw.parse_timeout_ms {
            limits.parse_timeout = Duration::from_millis(v.positive("parse-timeout-ms", ms)?);
        }
        if let Some(depth) = raw.max_nesting {
            limits.max_nesting = v.positive("max-nesting", depth)?;
        }
        let ids = knowledge.rule_ids();
        for (id, setting) in raw.rules.unwrap_or_default() {
            if !ids.contains(&id.as_str()) {
                let help = yaml::suggest(&id, &ids).map(|s| format!("did you mean `{s}`?"));
                return Err(v.error(
                    v.find_key(&id),
                    format!("unknown rule `{id}`"),
                    help.or(Some("`aidisclose rules` lists the rules".into())),
                ));
            }
            config.rules.insert(id, setting);
        }
        for w in raw.waivers.unwrap_or_default() {
            let line = w.rule.referenced.line() as u32;
            let rule = v.one_of(w.rule, &ids, "rule")?;
            let expires = match w.expires {
                Some(e) => Some(v.date(e)?),
                None => None,
            };
            if w.reason.trim().is_empty() {
                return Err(v.error(v.line_span(line), "a waiver needs a reason".into(), None));
            }
            let patterns = w.paths.iter().map(|p| p.value.clone()).collect();
            config.waivers.push(Waiver {
                rule,
                paths: v.globs(&w.paths)?,
                patterns,
                reason: w.reason,
                expires,
                line,
            });
        }
        Ok(config)
    }

    /// The severity a rule runs at, or `None` when it is switched off.
    pub fn severity_of(&self, rule: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(rule) {
            None => Some(default),
            Some(RuleSetting::Off) => None,
            Some(RuleSetting::Note) => Some(Severity::Note),
            Some(RuleSetting::Warning) => Some(Severity::Warning),
            Some(RuleSetting::Error) => Some(Severity::Error),
        }
    }

    /// The product a relative path belongs to: the one with the longest matching path prefix.
    pub fn product_of(&self, path: &str) -> Option<usize> {
        self.products
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.path.is_empty() || path == p.path || path.starts_with(&format!("{}/", p.path))
            })
            .max_by_key(|(_, p)| p.path.len())
            .map(|(i, _)| i)
    }
}

/// A product path as a prefix of relative paths; `.` and `./` are the root (the empty prefix).
fn normalise_prefix(p: &str) -> String {
    let p = p.trim_start_matches("./").trim_matches('/');
    if p == "." { "" } else { p }.to_string()
}

struct Validator<'a> {
    name: &'a str,
    text: &'a str,
}

impl Validator<'_> {
    fn error(&self, span: (usize, usize), message: String, help: Option<String>) -> Box<YamlError> {
        Box::new(YamlError::at(self.name, self.text, span, message, help))
    }

    fn span_of<T>(&self, s: &Spanned<T>) -> (usize, usize) {
        let span = s.referenced.span();
        let start = span.byte_offset().map(|b| b as usize).unwrap_or(0);
        (start, span.len() as usize)
    }

    fn line_span(&self, line: u32) -> (usize, usize) {
        let start: usize = self
            .text
            .split_inclusive('\n')
            .take(line.saturating_sub(1) as usize)
            .map(str::len)
            .sum();
        let len = self.text[start.min(self.text.len())..]
            .split('\n')
            .next()
            .map_or(0, str::len);
        (start, len)
    }

    fn find_key(&self, key: &str) -> (usize, usize) {
        self.text
            .find(key)
            .map(|i| (i, key.len()))
            .unwrap_or((0, 0))
    }

    fn one_of(
        &self,
        value: Spanned<String>,
        allowed: &[&str],
        what: &str,
    ) -> Result<String, Box<YamlError>> {
        if allowed.contains(&value.value.as_str()) {
            return Ok(value.value);
        }
        let help = yaml::suggest(&value.value, allowed)
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| format!("valid values: {}", allowed.join(", ")));
        Err(self.error(
            self.span_of(&value),
            format!("unknown {what} `{}`", value.value),
            Some(help),
        ))
    }

    fn globs(&self, patterns: &[Spanned<String>]) -> Result<GlobSet, Box<YamlError>> {
        let mut builder = GlobSetBuilder::new();
        for p in patterns {
            let glob = Glob::new(&p.value)
                .map_err(|e| self.error(self.span_of(p), format!("invalid glob: {e}"), None))?;
            builder.add(glob);
        }
        builder
            .build()
            .map_err(|e| self.error((0, 0), format!("invalid globs: {e}"), None))
    }

    /// A limit must be at least 1.
    fn positive<T: PartialEq + Default>(&self, key: &str, value: T) -> Result<T, Box<YamlError>> {
        if value == T::default() {
            return Err(self.error(
                self.find_key(key),
                format!("`{key}` must be at least 1"),
                None,
            ));
        }
        Ok(value)
    }

    fn date(&self, value: Spanned<String>) -> Result<String, Box<YamlError>> {
        if parse_date(&value.value).is_some() {
            Ok(value.value)
        } else {
            Err(self.error(
                self.span_of(&value),
                format!("`{}` is not a date", value.value),
                Some("write the date as YYYY-MM-DD".into()),
            ))
        }
    }
}

/// Parses `YYYY-MM-DD` into (year, month, day).
pub fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let mut parts = s.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || s.len() != 10 || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Box<YamlError>> {
        Config::parse(
            ".aidisclose.yml",
            text,
            Knowledge::embedded().expect("knowledge"),
        )
    }

    #[test]
    fn empty_file_gives_the_defaults() {
        let c = parse("").unwrap();
        assert_eq!(c.languages, [Lang::Kk, Lang::Ru]);
        assert_eq!(c.jurisdictions, ["kz"]);
        assert_eq!(c.fail_on, FailOn::Error);
        assert_eq!(c.products.len(), 1);
    }

    #[test]
    fn a_product_at_dot_is_the_root() {
        let c = parse("products:\n  - name: Root\n    path: .\n  - name: Web\n    path: ./web\n")
            .unwrap();
        assert_eq!(c.products[0].path, "");
        assert_eq!(c.product_of("app/chat.py"), Some(0));
        assert_eq!(c.product_of("web/index.js"), Some(1));
    }

    #[test]
    fn full_config_is_read() {
        let c = parse(
            "jurisdictions: [kz]\nlanguages: [kk, ru, en]\nfail-on: warning\nproducts:\n  - name: Speaker\n    path: ./device/\n    kind: device\n  - name: App\n    path: app\nassets:\n  include: [\"packaging/**\"]\n  channels:\n    \"docs/legal/**\": legal\nexclude: [\"third_party/**\"]\nmax-file-size: 2048\nrules:\n  kz.consumer.ai-risks-safe-use: warning\nwaivers:\n  - rule: kz.consumer.ai-risks-safe-use\n    paths: [\"tools/**\"]\n    reason: internal tool\n    expires: 2027-01-31\n",
        )
        .unwrap();
        assert_eq!(c.languages, [Lang::Kk, Lang::Ru, Lang::En]);
        assert_eq!(c.fail_on, FailOn::Warning);
        assert_eq!(c.products[0].path, "device");
        assert_eq!(c.products[0].kind, ProductKind::Device);
        assert_eq!(c.product_of("device/firmware/main.py"), Some(0));
        assert_eq!(c.product_of("app/src/index.ts"), Some(1));
        assert_eq!(c.product_of("docs/readme.md"), None);
        assert!(c.asset_include.is_match("packaging/label.svg"));
        assert!(c.exclude.is_match("third_party/lib/x.py"));
        assert_eq!(c.limits.max_file_size, 2048);
        assert_eq!(
            c.severity_of("kz.consumer.ai-risks-safe-use", Severity::Error),
            Some(Severity::Warning)
        );
        assert_eq!(c.waivers[0].expires.as_deref(), Some("2027-01-31"));
        assert_eq!(c.waivers[0].line, 19);
    }

    #[test]
    fn unknown_language_is_pointed_at() {
        let err = parse("languages: [kk, rus]\n").unwrap_err();
        assert_eq!(err.message, "unknown language `rus`");
        assert_eq!(err.line, 1);
        assert_eq!(err.help.as_deref(), Some("did you mean `ru`?"));
    }

    #[test]
    fn wrong_type_is_an_error_at_its_line() {
        let err = parse("languages: [kk]\nfail-on: sometimes\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("sometimes"), "{}", err.message);
    }

    #[test]
    fn waiver_needs_a_real_date_and_a_reason() {
        let err = parse("waivers:\n  - rule: kz.consumer.ai-risks-safe-use\n    reason: x\n    expires: 31.01.2027\n").unwrap_err();
        assert_eq!(err.message, "`31.01.2027` is not a date");
        assert_eq!(err.line, 4);
        let err = parse("waivers:\n  - rule: kz.consumer.ai-risks-safe-use\n    reason: \" \"\n")
            .unwrap_err();
        assert_eq!(err.message, "a waiver needs a reason");
    }

    #[test]
    fn invalid_glob_is_reported() {
        let err = parse("exclude: [\"src/[a\"]\n").unwrap_err();
        assert!(err.message.starts_with("invalid glob"), "{}", err.message);
    }

    #[test]
    fn fail_on_thresholds() {
        assert!(FailOn::Error.fails(Severity::Error));
        assert!(!FailOn::Error.fails(Severity::Warning));
        assert!(FailOn::Warning.fails(Severity::Warning));
        assert!(FailOn::Note.fails(Severity::Note));
        assert!(!FailOn::Never.fails(Severity::Error));
    }
}
