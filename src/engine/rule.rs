//! The rule model: one obligation per YAML file in `rules/<pack>/`, composed of predicates the
//! engine evaluates over the inventory.

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

/// The facts that make a rule apply.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct When {
    #[serde(default)]
    pub components: Option<ComponentTrigger>,
    /// Only for products of these kinds (config `products[].kind`); default: every product.
    #[serde(default)]
    pub product_kinds: Option<Vec<crate::config::ProductKind>>,
}

/// Which languages a requirement must be met in.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum LanguageSelector {
    /// `required`: the config's `languages` (default kk and ru).
    Required(RequiredKeyword),
    List(Vec<Lang>),
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RequiredKeyword {
    Required,
}

/// A disclosure that must exist: concepts together in one passage, on one of the channels.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureRequirement {
    pub concepts: Vec<Concept>,
    pub channels: Vec<Channel>,
    pub languages: LanguageSelector,
}

/// The evidence that satisfies a rule.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Require {
    #[serde(default)]
    pub disclosure: Option<DisclosureRequirement>,
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
                if rule.when.components.is_none() && rule.when.product_kinds.is_none() {
                    return Err(invalid(
                        "`when` names no fact that makes the rule apply".into(),
                    ));
                }
                if rule.require.disclosure.is_none() {
                    return Err(invalid(
                        "`require` names no evidence that satisfies the rule".into(),
                    ));
                }
                rules.push(rule);
            }
        }
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(rules)
    }
}
