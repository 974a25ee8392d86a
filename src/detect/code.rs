//! Source code: the supported languages, their queries (`queries/<language>/*.scm`, tree-sitter's
//! query syntax, matched by [`crate::detect::pattern`]), and the extraction of component evidence
//! from the captures those queries make.
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
//! A file is parsed only if it contains a literal of the signal catalogue for its language's
//! ecosystems or one listed in its query files' `; prefilter: word word …` comment lines (for
//! queries of non-AI facts), outside comment lines: since no query captures a comment, a file
//! whose literals all sit on comment lines (`# Stores the customer's phone and consent.`, a JSDoc
//! ` * @param consent`) cannot yield evidence and is not parsed. The words of `; references: word
//! …` lines (`useTranslation`, `R.string.`) show that a file references translation keys: such a
//! file is parsed for them only if it also contains one of the keys the scan looks for
//! ([`KeyLiterals`](crate::detect::screen::KeyLiterals): the keys of the locale strings that
//! disclose something). One automaton of every language's literals and reference words screens a
//! file in one pass ([`crate::detect::screen`]).

use crate::detect::pattern::Patterns;
use crate::detect::screen::{Screen, Words};
use crate::detect::signals::{API_ECOSYSTEM, Signals};
use crate::knowledge::{self, KnowledgeError};
use crate::model::{CodeFact, ComponentHit, Detector, Evidence};
use crate::text::LineIndex;
use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeSet, HashMap};
use std::ops::ControlFlow;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use tree_sitter::{ParseOptions, ParseState, Parser};

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

    /// Query directories loaded for the language: JavaScript, TypeScript and TSX share
    /// `ecmascript/` (calls, endpoints, routes), and TSX also loads TypeScript's queries.
    pub fn query_dirs(self) -> Vec<&'static str> {
        match self {
            Language::JavaScript => vec!["ecmascript", "javascript"],
            Language::TypeScript => vec!["ecmascript", "typescript"],
            Language::Tsx => vec!["ecmascript", "typescript", "tsx"],
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

    /// The markers that start a line comment of the language.
    pub(crate) fn line_comments(self) -> &'static [&'static str] {
        match self {
            Language::Python | Language::Ruby => &["#"],
            Language::Php => &["//", "#"],
            _ => &["//"],
        }
    }

    /// Whether the language has C-style block comments (`/* … */`).
    fn block_comments(self) -> bool {
        !matches!(self, Language::Python | Language::Ruby)
    }

    /// Whether the byte at `at` sits on a comment line: after its indentation, the line starts
    /// with a line-comment marker, or with `/*` or a block comment's ` * ` margin and no `*/`
    /// closes the comment before `at`. Anything else counts as code (a PHP attribute `#[…]`, a
    /// dereference `*consent`), so that a literal in code is never taken for a comment.
    pub(crate) fn on_comment_line(self, bytes: &[u8], at: usize) -> bool {
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let line = bytes[start..at].trim_ascii_start();
        let line_comment = self
            .line_comments()
            .iter()
            .any(|m| line.starts_with(m.as_bytes()))
            && !(self == Language::Php && line.starts_with(b"#["));
        let block_comment = self.block_comments()
            && (line.starts_with(b"/*")
                || line.len() >= 2 && line[0] == b'*' && line[1].is_ascii_whitespace())
            && memchr::memmem::find(line, b"*/").is_none();
        line_comment || block_comment
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

/// The patterns of one language, with the index of each capture the detector reads.
struct LanguageQuery {
    patterns: Patterns,
    import: Option<u32>,
    import_member: Option<u32>,
    call: Option<u32>,
    string: Option<u32>,
    /// Capture index → fact name, for `@fact.<name>` captures.
    facts: HashMap<u32, String>,
    /// The functions, methods, lambdas and closures (see [`function_scopes`]), captured only if
    /// the language has facts.
    scope: Option<u32>,
}

/// One language's query files, read into patterns on first use.
struct LanguageQueries {
    /// The language's query files, concatenated, with the offset each file starts at.
    source: String,
    origins: Vec<(usize, String)>,
    /// The patterns, or the file and message of an error in them.
    compiled: OnceLock<Result<LanguageQuery, (String, String)>>,
}

impl LanguageQueries {
    fn new(source: String, origins: Vec<(usize, String)>) -> LanguageQueries {
        LanguageQueries {
            source,
            origins,
            compiled: OnceLock::new(),
        }
    }

    /// The language's patterns: its query files and, if it has facts, the pattern of its
    /// functions (facts are placed in their enclosing function: the walk captures the functions
    /// while it matches the other patterns).
    fn source(&self, grammar: &tree_sitter::Language) -> Cow<'_, str> {
        if self.source.contains("@fact.") {
            Cow::Owned(format!("{}{}", self.source, function_scopes(grammar)))
        } else {
            Cow::Borrowed(self.source.as_str())
        }
    }

    fn compile(&self, lang: Language) -> Result<LanguageQuery, (String, String)> {
        let grammar = lang.grammar();
        let source = self.source(&grammar);
        let patterns = Patterns::new(&source, &grammar).map_err(|e| {
            let (start, file) = self
                .origins
                .iter()
                .rev()
                .find(|(start, _)| *start <= e.offset)
                .map_or((0, ""), |(start, p)| (*start, p.as_str()));
            let file_text = source.get(start..).unwrap_or_default();
            let (line, column) = LineIndex::new(file_text).position(e.offset - start);
            (
                file.to_string(),
                format!(
                    "query does not compile for {}: line {line}, column {column}: {}",
                    lang.name(),
                    e.message
                ),
            )
        })?;
        let index = |name: &str| patterns.capture_index(name);
        let (import, call, string) = (index("import"), index("call"), index("string"));
        let import_member = index("import.member");
        let scope = index(SCOPE_CAPTURE);
        let facts = patterns
            .capture_names()
            .iter()
            .enumerate()
            .filter_map(|(i, n)| n.strip_prefix("fact.").map(|f| (i as u32, f.to_string())))
            .collect();
        Ok(LanguageQuery {
            patterns,
            import,
            import_member,
            call,
            string,
            facts,
            scope,
        })
    }
}

/// The queries of every language (each read when a file of the language is first parsed) and
/// the literal prefilters that decide which files to parse.
pub struct CodeQueries {
    languages: HashMap<Language, LanguageQueries>,
    /// The literals of all prefilters, sorted.
    literals: Vec<String>,
    /// Every language's literals and reference words, which screen its files.
    pub(crate) words: Words,
}

impl CodeQueries {
    pub fn load(signals: &Signals) -> Result<CodeQueries, KnowledgeError> {
        let mut languages = HashMap::new();
        let mut words = Vec::new();
        for lang in Language::ALL {
            let mut source = String::new();
            let mut origins = Vec::new();
            let mut literals = signals.literals(lang.ecosystems());
            let mut references = Vec::new();
            for dir in lang.query_dirs() {
                for f in knowledge::query_files(dir) {
                    literals.extend(comment_words(f.text, "; prefilter:"));
                    references.extend(comment_words(f.text, "; references:"));
                    origins.push((source.len(), f.path.clone()));
                    source.push_str(f.text);
                    source.push('\n');
                }
            }
            if source.trim().is_empty() {
                continue;
            }
            words.push((lang, literals, references));
            languages.insert(lang, LanguageQueries::new(source, origins));
        }
        let mut all: Vec<String> = words.iter().flat_map(|w| w.1.iter().cloned()).collect();
        all.sort();
        all.dedup();
        Ok(CodeQueries {
            languages,
            literals: all,
            words: Words::new(words.iter().map(|(l, w, r)| (*l, &w[..], &r[..]))),
        })
    }

    /// Reads the queries and builds the prefilter of every language (a scan builds only those
    /// it needs), reporting the first that fails.
    pub fn compile_all(&self) -> Result<(), KnowledgeError> {
        if self.words.dfa().is_none() {
            return Err(KnowledgeError::Invalid {
                file: "queries".into(),
                message: "cannot build the literal prefilter".into(),
            });
        }
        for lang in Language::ALL {
            if let Some(Err((file, message))) = self.compiled(lang) {
                return Err(KnowledgeError::Invalid {
                    file: file.clone(),
                    message: message.clone(),
                });
            }
        }
        Ok(())
    }

    /// The patterns of `lang` (read on first use; `None` if it has none or they do not
    /// compile), for programs that run them outside a scan, such as the benchmark's floor.
    pub fn patterns(&self, lang: Language) -> Option<&Patterns> {
        self.compiled(lang)?.as_ref().ok().map(|lq| &lq.patterns)
    }

    fn compiled(&self, lang: Language) -> Option<&Result<LanguageQuery, (String, String)>> {
        let lq = self.languages.get(&lang)?;
        Some(lq.compiled.get_or_init(|| lq.compile(lang)))
    }

    /// The literals of all languages' prefilters, sorted.
    pub fn literals(&self) -> &[String] {
        &self.literals
    }

    /// Screens a file of `lang` in one pass over its bytes.
    pub fn screen(&self, lang: Language, bytes: &[u8]) -> Screen {
        if self.languages.contains_key(&lang) {
            self.words.screen(lang, bytes)
        } else {
            Screen::default()
        }
    }

    /// Whether a file of `lang` may hold evidence: one of the language's literals in its bytes,
    /// outside comment lines.
    pub fn is_candidate(&self, lang: Language, bytes: &[u8]) -> bool {
        self.screen(lang, bytes).candidate
    }

    pub fn has(&self, lang: Language) -> bool {
        self.languages.contains_key(&lang)
    }
}

/// The words of a query file's comment lines that start with `marker` (`; prefilter:`).
fn comment_words(query: &str, marker: &str) -> Vec<String> {
    query
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix(marker))
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
    /// The `@fact.*` captures that `extract`'s `keep` took, in location order, each once.
    pub facts: Vec<CodeFact>,
    /// Parsing or querying took longer than the timeout and was stopped; nothing was found.
    pub timed_out: bool,
    /// The language's queries could not be used (a defect of the embedded knowledge).
    pub error: Option<String>,
}

/// Whether a node kind is a function, method, lambda or closure, across the grammars.
fn is_function_kind(kind: &str) -> bool {
    kind.contains("function") || kind.contains("method") || kind == "lambda"
}

/// The capture of the functions a fact can be in.
const SCOPE_CAPTURE: &str = "scope.function";

/// A pattern that captures every node, named or not, of a function kind of `grammar` (hidden
/// kinds never appear in a tree), appended to a language's queries.
fn function_scopes(grammar: &tree_sitter::Language) -> String {
    let mut kinds = BTreeSet::new();
    for id in (0..grammar.node_kind_count()).filter_map(|id| u16::try_from(id).ok()) {
        match grammar.node_kind_for_id(id) {
            Some(kind) if grammar.node_kind_is_visible(id) && is_function_kind(kind) => {
                // A named kind is written `(kind)`, an anonymous one as its quoted name.
                kinds.insert(if grammar.node_kind_is_named(id) {
                    format!("({kind})")
                } else {
                    format!("{kind:?}")
                });
            }
            _ => {}
        }
    }
    if kinds.is_empty() {
        return String::new();
    }
    let kinds: Vec<String> = kinds.into_iter().collect();
    format!("\n[{}] @{SCOPE_CAPTURE}\n", kinds.join(" "))
}

/// The functions of a tree as (start byte, end byte, node), in document order, outer before
/// inner, so that the enclosing function of each capture is a search, not a walk up the tree (a
/// node's parent is itself found from the root in tree-sitter).
struct Functions<'tree>(Vec<(usize, usize, tree_sitter::Node<'tree>)>);

impl<'tree> Functions<'tree> {
    /// Puts captured functions in document order: by start, the outer (longer) first.
    fn sorted(mut found: Vec<(usize, usize, tree_sitter::Node<'tree>)>) -> Functions<'tree> {
        found.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
        Functions(found)
    }

    /// The byte range of the nearest function or method that encloses `node` (not the node
    /// itself). Ranges nest, so among the functions starting at or before the node, the last one
    /// that reaches past its end is the innermost; one with exactly the node's range encloses it
    /// only if it is an ancestor.
    fn enclosing(&self, node: tree_sitter::Node) -> Option<(usize, usize)> {
        let (start, end) = (node.start_byte(), node.end_byte());
        let before = self.0.partition_point(|f| f.0 <= start);
        self.0[..before]
            .iter()
            .rev()
            .find(|&&(s, e, f)| {
                e >= end && f != node && ((s, e) != (start, end) || is_ancestor(f, node))
            })
            .map(|&(s, e, _)| (s, e))
    }
}

/// Whether `ancestor`, a node with the same byte range as `node`, is an ancestor of it: found
/// going down from `ancestor` through the children with that range (going up from `node` would
/// start each step from the root).
fn is_ancestor(ancestor: tree_sitter::Node, node: tree_sitter::Node) -> bool {
    let mut current = ancestor;
    while let Some(child) = current.child_with_descendant(node) {
        if child == node {
            return true;
        }
        if child.byte_range() != node.byte_range() {
            return false;
        }
        current = child;
    }
    false
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

/// A captured call: the whole call, or its callee (whose parent holds the arguments).
#[derive(Clone, Copy)]
struct CallSite<'tree> {
    node: tree_sitter::Node<'tree>,
    args: Option<tree_sitter::Node<'tree>>,
}

impl<'tree> CallSite<'tree> {
    fn new(node: tree_sitter::Node<'tree>) -> CallSite<'tree> {
        CallSite {
            node,
            args: arguments_child(node),
        }
    }

    /// The byte range of the callee.
    fn callee(&self) -> (usize, usize) {
        let end = self.args.map_or(self.node.end_byte(), |a| a.start_byte());
        (self.node.start_byte(), end)
    }

    /// The text of the first argument if it is a string literal. Asked only of the calls a
    /// signal names with an argument: finding a callee's parent starts from the root.
    fn first_string_argument<'t>(&self, text: &'t str) -> Option<&'t str> {
        let args = self
            .args
            .or_else(|| self.node.parent().and_then(arguments_child))?;
        first_string_argument(args, text)
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
/// a capture becomes a fact if `keep` takes its name and text. Parsing and querying stop after
/// `timeout`. The caller screens the file first ([`Screen`]).
pub fn extract<'a>(
    lang: Language,
    path: &str,
    text: &'a str,
    knowledge: (&'a Signals, &'a CodeQueries),
    timeout: Duration,
    mut keep: impl FnMut(&'a str, &'a str) -> bool,
) -> SourceFacts {
    let (signals, queries) = knowledge;
    let lq = match queries.compiled(lang) {
        Some(Ok(lq)) => lq,
        Some(Err((file, message))) => {
            return SourceFacts {
                error: Some(format!("not parsed: {file}: {message}")),
                ..SourceFacts::default()
            };
        }
        None => return SourceFacts::default(),
    };
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
    // Facts with their nodes, placed in their functions once all functions are captured.
    let mut found_facts = Vec::new();
    let mut scopes = Vec::new();
    let in_time = lq
        .patterns
        .captures(&tree, text.as_bytes(), deadline, |capture, node| {
            let raw = &text[node.byte_range()];
            if Some(capture) == lq.import || Some(capture) == lq.import_member {
                let module = if Some(capture) == lq.import_member {
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
                        _ => return,
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
            } else if Some(capture) == lq.call {
                let site = CallSite::new(node);
                let (start, end) = site.callee();
                calls.push((callee_path(&text[start..end]), site));
            } else if Some(capture) == lq.string {
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
            } else if Some(capture) == lq.scope {
                scopes.push((node.start_byte(), node.end_byte(), node));
            } else if let Some(name) = lq.facts.get(&capture)
                && keep(name, raw)
            {
                let fact = CodeFact {
                    name: name.clone(),
                    text: raw.to_string(),
                    location: index.location(path, node.start_byte(), node.end_byte()),
                    scope: None,
                };
                found_facts.push((fact, node));
            }
        });
    let imported: BTreeSet<(&str, &str)> = imports
        .iter()
        .map(|h| (h.ecosystem.as_str(), h.name.as_str()))
        .collect();
    for (callee, site) in calls {
        let (start, end) = site.callee();
        let arg = OnceCell::new();
        for signal in &signals.calls {
            let name_matches = callee == signal.call
                || callee
                    .strip_suffix(signal.call.as_str())
                    .is_some_and(|head| head.ends_with('.'));
            let other_arg =
                |a: &str| *arg.get_or_init(|| site.first_string_argument(text)) != Some(a);
            if !name_matches || signal.arg.as_deref().is_some_and(other_arg) {
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
    let functions = Functions::sorted(scopes);
    let mut facts: Vec<CodeFact> = found_facts
        .into_iter()
        .map(|(fact, node)| CodeFact {
            scope: functions.enclosing(node),
            ..fact
        })
        .collect();
    // In the order the inventory keeps (files are merged in path order, so its sort finds runs
    // already sorted); a fact captured by two patterns is kept once.
    facts.sort_by(|a, b| (&a.location, &a.name).cmp(&(&b.location, &b.name)));
    facts.dedup();
    if !in_time || Instant::now() >= deadline {
        return SourceFacts {
            timed_out: true,
            ..SourceFacts::default()
        };
    }
    SourceFacts {
        hits,
        facts,
        ..SourceFacts::default()
    }
}

#[cfg(test)]
mod tests {
    use super::{Language, callee_path, module_path};
    use crate::knowledge::Knowledge;
    use crate::model::Detector;
    use std::time::{Duration, Instant};

    #[test]
    fn the_listed_literals_are_the_prefilter() {
        let queries = &Knowledge::embedded().expect("embedded knowledge").queries;
        let literals = queries.literals();
        assert!(literals.windows(2).all(|w| w[0] < w[1]), "sorted, unique");
        assert!(literals.iter().any(|l| l.contains("openai")));
        for l in literals {
            assert!(
                Language::ALL
                    .into_iter()
                    .any(|lang| queries.is_candidate(lang, l.as_bytes())),
                "{l}"
            );
        }
        let plain = b"def total(items):\n    return sum(items)\n";
        assert!(!queries.is_candidate(Language::Python, plain));
    }

    /// What `extract` finds in `source`, keeping every capture.
    fn every_fact(k: &Knowledge, lang: Language, path: &str, source: &str) -> super::SourceFacts {
        let timeout = std::time::Duration::from_secs(5);
        super::extract(
            lang,
            path,
            source,
            (&k.signals, &k.queries),
            timeout,
            |_, _| true,
        )
    }

    /// SwiftUI's visible strings and the three ways to look up a localized key, each with its own
    /// function name (one pattern of alternatives in `queries/swift/ui.scm`); other calls and
    /// other labels give nothing.
    #[test]
    fn swift_ui_texts_and_keys_are_captured_by_their_function() {
        let k = Knowledge::embedded().expect("embedded knowledge");
        let source = r#"import SwiftUI

struct NoticeView: View {
    var body: some View {
        VStack {
            Text("Ответы генерирует ИИ")
            Label("ЖИ көмекшісі", systemImage: "sparkles")
            Button("Отправить") { send() }
            Text(NSLocalizedString("chat.ai_notice", comment: "AI notice"))
            Text(String(localized: "chat.ai_risks"))
            Caption("not a UI call we know")
            Text(String(format: "%d ответов", count))
            Text(verbatim: "v1.2")
        }
    }
}
"#;
        let found = every_fact(k, Language::Swift, "ios/NoticeView.swift", source);
        let ui: Vec<(&str, &str, u32)> = found
            .facts
            .iter()
            .filter(|f| f.name.starts_with("ui."))
            .map(|f| (f.name.as_str(), f.text.as_str(), f.location.line))
            .collect();
        assert_eq!(
            ui,
            [
                ("ui.text", "Ответы генерирует ИИ", 6),
                ("ui.text", "ЖИ көмекшісі", 7),
                ("ui.text", "Отправить", 8),
                ("ui.key", "chat.ai_notice", 9),
                ("ui.key", "chat.ai_risks", 10),
                ("ui.text", "v1.2", 13),
            ]
        );
    }

    /// A callee is both a call site for the catalogue and a `call` fact, and a module both an
    /// import and an `import` fact: one pattern with two captures in `calls.scm` and
    /// `imports.scm` (Python, JavaScript).
    #[test]
    fn callees_and_modules_are_both_evidence_and_facts() {
        let k = Knowledge::embedded().expect("embedded knowledge");
        let facts = |found: &super::SourceFacts| -> Vec<(String, String, u32)> {
            found
                .facts
                .iter()
                .filter(|f| f.name == "call" || f.name == "import")
                .map(|f| (f.name.clone(), f.text.clone(), f.location.line))
                .collect()
        };
        let own = |found: &super::SourceFacts, detector: Detector| -> Vec<(String, u32)> {
            let mut hits: Vec<(String, u32)> = found
                .hits
                .iter()
                .filter(|h| h.evidence.detector == detector)
                .map(|h| (h.name.clone(), h.evidence.location.line))
                .collect();
            hits.sort();
            hits
        };
        let python = "import numpy as np
from openai import OpenAI
import face_recognition

def match_face(photo, known):
    client = OpenAI()
    encodings = face_recognition.face_encodings(photo)
    return np.linalg.norm(encodings[0] - known)
";
        let javascript = r#"const OpenAI = require("openai");
import * as cheerio from "cheerio";

export async function summarize(url) {
  const page = cheerio.load(await fetchPage(url));
  return new OpenAI().chat.completions.create({ messages: [page.text()] });
}
"#;
        // The language, path and source, the call and import facts, and the line that imports
        // `openai`.
        type Case<'a> = (
            Language,
            &'a str,
            &'a str,
            &'a [(&'a str, &'a str, u32)],
            u32,
        );
        let cases: [Case; 2] = [
            (
                Language::Python,
                "app/faces.py",
                python,
                &[
                    ("import", "numpy", 1),
                    ("import", "openai", 2),
                    ("import", "face_recognition", 3),
                    ("call", "OpenAI", 6),
                    ("call", "face_recognition.face_encodings", 7),
                    ("call", "np.linalg.norm", 8),
                ],
                2,
            ),
            (
                Language::JavaScript,
                "web/summarize.js",
                javascript,
                &[
                    ("call", "require", 1),
                    ("import", "\"openai\"", 1),
                    ("import", "\"cheerio\"", 2),
                    ("call", "cheerio.load", 5),
                    ("call", "fetchPage", 5),
                    ("call", "new OpenAI().chat.completions.create", 6),
                    ("call", "page.text", 6),
                ],
                1,
            ),
        ];
        for (lang, path, source, expected, openai_line) in cases {
            let found = every_fact(k, lang, path, source);
            let expected: Vec<(String, String, u32)> = expected
                .iter()
                .map(|(n, t, l)| (n.to_string(), t.to_string(), *l))
                .collect();
            assert_eq!(facts(&found), expected, "{path}");
            let imports = own(&found, Detector::Import);
            assert!(
                imports.contains(&("openai".to_string(), openai_line)),
                "{path}"
            );
            assert!(!own(&found, Detector::Call).is_empty(), "{path}");
        }
    }

    /// The translation-key calls and the module loads of JavaScript, TypeScript and TSX (each an
    /// alternative of one pattern in `ui.scm` and `imports.scm`): each alternative's predicate
    /// holds for its own callee only, and other calls and other object keys give nothing.
    #[test]
    fn ecmascript_key_calls_and_module_loads_are_told_by_their_callee() {
        let k = Knowledge::embedded().expect("embedded knowledge");
        let source = r#"const OpenAI = require("openai");
const notice = t("chat.ai_notice");
const risks = i18n.t("chat.ai_risks", { count: 2 });
const title = intl.formatMessage({ defaultMessage: "Помощник", id: "chat.ai_title" });
const other = intl.format({ id: "not.a.key" });
const nameless = intl.formatMessage({ description: "no id here" });
const loader = requireModule("not-a-module");
const label = tr("not.a.key.either");

export async function answer(prompt) {
  const { Anthropic } = await import("@anthropic-ai/sdk");
  return new Anthropic().messages.create({ prompt });
}
"#;
        let expected_keys = [
            ("chat.ai_notice", 2),
            ("chat.ai_risks", 3),
            ("chat.ai_title", 4),
        ];
        for (lang, path) in [
            (Language::JavaScript, "web/chat.js"),
            (Language::TypeScript, "web/chat.ts"),
            (Language::Tsx, "web/chat.tsx"),
        ] {
            let found = every_fact(k, lang, path, source);
            let keys: Vec<(&str, u32)> = found
                .facts
                .iter()
                .filter(|f| f.name == "ui.key")
                .map(|f| (f.text.as_str(), f.location.line))
                .collect();
            assert_eq!(keys, expected_keys, "{path}");
            let mut imports: Vec<(&str, u32)> = found
                .hits
                .iter()
                .filter(|h| h.evidence.detector == Detector::Import)
                .map(|h| (h.name.as_str(), h.evidence.location.line))
                .collect();
            imports.sort();
            assert_eq!(
                imports,
                [("@anthropic-ai/sdk", 11), ("openai", 1)],
                "{path}"
            );
        }
    }

    #[test]
    fn facts_are_scoped_to_their_innermost_function() {
        let k = Knowledge::embedded().expect("embedded knowledge");
        let source = "def review(application):\n    def contact(user):\n        return user.phone_number\n    score = lambda a: a.credit_score\n    return contact\n\nphone_number = None\n";
        let found = every_fact(k, Language::Python, "svc/review.py", source);
        let scope_of = |text: &str, line: u32| {
            let f = found
                .facts
                .iter()
                .find(|f| f.text == text && f.location.line == line)
                .unwrap_or_else(|| panic!("no {text} at {line}: {:#?}", found.facts));
            f.scope.map(|(s, e)| &source[s..e])
        };
        let contact = "def contact(user):\n        return user.phone_number";
        assert_eq!(scope_of("phone_number", 3), Some(contact));
        assert_eq!(
            scope_of("credit_score", 4),
            Some("lambda a: a.credit_score")
        );
        // A function's name is inside its definition.
        assert_eq!(scope_of("contact", 2), Some(contact));
        assert_eq!(scope_of("phone_number", 7), None);
    }

    /// The functions the query captures are the nodes of a function kind a walk of the whole
    /// tree visits, on every source file of the fixtures and the example, in all languages.
    #[test]
    fn captured_function_scopes_are_the_function_nodes_of_the_tree() {
        use super::is_function_kind;
        use std::collections::BTreeSet;
        use tree_sitter::Parser;
        let queries = &Knowledge::embedded().expect("embedded knowledge").queries;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        // The source files a scan of the fixtures and the example would parse.
        let starts = [root.join("tests/fixtures"), root.join("examples")];
        let found = crate::workspace::discover(root, &starts, &Default::default(), 1).files;
        let (mut files, mut functions, mut languages) = (0, 0, BTreeSet::new());
        for entry in found {
            let crate::workspace::FileKind::Source(lang) = entry.kind else {
                continue;
            };
            let path = entry.abs;
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let Some(Ok(lq)) = queries.compiled(lang) else {
                continue;
            };
            let Some(scope) = lq.scope else {
                continue;
            };
            let mut parser = Parser::new();
            parser.set_language(&lang.grammar()).expect("grammar");
            let tree = parser.parse(&text, None).expect("parse");
            let mut walked = Vec::new();
            let mut cursor = tree.walk();
            'walk: loop {
                let node = cursor.node();
                if is_function_kind(node.kind()) {
                    walked.push((node.start_byte(), node.end_byte(), node.kind_id()));
                }
                if cursor.goto_first_child() {
                    continue;
                }
                while !cursor.goto_next_sibling() {
                    if !cursor.goto_parent() {
                        break 'walk;
                    }
                }
            }
            let mut captured = Vec::new();
            let deadline = Instant::now() + Duration::from_secs(60);
            lq.patterns
                .captures(&tree, text.as_bytes(), deadline, |capture, n| {
                    if capture == scope {
                        captured.push((n.start_byte(), n.end_byte(), n.kind_id()));
                    }
                });
            captured.sort_by_key(|&(s, e, k)| (s, std::cmp::Reverse(e), k));
            walked.sort_by_key(|&(s, e, k)| (s, std::cmp::Reverse(e), k));
            assert_eq!(captured, walked, "{}", path.display());
            files += 1;
            functions += walked.len();
            languages.insert(lang.name());
        }
        assert!(
            files >= 20 && functions >= 100,
            "{files} files, {functions} functions"
        );
        assert!(languages.len() >= 5, "{languages:?}");
    }

    /// The patterns capture what tree-sitter's own query cursor captures with the same query
    /// files, on every source file of the fixtures and the example; and tree-sitter compiles
    /// them, which also checks that no pattern is impossible in its grammar.
    #[test]
    fn patterns_capture_as_tree_sitter_queries_do() {
        use std::collections::{BTreeMap, BTreeSet};
        use tree_sitter::{Parser, Query, QueryCursor, StreamingIterator};
        let queries = &Knowledge::embedded().expect("embedded knowledge").queries;
        let mut compiled = BTreeMap::new();
        for lang in Language::ALL {
            let lq = &queries.languages[&lang];
            let source = lq.source(&lang.grammar());
            let query = Query::new(&lang.grammar(), &source)
                .unwrap_or_else(|e| panic!("{}: {e}", lang.name()));
            compiled.insert(lang, query);
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let starts = [root.join("tests/fixtures"), root.join("examples")];
        let found = crate::workspace::discover(root, &starts, &Default::default(), 1).files;
        let mut per_language: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for entry in found {
            let crate::workspace::FileKind::Source(lang) = entry.kind else {
                continue;
            };
            let Ok(text) = std::fs::read_to_string(&entry.abs) else {
                continue;
            };
            let mut parser = Parser::new();
            parser.set_language(&lang.grammar()).expect("grammar");
            let tree = parser.parse(&text, None).expect("parse");
            let query = &compiled[&lang];
            let mut theirs = BTreeSet::new();
            let mut cursor = QueryCursor::new();
            let mut matches = cursor.matches(query, tree.root_node(), text.as_bytes());
            while let Some(m) = matches.next() {
                for c in m.captures() {
                    let name = query.capture_names()[c.index as usize].to_string();
                    theirs.insert((name, c.node.start_byte(), c.node.end_byte()));
                }
            }
            let patterns = queries.patterns(lang).expect("patterns");
            let mut ours = BTreeSet::new();
            let deadline = Instant::now() + Duration::from_secs(60);
            patterns.captures(&tree, text.as_bytes(), deadline, |capture, node| {
                let name = patterns.capture_names()[capture as usize].clone();
                ours.insert((name, node.start_byte(), node.end_byte()));
            });
            assert_eq!(ours, theirs, "{}", entry.rel);
            let counts = per_language.entry(lang.name()).or_default();
            counts.0 += 1;
            counts.1 += ours.len();
        }
        // Every language, with captures to compare.
        assert_eq!(per_language.len(), Language::ALL.len(), "{per_language:?}");
        assert!(
            per_language.values().all(|&(_, captures)| captures >= 10),
            "{per_language:?}"
        );
    }

    /// An error in a query file names the file, and the line and column in it.
    #[test]
    fn a_query_error_names_its_file_line_and_column() {
        let first = "(call) @call\n";
        let second = "; A comment.\n(import_statement\n  name: (dotted_nam) @import)\n";
        let queries = super::LanguageQueries::new(
            format!("{first}{second}"),
            vec![
                (0, "queries/python/calls.scm".into()),
                (first.len(), "queries/python/imports.scm".into()),
            ],
        );
        let Err((file, message)) = queries.compile(Language::Python) else {
            panic!("the query compiled");
        };
        assert_eq!(file, "queries/python/imports.scm");
        assert_eq!(
            message,
            "query does not compile for python: line 3, column 10: \
             no node kind `dotted_nam` in the grammar"
        );
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

    #[test]
    fn literals_on_comment_lines_do_not_make_a_candidate() {
        let queries = &Knowledge::embedded().expect("embedded knowledge").queries;
        let cases: &[(Language, &str, bool)] = &[
            // Python and Ruby: `#` comments.
            (
                Language::Python,
                "def save(customer):\n    # Stores the customer's phone number and consent.\n    db.put(customer)\n",
                false,
            ),
            (
                Language::Python,
                "def save(customer):\n    customer.consent = True  # recorded\n",
                true,
            ),
            (
                Language::Ruby,
                "  # require \"openai\" once the budget is approved\n  def show; end\n",
                false,
            ),
            (Language::Ruby, "require \"openai\"\n", true),
            // C-style languages: `//`, `/* … */` and the ` * ` margin of doc comments.
            (
                Language::TypeScript,
                "/**\n * Saves the marketing consent.\n * @param consent the flag\n */\nexport function save(flag: boolean) {}\n",
                false,
            ),
            (
                Language::TypeScript,
                "// import OpenAI from \"openai\";\nexport const x = 1;\n",
                false,
            ),
            (
                Language::TypeScript,
                "/* legacy */ import OpenAI from \"openai\";\n",
                true,
            ),
            (
                Language::Go,
                "\t// See github.com/sashabaranov/go-openai for a client.\n\tx := 1\n",
                false,
            ),
            (
                Language::Go,
                "import openai \"github.com/sashabaranov/go-openai\"\n",
                true,
            ),
            (
                Language::Rust,
                "    *client = async_openai::Client::new();\n",
                true,
            ),
            (
                Language::Java,
                "    /*\n     * Replaces dev.langchain4j in the next release.\n     */\n",
                false,
            ),
            (
                Language::Java,
                "import dev.langchain4j.model.openai.OpenAiChatModel;\n",
                true,
            ),
            // PHP: `#` starts a comment, `#[` an attribute.
            (
                Language::Php,
                "# OpenAI::client() is configured in the container\n$x = 1;\n",
                false,
            ),
            (
                Language::Php,
                "#[Inject(OpenAI::client())]\nclass Chat {}\n",
                true,
            ),
            // A `#` line is code in languages that do not comment with it.
            (Language::CSharp, "#region Azure.AI.OpenAI\n", true),
        ];
        for (lang, text, expected) in cases {
            assert_eq!(
                queries.is_candidate(*lang, text.as_bytes()),
                *expected,
                "{lang:?}: {text:?}"
            );
        }
    }

    #[test]
    fn one_pass_screens_literals_and_translation_key_references() {
        let queries = &Knowledge::embedded().expect("embedded knowledge").queries;
        let screen = |lang, text: &str| queries.screen(lang, text.as_bytes());
        let tsx = "import { useTranslation } from \"react-i18next\";\nexport const Banner = () => {\n  const { t } = useTranslation();\n  return <p>{t(\"ai.notice\")}</p>;\n};\n";
        assert_eq!(
            screen(Language::Tsx, tsx),
            super::Screen {
                candidate: false,
                references_keys: true
            }
        );
        let with_ai = format!("import OpenAI from \"openai\";\n{tsx}");
        assert_eq!(
            screen(Language::Tsx, &with_ai),
            super::Screen {
                candidate: true,
                references_keys: true
            }
        );
        let kotlin = "val client = com.aallam.openai.client.OpenAI(token)\n";
        assert_eq!(
            screen(Language::Kotlin, kotlin),
            super::Screen {
                candidate: true,
                references_keys: false
            }
        );
        assert_eq!(
            screen(Language::Kotlin, "fun total(a: Int) = a + 1\n"),
            super::Screen::default()
        );
    }
}
