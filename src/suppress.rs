//! The suppress stage: inline `aidisclose: ignore[RULE] -- reason` directives, config waivers, and
//! the diagnostics about suppressions themselves (malformed or unused directives, expired waivers).
//!
//! Directives are found while a file is scanned (one read per file, see [`directives`]); this
//! module then matches them against the diagnostics of the evaluate stage.

use crate::config::Config;
use crate::engine::fingerprint;
use crate::knowledge::Knowledge;
use crate::model::{Diagnostic, Location, Severity};
use crate::text::LineIndex;
use regex::Regex;
use std::sync::LazyLock;

/// The literal every directive contains; files without it are not parsed for directives.
pub const MARKER: &str = "aidisclose:";

/// An inline directive as written in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The directive text (from `aidisclose:` to the end of the line).
    pub location: Location,
    pub kind: DirectiveKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `ignore[...]` (this line and the next) or `ignore-file[...]` (the whole file).
    Ignore {
        rules: Vec<String>,
        reason: String,
        whole_file: bool,
    },
    /// Looks like a directive but does not parse; the message says why.
    Malformed(String),
}

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^aidisclose:[ \t]*(ignore[A-Za-z_-]*)(.*)$").expect("directive regex")
});
static BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\[([^\]]*)\](?:[ \t]+--[ \t]*(.*))?$").expect("directive body regex")
});
static RULE_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z0-9][a-z0-9.-]*$").expect("rule id regex"));

/// Comment openers of the languages and formats scanned; a directive must follow one on its line.
const COMMENT_OPENERS: [&str; 7] = ["//", "#", "/*", "<!--", "--", ";", "%"];

/// Finds the directives in a file's text (a cheap literal check first).
pub fn directives(path: &str, text: &str) -> Vec<Directive> {
    if memchr::memmem::find(text.as_bytes(), MARKER.as_bytes()).is_none() {
        return Vec::new();
    }
    let index = LineIndex::new(text);
    let mut out = Vec::new();
    for (start, _) in text.match_indices(MARKER) {
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let before = &text[line_start..start];
        let in_comment = COMMENT_OPENERS.iter().any(|o| before.contains(o))
            || before.trim_start().starts_with('*');
        if !in_comment {
            continue;
        }
        let rest = text[start..line_end].trim_end_matches('\r');
        if let Some(kind) = parse(rest) {
            out.push(Directive {
                location: index.location(path, start, start + rest.len()),
                kind,
            });
        }
    }
    out
}

/// Parses `aidisclose: ...` up to the end of its line; `None` when it is not a directive at all.
fn parse(text: &str) -> Option<DirectiveKind> {
    let caps = DIRECTIVE.captures(text)?;
    let verb = caps.get(1).map_or("", |m| m.as_str());
    let whole_file = match verb {
        "ignore" => false,
        "ignore-file" => true,
        other => {
            return Some(DirectiveKind::Malformed(format!(
                "unknown directive `{other}`: use `ignore[RULE] -- reason` or `ignore-file[RULE] -- reason`"
            )));
        }
    };
    let body = strip_comment_close(caps.get(2).map_or("", |m| m.as_str()));
    let Some(body) = BODY.captures(body) else {
        return Some(DirectiveKind::Malformed(format!(
            "expected `{verb}[RULE, ...] -- reason`"
        )));
    };
    let rules: Vec<String> = body[1]
        .split(',')
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect();
    if rules.is_empty() {
        return Some(DirectiveKind::Malformed(format!(
            "`{verb}[]` names no rule"
        )));
    }
    if let Some(bad) = rules.iter().find(|r| !RULE_ID.is_match(r)) {
        return Some(DirectiveKind::Malformed(format!(
            "`{bad}` is not a rule id"
        )));
    }
    let reason = body.get(2).map_or("", |m| m.as_str()).trim();
    if reason.is_empty() {
        return Some(DirectiveKind::Malformed(
            "a suppression needs a reason: `-- why this is acceptable`".into(),
        ));
    }
    Some(DirectiveKind::Ignore {
        rules,
        reason: reason.to_string(),
        whole_file,
    })
}

/// Drops a trailing block-comment closer (`-->`, `*/`) and whitespace.
fn strip_comment_close(text: &str) -> &str {
    let t = text.trim_end();
    t.strip_suffix("-->")
        .or_else(|| t.strip_suffix("*/"))
        .unwrap_or(t)
        .trim_end()
}

/// The rules aidisclose applies to its own suppressions; they cannot be suppressed.
pub struct MetaRule {
    pub id: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    pub help: &'static str,
}

pub const MALFORMED: &str = "aidisclose.suppression.malformed";
pub const UNUSED: &str = "aidisclose.suppression.unused";
pub const EXPIRED: &str = "aidisclose.waiver.expired";

pub const META_RULES: [MetaRule; 3] = [
    MetaRule {
        id: MALFORMED,
        title: "An inline suppression that does not parse, names an unknown rule or gives no reason",
        severity: Severity::Warning,
        help: "Write `aidisclose: ignore[RULE] -- reason` (this line and the next) or \
               `aidisclose: ignore-file[RULE] -- reason` (the whole file) in a comment; \
               `aidisclose rules` lists the rule ids.",
    },
    MetaRule {
        id: UNUSED,
        title: "An inline suppression that suppresses nothing",
        severity: Severity::Warning,
        help: "Remove the suppression: the finding it was written for is gone or was never on \
               this line or the next.",
    },
    MetaRule {
        id: EXPIRED,
        title: "A config waiver past its expiry date",
        severity: Severity::Error,
        help: "Fix the findings the waiver covered, or review the exception and set a new \
               `expires` date with an up-to-date `reason`.",
    },
];

pub fn meta_rule(id: &str) -> Option<&'static MetaRule> {
    META_RULES.iter().find(|r| r.id == id)
}

/// Why a diagnostic is not reported as open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SuppressedBy {
    /// An inline directive, at its location.
    Inline { location: Location, reason: String },
    /// A config waiver (1-based line in the config file).
    Waiver { line: u32, reason: String },
    /// Recorded in the baseline file.
    Baseline,
}

impl SuppressedBy {
    /// The justification shown to auditors.
    pub fn justification(&self) -> String {
        match self {
            SuppressedBy::Inline { reason, .. } => reason.clone(),
            SuppressedBy::Waiver { reason, .. } => format!("config waiver: {reason}"),
            SuppressedBy::Baseline => "recorded in the baseline".into(),
        }
    }

    /// In the source (an inline directive) or outside it (config, baseline).
    pub fn in_source(&self) -> bool {
        matches!(self, SuppressedBy::Inline { .. })
    }
}

/// A diagnostic that a directive, a waiver or the baseline took out of the open findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppressed {
    pub diagnostic: Diagnostic,
    pub by: SuppressedBy,
}

/// Applies directives and waivers to the diagnostics of the evaluate stage; returns the open
/// diagnostics (with the diagnostics about suppressions added) and the suppressed ones. `today`
/// is `YYYY-MM-DD`.
pub fn apply(
    diagnostics: Vec<Diagnostic>,
    directives: &[Directive],
    config: &Config,
    knowledge: &Knowledge,
    root_relative_config: Option<&str>,
    today: &str,
) -> (Vec<Diagnostic>, Vec<Suppressed>) {
    let mut open = Vec::new();
    let mut suppressed = Vec::new();
    let mut meta = Vec::new();
    let ids = knowledge.rule_ids();
    // Which (directive, rule) pairs suppressed something.
    let mut used: Vec<Vec<bool>> = directives
        .iter()
        .map(|d| match &d.kind {
            DirectiveKind::Ignore { rules, .. } => vec![false; rules.len()],
            DirectiveKind::Malformed(_) => Vec::new(),
        })
        .collect();
    let expired: Vec<bool> = config
        .waivers
        .iter()
        .map(|w| w.expires.as_deref().is_some_and(|e| e < today))
        .collect();
    for d in diagnostics {
        if let Some(by) = inline_match(&d, directives, &mut used) {
            suppressed.push(Suppressed { diagnostic: d, by });
            continue;
        }
        let waiver = config.waivers.iter().enumerate().find(|(i, w)| {
            !expired[*i] && w.rule == d.rule && (w.patterns.is_empty() || w.paths.is_match(&d.path))
        });
        match waiver {
            Some((_, w)) => suppressed.push(Suppressed {
                diagnostic: d,
                by: SuppressedBy::Waiver {
                    line: w.line,
                    reason: w.reason.clone(),
                },
            }),
            None => open.push(d),
        }
    }
    for (directive, used) in directives.iter().zip(&used) {
        match &directive.kind {
            DirectiveKind::Malformed(message) => {
                meta.push(meta_diagnostic(
                    MALFORMED,
                    &directive.location,
                    message.clone(),
                ));
            }
            DirectiveKind::Ignore { rules, .. } => {
                for (rule, used) in rules.iter().zip(used) {
                    if !ids.contains(&rule.as_str()) {
                        let hint = crate::yaml::suggest(rule, &ids)
                            .map(|s| format!("; did you mean `{s}`?"))
                            .unwrap_or_default();
                        meta.push(meta_diagnostic(
                            MALFORMED,
                            &directive.location,
                            format!("unknown rule `{rule}`{hint}"),
                        ));
                    } else if !used && enabled(rule, config, knowledge) {
                        meta.push(meta_diagnostic(
                            UNUSED,
                            &directive.location,
                            format!("this suppression of `{rule}` suppresses nothing"),
                        ));
                    }
                }
            }
        }
    }
    for (waiver, expired) in config.waivers.iter().zip(expired) {
        if !expired {
            continue;
        }
        let path = root_relative_config.unwrap_or(".aidisclose.yml");
        let location = Location {
            path: path.to_string(),
            line: waiver.line,
            column: 1,
            end_line: waiver.line,
            end_column: 1,
            ..Location::default()
        };
        meta.push(meta_diagnostic(
            EXPIRED,
            &location,
            format!(
                "the waiver of `{}` expired on {}; the findings it covered are reported again",
                waiver.rule,
                waiver.expires.as_deref().unwrap_or_default()
            ),
        ));
    }
    open.extend(meta);
    open.sort_by(|a, b| (&a.location, &a.rule).cmp(&(&b.location, &b.rule)));
    (open, suppressed)
}

fn enabled(rule: &str, config: &Config, knowledge: &Knowledge) -> bool {
    knowledge.rule(rule).is_some_and(|r| {
        config.jurisdictions.iter().any(|j| j == r.pack())
            && config.severity_of(&r.id, r.severity).is_some()
    })
}

/// The first directive that covers `d`: same file, the rule named, and the diagnostic on the
/// directive's line or the next (any line for `ignore-file`).
fn inline_match(
    d: &Diagnostic,
    directives: &[Directive],
    used: &mut [Vec<bool>],
) -> Option<SuppressedBy> {
    for (i, directive) in directives.iter().enumerate() {
        let DirectiveKind::Ignore {
            rules,
            reason,
            whole_file,
        } = &directive.kind
        else {
            continue;
        };
        if directive.location.path != d.path {
            continue;
        }
        let line = directive.location.line;
        if !whole_file && d.line != line && d.line != line + 1 {
            continue;
        }
        if let Some(r) = rules.iter().position(|r| *r == d.rule) {
            used[i][r] = true;
            return Some(SuppressedBy::Inline {
                location: directive.location.clone(),
                reason: reason.clone(),
            });
        }
    }
    None
}

fn meta_diagnostic(rule: &'static str, location: &Location, message: String) -> Diagnostic {
    let meta = meta_rule(rule).expect("a meta rule");
    Diagnostic {
        rule: rule.to_string(),
        severity: meta.severity,
        fingerprint: fingerprint(&[rule, &location.path, &message]),
        message,
        path: location.path.clone(),
        line: location.line,
        column: location.column,
        end_line: location.end_line,
        end_column: location.end_column,
        help: meta.help.to_string(),
        citations: Vec::new(),
        related: Vec::new(),
        location: location.clone(),
        label: meta.title.to_string(),
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    date_of_days((secs / 86_400) as i64)
}

/// The civil date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn date_of_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(u32, DirectiveKind)> {
        directives("f", text)
            .into_iter()
            .map(|d| (d.location.line, d.kind))
            .collect()
    }

    fn ignore(rules: &[&str], reason: &str, whole_file: bool) -> DirectiveKind {
        DirectiveKind::Ignore {
            rules: rules.iter().map(|r| r.to_string()).collect(),
            reason: reason.into(),
            whole_file,
        }
    }

    #[test]
    fn directives_in_every_comment_syntax() {
        let text = "import openai  # aidisclose: ignore[kz.a] -- internal batch job\n\
                    // aidisclose: ignore[kz.a, kz.b] -- covered by the vendor notice\n\
                    <!-- aidisclose: ignore-file[kz.a] -- archived page -->\n\
                    /* aidisclose: ignore[kz.b] -- legacy */\n\
                    \x20* aidisclose: ignore[kz.b] -- inside a block comment\n\
                    -- aidisclose: ignore[kz.b] -- SQL\n";
        assert_eq!(
            kinds(text),
            vec![
                (1, ignore(&["kz.a"], "internal batch job", false)),
                (
                    2,
                    ignore(&["kz.a", "kz.b"], "covered by the vendor notice", false)
                ),
                (3, ignore(&["kz.a"], "archived page", true)),
                (4, ignore(&["kz.b"], "legacy", false)),
                (5, ignore(&["kz.b"], "inside a block comment", false)),
                (6, ignore(&["kz.b"], "SQL", false)),
            ]
        );
    }

    #[test]
    fn prose_and_strings_are_not_directives() {
        let text = "The aidisclose: ignore[kz.a] -- x syntax is described below.\n\
                    msg = \"aidisclose: ignore[kz.a] -- no\"\n\
                    # aidisclose: the tool we run in CI\n";
        assert!(kinds(text).is_empty(), "{:?}", kinds(text));
    }

    #[test]
    fn malformed_directives_say_why() {
        let text = "# aidisclose: ignore[kz.a]\n\
                    # aidisclose: ignore[kz.a] --   \n\
                    # aidisclose: ignore kz.a -- reason\n\
                    # aidisclose: ignore[] -- reason\n\
                    # aidisclose: ignore[KZ A] -- reason\n\
                    # aidisclose: ignores[kz.a] -- reason\n";
        let found = kinds(text);
        assert_eq!(found.len(), 6);
        let messages: Vec<String> = found
            .into_iter()
            .map(|(_, k)| match k {
                DirectiveKind::Malformed(m) => m,
                other => panic!("parsed {other:?}"),
            })
            .collect();
        assert!(messages[0].contains("needs a reason"));
        assert!(messages[1].contains("needs a reason"));
        assert!(messages[2].contains("expected"));
        assert!(messages[3].contains("names no rule"));
        assert!(messages[4].contains("not a rule id"));
        assert!(messages[5].contains("unknown directive"));
    }

    #[test]
    fn crlf_and_unicode_reasons() {
        let text = "x = 1\r\n# aidisclose: ignore[kz.a] -- ішкі құрал, тұтынушы жоқ\r\n";
        assert_eq!(
            kinds(text),
            vec![(2, ignore(&["kz.a"], "ішкі құрал, тұтынушы жоқ", false))]
        );
    }

    #[test]
    fn civil_dates() {
        assert_eq!(date_of_days(0), "1970-01-01");
        assert_eq!(date_of_days(20_513), "2026-03-01");
        assert_eq!(date_of_days(11_016), "2000-02-29");
        assert_eq!(today().len(), 10);
    }
}
