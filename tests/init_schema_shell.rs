//! `init`, `schema`, `completions` and `man` do what their help says.

// A test that fails may panic: that is how it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::run;

#[test]
fn every_starter_checks_cleanly_on_its_as_of_date() {
    let dir = std::env::temp_dir().join(format!("cloudpact-init-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for provider in ["openai", "anthropic", "google", "meta", "mistral"] {
        for as_of in ["2026-06-01", "2026-11-26", "2027-03-15"] {
            let (plan, err, code) =
                run(&["init", "--provider", provider, "--as-of", as_of, "-o", "-"]);
            assert_eq!(code, 0, "{provider}: {err}");
            assert!(plan.contains(&format!("as_of = {as_of}")));
            assert!(plan.contains("[[deployment]]") && plan.contains("# [[exception]]"));
            // No exception is in force: nobody approved one.
            assert!(
                !plan
                    .lines()
                    .any(|l| l.trim_start().starts_with("[[exception]]")),
                "{plan}"
            );
            assert!(plan.starts_with(
                "#:schema https://raw.githubusercontent.com/cloudpact/cloudpact/main/schemas/plan.schema.json\n"
            ));
            let path = dir.join(format!("{provider}-{as_of}.plan.toml"));
            std::fs::write(&path, &plan).unwrap();
            // No error: a warning it draws stands, for the buyer to read.
            let (out, _, code) = run(&["check", path.to_str().unwrap(), "--quiet"]);
            assert_eq!(
                code, 0,
                "{provider} starter on {as_of} does not check cleanly:\n{out}\n{plan}"
            );
        }
    }
    // The OpenAI starter shows the multi-cloud paths the amendment opened.
    let (plan, _, _) = run(&["init", "--as-of", "2026-06-01", "-o", "-"]);
    assert!(
        plan.contains("cloud = \"aws\"")
            && plan.contains("cloud = \"gcp\"")
            && plan.contains("azure-foundry")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn init_refuses_to_overwrite_and_an_unknown_provider() {
    let dir = std::env::temp_dir().join(format!("cloudpact-init-o-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("ours.plan.toml");
    let (_, err, code) = run(&["init", "-o", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("cloudpact check"));
    let before = std::fs::read_to_string(&path).unwrap();
    let (_, err, code) = run(&["init", "-o", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot write"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    let (_, err, code) = run(&["init", "--provider", "opena", "-o", "-"]);
    assert_eq!(code, 2);
    assert!(err.contains("openai"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// With no `-o`, the plan goes to `cloudpact.plan.toml` in the working directory; with
/// `--schema`, the schema is written beside it and the plan's `#:schema` line names it.
#[test]
fn init_writes_cloudpact_plan_toml_and_the_schema_beside_it() {
    let dir = std::env::temp_dir().join(format!("cloudpact-init-cwd-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let init = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cloudpact"))
            .arg("init")
            .args(args)
            .current_dir(&dir)
            .env_remove("RUST_BACKTRACE")
            .output()
            .unwrap();
        (
            String::from_utf8(out.stderr).unwrap(),
            out.status.code().unwrap(),
        )
    };
    let (err, code) = init(&["--schema"]);
    assert_eq!(code, 0, "{err}");
    let plan = std::fs::read_to_string(dir.join("cloudpact.plan.toml")).unwrap();
    assert!(plan.starts_with("#:schema ./plan.schema.json\n"), "{plan}");
    assert_eq!(
        std::fs::read_to_string(dir.join("plan.schema.json")).unwrap(),
        std::fs::read_to_string("schemas/plan.schema.json").unwrap()
    );
    // A second run overwrites neither.
    let (err, code) = init(&["--schema"]);
    assert_eq!(code, 2);
    assert!(err.contains("exists"), "{err}");
    let (err, code) = init(&[]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot write cloudpact.plan.toml"), "{err}");
    // The schema cannot go beside stdout.
    let (err, code) = init(&["--schema", "-o", "-"]);
    assert_eq!(code, 2);
    assert!(err.contains("--schema"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn schema_prints_exactly_the_files_in_schemas() {
    for (kind, file) in [
        ("plan", "schemas/plan.schema.json"),
        ("policy", "schemas/policy.schema.json"),
        ("regions", "schemas/regions.schema.json"),
    ] {
        let (out, _, code) = run(&["schema", kind]);
        assert_eq!(code, 0);
        assert_eq!(out, std::fs::read_to_string(file).unwrap(), "{kind}");
    }
}

#[test]
fn completions_and_the_manual() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (out, _, code) = run(&["completions", shell]);
        assert_eq!(code, 0);
        for word in ["cloudpact", "check", "paths", "report", "deny-warnings"] {
            assert!(out.contains(word), "{shell} completion lacks {word}");
        }
    }
    let (man, _, code) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(
        man.starts_with(".ie") || man.contains(".TH cloudpact"),
        "{}",
        &man[..200.min(man.len())]
    );
    assert!(man.contains("check") && man.contains("Exit codes"));
    // Each page the manual refers to exists: `man COMMAND` prints it, `--dir` writes it.
    let referred: Vec<String> = man
        .lines()
        .filter_map(|l| l.strip_prefix("cloudpact\\-"))
        .filter_map(|l| l.strip_suffix("(1)"))
        .map(str::to_string)
        .collect();
    assert!(referred.len() >= 10, "{referred:?}");
    assert!(!referred.iter().any(|c| c == "help"), "no page for `help`");
    let dir = std::env::temp_dir().join(format!("cloudpact-man-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (_, err, code) = run(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    for command in &referred {
        let (page, err, code) = run(&["man", command]);
        assert_eq!(code, 0, "{command}: {err}");
        assert!(
            page.contains(&format!(".TH cloudpact-{command} 1")),
            "{page}"
        );
        let written = std::fs::read_to_string(dir.join(format!("cloudpact-{command}.1"))).unwrap();
        assert_eq!(written, page);
    }
    let (_, err, code) = run(&["man", "chek"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `check`"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
