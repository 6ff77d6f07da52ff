//! The built-in packs are tested like code: every case they carry passes, every rule is
//! exercised by a passing case, and together they carry well over twenty cases.

// A test that fails may panic: that is how it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cloudpact::input::policy::{PackStore, builtin};
use cloudpact::view::pack_test::run_pack;

#[test]
fn every_case_passes_and_every_rule_is_covered() {
    let store = PackStore::new();
    let mut total = 0;
    for id in builtin::ids() {
        let pack = store.builtin(id).unwrap().unwrap();
        let results = run_pack(&pack, &store);
        for case in &results.cases {
            assert!(
                case.passed(),
                "{id}: test `{}` (line {}) failed: {:?}",
                case.name,
                case.line,
                case.failure
            );
        }
        assert!(
            results.uncovered().is_empty(),
            "{id}: rules no passing test exercises: {:?}",
            results.uncovered()
        );
        total += results.cases.len();
    }
    assert!(total >= 20, "only {total} pack tests");
}

#[test]
fn the_example_packs_pass_their_own_tests() {
    let store = PackStore::new();
    for file in [
        "examples/policies/harbor-bank.toml",
        "examples/policies/acme.toml",
    ] {
        let pack = store.file(std::path::Path::new(file)).unwrap();
        let results = run_pack(&pack, &store);
        assert!(!results.cases.is_empty(), "{file} carries no tests");
        for case in &results.cases {
            assert!(
                case.passed(),
                "{file}: `{}` failed: {:?}",
                case.name,
                case.failure
            );
        }
        assert!(
            results.uncovered().is_empty(),
            "{file}: {:?}",
            results.uncovered()
        );
    }
}
