//! Whether a path is permitted on a day: the one decision that `check`, `paths`, the
//! alternatives of a denial, the report's matrix, its timeline and its briefing all read.
//! Everything else that shows a status is a view of [`permission_on`].

use std::borrow::Cow;

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
pub struct Permission<'a> {
    /// What `check` decides for a one-day deployment on the path: denied on an error,
    /// conditional on a warning, allowed otherwise (exceptions aside: they belong to a plan).
    pub status: Decision,
    /// The rule that decides it: the deny or warn rule that makes it denied or conditional,
    /// else the allow rule that grants it (or that the catalog withholds); none where
    /// nothing grants it.
    /// Borrowed from the packs where it can be: an alternatives search copies one
    /// permission to every region of a cloud.
    pub rule: Option<Cow<'a, str>>,
    /// That rule's clause, or cloudpact's own finding's.
    pub clause: Option<Cow<'a, str>>,
    /// The first day of the grant that covers the day, where it has one (none where the
    /// path has been open as far back as the packs go).
    pub opened: Option<Date>,
}

/// The path's permission on `day`: the evaluation of a one-day term, as `check` does it.
pub fn permission_on<'a>(packs: &'a PackSet, subject: &Subject<'a>, day: Date) -> Permission<'a> {
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
            .map(|f| (Some(f.code.clone()), clause_of(f)))
    };
    let of_rule = |rule: &'a crate::input::policy::Rule| {
        (
            Some(Cow::Borrowed(rule.code.as_str())),
            Some(Cow::Borrowed(rule.citation())),
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
                    .map(|f| (Some(f.code.clone()), clause_of(f)))
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
fn clause_of<'a>(finding: &Finding<'a>) -> Option<Cow<'a, str>> {
    finding
        .rule()
        .and_then(|r| r.clause.as_deref())
        .map(Cow::Borrowed)
}
