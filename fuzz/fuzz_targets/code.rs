//! Every code extractor the scan dispatches to, through the scan's own entry point.
#![no_main]

mod common;

use aidisclose::workspace::FileKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::extract_file(data, |kind| {
        matches!(kind, FileKind::Source(_) | FileKind::MaybeScript)
    });
});
