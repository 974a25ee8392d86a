//! The vocabulary of code facts (`rules/facts/*.yaml`): terms matched against the words of
//! identifiers, keys, strings and route paths.

use crate::knowledge::{self, EmbeddedFile, KnowledgeError};
use crate::text::WordMap;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The words of an identifier, key, path or string: split at every non-alphanumeric character and
/// at camelCase boundaries, lower-cased. `StableDiffusionPipeline` → stable, diffusion, pipeline;
/// `/api/v1/consent-withdrawal` → api, v1, consent, withdrawal.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // The byte where the current word starts, and its last char.
    let mut word: Option<(usize, char)> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !c.is_alphanumeric() {
            if let Some((start, _)) = word.take() {
                out.push(lowercase(&text[start..i]));
            }
            continue;
        }
        let start = match word {
            Some((start, prev)) if !camel_boundary(prev, c, chars.peek().map(|&(_, n)| n)) => start,
            Some((start, _)) => {
                out.push(lowercase(&text[start..i]));
                i
            }
            None => i,
        };
        word = Some((start, c));
    }
    if let Some((start, _)) = word {
        out.push(lowercase(&text[start..]));
    }
    out
}

/// Whether a word ends between the alphanumeric chars `prev` and `c` (followed by `next`):
/// fooBar → foo|Bar; HTTPServer → HTTP|Server.
fn camel_boundary(prev: char, c: char, next: Option<char>) -> bool {
    c.is_uppercase()
        && (prev.is_lowercase() || (prev.is_uppercase() && next.is_some_and(char::is_lowercase)))
}

/// A word lower-cased char by char (`char::to_lowercase`, with no final-sigma rule), ASCII
/// words at once.
fn lowercase(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.chars().flat_map(char::to_lowercase).collect()
    }
}

/// One word of a term: exact, or a prefix (`approve*`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct TermWord {
    text: String,
    prefix: bool,
}

impl TermWord {
    fn matches(&self, word: &str) -> bool {
        if self.prefix {
            word.starts_with(&self.text)
        } else {
            word == self.text
        }
    }
}

/// A term: matches when each of its words matches some word of the text, in any order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub source: String,
    words: Vec<TermWord>,
}

impl Term {
    pub fn parse(source: &str) -> Term {
        let words = source
            .split_whitespace()
            .flat_map(|w| {
                let prefix = w.ends_with('*');
                let parts = words(w.trim_end_matches('*'));
                let n = parts.len();
                parts
                    .into_iter()
                    .enumerate()
                    .map(move |(i, text)| TermWord {
                        text,
                        prefix: prefix && i + 1 == n,
                    })
            })
            .collect();
        Term {
            source: source.to_string(),
            words,
        }
    }

    pub fn matches(&self, words: &[String]) -> bool {
        !self.words.is_empty()
            && self
                .words
                .iter()
                .all(|t| words.iter().any(|w| t.matches(w)))
    }
}

/// Which terms a text can match: a term matches only a text that has all its words, so terms are
/// indexed by their first exact word, and those made only of prefixes (`approv*`) by the first char
/// of their first prefix, which must be the first char of a word of the text.
#[derive(Clone, Debug, Default)]
struct TermIndex {
    /// The first exact word of a term → the ids of the terms, ascending.
    words: WordMap<String, Vec<usize>>,
    /// (the first char of the first prefix, id) of the terms made only of prefixes, ascending.
    prefixed: Vec<(char, usize)>,
}

impl TermIndex {
    /// Indexes terms given with their ids, in ascending order of ids. A term with no words matches
    /// no text and is left out.
    fn new<'t>(terms: impl IntoIterator<Item = (usize, &'t Term)>) -> TermIndex {
        let mut index = TermIndex::default();
        for (id, term) in terms {
            if let Some(w) = term.words.iter().find(|w| !w.prefix) {
                index.words.entry(w.text.clone()).or_default().push(id);
            } else if let Some(first) = term.words.first().and_then(|w| w.text.chars().next()) {
                index.prefixed.push((first, id));
            }
        }
        index
    }

    /// The ids whose terms the words may match (unordered, some more than once).
    fn candidates<'a>(&'a self, words: &'a [String]) -> impl Iterator<Item = usize> + 'a {
        let exact = words.iter().filter_map(|w| self.words.get(w.as_str()));
        // Most lists have no term made only of prefixes: their words are not looked at again.
        let prefixing = if self.prefixed.is_empty() { &[] } else { words };
        let prefixed = prefixing.iter().flat_map(|w| self.prefixed_by(w));
        exact.flatten().copied().chain(prefixed)
    }

    /// The ids of the terms made only of prefixes whose first prefix starts with the first char of
    /// `word` (a handful of terms: a scan beats a search).
    fn prefixed_by<'a>(&'a self, word: &str) -> impl Iterator<Item = usize> + 'a {
        let first = word.chars().next();
        self.prefixed
            .iter()
            .filter(move |&&(c, _)| Some(c) == first)
            .map(|&(_, id)| id)
    }
}

/// A list of terms.
#[derive(Clone, Debug, Default)]
pub struct Terms {
    terms: Vec<Term>,
    index: TermIndex,
}

impl Terms {
    fn new(sources: &[String]) -> Terms {
        let terms: Vec<Term> = sources.iter().map(|s| Term::parse(s)).collect();
        let index = TermIndex::new(terms.iter().enumerate());
        Terms { terms, index }
    }

    /// The ids (positions in the list) of the terms matching the words (unordered, some more than
    /// once).
    fn matching<'a>(&'a self, words: &'a [String]) -> impl Iterator<Item = usize> + 'a {
        self.index
            .candidates(words)
            .filter(|&i| self.terms[i].matches(words))
    }

    /// The first term (in the listed order) matching the words, if any.
    pub fn find(&self, words: &[String]) -> Option<&Term> {
        self.matching(words).min().map(|i| &self.terms[i])
    }
}

/// Items (categories of personal data, outcomes, fact kinds) with a list of terms each, looked up
/// together: their terms, item after item, make one list, so the words of a text are looked up
/// once for all the items instead of once for each.
#[derive(Clone, Debug)]
pub struct Listed<T> {
    pub items: Vec<T>,
    terms: Terms,
    /// Where the terms of each item end in `terms`.
    ends: Vec<usize>,
}

impl<T> Listed<T> {
    fn new(items: impl IntoIterator<Item = (T, Vec<String>)>) -> Listed<T> {
        let (mut listed, mut sources, mut ends) = (Vec::new(), Vec::new(), Vec::new());
        for (item, terms) in items {
            listed.push(item);
            sources.extend(terms);
            ends.push(sources.len());
        }
        Listed {
            items: listed,
            terms: Terms::new(&sources),
            ends,
        }
    }

    /// The index of the item whose terms include the term of id `term`.
    fn item_of(&self, term: usize) -> usize {
        self.ends.partition_point(|&end| end <= term)
    }

    /// The first item (in the listed order) with a term matching the words.
    pub fn find(&self, words: &[String]) -> Option<&T> {
        let term = self.terms.matching(words).min()?;
        Some(&self.items[self.item_of(term)])
    }

    /// The indexes of the items with a term matching the words, ascending.
    pub fn matching(&self, words: &[String]) -> Vec<usize> {
        let mut items: Vec<usize> = self
            .terms
            .matching(words)
            .map(|t| self.item_of(t))
            .collect();
        items.sort_unstable();
        items.dedup();
        items
    }
}

/// Call names matched against the dotted tail of a callee: `save` matches `image.save`,
/// `soundfile.write` matches `sf.write` only if listed.
#[derive(Clone, Debug, Default)]
pub struct Calls(Vec<String>);

impl Calls {
    pub fn matches(&self, callee: &str) -> bool {
        let callee: Cow<str> = if callee.contains(char::is_whitespace) {
            Cow::Owned(callee.chars().filter(|c| !c.is_whitespace()).collect())
        } else {
            Cow::Borrowed(callee)
        };
        self.0.iter().any(|c| {
            callee
                .strip_suffix(c.as_str())
                .is_some_and(|head| head.is_empty() || head.ends_with('.'))
        })
    }
}

/// Module specifiers: `react` matches `react`, `react/jsx-runtime`, `react.x`, not `react-dom`.
#[derive(Clone, Debug, Default)]
pub struct Modules(Vec<String>);

impl Modules {
    pub fn matches(&self, module: &str) -> bool {
        let module = module.trim().trim_matches(['"', '\'', '`']);
        self.0.iter().any(|m| {
            module == m
                || module
                    .strip_prefix(m.as_str())
                    .is_some_and(|rest| rest.starts_with('/') || rest.starts_with('.'))
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPersonalData {
    categories: Vec<RawCategory>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    category: String,
    label: String,
    #[serde(default)]
    biometric: bool,
    terms: Vec<String>,
}

/// A category of personal data (IIN, phone, face embedding, …).
#[derive(Clone, Debug)]
pub struct Category {
    pub category: String,
    pub label: String,
    pub biometric: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDecisions {
    scoring: RawScoring,
    outcomes: Vec<RawOutcome>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScoring {
    calls: Vec<String>,
    terms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutcome {
    outcome: String,
    terms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRoutes {
    routes: Vec<RawRoute>,
    file_routes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoute {
    kind: String,
    terms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMedia {
    generators: RawCalls,
    outputs: RawCalls,
    marks: RawTerms,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalls {
    calls: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerms {
    terms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCode {
    facts: Vec<RawCodeFact>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCodeFact {
    kind: String,
    #[serde(default)]
    imports: Vec<String>,
    #[serde(default)]
    terms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawDeadlines {
    working_days: RawWorkingDays,
    term_words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWorkingDays {
    units: Vec<Unit>,
    numbers: BTreeMap<u32, Vec<String>>,
}

/// "рабочих дней": a word starting with one of `first`, then one starting with one of `second`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub first: Vec<String>,
    pub second: Vec<String>,
}

/// A simple fact kind (consent flow, scraping, UI, publishing) and its imports; its terms are
/// listed with it in [`Vocabulary::simple`].
#[derive(Clone, Debug)]
pub struct SimpleFact {
    pub kind: String,
    pub imports: Modules,
}

/// Everything `rules/facts/` says.
#[derive(Clone, Debug)]
pub struct Vocabulary {
    /// The categories of personal data and their terms.
    pub personal_data: Listed<Category>,
    pub scoring_calls: Calls,
    pub scoring_terms: Terms,
    /// What automated decisions drive (approve or deny, limit, price, …) and their terms.
    pub outcomes: Listed<String>,
    /// The route fact kinds and their terms.
    pub routes: Listed<String>,
    pub file_routes: Vec<String>,
    pub generator_calls: Calls,
    pub output_calls: Calls,
    pub marks: Terms,
    /// The simple fact kinds and their terms.
    pub simple: Listed<SimpleFact>,
    pub units: Vec<Unit>,
    /// Number words, longest phrase first: (words, value).
    pub numbers: Vec<(Vec<String>, u32)>,
    pub term_words: Terms,
}

fn file(name: &str) -> Result<EmbeddedFile, KnowledgeError> {
    knowledge::rule_files("facts")
        .into_iter()
        .find(|f| f.path == format!("rules/facts/{name}"))
        .ok_or_else(|| KnowledgeError::Invalid {
            file: format!("rules/facts/{name}"),
            message: "missing".into(),
        })
}

impl Vocabulary {
    pub fn load() -> Result<Vocabulary, KnowledgeError> {
        let pd: RawPersonalData = knowledge::parse_yaml(&file("personal-data.yaml")?)?;
        let decisions: RawDecisions = knowledge::parse_yaml(&file("decisions.yaml")?)?;
        let routes: RawRoutes = knowledge::parse_yaml(&file("routes.yaml")?)?;
        let media: RawMedia = knowledge::parse_yaml(&file("media.yaml")?)?;
        let code: RawCode = knowledge::parse_yaml(&file("code.yaml")?)?;
        let deadlines: RawDeadlines = knowledge::parse_yaml(&file("deadlines.yaml")?)?;
        for r in &routes.routes {
            if crate::facts::FactKind::parse(&r.kind).is_none() {
                return Err(KnowledgeError::Invalid {
                    file: "rules/facts/routes.yaml".into(),
                    message: format!("unknown fact kind `{}`", r.kind),
                });
            }
        }
        for f in &code.facts {
            if crate::facts::FactKind::parse(&f.kind).is_none() {
                return Err(KnowledgeError::Invalid {
                    file: "rules/facts/code.yaml".into(),
                    message: format!("unknown fact kind `{}`", f.kind),
                });
            }
        }
        let mut numbers: Vec<(Vec<String>, u32)> = deadlines
            .working_days
            .numbers
            .iter()
            .flat_map(|(n, ws)| {
                ws.iter()
                    .map(move |w| (w.split_whitespace().map(str::to_lowercase).collect(), *n))
            })
            .collect();
        numbers.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        Ok(Vocabulary {
            personal_data: Listed::new(pd.categories.into_iter().map(|c| {
                let category = Category {
                    category: c.category,
                    label: c.label,
                    biometric: c.biometric,
                };
                (category, c.terms)
            })),
            scoring_calls: Calls(decisions.scoring.calls),
            scoring_terms: Terms::new(&decisions.scoring.terms),
            outcomes: Listed::new(decisions.outcomes.into_iter().map(|o| (o.outcome, o.terms))),
            routes: Listed::new(routes.routes.into_iter().map(|r| (r.kind, r.terms))),
            file_routes: routes.file_routes,
            generator_calls: Calls(media.generators.calls),
            output_calls: Calls(media.outputs.calls),
            marks: Terms::new(&media.marks.terms),
            simple: Listed::new(code.facts.into_iter().map(|f| {
                let fact = SimpleFact {
                    kind: f.kind,
                    imports: Modules(f.imports),
                };
                (fact, f.terms)
            })),
            units: deadlines.working_days.units,
            numbers,
            term_words: Terms::new(&deadlines.term_words),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_identifiers_into_words() {
        assert_eq!(words("clientIIN"), ["client", "iin"]);
        assert_eq!(
            words("StableDiffusionPipeline"),
            ["stable", "diffusion", "pipeline"]
        );
        assert_eq!(
            words("/api/v1/consent-withdrawal"),
            ["api", "v1", "consent", "withdrawal"]
        );
        assert_eq!(words("HTTPServer_ИИН"), ["http", "server", "иин"]);
    }

    #[test]
    fn splits_every_case_and_script_into_lower_case_words() {
        assert_eq!(words("creditScoreLimit"), ["credit", "score", "limit"]);
        assert_eq!(words("HTTPServer"), ["http", "server"]);
        assert_eq!(words("parseHTTPResponse2"), ["parse", "http", "response2"]);
        assert_eq!(words("ALL_CAPS_ID"), ["all", "caps", "id"]);
        assert_eq!(words("date_of_birth"), ["date", "of", "birth"]);
        assert_eq!(words("__init__"), ["init"]);
        assert_eq!(words("consent-withdrawal"), ["consent", "withdrawal"]);
        // A digit is neither case: no boundary after it.
        assert_eq!(words("v2Api 3d"), ["v2api", "3d"]);
        assert_eq!(words("ДатаРождения"), ["дата", "рождения"]);
        assert_eq!(words("номер_ИИН"), ["номер", "иин"]);
        assert_eq!(words("келісімҚайтару"), ["келісім", "қайтару"]);
        assert_eq!(words("ЖСН-номірі"), ["жсн", "номірі"]);
        assert_eq!(words("clientЖСН"), ["client", "жсн"]);
        assert_eq!(words("ΟΔΟΣ"), ["οδοσ"]);
        assert_eq!(words(" -_/. "), Vec::<String>::new());
    }

    #[test]
    fn prefixes_are_tried_only_on_words_that_can_start_with_them() {
        let sources: Vec<String> = [
            "consent* revocation",
            "withdraw* consent*",
            "бас тарт*",
            "approv*",
            "одобр*",
            "c2pa*",
        ]
        .map(String::from)
        .to_vec();
        let terms = Terms::new(&sources);
        let found = |text: &str| terms.find(&words(text)).map(|t| t.source.as_str());
        // Prefix words match the words they start, in any order, not words that merely hold them.
        assert_eq!(found("approvalStatus"), Some("approv*"));
        assert_eq!(found("preApproved"), Some("approv*"));
        assert_eq!(found("preapproved"), None);
        assert_eq!(found("disapprove"), None);
        assert_eq!(found("ОдобрениеЗаявки"), Some("одобр*"));
        assert_eq!(found("C2PAManifest"), Some("c2pa*"));
        assert_eq!(found("ac2pa"), None);
        // Mixed terms need their exact words as well as their prefixes.
        assert_eq!(found("consentsRevocation"), Some("consent* revocation"));
        assert_eq!(found("consent_revoked"), None);
        assert_eq!(found("бас_тартуы"), Some("бас тарт*"));
        assert_eq!(found("тартуы"), None);
        // Terms made only of prefixes need all of them.
        assert_eq!(
            found("/consents/{id}/withdrawal"),
            Some("withdraw* consent*")
        );
        assert_eq!(found("withdrawal"), None);
        // The first listed term wins when several match.
        assert_eq!(
            found("withdrawConsentRevocation"),
            Some("consent* revocation")
        );
        assert_eq!(
            found("approvedConsentWithdrawal"),
            Some("withdraw* consent*")
        );
        assert_eq!(found("c2paApproved"), Some("approv*"));
        assert_eq!(found(""), None);
    }

    #[test]
    fn terms_match_all_words_in_any_order_with_prefixes() {
        let t = Term::parse("withdraw* consent*");
        assert!(t.matches(&words("/consents/{id}/withdrawal")));
        assert!(!t.matches(&words("/wallet/withdraw")));
        assert!(Term::parse("date of birth").matches(&words("applicant_date_of_birth")));
        assert!(!Term::parse("iin").matches(&words("begin_time")));
    }

    #[test]
    fn a_list_of_terms_gives_its_first_match_in_the_listed_order() {
        let sources: Vec<String> = ["credit score", "approv*", "score", "loan limit", "limit"]
            .map(String::from)
            .to_vec();
        let terms = Terms::new(&sources);
        let found = |text: &str| terms.find(&words(text)).map(|t| t.source.as_str());
        // Several terms match: the first listed wins, whichever word indexes it.
        assert_eq!(found("creditScoreLimit"), Some("credit score"));
        assert_eq!(found("scoreLimit"), Some("score"));
        assert_eq!(found("limit_for_loan"), Some("loan limit"));
        // A term made only of prefixes is tried for every text.
        assert_eq!(found("approvedLimit"), Some("approv*"));
        assert_eq!(found("approval"), Some("approv*"));
        assert_eq!(found("creditRating"), None);
        assert_eq!(found(""), None);
    }

    #[test]
    fn calls_and_modules_match_their_tails_and_prefixes() {
        let calls = Calls(vec!["save".into(), "soundfile.write".into()]);
        assert!(calls.matches("image.save"));
        assert!(calls.matches("soundfile.write"));
        assert!(!calls.matches("f.write"));
        assert!(calls.matches("save"));
        assert!(!calls.matches("autosave"));
        assert!(calls.matches("image\n    .save"));
        let m = Modules(vec!["react".into()]);
        assert!(m.matches("'react/jsx-runtime'"));
        assert!(!m.matches("react-dom"));
    }

    #[test]
    fn indexed_personal_data_finds_the_first_listed_category() {
        let v = Vocabulary::load().unwrap_or_else(|e| panic!("{e}"));
        let pd = &v.personal_data;
        let find = |text: &str| pd.find(&words(text)).map(|c| c.category.as_str());
        assert_eq!(find("customer_phone_number"), Some("phone"));
        assert_eq!(find("applicantDateOfBirth"), Some("birth-date"));
        assert_eq!(find("face_embedding"), Some("face"));
        assert_eq!(find("client_iin"), Some("iin"));
        assert_eq!(find("company_bin"), Some("bin"));
        assert_eq!(find("homeAddressIIN"), Some("iin"));
        assert_eq!(find("order_total"), None);
        assert_eq!(find("begin_time"), None);
    }

    #[test]
    fn listed_items_are_found_as_by_their_own_lists_in_order() {
        let lists = [
            ("consent", vec!["consent*", "agree terms"]),
            ("none", vec![]),
            ("approve", vec!["approv*", "auto approve"]),
            ("limit", vec!["credit limit", "limit"]),
            ("review", vec!["human review", "appeal*"]),
        ]
        .map(|(item, terms)| (item, terms.into_iter().map(String::from).collect()));
        let listed = Listed::new(lists.clone());
        let alone: Vec<(&str, Terms)> = lists
            .iter()
            .map(|(item, terms): &(&str, Vec<String>)| (*item, Terms::new(terms)))
            .collect();
        let cases = [
            (
                "autoApproveLimit",
                Some("approve"),
                vec!["approve", "limit"],
            ),
            ("creditLimit", Some("limit"), vec!["limit"]),
            (
                "agreeTermsAndApprove",
                Some("consent"),
                vec!["consent", "approve"],
            ),
            ("appealForHumanReview", Some("review"), vec!["review"]),
            ("consentAppeal", Some("consent"), vec!["consent", "review"]),
            ("terms", None, vec![]),
            ("", None, vec![]),
        ];
        for (text, first, all) in cases {
            let w = words(text);
            assert_eq!(listed.find(&w).copied(), first, "{text}");
            let matching: Vec<&str> = listed
                .matching(&w)
                .iter()
                .map(|&i| listed.items[i])
                .collect();
            assert_eq!(matching, all, "{text}");
            // The same answers as looking up each item's own list in turn.
            let linear: Vec<&str> = alone
                .iter()
                .filter(|(_, terms)| terms.find(&w).is_some())
                .map(|(item, _)| *item)
                .collect();
            assert_eq!(linear, all, "{text}");
        }
    }

    #[test]
    fn the_embedded_vocabulary_loads() {
        let v = Vocabulary::load().unwrap_or_else(|e| panic!("{e}"));
        assert!(v.personal_data.items.iter().any(|c| c.category == "iin"));
        assert!(v.numbers.iter().any(|(w, n)| w.len() == 2 && *n == 15));
    }
}
