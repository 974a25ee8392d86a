//! HTML and HTML templates (Jinja, Django, Handlebars, ERB, Vue/Svelte templates…): the visible
//! text only, in blocks, with the heading path as the scope and `lang` attributes as the declared
//! language. Scripts, styles, comments, hidden elements (`hidden`, `aria-hidden="true"`,
//! `display:none`) and template directives are skipped. Translation keys used inside template
//! expressions (`{{ $t('ai.notice') }}`, `{{ 'ai.notice' | translate }}`) are UI references.

use super::{Extracted, Segment, language};
use crate::limits::Limits;
use crate::model::Lang;

const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
const RAW: [&str; 4] = ["script", "style", "noscript", "textarea"];
const BLOCK: [&str; 36] = [
    "p",
    "div",
    "li",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "ul",
    "ol",
    "table",
    "tr",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "figcaption",
    "figure",
    "form",
    "button",
    "label",
    "option",
    "body",
    "template",
    "details",
    "summary",
];

struct Open {
    name: String,
    hidden: bool,
    lang: Option<Lang>,
}

struct State<'a> {
    src: &'a str,
    limits: &'a Limits,
    out: Extracted,
    stack: Vec<Open>,
    headings: Vec<(u8, String)>,
    current: Option<Segment>,
    heading: Option<(u8, String)>,
}

impl State<'_> {
    fn hidden(&self) -> bool {
        self.stack.last().is_some_and(|o| o.hidden)
    }

    fn lang(&self) -> Option<Lang> {
        self.stack.last().and_then(|o| o.lang)
    }

    fn flush(&mut self) {
        if let Some(mut seg) = self.current.take()
            && !seg.text.trim().is_empty()
        {
            seg.text.truncate(seg.text.trim_end().len());
            self.out.segments.push(seg);
        }
    }

    fn segment(&mut self, at: usize) -> &mut Segment {
        let scope = self.headings.iter().map(|(_, t)| t.clone()).collect();
        let lang = self.lang();
        self.current.get_or_insert_with(|| {
            let mut s = Segment::new(scope, at);
            s.lang = lang;
            s
        })
    }

    /// Visible text between tags: entities decoded, template directives removed.
    fn text(&mut self, from: usize, to: usize) {
        if self.hidden() {
            return;
        }
        let src = self.src;
        let mut pos = from;
        while pos < to {
            let rest = &src[pos..to];
            let next = rest
                .find(['&', '{', '<', '\n', '\r', '\t'])
                .map_or(to, |i| pos + i);
            if next > pos {
                self.visible(&src[pos..next], pos, next);
            }
            if next >= to {
                break;
            }
            pos = self.special(next, to);
        }
    }

    fn visible(&mut self, text: &str, at: usize, end: usize) {
        if let Some((_, h)) = self.heading.as_mut() {
            h.push_str(text);
        }
        if text.trim().is_empty() {
            if self.current.is_some() {
                self.segment(at).push_space();
            }
            return;
        }
        self.segment(at).push(text, at, end);
    }

    /// Handles an entity, a template tag or a line break at `at`; returns where text resumes.
    fn special(&mut self, at: usize, to: usize) -> usize {
        let src = self.src;
        let rest = &src[at..to];
        for (open, close) in [("{{", "}}"), ("{%", "%}"), ("{#", "#}"), ("<%", "%>")] {
            if let Some(inner) = rest.strip_prefix(open) {
                // An unclosed tag runs to the end of the text.
                let (expression, len) = match inner.find(close) {
                    Some(e) => (&inner[..e], e + close.len()),
                    None => (inner, inner.len()),
                };
                self.expression_keys(expression, at + open.len());
                if let Some(seg) = self.current.as_mut() {
                    seg.push_space();
                }
                return at + open.len() + len;
            }
        }
        if rest.starts_with('&')
            && let Some(semi) = memchr::memchr(b';', &rest.as_bytes()[..rest.len().min(12)])
        {
            let name = &rest[1..semi];
            let decoded = if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                code.and_then(char::from_u32).map(String::from)
            } else {
                named_entity(name).map(str::to_string)
            };
            if let Some(d) = decoded {
                if !self.hidden() {
                    let d = if d == "\u{a0}" { " ".to_string() } else { d };
                    if let Some((_, h)) = self.heading.as_mut() {
                        h.push_str(&d);
                    }
                    self.segment(at).push_decoded(&d, at, at + semi + 1);
                }
                return at + semi + 1;
            }
        }
        let c = rest.chars().next().map_or(1, char::len_utf8);
        if rest.starts_with(['\n', '\r', '\t']) {
            if let Some((_, h)) = self.heading.as_mut() {
                h.push(' ');
            }
            if let Some(seg) = self.current.as_mut() {
                seg.push_space();
            }
        } else {
            self.visible(&rest[..c], at, at + c);
        }
        at + c
    }

    /// Translation keys inside a template expression: `$t('a.b')`, `t("a.b")`, `'a.b' | translate`.
    fn expression_keys(&mut self, expr: &str, at: usize) {
        let mut pos = 0;
        while let Some(q) = expr[pos..].find(['\'', '"']) {
            let start = pos + q + 1;
            let quote = &expr[pos + q..pos + q + 1];
            let Some(len) = expr[start..].find(quote) else {
                break;
            };
            let key = &expr[start..start + len];
            let before = expr[..pos + q].trim_end();
            let after = expr[start + len + 1..].trim_start();
            let is_call =
                before.ends_with("t(") || before.ends_with("translate(") || before.ends_with("_(");
            if (is_call || after.starts_with("| translate") || after.starts_with("|translate"))
                && !key.is_empty()
                && !key.contains(char::is_whitespace)
            {
                self.out
                    .references
                    .push((key.to_string(), at + start, at + start + len));
            }
            pos = start + len + 1;
        }
    }

    fn open(&mut self, name: &str, attrs: &str) {
        let parent_hidden = self.hidden();
        let hidden = parent_hidden
            || name == "head"
            || has_attr(attrs, "hidden")
            || attr_value(attrs, "aria-hidden").is_some_and(|v| v == "true")
            || attr_value(attrs, "type").is_some_and(|v| v.eq_ignore_ascii_case("hidden"))
            || attr_value(attrs, "style").is_some_and(|s| {
                let s = s.replace(' ', "").to_ascii_lowercase();
                s.contains("display:none") || s.contains("visibility:hidden")
            });
        let lang = attr_value(attrs, "lang")
            .and_then(|l| language::from_code(&l))
            .or(self.lang());
        if BLOCK.contains(&name) {
            self.flush();
        }
        if let Some(level) = heading_level(name) {
            self.heading = Some((level, String::new()));
        }
        if name == "br"
            && let Some(seg) = self.current.as_mut()
        {
            seg.push_space();
        }
        // Elements nested deeper than the limit are not tracked, so that closing tags stay cheap.
        if !VOID.contains(&name) && !self.limits.too_deep(self.stack.len() + 1) {
            self.stack.push(Open {
                name: name.to_string(),
                hidden,
                lang,
            });
        }
    }

    fn close(&mut self, name: &str) {
        if let Some(i) = self.stack.iter().rposition(|o| o.name == name) {
            self.stack.truncate(i);
        }
        if let Some(level) = heading_level(name)
            && let Some((l, text)) = self.heading.take()
            && l == level
        {
            while self.headings.last().is_some_and(|(hl, _)| *hl >= level) {
                self.headings.pop();
            }
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            self.headings.push((level, text));
            if let Some(seg) = self.current.as_mut() {
                seg.scope = self.headings.iter().map(|(_, t)| t.clone()).collect();
            }
        }
        if BLOCK.contains(&name) {
            self.flush();
        }
    }
}

/// The named character references that occur in consumer-facing text.
fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "shy" => "\u{ad}",
        "laquo" => "«",
        "raquo" => "»",
        "ldquo" => "“",
        "rdquo" => "”",
        "lsquo" => "‘",
        "rsquo" => "’",
        "bdquo" => "„",
        "mdash" => "—",
        "ndash" => "–",
        "hellip" => "…",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "bull" => "•",
        "middot" => "·",
        "deg" => "°",
        "times" => "×",
        "euro" => "€",
        "thinsp" => "\u{2009}",
        "zwnj" => "\u{200c}",
        "zwj" => "\u{200d}",
        _ => return None,
    })
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

fn has_attr(attrs: &str, name: &str) -> bool {
    attrs
        .split(|c: char| c.is_whitespace() || c == '/')
        .any(|a| {
            a.eq_ignore_ascii_case(name) || a.to_ascii_lowercase().starts_with(&format!("{name}="))
        })
}

fn attr_value(attrs: &str, name: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let boundary = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !boundary || !rest.starts_with('=') {
            continue;
        }
        let value_at = attrs.len() - rest.len() + 1;
        let value = attrs[value_at..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_string(),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or("")
                .to_string(),
        });
    }
    None
}

pub fn segments(src: &str, limits: &Limits) -> Extracted {
    let mut st = State {
        src,
        limits,
        out: Extracted::default(),
        stack: Vec::new(),
        headings: Vec::new(),
        current: None,
        heading: None,
    };
    let mut pos = 0;
    while pos < src.len() {
        let Some(lt) = src[pos..].find('<').map(|i| pos + i) else {
            st.text(pos, src.len());
            break;
        };
        // `<%` is a template tag, not markup.
        if src[lt..].starts_with("<%") {
            let close = src[lt..].find("%>").map_or(src.len(), |e| lt + e + 2);
            st.text(pos, close);
            pos = close;
            continue;
        }
        st.text(pos, lt);
        let rest = &src[lt..];
        if let Some(c) = rest.strip_prefix("<!--") {
            pos = lt + 4 + c.find("-->").map_or(c.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            pos = lt + rest.find('>').map_or(rest.len(), |e| e + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = lt + if closing { 2 } else { 1 };
        let name_len = src[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(src.len() - name_start);
        if name_len == 0 {
            // A lone `<` in text.
            st.text(lt, lt + 1);
            pos = lt + 1;
            continue;
        }
        let name = src[name_start..name_start + name_len].to_ascii_lowercase();
        let tag_end = tag_end(src, name_start + name_len);
        // Without its `>` when the tag is closed; to the end of the text when it is not.
        let tag = &src[name_start + name_len..tag_end];
        let attrs = tag.strip_suffix('>').unwrap_or(tag);
        pos = tag_end;
        if closing {
            st.close(&name);
            continue;
        }
        let self_closing = attrs.trim_end().ends_with('/');
        if RAW.contains(&name.as_str()) && !self_closing {
            let close = format!("</{name}");
            let lower_rest = src[pos..].to_ascii_lowercase();
            pos += lower_rest.find(&close).map_or(src.len() - pos, |e| e);
            pos = tag_end_after(src, pos);
            continue;
        }
        st.open(&name, attrs);
        if self_closing && !VOID.contains(&name.as_str()) {
            st.close(&name);
        }
    }
    st.flush();
    st.out
}

/// The offset after the `>` closing a tag whose attributes start at `from` (quotes respected).
fn tag_end(src: &str, from: usize) -> usize {
    let mut quote: Option<char> = None;
    for (i, c) in src[from..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return from + i + 1,
            _ => {}
        }
    }
    src.len()
}

fn tag_end_after(src: &str, from: usize) -> usize {
    src[from..].find('>').map_or(src.len(), |e| from + e + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_in_blocks_with_headings_and_languages() {
        let src = r#"<!doctype html><html lang="ru"><head><title>AI</title><style>p{}</style></head>
<body><h1>О сервисе</h1><p>Ответы генерирует <b>искусственный&nbsp;интеллект</b>.</p>
<script>var x = "<p>ИИ</p>";</script><div hidden>Скрытый ИИ</div>
<p lang="kk" style="color:red">Жауаптарды ЖИ жасайды</p><!-- ИИ comment -->
<p>{{ $t('ai.disclaimer') }} {% if x %}Текст{% endif %}</p></body></html>"#;
        let out = segments(src, &Limits::default());
        let texts: Vec<&str> = out.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "О сервисе",
                "Ответы генерирует искусственный интеллект.",
                "Жауаптарды ЖИ жасайды",
                "Текст"
            ]
        );
        assert_eq!(out.segments[1].scope, ["О сервисе"]);
        assert_eq!(out.segments[1].lang, Some(Lang::Ru));
        assert_eq!(out.segments[2].lang, Some(Lang::Kk));
        let seg = &out.segments[1];
        let at = seg.text.find("интеллект").unwrap();
        assert!(src[seg.source_offset(at)..].starts_with("интеллект"));
        assert_eq!(out.references.len(), 1);
        assert_eq!(out.references[0].0, "ai.disclaimer");
    }

    #[test]
    fn references_and_open_tags_next_to_cyrillic_text() {
        // Found by fuzzing: a slice cut inside a character (the `;` of a reference looked for in
        // 12 bytes; the attributes of a tag left open at the end of the text).
        for (src, text) in [
            ("<p>&nbsp;8интеллект</p>", "8интеллект"),
            ("<p>&ЖИ интеллект</p>", "&ЖИ интеллект"),
            ("<p>ЖИ&amp;интеллект</p>", "ЖИ&интеллект"),
            // A tag left open at the end of the text, ending in a multi-byte character.
            ("<p>ЖИ интеллект</p><a title=\"ИИ", "ЖИ интеллект"),
            ("<p>ЖИ интеллект</p><br ИИ", "ЖИ интеллект"),
            // A template tag left open, ending in a multi-byte character.
            ("<p>ЖИ интеллект {{ ИИ1", "ЖИ интеллект"),
        ] {
            let out = segments(src, &Limits::default());
            assert_eq!(out.segments.len(), 1, "{src}");
            assert_eq!(out.segments[0].text.trim(), text, "{src}");
        }
    }
}
