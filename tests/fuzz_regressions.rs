//! Inputs the fuzzers found interesting (`fuzz/`, minimised with libFuzzer's
//! `-set_cover_merge=1`), replayed through the same paths: loading, checking, every output
//! format, pack tests, every renderer. Each must run without a panic and write outputs their
//! consumers can read (`cloudpact::fuzzing` asserts that: JSON and SARIF parse, JUnit is
//! XML, no forged workflow command, no link or tag from user text, the same bytes twice).
//! `FUZZING.md` says how to refresh them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

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
    use cloudpact::fuzzing::{Target, engine_reach};
    let count = replay(
        "tests/fuzz-corpus/plan_check",
        cloudpact::fuzzing::check_plan_bytes,
    );
    assert!(count > 0, "the plan corpus is empty");
    let (inputs, reached) = engine_reach(Target::PlanCheck);
    eprintln!("plan_check corpus: {reached} of {inputs} inputs reach the engine");
}

/// The structure-aware corpus: a pack and a plan each, printed as TOML. Most of it must
/// still reach the engine; a change to the model (`src/fuzz_model.rs`) that makes the inputs
/// decode into plans that no longer load shows here.
#[test]
fn model_inputs_found_by_the_fuzzer() {
    let mut reached = 0;
    let count = replay("tests/fuzz-corpus/plan_model", |bytes| {
        if cloudpact::fuzzing::model_bytes(bytes) {
            reached += 1;
        }
    });
    assert!(count > 0, "the model corpus is empty");
    eprintln!("plan_model corpus: {reached} of {count} inputs reach the engine");
    assert!(
        reached * 2 > count,
        "only {reached} of {count} model inputs reach the engine: refresh the corpus (FUZZING.md)"
    );
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
        "only {rendered} of {count} render inputs decode: refresh the corpus (FUZZING.md)"
    );
}

/// The words of a libFuzzer dictionary (`"…"` lines, `\\`, `\"` and `\xNN` escaped).
fn dictionary(path: &str) -> std::collections::HashSet<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|l| l.strip_prefix('"')?.strip_suffix('"'))
        .map(|w| {
            let mut out = String::new();
            let mut chars = w.chars();
            while let Some(c) = chars.next() {
                match (c, chars.clone().next()) {
                    ('\\', Some('x')) => {
                        chars.next();
                        let hex: String = chars.by_ref().take(2).collect();
                        out.push(char::from(u8::from_str_radix(&hex, 16).unwrap_or(b'?')));
                    }
                    ('\\', Some(next)) => {
                        chars.next();
                        out.push(next);
                    }
                    _ => out.push(c),
                }
            }
            out
        })
        .collect()
}

/// Every key and every closed word of a schema, at any depth.
fn schema_words(schema: &str, into: &mut Vec<String>) {
    fn walk(v: &serde_json::Value, into: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                    into.extend(props.keys().cloned());
                }
                if let Some(serde_json::Value::Array(words)) = map.get("enum") {
                    into.extend(words.iter().filter_map(|w| w.as_str().map(str::to_string)));
                }
                map.values().for_each(|v| walk(v, into));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, into)),
            _ => {}
        }
    }
    walk(&serde_json::from_str(schema).unwrap_or_default(), into);
}

/// The byte-level targets' dictionaries (`fuzz/dicts/`, `-dict=`) hold every key and word
/// of their schema, so the fuzzer writes plans and packs rather than rediscovering them.
#[test]
fn the_fuzzing_dictionaries_hold_every_word_of_their_schema() {
    for (dict, schema) in [
        (
            "fuzz/dicts/plan.dict",
            include_str!("../schemas/plan.schema.json"),
        ),
        (
            "fuzz/dicts/pack.dict",
            include_str!("../schemas/policy.schema.json"),
        ),
    ] {
        let words = dictionary(dict);
        let mut needed = Vec::new();
        schema_words(schema, &mut needed);
        let missing: Vec<&String> = needed.iter().filter(|w| !words.contains(*w)).collect();
        assert!(
            !needed.is_empty() && missing.is_empty(),
            "{dict} lacks {missing:?}"
        );
    }
}

/// Not a test: prints the plan each `plan_model` input decodes into, as the seed corpus of
/// the byte-level `plan_check` target (valid plans its mutations start from; FUZZING.md).
/// `CLOUDPACT_PRINT_MODEL=IN:OUT cargo test --test fuzz_regressions -- --ignored print`.
#[test]
#[ignore = "a tool run by hand: seeds plan_check's corpus from plan_model's"]
fn print_model_plans() {
    let Some(dirs) = std::env::var_os("CLOUDPACT_PRINT_MODEL") else {
        return;
    };
    let dirs = dirs.to_string_lossy().into_owned();
    let (from, to) = dirs.split_once(':').expect("CLOUDPACT_PRINT_MODEL=IN:OUT");
    std::fs::create_dir_all(to).unwrap();
    let mut n = 0;
    replay(from, |bytes| {
        if let Some((_, plan)) = cloudpact::fuzzing::model_files(bytes) {
            n += 1;
            std::fs::write(Path::new(to).join(format!("model-{n:06}")), plan).unwrap();
        }
    });
    eprintln!("{n} plans written to {to}");
}
