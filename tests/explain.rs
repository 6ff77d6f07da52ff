//! `explain` answers for every code cloudpact can print: every rule and clause of every
//! built-in pack, the engine's codes in each pack's namespace, and every fixed code.

// A test that fails may panic: that is how it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cloudpact::codes;
use cloudpact::explain::{Explanation, explain};
use cloudpact::policy::{PackStore, Selection};

#[test]
fn every_code_is_explained() {
    let store = PackStore::new();
    let packs = store.select_without_plan(&Selection::default()).unwrap();
    let mut count = 0;
    for pack in &packs.packs {
        for rule in &pack.rules {
            match explain(&rule.code, &packs).unwrap() {
                Explanation::Rule {
                    code,
                    clause,
                    sources,
                    ..
                } => {
                    assert_eq!(code, rule.code);
                    assert!(clause.is_some() && !sources.is_empty());
                }
                other => panic!("{} explained as {other:?}", rule.code),
            }
            count += 1;
        }
        for clause in &pack.clauses {
            assert!(matches!(
                explain(&clause.code, &packs).unwrap(),
                Explanation::Clause { .. }
            ));
            count += 1;
        }
        for engine in codes::PACK_ENGINE_CODES {
            let code = format!("{}/{}", pack.id, engine.name);
            assert!(matches!(
                explain(&code, &packs).unwrap(),
                Explanation::Engine { .. }
            ));
            count += 1;
        }
    }
    for code in codes::fixed() {
        assert!(
            matches!(
                explain(code.name, &packs).unwrap(),
                Explanation::Engine { .. }
            ),
            "{}",
            code.name
        );
        count += 1;
    }
    assert!(count > 80);
}

#[test]
fn an_unknown_code_gets_a_did_you_mean() {
    let store = PackStore::new();
    let packs = store.select_without_plan(&Selection::default()).unwrap();
    let error = explain("openai-microsoft/first-on-azur", &packs).unwrap_err();
    assert!(
        error.contains("did you mean `openai-microsoft/first-on-azure`?"),
        "{error}"
    );
}
