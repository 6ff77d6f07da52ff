//! Exceptions: a waiver turns the findings with its code on its deployments into advice.

use crate::base::date::Date;
use crate::base::diagnostic::{Severity, Waiver};
use crate::engine::finding::{Fact, Finding};
use crate::engine::outcome::DeploymentOutcome;
use crate::input::plan::{Exception, Plan};
use crate::input::policy::PackSet;

/// Whether an exception waives anything on the as-of date: the one test `check` and the
/// report's timeline both read.
#[derive(Debug, Clone, Copy)]
pub enum Standing<'p> {
    /// It expired before the as-of date.
    Expired,
    /// Its pack names approvers, and none of them approved it.
    Unapproved(&'p crate::input::policy::Pack),
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
pub fn apply_exceptions<'a>(
    plan: &'a Plan,
    packs: &'a PackSet,
    as_of: Date,
    deployments: &mut [DeploymentOutcome<'a>],
) -> Vec<Finding<'a>> {
    let mut findings = Vec::new();
    for (index, exception) in plan.exceptions.iter().enumerate() {
        let exception = exception.get_ref();
        let rule = exception.rule();
        match standing(exception, packs, as_of) {
            Standing::Expired => {
                findings.push(Finding::new(Fact::ExceptionExpired {
                    index,
                    rule,
                    expires: exception.expires(),
                    as_of,
                }));
                continue;
            }
            Standing::Unapproved(pack) => {
                findings.push(Finding::new(Fact::ExceptionUnapproved {
                    index,
                    rule,
                    approved_by: exception.approved_by.as_ref().map(|a| a.get_ref().as_str()),
                    pack,
                }));
                continue;
            }
            Standing::InForce => {}
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
                if finding.code != rule || finding.waived.is_some() {
                    continue;
                }
                waived_worse |= finding.severity != Severity::Advice;
                finding.waived = Some((
                    index,
                    Waiver {
                        severity: finding.severity,
                        ..waiver.clone()
                    },
                ));
                finding.severity = Severity::Advice;
                used = true;
            }
            // The waiver ends before the term does: from the day after, the finding is back.
            if waived_worse && outcome.term.is_some_and(|t| t.end > exception.expires()) {
                let mut ends = Finding::new(Fact::ExceptionEndsFirst {
                    index,
                    rule,
                    expires: exception.expires(),
                });
                ends.deployment = Some(at);
                outcome.findings.push(ends);
            }
        }
        if !used {
            findings.push(unused(rule, index, packs));
        }
    }
    findings
}

fn unused<'a>(code: &'a str, index: usize, packs: &PackSet) -> Finding<'a> {
    let (known, near) = judged::code(packs, code);
    Finding::new(Fact::ExceptionUnused {
        index,
        code,
        known,
        near,
    })
}

/// Whether an exception's code is one the packs can give, and the code a misspelt one was
/// likely meant to be, remembered for the run: the plans of a monorepo repeat their
/// exceptions, and each guess spells out every code of the packs and compares it with the
/// one written (168k instructions a time on the 100-file benchmark corpus).
mod judged {
    use crate::base::diagnostic::did_you_mean;
    use crate::base::memo::RunMemo;
    use crate::input::policy::PackSet;

    static CODES: RunMemo<(bool, Option<String>)> = RunMemo::new(1024);

    pub fn code(packs: &PackSet, code: &str) -> (bool, Option<String>) {
        let mut key = packs.serials_key();
        key.push_str(code);
        CODES.get_or(key, || {
            let codes = packs.finding_codes();
            if codes.iter().any(|k| k == code) {
                (true, None)
            } else {
                let near = did_you_mean(code, codes.iter().map(String::as_str));
                (false, near.map(str::to_string))
            }
        })
    }
}
