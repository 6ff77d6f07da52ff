//! `check`: read each plan, select its packs, evaluate it, and turn the findings into
//! diagnostics that point into the plan file.

use std::path::Path;

use rayon::prelude::*;

use crate::base::date::Date;
use crate::base::diagnostic::{Diagnostic, Label};
use crate::base::source::{SourceFile, Span};
use crate::engine::{
    Anchor, Decision, ExceptionField, Field, Finding, Subject, alternatives, evaluate_plan,
};
use crate::input::plan::{Plan, load_plan};
use crate::input::policy::{Origin, PackSet, PackStore, Selection};
use crate::input::walk::{self, Input};
use crate::view::run::{DeploymentRow, FileReport, PackRef, RunReport, Stream, Totals};

#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub selection: Selection,
    /// `--as-of`: overrides every plan's own `as_of`.
    pub as_of: Option<Date>,
    /// Explain every code in the reports (for formats that describe their rules: SARIF).
    pub explain: bool,
    /// The date for plans that give no `as_of`; none: the system's local date, read only
    /// when a plan needs it (reading the time zone costs a one-file check its start-up).
    pub today: Option<Date>,
    /// `--skip-non-plans`: a named file that is not a plan is passed over (see `walk`).
    pub skip_non_plans: bool,
}

/// Reports checked ahead of the writer: enough to keep every core busy, few enough that a
/// sweep of a large monorepo holds only this many in memory.
const AHEAD: usize = 64;

/// Check every input and write the run in `stream`'s format through `write`, in the order
/// the files were found. Files are checked and drawn on every core while the calling thread
/// places and writes them in order. Every report is handed to `keep` (which may drop it);
/// returns the totals.
pub fn check_each<S: Stream + ?Sized>(
    args: &[Input],
    options: &CheckOptions,
    stream: &S,
    mut write: impl FnMut(&str),
    mut keep: impl FnMut(FileReport),
) -> Totals {
    let store = PackStore::new();
    // Load --policy packs up front, so a broken one is reported even when no plan is found.
    for path in &options.selection.policy_files {
        let _ = store.file(path);
    }
    let mut totals = Totals {
        as_of: options.as_of,
        ..Totals::default()
    };
    write(&stream.begin());
    let check_one = |found: walk::Found| match found {
        Ok(input) => check_input(&input, &store, options),
        Err((name, error)) => FileReport::unchecked(SourceFile::new(name, ""), vec![error]),
    };
    let mut place = |file: FileReport, drawn: String| {
        totals.add(&file);
        write(&stream.place(&file, drawn));
        keep(file);
    };
    let found = walk::expand(args, options.skip_non_plans);
    if found.len() == 1 {
        // One file (a pre-commit hook's usual case) starts no thread pool.
        for f in found {
            let file = check_one(f);
            let drawn = stream.draw(&file);
            place(file, drawn);
        }
    } else {
        let (sender, receiver) =
            std::sync::mpsc::sync_channel::<(usize, FileReport, String)>(AHEAD);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                // Workers take files in order from one queue, so they finish nearly in order
                // and few reports wait for an earlier one.
                found.into_iter().enumerate().par_bridge().for_each_with(
                    sender,
                    |sender, (index, f)| {
                        let file = check_one(f);
                        let drawn = stream.draw(&file);
                        // The receiver lives until every sender is gone.
                        let _ = sender.send((index, file, drawn));
                    },
                );
            });
            let mut next = 0;
            let mut waiting = std::collections::BTreeMap::new();
            for (index, file, drawn) in receiver {
                waiting.insert(index, (file, drawn));
                while let Some((file, drawn)) = waiting.remove(&next) {
                    place(file, drawn);
                    next += 1;
                }
            }
        });
    }
    let mut extra: Vec<FileReport> = store
        .take_failures()
        .into_iter()
        .map(|(source, errors)| FileReport::unchecked(source, errors))
        .collect();
    extra.extend(
        store
            .warnings()
            .into_iter()
            .map(|(source, warnings)| FileReport {
                checked: true,
                ..FileReport::unchecked(source, warnings)
            }),
    );
    for file in extra {
        let drawn = stream.draw(&file);
        place(file, drawn);
    }
    if totals.as_of.is_none() {
        totals.as_of = Some(options.today.unwrap_or_else(crate::base::date::today));
    }
    write(&stream.end(&totals));
    totals
}

/// Nothing drawn: for callers that keep the reports and render them later.
struct Silent;

impl Stream for Silent {
    fn draw(&self, _file: &FileReport) -> String {
        String::new()
    }

    fn end(&self, _totals: &Totals) -> String {
        String::new()
    }
}

/// Check every input and keep every report (for callers that need them all at once).
pub fn check(args: &[Input], options: &CheckOptions) -> RunReport {
    let mut files = Vec::new();
    let totals = check_each(args, options, &Silent, |_| {}, |file| files.push(file));
    RunReport {
        as_of: totals
            .as_of
            .unwrap_or_else(|| options.today.unwrap_or_else(crate::base::date::today)),
        packs: totals.packs,
        files,
    }
}

/// Read a plan and select its packs (those it names are read beside it), as `check` does
/// for each file and the commands that read one plan do for theirs; or the report of the
/// file that could not be checked.
pub fn open_plan(
    input: &Input,
    store: &PackStore,
    selection: &Selection,
) -> Result<(Plan, PackSet), FileReport> {
    let source = walk::read(input)
        .map_err(|(name, error)| FileReport::unchecked(SourceFile::new(name, ""), vec![error]))?;
    let plan = load_plan(source.clone())
        .map_err(|errors| FileReport::unchecked(source.clone(), errors))?;
    let plan_dir = match input {
        Input::File(path) => path.parent().unwrap_or(Path::new(".")),
        Input::Stdin => Path::new("."),
    };
    let packs = store
        .select_for(&plan, plan_dir, selection)
        .map_err(|errors| FileReport::unchecked(source, errors))?;
    Ok((plan, packs))
}

fn check_input(input: &Input, store: &PackStore, options: &CheckOptions) -> FileReport {
    let (plan, packs) = match open_plan(input, store, &options.selection) {
        Ok(opened) => opened,
        Err(report) => return report,
    };
    let as_of = options
        .as_of
        .or(plan.as_of())
        .unwrap_or_else(|| options.today.unwrap_or_else(crate::base::date::today));
    let mut report = build_report(&plan, &packs, as_of);
    if options.explain {
        report.explanations = crate::view::run::explain_all(&report.diagnostics, &packs);
    }
    report
}

/// Evaluate a loaded plan against its packs and build its report, with what each of its
/// codes means.
pub fn report_plan(plan: &Plan, packs: &PackSet, as_of: Date) -> FileReport {
    let mut report = build_report(plan, packs, as_of);
    report.explanations = crate::view::run::explain_all(&report.diagnostics, packs);
    report
}

fn build_report(plan: &Plan, packs: &PackSet, as_of: Date) -> FileReport {
    let outcome = evaluate_plan(plan, packs, as_of);
    let mut deployments = Vec::with_capacity(plan.deployments.len());
    let mut diagnostics = Vec::new();
    for (deployment, result) in plan.deployments.iter().zip(outcome.deployments) {
        let d = deployment.get_ref();
        let start = result.term.map_or(as_of, |t| t.start);
        // A refusal says where the product may go instead: the paths check permits for it
        // on the term's first day, as data (JSON) and in the help, one list.
        let (alternatives, instead) = match result.decision {
            Decision::Denied => {
                let list = alternatives(packs, &Subject::of_deployment(d, plan.buyer()), start);
                let words = crate::words::alternatives(d.product(), start, &list);
                (list, Some(words))
            }
            _ => (std::sync::Arc::from([]), None),
        };
        diagnostics.extend(
            result
                .findings
                .iter()
                .map(|f| to_diagnostic(plan, f, instead.as_deref())),
        );
        deployments.push(DeploymentRow {
            id: d.id().to_string(),
            provider: d.provider().to_string(),
            product: d.product().to_string(),
            channel: d.channel(),
            cloud: d.cloud(),
            region: d.region().map(|r| r.to_string()),
            start,
            end: d.end(),
            decision: result.decision,
            line: plan.source.line_col(deployment.span().start).0,
            alternatives,
        });
    }
    diagnostics.extend(
        outcome
            .findings
            .iter()
            .map(|f| to_diagnostic(plan, f, None)),
    );
    FileReport {
        source: plan.source.clone(),
        checked: true,
        organization: plan.organization().map(str::to_string),
        as_of: Some(as_of),
        packs: packs
            .packs
            .iter()
            .map(|p| PackRef {
                id: p.id.clone(),
                version: p.version.clone(),
                origin: match &p.origin {
                    Origin::Builtin => "built-in".to_string(),
                    Origin::File(_) => p.source.name.clone(),
                },
                relevant: p.governs.is_empty()
                    || plan
                        .deployments
                        .iter()
                        .any(|d| p.governs(d.get_ref().provider())),
            })
            .collect(),
        deployments,
        explanations: Vec::new(),
        diagnostics,
    }
}

/// A finding in words, at the places in the plan file it points to.
fn to_diagnostic(plan: &Plan, finding: &Finding<'_>, instead: Option<&str>) -> Diagnostic {
    let deployment = finding.deployment.and_then(|i| plan.deployments.get(i));
    let said = crate::words::finding(finding, instead);
    let mut labels: Vec<Label> = said
        .labels
        .iter()
        .filter_map(|(anchor, text)| {
            Some(Label::new(
                span_of(plan, finding.deployment, *anchor)?,
                text.clone(),
            ))
        })
        .collect();
    if labels.is_empty() {
        // The value a finding is about may be absent (no `end` on an open term): point at the
        // deployment's id instead.
        if let Some(d) = deployment {
            let text = said
                .labels
                .into_iter()
                .next()
                .map_or_else(String::new, |(_, t)| t);
            labels.push(Label::new(d.get_ref().id.span(), text));
        }
    }
    let rule = finding.rule();
    Diagnostic {
        code: finding.code.to_string(),
        severity: finding.severity,
        message: said.message,
        help: said.help,
        labels,
        deployment: deployment.map(|d| d.get_ref().id().to_string()),
        clause: rule.and_then(|r| r.clause.clone()),
        confidence: rule.and_then(|r| r.confidence),
        sources: rule.map(|r| r.sources.clone()).unwrap_or_default(),
        waived: finding.waived.as_ref().map(|(_, w)| w.clone()),
    }
}

fn span_of(plan: &Plan, deployment: Option<usize>, anchor: Anchor) -> Option<Span> {
    match anchor {
        Anchor::Deployment(field) => {
            let d = plan.deployments.get(deployment?)?.get_ref();
            match field {
                Field::Id => Some(d.id.span()),
                Field::Provider => Some(d.provider.span()),
                Field::Product => Some(d.product.span()),
                Field::Channel => Some(d.channel.span()),
                Field::Cloud => Some(d.cloud_span()),
                Field::Region => Some(
                    d.region
                        .as_ref()
                        .map_or_else(|| d.cloud_span(), |r| r.span()),
                ),
                Field::Start => d.start.as_ref().map(|s| s.span()),
                Field::End => d.end.as_ref().map(|e| e.span()),
                Field::Workload => d.workload.as_ref().map(|w| w.span()),
                Field::Data => d.data.as_ref().map(|v| v.span()),
            }
        }
        Anchor::Sector => Some(
            plan.header
                .get_ref()
                .sector
                .as_ref()
                .map_or_else(|| plan.header.span(), |s| s.span()),
        ),
        Anchor::Header => Some(plan.header.span()),
        Anchor::Exception(index, field) => {
            let e = plan.exceptions.get(index)?.get_ref();
            Some(match field {
                ExceptionField::Rule => e.rule.span(),
                ExceptionField::Reason => e.reason.span(),
                ExceptionField::ApprovedBy => e
                    .approved_by
                    .as_ref()
                    .map_or_else(|| e.rule.span(), |a| a.span()),
                ExceptionField::Expires => e.expires.span(),
            })
        }
    }
}
