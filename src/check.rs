//! `check`: read each plan, select its packs, evaluate it, and turn the findings into
//! diagnostics that point into the plan file.

use std::path::Path;

use rayon::prelude::*;

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Label};
use crate::engine::{Anchor, ExceptionField, Field, Finding, evaluate_plan};
use crate::plan::{Plan, load_plan};
use crate::policy::{Origin, PackSet, PackStore, Selection};
use crate::report::{DeploymentRow, FileReport, PackRef, RunReport};
use crate::source::{SourceFile, Span};
use crate::walk::{self, Input};

#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub selection: Selection,
    /// `--as-of`: overrides every plan's own `as_of`.
    pub as_of: Option<Date>,
    /// The date for plans that give no `as_of`; none: the system's local date, read only
    /// when a plan needs it (reading the time zone costs a one-file check its start-up).
    pub today: Option<Date>,
}

pub fn check(args: &[Input], options: &CheckOptions) -> RunReport {
    let store = PackStore::new();
    // Load --policy packs up front, so a broken one is reported even when no plan is found.
    for path in &options.selection.policy_files {
        let _ = store.file(path);
    }
    // Files are checked in parallel; `collect` keeps them in the order they were found. One
    // file (a pre-commit hook's usual case) does not start a thread pool.
    let found = walk::expand(args);
    let check_one = |found: walk::Found| match found {
        Ok(input) => check_input(&input, &store, options),
        Err((name, error)) => FileReport::unchecked(SourceFile::new(name, ""), vec![error]),
    };
    let mut files: Vec<FileReport> = if found.len() > 1 {
        found.into_par_iter().map(check_one).collect()
    } else {
        found.into_iter().map(check_one).collect()
    };
    for (source, errors) in store.take_failures() {
        files.push(FileReport::unchecked(source, errors));
    }
    for (source, warnings) in store.warnings() {
        files.push(FileReport {
            checked: true,
            ..FileReport::unchecked(source, warnings)
        });
    }
    let mut packs: Vec<PackRef> = Vec::new();
    for pack in files.iter().flat_map(|f| f.packs.iter()) {
        if !packs
            .iter()
            .any(|p| p.id == pack.id && p.origin == pack.origin)
        {
            packs.push(pack.clone());
        }
    }
    let as_of = options
        .as_of
        .or_else(|| files.iter().find_map(|f| f.as_of))
        .unwrap_or_else(|| options.today.unwrap_or_else(crate::date::today));
    RunReport {
        as_of,
        packs,
        files,
    }
}

fn check_input(input: &Input, store: &PackStore, options: &CheckOptions) -> FileReport {
    let source = match walk::read(input) {
        Ok(source) => source,
        Err((name, error)) => return FileReport::unchecked(SourceFile::new(name, ""), vec![error]),
    };
    let plan = match load_plan(source.clone()) {
        Ok(plan) => plan,
        Err(errors) => return FileReport::unchecked(source, errors),
    };
    let plan_dir = match input {
        Input::File(path) => path.parent().unwrap_or(Path::new(".")),
        Input::Stdin => Path::new("."),
    };
    let packs = match store.select_for(&plan, plan_dir, &options.selection) {
        Ok(packs) => packs,
        Err(errors) => return FileReport::unchecked(source, errors),
    };
    let as_of = options
        .as_of
        .or(plan.as_of())
        .unwrap_or_else(|| options.today.unwrap_or_else(crate::date::today));
    report_plan(&plan, &packs, as_of)
}

/// Evaluate a loaded plan against its packs and build its report.
pub fn report_plan(plan: &Plan, packs: &PackSet, as_of: Date) -> FileReport {
    let outcome = evaluate_plan(plan, packs, as_of);
    let mut deployments = Vec::with_capacity(plan.deployments.len());
    let mut diagnostics = Vec::new();
    for (deployment, result) in plan.deployments.iter().zip(&outcome.deployments) {
        let d = deployment.get_ref();
        deployments.push(DeploymentRow {
            id: d.id().to_string(),
            provider: d.provider().to_string(),
            product: d.product().to_string(),
            channel: d.channel().to_string(),
            cloud: d.cloud().to_string(),
            region: d.region().map(str::to_string),
            start: result.term.map_or(as_of, |t| t.start),
            end: d.end(),
            decision: result.decision,
            line: plan.source.line_col(deployment.span().start).0,
        });
        diagnostics.extend(result.findings.iter().map(|f| to_diagnostic(plan, f)));
    }
    diagnostics.extend(outcome.findings.iter().map(|f| to_diagnostic(plan, f)));
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
                    || deployments.iter().any(|d| p.governs(&d.provider)),
            })
            .collect(),
        deployments,
        explanations: crate::report::explain_all(&diagnostics, packs),
        diagnostics,
    }
}

fn to_diagnostic(plan: &Plan, finding: &Finding) -> Diagnostic {
    let deployment = finding.deployment.and_then(|i| plan.deployments.get(i));
    let mut labels: Vec<Label> = finding
        .anchors
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
            let text = finding
                .anchors
                .first()
                .map_or_else(String::new, |(_, t)| t.clone());
            labels.push(Label::new(d.get_ref().id.span(), text));
        }
    }
    Diagnostic {
        code: finding.code.clone(),
        severity: finding.severity,
        message: finding.message.clone(),
        help: finding.help.clone(),
        labels,
        deployment: deployment.map(|d| d.get_ref().id().to_string()),
        clause: finding.clause.clone(),
        confidence: finding.confidence,
        sources: finding.sources.clone(),
        waived: finding.waived.clone(),
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
