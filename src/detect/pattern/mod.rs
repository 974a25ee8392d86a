//! Tree patterns in tree-sitter's query syntax (`queries/<language>/*.scm`), matched by one walk
//! over a parsed tree.
//!
//! Tree-sitter's own query compiler analyses the grammar's whole parse table for every pattern
//! with children, so that its cursor can tell early which patterns cannot match: on the
//! benchmark tree, compiling the thirteen languages' queries took 190 ms of one core, more than a
//! tenth of the scan, once per run. A linter runs once and exits, so it cannot amortise that.
//! These patterns are resolved against the grammar's node kinds and fields only, which takes
//! microseconds, and matched directly: a walk over the tree tries, as it leaves each node, the
//! patterns whose root is of the node's kind (or a wildcard), and checks their children against
//! the node's, which the walk has gathered on its way through them. The semantics are tree-sitter's for the syntax read ([`syntax`]): a child step matches
//! a direct child (hidden nodes are transparent, as in tree-sitter's cursor), in order, skipping
//! others; an anchored step must match the next named child; a field step must have that field;
//! `(_)` matches any named node but an error; every way the children can match is a match; a
//! predicate on a capture that a match lacks holds. The test suite checks the captures against
//! tree-sitter's own query cursor on every source file of the fixtures and the example.

mod syntax;

use regex_automata::meta::Regex;
use std::num::NonZeroU16;
use std::time::Instant;
pub use syntax::PatternError;
use tree_sitter::{Language, Node, Tree, TreeCursor};

/// The patterns of one language.
pub struct Patterns {
    patterns: Vec<Pattern>,
    /// Node kind id → the patterns with a root of that kind.
    by_kind: Vec<Vec<usize>>,
    /// The patterns with a wildcard root, tried at every named node.
    any_named: Vec<usize>,
    /// Capture names, by capture index, in the order they first appear.
    captures: Vec<String>,
}

/// One pattern: its roots (several for a top-level alternation) and predicates.
struct Pattern {
    roots: Vec<Spec>,
    predicates: Vec<Predicate>,
}

/// What a node must be to match a step.
#[derive(Clone, Copy)]
enum Kind {
    Named(u16),
    Anonymous(u16),
    /// `(_)`: any named node but an error.
    AnyNamed,
}

/// A node step: its kind, field, anchor, captures and child steps.
struct Spec {
    kind: Kind,
    field: Option<NonZeroU16>,
    /// Anchored (`.` before it): it must match the next named child.
    immediate: bool,
    captures: Vec<u32>,
    children: Vec<Step>,
}

/// A child step: a node, or alternatives, each a run of sibling steps.
enum Step {
    Node(Spec),
    Alternation(Vec<Vec<Step>>),
}

/// A text predicate on one capture.
struct Predicate {
    capture: u32,
    negated: bool,
    test: Test,
}

enum Test {
    /// The text is one of these (`#eq?` takes one).
    Equals(Vec<String>),
    /// The regex finds a match in the text.
    Matches(Box<Regex>),
}

impl Spec {
    fn new(kind: Kind) -> Spec {
        Spec {
            kind,
            field: None,
            immediate: false,
            captures: Vec::new(),
            children: Vec::new(),
        }
    }

    fn admits(&self, node: Node, field: Option<NonZeroU16>) -> bool {
        let kind = match self.kind {
            Kind::Named(id) | Kind::Anonymous(id) => node.kind_id() == id,
            Kind::AnyNamed => node.is_named() && !node.is_error(),
        };
        kind && (self.field.is_none() || self.field == field)
    }
}

impl Step {
    /// Anchors the step: for alternatives, the first step of each.
    fn set_immediate(&mut self, immediate: bool) {
        match self {
            Step::Node(spec) => spec.immediate |= immediate,
            Step::Alternation(alternatives) => {
                for first in alternatives.iter_mut().filter_map(|a| a.first_mut()) {
                    first.set_immediate(immediate);
                }
            }
        }
    }

    /// Gives the step a field and captures: for alternatives, each of them, which must then be
    /// one node each.
    fn label(&mut self, field: Option<NonZeroU16>, captures: &[u32]) -> Result<(), ()> {
        match self {
            Step::Node(spec) => {
                spec.field = spec.field.or(field);
                spec.captures.extend(captures);
                Ok(())
            }
            Step::Alternation(alternatives) => {
                if field.is_none() && captures.is_empty() {
                    return Ok(());
                }
                for alternative in alternatives {
                    match &mut alternative[..] {
                        [step] => step.label(field, captures)?,
                        _ => return Err(()),
                    }
                }
                Ok(())
            }
        }
    }
}

impl Predicate {
    fn holds(&self, captured: &[(u32, Node)], text: &[u8]) -> bool {
        captured
            .iter()
            .filter(|(c, _)| *c == self.capture)
            .all(|(_, node)| {
                let node_text = text.get(node.byte_range()).unwrap_or_default();
                let found = match &self.test {
                    Test::Equals(values) => values.iter().any(|v| v.as_bytes() == node_text),
                    Test::Matches(regex) => regex.is_match(node_text),
                };
                found != self.negated
            })
    }
}

/// A child of the node being matched, with its field.
type Child<'t> = (Node<'t>, Option<NonZeroU16>);

/// What a match in progress has captured, and a cursor to list children with.
struct Matching<'t> {
    captured: Vec<(u32, Node<'t>)>,
    cursor: TreeCursor<'t>,
}

impl Patterns {
    /// Reads the patterns of `source` for `grammar`.
    pub fn new(source: &str, grammar: &Language) -> Result<Patterns, PatternError> {
        let mut captures = Vec::new();
        let patterns = syntax::read(source, grammar, &mut captures)?;
        let mut by_kind = vec![Vec::new(); grammar.node_kind_count()];
        let mut any_named = Vec::new();
        for (index, pattern) in patterns.iter().enumerate() {
            for root in &pattern.roots {
                let list = match root.kind {
                    Kind::Named(id) | Kind::Anonymous(id) => by_kind.get_mut(usize::from(id)),
                    Kind::AnyNamed => Some(&mut any_named),
                };
                if let Some(list) = list.filter(|l| l.last() != Some(&index)) {
                    list.push(index);
                }
            }
        }
        Ok(Patterns {
            patterns,
            by_kind,
            any_named,
            captures,
        })
    }

    /// The index of the capture `name`, if a pattern has it.
    pub fn capture_index(&self, name: &str) -> Option<u32> {
        let index = self.captures.iter().position(|c| c == name)?;
        u32::try_from(index).ok()
    }

    /// The capture names, by index.
    pub fn capture_names(&self) -> &[String] {
        &self.captures
    }

    /// Calls `each` with the capture index and node of every capture of every match in `tree`
    /// (whose source is `text`), the matches of a node after those of its descendants; `false` if
    /// the walk passed `deadline` and stopped.
    pub fn captures<'t>(
        &self,
        tree: &'t Tree,
        text: &[u8],
        deadline: Instant,
        mut each: impl FnMut(u32, Node<'t>),
    ) -> bool {
        let mut walk = tree.walk();
        let mut matching = Matching {
            captured: Vec::new(),
            cursor: tree.walk(),
        };
        // The children of the nodes on the walk's path, at their depth, gathered as the walk
        // visits them: a node's patterns are tried when the walk leaves it, with its children
        // at hand, not listed by a second walk.
        let mut children: Vec<Vec<Child<'t>>> = vec![Vec::new()];
        let mut depth = 0;
        let mut visited = 0u32;
        loop {
            visited = visited.wrapping_add(1);
            if visited.is_multiple_of(1024) && Instant::now() >= deadline {
                return false;
            }
            if walk.goto_first_child() {
                depth += 1;
                if children.len() == depth {
                    children.push(Vec::new());
                }
                children[depth].clear();
                children[depth - 1].push((walk.node(), walk.field_id()));
                continue;
            }
            loop {
                let node = walk.node();
                self.try_at(node, &children[depth], &mut matching, text, &mut each);
                if walk.goto_next_sibling() {
                    children[depth].clear();
                    children[depth - 1].push((walk.node(), walk.field_id()));
                    break;
                }
                if !walk.goto_parent() {
                    return true;
                }
                depth -= 1;
            }
        }
    }

    /// Tries the patterns rooted at `node`'s kind, or at any named node, at `node`.
    fn try_at<'t>(
        &self,
        node: Node<'t>,
        children: &[Child<'t>],
        matching: &mut Matching<'t>,
        text: &[u8],
        each: &mut impl FnMut(u32, Node<'t>),
    ) {
        let rooted = self.by_kind.get(usize::from(node.kind_id()));
        let wildcard = match &self.any_named[..] {
            [] => &[],
            any if node.is_named() && !node.is_error() => any,
            _ => &[],
        };
        for &index in rooted.into_iter().flatten().chain(wildcard) {
            let pattern = &self.patterns[index];
            for root in pattern.roots.iter().filter(|r| r.admits(node, None)) {
                matching.spec_with(root, node, children, &mut |m| {
                    if pattern
                        .predicates
                        .iter()
                        .all(|p| p.holds(&m.captured, text))
                    {
                        for &(capture, node) in &m.captured {
                            each(capture, node);
                        }
                    }
                });
            }
        }
    }
}

impl<'t> Matching<'t> {
    /// Matches `spec` at `node`, which it admits, calling `done` for every way its children
    /// match.
    fn spec(&mut self, spec: &Spec, node: Node<'t>, done: &mut dyn FnMut(&mut Matching<'t>)) {
        let children = if spec.children.is_empty() {
            Vec::new()
        } else {
            self.children(node)
        };
        self.spec_with(spec, node, &children, done);
    }

    /// [`Matching::spec`] with the node's children at hand.
    fn spec_with(
        &mut self,
        spec: &Spec,
        node: Node<'t>,
        children: &[Child<'t>],
        done: &mut dyn FnMut(&mut Matching<'t>),
    ) {
        let mark = self.captured.len();
        self.captured
            .extend(spec.captures.iter().map(|&c| (c, node)));
        if spec.children.is_empty() {
            done(self);
        } else {
            self.steps(&spec.children, children, 0, &mut |m, _| done(m));
        }
        self.captured.truncate(mark);
    }

    fn children(&mut self, node: Node<'t>) -> Vec<Child<'t>> {
        let mut children = Vec::new();
        self.cursor.reset(node);
        if self.cursor.goto_first_child() {
            loop {
                children.push((self.cursor.node(), self.cursor.field_id()));
                if !self.cursor.goto_next_sibling() {
                    break;
                }
            }
        }
        children
    }

    /// Matches `steps` against `children` from index `from`, calling `done` with the index
    /// after the last child matched, for every way they match.
    fn steps(
        &mut self,
        steps: &[Step],
        children: &[Child<'t>],
        from: usize,
        done: &mut dyn FnMut(&mut Matching<'t>, usize),
    ) {
        let Some((step, rest)) = steps.split_first() else {
            return done(self, from);
        };
        match step {
            Step::Node(spec) => {
                for (at, &(child, field)) in children.iter().enumerate().skip(from) {
                    if spec.admits(child, field) {
                        self.spec(spec, child, &mut |m| {
                            m.steps(rest, children, at + 1, done);
                        });
                    }
                    // An anchored step stops at the first named child; anonymous ones before it
                    // are passed over.
                    if spec.immediate && child.is_named() {
                        break;
                    }
                }
            }
            Step::Alternation(alternatives) => {
                for alternative in alternatives {
                    self.steps(alternative, children, from, &mut |m, next| {
                        m.steps(rest, children, next, done);
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
