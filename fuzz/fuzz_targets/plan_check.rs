//! A plan, as bytes: loaded, checked against every built-in pack, and written in every
//! format. Nothing may panic, and the JSON and SARIF written must parse.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cloudpact::fuzzing::check_plan_bytes(data);
});
