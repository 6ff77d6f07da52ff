//! `--format json` carries every field DESIGN.md's version-1 contract names, with its type.

// A test that fails may panic: that is how it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::Command;

use serde_json::Value;

fn run(args: &[&str]) -> (Value, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_cloudpact"))
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    (json, out.status.code().unwrap())
}

fn has(value: &Value, key: &str, check: fn(&Value) -> bool) {
    let field = value
        .get(key)
        .unwrap_or_else(|| panic!("no `{key}` in {value}"));
    assert!(check(field), "`{key}` has the wrong type: {field}");
}

fn string_or_null(v: &Value) -> bool {
    v.is_string() || v.is_null()
}

#[test]
fn every_field_of_the_contract_is_there() {
    let (json, code) = run(&[
        "check",
        "--format",
        "json",
        "examples/every-finding.plan.toml",
    ]);
    assert_eq!(code, 1);
    assert_eq!(json["version"], 1);
    has(&json, "as_of", Value::is_string);
    assert_eq!(json["as_of"], "2026-06-01");
    let packs = json["packs"].as_array().unwrap();
    assert_eq!(packs[0]["id"], "openai-microsoft");
    has(&packs[0], "version", string_or_null);

    let file = &json["files"][0];
    assert_eq!(file["path"], "examples/every-finding.plan.toml");
    let deployments = file["deployments"].as_array().unwrap();
    assert_eq!(deployments.len(), 9);
    for d in deployments {
        for key in [
            "id", "provider", "product", "channel", "cloud", "start", "decision",
        ] {
            has(d, key, Value::is_string);
        }
        has(d, "region", string_or_null);
        has(d, "end", string_or_null);
        let decision = d["decision"].as_str().unwrap();
        assert!(["allowed", "conditional", "denied"].contains(&decision));
    }
    let support = &deployments[0];
    assert_eq!(support["id"], "support-bot");
    assert_eq!(support["region"], "eu-west-1");
    assert_eq!(support["start"], "2026-07-01");
    assert_eq!(support["end"], "2028-06-30");
    assert_eq!(support["decision"], "allowed");

    let diagnostics = file["diagnostics"].as_array().unwrap();
    for d in diagnostics {
        for key in ["code", "severity", "message"] {
            has(d, key, Value::is_string);
        }
        has(d, "help", string_or_null);
        has(d, "deployment", string_or_null);
        has(d, "clause", string_or_null);
        has(d, "sources", Value::is_array);
        has(d, "line", Value::is_u64);
        has(d, "column", Value::is_u64);
        assert!(["error", "warning", "advice"].contains(&d["severity"].as_str().unwrap()));
    }
    let newly = &diagnostics[0];
    assert_eq!(newly["code"], "openai-microsoft/newly-permitted");
    assert_eq!(newly["severity"], "advice");
    assert_eq!(newly["deployment"], "support-bot");
    assert_eq!(
        newly["clause"],
        "Multi-Cloud Distribution (2026-04-27 amendment)"
    );
    // Points at `cloud = "aws"` of support-bot.
    assert_eq!(newly["line"], 19);
    assert_eq!(newly["column"], 9);

    let summary = &json["summary"];
    for key in ["files", "deployments", "errors", "warnings", "advice"] {
        has(summary, key, Value::is_u64);
    }
    assert_eq!(summary["files"], 1);
    assert_eq!(summary["deployments"], 9);
    let count = |severity: &str| {
        diagnostics
            .iter()
            .filter(|d| d["severity"] == severity)
            .count()
    };
    assert_eq!(summary["errors"], count("error"));
    assert_eq!(summary["warnings"], count("warning"));
    assert_eq!(summary["advice"], count("advice"));
}

#[test]
fn a_file_that_could_not_be_checked_has_no_deployments_and_an_error() {
    let dir = std::env::temp_dir().join(format!("cloudpact-json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.plan.toml");
    std::fs::write(&path, "[plan\n").unwrap();
    let (json, code) = run(&["check", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    let file = &json["files"][0];
    assert_eq!(file["deployments"].as_array().unwrap().len(), 0);
    assert_eq!(file["diagnostics"][0]["code"], "toml/syntax");
    assert_eq!(file["diagnostics"][0]["severity"], "error");
    assert_eq!(file["diagnostics"][0]["line"], 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The terminal says the same advice on several deployments once, naming them; JSON keeps
/// one finding per deployment, so its consumers can file each where it belongs.
#[test]
fn identical_advice_is_one_finding_per_deployment_in_json_and_said_once_on_a_terminal() {
    let (json, _) = run(&[
        "check",
        "examples/harbor-bank.plan.toml",
        "--format",
        "json",
    ]);
    let review: Vec<&Value> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "harbor-bank/model-risk-review")
        .collect();
    assert_eq!(review.len(), 4, "{review:?}");
    let out = Command::new(env!("CARGO_BIN_EXE_cloudpact"))
        .args(["check", "examples/harbor-bank.plan.toml"])
        .env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.matches("harbor-bank/model-risk-review\n").count(),
        1,
        "{text}"
    );
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "(deployments advisor-copilot, │ kyc-extraction, fraud-notes-us, doc-classifier)"
        ) || flat.contains(
            "(deployments advisor-copilot, kyc-extraction, fraud-notes-us, doc-classifier)"
        ),
        "{text}"
    );
}
