//! Reporters: one module per output format, all rendering the same [`Outcome`].

pub mod cyclonedx;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;

use crate::Outcome;
use crate::config::FailOn;
use crate::knowledge::Knowledge;
use crate::model::Severity;
use crate::suppress::META_RULES;
use std::path::PathBuf;

/// Where the rules and the suppression syntax are documented (SARIF `helpUri`, links).
pub const HOMEPAGE: &str = env!("CARGO_PKG_REPOSITORY");
use std::borrow::Cow;

/// Output formats of `check` and `inventory`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets, for people.
    Human,
    /// The `aidisclose/report/v1` JSON contract.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the lines.
    Github,
    /// A compact Markdown summary for a pull-request comment or the job summary.
    Markdown,
    /// JUnit XML, for release gates that read test reports.
    Junit,
    /// A CycloneDX 1.6 JSON ML-BOM of the AI components found.
    Cyclonedx,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Markdown => "markdown",
            Format::Junit => "junit",
            Format::Cyclonedx => "cyclonedx",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        ALL_FORMATS.into_iter().find(|f| f.name() == s)
    }
}

pub const ALL_FORMATS: [Format; 7] = [
    Format::Human,
    Format::Json,
    Format::Sarif,
    Format::Github,
    Format::Markdown,
    Format::Junit,
    Format::Cyclonedx,
];

/// Presentation options for the human format.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// Everything a reporter may need besides the outcome.
#[derive(Clone, Debug)]
pub struct Options {
    pub style: Style,
    /// Findings at or above this fail (JUnit failures, the Markdown verdict).
    pub fail_on: FailOn,
    /// A URL that file paths are appended to for links in Markdown, e.g.
    /// `https://github.com/OWNER/REPO/blob/SHA/`.
    pub link_base: Option<String>,
}

/// Renders a `check` outcome in a format.
pub fn render(
    format: Format,
    outcome: &Outcome,
    knowledge: &Knowledge,
    options: &Options,
) -> String {
    match format {
        Format::Human => human::render(&outcome.report, &outcome.inventory, options.style),
        Format::Json => json::render(&outcome.report),
        Format::Sarif => sarif::render(outcome, knowledge),
        Format::Github => github::render(outcome),
        Format::Markdown => markdown::render(outcome, options),
        Format::Junit => junit::render(outcome, knowledge, options.fail_on),
        Format::Cyclonedx => cyclonedx::render(outcome),
    }
}

/// Renders an `inventory` outcome (components and disclosures, no verdicts).
pub fn render_inventory(
    format: Format,
    outcome: &Outcome,
    knowledge: &Knowledge,
    options: &Options,
) -> String {
    match format {
        Format::Human => human::render_inventory(&outcome.report, options.style),
        other => render(other, outcome, knowledge, options),
    }
}

/// One output of a run: a format, to a file or to stdout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    pub format: Format,
    pub path: Option<PathBuf>,
}

/// Pairs `--format` and `--output` flags by their position on the command line (an `--output`
/// belongs to the `--format` before it), then adds `--output-format FORMAT=FILE` pairs. With no
/// format at all, stdout gets `human`. At most one format may go to stdout.
pub fn plan_outputs(
    formats: &[(usize, Format)],
    outputs: &[(usize, PathBuf)],
    pairs: &[(Format, PathBuf)],
) -> Result<Vec<Output>, String> {
    let mut plan: Vec<Output> = formats
        .iter()
        .map(|(_, f)| Output {
            format: *f,
            path: None,
        })
        .collect();
    for (at, path) in outputs {
        let Some(slot) = formats.iter().rposition(|(i, _)| i < at) else {
            if formats.is_empty() && outputs.len() == 1 {
                plan.push(Output {
                    format: Format::Human,
                    path: Some(path.clone()),
                });
                continue;
            }
            return Err(format!(
                "--output {} comes before any --format; write `--format FORMAT --output FILE`",
                path.display()
            ));
        };
        if let Some(previous) = &plan[slot].path {
            return Err(format!(
                "--format {} has two outputs: {} and {}",
                plan[slot].format.name(),
                previous.display(),
                path.display()
            ));
        }
        plan[slot].path = Some(path.clone());
    }
    plan.extend(pairs.iter().map(|(format, path)| Output {
        format: *format,
        path: Some(path.clone()),
    }));
    if plan.iter().all(|o| o.path.is_some()) && formats.is_empty() && outputs.is_empty() {
        plan.insert(
            0,
            Output {
                format: Format::Human,
                path: None,
            },
        );
    }
    let on_stdout: Vec<&str> = plan
        .iter()
        .filter(|o| o.path.is_none())
        .map(|o| o.format.name())
        .collect();
    if on_stdout.len() > 1 {
        return Err(format!(
            "{} would all go to stdout; give each but one an --output FILE",
            on_stdout.join(", ")
        ));
    }
    Ok(plan)
}

/// Parses `FORMAT=FILE` (`--output-format sarif=results.sarif`).
pub fn parse_output_pair(s: &str) -> Result<(Format, PathBuf), String> {
    let (format, path) = s
        .split_once('=')
        .ok_or_else(|| format!("expected FORMAT=FILE, got `{s}`"))?;
    let format = Format::parse(format.trim()).ok_or_else(|| {
        let names: Vec<&str> = ALL_FORMATS.iter().map(|f| f.name()).collect();
        format!("unknown format `{format}` (one of {})", names.join(", "))
    })?;
    if path.is_empty() {
        return Err(format!("no file after `{}=`", format.name()));
    }
    Ok((format, PathBuf::from(path)))
}

/// A rule as the machine formats describe it: the legal rules and the suppression meta-rules.
#[derive(Clone, Debug)]
pub struct RuleMeta {
    pub id: String,
    /// A PascalCase name derived from the id.
    pub name: String,
    pub title: String,
    pub description: String,
    pub help_text: String,
    pub help_markdown: String,
    pub help_uri: String,
    pub severity: Severity,
    pub tags: Vec<String>,
    pub citation: Option<String>,
}

/// Every rule a diagnostic can name, legal rules first, sorted by id within each group.
pub fn rule_table(knowledge: &Knowledge) -> Vec<RuleMeta> {
    let mut table: Vec<RuleMeta> = knowledge
        .rules
        .iter()
        .map(|r| {
            let c = &r.citation;
            let mut markdown = format!(
                "**{}**\n\n{}\n\n**How to fix.** {}\n\n**What a person must still judge.** {}\n\n\
                 **Citation.** {}, {}",
                r.title.trim(),
                r.checks.trim(),
                r.help.trim(),
                r.human_judgement.trim(),
                c.law.trim(),
                c.article.trim()
            );
            if let Some(amended) = &c.amended_by {
                markdown.push_str(&format!(" (amended by {})", amended.trim()));
            }
            markdown.push_str(&format!(
                "\n\n**Example (kk).** {}\n\n**Example (ru).** {}\n\n`aidisclose explain {}` prints \
                 the legal text in kk, ru and en.",
                r.examples.kk.trim(),
                r.examples.ru.trim(),
                r.id
            ));
            RuleMeta {
                id: r.id.clone(),
                name: pascal_case(r.id.split_once('.').map_or(r.id.as_str(), |(_, t)| t)),
                title: r.title.trim().to_string(),
                description: r.checks.trim().to_string(),
                help_text: crate::docs::explain(r),
                help_markdown: markdown,
                help_uri: format!("{HOMEPAGE}#rules"),
                severity: r.severity,
                tags: r.tags.clone(),
                citation: Some(c.short.clone()),
            }
        })
        .collect();
    table.extend(META_RULES.iter().map(|m| RuleMeta {
        id: m.id.to_string(),
        name: pascal_case(m.id.split_once('.').map_or(m.id, |(_, t)| t)),
        title: m.title.to_string(),
        description: m.title.to_string(),
        help_text: m.help.to_string(),
        help_markdown: format!("**{}**\n\n{}", m.title, m.help),
        help_uri: format!("{HOMEPAGE}#suppressions"),
        severity: m.severity,
        tags: vec!["suppression".into()],
        citation: None,
    }));
    table
}

/// The summary's counts: the findings by severity and suppressed (joined by `sep`), then what
/// was scanned (joined by `, `), e.g. `2 errors, 0 warnings, 1 note, 0 suppressed` and
/// `40 files scanned, 1 AI component, 3 disclosure passages`.
fn tally(outcome: &crate::Outcome, sep: &str) -> (String, String) {
    let s = &outcome.report.summary;
    let findings = [
        count(s.errors, "error"),
        count(s.warnings, "warning"),
        count(s.notes, "note"),
        format!("{} suppressed", outcome.suppressed.len()),
    ]
    .join(sep);
    let scanned = format!(
        "{} scanned, {}, {}",
        count(s.files, "file"),
        count(s.components, "AI component"),
        count(s.disclosures, "disclosure passage")
    );
    (findings, scanned)
}

/// `1 error`, `2 errors`.
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn pascal_case(s: &str) -> String {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod output_tests {
    use super::*;

    fn out(format: Format, path: Option<&str>) -> Output {
        Output {
            format,
            path: path.map(PathBuf::from),
        }
    }

    #[test]
    fn outputs_pair_with_the_format_before_them() {
        let plan = plan_outputs(
            &[(1, Format::Human), (3, Format::Sarif)],
            &[(5, "results.sarif".into())],
            &[],
        )
        .unwrap();
        assert_eq!(
            plan,
            [
                out(Format::Human, None),
                out(Format::Sarif, Some("results.sarif"))
            ]
        );
        let plan = plan_outputs(
            &[(1, Format::Sarif), (5, Format::Human)],
            &[(3, "r.sarif".into())],
            &[(Format::Markdown, "summary.md".into())],
        )
        .unwrap();
        assert_eq!(
            plan,
            [
                out(Format::Sarif, Some("r.sarif")),
                out(Format::Human, None),
                out(Format::Markdown, Some("summary.md"))
            ]
        );
    }

    #[test]
    fn defaults_and_conflicts() {
        assert_eq!(
            plan_outputs(&[], &[], &[]).unwrap(),
            [out(Format::Human, None)]
        );
        assert_eq!(
            plan_outputs(&[], &[(2, "report.txt".into())], &[]).unwrap(),
            [out(Format::Human, Some("report.txt"))]
        );
        assert_eq!(
            plan_outputs(&[], &[], &[(Format::Sarif, "a.sarif".into())]).unwrap(),
            [
                out(Format::Human, None),
                out(Format::Sarif, Some("a.sarif"))
            ]
        );
        assert!(plan_outputs(&[(1, Format::Human), (3, Format::Json)], &[], &[]).is_err());
        assert!(
            plan_outputs(
                &[(1, Format::Sarif)],
                &[(3, "a".into()), (5, "b".into())],
                &[]
            )
            .is_err()
        );
        assert!(parse_output_pair("sarif=out.sarif").is_ok());
        assert!(parse_output_pair("sarif").is_err());
        assert!(
            parse_output_pair("xml=a")
                .unwrap_err()
                .contains("cyclonedx")
        );
        assert_eq!(
            pascal_case("consumer.ai-risks-safe-use"),
            "ConsumerAiRisksSafeUse"
        );
    }
}

/// `s` with its control characters written as escapes (`\n`, `\u{1b}`), for file names and
/// messages in text output: a hostile file name cannot move the cursor, recolour the terminal or
/// forge a line of the report.
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Source text for snippets: control characters other than newline and tab become `?`, one per
/// byte, so that spans keep their byte offsets.
pub fn printable_source(s: &str) -> Cow<'_, str> {
    let hidden = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if hidden(c) {
                    "?".repeat(c.len_utf8())
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_made_visible() {
        assert!(matches!(printable("docs/ai.md"), Cow::Borrowed(_)));
        assert_eq!(printable("a\x1b[2J\nb.py"), "a\\u{1b}[2J\\nb.py");
        let source = "x = 1\r\n# \x1b[31m\u{9b}red\n";
        let shown = printable_source(source);
        assert_eq!(shown, "x = 1?\n# ?[31m??red\n");
        assert_eq!(shown.len(), source.len());
    }
}
