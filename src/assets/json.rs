//! JSON locale files with exact spans: i18next, next-intl, vue-i18n (nested or dotted keys),
//! Flutter `.arb` (`@@locale`, `@key` metadata skipped) and Apple `.xcstrings` (every
//! localization of every key in one file). A small parser keeps the source range of each string.

use super::{Extracted, Segment, language};
use crate::limits::Limits;

/// A JSON value with the source range of its strings.
enum Json {
    Str {
        value: String,
        start: usize,
        end: usize,
    },
    Object(Vec<(String, Json)>),
    Array(Vec<Json>),
    Scalar,
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    limits: &'a Limits,
}

type ParseResult<T> = Result<T, (usize, String)>;

impl Parser<'_> {
    fn fail<T>(&self, message: &str) -> ParseResult<T> {
        Err((self.pos, message.to_string()))
    }

    fn ws(&mut self) {
        while self.pos < self.bytes.len() && self.bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> ParseResult<Json> {
        if self.limits.too_deep(depth) {
            return self.fail("nested deeper than max-nesting");
        }
        self.ws();
        match self.bytes.get(self.pos) {
            Some(b'{') => {
                self.pos += 1;
                let mut members = Vec::new();
                self.ws();
                if self.bytes.get(self.pos) == Some(&b'}') {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                loop {
                    self.ws();
                    let Json::Str { value: key, .. } = self.string()? else {
                        unreachable!("string() returns strings")
                    };
                    self.ws();
                    if self.bytes.get(self.pos) != Some(&b':') {
                        return self.fail("expected `:`");
                    }
                    self.pos += 1;
                    let v = self.value(depth + 1)?;
                    members.push((key, v));
                    self.ws();
                    match self.bytes.get(self.pos) {
                        Some(b',') => self.pos += 1,
                        Some(b'}') => {
                            self.pos += 1;
                            return Ok(Json::Object(members));
                        }
                        _ => return self.fail("expected `,` or `}`"),
                    }
                }
            }
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                self.ws();
                if self.bytes.get(self.pos) == Some(&b']') {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    match self.bytes.get(self.pos) {
                        Some(b',') => self.pos += 1,
                        Some(b']') => {
                            self.pos += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return self.fail("expected `,` or `]`"),
                    }
                }
            }
            Some(b'"') => self.string(),
            Some(b't' | b'f' | b'n' | b'-' | b'0'..=b'9') => {
                let start = self.pos;
                while self.pos < self.bytes.len()
                    && matches!(self.bytes[self.pos], b'a'..=b'z' | b'0'..=b'9' | b'-' | b'+' | b'.' | b'E')
                {
                    self.pos += 1;
                }
                match &self.src[start..self.pos] {
                    "true" | "false" | "null" => Ok(Json::Scalar),
                    n if n.parse::<f64>().is_ok() => Ok(Json::Scalar),
                    _ => Err((start, "invalid literal".into())),
                }
            }
            Some(_) => self.fail("unexpected character"),
            None => self.fail("unexpected end of file"),
        }
    }

    fn string(&mut self) -> ParseResult<Json> {
        if self.bytes.get(self.pos) != Some(&b'"') {
            return self.fail("expected a string");
        }
        let start = self.pos;
        self.pos += 1;
        let mut value = String::new();
        loop {
            let rest = &self.src[self.pos..];
            let Some(i) = rest.find(['"', '\\']) else {
                return Err((start, "unterminated string".into()));
            };
            value.push_str(&rest[..i]);
            self.pos += i;
            if self.bytes[self.pos] == b'"' {
                self.pos += 1;
                return Ok(Json::Str {
                    value,
                    start,
                    end: self.pos,
                });
            }
            let esc = self.bytes.get(self.pos + 1).copied();
            self.pos += 2;
            match esc {
                Some(b'n') => value.push('\n'),
                Some(b't') => value.push('\t'),
                Some(b'r') => value.push('\r'),
                Some(b'b' | b'f') => value.push(' '),
                Some(b'u') => {
                    let mut code = self.hex4()?;
                    if (0xD800..0xDC00).contains(&code) && self.src[self.pos..].starts_with("\\u") {
                        self.pos += 2;
                        let low = self.hex4()?;
                        code =
                            0x10000 + ((code - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF);
                    }
                    value.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                }
                Some(c @ (b'"' | b'\\' | b'/')) => value.push(c as char),
                _ => return self.fail("invalid escape"),
            }
        }
    }

    fn hex4(&mut self) -> ParseResult<u32> {
        let digits = self.src.get(self.pos..self.pos + 4).unwrap_or("");
        let code = u32::from_str_radix(digits, 16)
            .map_err(|_| (self.pos, "invalid \\u escape".to_string()))?;
        self.pos += 4;
        Ok(code)
    }
}

fn parse(src: &str, limits: &Limits) -> ParseResult<Json> {
    let mut p = Parser {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        limits,
    };
    let v = p.value(1)?;
    p.ws();
    if p.pos < src.len() {
        return p.fail("trailing characters after the JSON value");
    }
    Ok(v)
}

fn parsed(src: &str, limits: &Limits, out: &mut Extracted) -> Option<Json> {
    match parse(src, limits) {
        Ok(v) => Some(v),
        Err((offset, message)) => {
            out.error(src, offset, &format!("malformed JSON: {message}"));
            None
        }
    }
}

/// A JSON locale file (i18next, next-intl, vue-i18n, Flutter `.arb`): every string with its key
/// path joined by `.`.
pub fn locale(src: &str, limits: &Limits) -> Extracted {
    let mut out = Extracted::default();
    let Some(root) = parsed(src, limits, &mut out) else {
        return out;
    };
    if let Json::Object(members) = &root {
        for (k, v) in members {
            if k == "@@locale"
                && let Json::Str { value, .. } = v
            {
                out.declare(value);
            }
        }
    }
    if out.other_language {
        // The locale of another language: its strings are not read.
        return out;
    }
    let mut path = Vec::new();
    walk(&root, src, &mut path, &mut out.segments);
    out
}

fn walk(v: &Json, src: &str, path: &mut Vec<String>, out: &mut Vec<Segment>) {
    match v {
        Json::Str { value, start, end } if !path.is_empty() => {
            out.push(Segment::entry(&path.join("."), value, src, *start, *end));
        }
        Json::Object(members) => {
            for (k, child) in members {
                // `.arb` metadata (`@key`, `@@locale`) is not shown to users.
                if k.starts_with('@') {
                    continue;
                }
                path.push(k.clone());
                walk(child, src, path, out);
                path.pop();
            }
        }
        Json::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(i.to_string());
                walk(child, src, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Apple `.xcstrings`: `strings.<key>.localizations.<locale>.stringUnit.value`, and plural or
/// device variations below a localization.
pub fn xcstrings(src: &str, limits: &Limits) -> Extracted {
    let mut out = Extracted::default();
    let Some(Json::Object(root)) = parsed(src, limits, &mut out) else {
        return out;
    };
    for (name, v) in &root {
        let Json::Object(strings) = v else { continue };
        if name != "strings" {
            continue;
        }
        for (key, entry) in strings {
            let Some(Json::Object(locs)) = member(entry, "localizations") else {
                continue;
            };
            for (locale, loc) in locs {
                let lang = language::from_code(locale);
                let mut units = Vec::new();
                string_units(loc, &mut units);
                for (value, start, end) in units {
                    let mut seg = Segment::entry(key, value, src, start, end);
                    seg.lang = lang;
                    seg.scope = vec![key.clone(), locale.clone()];
                    out.segments.push(seg);
                }
            }
        }
    }
    out
}

fn member<'a>(v: &'a Json, name: &str) -> Option<&'a Json> {
    match v {
        Json::Object(m) => m.iter().find(|(k, _)| k == name).map(|(_, v)| v),
        _ => None,
    }
}

/// Every `stringUnit.value` below a localization (including its variations).
fn string_units<'a>(v: &'a Json, out: &mut Vec<(&'a str, usize, usize)>) {
    if let Json::Object(members) = v {
        for (k, child) in members {
            if k == "stringUnit" {
                if let Some(Json::Str { value, start, end }) = member(child, "value") {
                    out.push((value, *start, *end));
                }
            } else {
                string_units(child, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    #[test]
    fn nested_keys_with_spans() {
        let src = "{\n  \"chat\": {\n    \"footer\": \"Жауаптарды ЖИ жасайды\\nтексеріңіз\",\n    \"n\": 3\n  },\n  \"list\": [\"a\"]\n}";
        let out = locale(src, &Limits::default());
        assert!(out.notes.is_empty());
        let keys: Vec<_> = out
            .segments
            .iter()
            .map(|s| s.key.clone().unwrap())
            .collect();
        assert_eq!(keys, ["chat.footer", "list.0"]);
        let seg = &out.segments[0];
        assert_eq!(seg.group.as_deref(), Some("chat"));
        let at = seg.text.find("ЖИ").unwrap();
        assert_eq!(&src[seg.source_offset(at)..][..4], "ЖИ");
        let at = seg.text.find("тексеріңіз").unwrap();
        assert!(src[seg.source_offset(at)..].starts_with("тексеріңіз"));
    }

    #[test]
    fn malformed_json_is_a_note() {
        let out = locale("{\"a\": \"b\",\n \"c\" \"d\"}", &Limits::default());
        assert_eq!(out.notes.len(), 1);
        assert!(out.notes[0].contains("line 2"), "{:?}", out.notes);
        let deep = "[".repeat(10_000);
        assert_eq!(locale(&deep, &Limits::default()).notes.len(), 1);
    }

    #[test]
    fn arb_and_xcstrings() {
        let arb =
            r#"{"@@locale": "kk", "aiNotice": "ЖИ көмекшісі", "@aiNotice": {"description": "AI"}}"#;
        let out = locale(arb, &Limits::default());
        assert_eq!(out.lang, Some(Lang::Kk));
        assert!(!out.other_language);
        assert_eq!(out.segments.len(), 1);
        // The `.arb` of another language: its strings are not read.
        let out = locale(&arb.replace("\"kk\"", "\"de\""), &Limits::default());
        assert_eq!((out.lang, out.other_language), (None, true));
        assert!(out.segments.is_empty());
        let xc = r#"{"sourceLanguage":"en","strings":{"ai.notice":{"localizations":{
            "en":{"stringUnit":{"state":"translated","value":"Answers are generated by AI"}},
            "kk":{"stringUnit":{"state":"translated","value":"Жауаптарды ЖИ жасайды"}}}}},"version":"1.0"}"#;
        let out = xcstrings(xc, &Limits::default());
        let langs: Vec<_> = out.segments.iter().map(|s| s.lang).collect();
        assert_eq!(langs, [Some(Lang::En), Some(Lang::Kk)]);
    }
}
