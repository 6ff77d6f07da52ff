//! Inputs the fuzzers found interesting (`fuzz/`, minimised with `cargo fuzz cmin`), replayed
//! through the same paths: loading, checking, every output format, pack tests. Each must run
//! without a panic and write valid JSON and SARIF (`cloudpact::fuzzing` asserts that).

use std::path::Path;

fn replay(dir: &str, run: fn(&[u8])) -> usize {
    let mut files: Vec<_> = std::fs::read_dir(Path::new(dir))
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for file in &files {
        let bytes = std::fs::read(file).unwrap_or_default();
        run(&bytes);
    }
    files.len()
}

#[test]
fn plan_inputs_found_by_the_fuzzer() {
    let count = replay(
        "tests/fuzz-corpus/plan_check",
        cloudpact::fuzzing::check_plan_bytes,
    );
    assert!(count > 0, "the plan corpus is empty");
}

#[test]
fn pack_inputs_found_by_the_fuzzer() {
    let count = replay(
        "tests/fuzz-corpus/pack_load",
        cloudpact::fuzzing::load_pack_bytes,
    );
    assert!(count > 0, "the pack corpus is empty");
}
