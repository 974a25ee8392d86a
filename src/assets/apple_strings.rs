//! Apple `.strings` (`kk.lproj/Localizable.strings`): `"key" = "value";` pairs with `/* */` and
//! `//` comments.

use super::{Extracted, Segment, escape::unescape};

pub fn segments(src: &str) -> Extracted {
    let mut out = Extracted::default();
    let mut pos = 0;
    let bytes = src.as_bytes();
    loop {
        pos = skip_trivia(src, pos);
        if pos >= src.len() {
            break;
        }
        let Some((key, _, after_key)) = token(src, pos) else {
            out.error(src, pos, "malformed .strings: expected a key");
            break;
        };
        pos = skip_trivia(src, after_key);
        if bytes.get(pos) != Some(&b'=') {
            out.error(src, pos, "malformed .strings: expected `=`");
            break;
        }
        pos = skip_trivia(src, pos + 1);
        let Some((value, value_at, after_value)) = token(src, pos) else {
            out.error(src, pos, "malformed .strings: expected a value");
            break;
        };
        out.segments
            .push(Segment::entry(&key, &value, src, value_at, after_value));
        pos = skip_trivia(src, after_value);
        if bytes.get(pos) == Some(&b';') {
            pos += 1;
        }
    }
    out
}

fn skip_trivia(src: &str, mut pos: usize) -> usize {
    loop {
        let rest = &src[pos..];
        let trimmed = rest.trim_start();
        pos += rest.len() - trimmed.len();
        if trimmed.starts_with("/*") {
            pos += trimmed.find("*/").map_or(trimmed.len(), |e| e + 2);
        } else if trimmed.starts_with("//") {
            pos += trimmed.find('\n').unwrap_or(trimmed.len());
        } else {
            return pos;
        }
    }
}

/// A quoted string or a bare word at `pos`: (decoded value, start, end).
fn token(src: &str, pos: usize) -> Option<(String, usize, usize)> {
    let rest = &src[pos..];
    if let Some(inner) = rest.strip_prefix('"') {
        let mut escaped = false;
        for (i, c) in inner.char_indices() {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                return Some((unescape(&inner[..i]), pos, pos + i + 2));
            }
        }
        None
    } else {
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '-')))
            .unwrap_or(rest.len());
        (len > 0).then(|| (rest[..len].to_string(), pos, pos + len))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pairs_and_comments() {
        let src = "/* Chat */\n\"ai.notice\" = \"Ответы генерирует \\\"ИИ\\\"\";\n// x\nai_risks = \"ИИ может ошибаться\";\n";
        let out = super::segments(src);
        assert!(out.notes.is_empty(), "{:?}", out.notes);
        let texts: Vec<_> = out.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Ответы генерирует \"ИИ\"", "ИИ может ошибаться"]);
        let seg = &out.segments[0];
        let at = seg.text.find("ИИ").unwrap();
        assert!(src[seg.source_offset(at)..].starts_with("ИИ"));
    }
}
