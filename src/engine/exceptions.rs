//! Exceptions: a waiver turns the findings with its code on its deployments into advice.

use crate::codes::Code;
use crate::date::Date;
use crate::diagnostic::{Severity, Waiver, did_you_mean};
use crate::engine::finding::{Anchor, ExceptionField, Finding};
use crate::engine::outcome::DeploymentOutcome;
use crate::plan::{Exception, Plan};
use crate::policy::PackSet;

/// Whether an exception waives anything on the as-of date: the one test `check` and the
/// report's timeline both read.
#[derive(Debug, Clone, Copy)]
pub enum Standing<'p> {
    /// It expired before the as-of date.
    Expired,
    /// Its pack names approvers, and none of them approved it.
    Unapproved(&'p crate::policy::Pack),
    InForce,
}

pub fn standing<'p>(exception: &Exception, packs: &'p PackSet, as_of: Date) -> Standing<'p> {
    if exception.expires() < as_of {
        return Standing::Expired;
    }
    let approved_by = exception.approved_by.as_ref().map(|a| a.get_ref().as_str());
    let pack_id = exception.rule().split_once('/').map_or("", |(p, _)| p);
    match packs.packs.iter().find(|p| p.id == pack_id) {
        // A pack that names no approvers accepts any exception, approved or not.
        Some(pack)
            if !pack.approvers.is_empty() && !approved_by.is_some_and(|who| pack.approves(who)) =>
        {
            Standing::Unapproved(pack)
        }
        _ => Standing::InForce,
    }
}

/// Waive what each live exception covers; return the findings about the exceptions.
pub fn apply_exceptions(
    plan: &Plan,
    packs: &PackSet,
    as_of: Date,
    deployments: &mut [DeploymentOutcome],
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (index, exception) in plan.exceptions.iter().enumerate() {
        let exception = exception.get_ref();
        let standing = standing(exception, packs, as_of);
        if matches!(standing, Standing::Expired) {
            findings.push(
                Finding::own(
                    Code::PlanExceptionExpired,
                    None,
                    format!(
                        "the exception for {} expired on {} (as of {as_of}): it waives nothing",
                        exception.rule(),
                        exception.expires()
                    ),
                )
                .at(Anchor::Exception(index, ExceptionField::Expires), "expired")
                .help("renew it with a new `expires` date and approval, or remove it"),
            );
            continue;
        }
        let approved_by = exception.approved_by.as_ref().map(|a| a.get_ref().as_str());
        if let Standing::Unapproved(pack) = standing {
            let anchor = match exception.approved_by {
                Some(_) => ExceptionField::ApprovedBy,
                None => ExceptionField::Rule,
            };
            findings.push(
                    Finding::own(
                        Code::PlanUnapprovedException,
                        None,
                        format!(
                            "the exception for {} is approved by {}, but {} accepts approvals only from {}: it waives nothing",
                            exception.rule(),
                            approved_by.map_or_else(|| "nobody".to_string(), |a| format!("`{a}`")),
                            pack.id,
                            pack.approvers.join(", ")
                        ),
                    )
                    .at(Anchor::Exception(index, anchor), "not an approver of this pack")
                    .help(format!("have one of {} approve it, and record them in `approved_by`", pack.approvers.join(", "))),
                );
            continue;
        }
        let waiver = Waiver {
            severity: Severity::Advice,
            reason: exception.reason.get_ref().clone(),
            approved_by: exception.approved_by.as_ref().map(|a| a.get_ref().clone()),
            expires: exception.expires(),
        };
        let mut used = false;
        for (at, (deployment, outcome)) in plan
            .deployments
            .iter()
            .zip(deployments.iter_mut())
            .enumerate()
        {
            if !exception.covers(deployment.get_ref().id()) {
                continue;
            }
            let mut waived_worse = false;
            for finding in outcome.findings.iter_mut() {
                if finding.code != exception.rule() || finding.waived.is_some() {
                    continue;
                }
                waived_worse |= finding.severity != Severity::Advice;
                finding.waived = Some(Waiver {
                    severity: finding.severity,
                    ..waiver.clone()
                });
                finding.severity = Severity::Advice;
                finding.anchors.push((
                    Anchor::Exception(index, ExceptionField::Reason),
                    format!("waived until {}", exception.expires()),
                ));
                used = true;
            }
            // The waiver ends before the term does: from the day after, the finding is back.
            if waived_worse && outcome.term.is_some_and(|t| t.end > exception.expires()) {
                let mut ends = Finding::own(
                    Code::PlanExceptionEndsFirst,
                    None,
                    format!(
                        "the exception for {} expires on {}, before the term ends: from {} the finding it waives applies again",
                        exception.rule(),
                        exception.expires(),
                        crate::date::day_after(exception.expires())
                    ),
                )
                .at(Anchor::Exception(index, ExceptionField::Expires), "expires before the term ends")
                .at_field(crate::engine::finding::Field::End, "the term runs past it")
                .help("renew the exception before it expires, or end the term by its expiry date");
                ends.deployment = Some(at);
                outcome.findings.push(ends);
            }
        }
        if !used {
            findings.push(unused(exception.rule(), index, packs));
        }
    }
    findings
}

fn unused(code: &str, index: usize, packs: &PackSet) -> Finding {
    let known = packs.finding_codes();
    let help = if known.iter().any(|k| k == code) {
        "no deployment it covers has that finding: remove the exception, or check its `deployments`"
            .to_string()
    } else {
        match did_you_mean(code, known.iter().map(String::as_str)) {
            Some(near) => format!("no selected pack has a code `{code}`; did you mean `{near}`?"),
            None => format!("no selected pack has a code `{code}`"),
        }
    };
    Finding::own(
        Code::PlanUnusedException,
        None,
        format!("the exception for {code} waives nothing"),
    )
    .at(
        Anchor::Exception(index, ExceptionField::Rule),
        "no finding has this code",
    )
    .help(help)
}
