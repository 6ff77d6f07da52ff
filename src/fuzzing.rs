//! Entry points for the fuzz targets in `fuzz/` and for the regression test that replays
//! their corpus (`tests/fuzz_regressions.rs`): each takes arbitrary input through a whole
//! path of cloudpact and fails loudly where an output is malformed. Nothing here may be
//! reached by a user's input other than through the public paths it calls.

// A check's invariants fail here by panicking: that is what a fuzzer detects.
#![allow(clippy::panic)]

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, OnceLock};

use crate::base::date::Date;
use crate::base::diagnostic::{Diagnostic, Label, Severity, Waiver};
use crate::base::source::SourceFile;
use crate::input::plan::{Plan, load_plan};
use crate::input::policy::{Origin, Pack, PackSet, PackStore, Selection, load_pack};
use crate::input::walk::text_of;
use crate::render::{
    FileReport, RunReport, Stream, github, html, human, json, junit, markdown, policies, sarif,
};
use crate::view::briefing::briefing;
use crate::view::check::report_plan;
use crate::view::explain::explain;
use crate::view::pack_test::run_pack;

fn store() -> &'static PackStore {
    static STORE: OnceLock<PackStore> = OnceLock::new();
    STORE.get_or_init(PackStore::new)
}

fn day() -> Date {
    Date::new(2026, 6, 1).unwrap_or(Date::MIN)
}

/// Whether an input gets the costly checks too (every output written twice, the plan
/// checked twice, the second human style): one input in four, chosen by its bytes so a
/// replay checks the same. The rest run about twice as fast, and coverage grows with runs.
fn thorough(data: &[u8]) -> bool {
    let hash = data.iter().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    });
    hash % 4 == 0
}

thread_local! {
    static THOROUGH: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

fn is_thorough() -> bool {
    THOROUGH.with(std::cell::Cell::get)
}

/// Run `check` on `data` with the checks `thorough` chooses for it.
fn with_checks<T>(data: &[u8], check: impl FnOnce() -> T) -> T {
    THOROUGH.with(|t| t.set(thorough(data)));
    let result = check();
    THOROUGH.with(|t| t.set(true));
    result
}

/// A format written (twice, on a thorough input) from one report: the same bytes.
fn twice(format: &str, write: impl Fn() -> String) -> String {
    let first = write();
    if !is_thorough() {
        return first;
    }
    let second = write();
    if first != second {
        panic!("--format {format} wrote different text for the same run:\n{first}\n---\n{second}");
    }
    first
}

/// The run in every format, each written twice (the same bytes), each read as its consumer
/// reads it: JSON and SARIF parse, JUnit is well-formed XML, every line of the GitHub
/// format is a command cloudpact wrote or its summary. Returns the JSON.
fn render_all(report: &RunReport) -> String {
    twice("human", || {
        human::Human::new(human::HumanOptions::default()).render(report)
    });
    if is_thorough() {
        twice("human (color, quiet)", || {
            human::Human::new(human::HumanOptions {
                color: true,
                quiet: true,
                least: crate::base::diagnostic::Severity::Error,
                width: 60,
            })
            .render(report)
        });
    }
    check_github(&twice("github", || {
        github::Github::default().render(report)
    }));
    let xml = twice("junit", || junit::Junit::default().render(report));
    if let Err(e) = roxmltree::Document::parse(&xml) {
        panic!("--format junit wrote XML that is not well-formed ({e}):\n{xml}");
    }
    let sarif = twice("sarif", || sarif::Sarif::default().render(report));
    parses_as_json("sarif", &sarif);
    json_of(report)
}

/// The run as `--format json` (written twice on a thorough input), which must parse.
fn json_of(report: &RunReport) -> String {
    let json = twice("json", || json::Json::default().render(report));
    parses_as_json("json", &json);
    json
}

fn parses_as_json(format: &str, text: &str) {
    if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
        panic!("--format {format} wrote invalid JSON ({e}):\n{text}");
    }
}

/// Every line of `--format github` is a workflow command cloudpact wrote (a known command,
/// known properties, each value escaped) or the summary, and no user text breaks a line: a
/// plan's text could otherwise forge an annotation or set an environment variable.
fn check_github(text: &str) {
    if text.contains('\r') {
        panic!("--format github wrote a carriage return:\n{text}");
    }
    for line in text.lines() {
        if line.starts_with("cloudpact: ") && !line.contains("::") {
            continue;
        }
        let Some((head, _message)) = line
            .strip_prefix("::")
            .and_then(|rest| rest.split_once("::"))
        else {
            panic!("--format github wrote a line that is no command of its own: {line:?}\n{text}");
        };
        let (command, properties) = head.split_once(' ').unwrap_or((head, ""));
        if !["error", "warning", "notice"].contains(&command) {
            panic!("--format github wrote the command {command:?}: {line:?}");
        }
        for property in properties.split(',').filter(|p| !p.is_empty()) {
            let key = property.split_once('=').map(|(k, _)| k);
            let known = ["file", "line", "col", "endLine", "endColumn", "title"];
            if !key.is_some_and(|k| known.contains(&k)) {
                panic!("--format github wrote the property {property:?}: {line:?}");
            }
        }
        if head.contains(crate::fuzz_model::FORGED_MARKER) {
            panic!("a plan's text became a workflow command's properties: {line:?}");
        }
    }
}

/// Markdown as GitHub renders it: nothing from a plan or pack becomes a link, an image or
/// HTML (the model's text carries links to `fuzz.invalid` and `<x-fuzz>` tags).
fn check_markdown(md: &str) {
    use crate::fuzz_model::{HTML_MARKER, LINK_MARKER};
    use pulldown_cmark::{Event, Options, Parser, Tag};
    for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if dest_url.contains(LINK_MARKER) =>
            {
                panic!("user text became the markdown link {dest_url}:\n{md}")
            }
            Event::Html(html) | Event::InlineHtml(html) if html.contains(HTML_MARKER) => {
                panic!("user text became markdown HTML {html}:\n{md}")
            }
            _ => {}
        }
    }
}

/// An HTML page holds no element or attribute from user text.
fn check_html(page: &str) {
    use crate::fuzz_model::{ATTRIBUTE_MARKER, HTML_MARKER};
    if page.contains("<script") {
        panic!("a report must never hold a script element");
    }
    for marker in [HTML_MARKER, ATTRIBUTE_MARKER] {
        if page.contains(marker) {
            panic!("user text reached the HTML report unescaped ({marker:?})");
        }
    }
}

/// Inputs given to each target in this process, and those whose plan reached the engine
/// (at least one deployment decided).
static INPUTS: [AtomicU64; 2] = [AtomicU64::new(0), AtomicU64::new(0)];
static REACHED: [AtomicU64; 2] = [AtomicU64::new(0), AtomicU64::new(0)];

/// The plan-reading targets whose reach is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    PlanCheck = 0,
    PlanModel = 1,
}

/// How many inputs `target` has been given in this process, and how many reached the
/// engine.
pub fn engine_reach(target: Target) -> (u64, u64) {
    let i = target as usize;
    let load = |counters: &[AtomicU64; 2]| counters.get(i).map_or(0, |c| c.load(Relaxed));
    (load(&INPUTS), load(&REACHED))
}

fn count(target: Target, reached: bool) {
    let i = target as usize;
    let Some(inputs) = INPUTS.get(i) else { return };
    let n = inputs.fetch_add(1, Relaxed) + 1;
    let r = match REACHED.get(i) {
        Some(c) if reached => c.fetch_add(1, Relaxed) + 1,
        Some(c) => c.load(Relaxed),
        None => 0,
    };
    // libFuzzer does not return from its loop: a line now and then is the record.
    if n.is_power_of_two() && n >= 1 << 12 && std::env::var_os("CLOUDPACT_FUZZ_REACH").is_some() {
        eprintln!("cloudpact-fuzz: {target:?}: {r} of {n} inputs reached the engine");
    }
}

/// What a check of one plan writes: every format, or (for a second pack set on an input that
/// is not thorough) only the JSON; and whether its briefing is drawn too.
#[derive(Clone, Copy)]
struct Outputs {
    every_format: bool,
    briefing: bool,
}

/// Check `plan` against `packs`, twice on a thorough input (the second run meets the engine's
/// memo warm): the same report both times, written in the formats `outputs` asks for; its
/// briefing drawn as HTML and Markdown on a thorough input. Says whether a deployment was
/// decided. The briefing's matrix is a quarter of an input's time, so it is drawn on the same
/// quarter of inputs that get the double runs.
fn check_against(plan: &Plan, packs: &PackSet, as_of: Date, outputs: Outputs) -> bool {
    let report = report_plan(plan, packs, as_of);
    let decided = !report.deployments.is_empty();
    let run = run_of(report);
    let json = if outputs.every_format || is_thorough() {
        render_all(&run)
    } else {
        json_of(&run)
    };
    if is_thorough() {
        let again = json::Json::default().render(&run_of(report_plan(plan, packs, as_of)));
        if json != again {
            panic!("checking the plan a second time gave another report:\n{json}\n---\n{again}");
        }
    }
    if outputs.briefing && is_thorough() && plan.deployments.len() <= 32 {
        let b = briefing(plan, packs, as_of);
        let page = twice("report html", || html::render(&b, "fuzz"));
        check_html(&page);
        let md = twice("report markdown", || markdown::render(&b));
        check_markdown(&md);
    }
    decided
}

/// A file that could not be checked, written in every format; it reached no engine.
fn unchecked(source: SourceFile, errors: Vec<Diagnostic>) -> bool {
    render_all(&run_of(FileReport::unchecked(source, errors)));
    false
}

fn run_of(file: FileReport) -> RunReport {
    RunReport {
        as_of: day(),
        packs: file.packs.clone(),
        files: vec![file],
    }
}

/// A plan file's bytes: loaded, checked against the built-in packs, written in every format,
/// and its report drawn.
pub fn check_plan_bytes(data: &[u8]) {
    let reached = with_checks(data, || check_plan_inner(data));
    count(Target::PlanCheck, reached);
}

fn check_plan_inner(data: &[u8]) -> bool {
    let Ok(source) = text_of("fuzz.plan.toml".to_string(), data.to_vec()) else {
        return false;
    };
    let plan = match load_plan(source.clone()) {
        Ok(plan) => plan,
        Err(errors) => return unchecked(source, errors),
    };
    // A plan's pack paths would read files of the machine: only built-in packs here.
    if plan
        .policies()
        .is_some_and(|ps| ps.iter().any(|p| p.get_ref().contains(['/', '\\', '.'])))
    {
        return false;
    }
    let packs = match store().select_for(&plan, Path::new("."), &Selection::default()) {
        Ok(packs) => packs,
        Err(errors) => return unchecked(source, errors),
    };
    let as_of = plan.as_of().unwrap_or_else(day);
    check_against(
        &plan,
        &packs,
        as_of,
        Outputs {
            every_format: true,
            briefing: true,
        },
    )
}

/// A pack file's bytes: loaded and linted; its tests run, its rules explained and shown.
pub fn load_pack_bytes(data: &[u8]) {
    let Ok(source) = text_of("fuzz.toml".to_string(), data.to_vec()) else {
        return;
    };
    let Some(pack) = load_pack_source(source) else {
        return;
    };
    with_checks(data, || exercise_pack(&pack));
}

/// A pack as a user's pack file is loaded (`--policy`): the schema checked, then linted.
fn load_pack_source(source: SourceFile) -> Option<Arc<Pack>> {
    let origin = Origin::File(std::path::PathBuf::from(&source.name));
    load_pack(source, origin).ok().map(Arc::new)
}

/// A loaded pack's tests run, its rules explained and the pack shown (text and JSON).
fn exercise_pack(pack: &Arc<Pack>) {
    // A test naming a pack file would read files of the machine: built-in ids only.
    if pack
        .tests
        .iter()
        .all(|t| t.packs.iter().all(|p| !p.contains(['/', '\\', '.'])))
    {
        let _ = run_pack(pack, store());
    }
    let set = PackSet::new(vec![Arc::clone(pack)]);
    for rule in &pack.rules {
        if let Err(e) = explain(&rule.code, &set) {
            panic!("a loaded rule cannot be explained: {e}");
        }
    }
    twice("policies show", || policies::render_show(pack, 80));
    let shown = twice("policies show --format json", || {
        policies::json_show(pack, &set).to_string()
    });
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&shown) {
        panic!("policies show wrote invalid JSON ({e}):\n{shown}");
    }
}

/// The `plan_model` target's bytes, decoded (`arbitrary_take_rest`, as libFuzzer's typed
/// targets do) into a pack and a plan, printed as TOML and read back through the paths a
/// user's files take: the pack loaded as `--policy` would load it, the plan checked against
/// it (with the built-in packs for the providers it does not govern) and against the
/// built-in packs alone, in every format. Says whether the plan reached the engine.
pub fn model_bytes(data: &[u8]) -> bool {
    use arbitrary::Arbitrary;
    let reached =
        match crate::fuzz_model::Model::arbitrary_take_rest(arbitrary::Unstructured::new(data)) {
            Ok(model) => with_checks(data, || check_model(&model)),
            Err(_) => false,
        };
    count(Target::PlanModel, reached);
    reached
}

/// The model's pack and plan as the TOML files the target reads.
pub fn model_files(data: &[u8]) -> Option<(String, String)> {
    use arbitrary::Arbitrary;
    let model =
        crate::fuzz_model::Model::arbitrary_take_rest(arbitrary::Unstructured::new(data)).ok()?;
    Some(model.files())
}

fn check_model(model: &crate::fuzz_model::Model) -> bool {
    let (pack_text, plan_text) = model.files();
    let pack = load_pack_source(SourceFile::new("fuzz.pack.toml", pack_text));
    if let Some(pack) = &pack {
        exercise_pack(pack);
    }
    let source = SourceFile::new("fuzz.plan.toml", plan_text);
    let plan = match load_plan(source.clone()) {
        Ok(plan) => plan,
        Err(errors) => return unchecked(source, errors),
    };
    let as_of = plan.as_of().unwrap_or_else(day);
    let builtin = store().select_for(&plan, Path::new("."), &Selection::default());
    let mut reached = false;
    if let Some(pack) = pack {
        // As `--policy` would: the pack overrides the built-in packs for what it governs.
        let mut packs: Vec<Arc<Pack>> = builtin
            .as_ref()
            .map(|set| set.packs.clone())
            .unwrap_or_default();
        packs.retain(|b| b.id != pack.id && !b.governs.iter().any(|p| pack.governs(p)));
        packs.push(pack);
        reached |= check_against(
            &plan,
            &PackSet::new(packs),
            as_of,
            Outputs {
                every_format: true,
                briefing: true,
            },
        );
    }
    match builtin {
        // The built-in packs' matrix is drawn by `plan_check`, and their every format by the
        // thorough inputs: the rest write only the JSON of this second check.
        Ok(packs) => {
            let outputs = Outputs {
                every_format: false,
                briefing: false,
            };
            reached |= check_against(&plan, &packs, as_of, outputs);
        }
        Err(errors) => {
            unchecked(source, errors);
        }
    }
    reached
}

/// One finding as the `render` target makes it.
#[derive(Debug, Clone, arbitrary::Arbitrary)]
pub struct Finding {
    pub code: String,
    pub severity: u8,
    pub message: String,
    pub help: Option<String>,
    pub labels: Vec<(usize, usize, String)>,
    pub deployment: Option<String>,
    pub clause: Option<String>,
    pub sources: Vec<String>,
    pub waived: Option<(String, Option<String>)>,
}

/// What the `render` target decodes its bytes into: a file and findings about it.
#[derive(Debug, arbitrary::Arbitrary)]
struct RenderInput {
    name: String,
    text: String,
    checked: bool,
    organization: Option<String>,
    findings: Vec<Finding>,
}

/// The `render` target's bytes, decoded as libFuzzer's typed targets do (`arbitrary`'s
/// `arbitrary_take_rest`), so the corpus it keeps replays here byte for byte. Says whether the
/// bytes decoded (and so were rendered).
pub fn render_bytes(data: &[u8]) -> bool {
    use arbitrary::Arbitrary;
    let Ok(input) = RenderInput::arbitrary_take_rest(arbitrary::Unstructured::new(data)) else {
        return false;
    };
    with_checks(data, || {
        render_findings(
            input.name,
            input.text,
            input.checked,
            input.organization,
            input.findings,
        )
    });
    true
}

/// Every renderer, fed findings no plan would produce (spans anywhere, any strings).
pub fn render_findings(
    name: String,
    text: String,
    checked: bool,
    organization: Option<String>,
    findings: Vec<Finding>,
) {
    let diagnostics = findings
        .into_iter()
        .map(|f| {
            let severity = match f.severity % 3 {
                0 => Severity::Error,
                1 => Severity::Warning,
                _ => Severity::Advice,
            };
            Diagnostic {
                code: f.code,
                severity,
                message: f.message,
                help: f.help,
                labels: f
                    .labels
                    .into_iter()
                    .map(|(start, end, text)| Label::new(start..end, text))
                    .collect(),
                deployment: f.deployment,
                clause: f.clause,
                confidence: None,
                sources: f.sources,
                waived: f.waived.map(|(reason, approved_by)| Waiver {
                    severity,
                    reason,
                    approved_by,
                    expires: day(),
                }),
            }
        })
        .collect();
    let file = FileReport {
        checked,
        organization,
        ..FileReport::unchecked(SourceFile::new(name, text), diagnostics)
    };
    render_all(&run_of(file));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_github_check_passes_what_cloudpact_writes() {
        check_github(
            "::error file=a%3Ab.toml,line=1,col=2,endLine=1,endColumn=3,title=x/y::d: 50%25%0A::error::FUZZ-FORGED\n\
             cloudpact: 1 file checked, 0 could not be checked; 1 deployment: 0 allowed\n",
        );
    }

    #[test]
    #[should_panic(expected = "the command")]
    fn the_github_check_finds_a_forged_command() {
        check_github("::error file=a.toml::x\n::set-env name=A::FUZZ-FORGED\n");
    }

    #[test]
    #[should_panic(expected = "no command of its own")]
    fn the_github_check_finds_a_broken_line() {
        check_github("::error file=a.toml::x\nFUZZ-FORGED\n");
    }

    #[test]
    #[should_panic(expected = "the property")]
    fn the_github_check_finds_a_forged_property() {
        check_github("::warning file=a.toml,evil=1::x\n");
    }

    #[test]
    #[should_panic(expected = "markdown link")]
    fn the_markdown_check_finds_a_live_link() {
        check_markdown("| [a link](https://fuzz.invalid/md) |\n");
    }

    #[test]
    fn the_markdown_check_passes_escaped_text() {
        check_markdown(&crate::render::escape::markdown(
            "[a link](https://fuzz.invalid/md) <x-fuzz>tag</x-fuzz> <https://fuzz.invalid/auto>",
        ));
    }

    #[test]
    #[should_panic(expected = "unescaped")]
    fn the_html_check_finds_a_tag() {
        check_html("<p><x-fuzz>tag</x-fuzz></p>");
    }
}
