use super::{PatternError, Patterns};
use crate::detect::code::Language;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};
use tree_sitter::{Parser, Query, QueryCursor, StreamingIterator, Tree};

/// (capture name, captured text) pairs.
type Found = BTreeSet<(String, String)>;

fn parse(lang: Language, source: &str) -> Tree {
    let mut parser = Parser::new();
    parser.set_language(&lang.grammar()).expect("grammar");
    parser.parse(source, None).expect("parse")
}

fn ours(lang: Language, query: &str, source: &str) -> Found {
    let patterns = Patterns::new(query, &lang.grammar()).expect("patterns");
    let tree = parse(lang, source);
    let mut found = Found::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    let done = patterns.captures(&tree, source.as_bytes(), deadline, |capture, node| {
        let name = &patterns.capture_names()[capture as usize];
        found.insert((name.clone(), source[node.byte_range()].to_string()));
    });
    assert!(done);
    found
}

fn tree_sitters(lang: Language, query: &str, source: &str) -> Found {
    let query = Query::new(&lang.grammar(), query).expect("tree-sitter query");
    let tree = parse(lang, source);
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(&query, tree.root_node(), source.as_bytes());
    let mut found = Found::new();
    while let Some(m) = matches.next() {
        for c in m.captures() {
            let name = query.capture_names()[c.index as usize].to_string();
            found.insert((name, source[c.node.byte_range()].to_string()));
        }
    }
    found
}

/// The captures of `query` on `source`, checked against tree-sitter's query cursor.
fn captures(lang: Language, query: &str, source: &str) -> Vec<(String, String)> {
    let found = ours(lang, query, source);
    assert_eq!(found, tree_sitters(lang, query, source), "{query}");
    found.into_iter().collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<_> = expected
        .iter()
        .map(|(c, t)| (c.to_string(), t.to_string()))
        .collect();
    v.sort();
    v
}

const PYTHON: &str = r#"
import openai
from app import scoring as s
client = openai.OpenAI()
reply = client.chat.completions.create(model="gpt-4o", messages=[])
path("objection/", views.object_to_decision)
path(handler, "late/")
urlpatterns = [re_path(r"^appeal$", appeal), include("x")]
"#;

#[test]
fn fields_and_alternations_pick_the_callee() {
    assert_eq!(
        captures(
            Language::Python,
            "(call function: [(identifier) (attribute)] @call)",
            PYTHON
        ),
        pairs(&[
            ("call", "client.chat.completions.create"),
            ("call", "include"),
            ("call", "openai.OpenAI"),
            ("call", "path"),
            ("call", "re_path"),
        ])
    );
    // A field names the child: the values of `model=` and `messages=` are no identifiers.
    assert_eq!(
        captures(
            Language::Python,
            "(keyword_argument name: (identifier) @name)",
            PYTHON
        ),
        pairs(&[("name", "messages"), ("name", "model")])
    );
    assert_eq!(
        captures(
            Language::Python,
            "(keyword_argument value: (identifier) @value)",
            PYTHON
        ),
        Vec::new()
    );
}

#[test]
fn anchors_take_the_first_named_child_and_the_next_sibling() {
    let query = r#"(call
  function: (identifier) @_fn
  arguments: (argument_list . (string) @path . [(identifier) (attribute)] @handler)
  (#match? @_fn "^(path|re_path|url)$"))"#;
    assert_eq!(
        captures(Language::Python, query, PYTHON),
        pairs(&[
            ("_fn", "path"),
            ("_fn", "re_path"),
            ("handler", "appeal"),
            ("handler", "views.object_to_decision"),
            ("path", "\"objection/\""),
            ("path", "r\"^appeal$\""),
        ])
    );
    // Unanchored, the string may be any argument: `path(handler, "late/")` too.
    assert!(
        captures(
            Language::Python,
            "(call arguments: (argument_list (string) @s))",
            PYTHON
        )
        .contains(&("s".to_string(), "\"late/\"".to_string()))
    );
}

#[test]
fn predicates_filter_matches_and_hold_without_their_capture() {
    let query = r#"(call
  [
    ((identifier) @_t arguments: (argument_list . (string) @key))
    ((attribute attribute: (identifier) @_m) arguments: (argument_list . (string) @key))
  ]
  (#eq? @_t "include")
  (#any-of? @_m "create" "invoke"))"#;
    assert_eq!(
        captures(Language::Python, query, PYTHON),
        // `create`'s first argument is not a string.
        pairs(&[("_t", "include"), ("key", "\"x\"")])
    );
    assert_eq!(
        captures(
            Language::Python,
            r#"((identifier) @id (#not-match? @id "^[a-z_]+$"))"#,
            PYTHON
        ),
        pairs(&[("id", "OpenAI")])
    );
    assert_eq!(
        captures(
            Language::Python,
            r#"((identifier) @id (#not-eq? @id "openai") (#match? @id "^open"))"#,
            PYTHON
        ),
        Vec::new()
    );
}

#[test]
fn wildcards_nest_and_top_level_alternations_capture_each_kind() {
    let js = r#"
const key = process.env.OPENAI_API_KEY;
const base = import.meta.env.VITE_API_URL;
app.post("/objection", handleObjection);
function notify() { return t("ai.notice"); }
const f = () => i18n.t(`ai.${x}`);
"#;
    assert_eq!(
        captures(
            Language::JavaScript,
            r#"(member_expression
  object: (_ property: (property_identifier) @_env (#eq? @_env "env"))
  property: (property_identifier) @string)"#,
            js
        ),
        pairs(&[
            ("_env", "env"),
            ("string", "OPENAI_API_KEY"),
            ("string", "VITE_API_URL"),
        ])
    );
    assert_eq!(
        captures(
            Language::JavaScript,
            r#"["function" (arrow_function) (function_declaration)] @scope"#,
            js
        )
        .len(),
        3
    );
    // `(_)` does not match an anonymous node, nor `"("` a named one.
    assert_eq!(
        captures(Language::JavaScript, r#"(arguments . (_) @first)"#, js),
        pairs(&[
            ("first", "\"/objection\""),
            ("first", "\"ai.notice\""),
            ("first", "`ai.${x}`")
        ])
    );
}

#[test]
fn swift_ui_patterns_match_through_unnamed_wrappers() {
    let swift = r#"
Text("Ответы генерирует ИИ")
Label("ai.label", systemImage: "sparkles")
let s = NSLocalizedString("ai.notice", comment: "")
let v = String(localized: "ai.voice")
"#;
    let query = r#"(call_expression
  [
    ((simple_identifier) @_text
      (_ (_ . (_
        value: (_ (line_str_text) @text)))))
    ((simple_identifier) @_string
      (_ (_ (_
        name: (_ (simple_identifier) @_label)
        value: (_ (line_str_text) @key)))))
  ]
  (#match? @_text "^(Text|Label|Button)$")
  (#eq? @_string "String")
  (#eq? @_label "localized"))"#;
    let found = captures(Language::Swift, query, swift);
    assert!(found.contains(&("text".into(), "Ответы генерирует ИИ".into())));
    assert!(found.contains(&("key".into(), "ai.voice".into())));
    assert!(!found.iter().any(|(_, t)| t == "ai.notice"), "{found:?}");
}

fn error(query: &str) -> PatternError {
    match Patterns::new(query, &Language::Python.grammar()) {
        Ok(_) => panic!("{query} was read"),
        Err(e) => e,
    }
}

#[test]
fn what_cannot_be_read_is_an_error_at_its_place() {
    let cases = [
        ("(call)\n(cal) @x", 8, "no node kind `cal`"),
        ("(call functio: (identifier))", 6, "no field `functio`"),
        ("(call (identifier)* @x)", 18, "quantifier is not supported"),
        ("(call !arguments)", 6, "negated fields are not supported"),
        ("(call (identifier) .)", 19, "after the last child"),
        (
            "((identifier) @x (#lua? @x \"y\"))",
            17,
            "#lua? is not supported",
        ),
        (
            "((identifier) @x (#eq? @y \"y\"))",
            17,
            "unknown capture `@y`",
        ),
        ("((identifier) @x (#match? @x \"(\"))", 17, "#match?"),
        ("(call \"unclosed)", 6, "unterminated string"),
        ("(call (identifier)", 0, "unclosed `(`"),
        ("(call) (identifier) ]", 20, "unexpected `]`"),
        (
            "((call) (identifier))",
            0,
            "a top-level group must hold one node",
        ),
        ("(expression)", 1, "supertype `expression`"),
    ];
    for (query, offset, message) in cases {
        let e = error(query);
        assert!(e.message.contains(message), "{query}: {e:?}");
        assert_eq!(e.offset, offset, "{query}: {e:?}");
    }
}

#[test]
fn strings_unescape_as_tree_sitter_reads_them() {
    let source = "a = 'x\"y'\nb = \"tab\\there\"\n";
    assert_eq!(
        captures(
            Language::Python,
            r#"((string) @s (#match? @s "^'[^\"\n]*\"[^\"\n]*'$"))"#,
            source
        ),
        pairs(&[("s", "'x\"y'")])
    );
}

#[test]
fn the_walk_stops_at_the_deadline() {
    let patterns = Patterns::new("(identifier) @id", &Language::Python.grammar()).expect("read");
    let source = "x = 1\n".repeat(5000);
    let tree = parse(Language::Python, &source);
    let mut seen = 0;
    let past = Instant::now() - Duration::from_secs(1);
    assert!(!patterns.captures(&tree, source.as_bytes(), past, |_, _| seen += 1));
    assert!(seen < 5000, "{seen}");
}
