//! XML assets with quick-xml: Android `strings.xml`, Apple `.stringsdict`, SVG label artwork
//! (`<text>`/`<tspan>`), and Android layouts (only their `@string/…` references).
//!
//! Entity references arrive as separate events: predefined and character references are
//! decoded; custom entities (declared in a DTD) are never expanded, so an entity bomb is inert.

use super::{Extracted, Segment, language};
use crate::limits::Limits;
use crate::model::Lang;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;

/// Reads `src` event by event and hands each to `on_event` with its byte range and its nesting
/// level (1 for the root element; a text's level is its element's), until the end of the text,
/// malformed XML, or an element nested deeper than `max-nesting`: both stop the reading with a
/// note.
fn read_events(
    src: &str,
    limits: &Limits,
    mut on_event: impl FnMut(&mut Extracted, Event<'_>, usize, usize, usize),
) -> Extracted {
    let mut out = Extracted::default();
    let mut r = Reader::from_str(src);
    let c = r.config_mut();
    c.check_end_names = false;
    c.allow_unmatched_ends = true;
    c.expand_empty_elements = false;
    let mut depth = 0usize;
    loop {
        let at = r.buffer_position() as usize;
        let event = match r.read_event() {
            Ok(Event::Eof) => break,
            Ok(e) => e,
            Err(e) => {
                out.error(src, at, &format!("malformed XML: {e}"));
                break;
            }
        };
        let end = r.buffer_position() as usize;
        let level = match event {
            Event::Start(_) => {
                depth += 1;
                depth
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                depth + 1
            }
            _ => depth,
        };
        if limits.too_deep(level) {
            out.error(
                src,
                at,
                &format!(
                    "XML nested deeper than {} levels (max-nesting)",
                    limits.max_nesting
                ),
            );
            break;
        }
        on_event(&mut out, event, at, end, level);
    }
    out
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Appends a reference: predefined and character references decoded, custom ones kept as written.
fn push_ref(seg: &mut Segment, r: &BytesRef, at: usize, end: usize) {
    let decoded = match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c.to_string()),
        _ => quick_xml::escape::resolve_predefined_entity(r).map(str::to_string),
    };
    match decoded {
        Some(text) => seg.push_decoded(&text, at, end),
        None => seg.push(&format!("&{};", &**r), at, end),
    }
}

/// Appends text, decoding Android resource escapes (`\'`, `\"`, `\n`, `\uXXXX`) and dropping the
/// quotes that protect whitespace.
fn push_android(seg: &mut Segment, raw: &str, at: usize) {
    let mut run_start = 0;
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' && c != '"' {
            continue;
        }
        if run_start < i {
            seg.push(&raw[run_start..i], at + run_start, at + i);
        }
        if c == '"' {
            run_start = i + 1;
            continue;
        }
        let (decoded, len) = match chars.next() {
            Some((_, 'n')) => ("\n".to_string(), 2),
            Some((_, 't')) => ("\t".to_string(), 2),
            Some((_, 'u')) => {
                let hex = raw.get(i + 2..i + 6).unwrap_or("");
                for _ in 0..4 {
                    chars.next();
                }
                let c = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
                (c.unwrap_or('\u{FFFD}').to_string(), 2 + hex.len())
            }
            Some((_, other)) => (other.to_string(), 1 + other.len_utf8()),
            None => (String::new(), 1),
        };
        seg.push_decoded(&decoded, at + i, at + i + len);
        run_start = (i + len).min(raw.len());
    }
    if run_start < raw.len() {
        seg.push(&raw[run_start..], at + run_start, at + raw.len());
    }
}

/// Android `strings.xml`: `<string>`, `<plurals>` items and `<string-array>` items, keyed by
/// their `name`.
pub fn android_strings(src: &str, limits: &Limits) -> Extracted {
    // The entry being read: its key, its text and its element's level.
    let mut current: Option<(String, Segment, usize)> = None;
    read_events(src, limits, |out, event, at, end, level| match event {
        Event::Start(e) => {
            let name = e.local_name();
            if current.is_none()
                && matches!(name.as_ref(), "string" | "plurals" | "string-array")
                && let Some(key) = attr(&e, "name")
            {
                current = Some((key, Segment::new(Vec::new(), end), level));
            } else if let Some((_, seg, _)) = current.as_mut()
                && name.as_ref() == "item"
            {
                seg.push_space();
            }
        }
        Event::End(_) => {
            if current.as_ref().is_some_and(|(_, _, l)| *l == level)
                && let Some((key, mut seg, _)) = current.take()
            {
                seg.end = at;
                let text = seg.text.trim().to_string();
                seg.text = text;
                seg.group = Some(super::segment::group_of(&key));
                seg.scope = vec![key.clone()];
                seg.key = Some(key);
                out.segments.push(seg);
            }
        }
        Event::Text(t) => {
            if let Some((_, seg, _)) = current.as_mut() {
                push_android(seg, &t, at);
            }
        }
        Event::CData(t) => {
            if let Some((_, seg, _)) = current.as_mut() {
                seg.push(&t, at + 9, end);
            }
        }
        Event::GeneralRef(g) => {
            if let Some((_, seg, _)) = current.as_mut() {
                push_ref(seg, &g, at, end);
            }
        }
        _ => {}
    })
}

/// Apple `.stringsdict` (a plist): the plural variants of each top-level key.
pub fn stringsdict(src: &str, limits: &Limits) -> Extracted {
    let mut keys: Vec<Option<String>> = Vec::new(); // pending key per open <dict>
    let mut path: Vec<String> = Vec::new();
    let mut in_key: Option<String> = None;
    let mut in_string: Option<Segment> = None;
    read_events(src, limits, |out, event, at, end, _| match event {
        Event::Start(e) => match e.local_name().as_ref() {
            "dict" => {
                if let Some(Some(k)) = keys.last_mut().map(Option::take) {
                    path.push(k);
                }
                keys.push(None);
            }
            "key" => in_key = Some(String::new()),
            "string" => in_string = Some(Segment::new(Vec::new(), end)),
            _ => {}
        },
        Event::End(e) => match e.local_name().as_ref() {
            "dict" => {
                keys.pop();
                if keys.len() <= path.len() {
                    path.pop();
                }
            }
            "key" => {
                if let (Some(k), Some(slot)) = (in_key.take(), keys.last_mut()) {
                    *slot = Some(k);
                }
            }
            "string" => {
                let pending = keys.last_mut().and_then(Option::take);
                if let (Some(mut seg), Some(variant)) = (in_string.take(), pending)
                    && !variant.starts_with("NSString")
                    && let Some(top) = path.first()
                {
                    seg.end = at;
                    seg.scope = path.iter().cloned().chain([variant]).collect();
                    seg.group = Some(top.clone());
                    seg.key = Some(top.clone());
                    out.segments.push(seg);
                }
            }
            _ => {}
        },
        Event::Text(t) => {
            if let Some(k) = in_key.as_mut() {
                k.push_str(&t);
            } else if let Some(seg) = in_string.as_mut() {
                seg.push(&t, at, end);
            }
        }
        Event::GeneralRef(g) => {
            if let Some(seg) = in_string.as_mut() {
                push_ref(seg, &g, at, end);
            }
        }
        _ => {}
    })
}

/// SVG label artwork: the text of each visible `<text>` element (with its `<tspan>`s), scoped
/// by the `id` of the enclosing group, in the language its `xml:lang`/`systemLanguage` declares.
pub fn svg(src: &str, limits: &Limits) -> Extracted {
    // Per open element: its group id, declared language, whether hidden or non-visual.
    let mut stack: Vec<(Option<String>, Option<Lang>, bool)> = Vec::new();
    let mut current: Option<(Segment, usize)> = None;
    read_events(src, limits, |out, event, at, end, _| match event {
        Event::Start(e) => {
            let name = e.local_name();
            let parent = stack.last().cloned().unwrap_or((None, None, false));
            let hidden = parent.2
                || matches!(
                    name.as_ref(),
                    "title" | "desc" | "style" | "script" | "defs" | "metadata"
                )
                || attr(&e, "display").is_some_and(|v| v.trim() == "none")
                || attr(&e, "visibility").is_some_and(|v| v.trim() == "hidden")
                || attr(&e, "style").is_some_and(|s| {
                    let s = s.replace(' ', "");
                    s.contains("display:none") || s.contains("visibility:hidden")
                });
            let lang = attr(&e, "xml:lang")
                .or_else(|| attr(&e, "lang"))
                .or_else(|| attr(&e, "systemLanguage"))
                .and_then(|l| language::from_code(&l))
                .or(parent.1);
            let group = if name.as_ref() == "g" {
                attr(&e, "id").or(attr(&e, "inkscape:label")).or(parent.0)
            } else {
                parent.0
            };
            if name.as_ref() == "text" && current.is_none() && !hidden {
                let mut seg = Segment::new(group.clone().into_iter().collect(), end);
                seg.lang = lang;
                current = Some((seg, stack.len()));
            } else if name.as_ref() == "tspan"
                && let Some((seg, _)) = current.as_mut()
            {
                seg.push_space();
            }
            stack.push((group, lang, hidden));
        }
        Event::End(_) => {
            stack.pop();
            if current.as_ref().is_some_and(|(_, d)| *d == stack.len())
                && let Some((mut seg, _)) = current.take()
            {
                seg.end = at;
                if !seg.text.trim().is_empty() {
                    out.segments.push(seg);
                }
            }
        }
        Event::Text(t) => {
            if let Some((seg, _)) = current.as_mut()
                && !stack.last().is_some_and(|s| s.2)
            {
                let trimmed = t.trim_start();
                let lead = t.len() - trimmed.len();
                if lead > 0 {
                    seg.push_space();
                }
                seg.push(trimmed.trim_end(), at + lead, end);
            }
        }
        Event::GeneralRef(g) => {
            if let Some((seg, _)) = current.as_mut() {
                push_ref(seg, &g, at, end);
            }
        }
        _ => {}
    })
}

/// An Android layout, menu or navigation file: only its `@string/<name>` references (which make
/// those strings reachable from the UI).
pub fn android_layout(src: &str) -> Extracted {
    let mut out = Extracted::default();
    for (at, _) in src.match_indices("@string/") {
        let name_start = at + "@string/".len();
        let len = src[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(src.len() - name_start);
        if len > 0 {
            out.references.push((
                src[name_start..name_start + len].to_string(),
                at,
                name_start + len,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn android_strings_with_escapes_and_entities() {
        let src = r#"<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE resources [<!ENTITY a "&b;&b;&b;"><!ENTITY b "lol">]>
<resources>
    <string name="ai_notice">Жауаптарды ЖИ жасайды. Ол қателесуі мүмкін &amp; тексеріңіз.</string>
    <string name="ai_quote">\"ИИ\" может ошибаться &a;</string>
    <plurals name="ai_count"><item quantity="one">%d AI answer</item><item quantity="other">%d AI answers</item></plurals>
</resources>"#;
        let out = android_strings(src, &Limits::default());
        assert!(out.notes.is_empty(), "{:?}", out.notes);
        let texts: Vec<&str> = out.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Жауаптарды ЖИ жасайды. Ол қателесуі мүмкін & тексеріңіз.",
                "\"ИИ\" может ошибаться &a;",
                "%d AI answer %d AI answers"
            ]
        );
        let seg = &out.segments[0];
        let at = seg.text.find("тексеріңіз").unwrap();
        assert!(src[seg.source_offset(at)..].starts_with("тексеріңіз"));
        let seg = &out.segments[1];
        let at = seg.text.find("может").unwrap();
        assert!(src[seg.source_offset(at)..].starts_with("может"));
    }

    #[test]
    fn svg_visible_text_only() {
        let src = r#"<svg xmlns="http://www.w3.org/2000/svg"><title>AI label</title>
<g id="panel-kk" xml:lang="kk"><text x="0" y="10"><tspan>Жасанды интеллект</tspan><tspan>қолданылады</tspan></text></g>
<g id="hidden" display="none"><text>Hidden AI text</text></g></svg>"#;
        let out = svg(src, &Limits::default());
        assert_eq!(out.segments.len(), 1);
        assert_eq!(out.segments[0].text, "Жасанды интеллект қолданылады");
        assert_eq!(out.segments[0].lang, Some(Lang::Kk));
        assert_eq!(out.segments[0].scope, ["panel-kk"]);
    }

    #[test]
    fn nesting_past_max_nesting_stops_with_a_note() {
        let limits = Limits {
            max_nesting: 3,
            ..Limits::default()
        };
        let deep = "<resources><string name=\"a\">ЖИ жауап береді</string>\
                    <a><b><c>AI</c></b></a><string name=\"b\">after</string></resources>";
        let shallow = "<resources><a><b>AI</b></a><string name=\"b\">after</string></resources>";
        let out = android_strings(deep, &limits);
        let texts: Vec<&str> = out.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["ЖИ жауап береді"]);
        assert_eq!(out.notes.len(), 1, "{:?}", out.notes);
        assert!(
            out.notes[0].starts_with("XML nested deeper than 3 levels (max-nesting) (line 1, "),
            "{}",
            out.notes[0]
        );
        let out = android_strings(shallow, &limits);
        assert!(out.notes.is_empty(), "{:?}", out.notes);
        assert_eq!(out.segments.len(), 1);

        let svg_deep = "<svg><g id=\"kk\"><text>Жасанды интеллект</text><g><g>x</g></g></g></svg>";
        let out = svg(svg_deep, &limits);
        assert_eq!(out.segments.len(), 1);
        assert!(out.notes[0].contains("max-nesting"), "{:?}", out.notes);
        let plist =
            "<plist><dict><key>k</key><dict><key>v</key><dict></dict></dict></dict></plist>";
        assert!(stringsdict(plist, &limits).notes[0].contains("max-nesting"));
    }

    #[test]
    fn malformed_xml_is_a_note() {
        let out = android_strings(
            "<resources><string name=\"a\">x</string><string name=\"b\">y</str",
            &Limits::default(),
        );
        assert_eq!(out.notes.len(), 1, "{:?}", out.notes);
    }
}
