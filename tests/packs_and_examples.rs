//! Every built-in pack and every example loads cleanly against the schemas, and every
//! built-in rule cites its clause, sources and confidence.

// A test that fails may panic: that is how it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use cloudpact::base::source::SourceFile;
use cloudpact::base::vocab::Cloud;
use cloudpact::input::plan::load_plan;
use cloudpact::input::policy::{Origin, builtin, load_pack};

fn read(path: &Path) -> SourceFile {
    SourceFile::new(
        path.display().to_string(),
        std::fs::read_to_string(path).unwrap(),
    )
}

fn files(dir: &str, suffix: &str) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    found.sort();
    found
}

#[test]
fn every_builtin_pack_loads_and_is_embedded() {
    // The region catalog is data of another kind, loaded by `region.rs`.
    let on_disk: Vec<_> = files("policies", ".toml")
        .into_iter()
        .filter(|p| !p.ends_with("regions.toml"))
        .collect();
    assert!(!on_disk.is_empty());
    for path in &on_disk {
        let name = path.display().to_string();
        let embedded = builtin::BUILTIN
            .iter()
            .find(|b| b.file == name)
            .unwrap_or_else(|| panic!("{name} is not embedded in policy/builtin.rs"));
        assert_eq!(embedded.text, std::fs::read_to_string(path).unwrap());
        // Loaded as a user's pack file is: the schema and the sources lint, which a run skips
        // for the embedded copy, hold here.
        let pack = load_pack(read(path), Origin::File(path.clone()))
            .unwrap_or_else(|e| panic!("{name} does not load: {e:#?}"));
        assert_eq!(pack.id, embedded.id);
        assert_eq!(
            pack.governs, embedded.governs,
            "{name}: builtin.rs must list what it governs"
        );
        assert!(
            pack.warnings.is_empty(),
            "{name} loads with warnings: {:#?}",
            pack.warnings
        );
    }
}

#[test]
fn every_builtin_rule_cites_clause_sources_and_confidence() {
    for b in builtin::BUILTIN {
        let pack = load_pack(SourceFile::new(b.file, b.text), Origin::Builtin).unwrap();
        assert!(!pack.rules.is_empty());
        for rule in &pack.rules {
            assert!(rule.clause.is_some(), "{} has no clause", rule.code);
            assert!(!rule.sources.is_empty(), "{} has no sources", rule.code);
            assert!(rule.confidence.is_some(), "{} has no confidence", rule.code);
            assert!(rule.title.is_some(), "{} has no title", rule.code);
        }
        for clause in &pack.clauses {
            assert!(!clause.sources.is_empty(), "{} has no sources", clause.code);
            assert!(
                clause.confidence.is_some(),
                "{} has no confidence",
                clause.code
            );
        }
    }
}

#[test]
fn every_example_plan_and_pack_loads() {
    let plans = files("examples", ".plan.toml");
    assert!(plans.len() >= 4, "expected at least four example plans");
    for path in plans {
        let source = read(&path);
        assert!(
            source
                .text
                .starts_with("#:schema ../schemas/plan.schema.json"),
            "{} lacks its #:schema line",
            path.display()
        );
        load_plan(source).unwrap_or_else(|e| panic!("{} does not load: {e:#?}", path.display()));
    }
    for path in files("examples/policies", ".toml") {
        let source = read(&path);
        assert!(
            source
                .text
                .starts_with("#:schema ../../schemas/policy.schema.json")
        );
        load_pack(source, Origin::File(path.clone()))
            .unwrap_or_else(|e| panic!("{} does not load: {e:#?}", path.display()));
    }
}

#[test]
fn the_region_catalog_loads() {
    let catalog = cloudpact::input::region::catalog().unwrap_or_else(|e| panic!("{e:#?}"));
    assert!(catalog.len() > 150);
    let eu = catalog.region(Cloud::Aws, "eu-west-1").unwrap();
    assert_eq!(eu.jurisdiction.as_deref(), Some("eu"));
    assert!(
        catalog
            .region(Cloud::Aws, "us-gov-west-1")
            .unwrap()
            .government
    );
    assert!(
        catalog
            .region(Cloud::Azure, "usgovvirginia")
            .unwrap()
            .government
    );
    assert_eq!(
        catalog
            .region(Cloud::Gcp, "europe-west2")
            .unwrap()
            .jurisdiction
            .as_deref(),
        Some("uk")
    );
    assert_eq!(
        catalog.region(Cloud::Gcp, "global").unwrap().jurisdiction,
        None
    );
}

/// Built-in data skips the schema at run time (it is trusted); here it is checked.
#[test]
fn embedded_data_validates_against_the_schemas() {
    use cloudpact::input::document::Document;
    for b in builtin::BUILTIN {
        let source = SourceFile::new(b.file, b.text);
        let doc = Document::parse(&source).unwrap();
        let errors = cloudpact::input::schema::policy().unwrap().check(&doc);
        assert!(errors.is_empty(), "{}: {errors:#?}", b.file);
    }
    let source = read(std::path::Path::new("policies/regions.toml"));
    let doc = Document::parse(&source).unwrap();
    let errors = cloudpact::input::schema::regions().unwrap().check(&doc);
    assert!(errors.is_empty(), "regions: {errors:#?}");
    cloudpact::input::region::RegionCatalog::parse(&source).unwrap();
}

/// `paths --plan` gives each deployment the decision `check` gives it (exceptions applied),
/// and lists as alternatives only paths that are permitted: one evaluator, one answer.
#[test]
fn paths_for_a_plan_agree_with_check() {
    let run = |args: &[&str]| -> serde_json::Value {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cloudpact"))
            .args(args)
            .env_remove("RUST_BACKTRACE")
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    for plan in files("examples", ".plan.toml") {
        let plan = plan.to_str().unwrap();
        let checked = run(&["check", plan, "--format", "json"]);
        let paths = run(&["paths", "--plan", plan, "--format", "json"]);
        let decisions: Vec<(&str, &str)> = checked["files"][0]["deployments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["id"].as_str().unwrap(), d["decision"].as_str().unwrap()))
            .collect();
        let statuses: Vec<(&str, &str)> = paths["deployments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["id"].as_str().unwrap(), d["status"].as_str().unwrap()))
            .collect();
        assert_eq!(decisions, statuses, "{plan}");
        let checked_rows = checked["files"][0]["deployments"].as_array().unwrap();
        for (d, c) in paths["deployments"]
            .as_array()
            .unwrap()
            .iter()
            .zip(checked_rows)
        {
            for cell in d["alternatives"].as_array().unwrap() {
                assert_ne!(cell["status"], "denied", "{plan}: {cell}");
                assert!(
                    (&cell["channel"], &cell["cloud"]) != (&d["channel"], &d["cloud"])
                        || !cell["region"].is_null(),
                    "{plan}: its own path is no alternative, except in another region"
                );
            }
            // A denial offers the list paths shows: one search.
            if c["decision"] == "denied" {
                assert_eq!(c["alternatives"], d["alternatives"], "{plan}");
            } else {
                assert_eq!(c["alternatives"], serde_json::json!([]), "{plan}");
            }
        }
    }
}
