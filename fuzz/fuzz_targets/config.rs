//! The config loader: YAML parsing with budgets, then validation with spans.
#![no_main]

use aidisclose::config::Config;
use aidisclose::knowledge::Knowledge;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let knowledge = Knowledge::embedded().expect("embedded knowledge");
    if let Err(e) = Config::parse(".aidisclose.yml", text, knowledge) {
        // The error must point inside the text.
        assert!(e.span.offset() + e.span.len() <= text.len());
    }
});
