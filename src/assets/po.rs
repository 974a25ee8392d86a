//! gettext `.po`: the translation (`msgstr`) of each entry, keyed by its context and source
//! string, grouped by context or by the source file its `#:` reference names; the header's
//! `Language:` declares the locale.

use super::escape::unescape;
use super::{Extracted, Segment};

#[derive(Default)]
struct Entry {
    ctxt: Option<String>,
    id: String,
    reference: Option<String>,
    value: Option<Segment>,
    /// Which field continuation lines (`"…"`) extend.
    field: Field,
}

#[derive(Default, PartialEq)]
enum Field {
    #[default]
    None,
    Ctxt,
    Id,
    Str,
}

pub fn segments(src: &str) -> Extracted {
    let mut out = Extracted::default();
    let mut entry = Entry::default();
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        if out.other_language {
            // The catalogue of another language: its entries are not read.
            break;
        }
        let at = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        let lead = content.len() - trimmed.len();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(r) = trimmed.strip_prefix("#:") {
            if entry.value.is_some() {
                finish(std::mem::take(&mut entry), &mut out);
            }
            entry.reference = r.split_whitespace().next().map(|r| {
                r.rsplit_once(':')
                    .filter(|(_, n)| n.chars().all(|c| c.is_ascii_digit()))
                    .map_or(r, |(f, _)| f)
                    .to_string()
            });
            continue;
        }
        if trimmed.starts_with('#') {
            continue;
        }
        let (keyword, rest) = trimmed
            .split_once(char::is_whitespace)
            .unwrap_or((trimmed, ""));
        // Where the quoted string starts (the keyword and separator may be any whitespace).
        let quoted_at = at + content.len() - rest.trim_start().len();
        let field = match keyword {
            "msgctxt" => Field::Ctxt,
            "msgid" => Field::Id,
            k if k == "msgstr" || k.starts_with("msgstr[") => Field::Str,
            "msgid_plural" => Field::None,
            k if k.starts_with('"') => {
                append(&mut entry, content, at + lead, src);
                continue;
            }
            _ => {
                out.error(
                    src,
                    at,
                    &format!(
                        "malformed .po line: {}",
                        trimmed.chars().take(40).collect::<String>()
                    ),
                );
                break;
            }
        };
        if matches!(field, Field::Ctxt | Field::Id) && entry.value.is_some() {
            finish(std::mem::take(&mut entry), &mut out);
        }
        entry.field = field;
        if entry.field == Field::Str && entry.value.is_some() {
            // `msgstr[1]` after `msgstr[0]`: plural forms join the same entry.
            if let Some(seg) = entry.value.as_mut() {
                seg.push_space();
            }
        }
        append(&mut entry, rest.trim(), quoted_at, src);
    }
    if entry.value.is_some() {
        finish(entry, &mut out);
    }
    out
}

/// Adds a quoted string `"…"` written at `at` to the field being read.
fn append(entry: &mut Entry, quoted: &str, at: usize, src: &str) {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .unwrap_or(quoted);
    let value = unescape(inner);
    match entry.field {
        Field::Ctxt => entry.ctxt.get_or_insert_default().push_str(&value),
        Field::Id => entry.id.push_str(&value),
        Field::Str => entry
            .value
            .get_or_insert_with(|| Segment::new(Vec::new(), at))
            .push_aligned(&value, src, at, at + quoted.len()),
        Field::None => {}
    }
}

fn finish(entry: Entry, out: &mut Extracted) {
    let Some(mut seg) = entry.value else { return };
    if entry.id.is_empty() {
        // The header: `Language: kk`.
        for line in seg.text.lines() {
            if let Some(code) = line.strip_prefix("Language:") {
                out.declare(code);
            }
        }
        return;
    }
    let key = match &entry.ctxt {
        Some(c) => format!("{c}\u{4}{}", entry.id),
        None => entry.id.clone(),
    };
    seg.group = Some(entry.ctxt.or(entry.reference).unwrap_or_default());
    seg.scope = vec![entry.id];
    seg.key = Some(key);
    out.segments.push(seg);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    #[test]
    fn unterminated_strings_and_wide_separators_stay_in_the_text() {
        // Found by fuzzing: the value's end was cut inside its last character.
        for src in [
            "msgid \"AI\"\nmsgstr \"ЖИ\n",
            "msgid \"AI\"\nmsgstr\u{a0}\"ЖИ\"\n",
            "msgid\u{3000}\"AI\"\nmsgstr \u{2003}\"жасанды интеллект\"",
        ] {
            let out = segments(src);
            assert_eq!(out.segments.len(), 1, "{src:?}");
            let seg = &out.segments[0];
            let at = seg.text.find(['Ж', 'ж']).unwrap();
            assert!(
                src[seg.source_offset(at)..].starts_with(['Ж', 'ж']),
                "{src:?}"
            );
        }
    }

    #[test]
    fn entries_with_context_references_and_header() {
        let src = "msgid \"\"\nmsgstr \"\"\n\"Language: kk\\n\"\n\n#: templates/chat.html:12\nmsgid \"Answers are generated by AI\"\nmsgstr \"Жауаптарды \"\n\"ЖИ жасайды\"\n\nmsgctxt \"ai.risks\"\nmsgid \"May be wrong\"\nmsgstr \"\"\n";
        let out = segments(src);
        assert!(out.notes.is_empty(), "{:?}", out.notes);
        assert_eq!(out.lang, Some(Lang::Kk));
        assert_eq!(out.segments.len(), 2);
        let seg = &out.segments[0];
        assert_eq!(seg.text, "Жауаптарды ЖИ жасайды");
        assert_eq!(seg.group.as_deref(), Some("templates/chat.html"));
        let at = seg.text.find("ЖИ").unwrap();
        assert!(src[seg.source_offset(at)..].starts_with("ЖИ"));
        assert_eq!(out.segments[1].group.as_deref(), Some("ai.risks"));
        assert!(out.segments[1].text.is_empty());
    }

    #[test]
    fn a_catalogue_of_another_language_is_not_read() {
        let src = "msgid \"\"\nmsgstr \"\"\n\"Language: uk\\n\"\n\n#: chat.html:3\nmsgid \"AI answers\"\nmsgstr \"Ответы ИИ\"\n";
        let out = segments(src);
        assert!(out.other_language);
        assert_eq!(out.lang, None);
        assert!(out.segments.is_empty());
        let kk = segments(&src.replace("uk", "kk"));
        assert!(!kk.other_language);
        assert_eq!(kk.lang, Some(Lang::Kk));
        assert_eq!(kk.segments.len(), 1);
    }
}
