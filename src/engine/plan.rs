//! Evaluate every deployment of a plan, then its exceptions, then decide.

use crate::codes::Code;
use crate::date::Date;
use crate::engine::exceptions::apply_exceptions;
use crate::engine::finding::{Field, Finding};
use crate::engine::outcome::{Decision, DeploymentOutcome, PlanOutcome};
use crate::engine::path::evaluate_path;
use crate::engine::subject::Subject;
use crate::plan::{Deployment, Plan};
use crate::policy::PackSet;
use crate::region;

pub fn evaluate_plan(plan: &Plan, packs: &PackSet, as_of: Date) -> PlanOutcome {
    let mut deployments: Vec<DeploymentOutcome> = plan
        .deployments
        .iter()
        .enumerate()
        .map(|(index, deployment)| {
            let deployment = deployment.get_ref();
            let term = deployment.term(as_of);
            let mut findings = match term {
                Some(term) => {
                    let subject = Subject::of_deployment(deployment, plan.sector());
                    evaluate_path(packs, &subject, term).findings
                }
                None => vec![term_ended(deployment.end().unwrap_or(as_of), as_of)],
            };
            findings.extend(unknown_region(deployment));
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
    let findings = apply_exceptions(plan, packs, as_of, &mut deployments);
    // An opening is news for a year, and never on a deployment that is refused anyway.
    let news_since = as_of
        .checked_sub(jiff::Span::new().years(1))
        .unwrap_or(as_of);
    for outcome in &mut deployments {
        outcome.findings.sort_by_key(|f| f.severity);
        outcome.decision = Decision::of(&outcome.findings);
        let denied = outcome.decision == Decision::Denied;
        outcome.findings.retain(|f| {
            f.own != Some(Code::NewlyPermitted)
                || (!denied && f.opened.is_some_and(|d| d >= news_since))
        });
    }
    PlanOutcome {
        as_of,
        deployments,
        findings,
    }
}

fn unknown_region(deployment: &Deployment) -> Option<Finding> {
    let region = deployment.region()?;
    let regions = region::builtin();
    let cloud = deployment.cloud();
    if !regions.knows_cloud(cloud) || regions.region(cloud, region).is_some() {
        return None;
    }
    let help = match (regions.closest(cloud, region), regions.cloud_of(region)) {
        (Some(near), _) => format!("did you mean `{near}`?"),
        (None, Some(other)) => format!("`{region}` is a region of {other}, not of {cloud}"),
        (None, None) => format!(
            "the region catalog ({}) lists the regions of {cloud}",
            region::REGIONS_FILE
        ),
    };
    Some(
        Finding::own(
            Code::PlanUnknownRegion,
            None,
            format!("{cloud} has no region `{region}` in the region catalog: its jurisdiction is unknown"),
        )
        .at_field(Field::Region, format!("not a {cloud} region"))
        .help(help),
    )
}

fn term_ended(end: Date, as_of: Date) -> Finding {
    Finding::own(
        Code::PlanTermEnded,
        None,
        format!("the term ends {end}, before its default start (the as-of date, {as_of})"),
    )
    .at_field(Field::End, format!("ends before {as_of}"))
    .help("give the deployment a `start`, or remove it if it has ended")
}
