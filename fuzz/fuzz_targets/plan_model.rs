//! A pack and a plan decoded from the bytes (`arbitrary`, `src/fuzz_model.rs`) and printed
//! as TOML: mostly valid files in the real vocabulary, so most inputs reach the engine. The
//! plan is checked against the pack and against the built-in packs, in every format, and each
//! output read as its consumer reads it (`cloudpact::fuzzing::model_bytes`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cloudpact::fuzzing::model_bytes(data);
});
