//! The rule model: one obligation per YAML file in `rules/<pack>/`, composed of predicates the
//! engine evaluates over the inventory.

use crate::facts::FactKind;
use crate::knowledge::{self, KnowledgeError};
use crate::model::{Channel, ComponentKind, Concept, Lang, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Rule packs, one directory each under `rules/`.
pub const PACKS: [&str; 1] = ["kz"];

/// How reliable a quoted legal text is.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum TextStatus {
    /// The official text of the law.
    Official,
    /// A working rendering; must be shown as such until checked against the official text.
    Inferred,
    /// An unofficial translation.
    Translation,
}

impl TextStatus {
    pub fn label(self) -> &'static str {
        match self {
            TextStatus::Official => "official text",
            TextStatus::Inferred => "[inferred] working rendering, not the official text",
            TextStatus::Translation => "unofficial translation",
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalText {
    pub status: TextStatus,
    pub text: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Citation {
    pub law: String,
    pub article: String,
    #[serde(default)]
    pub amended_by: Option<String>,
    /// The one-line form used in reports: "Law of RK On Consumer Protection, Art. 27 p.6".
    pub short: String,
    pub text: BTreeMap<Lang, LegalText>,
}

/// Which component kinds make a rule apply.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum KindSelector {
    /// `any`
    Any(AnyKeyword),
    Kinds(Vec<ComponentKind>),
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnyKeyword {
    Any,
}

impl KindSelector {
    pub fn matches(&self, kind: ComponentKind) -> bool {
        match self {
            KindSelector::Any(_) => true,
            KindSelector::Kinds(kinds) => kinds.contains(&kind),
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComponentTrigger {
    pub kinds: KindSelector,
}

/// Disclosures that make a rule apply (a passage on one of the channels, in any language).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureTrigger {
    pub channels: Vec<Channel>,
}

/// The facts that make a rule apply; every condition given must hold.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct When {
    #[serde(default)]
    pub components: Option<ComponentTrigger>,
    /// Only for products of these kinds (config `products[].kind`); default: every product.
    #[serde(default)]
    pub product_kinds: Option<Vec<crate::config::ProductKind>>,
    /// Interpreted code facts (`src/facts`) that must all be present in the product.
    #[serde(default)]
    pub facts: Option<Vec<FactKind>>,
    #[serde(default)]
    pub disclosures: Option<DisclosureTrigger>,
    /// Alternatives: the rule applies when one of them holds (with the conditions above).
    #[serde(default)]
    pub any_of: Vec<When>,
}

impl When {
    /// Whether the conditions name any fact at all.
    fn names_a_fact(&self) -> bool {
        self.components.is_some()
            || self.product_kinds.is_some()
            || self.facts.is_some()
            || self.disclosures.is_some()
            || (!self.any_of.is_empty() && self.any_of.iter().all(When::names_a_fact))
    }

    /// Every fact kind the conditions name.
    pub fn fact_kinds(&self) -> Vec<FactKind> {
        let mut out: Vec<FactKind> = self.facts.clone().unwrap_or_default();
        for alt in &self.any_of {
            out.extend(alt.fact_kinds());
        }
        out
    }
}

/// Which languages a requirement must be met in.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum LanguageSelector {
    /// `required`: the config's `languages` (default kk and ru); `any`: one language is enough.
    Keyword(LanguageKeyword),
    List(Vec<Lang>),
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LanguageKeyword {
    Required,
    Any,
}

/// A disclosure that must exist: concepts together in one passage, on one of the channels.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureRequirement {
    pub concepts: Vec<Concept>,
    pub channels: Vec<Channel>,
    pub languages: LanguageSelector,
}

/// A code fact that must exist in the product (an objection route, a consent flow).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeRequirement {
    pub fact: FactKind,
    /// What to add, for the message: "a route, form or handler for objections".
    pub describe: String,
}

/// A passage with `concept` (on the disclosure requirement's channels and languages) must state
/// a time limit of at most `max-working-days`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DeadlineRequirement {
    pub concept: Concept,
    pub max_working_days: u32,
}

/// A passage with `concept` (on the disclosure requirement's channels and languages) must state
/// a term.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermRequirement {
    pub concept: Concept,
}

/// Code-level: every `fact` site needs a `needs` fact in the same function (or the same file
/// when the site is at module level). One diagnostic per site.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NearRequirement {
    pub fact: FactKind,
    pub needs: FactKind,
}

/// The passages on `channels` must say the same in every language of `languages`, really in
/// that language and not as a copy.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParityRequirement {
    pub languages: LanguageSelector,
    pub channels: Vec<Channel>,
}

/// The evidence that satisfies a rule; every predicate given must hold.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Require {
    #[serde(default)]
    pub disclosure: Option<DisclosureRequirement>,
    #[serde(default)]
    pub code: Option<CodeRequirement>,
    #[serde(default)]
    pub deadline: Option<DeadlineRequirement>,
    #[serde(default)]
    pub term: Option<TermRequirement>,
    #[serde(default)]
    pub near: Option<NearRequirement>,
    #[serde(default)]
    pub parity: Option<ParityRequirement>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    pub kk: String,
    pub ru: String,
    #[serde(default)]
    pub en: Option<String>,
}

/// An obligation, as data.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub citation: Citation,
    pub when: When,
    pub require: Require,
    /// The diagnostic's message; `{components}` and `{missing}` are filled in.
    pub message: String,
    /// What to write and where.
    pub help: String,
    /// What the tool checks, in a sentence or two.
    pub checks: String,
    /// What the tool cannot decide.
    pub human_judgement: String,
    pub examples: Examples,
    #[serde(default)]
    pub tags: Vec<String>,
}

impl Rule {
    /// The pack of a rule: the first part of its id (`kz`).
    pub fn pack(&self) -> &str {
        self.id.split('.').next().unwrap_or("")
    }

    /// What is wrong with the rule's predicates, if anything.
    fn problem(&self) -> Option<String> {
        let r = &self.require;
        if !self.when.names_a_fact() {
            return Some("`when` names no fact that makes the rule apply".into());
        }
        if r.disclosure.is_none() && r.code.is_none() && r.near.is_none() && r.parity.is_none() {
            return Some("`require` names no evidence that satisfies the rule".into());
        }
        if (r.deadline.is_some() || r.term.is_some()) && r.disclosure.is_none() {
            return Some("`deadline` and `term` read the passages `disclosure` names".into());
        }
        if let Some(near) = &r.near
            && !self.when.fact_kinds().contains(&near.fact)
        {
            return Some(format!(
                "`near` checks `{}` sites, which `when.facts` must name",
                near.fact
            ));
        }
        None
    }

    /// Loads every rule of every pack, checking ids against file locations and uniqueness.
    pub fn load_all() -> Result<Vec<Rule>, KnowledgeError> {
        let mut rules: Vec<Rule> = Vec::new();
        for pack in PACKS {
            for file in knowledge::rule_files(pack) {
                let rule: Rule = knowledge::parse_yaml(&file)?;
                let invalid = |message: String| KnowledgeError::Invalid {
                    file: file.path.clone(),
                    message,
                };
                if rule.pack() != pack {
                    return Err(invalid(format!(
                        "rule `{}` is not in the `{pack}` pack",
                        rule.id
                    )));
                }
                if rules.iter().any(|r| r.id == rule.id) {
                    return Err(invalid(format!("rule `{}` is defined twice", rule.id)));
                }
                if let Some(message) = rule.problem() {
                    return Err(invalid(message));
                }
                rules.push(rule);
            }
        }
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(rules)
    }
}
