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
    let mut current = String::new();
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_alphanumeric() {
            flush(&mut current, &mut out);
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            let next_lower = chars.peek().is_some_and(|n| n.is_lowercase());
            // fooBar → foo|Bar; HTTPServer → HTTP|Server
            if c.is_uppercase() && (p.is_lowercase() || (p.is_uppercase() && next_lower)) {
                flush(&mut current, &mut out);
            }
        }
        current.extend(c.to_lowercase());
        prev = Some(c);
    }
    flush(&mut current, &mut out);
    out
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    if !current.is_empty() {
        out.push(std::mem::take(current));
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
/// indexed by their first exact word, and those made only of prefixes (`approv*`) are tried for
/// every text.
#[derive(Clone, Debug, Default)]
struct TermIndex {
    /// The first exact word of a term → the ids of the terms (or of their lists), ascending.
    words: WordMap<String, Vec<usize>>,
    /// The ids with a term made only of prefixes, ascending.
    prefixed: Vec<usize>,
}

impl TermIndex {
    /// Indexes terms given with their ids, in ascending order of ids.
    fn new<'t>(terms: impl IntoIterator<Item = (usize, &'t Term)>) -> TermIndex {
        let mut index = TermIndex::default();
        for (id, term) in terms {
            let ids = match term.words.iter().find(|w| !w.prefix) {
                Some(w) => index.words.entry(w.text.clone()).or_default(),
                None => &mut index.prefixed,
            };
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
        index
    }

    /// The ids whose terms the words may match (unordered, some more than once).
    fn candidates<'a>(&'a self, words: &'a [String]) -> impl Iterator<Item = usize> + 'a {
        words
            .iter()
            .filter_map(|w| self.words.get(w.as_str()))
            .flatten()
            .chain(&self.prefixed)
            .copied()
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

    /// The first term (in the listed order) matching the words, if any.
    pub fn find(&self, words: &[String]) -> Option<&Term> {
        self.index
            .candidates(words)
            .filter(|&i| self.terms[i].matches(words))
            .min()
            .map(|i| &self.terms[i])
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
    pub terms: Terms,
}

/// The categories of personal data, indexed by one word of each term: a text is checked only
/// against the categories its words index (and those with a term made only of prefixes) instead of
/// every term of every category.
#[derive(Clone, Debug)]
pub struct PersonalData {
    pub categories: Vec<Category>,
    /// By category.
    index: TermIndex,
}

impl PersonalData {
    fn new(categories: Vec<Category>) -> PersonalData {
        let index = TermIndex::new(
            categories
                .iter()
                .enumerate()
                .flat_map(|(i, c)| c.terms.terms.iter().map(move |t| (i, t))),
        );
        PersonalData { categories, index }
    }

    /// The first category (in the listed order) with a term matching the words.
    pub fn find(&self, words: &[String]) -> Option<&Category> {
        self.index
            .candidates(words)
            .filter(|&i| self.categories[i].terms.find(words).is_some())
            .min()
            .map(|i| &self.categories[i])
    }
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

/// What an automated decision drives (approve/deny, limit, price, …).
#[derive(Clone, Debug)]
pub struct Outcome {
    pub outcome: String,
    pub terms: Terms,
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

/// The vocabulary of one simple fact kind (consent flow, scraping, UI, publishing).
#[derive(Clone, Debug)]
pub struct SimpleFact {
    pub kind: String,
    pub imports: Modules,
    pub terms: Terms,
}

/// Everything `rules/facts/` says.
#[derive(Clone, Debug)]
pub struct Vocabulary {
    pub personal_data: PersonalData,
    pub scoring_calls: Calls,
    pub scoring_terms: Terms,
    pub outcomes: Vec<Outcome>,
    /// (route fact kind, terms)
    pub routes: Vec<(String, Terms)>,
    pub file_routes: Vec<String>,
    pub generator_calls: Calls,
    pub output_calls: Calls,
    pub marks: Terms,
    pub simple: Vec<SimpleFact>,
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
            personal_data: PersonalData::new(
                pd.categories
                    .into_iter()
                    .map(|c| Category {
                        terms: Terms::new(&c.terms),
                        category: c.category,
                        label: c.label,
                        biometric: c.biometric,
                    })
                    .collect(),
            ),
            scoring_calls: Calls(decisions.scoring.calls),
            scoring_terms: Terms::new(&decisions.scoring.terms),
            outcomes: decisions
                .outcomes
                .into_iter()
                .map(|o| Outcome {
                    terms: Terms::new(&o.terms),
                    outcome: o.outcome,
                })
                .collect(),
            routes: routes
                .routes
                .into_iter()
                .map(|r| (r.kind, Terms::new(&r.terms)))
                .collect(),
            file_routes: routes.file_routes,
            generator_calls: Calls(media.generators.calls),
            output_calls: Calls(media.outputs.calls),
            marks: Terms::new(&media.marks.terms),
            simple: code
                .facts
                .into_iter()
                .map(|f| SimpleFact {
                    kind: f.kind,
                    imports: Modules(f.imports),
                    terms: Terms::new(&f.terms),
                })
                .collect(),
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
        assert_eq!(find("order_total"), None);
        assert_eq!(find("begin_time"), None);
        // The same answer as trying every category in order.
        let samples = [
            "customer_phone_number",
            "dateOfBirth",
            "home_address",
            "passport_no",
            "speaker_embedding",
            "geo_location",
            "company_bin",
            "invoice_id",
            "first_name",
        ];
        for text in samples {
            let w = words(text);
            let linear = pd.categories.iter().find(|c| c.terms.find(&w).is_some());
            assert_eq!(
                pd.find(&w).map(|c| &c.category),
                linear.map(|c| &c.category),
                "{text}"
            );
        }
    }

    #[test]
    fn the_embedded_vocabulary_loads() {
        let v = Vocabulary::load().unwrap_or_else(|e| panic!("{e}"));
        assert!(
            v.personal_data
                .categories
                .iter()
                .any(|c| c.category == "iin")
        );
        assert!(v.numbers.iter().any(|(w, n)| w.len() == 2 && *n == 15));
    }
}
