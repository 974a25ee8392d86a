//! Java `.properties` (`messages_kk.properties`): `key=value`, `key: value` or `key value`, with
//! `\` line continuations and `\uXXXX` escapes.

use super::escape::unescape;
use super::{Extracted, Segment};

pub fn segments(src: &str) -> Extracted {
    let mut out = Extracted::default();
    let mut logical: Option<(String, Segment)> = None;
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let body = &content[lead..];
        let continues = body.ends_with('\\') && !body.ends_with("\\\\");
        let body_text = if continues {
            &body[..body.len() - 1]
        } else {
            body
        };
        if let Some((_, seg)) = logical.as_mut() {
            seg.push_aligned(
                &unescape(body_text),
                src,
                at + lead,
                at + lead + body_text.len(),
            );
        } else if body.is_empty() || body.starts_with(['#', '!']) {
            continue;
        } else {
            let sep = key_end(body_text);
            let key = unescape(&body_text[..sep]);
            let rest = &body_text[sep..];
            let skip = rest.len()
                - rest
                    .trim_start_matches([' ', '\t'])
                    .strip_prefix(['=', ':'])
                    .unwrap_or(rest.trim_start_matches([' ', '\t']))
                    .trim_start_matches([' ', '\t'])
                    .len();
            let value_at = at + lead + sep + skip;
            let value = &body_text[sep + skip..];
            let seg = Segment::entry(
                &key,
                &unescape(value),
                src,
                value_at,
                value_at + value.len(),
            );
            logical = Some((key, seg));
        }
        if !continues && let Some((_, seg)) = logical.take() {
            out.segments.push(seg);
        }
    }
    out.segments.extend(logical.map(|(_, s)| s));
    out
}

/// Where the key ends: the first unescaped `=`, `:` or whitespace.
fn key_end(s: &str) -> usize {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if matches!(c, '=' | ':' | ' ' | '\t') {
            return i;
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_values_escapes_and_continuations() {
        let src = "# UI\nai.notice.body = \\u0416\\u0418 \\u0436\\u0430\\u0443\\u0430\\u043f \\\n    береді\nai.notice.title: Жасанды интеллект\n";
        let out = super::segments(src);
        let texts: Vec<_> = out.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["ЖИ жауап береді", "Жасанды интеллект"]);
        assert_eq!(out.segments[0].key.as_deref(), Some("ai.notice.body"));
        let seg = &out.segments[0];
        let at = seg.text.find("береді").unwrap();
        assert!(src[seg.source_offset(at)..].starts_with("береді"));
        let seg = &out.segments[1];
        assert!(src[seg.source_offset(0)..].starts_with("Жасанды"));
    }
}
