//! A policy pack, as bytes: loaded, linted, its tests run and its rules explained.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cloudpact::fuzzing::load_pack_bytes(data);
});
