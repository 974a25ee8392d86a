//! Source code: the supported languages, their tree-sitter queries (`queries/<language>/*.scm`),
//! and the extraction of component evidence from the captures those queries make.
//!
//! Query capture names are the contract between the `.scm` files and this module:
//! - `@import`: a module specifier (string quotes are stripped); looked up in the signal catalogue
//!   for the language's ecosystems.
//! - `@import.member`: a name imported from a module (`from google import genai`): looked up as
//!   `module.name` with the module of the enclosing `module_name` field.
//! - `@call`: a callee expression, or a whole call whose arguments start at a child of kind
//!   `arguments`/`argument_list`/`value_arguments`/`call_suffix`; its dotted tail (`::`, `->`,
//!   `?.` and `\` read as `.`, argument lists dropped) is matched against the catalogue's calls, and
//!   its first string argument against a call's `arg`.
//! - `@string`: a string literal (or an identifier naming an environment variable, as in
//!   `process.env.OPENAI_API_KEY`); AI API hosts in it are `endpoint` evidence, AI variable names
//!   `env` evidence. Comments are never captured, so a host in a comment is not evidence.
//! - `@fact.<name>`: any other syntactic fact (a route path, a personal-data field name, a UI
//!   string, a media output call), returned as a [`CodeFact`] for other modules to interpret.
//! - Captures starting with `_` are helpers for predicates and are ignored.
//!
//! A file is parsed only if it contains a literal of the signal catalogue or one listed in a
//! query file's `; prefilter: word word …` comment lines (for queries of non-AI facts).

use crate::detect::signals::{API_ECOSYSTEM, Signals};
use crate::knowledge::{self, KnowledgeError};
use crate::model::{CodeFact, ComponentHit, Detector, Evidence};
use crate::text::LineIndex;
use aho_corasick::AhoCorasick;
use std::borrow::Cow;
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
            Language::Java | Language::Kotlin => &["maven", "android"],
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
    import_member: Option<u32>,
    call: Option<u32>,
    string: Option<u32>,
    /// Capture index → fact name, for `@fact.<name>` captures.
    facts: HashMap<u32, String>,
}

/// All queries, compiled once, and the literal prefilter that decides which files to parse.
pub struct CodeQueries {
    queries: HashMap<Language, LanguageQuery>,
    prefilter: AhoCorasick,
    /// The literals the prefilter was built from, sorted.
    literals: Vec<String>,
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
            let (import, call, string) = (index("import"), index("call"), index("string"));
            let import_member = index("import.member");
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
                    import_member,
                    call,
                    string,
                    facts,
                },
            );
        }
        literals.sort();
        literals.dedup();
        let prefilter = AhoCorasick::new(&literals).map_err(|e| KnowledgeError::Invalid {
            file: "rules/signals".into(),
            message: format!("cannot build the literal prefilter: {e}"),
        })?;
        Ok(CodeQueries {
            queries,
            prefilter,
            literals,
        })
    }

    /// The literals of the prefilter, sorted: a source file is parsed only if it contains one.
    pub fn literals(&self) -> &[String] {
        &self.literals
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

/// Node kinds that hold a call's arguments (or trailing closure), across the grammars.
const ARGUMENT_KINDS: [&str; 7] = [
    "arguments",
    "argument_list",
    "value_arguments",
    "call_suffix",
    "annotated_lambda",
    "block",
    "do_block",
];

fn arguments_child(node: tree_sitter::Node) -> Option<tree_sitter::Node> {
    let mut cursor = node.walk();
    node.children(&mut cursor)
        .find(|c| ARGUMENT_KINDS.contains(&c.kind()))
}

/// A captured call: the byte range of its callee and the node of its arguments.
fn call_parts(node: tree_sitter::Node) -> ((usize, usize), Option<tree_sitter::Node>) {
    match arguments_child(node) {
        Some(args) => ((node.start_byte(), args.start_byte()), Some(args)),
        None => (
            (node.start_byte(), node.end_byte()),
            node.parent().and_then(arguments_child),
        ),
    }
}

/// The text of the first argument if it is a string literal, without quotes.
fn first_string_argument<'t>(args: tree_sitter::Node, text: &'t str) -> Option<&'t str> {
    let mut node = args.named_child(0)?;
    for _ in 0..4 {
        if node.kind().contains("string") {
            let raw = &text[node.byte_range()];
            let quoted =
                raw.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '@' || c == '$');
            return Some(quoted.trim_matches(['"', '\'', '`']));
        }
        node = node.named_child(0)?;
    }
    None
}

/// A callee as a dotted path: `::`, `->`, `?.` and `\` read as `.`, argument lists, indexes,
/// generic arguments and whitespace dropped (`client.chat().create` → `client.chat.create`).
fn callee_path(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut depth = 0usize;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' | '[' | '<' => depth += 1,
            ')' | ']' | '>' if depth > 0 => depth -= 1,
            _ if depth > 0 || c.is_whitespace() => {}
            ':' if chars.peek() == Some(&':') => {
                chars.next();
                push_dot(&mut out);
            }
            '-' if chars.peek() == Some(&'>') => {
                chars.next();
                push_dot(&mut out);
            }
            '.' | '\\' => push_dot(&mut out),
            '!' | '?' => {}
            _ => out.push(c),
        }
    }
    out
}

/// The module a member is imported from: the `module_name` of the enclosing import statement.
fn member_module<'t>(node: tree_sitter::Node, text: &'t str) -> Option<&'t str> {
    let mut current = node.parent();
    while let Some(n) = current {
        if let Some(module) = n.child_by_field_name("module_name") {
            return Some(&text[module.byte_range()]);
        }
        current = n.parent();
    }
    None
}

fn push_dot(out: &mut String) {
    if !out.is_empty() && !out.ends_with('.') {
        out.push('.');
    }
}

/// A module specifier as a path the catalogue indexes: quotes, Dart's `package:`, Rust's use
/// lists and aliases dropped, `::` read as `.`, a leading `\` dropped.
fn module_path(raw: &str) -> Cow<'_, str> {
    let mut m = raw.trim().trim_matches(['"', '\'', '`']);
    m = m.strip_prefix("package:").unwrap_or(m);
    m = m.trim_start_matches('\\');
    if let Some(cut) = m.find(['{', ' ', '*']) {
        m = m[..cut].trim_end_matches(':');
    }
    if m.contains("::") {
        Cow::Owned(m.replace("::", "."))
    } else {
        Cow::Borrowed(m)
    }
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
    let mut hits = Vec::new();
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
            if Some(cap.index) == lq.import || Some(cap.index) == lq.import_member {
                let module = if Some(cap.index) == lq.import_member {
                    // Only when the module alone is not a component (`from google import genai`;
                    // `from openai import OpenAI` is already evidence through `openai`).
                    match member_module(node, text) {
                        Some(m)
                            if !lang
                                .ecosystems()
                                .iter()
                                .any(|eco| signals.package_of_module(eco, m).is_some()) =>
                        {
                            Cow::Owned(format!("{m}.{raw}"))
                        }
                        _ => continue,
                    }
                } else {
                    module_path(raw)
                };
                let found = lang
                    .ecosystems()
                    .iter()
                    .find_map(|eco| signals.package_of_module(eco, &module).map(|p| (*eco, p)));
                if let Some((eco, pkg)) = found {
                    imports.push(ComponentHit {
                        ecosystem: eco.to_string(),
                        name: pkg.name.clone(),
                        kind: pkg.kind,
                        evidence: Evidence {
                            location: index.location(path, node.start_byte(), node.end_byte()),
                            detector: Detector::Import,
                        },
                    });
                }
            } else if Some(cap.index) == lq.call {
                let ((start, end), args) = call_parts(node);
                let arg = args.and_then(|a| first_string_argument(a, text));
                calls.push((callee_path(&text[start..end]), arg, start, end));
            } else if Some(cap.index) == lq.string {
                for s in signals.text_signals(raw) {
                    hits.push(ComponentHit {
                        ecosystem: API_ECOSYSTEM.to_string(),
                        name: s.service.to_string(),
                        kind: s.kind,
                        evidence: Evidence {
                            location: index.location(
                                path,
                                node.start_byte() + s.start,
                                node.start_byte() + s.end,
                            ),
                            detector: if s.is_env {
                                Detector::Env
                            } else {
                                Detector::Endpoint
                            },
                        },
                    });
                }
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
    for (callee, arg, start, end) in calls {
        for signal in &signals.calls {
            let name_matches = callee == signal.call
                || callee
                    .strip_suffix(signal.call.as_str())
                    .is_some_and(|head| head.ends_with('.'));
            if !name_matches || signal.arg.as_deref().is_some_and(|a| arg != Some(a)) {
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

#[cfg(test)]
mod tests {
    use super::{callee_path, module_path};
    use crate::knowledge::Knowledge;

    #[test]
    fn the_listed_literals_are_the_prefilter() {
        let queries = &Knowledge::embedded().expect("embedded knowledge").queries;
        let literals = queries.literals();
        assert!(literals.windows(2).all(|w| w[0] < w[1]), "sorted, unique");
        assert!(literals.iter().any(|l| l.contains("openai")));
        for l in literals {
            assert!(queries.is_candidate(l.as_bytes()), "{l}");
        }
        assert!(!queries.is_candidate(b"def total(items):\n    return sum(items)\n"));
    }

    #[test]
    fn callees_read_as_dotted_paths() {
        assert_eq!(callee_path("client.chat().create"), "client.chat.create");
        assert_eq!(callee_path("OpenAI::Client.new"), "OpenAI.Client.new");
        assert_eq!(
            callee_path("$client->chat()->create"),
            "$client.chat.create"
        );
        assert_eq!(callee_path("Vec::<u8>::new"), "Vec.new");
        assert_eq!(
            callee_path("model?.generate_content"),
            "model.generate_content"
        );
        assert_eq!(callee_path("\\OpenAI\\Factory"), "OpenAI.Factory");
    }

    #[test]
    fn module_specifiers_read_as_paths() {
        assert_eq!(
            module_path("'package:google_generative_ai/google_generative_ai.dart'"),
            "google_generative_ai/google_generative_ai.dart"
        );
        assert_eq!(
            module_path("async_openai::{Client, types::X}"),
            "async_openai"
        );
        assert_eq!(module_path("tch::nn::Module"), "tch.nn.Module");
        assert_eq!(module_path("\"@anthropic-ai/sdk\""), "@anthropic-ai/sdk");
    }
}
