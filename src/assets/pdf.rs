//! PDF manuals and leaflets: the text layer of each page (lopdf), pages separated by form feeds.
//! Spans point into that text layer: line numbers count its lines, not the PDF's bytes.

/// Decompressed content streams larger than this are not read (a decompression bomb).
const MAX_DECOMPRESSED: usize = 64 * 1024 * 1024;

pub fn text(bytes: &[u8]) -> Result<String, String> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| format!("PDF not read: {e}"))?;
    let mut out = String::new();
    for page in doc.get_pages().keys() {
        let text = doc
            .extract_text_with_limit(&[*page], MAX_DECOMPRESSED)
            .unwrap_or_default();
        if !out.is_empty() {
            out.push('\u{c}');
            out.push('\n');
        }
        out.push_str(&text);
    }
    if out.chars().filter(|c| c.is_alphabetic()).count() == 0 {
        return Err(
            "PDF has no text layer (scanned or outlined text): its disclosures cannot be read; \
             export it with a text layer or run OCR"
                .into(),
        );
    }
    Ok(out)
}
