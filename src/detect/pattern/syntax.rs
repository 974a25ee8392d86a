//! Reads the patterns of a language's query files, in tree-sitter's query syntax, resolving node
//! kinds and field names against the grammar as it goes.
//!
//! The syntax read is the part of tree-sitter's that the query files use: nodes `(kind …)` and
//! `(_ …)`, anonymous nodes `"name"`, fields `name: …`, anchors `.` before a child, alternations
//! `[…]` (of nodes, or of groups of sibling nodes `((a) (b))`), a top-level group holding one
//! node and its predicates, captures `@name` (several on one node), comments `; …`, and the
//! predicates `#eq?`, `#not-eq?`, `#match?`, `#not-match?`, `#any-of?` and `#not-any-of?` on a
//! capture and strings. Anything else (quantifiers, negated fields, a last-child anchor,
//! supertypes) is an error that names what is not supported, at its line and column.

use super::{Kind, Pattern, Predicate, Spec, Step, Test};
use regex_automata::meta::Regex;
use std::num::NonZeroU16;
use tree_sitter::Language;

/// A pattern that cannot be read, at a byte offset of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub offset: usize,
    pub message: String,
}

/// Reads `source` into patterns, adding capture names to `captures` in the order they first
/// appear.
pub(super) fn read(
    source: &str,
    grammar: &Language,
    captures: &mut Vec<String>,
) -> Result<Vec<Pattern>, PatternError> {
    let mut reader = Reader {
        src: source.as_bytes(),
        text: source,
        pos: 0,
        grammar,
        captures,
        predicates: Vec::new(),
    };
    let mut patterns = Vec::new();
    loop {
        reader.skip_space();
        if reader.pos >= reader.src.len() {
            return Ok(patterns);
        }
        patterns.push(reader.pattern()?);
    }
}

struct Reader<'s> {
    src: &'s [u8],
    text: &'s str,
    pos: usize,
    grammar: &'s Language,
    captures: &'s mut Vec<String>,
    /// The predicates of the pattern being read, wherever in it they are written.
    predicates: Vec<Predicate>,
}

/// What one item of a child list or alternation reads as.
enum Item {
    /// A node: one step.
    Node(Spec),
    /// An alternation: one step.
    Alternation(Vec<Vec<Step>>),
    /// A group: a run of sibling steps.
    Group(Vec<Step>),
}

impl Reader<'_> {
    fn error<T>(&self, at: usize, message: impl Into<String>) -> Result<T, PatternError> {
        Err(PatternError {
            offset: at,
            message: message.into(),
        })
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    /// Skips white space and `;` comments.
    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if b.is_ascii_whitespace() {
                self.pos += 1;
            } else if b == b';' {
                while self.peek().is_some_and(|b| b != b'\n') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next non-space byte, without taking it.
    fn next_byte(&mut self) -> Option<u8> {
        self.skip_space();
        self.peek()
    }

    fn expect(&mut self, byte: u8) -> Result<(), PatternError> {
        if self.next_byte() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            self.error(self.pos, format!("expected `{}`", byte as char))
        }
    }

    /// A node kind, field, capture or predicate name.
    fn name(&mut self) -> &str {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b"_-.?!".contains(&b))
        {
            self.pos += 1;
        }
        &self.text[start..self.pos]
    }

    /// A double-quoted string, with tree-sitter's escapes (`\n`, `\r`, `\t`, `\0`, and any other
    /// escaped character as itself).
    fn string(&mut self) -> Result<String, PatternError> {
        let start = self.pos;
        self.expect(b'"')?;
        let mut out = String::new();
        let mut chars = self.text[self.pos..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.pos += i + 1;
                    return Ok(out);
                }
                '\\' => match chars.next() {
                    Some((_, 'n')) => out.push('\n'),
                    Some((_, 'r')) => out.push('\r'),
                    Some((_, 't')) => out.push('\t'),
                    Some((_, '0')) => out.push('\0'),
                    Some((_, c)) => out.push(c),
                    None => break,
                },
                c => out.push(c),
            }
        }
        self.error(start, "unterminated string")
    }

    fn capture_id(&mut self, name: &str) -> u32 {
        let at = self.captures.iter().position(|c| c == name);
        let id = at.unwrap_or_else(|| {
            self.captures.push(name.to_string());
            self.captures.len() - 1
        });
        u32::try_from(id).unwrap_or(u32::MAX)
    }

    /// The `@name` captures after an item.
    fn captures_after(&mut self) -> Result<Vec<u32>, PatternError> {
        let mut ids = Vec::new();
        while self.next_byte() == Some(b'@') {
            self.pos += 1;
            let name = self.name().to_string();
            if name.is_empty() {
                return self.error(self.pos, "a capture needs a name");
            }
            ids.push(self.capture_id(&name));
        }
        if let Some(q @ (b'*' | b'+' | b'?')) = self.next_byte() {
            return self.error(
                self.pos,
                format!("the `{}` quantifier is not supported", q as char),
            );
        }
        Ok(ids)
    }

    /// One top-level pattern with its captures and predicates.
    fn pattern(&mut self) -> Result<Pattern, PatternError> {
        let start = self.pos;
        let item = self.item()?;
        let captures = self.captures_after()?;
        let mut roots = match item {
            Item::Node(spec) => vec![spec],
            Item::Alternation(alternatives) => alternatives
                .into_iter()
                .map(|steps| match <[Step; 1]>::try_from(steps) {
                    Ok([Step::Node(spec)]) => Ok(spec),
                    _ => self.error(start, "a top-level alternative must be one node"),
                })
                .collect::<Result<_, _>>()?,
            Item::Group(steps) => match <[Step; 1]>::try_from(steps) {
                Ok([Step::Node(spec)]) => vec![spec],
                _ => return self.error(start, "a top-level group must hold one node"),
            },
        };
        for root in &mut roots {
            root.captures.extend(&captures);
        }
        Ok(Pattern {
            roots,
            predicates: std::mem::take(&mut self.predicates),
        })
    }

    /// A node, an anonymous node, an alternation or a group (predicates in a group are taken
    /// into the pattern's).
    fn item(&mut self) -> Result<Item, PatternError> {
        let start = self.pos;
        match self.next_byte() {
            Some(b'"') => {
                let name = self.string()?;
                let id = self.kind_id(&name, false, start)?;
                Ok(Item::Node(Spec::new(Kind::Anonymous(id))))
            }
            Some(b'[') => {
                self.pos += 1;
                let mut alternatives = Vec::new();
                while self.next_byte() != Some(b']') {
                    if self.peek().is_none() {
                        return self.error(start, "unclosed `[`");
                    }
                    let steps = self.child()?;
                    alternatives.push(steps);
                }
                self.pos += 1;
                Ok(Item::Alternation(alternatives))
            }
            Some(b'(') => {
                self.pos += 1;
                match self.next_byte() {
                    Some(b'(' | b'[' | b'"') => {
                        let mut steps = Vec::new();
                        while self.next_byte() != Some(b')') {
                            if self.peek().is_none() {
                                return self.error(start, "unclosed `(`");
                            }
                            if self.predicate()? {
                                continue;
                            }
                            steps.extend(self.child()?);
                        }
                        self.pos += 1;
                        Ok(Item::Group(steps))
                    }
                    _ => self.node(start).map(Item::Node),
                }
            }
            Some(b) => self.error(self.pos, format!("unexpected `{}`", b as char)),
            None => self.error(self.pos, "unexpected end of the query"),
        }
    }

    /// A node after its `(`: its kind, then its children, fields, anchors and predicates.
    fn node(&mut self, start: usize) -> Result<Spec, PatternError> {
        let name_at = self.pos;
        let name = self.name().to_string();
        let kind = match name.as_str() {
            "_" => Kind::AnyNamed,
            "" => return self.error(name_at, "expected a node kind"),
            _ => Kind::Named(self.kind_id(&name, true, name_at)?),
        };
        let mut spec = Spec::new(kind);
        loop {
            match self.next_byte() {
                Some(b')') => {
                    self.pos += 1;
                    return Ok(spec);
                }
                None => return self.error(start, "unclosed `(`"),
                _ => {
                    if !self.predicate()? {
                        spec.children.extend(self.child()?);
                    }
                }
            }
        }
    }

    /// One child item with its anchor, field and captures: the steps it adds.
    fn child(&mut self) -> Result<Vec<Step>, PatternError> {
        let start = self.pos;
        let immediate = self.next_byte() == Some(b'.');
        if immediate {
            self.pos += 1;
            if matches!(self.next_byte(), Some(b')' | b']')) {
                return self.error(start, "an anchor after the last child is not supported");
            }
        }
        if self.next_byte() == Some(b'!') {
            return self.error(self.pos, "negated fields are not supported");
        }
        let field = self.field()?;
        let item = self.item()?;
        let captures = self.captures_after()?;
        let mut steps = match item {
            Item::Node(spec) => vec![Step::Node(spec)],
            Item::Alternation(alternatives) => vec![Step::Alternation(alternatives)],
            Item::Group(steps) => {
                if field.is_some() || !captures.is_empty() {
                    return self.error(start, "a field or capture on a group is not supported");
                }
                steps
            }
        };
        if let Some(first) = steps.first_mut() {
            first.set_immediate(immediate);
        }
        if let [step] = &mut steps[..] {
            step.label(field, &captures)
                .or_else(|()| self.error(start, "a field or capture on a grouped alternative"))?;
        }
        Ok(steps)
    }

    /// A `field:` prefix, if there is one.
    fn field(&mut self) -> Result<Option<NonZeroU16>, PatternError> {
        let start = self.pos;
        if !self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            return Ok(None);
        }
        let name = self.name().to_string();
        if self.peek() != Some(b':') {
            return self.error(start, format!("expected a node, found `{name}`"));
        }
        self.pos += 1;
        match self.grammar.field_id_for_name(&name) {
            Some(id) => Ok(Some(id)),
            None => self.error(start, format!("no field `{name}` in the grammar")),
        }
    }

    fn kind_id(&self, name: &str, named: bool, at: usize) -> Result<u16, PatternError> {
        let id = self.grammar.id_for_node_kind(name, named);
        if id == 0 {
            let what = if named { "node kind" } else { "anonymous node" };
            return self.error(at, format!("no {what} `{name}` in the grammar"));
        }
        if self.grammar.node_kind_is_supertype(id) {
            return self.error(at, format!("supertype `{name}` is not supported"));
        }
        Ok(id)
    }

    /// A predicate `(#name? @capture "text" …)`, if one comes next: read into the pattern's.
    fn predicate(&mut self) -> Result<bool, PatternError> {
        let start = self.pos;
        if self.next_byte() != Some(b'(') {
            return Ok(false);
        }
        self.pos += 1;
        if self.next_byte() != Some(b'#') {
            self.pos = start;
            return Ok(false);
        }
        self.pos += 1;
        let name = self.name().to_string();
        self.expect(b'@')?;
        let capture_name = self.name().to_string();
        let Some(capture) = self.captures.iter().position(|c| *c == capture_name) else {
            return self.error(
                start,
                format!("predicate on unknown capture `@{capture_name}`"),
            );
        };
        let mut values = Vec::new();
        while self.next_byte() == Some(b'"') {
            values.push(self.string()?);
        }
        self.expect(b')')?;
        let (negated, test) = match name.as_str() {
            "eq?" | "not-eq?" | "any-of?" | "not-any-of?" => {
                let one = name.ends_with("eq?");
                if one && values.len() != 1 || values.is_empty() {
                    return self.error(start, format!("#{name} takes a capture and strings"));
                }
                (name.starts_with("not-"), Test::Equals(values))
            }
            "match?" | "not-match?" => {
                let [regex] = &values[..] else {
                    return self.error(start, format!("#{name} takes a capture and a regex"));
                };
                let regex =
                    Regex::new(regex).or_else(|e| self.error(start, format!("#{name}: {e}")))?;
                (name.starts_with("not-"), Test::Matches(Box::new(regex)))
            }
            _ => return self.error(start, format!("predicate #{name} is not supported")),
        };
        self.predicates.push(Predicate {
            capture: u32::try_from(capture).unwrap_or(u32::MAX),
            negated,
            test,
        });
        Ok(true)
    }
}
