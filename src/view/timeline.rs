//! The timeline of a plan: each deployment's term against the days its path is granted,
//! and the dates that decide it (a window opening, a licence ending, an exception
//! expiring). Computed with the engine; drawn by the report.

use crate::base::date::{Date, Interval};
use crate::engine::{Decision, Subject, evaluate_path};
use crate::input::plan::Plan;
use crate::input::policy::{Effect, PackSet};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub date: Date,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub path: String,
    pub decision: Decision,
    pub term: Interval,
    /// The days the term's path is permitted (all of time, not clipped): the engine's
    /// answer, the one `check` gives for each day.
    pub permitted: crate::base::date::DaySet,
    /// Whether a pack governs the provider (without one, nothing is granted or refused).
    pub governed: bool,
    /// Exceptions that cover the deployment: expiry date and the code they waive.
    pub exceptions: Vec<(Date, String)>,
}

#[derive(Debug, Clone)]
pub struct Timeline {
    pub as_of: Date,
    pub rows: Vec<Row>,
    /// The dates the rules and exceptions turn on, in date order.
    pub markers: Vec<Marker>,
}

impl Timeline {
    /// The span of days to draw: from the earliest start or marker to past the latest end,
    /// with the as-of date inside.
    pub fn range(&self) -> Interval {
        let mut dates: Vec<Date> = vec![self.as_of];
        for row in &self.rows {
            dates.push(row.term.start);
            if !row.term.open_end() {
                dates.push(row.term.end);
            }
        }
        dates.extend(self.markers.iter().map(|m| m.date));
        let first = dates.iter().copied().min().unwrap_or(self.as_of);
        let last = dates.iter().copied().max().unwrap_or(self.as_of);
        // Whole years, and a year of room past the last date for open-ended terms.
        let start = Date::new(first.year(), 1, 1).unwrap_or(first);
        let end = Date::new(last.year().saturating_add(1), 12, 31).unwrap_or(last);
        Interval::new(start, end).unwrap_or(Interval::day(start))
    }
}

/// `decisions` are the plan's decisions, in deployment order.
pub fn timeline(plan: &Plan, packs: &PackSet, as_of: Date, decisions: &[Decision]) -> Timeline {
    let mut markers: Vec<Marker> = Vec::new();
    // One marker a date; what else happens that day joins its label.
    let mut add = |date: Date, label: String| {
        if date == Date::MIN || date == Date::MAX {
            return;
        }
        match markers.iter_mut().find(|m| m.date == date) {
            Some(m) if !m.label.split("; ").any(|l| l == label) => {
                m.label.push_str("; ");
                m.label.push_str(&label);
            }
            Some(_) => {}
            None => markers.push(Marker { date, label }),
        }
    };
    let mut rows = Vec::new();
    for (index, deployment) in plan.deployments.iter().enumerate() {
        let d = deployment.get_ref();
        let Some(term) = d.term(as_of) else { continue };
        let subject = Subject::of_deployment(d, plan.buyer());
        let verdict = evaluate_path(packs, &subject, term);
        for piece in &verdict.pieces {
            let name = piece.rule.name();
            if let Some(from) = piece.rule.from {
                add(from, format!("opens: {name}"));
            }
            if let Some(until) = piece.rule.until {
                add(until, format!("ends: {name}"));
            }
        }
        // Deny, warn and advise rules that hold for this deployment, from their first day.
        for finding in &verdict.findings {
            if let Some(rule) = finding.rule().filter(|r| r.effect != Effect::Allow)
                && let Some(from) = rule.from.filter(|f| term.contains(*f))
            {
                add(from, format!("{}: {}", rule.effect.as_str(), rule.name()));
            }
        }
        let exceptions: Vec<(Date, String)> = plan
            .exceptions
            .iter()
            .map(|e| e.get_ref())
            .filter(|e| e.covers(d.id()))
            // Only an exception in force on the as-of date waives anything: an expired or
            // unapproved one is drawn as nothing, as `check` gives it no effect.
            .filter(|e| {
                matches!(
                    crate::engine::standing(e, packs, as_of),
                    crate::engine::Standing::InForce
                )
            })
            // Only where it waives something: an exception whose code this deployment
            // never gets has no bearing on its term.
            .filter(|e| verdict.findings.iter().any(|f| f.code == e.rule()))
            .map(|e| (e.expires(), e.rule().to_string()))
            .collect();
        for (expires, code) in &exceptions {
            add(*expires, format!("exception for {code} expires"));
        }
        rows.push(Row {
            id: d.id().to_string(),
            path: crate::words::path(&subject),
            decision: decisions.get(index).copied().unwrap_or(Decision::Allowed),
            term,
            permitted: verdict.permitted.clone(),
            governed: verdict.governing.is_some(),
            exceptions,
        });
    }
    markers.sort_by_key(|m| m.date);
    Timeline {
        as_of,
        rows,
        markers,
    }
}
