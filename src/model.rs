//! The facts a scan extracts and the report it produces. The serialised shape of [`Report`] is the
//! JSON contract `aidisclose/report/v1` (see `README.md`, "JSON report").

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// A span in a scanned file. Lines and columns are 1-based; columns count characters.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// Byte range in the file, for snippets; not part of the JSON contract.
    #[serde(skip)]
    pub start_byte: usize,
    #[serde(skip)]
    pub end_byte: usize,
}

/// Closed list of component kinds (see `DESIGN.md`).
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum ComponentKind {
    Llm,
    GenerativeImage,
    GenerativeAudio,
    GenerativeVideo,
    SpeechRecognition,
    BiometricFace,
    BiometricVoice,
    BiometricOther,
    MlScoring,
    Embedding,
    Recommender,
    ComputerVision,
    MlRuntime,
}

impl ComponentKind {
    /// How much a kind says about the purpose of a component: a specific purpose beats a runtime.
    pub fn specificity(self) -> u8 {
        match self {
            ComponentKind::MlRuntime => 0,
            ComponentKind::Embedding | ComponentKind::ComputerVision => 1,
            _ => 2,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ComponentKind::Llm => "llm",
            ComponentKind::GenerativeImage => "generative-image",
            ComponentKind::GenerativeAudio => "generative-audio",
            ComponentKind::GenerativeVideo => "generative-video",
            ComponentKind::SpeechRecognition => "speech-recognition",
            ComponentKind::BiometricFace => "biometric-face",
            ComponentKind::BiometricVoice => "biometric-voice",
            ComponentKind::BiometricOther => "biometric-other",
            ComponentKind::MlScoring => "ml-scoring",
            ComponentKind::Embedding => "embedding",
            ComponentKind::Recommender => "recommender",
            ComponentKind::ComputerVision => "computer-vision",
            ComponentKind::MlRuntime => "ml-runtime",
        }
    }
}

impl fmt::Display for ComponentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which detector saw a piece of evidence.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Detector {
    Manifest,
    Import,
    Call,
    ModelFile,
    Endpoint,
    Env,
    Config,
}

impl Detector {
    pub fn as_str(self) -> &'static str {
        match self {
            Detector::Manifest => "manifest",
            Detector::Import => "import",
            Detector::Call => "call",
            Detector::ModelFile => "model-file",
            Detector::Endpoint => "endpoint",
            Detector::Env => "env",
            Detector::Config => "config",
        }
    }

    /// Anchor preference for project-level diagnostics: the call that reveals the purpose first,
    /// then imports, then endpoints and model files, then manifest entries.
    pub fn anchor_rank(self) -> u8 {
        match self {
            Detector::Call => 0,
            Detector::Import => 1,
            Detector::Endpoint => 2,
            Detector::ModelFile => 3,
            Detector::Env => 4,
            Detector::Manifest => 5,
            Detector::Config => 6,
        }
    }
}

/// Where a signal was seen.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Evidence {
    #[serde(flatten)]
    pub location: Location,
    pub detector: Detector,
}

/// One component signal seen in one file, before merging.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ComponentHit {
    pub ecosystem: String,
    pub name: String,
    pub kind: ComponentKind,
    pub evidence: Evidence,
}

/// An AI component of the product: evidence merged per (ecosystem, name).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Component {
    pub name: String,
    pub kind: ComponentKind,
    pub ecosystem: String,
    pub evidence: Vec<Evidence>,
}

/// How an asset reaches the consumer.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    Packaging,
    Docs,
    Ui,
    Store,
    Web,
    Legal,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Packaging => "packaging",
            Channel::Docs => "docs",
            Channel::Ui => "ui",
            Channel::Store => "store",
            Channel::Web => "web",
            Channel::Legal => "legal",
        }
    }
}

/// Languages disclosures are recognised in.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Kk,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "kk" => Some(Lang::Kk),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Things a disclosure says (closed list, see `DESIGN.md`).
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Concept {
    AiNotice,
    AiRisks,
    SafeUse,
    AutomatedProcessing,
    Objection,
    RightsProtection,
    Consent,
    ConsentWithdrawal,
    AiGeneratedLabel,
    BiometricConsent,
    ProcessingPurpose,
}

impl Concept {
    pub fn as_str(self) -> &'static str {
        match self {
            Concept::AiNotice => "ai-notice",
            Concept::AiRisks => "ai-risks",
            Concept::SafeUse => "safe-use",
            Concept::AutomatedProcessing => "automated-processing",
            Concept::Objection => "objection",
            Concept::RightsProtection => "rights-protection",
            Concept::Consent => "consent",
            Concept::ConsentWithdrawal => "consent-withdrawal",
            Concept::AiGeneratedLabel => "ai-generated-label",
            Concept::BiometricConsent => "biometric-consent",
            Concept::ProcessingPurpose => "processing-purpose",
        }
    }
}

impl fmt::Display for Concept {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where one concept was recognised inside a disclosure.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ConceptHit {
    pub concept: Concept,
    pub location: Location,
}

/// A passage of an asset in one language that expresses one or more concepts.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Disclosure {
    pub path: String,
    pub line: u32,
    pub end_line: u32,
    pub language: Lang,
    pub channel: Channel,
    pub concepts: BTreeSet<Concept>,
    pub excerpt: String,
    /// The passage: its heading path or string-table key group.
    #[serde(skip)]
    pub scope: String,
    #[serde(skip)]
    pub location: Location,
    /// The passage's text, for predicates that read it (deadlines, …).
    #[serde(skip)]
    pub text: String,
    /// The first line of the passage (its heading, for a section).
    #[serde(skip)]
    pub head: Location,
    #[serde(skip)]
    pub hits: Vec<ConceptHit>,
    /// The key group of a string-table passage (`ai.disclaimer` for `ai.disclaimer.*`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The full keys of the string-table entries in the passage.
    #[serde(skip)]
    pub keys: Vec<String>,
    /// For a UI string-table passage: whether UI code references one of its keys (`t('…')`,
    /// `R.string.…`, `NSLocalizedString`); `None` when the scan saw no key references at all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reachable: Option<bool>,
    /// Where UI code references the passage's keys.
    #[serde(skip)]
    pub references: Vec<Location>,
}

/// One entry of a string table (a locale file), kept for the parity check across locales.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TableEntry {
    /// The table: the file's path with its locale replaced by `{lang}` (`locales/{lang}/app.json`).
    pub table: String,
    pub key: String,
    /// The locale the entry belongs to.
    pub language: Lang,
    /// The language its text reads as, when that can be told and differs from `language`.
    pub reads_as: Option<Lang>,
    pub empty: bool,
    /// A hash of the entry's normalised text, to tell an untranslated copy.
    pub text_hash: u64,
    /// Whether the entry's text expresses a concept of the lexicon.
    pub discloses: bool,
    pub location: Location,
}

/// How a disclosure in one locale is missing in another.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum GapKind {
    /// The key is absent from the locale (or the locale has no table).
    Missing,
    /// The key is present with an empty value.
    Empty,
    /// The value is identical to the disclosing locale's value (not translated).
    Identical,
    /// The value is in another language.
    WrongLanguage,
}

/// A string-table key that carries a disclosure in one locale and is missing, empty, identical
/// or in the wrong language in another required locale.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TranslationGap {
    pub table: String,
    pub key: String,
    pub kind: GapKind,
    /// The locale where the disclosure is missing.
    pub language: Lang,
    /// The entry in that locale, when there is one.
    pub location: Option<Location>,
    /// The entry that carries the disclosure.
    pub source: Location,
    pub source_language: Lang,
}

/// A file whose path or format declares one language while its text reads as another
/// (typically a `kk` locale file left untranslated).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LanguageMismatch {
    pub path: String,
    pub declared: Lang,
    /// The language the text reads as; `None` when it is none of kk, ru, en.
    pub reads_as: Option<Lang>,
    pub location: Location,
}

/// A note about a file the scan could not fully read, or about the scan itself.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note {
    pub path: String,
    pub message: String,
}

/// A syntactic fact a query captured as `@fact.<name>` (a route path, a personal-data field, a
/// user-facing string, a media output call…), for the modules and rules that interpret it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CodeFact {
    /// The capture name without the `fact.` prefix, e.g. `route.path`.
    pub name: String,
    /// The captured text (string quotes kept as written).
    pub text: String,
    pub location: Location,
    /// Byte range of the enclosing function or method, if any: facts in the same function are
    /// "near" each other.
    pub scope: Option<(usize, usize)>,
}

/// Everything extracted from one file.
#[derive(Debug, Default)]
pub struct FileFacts {
    pub components: Vec<ComponentHit>,
    pub disclosures: Vec<Disclosure>,
    pub code_facts: Vec<CodeFact>,
    pub notes: Vec<Note>,
    /// Files a manifest includes (`-r base.txt`), relative to the scanned root: read after the
    /// walk unless the walk already read them.
    pub includes: Vec<String>,
    /// String-table entries, for the parity check across locales.
    pub entries: Vec<TableEntry>,
    pub mismatches: Vec<LanguageMismatch>,
    /// Inline `aidisclose:` directives (suppressions).
    pub directives: Vec<crate::suppress::Directive>,
    /// A source file that references translation keys (`t("…")`, `R.string.…`).
    pub references_keys: bool,
}

impl FileFacts {
    pub fn is_empty(&self) -> bool {
        self.components.is_empty()
            && self.disclosures.is_empty()
            && self.code_facts.is_empty()
            && self.notes.is_empty()
            && self.entries.is_empty()
            && self.mismatches.is_empty()
            && self.directives.is_empty()
    }

    pub fn note(path: &str, message: impl Into<String>) -> FileFacts {
        FileFacts {
            notes: vec![Note {
                path: path.to_string(),
                message: message.into(),
            }],
            ..FileFacts::default()
        }
    }
}

/// Severity of a rule and of its diagnostics.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary span shown with a diagnostic (other evidence, a partial disclosure).
#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Related {
    #[serde(flatten)]
    pub location: Location,
    pub message: String,
}

/// A rule not satisfied, anchored at the evidence that triggered it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub help: String,
    pub citations: Vec<String>,
    pub fingerprint: String,
    /// Other evidence and partial disclosures; shown by the human and SARIF reporters.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    #[serde(skip)]
    pub location: Location,
    /// The primary label: what was seen at the anchor.
    #[serde(skip)]
    pub label: String,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ToolInfo {
    pub name: String,
    pub version: String,
}

#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub components: usize,
    pub disclosures: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

/// The result of a scan: the JSON contract `aidisclose/report/v1`.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Report {
    pub schema: &'static str,
    pub tool: ToolInfo,
    pub components: Vec<Component>,
    pub disclosures: Vec<Disclosure>,
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
    /// Files skipped or only partly read, with the reason.
    pub skipped: Vec<Note>,
}

pub const REPORT_SCHEMA: &str = "aidisclose/report/v1";
