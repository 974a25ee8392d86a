//! Markdown and MDX: text split into sections by heading, with the heading path as the scope.

use super::Segment;
use crate::limits::Limits;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Splits a Markdown document into segments: one per block of text (paragraph, list item,
/// heading, table cell), each carrying the path of headings above it. Text in block quotes and
/// lists nested deeper than the nesting limit is ignored.
pub fn segments(text: &str, limits: &Limits) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut headings: Vec<(HeadingLevel, String)> = Vec::new();
    let mut current: Option<Segment> = None;
    let mut in_heading: Option<HeadingLevel> = None;
    let mut heading_text = String::new();
    let mut skip_depth = 0usize;
    let mut containers = 0usize;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => containers += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => {
                containers = containers.saturating_sub(1)
            }
            _ => {}
        }
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                skip_depth += 1
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                skip_depth = skip_depth.saturating_sub(1)
            }
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut current, &mut out);
                in_heading = Some(level);
                heading_text.clear();
                current = Some(Segment::new(scope(&headings), range.start));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(level) = in_heading.take() {
                    while headings.last().is_some_and(|(l, _)| *l >= level) {
                        headings.pop();
                    }
                    headings.push((level, heading_text.trim().to_string()));
                    if let Some(seg) = current.as_mut() {
                        seg.scope = scope(&headings);
                    }
                }
                flush(&mut current, &mut out);
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell | Tag::BlockQuote(_))
                if current.is_none() =>
            {
                current = Some(Segment::new(scope(&headings), range.start));
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_),
            ) => flush(&mut current, &mut out),
            Event::Text(t) | Event::Code(t) if skip_depth == 0 && !limits.too_deep(containers) => {
                if in_heading.is_some() {
                    heading_text.push_str(&t);
                }
                let seg =
                    current.get_or_insert_with(|| Segment::new(scope(&headings), range.start));
                // The text maps to its source when it is the source verbatim (most often the
                // whole of it, which needs no search); otherwise to its start.
                let source = &text[range.clone()];
                let offset = range.start
                    + if source.starts_with(t.as_ref()) {
                        0
                    } else {
                        source.find(t.as_ref()).unwrap_or(0)
                    };
                seg.push(&t, offset, range.end);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(seg) = current.as_mut() {
                    seg.push_space();
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut out);
    out
}

fn scope(headings: &[(HeadingLevel, String)]) -> Vec<String> {
    headings.iter().map(|(_, t)| t.clone()).collect()
}

fn flush(current: &mut Option<Segment>, out: &mut Vec<Segment>) {
    if let Some(seg) = current.take()
        && !seg.text.trim().is_empty()
    {
        out.push(seg);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_carry_their_heading_path() {
        let md = "# Нұсқаулық\n\nКіріспе.\n\n## Жасанды интеллект\n\nБұл құрылғы **жасанды интеллектті** пайдаланады.\n\n```\ncode is skipped\n```\n";
        let segs = segments(md, &Limits::default());
        let texts: Vec<&str> = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Нұсқаулық",
                "Кіріспе.",
                "Жасанды интеллект",
                "Бұл құрылғы жасанды интеллектті пайдаланады."
            ]
        );
        assert_eq!(segs[3].scope, ["Нұсқаулық", "Жасанды интеллект"]);
        let bold = segs[3].text.find("жасанды").unwrap();
        assert_eq!(&md[segs[3].source_offset(bold)..][..14], "жасанды");
    }

    #[test]
    fn text_nested_deeper_than_the_limit_is_ignored() {
        let limits = Limits {
            max_nesting: 2,
            ..Limits::default()
        };
        let md = "> shallow
>
> > two
> >
> > > three
";
        let texts: Vec<String> = segments(md, &limits).into_iter().map(|s| s.text).collect();
        assert_eq!(texts, ["shallow", "two"]);
        let all = segments(md, &Limits::default());
        assert_eq!(all.last().unwrap().text, "three");
    }
}
