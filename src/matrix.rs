//! The paths matrix: for a provider (and optionally a product), the status of every
//! channel × cloud on a day, computed by the same engine as `check`.

use serde::Serialize;

use crate::codes;
use crate::date::{Date, Interval};
use crate::diagnostic::Severity;
use crate::engine::{Alternatives, Decision, Subject, evaluate_path};
use crate::policy::PackSet;
use crate::vocab;

/// One channel × cloud of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub provider: String,
    pub product: Option<String>,
    pub channel: String,
    pub cloud: String,
    pub status: Decision,
    /// The status on the `--since` date.
    pub was: Option<Decision>,
    /// The rule that decides the cell: the deny or warn rule that makes it denied or
    /// conditional, else the allow rule that grants it; none where nothing grants.
    pub rule: Option<String>,
    pub clause: Option<String>,
    /// The first day of the grant that covers the as-of date, where it has one (none where
    /// the path has been open as far back as the packs go). An addition to DESIGN's fields.
    pub opened: Option<Date>,
}

impl Cell {
    /// `newly allowed` / `no longer allowed` against the `--since` date.
    pub fn change(&self) -> Option<&'static str> {
        match (self.was?, self.status) {
            (Decision::Denied, Decision::Allowed | Decision::Conditional) => Some("newly allowed"),
            (Decision::Allowed | Decision::Conditional, Decision::Denied) => {
                Some("no longer allowed")
            }
            (Decision::Allowed, Decision::Conditional) => Some("now conditional"),
            (Decision::Conditional, Decision::Allowed) => Some("now allowed"),
            _ => None,
        }
    }
}

/// What to evaluate the matrix for.
#[derive(Debug, Clone, Copy)]
pub struct Query<'a> {
    pub provider: &'a str,
    pub product: Option<&'a str>,
    pub sector: Option<&'a str>,
    pub as_of: Date,
    pub since: Option<Date>,
}

/// The status of one path on one day, and the rule that decides it.
pub fn status_on(
    packs: &PackSet,
    subject: &Subject<'_>,
    day: Date,
) -> (Decision, Option<String>, Option<String>) {
    status_and_opening(packs, subject, day).0
}

type Status = (Decision, Option<String>, Option<String>);

/// The status on `day`, and the first day of the grant that covers it.
fn status_and_opening(packs: &PackSet, subject: &Subject<'_>, day: Date) -> (Status, Option<Date>) {
    let verdict = evaluate_path(packs, subject, Interval::day(day), Alternatives::Skip);
    let opened = verdict
        .grant
        .interval_containing(day)
        .filter(|iv| !iv.open_start())
        .map(|iv| iv.start);
    (decide(packs, &verdict, day), opened)
}

fn decide(packs: &PackSet, verdict: &crate::engine::PathVerdict<'_>, day: Date) -> Status {
    // A product missing from the catalog is said once for the whole matrix, not per cell.
    let unknown = format!("/{}", codes::UNKNOWN_PRODUCT.name);
    let findings: Vec<_> = verdict
        .findings
        .iter()
        .filter(|f| !f.code.ends_with(&unknown))
        .collect();
    let deciding = |severity: Severity| findings.iter().find(|f| f.severity == severity);
    let granted = verdict.governing.is_none() || verdict.grant.contains(day);
    let grant_rule = verdict
        .piece_on(day)
        .map(|p| (p.rule.code.clone(), p.rule.citation().to_string()));
    // A deny rule decides a denied cell; the engine's own not-permitted errors only
    // restate that nothing grants it.
    if let Some(error) = findings
        .iter()
        .find(|f| f.severity == Severity::Error && packs.rule(&f.code).is_some())
    {
        return (
            Decision::Denied,
            Some(error.code.clone()),
            error.clause.clone(),
        );
    }
    if !granted {
        let withheld = verdict
            .withheld
            .first()
            .map(|w| (w.rule.code.clone(), w.rule.citation().to_string()));
        return match withheld {
            Some((rule, clause)) => (Decision::Denied, Some(rule), Some(clause)),
            None => (Decision::Denied, None, None),
        };
    }
    if let Some(warning) = deciding(Severity::Warning) {
        return (
            Decision::Conditional,
            Some(warning.code.clone()),
            warning.clause.clone(),
        );
    }
    match grant_rule {
        Some((rule, clause)) => (Decision::Allowed, Some(rule), Some(clause)),
        None => (Decision::Allowed, None, None),
    }
}

/// The other paths permitted on `day` for a deployment's subject: its product and tags on
/// every other channel × cloud (its region kept on its own cloud), as `check` would judge
/// them, in the vocabulary's order.
pub fn alternatives(packs: &PackSet, subject: &Subject<'_>, day: Date) -> Vec<Cell> {
    vocab::channel_cloud_pairs()
        .filter(|pair| *pair != (subject.channel, subject.cloud))
        .filter_map(|(channel, cloud)| {
            let there = subject.on(channel, cloud);
            // On another cloud the deployment's region is gone; where rules ask where data
            // sits (residency), try that cloud's regions in the same jurisdiction.
            let moved = cloud != subject.cloud && subject.jurisdiction.is_some();
            let akin = crate::region::builtin()
                .regions(cloud)
                .iter()
                .filter(|r| moved && r.jurisdiction.as_deref() == subject.jurisdiction)
                .filter(|r| {
                    Some(if r.government { "true" } else { "false" }) == subject.government
                });
            let ((status, rule, clause), opened) = std::iter::once(there)
                .chain(akin.map(|r| there.in_region(r)))
                .map(|s| status_and_opening(packs, &s, day))
                .find(|((status, _, _), _)| *status != Decision::Denied)?;
            Some(Cell {
                provider: subject.provider.to_string(),
                product: subject.product.map(str::to_string),
                channel: channel.to_string(),
                cloud: cloud.to_string(),
                status,
                was: None,
                rule,
                clause,
                opened,
            })
        })
        .collect()
}

/// A cell's status on `day`. One the packs grant only in some of its cloud's regions (they
/// grant by `region`, `jurisdiction` or `government`) is not denied: it is conditional, on
/// the region, and its clause says which.
fn cell_status(
    packs: &PackSet,
    subject: &Subject<'_>,
    day: Date,
    by_region: bool,
) -> (Status, Option<Date>) {
    let plain = status_and_opening(packs, subject, day);
    if !by_region || plain.0.0 != Decision::Denied {
        return plain;
    }
    in_some_regions(packs, subject, day).unwrap_or(plain)
}

/// The status of a denied cell permitted in some of its cloud's regions; none if in none.
fn in_some_regions(
    packs: &PackSet,
    subject: &Subject<'_>,
    day: Date,
) -> Option<(Status, Option<Date>)> {
    let mut regions = Vec::new();
    let mut first = None;
    for region in crate::region::builtin().regions(subject.cloud) {
        let found = status_and_opening(packs, &subject.in_region(region), day);
        if found.0.0 != Decision::Denied {
            regions.push(region.id.as_str());
            first.get_or_insert(found);
        }
    }
    let ((_, rule, clause), opened) = first?;
    // A rule with no clause is cited by its code, which the cell names already.
    let clause = format!(
        "{}only in {}",
        clause
            .filter(|c| Some(c) != rule.as_ref())
            .map(|c| format!("{c}; "))
            .unwrap_or_default(),
        crate::region::listing(&regions)
    );
    Some(((Decision::Conditional, rule, Some(clause)), opened))
}

/// Every channel × cloud a path can take for the query, in the vocabulary's order.
pub fn matrix(packs: &PackSet, query: &Query<'_>) -> Vec<Cell> {
    let by_region = crate::engine::grants_by_region(packs, query.provider);
    vocab::channel_cloud_pairs()
        .map(|(channel, cloud)| {
            let subject =
                Subject::path(query.provider, query.product, channel, cloud, query.sector);
            let ((status, rule, clause), opened) =
                cell_status(packs, &subject, query.as_of, by_region);
            let was = query
                .since
                .map(|since| cell_status(packs, &subject, since, by_region).0.0);
            Cell {
                provider: query.provider.to_string(),
                product: query.product.map(str::to_string),
                channel: channel.to_string(),
                cloud: cloud.to_string(),
                status,
                was,
                rule,
                clause,
                opened,
            }
        })
        .collect()
}
