//! Plain text (label panels, store descriptions): paragraphs separated by blank lines; the whole
//! file is one passage.

use super::Segment;

pub fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut current: Option<Segment> = None;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(seg) = current.take() {
                out.push(seg);
            }
        } else {
            let seg = current.get_or_insert_with(|| Segment::new(Vec::new(), offset));
            if !seg.text.is_empty() {
                seg.push_space();
            }
            seg.push(content, offset, offset + content.len());
        }
        offset += line.len();
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn paragraphs() {
        let segs = super::segments("Line one\nline two\n\n\nThird\n");
        assert_eq!(segs.len(), 2);
        assert_eq!(segs[0].text, "Line one line two");
        assert_eq!(segs[1].start, 20);
    }
}
