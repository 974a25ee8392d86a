//! Rule evaluation over the inventory: which obligations apply to each product, and which of them
//! the product's disclosures leave unmet.

pub mod rule;

use crate::config::{Config, Product};
use crate::knowledge::Knowledge;
use crate::model::{
    Component, Diagnostic, Disclosure, Evidence, Lang, Location, Related, Severity,
};
use crate::scan::Inventory;
use rule::{DisclosureRequirement, LanguageSelector, Rule};
use std::collections::BTreeSet;

/// How many other pieces of evidence a diagnostic lists before "and N more".
const MAX_RELATED_EVIDENCE: usize = 5;

/// Evaluates every enabled rule against the inventory; diagnostics sorted by path, line, rule.
pub fn evaluate(knowledge: &Knowledge, config: &Config, inventory: &Inventory) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in &knowledge.rules {
        if !config.jurisdictions.iter().any(|j| j == rule.pack()) {
            continue;
        }
        let Some(severity) = config.severity_of(&rule.id, rule.severity) else {
            continue;
        };
        for (i, product) in config.products.iter().enumerate() {
            let scope = ProductScope { config, index: i };
            if let Some(d) = evaluate_product(rule, severity, product, &scope, config, inventory) {
                out.push(d);
            }
        }
    }
    out.sort_by(|a, b| (&a.location, &a.rule).cmp(&(&b.location, &b.rule)));
    out
}

/// Which facts belong to one product.
struct ProductScope<'a> {
    config: &'a Config,
    index: usize,
}

impl ProductScope<'_> {
    fn owns(&self, path: &str) -> bool {
        self.config.product_of(path) == Some(self.index)
    }
}

fn evaluate_product(
    rule: &Rule,
    severity: Severity,
    product: &Product,
    scope: &ProductScope,
    config: &Config,
    inventory: &Inventory,
) -> Option<Diagnostic> {
    if let Some(kinds) = &rule.when.product_kinds
        && !kinds.contains(&product.kind)
    {
        return None;
    }
    // The triggering components and their evidence inside this product.
    let trigger = rule.when.components.as_ref()?;
    let components: Vec<(&Component, Vec<&Evidence>)> = inventory
        .components
        .iter()
        .filter(|c| trigger.kinds.matches(c.kind))
        .map(|c| {
            (
                c,
                c.evidence
                    .iter()
                    .filter(|e| scope.owns(&e.location.path))
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, ev)| !ev.is_empty())
        .collect();
    if components.is_empty() {
        return None;
    }
    let requirement = rule.require.disclosure.as_ref()?;
    let disclosures: Vec<&Disclosure> = inventory
        .disclosures
        .iter()
        .filter(|d| scope.owns(&d.path) && requirement.channels.contains(&d.channel))
        .collect();
    let languages = required_languages(requirement, config);
    let missing: Vec<Lang> = languages
        .iter()
        .copied()
        .filter(|lang| {
            !disclosures
                .iter()
                .any(|d| d.language == *lang && satisfies(d, requirement))
        })
        .collect();
    if missing.is_empty() {
        return None;
    }
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
        })?;
    let mut related = partial_disclosures(requirement, &disclosures, &languages, &missing);
    related.extend(other_evidence(&components, anchor_component));
    let names = component_list(&components);
    let missing_list = missing
        .iter()
        .map(|l| l.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let message = rule
        .message
        .replace("{components}", &names)
        .replace("{missing}", &missing_list);
    let line_text = inventory
        .sources
        .get(&anchor.location.path)
        .map(|s| {
            crate::text::LineIndex::new(s)
                .line_text(anchor.location.line)
                .to_string()
        })
        .unwrap_or_default();
    let loc = anchor.location.clone();
    Some(Diagnostic {
        rule: rule.id.clone(),
        severity,
        message,
        path: loc.path.clone(),
        line: loc.line,
        column: loc.column,
        end_line: loc.end_line,
        end_column: loc.end_column,
        help: rule.help.trim().to_string(),
        citations: vec![rule.citation.short.clone()],
        fingerprint: fingerprint(&[
            &rule.id,
            &product.name,
            &loc.path,
            anchor_component.name.as_str(),
            &line_text,
        ]),
        related,
        location: loc,
        label: format!(
            "{} ({}) used here",
            anchor_component.name, anchor_component.kind
        ),
    })
}

fn required_languages(requirement: &DisclosureRequirement, config: &Config) -> Vec<Lang> {
    match &requirement.languages {
        LanguageSelector::Required(_) => config.languages.clone(),
        LanguageSelector::List(langs) => langs.clone(),
    }
}

fn satisfies(d: &Disclosure, requirement: &DisclosureRequirement) -> bool {
    requirement.concepts.iter().all(|c| d.concepts.contains(c))
}

/// For each missing language, the passage that comes closest; and where another language is
/// complete, that passage, as the text to translate.
fn partial_disclosures(
    requirement: &DisclosureRequirement,
    disclosures: &[&Disclosure],
    languages: &[Lang],
    missing: &[Lang],
) -> Vec<Related> {
    let mut out = Vec::new();
    for lang in missing {
        let best = disclosures
            .iter()
            .filter(|d| d.language == *lang)
            .max_by_key(|d| {
                (
                    requirement
                        .concepts
                        .iter()
                        .filter(|c| d.concepts.contains(c))
                        .count(),
                    std::cmp::Reverse(&d.location),
                )
            });
        if let Some(d) = best {
            let found: Vec<&str> = requirement
                .concepts
                .iter()
                .filter(|c| d.concepts.contains(c))
                .map(|c| c.as_str())
                .collect();
            if found.is_empty() {
                continue;
            }
            let absent: Vec<&str> = requirement
                .concepts
                .iter()
                .filter(|c| !d.concepts.contains(c))
                .map(|c| c.as_str())
                .collect();
            out.push(Related {
                location: first_line(d),
                message: format!(
                    "{lang}: {} found here, {} missing",
                    found.join(", "),
                    absent.join(", ")
                ),
            });
        }
    }
    for lang in languages.iter().filter(|l| !missing.contains(l)) {
        if let Some(d) = disclosures
            .iter()
            .find(|d| d.language == *lang && satisfies(d, requirement))
        {
            let to: Vec<&str> = missing.iter().map(|l| l.as_str()).collect();
            out.push(Related {
                location: first_line(d),
                message: format!(
                    "complete in {lang} here; translate it into {}",
                    to.join(", ")
                ),
            });
        }
    }
    out
}

/// The first line of a passage (its heading, for a section), as a compact label position.
fn first_line(d: &Disclosure) -> Location {
    d.head.clone()
}

/// The first evidence of each other component, capped.
fn other_evidence(components: &[(&Component, Vec<&Evidence>)], anchor: &Component) -> Vec<Related> {
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
    let total = firsts.len();
    let mut out: Vec<Related> = firsts
        .into_iter()
        .take(MAX_RELATED_EVIDENCE)
        .map(|(c, e)| Related {
            location: e.location.clone(),
            message: format!("{} ({}) also used here", c.name, c.kind),
        })
        .collect();
    if total > MAX_RELATED_EVIDENCE
        && let Some(last) = out.last_mut()
    {
        last.message
            .push_str(&format!(" (and {} more)", total - MAX_RELATED_EVIDENCE));
    }
    out
}

fn component_list(components: &[(&Component, Vec<&Evidence>)]) -> String {
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

/// A stable fingerprint (FNV-1a, 64 bits) of the parts, independent of line numbers.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        let normalised: String = part.split_whitespace().collect::<Vec<_>>().join(" ");
        for byte in normalised.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
