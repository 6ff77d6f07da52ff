//! Inputs the fuzzers found interesting (`fuzz/`, minimised with libFuzzer's
//! `-set_cover_merge=1`), replayed through the same paths: loading, checking, every output
//! format, pack tests, every renderer. Each must run without a panic and write valid JSON and
//! SARIF (`cloudpact::fuzzing` asserts that). `fuzz/README.md` says how to refresh them.

use std::path::Path;

fn replay(dir: &str, mut run: impl FnMut(&[u8])) -> usize {
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

#[test]
fn rendered_findings_found_by_the_fuzzer() {
    let mut rendered = 0;
    let count = replay("tests/fuzz-corpus/render", |bytes| {
        if cloudpact::fuzzing::render_bytes(bytes) {
            rendered += 1;
        }
    });
    assert!(count > 0, "the render corpus is empty");
    // Inputs that no longer decode (a change to the findings' shape) test nothing.
    assert!(
        rendered * 10 >= count * 9,
        "only {rendered} of {count} render inputs decode: refresh the corpus (fuzz/README.md)"
    );
}
