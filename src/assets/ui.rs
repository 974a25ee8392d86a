//! User-facing strings in UI code and the translation keys UI code references, from the code
//! queries' `@fact.ui.text` and `@fact.ui.key` captures (`queries/<language>/ui.scm`):
//! - `ui.text`: JSX text, SwiftUI `Text("…")`, Compose `Text("…")`; the strings of one component
//!   (enclosing function) form a passage on the `ui` channel;
//! - `ui.key`: `t('ai.disclaimer')`, `R.string.ai_disclaimer`, `NSLocalizedString("…")`,
//!   `@string/…` in Android layouts, `{{ $t('…') }}` in templates.
//!
//! A UI string-table passage is reachable when one of its keys is referenced.

use super::{Extracted, Segment, analyze, lexicon::Lexicon};
use crate::model::{Channel, CodeFact, Disclosure, Location};

/// The fact name of a user-facing string literal in UI code.
pub const TEXT_FACT: &str = "ui.text";
/// The fact name of a translation-key reference.
pub const KEY_FACT: &str = "ui.key";

/// A captured string without its quotes (`"…"`, `'…'`, `` `…` ``) and `R.string.` prefix.
fn unquote(raw: &str) -> &str {
    let t = raw.trim();
    let t = t.strip_prefix("R.string.").unwrap_or(t);
    for q in ['"', '\'', '`'] {
        if let Some(inner) = t.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner;
        }
    }
    t
}

/// The translation key a reference names: quotes and an i18next namespace (`common:`) removed.
pub fn key_of(fact: &CodeFact) -> Option<&str> {
    let key = unquote(&fact.text);
    let key = match key.split_once(':') {
        Some((ns, rest)) if !ns.contains(char::is_whitespace) && !rest.is_empty() => rest,
        _ => key,
    };
    (!key.is_empty()).then_some(key)
}

/// The disclosures in the UI strings of one source file: the strings of each enclosing function
/// (a component, a screen) form one passage.
pub fn disclosures(
    path: &str,
    source: &str,
    facts: &[CodeFact],
    lexicon: &Lexicon,
) -> Vec<Disclosure> {
    let mut segments = Vec::new();
    let mut index = None;
    for f in facts.iter().filter(|f| f.name == TEXT_FACT) {
        let raw = unquote(&f.text);
        let value: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if value.is_empty() {
            continue;
        }
        let start = f.location.start_byte;
        let mut seg = Segment::aligned(&value, source, start, f.location.end_byte);
        let (from, _) = f.scope.unwrap_or((0, source.len()));
        let index = index.get_or_insert_with(|| crate::text::LineIndex::new(source));
        seg.scope = vec![format!("{}", index.position(from).0)];
        segments.push(seg);
    }
    segments.sort_by_key(|s| s.start);
    let extracted = Extracted {
        segments,
        ..Extracted::default()
    };
    let mut found = analyze(path, source, &extracted, Channel::Ui, lexicon).disclosures;
    for d in &mut found {
        d.scope.clear();
    }
    found
}

/// The literals a source file must contain to be parsed for references to the keys of the UI
/// string-table disclosures: each key of a disclosing passage (a gettext source string without
/// its context). A reference to a parent object alone (`t('ai')` for `ai.disclaimer`) is seen
/// only in a file parsed for another reason: the parent's name is too common a literal.
pub fn key_literals<'a>(disclosures: impl Iterator<Item = &'a Disclosure>) -> Vec<String> {
    let mut out: Vec<String> = disclosures
        .filter(|d| d.channel == Channel::Ui)
        .flat_map(|d| &d.keys)
        .map(|key| key.rsplit('\u{4}').next().unwrap_or(key).to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Marks each UI string-table disclosure reachable or not, with the locations that reference
/// its keys. Left undecided (`None`) when no source file references translation keys at all
/// (`references_keys`: no UI code using a string table).
pub fn annotate_reachability(
    disclosures: &mut [Disclosure],
    facts: &[CodeFact],
    references_keys: bool,
) {
    let refs: Vec<(&str, &Location)> = facts
        .iter()
        .filter(|f| f.name == KEY_FACT || f.name == TEXT_FACT)
        .filter_map(|f| key_of(f).map(|k| (k, &f.location)))
        .collect();
    if !references_keys && !facts.iter().any(|f| f.name == KEY_FACT) {
        return;
    }
    for d in disclosures
        .iter_mut()
        .filter(|d| d.channel == Channel::Ui && !d.keys.is_empty())
    {
        let mut locations: Vec<Location> = refs
            .iter()
            .filter(|(r, _)| d.keys.iter().any(|k| references(r, k)))
            .map(|(_, l)| (*l).clone())
            .collect();
        locations.sort();
        locations.dedup();
        d.reachable = Some(!locations.is_empty());
        d.references = locations;
    }
}

/// Whether reference `r` names key `k`: the key itself, a parent object of it (`t('ai')` for
/// `ai.disclaimer`), or a gettext source string (`k` is `context\u{4}msgid`).
fn references(r: &str, k: &str) -> bool {
    let k = k.rsplit('\u{4}').next().unwrap_or(k);
    k == r || (k.len() > r.len() && k.starts_with(r) && k.as_bytes()[r.len()] == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_references() {
        let fact = |t: &str| CodeFact {
            name: KEY_FACT.into(),
            text: t.into(),
            location: Location::default(),
            scope: None,
        };
        assert_eq!(key_of(&fact("'ai.disclaimer'")), Some("ai.disclaimer"));
        assert_eq!(key_of(&fact("\"common:ai.notice\"")), Some("ai.notice"));
        assert_eq!(key_of(&fact("R.string.ai_notice")), Some("ai_notice"));
        assert!(references("ai", "ai.disclaimer.body"));
        assert!(!references("ai.dis", "ai.disclaimer"));
        assert!(references(
            "Answers are generated by AI",
            "chat\u{4}Answers are generated by AI"
        ));
    }
}
