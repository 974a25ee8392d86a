//! Code facts interpreted for the rules: the raw `@fact.<name>` captures of the queries
//! (`queries/<lang>/facts-*.scm`) and the component evidence, read with the vocabulary of
//! `rules/facts/*.yaml` into personal-data fields, automated decisions on people, objection and
//! consent-withdrawal routes, generated-media outputs and their provenance marks, consent flows,
//! scraping, user interfaces and publishing code.
//!
//! Capture names the queries use (the contract with the `.scm` files):
//! `call` (a callee), `name` (an identifier at a definition, parameter, keyword or attribute),
//! `key` (a dictionary/object key or form field name), `string` (a short string literal),
//! `import` (a module specifier), `route.path` / `route.handler` (a web route's path and handler),
//! `route.export` (an exported handler of a file-routed framework such as Next.js).

pub mod deadline;
pub mod iin;
pub mod vocab;

use crate::assets::ui;
use crate::model::{CodeFact, ComponentKind, Location, Related};
use crate::scan::Inventory;
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use vocab::{Vocabulary, words};

/// Kinds of interpreted facts; rules name them in `when.facts`, `require.code` and `require.near`.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum FactKind {
    /// A field or literal holding personal data (IIN, phone, birth date, …).
    PersonalData,
    /// A field holding biometric data (face, voice, fingerprint).
    BiometricData,
    /// A scoring or ML step driving an outcome about a person.
    AutomatedDecision,
    ObjectionRoute,
    WithdrawalRoute,
    /// A save or publish call in code that generates images, audio or video.
    MediaOutput,
    /// A machine-readable mark on generated media (C2PA, IPTC/XMP, metadata, watermark).
    ProvenanceMark,
    ConsentFlow,
    Scraping,
    /// Scraping code in a file that also handles personal-data fields.
    PersonalDataScraping,
    UserInterface,
    Publishing,
}

impl FactKind {
    pub const ALL: [FactKind; 12] = [
        FactKind::PersonalData,
        FactKind::BiometricData,
        FactKind::AutomatedDecision,
        FactKind::ObjectionRoute,
        FactKind::WithdrawalRoute,
        FactKind::MediaOutput,
        FactKind::ProvenanceMark,
        FactKind::ConsentFlow,
        FactKind::Scraping,
        FactKind::PersonalDataScraping,
        FactKind::UserInterface,
        FactKind::Publishing,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::PersonalData => "personal-data",
            FactKind::BiometricData => "biometric-data",
            FactKind::AutomatedDecision => "automated-decision",
            FactKind::ObjectionRoute => "objection-route",
            FactKind::WithdrawalRoute => "withdrawal-route",
            FactKind::MediaOutput => "media-output",
            FactKind::ProvenanceMark => "provenance-mark",
            FactKind::ConsentFlow => "consent-flow",
            FactKind::Scraping => "scraping",
            FactKind::PersonalDataScraping => "personal-data-scraping",
            FactKind::UserInterface => "user-interface",
            FactKind::Publishing => "publishing",
        }
    }

    pub fn parse(s: &str) -> Option<FactKind> {
        FactKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for FactKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How sure the interpretation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// An interpreted fact at one site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    pub kind: FactKind,
    /// What was seen, for messages: "IIN (ИИН/ЖСН) `client_iin`".
    pub detail: String,
    pub location: Location,
    /// Byte range of the enclosing function, if any.
    pub scope: Option<(usize, usize)>,
    pub confidence: Confidence,
    /// Other sites that make up the fact (the outcome and the personal data of a decision).
    pub related: Vec<Related>,
}

/// Generative component kinds: their evidence in a file makes its save calls media outputs.
const GENERATIVE: [ComponentKind; 3] = [
    ComponentKind::GenerativeImage,
    ComponentKind::GenerativeAudio,
    ComponentKind::GenerativeVideo,
];

fn quoted(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = one_line.chars().take(60).collect();
    format!("`{short}`")
}

fn fact(kind: FactKind, detail: String, cf: &CodeFact, confidence: Confidence) -> Fact {
    Fact {
        kind,
        detail,
        location: cf.location.clone(),
        scope: cf.scope,
        confidence,
        related: Vec::new(),
    }
}

/// Whether a string literal reads like an identifier (a column or field name), not prose.
fn identifier_like(text: &str) -> bool {
    let inner = text.trim().trim_matches(['"', '\'', '`']);
    !inner.is_empty() && !inner.contains(char::is_whitespace)
}

/// Whether `inner` lies within `outer` (both byte ranges in one file).
fn within(inner: &Location, outer: (usize, usize)) -> bool {
    inner.start_byte >= outer.0 && inner.end_byte <= outer.1
}

/// The facts of one file, by kind, before the cross-fact interpretations.
#[derive(Default)]
struct FileHits<'a> {
    personal: Vec<Fact>,
    scoring: Vec<&'a CodeFact>,
    outcomes: Vec<(&'a CodeFact, &'a str)>,
    generators: Vec<&'a CodeFact>,
    outputs: Vec<&'a CodeFact>,
    scraping: Vec<&'a CodeFact>,
}

/// Interprets the inventory's code facts; the result is sorted by location and kind.
pub fn interpret<'a>(inventory: &'a Inventory, vocab: &'a Vocabulary) -> Vec<Fact> {
    let mut by_file: BTreeMap<&str, Vec<&CodeFact>> = BTreeMap::new();
    // A file's facts come in runs: one look-up a run.
    for run in inventory
        .code_facts
        .chunk_by(|a, b| a.location.path == b.location.path)
    {
        by_file
            .entry(run[0].location.path.as_str())
            .or_default()
            .extend(run);
    }
    // Each file's facts are classified on their own, in parallel.
    let classified: Vec<(&str, FileHits<'a>, Vec<Fact>)> = by_file
        .into_par_iter()
        .map(|(path, facts)| {
            let (hits, out) = classify_file(path, &facts, vocab);
            (path, hits, out)
        })
        .collect();
    let mut out: Vec<Fact> = Vec::new();
    let mut files = Vec::with_capacity(classified.len());
    for (path, hits, facts) in classified {
        out.extend(facts);
        files.push((path, hits));
    }
    let generative_files: BTreeSet<&str> = inventory
        .components
        .iter()
        .filter(|c| GENERATIVE.contains(&c.kind))
        .flat_map(|c| c.evidence.iter())
        .filter(|e| e.detector != crate::model::Detector::Manifest)
        .map(|e| e.location.path.as_str())
        .collect();
    for (path, hits) in &files {
        decisions(hits, &mut out);
        if generative_files.contains(path) || !hits.generators.is_empty() {
            for cf in &hits.outputs {
                out.push(fact(
                    FactKind::MediaOutput,
                    format!("generated media saved or published by {}", quoted(&cf.text)),
                    cf,
                    Confidence::Medium,
                ));
            }
        }
        if let (Some(scrape), Some(pd)) = (hits.scraping.first(), hits.personal.first()) {
            let mut f = fact(
                FactKind::PersonalDataScraping,
                format!(
                    "scraping with {} next to {}",
                    quoted(&scrape.text),
                    pd.detail
                ),
                scrape,
                Confidence::Medium,
            );
            f.related.push(Related {
                location: pd.location.clone(),
                message: format!("personal data collected: {}", pd.detail),
            });
            out.push(f);
        }
        out.extend(hits.personal.iter().cloned());
    }
    out.sort_by(|a, b| (&a.location, a.kind).cmp(&(&b.location, b.kind)));
    out.dedup_by(|a, b| a.location == b.location && a.kind == b.kind);
    out
}

/// What the vocabulary reads in one capture's name and text. It is the same wherever they occur
/// in a file (a `route.export` reads the file's path, the same for all its captures), so a file's
/// captures, whose identifiers repeat a lot, are read once for each distinct name and text.
#[derive(Default)]
struct Reading<'v> {
    /// The details of the personal data it holds, in the order found.
    personal: Vec<String>,
    /// A scoring call or the name of a score.
    scoring: bool,
    /// A call that generates media.
    generator: bool,
    /// A call that saves or publishes.
    output: bool,
    /// The outcome it names.
    outcome: Option<&'v str>,
    /// Scraping code (by its terms or its import).
    scraping: bool,
    /// The facts that stand on their own, (kind, detail), in the order found.
    facts: Vec<(FactKind, String)>,
}

impl Reading<'_> {
    /// Whether the vocabulary reads nothing in the capture: it adds to no fact of its file
    /// (scraping code is read as a fact too).
    fn is_empty(&self) -> bool {
        self.personal.is_empty()
            && !self.scoring
            && !self.generator
            && !self.output
            && self.outcome.is_none()
            && self.facts.is_empty()
    }
}

/// Which captures of the file at `path` a parse keeps, by capture name and text: those the
/// vocabulary reads as something, and the UI strings and translation keys (read by the UI-string
/// checks). The queries capture every call, name, key and string of a file, most of which read as
/// nothing: [`code::extract`](crate::detect::code::extract) makes no fact of them, so they are
/// neither merged, sorted nor read again by [`interpret`]. Each name and text is read once.
pub fn retained<'a>(path: &'a str, vocab: &'a Vocabulary) -> impl FnMut(&'a str, &'a str) -> bool {
    let mut read_as_something: HashMap<(&str, &str), bool> = HashMap::new();
    move |name, text| {
        name == ui::KEY_FACT
            || name == ui::TEXT_FACT
            || *read_as_something
                .entry((name, text))
                .or_insert_with(|| !read(name, text, path, vocab).is_empty())
    }
}

/// Classifies the captures of the file at `path`, in their order: the per-file hits and the facts
/// that stand on their own.
fn classify_file<'a>(
    path: &str,
    captures: &[&'a CodeFact],
    vocab: &'a Vocabulary,
) -> (FileHits<'a>, Vec<Fact>) {
    // Keyed by scanned text: the default hasher, which chosen keys cannot make collide.
    let mut readings: HashMap<(&str, &str), Reading<'a>> = HashMap::with_capacity(captures.len());
    let mut hits = FileHits::default();
    let mut out = Vec::new();
    for &cf in captures {
        let reading = readings
            .entry((cf.name.as_str(), cf.text.as_str()))
            .or_insert_with(|| read(&cf.name, &cf.text, path, vocab));
        record(cf, reading, &mut hits, &mut out);
    }
    (hits, out)
}

/// Reads one capture, its name and text in the file at `path`, with the vocabulary.
fn read<'v>(name: &str, text: &str, path: &str, vocab: &'v Vocabulary) -> Reading<'v> {
    let mut reading = Reading::default();
    let w = words(text);
    let textual = matches!(name, "call" | "name" | "key" | "string" | "import");
    let field_like = matches!(name, "name" | "key") || (name == "string" && identifier_like(text));
    if (name == "string" || name == "key")
        && let Some(id) = iin::classify(text)
    {
        let label = match id {
            iin::IdNumber::Iin => "IIN (ИИН/ЖСН) literal",
            iin::IdNumber::Bin => "BIN (БИН/БСН) literal",
        };
        reading.personal.push(format!("{label} {}", quoted(text)));
    }
    if field_like && let Some(cat) = vocab.personal_data.find(&w) {
        let detail = format!("{} {}", cat.label, quoted(text));
        if cat.biometric {
            reading
                .facts
                .push((FactKind::BiometricData, detail.clone()));
        }
        reading.personal.push(detail);
    }
    match name {
        "call" => {
            reading.scoring = vocab.scoring_calls.matches(text);
            reading.generator = vocab.generator_calls.matches(text);
            reading.output = vocab.output_calls.matches(text);
        }
        "route.path" | "route.handler" => route(text, &w, vocab, &mut reading.facts),
        "route.export" => {
            if let Some(prefix) = vocab
                .file_routes
                .iter()
                .find(|p| path.starts_with(p.as_str()) || path.contains(&format!("/{p}")))
            {
                let rest = &path[path.find(prefix.as_str()).unwrap_or(0) + prefix.len()..];
                route(rest, &words(rest), vocab, &mut reading.facts);
            }
        }
        _ => {}
    }
    if !textual {
        return reading;
    }
    if matches!(name, "name" | "key") && vocab.scoring_terms.find(&w).is_some() {
        reading.scoring = true;
    }
    if matches!(name, "name" | "key" | "string") {
        reading.outcome = vocab.outcomes.find(&w).map(String::as_str);
    }
    if vocab.marks.find(&w).is_some() {
        let detail = format!("provenance mark {}", quoted(text));
        reading.facts.push((FactKind::ProvenanceMark, detail));
    }
    // Imports are read by their specifiers, everything else by its terms.
    let by_terms = if name == "import" {
        Vec::new()
    } else {
        vocab.simple.matching(&w)
    };
    for (i, simple) in vocab.simple.items.iter().enumerate() {
        let found = if name == "import" {
            simple.imports.matches(text)
        } else {
            by_terms.contains(&i)
        };
        if !found {
            continue;
        }
        let Some(kind) = FactKind::parse(&simple.kind) else {
            continue;
        };
        if kind == FactKind::Scraping {
            reading.scraping = true;
        }
        reading
            .facts
            .push((kind, format!("{kind} {}", quoted(text))));
    }
    reading
}

/// Files one capture, as read, into the per-file hits and the facts that stand on their own.
fn record<'a>(
    cf: &'a CodeFact,
    reading: &Reading<'a>,
    hits: &mut FileHits<'a>,
    out: &mut Vec<Fact>,
) {
    for detail in &reading.personal {
        let f = fact(FactKind::PersonalData, detail.clone(), cf, Confidence::High);
        hits.personal.push(f);
    }
    if reading.scoring {
        hits.scoring.push(cf);
    }
    if reading.generator {
        hits.generators.push(cf);
    }
    if reading.output {
        hits.outputs.push(cf);
    }
    if let Some(outcome) = reading.outcome {
        hits.outcomes.push((cf, outcome));
    }
    if reading.scraping {
        hits.scraping.push(cf);
    }
    for (kind, detail) in &reading.facts {
        out.push(fact(*kind, detail.clone(), cf, Confidence::High));
    }
}

/// A route whose path or handler name (`text`, of words `w`) means objection or consent
/// withdrawal: its facts, (kind, detail).
fn route(text: &str, w: &[String], vocab: &Vocabulary, facts: &mut Vec<(FactKind, String)>) {
    for i in vocab.routes.matching(w) {
        if let Some(kind) = FactKind::parse(&vocab.routes.items[i]) {
            facts.push((kind, format!("route {}", quoted(text))));
        }
    }
}

/// Automated decisions: a scoring step and an outcome in one function (or at module level),
/// with personal data in the same function (high confidence) or the same file (medium).
fn decisions(hits: &FileHits, out: &mut Vec<Fact>) {
    if hits.personal.is_empty() {
        return;
    }
    // A score named at module level (a schema field, a constant) is no scoring step; a call is.
    let steps: Vec<&&CodeFact> = hits
        .scoring
        .iter()
        .filter(|s| s.scope.is_some() || s.name == "call")
        .collect();
    let scopes: BTreeSet<Option<(usize, usize)>> = steps.iter().map(|s| s.scope).collect();
    for scope in scopes {
        let in_scope = |loc: &Location, s: Option<(usize, usize)>| match scope {
            Some(range) => within(loc, range),
            None => s.is_none(),
        };
        // The call that scores is the most characteristic evidence, else the score's name.
        let Some(score) = steps
            .iter()
            .filter(|s| s.scope == scope)
            .min_by_key(|s| (s.name != "call", &s.location))
        else {
            continue;
        };
        let Some((outcome, what)) = hits
            .outcomes
            .iter()
            .find(|(o, _)| in_scope(&o.location, o.scope))
        else {
            continue;
        };
        let (confidence, pd) = match hits
            .personal
            .iter()
            .find(|p| in_scope(&p.location, p.scope))
        {
            Some(p) => (Confidence::High, p),
            None => (Confidence::Medium, &hits.personal[0]),
        };
        let mut f = fact(
            FactKind::AutomatedDecision,
            format!(
                "{} drives {what} ({}) on {} (confidence: {})",
                quoted(&score.text),
                quoted(&outcome.text),
                pd.detail,
                confidence.as_str()
            ),
            score,
            confidence,
        );
        f.related.push(Related {
            location: outcome.location.clone(),
            message: format!("outcome: {what}"),
        });
        f.related.push(Related {
            location: pd.location.clone(),
            message: format!("personal data: {}", pd.detail),
        });
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn capture(name: &str, text: &str, path: &str, line: u32) -> CodeFact {
        let start_byte = line as usize * 100;
        CodeFact {
            name: name.into(),
            text: text.into(),
            location: Location {
                path: path.into(),
                line,
                start_byte,
                end_byte: start_byte + text.len(),
                ..Location::default()
            },
            scope: None,
        }
    }

    #[test]
    fn a_capture_read_once_gives_its_facts_at_every_site() {
        let vocab = Vocabulary::load().unwrap_or_else(|e| panic!("{e}"));
        let inventory = Inventory {
            code_facts: vec![
                capture("name", "user_consent", "a.py", 1),
                capture("name", "face_embedding", "a.py", 2),
                capture("name", "user_consent", "a.py", 3),
                // The same text under another name reads differently: imports match no terms.
                capture("import", "user_consent", "a.py", 4),
                capture("name", "face_embedding", "b.py", 1),
                // A later run of the first file.
                capture("name", "user_consent", "a.py", 5),
            ],
            ..Inventory::default()
        };
        let got: Vec<(FactKind, String, u32, String)> = interpret(&inventory, &vocab)
            .into_iter()
            .map(|f| (f.kind, f.location.path, f.location.line, f.detail))
            .collect();
        let consent = |line| {
            let detail = "consent-flow `user_consent`".to_string();
            (FactKind::ConsentFlow, "a.py".to_string(), line, detail)
        };
        let face = |kind, path: &str, line| {
            let detail = "face image or embedding `face_embedding`".to_string();
            (kind, path.to_string(), line, detail)
        };
        assert_eq!(
            got,
            [
                consent(1),
                face(FactKind::PersonalData, "a.py", 2),
                face(FactKind::BiometricData, "a.py", 2),
                consent(3),
                consent(5),
                face(FactKind::PersonalData, "b.py", 1),
                face(FactKind::BiometricData, "b.py", 1),
            ]
        );
    }
}
