//! Whether a path is permitted on a day: the one decision that `check`, `paths`, the
//! alternatives of a denial, the report's matrix, its timeline and its briefing all read.
//! Everything else that shows a status is a view of [`permission_on`].

use crate::base::codes::Code;
use crate::base::date::{Date, Interval};
use crate::base::diagnostic::Severity;
use crate::engine::finding::Finding;
use crate::engine::outcome::Decision;
use crate::engine::path::evaluate_path;
use crate::engine::subject::Subject;
use crate::input::policy::PackSet;

/// A path's status on one day, and what decides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permission {
    /// What `check` decides for a one-day deployment on the path: denied on an error,
    /// conditional on a warning, allowed otherwise (exceptions aside: they belong to a plan).
    pub status: Decision,
    /// The rule that decides it: the deny or warn rule that makes it denied or conditional,
    /// else the allow rule that grants it (or that the catalog withholds); none where
    /// nothing grants it.
    pub rule: Option<String>,
    /// That rule's clause, or cloudpact's own finding's.
    pub clause: Option<String>,
    /// The first day of the grant that covers the day, where it has one (none where the
    /// path has been open as far back as the packs go).
    pub opened: Option<Date>,
}

/// The path's permission on `day`: the evaluation of a one-day term, as `check` does it.
pub fn permission_on(packs: &PackSet, subject: &Subject<'_>, day: Date) -> Permission {
    let verdict = evaluate_path(packs, subject, Interval::day(day));
    let status = Decision::of(&verdict.findings);
    let opened = verdict
        .grant
        .interval_containing(day)
        .filter(|iv| !iv.open_start())
        .map(|iv| iv.start);
    let of_finding = |severity: Severity, from_pack: bool| {
        verdict
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .find(|f| !from_pack || f.own().is_none())
            .map(|f| (Some(f.code.to_string()), clause_of(f)))
    };
    let of_rule = |rule: &crate::input::policy::Rule| {
        (
            Some(rule.code.to_string()),
            Some(rule.citation().to_string()),
        )
    };
    let (rule, clause) = match status {
        // A deny rule decides a denied path; cloudpact's own not-permitted error only
        // restates that nothing grants it, so the rule cited is the one that withholds it.
        Decision::Denied => of_finding(Severity::Error, true)
            .or_else(|| verdict.withheld.first().map(|w| of_rule(w.rule)))
            .or_else(|| {
                // cloudpact's own refusal (an unknown product), where nothing else speaks.
                verdict
                    .findings
                    .iter()
                    .find(|f| f.severity == Severity::Error && f.own() != Some(Code::NotPermitted))
                    .map(|f| (Some(f.code.to_string()), clause_of(f)))
            })
            .unwrap_or_default(),
        Decision::Conditional => of_finding(Severity::Warning, false).unwrap_or_default(),
        Decision::Allowed => verdict
            .piece_on(day)
            .map(|p| of_rule(p.rule))
            .unwrap_or_default(),
    };
    Permission {
        status,
        rule,
        clause,
        opened,
    }
}

/// The clause of the rule a finding cites; none for cloudpact's own that cite no rule.
fn clause_of(finding: &Finding<'_>) -> Option<String> {
    finding.rule().and_then(|r| r.clause.clone())
}
