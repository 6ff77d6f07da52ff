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
    /// In a row without a product: the catalog products that have the cell's status (the
    /// most permissive over the provider's products), in catalog order; empty in a product's
    /// row, in a denied cell, and for a provider without a catalog.
    pub products: Vec<String>,
    /// Whether `products` is fewer than the provider's whole catalog (renderers name them
    /// only then).
    #[serde(skip)]
    pub some_products: bool,
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
                products: Vec::new(),
                some_products: false,
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

/// The status of a cell in a row without a product: the most permissive over the
/// provider's catalog products, and which products have it. A provider row is never denied
/// where one of its products is permitted, because it is computed from their rows. A
/// provider with no catalog is judged as a bare path.
fn provider_cell(
    packs: &PackSet,
    subject: &Subject<'_>,
    catalog: &[&str],
    day: Date,
    by_region: bool,
) -> ((Status, Option<Date>), Vec<String>) {
    if catalog.is_empty() {
        return (cell_status(packs, subject, day, by_region), Vec::new());
    }
    let mut best: Option<(Status, Option<Date>)> = None;
    let mut products = Vec::new();
    for product in catalog {
        let found = cell_status(packs, &subject.with_product(product), day, by_region);
        let status = found.0.0;
        match &best {
            Some(b) if b.0.0 < status => continue,
            Some(b) if b.0.0 == status => products.push(product.to_string()),
            _ => {
                products = vec![product.to_string()];
                best = Some(found);
            }
        }
    }
    let best = best.unwrap_or_else(|| cell_status(packs, subject, day, by_region));
    if best.0.0 == Decision::Denied {
        products.clear();
    }
    (best, products)
}

/// The products of the provider's catalog, in catalog order: the governing pack's, or for
/// an ungoverned provider every selected pack's.
fn catalog<'p>(packs: &'p PackSet, provider: &str) -> Vec<&'p str> {
    let mut ids: Vec<&str> = Vec::new();
    let governing = packs.governing(provider);
    let pool = packs
        .packs
        .iter()
        .map(AsRef::as_ref)
        .filter(|p| governing.is_none_or(|g| std::ptr::eq(*p, g)));
    for product in pool.flat_map(|p| p.products.iter()) {
        if product.provider == provider && !ids.contains(&product.id.as_str()) {
            ids.push(product.id.as_str());
        }
    }
    ids
}

/// Every channel × cloud a path can take for the query, in the vocabulary's order.
pub fn matrix(packs: &PackSet, query: &Query<'_>) -> Vec<Cell> {
    let by_region = crate::engine::grants_by_region(packs, query.provider);
    let catalog = match query.product {
        Some(_) => Vec::new(),
        None => catalog(packs, query.provider),
    };
    vocab::channel_cloud_pairs()
        .map(|(channel, cloud)| {
            let subject =
                Subject::path(query.provider, query.product, channel, cloud, query.sector);
            let status_on = |day| match query.product {
                Some(_) => (cell_status(packs, &subject, day, by_region), Vec::new()),
                None => provider_cell(packs, &subject, &catalog, day, by_region),
            };
            let (((status, rule, clause), opened), products) = status_on(query.as_of);
            let was = query.since.map(|since| status_on(since).0.0.0);
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
                some_products: products.len() < catalog.len(),
                products,
            }
        })
        .collect()
}
