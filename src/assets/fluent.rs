//! Fluent `.ftl`: each message's value and attributes (`.title`), continuation lines joined,
//! keyed by the message id (`ai-notice`, `ai-notice.title`).

use super::{Extracted, Segment};

pub fn segments(src: &str) -> Extracted {
    let mut out = Extracted::default();
    let mut current: Option<(String, Segment)> = None;
    let mut message = String::new();
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let indented = content.starts_with([' ', '\t']);
        let trimmed = content.trim();
        if trimmed.is_empty() {
            continue;
        }
        if !indented && trimmed.starts_with('#') {
            finish(current.take(), &mut out);
            continue;
        }
        let lead = content.len() - content.trim_start().len();
        let attribute = indented && trimmed.starts_with('.') && trimmed.contains('=');
        if indented && !attribute {
            if let Some((_, seg)) = current.as_mut() {
                seg.push_space();
                seg.push(trimmed, at + lead, at + lead + trimmed.len());
            }
            continue;
        }
        let Some((id, value)) = trimmed.split_once('=') else {
            out.error(src, at, "malformed Fluent line: expected `id = value`");
            finish(current.take(), &mut out);
            continue;
        };
        finish(current.take(), &mut out);
        let id = id.trim();
        let key = if attribute {
            format!("{message}{id}")
        } else {
            message = id.to_string();
            id.to_string()
        };
        let value_trimmed = value.trim();
        let value_at =
            at + lead + (trimmed.len() - value.len()) + (value.len() - value.trim_start().len());
        let mut seg = Segment::entry(&key, "", src, value_at, value_at);
        if !value_trimmed.is_empty() {
            seg.push(value_trimmed, value_at, value_at + value_trimmed.len());
        }
        // Attributes belong with their message.
        seg.group = Some(super::segment::group_of(&message));
        current = Some((key, seg));
    }
    finish(current, &mut out);
    out
}

fn finish(current: Option<(String, Segment)>, out: &mut Extracted) {
    if let Some((_, seg)) = current {
        out.segments.push(seg);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn messages_attributes_and_continuations() {
        let src = "# AI notice\nai-notice = Ответы генерирует ИИ.\n    Проверяйте важные сведения.\n    .title = Об ИИ\nsettings = Настройки\n";
        let out = super::segments(src);
        let keys: Vec<_> = out
            .segments
            .iter()
            .map(|s| s.key.clone().unwrap())
            .collect();
        assert_eq!(keys, ["ai-notice", "ai-notice.title", "settings"]);
        assert_eq!(
            out.segments[0].text,
            "Ответы генерирует ИИ. Проверяйте важные сведения."
        );
        let seg = &out.segments[0];
        let at = seg.text.find("Проверяйте").unwrap();
        assert!(src[seg.source_offset(at)..].starts_with("Проверяйте"));
        assert_eq!(out.segments[1].group.as_deref(), Some("ai"));
    }
}
