//! Rule evaluation over the inventory: which obligations apply to each product (`when`), and
//! which of them the product's disclosures and code leave unmet (`require`).
//!
//! Project-level obligations give one diagnostic per product and rule, anchored at the most
//! characteristic evidence; code-level ones (`require.near`) one per unmet site.

mod require;
pub mod rule;
mod trigger;

use crate::config::{Config, Product};
use crate::facts::{self, Fact};
use crate::knowledge::Knowledge;
use crate::model::{Diagnostic, Disclosure, Location, Related, Severity};
use crate::scan::Inventory;
use rule::Rule;
use trigger::Trigger;

/// How many other pieces of evidence a diagnostic lists before "and N more".
const MAX_RELATED_EVIDENCE: usize = 5;

/// Everything one product owns: its disclosures and interpreted facts.
struct ProductView<'a> {
    index: usize,
    product: &'a Product,
    config: &'a Config,
    inventory: &'a Inventory,
    knowledge: &'a Knowledge,
    disclosures: Vec<&'a Disclosure>,
    facts: Vec<&'a Fact>,
}

impl ProductView<'_> {
    fn owns(&self, path: &str) -> bool {
        self.config.product_of(path) == Some(self.index)
    }

    fn facts_of(&self, kind: facts::FactKind) -> impl Iterator<Item = &Fact> {
        self.facts.iter().copied().filter(move |f| f.kind == kind)
    }
}

/// Evaluates every enabled rule against the inventory; diagnostics sorted by path, line, rule.
pub fn evaluate(knowledge: &Knowledge, config: &Config, inventory: &Inventory) -> Vec<Diagnostic> {
    let all_facts = facts::interpret(inventory, &knowledge.facts);
    let views: Vec<ProductView> = config
        .products
        .iter()
        .enumerate()
        .map(|(index, product)| {
            let owns = |p: &str| config.product_of(p) == Some(index);
            ProductView {
                index,
                product,
                config,
                inventory,
                knowledge,
                disclosures: inventory
                    .disclosures
                    .iter()
                    .filter(|d| owns(&d.path))
                    .collect(),
                facts: all_facts
                    .iter()
                    .filter(|f| owns(&f.location.path))
                    .collect(),
            }
        })
        .collect();
    let mut out = Vec::new();
    for rule in &knowledge.rules {
        if !config.jurisdictions.iter().any(|j| j == rule.pack()) {
            continue;
        }
        let Some(severity) = config.severity_of(&rule.id, rule.severity) else {
            continue;
        };
        for view in &views {
            let Some(trigger) = trigger::find(&rule.when, view) else {
                continue;
            };
            if let Some(near) = &rule.require.near {
                for (site, related) in require::unmet_sites(near, view) {
                    out.push(site_diagnostic(rule, severity, view, site, related));
                }
                continue;
            }
            let unmet = require::unmet(rule, view);
            if !unmet.is_empty() {
                out.push(project_diagnostic(rule, severity, view, trigger, unmet));
            }
        }
    }
    out.sort_by(|a, b| (&a.location, &a.rule).cmp(&(&b.location, &b.rule)));
    out
}

/// The text of a line of a scanned file, for fingerprints that survive line shifts.
fn line_text(inventory: &Inventory, location: &Location) -> String {
    inventory
        .sources
        .get(&location.path)
        .map(|s| {
            crate::text::LineIndex::new(s)
                .line_text(location.line)
                .to_string()
        })
        .unwrap_or_default()
}

/// Where a diagnostic points: the span, its label, and a line-independent key of what is there.
struct Anchor {
    location: Location,
    label: String,
    key: String,
}

fn diagnostic(
    rule: &Rule,
    severity: Severity,
    view: &ProductView,
    anchor: Anchor,
    message: String,
    related: Vec<Related>,
) -> Diagnostic {
    let Anchor {
        location,
        label,
        key,
    } = anchor;
    let text = line_text(view.inventory, &location);
    Diagnostic {
        rule: rule.id.clone(),
        severity,
        message,
        path: location.path.clone(),
        line: location.line,
        column: location.column,
        end_line: location.end_line,
        end_column: location.end_column,
        help: rule.help.trim().to_string(),
        citations: vec![rule.citation.short.clone()],
        fingerprint: fingerprint(&[&rule.id, &view.product.name, &location.path, &key, &text]),
        related,
        location,
        label,
    }
}

/// One diagnostic for the product, at the trigger's anchor, listing what is unmet.
fn project_diagnostic(
    rule: &Rule,
    severity: Severity,
    view: &ProductView,
    trigger: Trigger,
    unmet: Vec<require::Unmet>,
) -> Diagnostic {
    let missing = unmet
        .iter()
        .find_map(|u| u.languages.as_ref())
        .map(|langs| {
            langs
                .iter()
                .map(|l| l.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let unmet_text = unmet
        .iter()
        .map(|u| u.text.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let message = rule
        .message
        .replace("{components}", &trigger.components)
        .replace("{facts}", &trigger.facts)
        .replace("{missing}", &missing)
        .replace("{unmet}", &unmet_text);
    // A gap with a site of its own (a passage that is not a genuine translation) is anchored
    // there; the triggering evidence becomes related.
    let (location, label) = match unmet.iter().find_map(|u| u.site.clone()) {
        Some(site) => site,
        None => (trigger.anchor.clone(), trigger.label.clone()),
    };
    let mut related: Vec<Related> = unmet.into_iter().flat_map(|u| u.related).collect();
    if location != trigger.anchor {
        related.push(Related {
            location: trigger.anchor.clone(),
            message: trigger.label.clone(),
        });
    }
    related.extend(trigger.related);
    related.retain(|r| r.location != location);
    diagnostic(
        rule,
        severity,
        view,
        Anchor {
            location,
            label,
            key: trigger.key,
        },
        message.trim().to_string(),
        related,
    )
}

/// One diagnostic for an unmet code-level site.
fn site_diagnostic(
    rule: &Rule,
    severity: Severity,
    view: &ProductView,
    site: &Fact,
    related: Vec<Related>,
) -> Diagnostic {
    let message = rule
        .message
        .replace("{facts}", &site.detail)
        .replace("{components}", "")
        .replace("{missing}", "")
        .replace("{unmet}", "");
    diagnostic(
        rule,
        severity,
        view,
        Anchor {
            location: site.location.clone(),
            label: format!("{} here", site.kind),
            key: site.detail.clone(),
        },
        message.trim().to_string(),
        related,
    )
}

/// Appends "and N more" to the last of a capped list of related locations.
fn cap(mut related: Vec<Related>) -> Vec<Related> {
    let total = related.len();
    related.truncate(MAX_RELATED_EVIDENCE);
    if total > MAX_RELATED_EVIDENCE
        && let Some(last) = related.last_mut()
    {
        last.message
            .push_str(&format!(" (and {} more)", total - MAX_RELATED_EVIDENCE));
    }
    related
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
