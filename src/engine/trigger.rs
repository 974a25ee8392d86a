//! `when`: whether a rule applies to a product, and the evidence a diagnostic is anchored at —
//! the most characteristic component evidence (the call that reveals the purpose, else the
//! import, else the manifest entry), else the most certain code fact, else a disclosure.

use super::rule::When;
use super::{ProductView, cap};
use crate::facts::Fact;
use crate::model::{Component, Evidence, Location, Related};
use std::collections::BTreeSet;

/// Why a rule applies to a product.
pub struct Trigger {
    pub anchor: Location,
    /// The primary label of the diagnostic.
    pub label: String,
    /// A line-independent key of the anchor, for the fingerprint.
    pub key: String,
    pub related: Vec<Related>,
    /// `{components}`: the triggering components, "openai (llm), diffusers (generative-image)".
    pub components: String,
    /// `{facts}`: what the anchoring fact is.
    pub facts: String,
}

/// The trigger of `when` in the product, if the rule applies.
pub fn find(when: &When, view: &ProductView) -> Option<Trigger> {
    if let Some(kinds) = &when.product_kinds
        && !kinds.contains(&view.product.kind)
    {
        return None;
    }
    let components = match &when.components {
        Some(trigger) => {
            let found = components(view, |c| trigger.kinds.matches(c.kind));
            if found.is_empty() {
                return None;
            }
            found
        }
        None => Vec::new(),
    };
    let mut facts: Vec<&Fact> = Vec::new();
    for kind in when.facts.iter().flatten() {
        let mut of_kind: Vec<&Fact> = view.facts_of(*kind).collect();
        if of_kind.is_empty() {
            return None;
        }
        // Most certain first, then by location.
        of_kind.sort_by(|a, b| (b.confidence, &a.location).cmp(&(a.confidence, &b.location)));
        facts.extend(of_kind);
    }
    let disclosure = match &when.disclosures {
        Some(d) => Some(
            *view
                .disclosures
                .iter()
                .find(|x| d.channels.contains(&x.channel))?,
        ),
        None => None,
    };
    let alternative = if when.any_of.is_empty() {
        None
    } else {
        Some(when.any_of.iter().find_map(|alt| find(alt, view))?)
    };
    if !components.is_empty() {
        return Some(from_components(&components, &facts));
    }
    if let Some(first) = facts.first() {
        return Some(from_facts(first, &facts));
    }
    if let Some(alt) = alternative {
        return Some(alt);
    }
    let d = disclosure?;
    Some(Trigger {
        anchor: d.head.clone(),
        label: format!("{} passage in {}", d.channel.as_str(), d.language),
        key: d.scope.clone(),
        related: Vec::new(),
        components: String::new(),
        facts: String::new(),
    })
}

type Found<'a> = Vec<(&'a Component, Vec<&'a Evidence>)>;

/// The product's components that match, with their evidence inside the product.
fn components<'a>(view: &ProductView<'a>, matches: impl Fn(&Component) -> bool) -> Found<'a> {
    view.inventory
        .components
        .iter()
        .filter(|c| matches(c))
        .map(|c| {
            let ev: Vec<&Evidence> = c
                .evidence
                .iter()
                .filter(|e| view.owns(&e.location.path))
                .collect();
            (c, ev)
        })
        .filter(|(_, ev)| !ev.is_empty())
        .collect()
}

fn from_components(components: &Found, facts: &[&Fact]) -> Trigger {
    let (anchor_component, anchor) = components
        .iter()
        .flat_map(|(c, ev)| ev.iter().map(move |e| (*c, *e)))
        .min_by(|(ca, ea), (cb, eb)| {
            (
                ea.detector.anchor_rank(),
                std::cmp::Reverse(ca.kind.specificity()),
                &ea.location,
            )
                .cmp(&(
                    eb.detector.anchor_rank(),
                    std::cmp::Reverse(cb.kind.specificity()),
                    &eb.location,
                ))
        })
        .expect("components are non-empty");
    let mut related = other_evidence(components, anchor_component);
    related.extend(fact_related(facts, None));
    Trigger {
        anchor: anchor.location.clone(),
        label: format!(
            "{} ({}) used here",
            anchor_component.name, anchor_component.kind
        ),
        key: anchor_component.name.clone(),
        related: cap(related),
        components: component_list(components),
        facts: facts.first().map(|f| f.detail.clone()).unwrap_or_default(),
    }
}

fn from_facts(first: &Fact, facts: &[&Fact]) -> Trigger {
    let mut related = first.related.clone();
    related.extend(cap(fact_related(facts, Some(first))));
    Trigger {
        anchor: first.location.clone(),
        label: format!("{} here", first.kind),
        key: first.detail.clone(),
        related,
        components: String::new(),
        facts: first.detail.clone(),
    }
}

/// The other triggering facts, as related locations.
fn fact_related(facts: &[&Fact], except: Option<&Fact>) -> Vec<Related> {
    facts
        .iter()
        .filter(|f| except.is_none_or(|e| e.location != f.location || e.kind != f.kind))
        .map(|f| Related {
            location: f.location.clone(),
            message: format!("{}: {}", f.kind, f.detail),
        })
        .collect()
}

/// The first evidence of each other component.
fn other_evidence(components: &Found, anchor: &Component) -> Vec<Related> {
    let mut firsts: Vec<(&Component, &Evidence)> = components
        .iter()
        .filter(|(c, _)| *c != anchor)
        .filter_map(|(c, ev)| {
            ev.iter()
                .min_by_key(|e| (e.detector.anchor_rank(), &e.location))
                .map(|e| (*c, *e))
        })
        .collect();
    firsts.sort_by(|a, b| a.1.location.cmp(&b.1.location));
    firsts
        .into_iter()
        .map(|(c, e)| Related {
            location: e.location.clone(),
            message: format!("{} ({}) also used here", c.name, c.kind),
        })
        .collect()
}

fn component_list(components: &Found) -> String {
    let names: BTreeSet<String> = components
        .iter()
        .map(|(c, _)| format!("{} ({})", c.name, c.kind))
        .collect();
    let mut list: Vec<String> = names.iter().take(3).cloned().collect();
    if names.len() > 3 {
        list.push(format!("and {} more", names.len() - 3));
    }
    list.join(", ")
}
