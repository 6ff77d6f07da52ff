//! Generate a corpus of plan files for the benchmarks: N files × M deployments, mixing
//! providers, channels, clouds, regions, dates and exceptions so that every kind of finding
//! occurs. Deterministic: the same arguments give the same files.
//!
//!     cargo run --release --example gen-corpus -- DIR FILES DEPLOYMENTS

// A generator for benchmarks: a failure is a crash with a message, nothing more.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fmt::Write as _;
use std::path::PathBuf;

/// A small deterministic generator (SplitMix64): no dependency, same corpus everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

/// (provider, product, channel, cloud or "", region or "")
const PATHS: &[(&str, &str, &str, &str, &str)] = &[
    ("openai", "gpt-5", "direct", "aws", "eu-west-1"),
    ("openai", "gpt-5", "direct", "gcp", "europe-west4"),
    ("openai", "gpt-5", "direct", "azure", "westeurope"),
    ("openai", "gpt-4o", "azure-foundry", "", "eastus"),
    ("openai", "gpt-4.1", "azure-foundry", "", "swedencentral"),
    ("openai", "gpt-5.5", "bedrock", "", "us-east-1"),
    ("openai", "gpt-5", "bedrock", "", "us-east-1"),
    ("openai", "gpt-oss-120b", "self-hosted", "on-prem", ""),
    ("openai", "gpt-5", "self-hosted", "on-prem", ""),
    ("openai", "chatgpt-enterprise", "direct", "gcp", ""),
    ("openai", "gpt-50", "direct", "azure", ""),
    (
        "anthropic",
        "claude-sonnet-4-5",
        "bedrock",
        "",
        "eu-central-1",
    ),
    ("anthropic", "claude-sonnet-4-5", "vertex", "", "global"),
    (
        "anthropic",
        "claude-sonnet-4-5",
        "azure-foundry",
        "",
        "westeurope",
    ),
    ("anthropic", "claude-opus-4-1", "direct", "aws", ""),
    ("google", "gemini-2.5-pro", "vertex", "", "europe-west4"),
    ("google", "gemini-2.5-pro", "direct", "aws", ""),
    (
        "google",
        "gemini-2.5-flash",
        "oci-genai",
        "",
        "eu-frankfurt-1",
    ),
    ("meta", "llama-3-1-70b", "self-hosted", "on-prem", ""),
    (
        "mistral",
        "mistral-large",
        "azure-foundry",
        "",
        "francecentral",
    ),
    ("cohere", "command-r", "direct", "aws", "us-east-1"),
    ("openai", "gpt-5", "direct", "aws", "us-easst-1"),
];

const STARTS: &[&str] = &[
    "2025-06-01",
    "2026-03-01",
    "2026-05-01",
    "2026-07-01",
    "2026-09-15",
];
const ENDS: &[&str] = &["", "2027-06-30", "2028-12-31", "2034-06-30"];
const SECTORS: &[&str] = &[
    "commercial",
    "financial",
    "healthcare",
    "public-sector",
    "defense",
];
const DATA: &[&str] = &["public", "internal", "confidential", "eu-personal", "pii"];
const WORKLOADS: &[&str] = &["production", "pilot", "internal"];

fn plan(rng: &mut Rng, index: usize, deployments: usize) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "#:schema ../schemas/plan.schema.json\n[plan]\norganization = \"Corpus company {index}\"\nsector = \"{}\"\nas_of = 2026-06-01\n",
        rng.pick(SECTORS)
    );
    let mut ids = Vec::new();
    for d in 0..deployments {
        let (provider, product, channel, cloud, region) = *rng.pick(PATHS);
        let id = format!("dep-{index}-{d}");
        let _ = write!(
            out,
            "\n[[deployment]]\nid = \"{id}\"\nprovider = \"{provider}\"\nproduct = \"{product}\"\nchannel = \"{channel}\"\n"
        );
        if !cloud.is_empty() {
            let _ = writeln!(out, "cloud = \"{cloud}\"");
        }
        if !region.is_empty() {
            let _ = writeln!(out, "region = \"{region}\"");
        }
        let _ = writeln!(out, "start = {}", rng.pick(STARTS));
        let end = rng.pick(ENDS);
        if !end.is_empty() {
            let _ = writeln!(out, "end = {end}");
        }
        let _ = write!(
            out,
            "workload = \"{}\"\ndata = \"{}\"\n",
            rng.pick(WORKLOADS),
            rng.pick(DATA)
        );
        ids.push(id);
    }
    // An exception that waives, one that has expired, one that waives nothing.
    let first = &ids[0];
    let _ = write!(
        out,
        "\n[[exception]]\nrule = \"openai-microsoft/not-yet-permitted\"\ndeployments = [\"{first}\"]\nreason = \"Early access letter\"\napproved_by = \"cpo@example.com\"\nexpires = 2026-12-31\n\n[[exception]]\nrule = \"openai-microsoft/microsoft-licence\"\nreason = \"Renewal in negotiation\"\napproved_by = \"cpo@example.com\"\nexpires = 2026-01-31\n\n[[exception]]\nrule = \"openai-microsoft/bedrock-previews\"\nreason = \"Preview accepted\"\napproved_by = \"cpo@example.com\"\nexpires = 2026-12-31\n"
    );
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .expect("usage: gen-corpus DIR FILES DEPLOYMENTS"),
    );
    let files: usize = args
        .next()
        .map_or(1000, |a| a.parse().expect("FILES is a number"));
    let deployments: usize = args
        .next()
        .map_or(50, |a| a.parse().expect("DEPLOYMENTS is a number"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Rng(0x0000_C10D_9AC7);
    for i in 0..files {
        // Spread over subdirectories as a monorepo would.
        let sub = dir.join(format!("team-{:03}", i % 100));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            sub.join(format!("plan-{i:05}.plan.toml")),
            plan(&mut rng, i, deployments),
        )
        .unwrap();
    }
    eprintln!(
        "wrote {files} plans × {deployments} deployments under {}",
        dir.display()
    );
}
