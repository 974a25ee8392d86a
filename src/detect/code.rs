//! Source code: the supported languages, their tree-sitter queries (`queries/<language>/*.scm`),
//! and the extraction of component evidence from the captures those queries make.
//!
//! Query capture names are the contract between the `.scm` files and this module:
//! - `@import`: a module specifier (string quotes are stripped); looked up in the signal catalogue
//!   for the language's ecosystems.
//! - `@call`: a callee expression; its dotted tail is matched against the catalogue's calls.
//! - `@fact.<name>`: any other syntactic fact (a route path, a personal-data field name, a UI
//!   string, a media output call), returned as a [`CodeFact`] for other modules to interpret.
//! - Captures starting with `_` are helpers for predicates and are ignored.
//!
//! A file is parsed only if it contains a literal of the signal catalogue or one listed in a
//! query file's `; prefilter: word word …` comment lines (for queries of non-AI facts).

use crate::detect::signals::Signals;
use crate::knowledge::{self, KnowledgeError};
use crate::model::{CodeFact, ComponentHit, Detector, Evidence};
use crate::text::LineIndex;
use aho_corasick::AhoCorasick;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::ops::ControlFlow;
use std::time::{Duration, Instant};
use tree_sitter::{
    ParseOptions, ParseState, Parser, Query, QueryCursor, QueryCursorOptions, QueryCursorState,
    StreamingIterator,
};

/// A programming language aidisclose parses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    Python,
    JavaScript,
    TypeScript,
    Tsx,
    Go,
    Rust,
    Java,
    Kotlin,
    Swift,
    CSharp,
    Ruby,
    Php,
    Dart,
}

impl Language {
    pub const ALL: [Language; 13] = [
        Language::Python,
        Language::JavaScript,
        Language::TypeScript,
        Language::Tsx,
        Language::Go,
        Language::Rust,
        Language::Java,
        Language::Kotlin,
        Language::Swift,
        Language::CSharp,
        Language::Ruby,
        Language::Php,
        Language::Dart,
    ];

    pub fn grammar(self) -> tree_sitter::Language {
        match self {
            Language::Python => tree_sitter_python::LANGUAGE.into(),
            Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Language::Go => tree_sitter_go::LANGUAGE.into(),
            Language::Rust => tree_sitter_rust::LANGUAGE.into(),
            Language::Java => tree_sitter_java::LANGUAGE.into(),
            Language::Kotlin => tree_sitter_kotlin_ng::LANGUAGE.into(),
            Language::Swift => tree_sitter_swift::LANGUAGE.into(),
            Language::CSharp => tree_sitter_c_sharp::LANGUAGE.into(),
            Language::Ruby => tree_sitter_ruby::LANGUAGE.into(),
            Language::Php => tree_sitter_php::LANGUAGE_PHP.into(),
            Language::Dart => tree_sitter_dart::LANGUAGE.into(),
        }
    }

    /// The name of the language's query directory under `queries/`.
    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::TypeScript => "typescript",
            Language::Tsx => "tsx",
            Language::Go => "go",
            Language::Rust => "rust",
            Language::Java => "java",
            Language::Kotlin => "kotlin",
            Language::Swift => "swift",
            Language::CSharp => "csharp",
            Language::Ruby => "ruby",
            Language::Php => "php",
            Language::Dart => "dart",
        }
    }

    pub fn from_query_dir(name: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.name() == name)
    }

    /// Query directories loaded for the language (TSX shares TypeScript's queries).
    fn query_dirs(self) -> Vec<&'static str> {
        match self {
            Language::Tsx => vec!["typescript", "tsx"],
            _ => vec![self.name()],
        }
    }

    /// Package ecosystems whose modules this language imports.
    pub fn ecosystems(self) -> &'static [&'static str] {
        match self {
            Language::Python => &["pypi"],
            Language::JavaScript | Language::TypeScript | Language::Tsx => &["npm"],
            Language::Go => &["go"],
            Language::Rust => &["crates"],
            Language::Java | Language::Kotlin => &["maven"],
            Language::Swift => &["swiftpm", "cocoapods", "apple"],
            Language::CSharp => &["nuget"],
            Language::Ruby => &["rubygems"],
            Language::Php => &["packagist"],
            Language::Dart => &["pub"],
        }
    }

    /// The language of a file, by extension.
    pub fn from_extension(ext: &str) -> Option<Language> {
        Some(match ext {
            "py" | "pyi" => Language::Python,
            "js" | "mjs" | "cjs" | "jsx" => Language::JavaScript,
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "go" => Language::Go,
            "rs" => Language::Rust,
            "java" => Language::Java,
            "kt" | "kts" => Language::Kotlin,
            "swift" => Language::Swift,
            "cs" => Language::CSharp,
            "rb" => Language::Ruby,
            "php" => Language::Php,
            "dart" => Language::Dart,
            _ => return None,
        })
    }

    /// The language of an extension-less script, by its shebang line.
    pub fn from_shebang(first_line: &str) -> Option<Language> {
        let line = first_line.strip_prefix("#!")?;
        let interpreter = line
            .split_whitespace()
            .find(|w| !w.ends_with("/env") && !w.starts_with('-'))?;
        let name = interpreter.rsplit('/').next()?;
        if name.starts_with("python") {
            Some(Language::Python)
        } else if name == "node" || name == "deno" || name == "bun" {
            Some(Language::JavaScript)
        } else if name.starts_with("ruby") {
            Some(Language::Ruby)
        } else if name == "php" {
            Some(Language::Php)
        } else {
            None
        }
    }
}

/// A compiled query of one language, with the index of each capture the detector reads.
struct LanguageQuery {
    query: Query,
    import: Option<u32>,
    call: Option<u32>,
    /// Capture index → fact name, for `@fact.<name>` captures.
    facts: HashMap<u32, String>,
}

/// All queries, compiled once, and the literal prefilter that decides which files to parse.
pub struct CodeQueries {
    queries: HashMap<Language, LanguageQuery>,
    prefilter: AhoCorasick,
}

impl CodeQueries {
    pub fn load(signals: &Signals) -> Result<CodeQueries, KnowledgeError> {
        let mut queries = HashMap::new();
        let mut literals = signals.literals();
        for lang in Language::ALL {
            let mut source = String::new();
            let mut origins = Vec::new();
            for dir in lang.query_dirs() {
                for f in knowledge::query_files(dir) {
                    literals.extend(prefilter_literals(f.text));
                    origins.push((source.len(), f.path.clone()));
                    source.push_str(f.text);
                    source.push('\n');
                }
            }
            if source.trim().is_empty() {
                continue;
            }
            let query = Query::new(&lang.grammar(), &source).map_err(|e| {
                let file = origins
                    .iter()
                    .rev()
                    .find(|(start, _)| *start <= e.offset)
                    .map(|(_, p)| p.clone())
                    .unwrap_or_default();
                KnowledgeError::Invalid {
                    file,
                    message: format!("query does not compile for {}: {e}", lang.name()),
                }
            })?;
            let index = |name: &str| query.capture_index_for_name(name);
            let (import, call) = (index("import"), index("call"));
            let facts = query
                .capture_names()
                .iter()
                .enumerate()
                .filter_map(|(i, n)| n.strip_prefix("fact.").map(|f| (i as u32, f.to_string())))
                .collect();
            queries.insert(
                lang,
                LanguageQuery {
                    query,
                    import,
                    call,
                    facts,
                },
            );
        }
        let prefilter = AhoCorasick::new(literals).map_err(|e| KnowledgeError::Invalid {
            file: "rules/signals".into(),
            message: format!("cannot build the literal prefilter: {e}"),
        })?;
        Ok(CodeQueries { queries, prefilter })
    }

    /// Whether a file may hold evidence: any catalogue literal in its bytes.
    pub fn is_candidate(&self, bytes: &[u8]) -> bool {
        self.prefilter.is_match(bytes)
    }

    pub fn has(&self, lang: Language) -> bool {
        self.queries.contains_key(&lang)
    }
}

/// The words of a query file's `; prefilter:` comment lines.
fn prefilter_literals(query: &str) -> Vec<String> {
    query
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("; prefilter:"))
        .flat_map(|l| l.split_whitespace().map(str::to_string))
        .collect()
}

thread_local! {
    static PARSERS: RefCell<HashMap<Language, Parser>> = RefCell::new(HashMap::new());
}

/// What the queries found in one source file.
#[derive(Debug, Default)]
pub struct SourceFacts {
    pub hits: Vec<ComponentHit>,
    pub facts: Vec<CodeFact>,
    /// Parsing or querying took longer than the timeout and was stopped; nothing was found.
    pub timed_out: bool,
}

/// The byte range of the nearest enclosing function or method of a node.
fn enclosing_function(node: tree_sitter::Node) -> Option<(usize, usize)> {
    let mut current = node.parent();
    while let Some(n) = current {
        let kind = n.kind();
        if kind.contains("function")
            || kind.contains("method")
            || kind == "lambda"
            || kind == "closure_expression"
        {
            return Some((n.start_byte(), n.end_byte()));
        }
        current = n.parent();
    }
    None
}

/// Parses `text` and returns the component evidence and code facts the language's queries reveal;
/// parsing and querying stop after `timeout`.
pub fn extract(
    lang: Language,
    path: &str,
    text: &str,
    signals: &Signals,
    queries: &CodeQueries,
    timeout: Duration,
) -> SourceFacts {
    let Some(lq) = queries.queries.get(&lang) else {
        return SourceFacts::default();
    };
    if !queries.is_candidate(text.as_bytes()) {
        return SourceFacts::default();
    }
    let deadline = Instant::now() + timeout;
    let mut in_time = |_: &ParseState| {
        if Instant::now() < deadline {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    };
    let Some(tree) = PARSERS.with(|parsers| {
        let mut parsers = parsers.borrow_mut();
        let parser = parsers.entry(lang).or_insert_with(|| {
            let mut p = Parser::new();
            p.set_language(&lang.grammar())
                .expect("grammar ABI checked by the knowledge test");
            p
        });
        let bytes = text.as_bytes();
        let tree = parser.parse_with_options(
            &mut |i, _| bytes.get(i..).unwrap_or_default(),
            None,
            Some(ParseOptions::new().progress_callback(&mut in_time)),
        );
        if tree.is_none() {
            // A stopped parse would otherwise resume on the next file.
            parser.reset();
        }
        tree
    }) else {
        return SourceFacts {
            timed_out: true,
            ..SourceFacts::default()
        };
    };
    let index = LineIndex::new(text);
    let mut imports = Vec::new();
    let mut calls = Vec::new();
    let mut facts = Vec::new();
    let mut cursor = QueryCursor::new();
    let mut query_in_time = |_: &QueryCursorState| {
        if Instant::now() < deadline {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    };
    let mut matches = cursor.matches_with_options(
        &lq.query,
        tree.root_node(),
        text.as_bytes(),
        QueryCursorOptions::new().progress_callback(&mut query_in_time),
    );
    while let Some(m) = matches.next() {
        for cap in m.captures() {
            let node = cap.node;
            let raw = &text[node.byte_range()];
            if Some(cap.index) == lq.import {
                let module = raw.trim().trim_matches(['"', '\'', '`']);
                for eco in lang.ecosystems() {
                    if let Some(pkg) = signals.package_of_module(eco, module) {
                        imports.push(ComponentHit {
                            ecosystem: (*eco).to_string(),
                            name: pkg.name.clone(),
                            kind: pkg.kind,
                            evidence: Evidence {
                                location: index.location(path, node.start_byte(), node.end_byte()),
                                detector: Detector::Import,
                            },
                        });
                        break;
                    }
                }
            } else if Some(cap.index) == lq.call {
                let callee: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
                calls.push((callee, node.start_byte(), node.end_byte()));
            } else if let Some(name) = lq.facts.get(&cap.index) {
                facts.push(CodeFact {
                    name: name.clone(),
                    text: raw.to_string(),
                    location: index.location(path, node.start_byte(), node.end_byte()),
                    scope: enclosing_function(node),
                });
            }
        }
    }
    let imported: BTreeSet<(&str, &str)> = imports
        .iter()
        .map(|h| (h.ecosystem.as_str(), h.name.as_str()))
        .collect();
    let mut hits = Vec::new();
    for (callee, start, end) in calls {
        for signal in &signals.calls {
            if !(callee == signal.call || callee.ends_with(&format!(".{}", signal.call))) {
                continue;
            }
            let owner = lang.ecosystems().iter().find_map(|eco| {
                let name = signal.component.get(*eco)?;
                (signal.standalone || imported.contains(&(*eco, name.as_str())))
                    .then_some((*eco, name))
            });
            if let Some((eco, name)) = owner {
                hits.push(ComponentHit {
                    ecosystem: eco.to_string(),
                    name: name.clone(),
                    kind: signal.kind,
                    evidence: Evidence {
                        location: index.location(path, start, end),
                        detector: Detector::Call,
                    },
                });
                break;
            }
        }
    }
    hits.extend(imports);
    facts.sort();
    facts.dedup();
    if Instant::now() >= deadline {
        return SourceFacts {
            timed_out: true,
            ..SourceFacts::default()
        };
    }
    SourceFacts {
        hits,
        facts,
        timed_out: false,
    }
}
