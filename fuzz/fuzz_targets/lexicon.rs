//! The lexicon matcher on normalised text: every match maps back into the original text.
#![no_main]

use aidisclose::assets::normalize;
use aidisclose::knowledge::Knowledge;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let knowledge = Knowledge::embedded().expect("embedded knowledge");
    let norm = normalize::normalize(&text);
    for m in knowledge.lexicon.find(&norm.text) {
        assert!(m.start <= m.end && m.end <= norm.text.len());
        let (s, e) = norm.original_range(m.start, m.end);
        assert!(s <= e && e <= text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
    }
});
