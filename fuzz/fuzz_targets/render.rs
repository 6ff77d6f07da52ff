//! Every renderer fed findings that no plan would produce: any text, any spans (inside,
//! across or past the text), any strings in messages and help. The bytes are decoded in
//! `cloudpact::fuzzing::render_bytes`, so `tests/fuzz_regressions.rs` replays the corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cloudpact::fuzzing::render_bytes(data);
});

