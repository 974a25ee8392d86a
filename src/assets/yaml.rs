//! YAML locale files (Rails `kk:` roots, vue-i18n, Symfony translations): every string scalar
//! with its key path, from the event stream of `granit-parser` (the parser below serde-saphyr),
//! which keeps each scalar's source span.

use super::{Extracted, Segment, language};
use crate::limits::Limits;
use granit_parser::{Event, Parser, Span};

enum Frame {
    /// A mapping; `key` is the pending key, if read.
    Map {
        key: Option<String>,
    },
    Seq {
        index: usize,
    },
}

pub fn locale(src: &str, limits: &Limits) -> Extracted {
    let mut out = Extracted::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let byte = |span: &Span| {
        (
            span.start.byte_offset().unwrap_or(0),
            span.end.byte_offset().unwrap_or(0),
        )
    };
    for event in Parser::new_from_str(src) {
        let (event, span) = match event {
            Ok(e) => e,
            Err(e) => {
                let m = e.marker();
                let offset = m
                    .byte_offset()
                    .unwrap_or_else(|| line_offset(src, m.line()));
                out.error(src, offset, &format!("malformed YAML: {}", e.info()));
                break;
            }
        };
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if limits.too_deep(stack.len() + 1) {
                    out.error(src, byte(&span).0, "YAML nested deeper than max-nesting");
                    break;
                }
                let name = child_name(&mut stack);
                if let Some(name) = name {
                    path.push(name);
                }
                stack.push(match event {
                    Event::MappingStart(..) => Frame::Map { key: None },
                    _ => Frame::Seq { index: 0 },
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                if !stack.is_empty() {
                    path.pop();
                }
            }
            Event::Scalar(value, ..) => {
                if let Some(Frame::Map { key }) = stack.last_mut()
                    && key.is_none()
                {
                    *key = Some(value.into_owned());
                    continue;
                }
                let Some(name) = child_name(&mut stack) else {
                    continue;
                };
                path.push(name);
                let (start, end) = byte(&span);
                // A Rails-style root (`kk:`) names the locale; it is not part of the key.
                let keys = match path.first().and_then(|p| language::from_code(p)) {
                    Some(lang) if path.len() > 1 => {
                        out.lang = Some(lang);
                        &path[1..]
                    }
                    _ => &path[..],
                };
                if !keys.is_empty() && is_text(&value) {
                    out.segments
                        .push(Segment::entry(&keys.join("."), &value, src, start, end));
                }
                path.pop();
            }
            Event::Alias(_) => {
                child_name(&mut stack);
            }
            _ => {}
        }
    }
    out
}

/// The name of the next child of the innermost collection (the pending key of a mapping, the
/// index in a sequence), consuming it.
fn child_name(stack: &mut [Frame]) -> Option<String> {
    match stack.last_mut()? {
        Frame::Map { key } => key.take(),
        Frame::Seq { index } => {
            *index += 1;
            Some((*index - 1).to_string())
        }
    }
}

/// Booleans, numbers and nulls are not user-facing text.
fn is_text(value: &str) -> bool {
    !(value.is_empty()
        || matches!(value, "~" | "null" | "true" | "false")
        || value.parse::<f64>().is_ok())
}

fn line_offset(src: &str, line: usize) -> usize {
    src.split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    #[test]
    fn rails_root_and_nested_keys() {
        let src = "kk:\n  chat:\n    footer: \"Жауаптарды ЖИ жасайды\"\n    notice: |\n      Бұл қызмет\n      жасанды интеллектті пайдаланады.\n  count: 3\n";
        let out = locale(src, &Limits::default());
        assert_eq!(out.lang, Some(Lang::Kk));
        let keys: Vec<_> = out
            .segments
            .iter()
            .map(|s| s.key.clone().unwrap())
            .collect();
        assert_eq!(keys, ["chat.footer", "chat.notice"]);
        let seg = &out.segments[1];
        let at = seg.text.find("жасанды").unwrap();
        assert!(src[seg.source_offset(at)..].starts_with("жасанды"));
    }

    #[test]
    fn malformed_yaml_is_a_note() {
        let out = locale("a:\n  b: \"unclosed\n  c: d\n", &Limits::default());
        assert_eq!(out.notes.len(), 1, "{:?}", out.notes);
    }
}
