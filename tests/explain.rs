//! `explain` answers for every code cloudpact can print: every rule and clause of every
//! built-in pack, the engine's codes in each pack's namespace, and every fixed code.

// A test that fails may panic: that is how it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::run;

use cloudpact::base::codes;
use cloudpact::input::policy::{PackStore, Selection};
use cloudpact::view::explain::{Explanation, explain};

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
                    assert_eq!(code, rule.code.as_str());
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
        for engine in codes::in_pack() {
            let code = format!("{}/{}", pack.id, engine.name());
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
                explain(code.name(), &packs).unwrap(),
                Explanation::Engine { summary, .. } if summary == code.summary()
            ),
            "{code}"
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

/// Every code `check` prints on a plan with its own pack is explained with `--plan`, and
/// SARIF's help names a command that works.
#[test]
fn a_plans_own_pack_codes_are_explained_with_the_command_sarif_names() {
    let plan = "examples/every-finding.plan.toml";
    let (json, _, _) = run(&["check", plan, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let codes: std::collections::BTreeSet<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.iter().any(|c| c.starts_with("acme/")), "{codes:?}");
    for code in &codes {
        let (out, err, status) = run(&["explain", code, "--plan", plan]);
        assert_eq!(status, 0, "{code}: {err}");
        assert!(out.starts_with(code), "{code}: {out}");
    }
    // Without the plan, a pack file's code is not known, and the error says how to ask.
    let (_, err, status) = run(&["explain", "acme/no-oracle"]);
    assert_eq!(status, 2);
    assert!(err.contains("--policy FILE"), "{err}");
    // SARIF's help for that rule is a command that answers.
    let (sarif, _, _) = run(&["check", plan, "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let rule = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "acme/no-oracle")
        .unwrap();
    let help = rule["help"]["text"].as_str().unwrap();
    let command = help.split('`').nth(1).unwrap();
    assert_eq!(
        command,
        "cloudpact explain acme/no-oracle --policy examples/policies/acme.toml"
    );
    let words: Vec<&str> = command.split(' ').skip(1).collect();
    let (out, err, status) = run(&words);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("No new workloads on Oracle Cloud"), "{out}");
}
