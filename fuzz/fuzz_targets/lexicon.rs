//! The lexicon matcher (normalisation, the Kazakh skeleton, denials): every match lies in the
//! text, on character boundaries, in any declared language.
#![no_main]

use aidisclose::knowledge::Knowledge;
use aidisclose::model::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let knowledge = Knowledge::embedded().expect("embedded knowledge");
    for lang in std::iter::once(None).chain(Lang::ALL.map(Some)) {
        for m in knowledge.lexicon.find(&text, lang) {
            assert!(m.start <= m.end && m.end <= text.len(), "{m:?}");
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }
});
