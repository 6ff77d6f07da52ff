//! Evaluate every deployment of a plan, then its exceptions, then decide.

use crate::base::codes::Code;
use crate::base::date::Date;
use crate::base::diagnostic::Severity;
use crate::engine::exceptions::apply_exceptions;
use crate::engine::finding::{Fact, Finding};
use crate::engine::outcome::{Decision, DeploymentOutcome, PlanOutcome};
use crate::engine::path::evaluate_path;
use crate::engine::subject::Subject;
use crate::input::plan::{Deployment, Plan};
use crate::input::policy::{MatchKey, PackSet, Pattern};
use crate::input::region;

pub fn evaluate_plan<'a>(plan: &'a Plan, packs: &'a PackSet, as_of: Date) -> PlanOutcome<'a> {
    let mut deployments: Vec<DeploymentOutcome<'a>> = plan
        .deployments
        .iter()
        .enumerate()
        .map(|(index, deployment)| {
            let deployment = deployment.get_ref();
            let term = deployment.term(as_of);
            let mut findings = match term {
                Some(term) => {
                    let subject = Subject::of_deployment(deployment, plan.buyer());
                    evaluate_path(packs, &subject, term).findings
                }
                None => vec![term_ended(deployment.end().unwrap_or(as_of), as_of)],
            };
            findings.extend(unknown_region(deployment));
            keep_the_first(&mut findings);
            for finding in &mut findings {
                finding.deployment = Some(index);
            }
            DeploymentOutcome {
                term,
                decision: Decision::Allowed,
                findings,
            }
        })
        .collect();
    let mut findings = apply_exceptions(plan, packs, as_of, &mut deployments);
    findings.extend(undecided_by_domicile(plan, packs, as_of));
    // An opening is news for a year, and never on a deployment that is refused anyway.
    let news_since = as_of
        .checked_sub(jiff::Span::new().years(1))
        .unwrap_or(as_of);
    for outcome in &mut deployments {
        outcome.findings.sort_by_key(|f| f.severity);
        outcome.decision = Decision::of(&outcome.findings);
        let denied = outcome.decision == Decision::Denied;
        outcome.findings.retain(|f| {
            f.own() != Some(Code::NewlyPermitted)
                || (!denied && f.opened().is_some_and(|d| d >= news_since))
        });
    }
    PlanOutcome {
        as_of,
        deployments,
        findings,
    }
}

/// Where the plan sets no domicile: the rules that would apply to one of its deployments,
/// or stop applying, were the buyer domiciled where the rule names. They do not apply as
/// the plan stands (a plan is not taken for a US buyer unless it says so); one advice per
/// file names them.
fn undecided_by_domicile<'a>(
    plan: &'a Plan,
    packs: &'a PackSet,
    as_of: Date,
) -> Option<Finding<'a>> {
    if plan.domicile().is_some() {
        return None;
    }
    // The values each rule that reads the domicile names; most packs have none, and then
    // no deployment is looked at.
    let reading: Vec<(&crate::input::policy::Rule, Vec<&str>)> = packs
        .packs
        .iter()
        .flat_map(|pack| &pack.rules)
        .filter_map(|rule| {
            let named: Vec<&str> = std::iter::once(&rule.matcher)
                .chain(&rule.unless)
                .filter_map(|m| m.patterns(MatchKey::Domicile))
                .flatten()
                .filter_map(|p| match p {
                    Pattern::Exact(v) | Pattern::Prefix(v) => Some(v.as_str()),
                    Pattern::Any => None,
                })
                .collect();
            (!named.is_empty()).then_some((rule, named))
        })
        .collect();
    if reading.is_empty() {
        return None;
    }
    let mut undecided: Vec<&str> = Vec::new();
    for deployment in &plan.deployments {
        let d = deployment.get_ref();
        let Some(term) = d.term(as_of) else { continue };
        let subject = Subject::of_deployment(d, plan.buyer());
        // A rule whose days miss the term decides nothing here, domicile or not.
        for (rule, named) in reading
            .iter()
            .filter(|(r, _)| r.window().intersect(&term).is_some())
        {
            let as_is = rule.applies_to(&subject);
            let decided_by = |value: &&str| {
                let there = Subject {
                    domicile: Some(value),
                    ..subject
                };
                rule.applies_to(&there) != as_is
            };
            if named.iter().any(decided_by) && !undecided.contains(&rule.code.as_str()) {
                undecided.push(&rule.code);
            }
        }
    }
    if undecided.is_empty() {
        return None;
    }
    Some(Finding::new(Fact::DomicileUnknown { rules: undecided }))
}

/// The most findings of one severity a deployment keeps. A pack of a thousand warn rules
/// over a plan of a thousand deployments made a million findings (1.26 GB); kept to the
/// first few of each severity, a report stays bounded by its deployments.
pub const KEPT_PER_SEVERITY: usize = 25;

/// Keep the first findings of each severity and count the rest in one finding of that
/// severity, so the decision is the one all of them make. An exception cannot waive what
/// it is not shown: a finding that stands for others is not waived (fail closed).
fn keep_the_first(findings: &mut Vec<Finding<'_>>) {
    if findings.len() <= KEPT_PER_SEVERITY {
        return; // the common case: too few to count, whatever their severities
    }
    for severity in [Severity::Error, Severity::Warning, Severity::Advice] {
        let mut seen = 0usize;
        findings.retain(|f| {
            if f.severity != severity {
                return true;
            }
            seen += 1;
            seen <= KEPT_PER_SEVERITY
        });
        let hidden = seen.saturating_sub(KEPT_PER_SEVERITY);
        if hidden > 0 {
            findings.push(Finding::new(Fact::FindingsNotShown { hidden, severity }));
        }
    }
    // What was left out gives its room back: a deployment keeps only what it shows.
    findings.shrink_to_fit();
}

fn unknown_region(deployment: &Deployment) -> Option<Finding<'_>> {
    let region = deployment.region()?;
    let regions = region::builtin();
    let cloud = deployment.cloud();
    if !regions.knows_cloud(cloud) || regions.region(cloud, region).is_some() {
        return None;
    }
    Some(Finding::new(Fact::UnknownRegion {
        cloud,
        region,
        near: regions.closest(cloud, region),
        of_cloud: regions.cloud_of(region),
    }))
}

fn term_ended<'a>(end: Date, as_of: Date) -> Finding<'a> {
    Finding::new(Fact::TermEnded { end, as_of })
}
