//! The stages of a check, one benchmark each, on a generated plan of 50 deployments:
//! TOML parse with spans, schema validation, the typed plan, evaluation, and rendering.
//!
//!     cargo bench --bench stages

// A benchmark: a failure is a crash with a message, nothing more.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use cloudpact::base::source::SourceFile;
use cloudpact::engine::evaluate_plan;
use cloudpact::input::document::Document;
use cloudpact::input::plan::load_plan;
use cloudpact::input::policy::{PackStore, Selection};
use cloudpact::render::{RunReport, human, json, sarif};
use cloudpact::view::check::report_plan;
use criterion::{Criterion, criterion_group, criterion_main};

fn plan_text(deployments: usize) -> String {
    let paths = [
        (
            "openai",
            "gpt-5",
            "direct",
            "aws",
            "eu-west-1",
            "2026-07-01",
        ),
        ("openai", "gpt-5", "direct", "aws", "", "2026-03-01"),
        (
            "openai",
            "gpt-4o",
            "azure-foundry",
            "azure",
            "eastus",
            "2025-01-01",
        ),
        (
            "openai",
            "gpt-5.5",
            "bedrock",
            "aws",
            "us-east-1",
            "2026-06-15",
        ),
        (
            "anthropic",
            "claude-sonnet-4-5",
            "vertex",
            "gcp",
            "global",
            "2026-07-01",
        ),
        (
            "google",
            "gemini-2.5-pro",
            "direct",
            "aws",
            "",
            "2026-07-01",
        ),
        (
            "openai",
            "gpt-5",
            "self-hosted",
            "on-prem",
            "",
            "2026-07-01",
        ),
    ];
    let mut text = String::from(
        "[plan]\norganization = \"Bench\"\nsector = \"commercial\"\nas_of = 2026-06-01\n",
    );
    for i in 0..deployments {
        let (provider, product, channel, cloud, region, start) = paths[i % paths.len()];
        text.push_str(&format!(
            "\n[[deployment]]\nid = \"d{i}\"\nprovider = \"{provider}\"\nproduct = \"{product}\"\nchannel = \"{channel}\"\ncloud = \"{cloud}\"\nstart = {start}\nend = 2034-06-30\ndata = \"confidential\"\n"
        ));
        if !region.is_empty() {
            text.push_str(&format!("region = \"{region}\"\n"));
        }
    }
    text
}

fn stages(c: &mut Criterion) {
    let source = SourceFile::new("bench.plan.toml", plan_text(50));
    let store = PackStore::new();
    let plan = load_plan(source.clone()).unwrap();
    let packs = store
        .select_for(&plan, std::path::Path::new("."), &Selection::default())
        .unwrap();
    let as_of = "2026-06-01".parse().unwrap();
    let report = RunReport {
        as_of,
        packs: Vec::new(),
        files: vec![report_plan(&plan, &packs, as_of)],
    };

    c.bench_function("parse with spans", |b| {
        b.iter(|| Document::parse(black_box(&source)).unwrap())
    });
    let schema = cloudpact::input::schema::plan().unwrap();
    c.bench_function("schema validation", |b| {
        let doc = Document::parse(&source).unwrap();
        b.iter(|| schema.check(black_box(&doc)))
    });
    c.bench_function("load plan (parse, schema, typed)", |b| {
        b.iter(|| load_plan(black_box(source.clone())).unwrap())
    });
    c.bench_function("evaluate", |b| {
        b.iter(|| evaluate_plan(black_box(&plan), &packs, as_of))
    });
    c.bench_function("findings to diagnostics", |b| {
        b.iter(|| report_plan(black_box(&plan), &packs, as_of))
    });
    c.bench_function("render json", |b| {
        b.iter(|| json::render(black_box(&report)))
    });
    c.bench_function("render sarif", |b| {
        b.iter(|| sarif::render(black_box(&report)))
    });
    c.bench_function("render human", |b| {
        b.iter(|| human::render(black_box(&report), &human::HumanOptions::default()))
    });
}

criterion_group!(benches, stages);
criterion_main!(benches);
