//! Typed YAML loading shared by the config file and the embedded knowledge, with errors that point
//! at the file, line and column, and a "did you mean" hint for unknown keys and values.

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::de::DeserializeOwned;
use thiserror::Error;

/// A YAML file that failed to parse or to validate.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(aidisclose::yaml))]
pub struct YamlError {
    pub message: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("{label}")]
    pub span: SourceSpan,
    pub label: String,
    #[help]
    pub help: Option<String>,
    /// 1-based line of the problem, for callers that print it themselves.
    pub line: usize,
}

impl YamlError {
    /// An error at a byte span of `text`, for checks made after parsing.
    pub fn at(
        name: &str,
        text: &str,
        span: (usize, usize),
        message: String,
        help: Option<String>,
    ) -> Self {
        let (start, len) = span;
        let start = start.min(text.len());
        let line = text[..start].matches('\n').count() + 1;
        YamlError {
            label: short_label(&message),
            message,
            src: NamedSource::new(name, text.to_string()),
            span: (start, len.min(text.len() - start)).into(),
            help,
            line,
        }
    }
}

fn short_label(message: &str) -> String {
    message
        .split(", expected")
        .next()
        .unwrap_or(message)
        .to_string()
}

/// Options that bound what a YAML document may cost (alias expansion, depth, size).
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 64,
            max_anchors: 256,
            max_aliases: 1_000,
        },
    }
}

/// Parses `text` (the file `name`) into `T`, turning any error into a [`YamlError`].
pub fn parse<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, Box<YamlError>> {
    serde_saphyr::from_str_with_options::<T>(text, options())
        .map_err(|err| Box::new(convert(name, text, &err)))
}

fn convert(name: &str, text: &str, err: &serde_saphyr::Error) -> YamlError {
    let message = err.without_snippet().to_string();
    let message = message
        .lines()
        .next()
        .unwrap_or("invalid YAML")
        .trim()
        .to_string();
    let help = unknown_name_hint(&message);
    let (start, len) = match err.location() {
        Some(loc) => {
            let start = loc
                .span()
                .byte_offset()
                .map(|b| b as usize)
                .unwrap_or_else(|| byte_of(text, loc.line() as usize, loc.column() as usize));
            let len = token_len(text, start);
            (start, len)
        }
        None => (0, 0),
    };
    YamlError::at(name, text, (start, len), message, help)
}

/// For "unknown field `x`, expected one of a, b" (and variants), a "did you mean" hint.
fn unknown_name_hint(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let (word, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest
        .split_once("expected one of ")
        .or_else(|| rest.split_once("expected "))
        .map(|(_, list)| {
            list.split(", ")
                .map(|w| w.trim().trim_matches('`'))
                .filter(|w| !w.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Some(suggest(word, &expected).map_or_else(
        || format!("valid here: {}", expected.join(", ")),
        |s| format!("did you mean `{s}`?"),
    ))
}

/// The byte offset of a 1-based line and character column.
fn byte_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[line_start.min(text.len())..];
    line_start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

/// Length of the token starting at `start`: up to the end of the line, a `:` or a `#` comment.
fn token_len(text: &str, start: usize) -> usize {
    let rest = &text[start.min(text.len())..];
    let line = rest.split('\n').next().unwrap_or("");
    let token = line.split(": ").next().unwrap_or(line);
    let token = token.split(" #").next().unwrap_or(token).trim_end();
    token.trim_end_matches(':').len().max(1).min(rest.len())
}

/// The closest of `candidates` to `word`, if it is close enough to be a plausible typo.
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Demo {
        languages: Vec<String>,
        #[serde(default)]
        fail_on: Option<String>,
    }

    #[test]
    fn unknown_key_points_at_line_with_hint() {
        let text = "languages: [kk]\nlanguage: [ru]\n";
        let err = parse::<Demo>("cfg.yml", text).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(
            err.message.contains("unknown field `language`"),
            "{}",
            err.message
        );
        assert_eq!(err.help.as_deref(), Some("did you mean `languages`?"));
    }

    #[test]
    fn syntax_error_has_a_location() {
        let text = "languages: [kk\nfail_on: \"error\n";
        let err = parse::<Demo>("cfg.yml", text).unwrap_err();
        assert!(err.line >= 1);
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        text.push_str("languages: [kk]\n");
        assert!(parse::<Demo>("bomb.yml", &text).is_err());
    }
}
