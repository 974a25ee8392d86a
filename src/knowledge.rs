//! The knowledge embedded in the binary: `rules/` (obligations, signal catalogue, lexicon) and
//! `queries/` (tree-sitter queries per language). Loaded and validated once per process.

use crate::assets::channel::ChannelRules;
use crate::assets::lexicon::Lexicon;
use crate::detect::code::{CodeQueries, Language};
use crate::detect::signals::Signals;
use crate::engine::rule::Rule;
use crate::facts::vocab::Vocabulary;
use crate::yaml::{self, YamlError};
use include_dir::{Dir, include_dir};
use miette::Diagnostic;
use std::sync::OnceLock;
use thiserror::Error;

static RULES_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/rules");
static QUERIES_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/queries");

/// A problem in the embedded knowledge (a bug in `rules/` or `queries/`).
#[derive(Debug, Error, Diagnostic)]
pub enum KnowledgeError {
    #[error("{0}:{line}: {message}{help}", line = .1.line, message = .1.message, help = .1.help.as_deref().map(|h| format!(" ({h})")).unwrap_or_default())]
    #[diagnostic(code(aidisclose::knowledge))]
    Yaml(String, Box<YamlError>),
    #[error("{file}: {message}")]
    #[diagnostic(code(aidisclose::knowledge))]
    Invalid { file: String, message: String },
}

/// Everything the scan knows, loaded from the embedded files.
pub struct Knowledge {
    pub rules: Vec<Rule>,
    pub signals: Signals,
    pub lexicon: Lexicon,
    pub channels: ChannelRules,
    pub queries: CodeQueries,
    /// The vocabulary that interprets code facts (`rules/facts/`).
    pub facts: Vocabulary,
}

/// An embedded file: its path below `rules/` or `queries/` and its text.
pub struct EmbeddedFile {
    pub path: String,
    pub text: &'static str,
}

fn files(dir: &'static Dir<'static>, prefix: &str, ext: &str) -> Vec<EmbeddedFile> {
    let mut out = Vec::new();
    collect(dir, prefix, ext, &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn collect(dir: &'static Dir<'static>, prefix: &str, ext: &str, out: &mut Vec<EmbeddedFile>) {
    for f in dir.files() {
        let path = f.path().to_string_lossy().replace('\\', "/");
        if path.ends_with(ext)
            && let Some(text) = f.contents_utf8()
        {
            out.push(EmbeddedFile {
                path: format!("{prefix}/{path}"),
                text,
            });
        }
    }
    for d in dir.dirs() {
        collect(d, prefix, ext, out);
    }
}

/// The YAML files below `rules/<sub>/`.
pub fn rule_files(sub: &str) -> Vec<EmbeddedFile> {
    files(&RULES_DIR, "rules", ".yaml")
        .into_iter()
        .filter(|f| f.path.starts_with(&format!("rules/{sub}/")))
        .collect()
}

/// The `.scm` files below `queries/<language>/`.
pub fn query_files(language: &str) -> Vec<EmbeddedFile> {
    files(&QUERIES_DIR, "queries", ".scm")
        .into_iter()
        .filter(|f| f.path.starts_with(&format!("queries/{language}/")))
        .collect()
}

/// Every query directory name, to detect a directory with no matching language.
pub fn query_languages() -> Vec<String> {
    let mut names: Vec<String> = QUERIES_DIR
        .dirs()
        .map(|d| d.path().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Parses an embedded YAML file.
pub fn parse_yaml<T: serde::de::DeserializeOwned>(
    file: &EmbeddedFile,
) -> Result<T, KnowledgeError> {
    yaml::parse(&file.path, file.text).map_err(|e| KnowledgeError::Yaml(file.path.clone(), e))
}

impl Knowledge {
    /// Loads all embedded knowledge, validating every file.
    pub fn load() -> Result<Knowledge, KnowledgeError> {
        // The signals and the queries built on them load on this thread while the rest loads on
        // another (a scan waits for the knowledge); errors are reported in the same order.
        let (signals_queries, (lexicon, rules, channels, facts)) = std::thread::scope(|s| {
            let rest = s.spawn(|| {
                (
                    Lexicon::load(),
                    Rule::load_all(),
                    ChannelRules::load(),
                    Vocabulary::load(),
                )
            });
            let signals_queries = Signals::load().map(|signals| {
                let queries = CodeQueries::load(&signals);
                (signals, queries)
            });
            let rest = rest
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (signals_queries, rest)
        });
        let (signals, queries) = signals_queries?;
        let (lexicon, rules, channels) = (lexicon?, rules?, channels?);
        let queries = queries?;
        let facts = facts?;
        for lang in query_languages() {
            if !Language::ALL
                .iter()
                .any(|l| l.query_dirs().contains(&lang.as_str()))
            {
                return Err(KnowledgeError::Invalid {
                    file: format!("queries/{lang}"),
                    message: "no supported language loads this query directory".into(),
                });
            }
        }
        Ok(Knowledge {
            rules,
            signals,
            lexicon,
            channels,
            queries,
            facts,
        })
    }

    /// The knowledge of this binary, loaded once.
    pub fn embedded() -> Result<&'static Knowledge, &'static KnowledgeError> {
        static CELL: OnceLock<Result<Knowledge, KnowledgeError>> = OnceLock::new();
        CELL.get_or_init(Knowledge::load).as_ref()
    }

    /// Rule pack names (`kz`, …), from the rule ids.
    pub fn packs(&self) -> Vec<&str> {
        let mut packs: Vec<&str> = self.rules.iter().map(|r| r.pack()).collect();
        packs.dedup();
        packs
    }

    pub fn rule_ids(&self) -> Vec<&str> {
        self.rules.iter().map(|r| r.id.as_str()).collect()
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}
