//! The plan schema that editors validate with (`schemas/plan.schema.json`, the file the
//! validator is built from) and cloudpact's reader agree on every plan's shape: a plan the
//! schema accepts loads without a `schema/` error, and a plan the reader refuses for its shape
//! the schema refuses too. The schema sees the plan as an editor does (taplo, Even Better
//! TOML): TOML dates become strings. Plans are made from a grammar of right and wrong keys and
//! values: dates bare, quoted, impossible or with a time; words of the closed vocabulary and
//! near misses; text with control characters and bidirectional overrides; wrong types.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use cloudpact::base::source::SourceFile;
use cloudpact::input::plan::load_plan;
use proptest::prelude::*;
use serde_json::Value as Json;
use toml::Value as Toml;

/// The schema as an editor has it, compiled at run time from the file cloudpact builds its
/// validator from at compile time.
fn editor_schema() -> &'static jsonschema::Validator {
    static SCHEMA: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        let text = include_str!("../schemas/plan.schema.json");
        let schema: Json = serde_json::from_str(text).unwrap();
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap()
    })
}

/// TOML as an editor hands it to a JSON Schema validator: a date is its text.
fn editor_view(value: &Toml) -> Json {
    match value {
        Toml::String(s) => Json::String(s.clone()),
        Toml::Integer(i) => Json::from(*i),
        Toml::Float(f) => Json::from(*f),
        Toml::Boolean(b) => Json::Bool(*b),
        Toml::Datetime(d) => Json::String(d.to_string()),
        Toml::Array(items) => Json::Array(items.iter().map(editor_view).collect()),
        Toml::Table(t) => {
            Json::Object(t.iter().map(|(k, v)| (k.clone(), editor_view(v))).collect())
        }
    }
}

fn date(text: &str) -> Toml {
    Toml::Datetime(text.parse().unwrap())
}

/// A value for a field: often right for it, often wrong in one of the ways people get wrong.
fn value(right: Vec<Toml>) -> impl Strategy<Value = Toml> {
    let text = prop::sample::select(vec![
        "acme",
        "Acme Corp",
        "gpt-5",
        "",
        "a\u{7}bell",
        "tab\there",
        "new\nline",
        "rtl\u{202E}override",
        "isolate\u{2066}x",
        "esc\u{1b}[31m",
        "nul\u{0}",
        "c1\u{85}",
        "nonchar\u{FFFF}",
        "caf\u{e9}",
        "a.b-c_d",
        "-lead",
        "UPPER",
        "2026-07-01",
        "2026-02-30",
        "2026-7-1",
        "2026-07-01T10:00:00",
        "0000-01-01",
        "9999-12-31",
    ])
    .prop_map(|s| Toml::String(s.to_owned()));
    let dates = prop::sample::select(vec![
        "2026-07-01",
        "2024-02-29",
        "1999-12-31",
        "9999-12-31",
        "2026-07-01T10:00:00",
        "2026-07-01T10:00:00Z",
        "10:00:00",
    ])
    .prop_map(date);
    let other = prop_oneof![
        any::<i64>().prop_map(Toml::Integer),
        any::<bool>().prop_map(Toml::Boolean),
        prop::collection::vec(text.clone(), 0..3).prop_map(Toml::Array),
        Just(Toml::Table(toml::Table::new())),
    ];
    // Mostly right, so that a fair share of plans have no fault and the schema's yes is
    // tested as often as its no.
    prop_oneof![
        40 => prop::sample::select(right),
        1 => text,
        1 => dates,
        1 => other,
    ]
}

fn words(list: &[&str]) -> Vec<Toml> {
    list.iter().map(|w| Toml::String((*w).to_owned())).collect()
}

fn dates(list: &[&str]) -> Vec<Toml> {
    list.iter().map(|d| date(d)).collect()
}

/// A table with some of `fields` (each present or not; the `required` ones nearly always),
/// and now and then a key no schema knows.
fn table(
    required: &'static [&'static str],
    fields: Vec<(&'static str, Vec<Toml>)>,
) -> impl Strategy<Value = Toml> {
    let n = fields.len();
    let values: Vec<_> = fields
        .into_iter()
        .map(|(k, right)| {
            let present = if required.contains(&k) { 0.97 } else { 0.7 };
            (Just(k), value(right), prop::bool::weighted(present))
        })
        .collect();
    (values, prop::option::weighted(0.03, value(words(&["x"])))).prop_map(move |(values, extra)| {
        let mut t = toml::Table::new();
        for (k, v, present) in values.into_iter().take(n) {
            if present {
                t.insert(k.to_owned(), v);
            }
        }
        if let Some(v) = extra {
            t.insert("unknown_key".to_owned(), v);
        }
        Toml::Table(t)
    })
}

fn plan() -> impl Strategy<Value = Toml> {
    let header = table(
        &[],
        vec![
            ("organization", words(&["Acme", "Harbor Bank"])),
            (
                "sector",
                words(&["commercial", "public-sector", "defense", "healthcare"]),
            ),
            ("domicile", words(&["us", "gb", "de"])),
            ("as_of", dates(&["2026-06-01", "2027-01-15"])),
            (
                "policies",
                vec![
                    Toml::Array(words(&["openai-microsoft"])),
                    Toml::Array(words(&["anthropic", "google"])),
                    Toml::Array(vec![]),
                    Toml::Array(words(&["openai-microsoft"])),
                    // The same pack twice: `uniqueItems`.
                    Toml::Array(words(&["google", "google"])),
                ],
            ),
        ],
    );
    let rest = table(
        &["id", "provider", "product"],
        vec![
            ("id", words(&["chat", "eu.prod", "batch-1"])),
            (
                "provider",
                words(&["openai", "anthropic", "google", "meta"]),
            ),
            (
                "product",
                words(&["gpt-5", "gpt-4o", "claude-sonnet-4-5", "gemini-2-5-pro"]),
            ),
            ("region", words(&["eastus", "westeurope", "us-east-1"])),
            ("start", dates(&["2026-01-01", "2026-05-01"])),
            ("end", dates(&["2027-12-31", "2030-06-30"])),
            ("workload", words(&["production", "pilot"])),
            ("data", words(&["confidential", "public"])),
        ],
    );
    // A channel and a cloud that go together (bedrock runs on aws), each then as likely to be
    // wrong as any other value.
    // Or any channel with any cloud, which the schema refuses where the channel implies
    // another.
    let channels = [
        "direct",
        "azure-foundry",
        "bedrock",
        "vertex",
        "oci-genai",
        "gdc",
        "marketplace",
        "partner",
        "self-hosted",
    ];
    let clouds = ["azure", "aws", "gcp", "oci", "on-prem"];
    let coherent = prop::sample::select(vec![
        ("direct", "azure"),
        ("direct", "aws"),
        ("azure-foundry", "azure"),
        ("bedrock", "aws"),
        ("vertex", "gcp"),
        ("self-hosted", "on-prem"),
    ]);
    let any = (
        prop::sample::select(channels.to_vec()),
        prop::sample::select(clouds.to_vec()),
    );
    let place = prop_oneof![3 => coherent, 1 => any].prop_flat_map(|(channel, cloud)| {
        (
            value(words(&[channel])),
            prop::option::weighted(0.9, value(words(&[cloud]))),
        )
    });
    let deployment = (rest, place).prop_map(|(mut t, (channel, cloud))| {
        if let Toml::Table(t) = &mut t {
            t.insert("channel".to_owned(), channel);
            if let Some(cloud) = cloud {
                t.insert("cloud".to_owned(), cloud);
            }
        }
        t
    });
    let exception = table(
        &["rule", "reason", "expires"],
        vec![
            (
                "rule",
                words(&["openai-microsoft/not-permitted", "plan/term-ended"]),
            ),
            (
                "deployments",
                vec![
                    Toml::Array(words(&["chat"])),
                    Toml::Array(words(&["chat", "batch-1"])),
                    Toml::Array(words(&["batch-1"])),
                    // The same deployment twice (`uniqueItems`), and none (`minItems`).
                    Toml::Array(words(&["chat", "chat"])),
                    Toml::Array(vec![]),
                ],
            ),
            ("reason", words(&["Board approved the pilot."])),
            ("approved_by", words(&["CISO"])),
            ("expires", dates(&["2026-12-31"])),
        ],
    );
    (
        prop::option::weighted(0.95, header),
        prop::collection::vec(deployment, 0..3),
        prop::collection::vec(exception, 0..2),
    )
        .prop_map(|(header, deployments, exceptions)| {
            let mut t = toml::Table::new();
            if let Some(h) = header {
                t.insert("plan".to_owned(), h);
            }
            if !deployments.is_empty() {
                t.insert("deployment".to_owned(), Toml::Array(deployments));
            }
            if !exceptions.is_empty() {
                t.insert("exception".to_owned(), Toml::Array(exceptions));
            }
            Toml::Table(t)
        })
}

/// The reader's word on the plan's shape: the `schema/` errors it gives, if any.
fn shape_errors(text: &str) -> Vec<String> {
    match load_plan(SourceFile::new("p.plan.toml", text.to_owned())) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .into_iter()
            .filter(|d| d.code.starts_with("schema/") || d.code.starts_with("toml/"))
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 768, ..ProptestConfig::default() })]

    #[test]
    fn the_schema_and_the_reader_agree_on_every_plan(plan in plan()) {
        let text = toml::to_string(&plan).unwrap();
        let schema_ok = editor_schema().is_valid(&editor_view(&plan));
        let reader = shape_errors(&text);
        if schema_ok {
            prop_assert!(reader.is_empty(), "the schema accepts what the reader refuses:\n{text}\n{reader:#?}");
        } else {
            let why: Vec<String> = editor_schema()
                .iter_errors(&editor_view(&plan))
                .map(|e| format!("{}: {e}", e.instance_path()))
                .collect();
            prop_assert!(!reader.is_empty(), "the reader loads what the schema refuses:\n{text}\n{why:#?}");
        }
    }
}

/// The grammar makes both kinds of plan, so the agreement above is tested on each side: a
/// fixed sample holds plans the schema accepts and plans it refuses, in fair numbers.
#[test]
fn the_grammar_makes_plans_of_both_kinds() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = plan();
    let accepted = (0..400)
        .filter(|_| {
            let plan = strategy.new_tree(&mut runner).unwrap().current();
            editor_schema().is_valid(&editor_view(&plan))
        })
        .count();
    eprintln!("{accepted} of 400 accepted");
    assert!((40..=360).contains(&accepted), "{accepted} of 400 accepted");
}
