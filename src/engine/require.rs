//! `require`: the predicates that satisfy a rule, each usable by every rule — a disclosure with
//! concepts on channels in languages, a code fact, a stated deadline or term, a mark near every
//! site of a fact, and language parity of passages.

use super::ProductView;
use super::rule::{
    DisclosureRequirement, LanguageKeyword, LanguageSelector, NearRequirement, ParityRequirement,
    Rule,
};
use crate::assets::language;
use crate::facts::{Fact, deadline};
use crate::model::{Concept, Disclosure, Lang, Location, Related};
use std::collections::{BTreeSet, HashMap};

/// One predicate not satisfied.
pub struct Unmet {
    /// What is missing, for `{unmet}`.
    pub text: String,
    /// The languages it is missing in, for `{missing}`.
    pub languages: Option<Vec<Lang>>,
    pub related: Vec<Related>,
    /// Where the gap shows, for rules that apply because of disclosures.
    pub site: Option<(Location, String)>,
}

/// The predicates of a project-level rule that the product leaves unmet.
pub fn unmet(rule: &Rule, view: &ProductView) -> Vec<Unmet> {
    let r = &rule.require;
    let mut out = Vec::new();
    if let Some(req) = &r.disclosure {
        out.extend(disclosure(req, view));
        if let Some(d) = &r.deadline {
            let max = d.max_working_days;
            let vocab = &view.knowledge.facts;
            out.extend(
                stated(req, d.concept, view, |t| {
                    deadline::states_at_most(t, max, vocab)
                })
                .map(|(langs, related)| Unmet {
                    text: format!(
                        "no {} passage about {} states a time limit of at most {max} working days",
                        join(&langs),
                        d.concept
                    ),
                    languages: Some(langs),
                    related,
                    site: None,
                }),
            );
        }
        if let Some(t) = &r.term {
            let vocab = &view.knowledge.facts;
            out.extend(
                stated(req, t.concept, view, |text| {
                    deadline::states_term(text, vocab)
                })
                .map(|(langs, related)| Unmet {
                    text: format!(
                        "no {} passage about {} states its term",
                        join(&langs),
                        t.concept
                    ),
                    languages: Some(langs),
                    related,
                    site: None,
                }),
            );
        }
    }
    if let Some(code) = &r.code
        && view.facts_of(code.fact).next().is_none()
    {
        out.push(Unmet {
            text: format!("no {} found in the code", code.describe),
            languages: None,
            related: Vec::new(),
            site: None,
        });
    }
    if let Some(p) = &r.parity {
        out.extend(parity(p, view));
    }
    out
}

fn join(langs: &[Lang]) -> String {
    langs
        .iter()
        .map(|l| l.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn languages(selector: &LanguageSelector, view: &ProductView) -> Vec<Lang> {
    match selector {
        LanguageSelector::Keyword(_) => view.config.languages.clone(),
        LanguageSelector::List(langs) => langs.clone(),
    }
}

/// The languages still missing, given those that satisfy the requirement.
fn still_missing(
    selector: &LanguageSelector,
    view: &ProductView,
    ok: &BTreeSet<Lang>,
) -> Vec<Lang> {
    let langs = languages(selector, view);
    if matches!(selector, LanguageSelector::Keyword(LanguageKeyword::Any)) && !ok.is_empty() {
        return Vec::new();
    }
    langs.into_iter().filter(|l| !ok.contains(l)).collect()
}

fn on_channels<'a>(
    req: &'a DisclosureRequirement,
    view: &'a ProductView,
) -> impl Iterator<Item = &'a Disclosure> {
    view.disclosures
        .iter()
        .copied()
        .filter(|d| req.channels.contains(&d.channel))
}

fn satisfies(d: &Disclosure, req: &DisclosureRequirement) -> bool {
    req.concepts.iter().all(|c| d.concepts.contains(c))
}

fn disclosure(req: &DisclosureRequirement, view: &ProductView) -> Option<Unmet> {
    let ok: BTreeSet<Lang> = on_channels(req, view)
        .filter(|d| satisfies(d, req))
        .map(|d| d.language)
        .collect();
    let missing = still_missing(&req.languages, view, &ok);
    if missing.is_empty() {
        return None;
    }
    let all = languages(&req.languages, view);
    let disclosures: Vec<&Disclosure> = on_channels(req, view).collect();
    let concepts: Vec<&str> = req.concepts.iter().map(|c| c.as_str()).collect();
    Some(Unmet {
        text: format!(
            "no {} passage says {}",
            join(&missing),
            concepts.join(" + ")
        ),
        related: partial_disclosures(req, &disclosures, &all, &missing),
        languages: Some(missing),
        site: None,
    })
}

/// Languages in which no passage with `concept` (on the requirement's channels) passes `test`,
/// with the passages that have the concept but fail it.
fn stated(
    req: &DisclosureRequirement,
    concept: Concept,
    view: &ProductView,
    test: impl Fn(&str) -> bool,
) -> Option<(Vec<Lang>, Vec<Related>)> {
    let with_concept: Vec<&Disclosure> = on_channels(req, view)
        .filter(|d| d.concepts.contains(&concept))
        .collect();
    let ok: BTreeSet<Lang> = with_concept
        .iter()
        .filter(|d| test(&d.text))
        .map(|d| d.language)
        .collect();
    let missing = still_missing(&req.languages, view, &ok);
    if missing.is_empty() {
        return None;
    }
    let related = with_concept
        .iter()
        .filter(|d| missing.contains(&d.language))
        .map(|d| Related {
            location: d.head.clone(),
            message: format!("{}: {concept} passage here, without it", d.language),
        })
        .collect();
    Some((missing, related))
}

/// For each missing language, the passage that comes closest; and where another language is
/// complete, that passage, as the text to translate.
fn partial_disclosures(
    req: &DisclosureRequirement,
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
                    req.concepts
                        .iter()
                        .filter(|c| d.concepts.contains(c))
                        .count(),
                    std::cmp::Reverse(&d.location),
                )
            });
        if let Some(d) = best {
            let (found, absent): (Vec<&Concept>, Vec<&Concept>) =
                req.concepts.iter().partition(|c| d.concepts.contains(c));
            if found.is_empty() {
                continue;
            }
            let names =
                |cs: &[&Concept]| cs.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ");
            out.push(Related {
                location: d.head.clone(),
                message: format!(
                    "{lang}: {} found here, {} missing",
                    names(&found),
                    names(&absent)
                ),
            });
        }
    }
    for lang in languages.iter().filter(|l| !missing.contains(l)) {
        if let Some(d) = disclosures
            .iter()
            .find(|d| d.language == *lang && satisfies(d, req))
        {
            out.push(Related {
                location: d.head.clone(),
                message: format!(
                    "complete in {lang} here; translate it into {}",
                    join(missing)
                ),
            });
        }
    }
    out
}

/// Text compared for copies: words only, lower-cased.
fn comparable(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Passages filed under a required language must be really written in it and not be a copy of
/// the passage in another language (Languages Law Art. 21: authentic translation). That every
/// obligation is met in each language is each rule's own `languages` requirement.
fn parity(p: &ParityRequirement, view: &ProductView) -> Option<Unmet> {
    let langs = languages(&p.languages, view);
    let passages: Vec<&Disclosure> = view
        .disclosures
        .iter()
        .copied()
        .filter(|d| p.channels.contains(&d.channel) && langs.contains(&d.language))
        .collect();
    // A passage is written in another language than the one its file stands for (`ai.kk.md`,
    // `locales/kk/`), or than the one its letters show.
    let written_in: Vec<Option<Lang>> = passages
        .iter()
        .map(|d| {
            let filed = language::from_path(&d.path).filter(|l| langs.contains(l));
            match filed {
                Some(f) if f != d.language => Some(d.language),
                _ => language::detect(&d.text).filter(|l| *l != d.language),
            }
        })
        .collect();
    // The passages with the same words, each text reduced once.
    let words: Vec<String> = passages.iter().map(|d| comparable(&d.text)).collect();
    let mut same_words: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, w) in words.iter().enumerate() {
        same_words.entry(w).or_default().push(j);
    }
    let twins: Vec<&[usize]> = words
        .iter()
        .map(|w| same_words[w.as_str()].as_slice())
        .collect();
    let mut related = Vec::new();
    let mut not_genuine: BTreeSet<Lang> = BTreeSet::new();
    for (i, d) in passages.iter().enumerate() {
        // Of two identical passages that both read as their language, the later one is the copy.
        let copy_of = twins[i]
            .iter()
            .map(|&j| (j, passages[j]))
            .find(|(j, o)| written_in[*j].is_none() && o.language < d.language && o.path != d.path);
        let filed = language::from_path(&d.path).unwrap_or(d.language);
        let message = if let Some(other) = written_in[i] {
            let filed = if other == d.language {
                filed
            } else {
                d.language
            };
            format!("this {filed} passage is written in {other}")
        } else if let Some((_, o)) = copy_of {
            format!(
                "this {} passage is a copy of the {} one at {}:{}",
                d.language, o.language, o.path, o.line
            )
        } else {
            continue;
        };
        not_genuine.insert(language::from_path(&d.path).unwrap_or(d.language));
        related.push(Related {
            location: d.head.clone(),
            message,
        });
    }
    if related.is_empty() {
        return None;
    }
    let first = related[0].clone();
    let langs: Vec<Lang> = not_genuine.into_iter().collect();
    Some(Unmet {
        text: format!(
            "the {} text is not a translation written in that language ({})",
            join(&langs),
            first.message
        ),
        languages: Some(langs),
        related,
        site: Some((first.location, first.message)),
    })
}

/// Code-level: the sites of `near.fact` with no `near.needs` in the same function (or file, for a
/// site at module level).
pub fn unmet_sites<'a>(
    near: &NearRequirement,
    view: &'a ProductView,
) -> Vec<(&'a Fact, Vec<Related>)> {
    let mut out = Vec::new();
    for site in view.facts_of(near.fact) {
        let marked = view.facts_of(near.needs).any(|m| {
            m.location.path == site.location.path
                && match site.scope {
                    Some((start, end)) => {
                        m.location.start_byte >= start && m.location.end_byte <= end
                    }
                    None => true,
                }
        });
        if !marked {
            let others: Vec<Related> = view
                .facts_of(near.needs)
                .filter(|m| m.location.path == site.location.path)
                .map(|m| Related {
                    location: m.location.clone(),
                    message: format!("{} here, outside this function", m.detail),
                })
                .collect();
            out.push((site, super::cap(others)));
        }
    }
    out
}
