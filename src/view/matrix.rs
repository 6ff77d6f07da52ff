//! The paths matrix: for a provider (and optionally a product), the status of every
//! channel × cloud on a day, computed by the same engine as `check`.

use std::borrow::Cow;

use serde::Serialize;

use crate::base::date::Date;
use crate::base::ids::{ProductId, ProviderId};
use crate::base::vocab::{self, Channel, Cloud, Sector};
use crate::engine::{Decision, Permission, Subject, permission_on, permitted_regions};
use crate::input::policy::PackSet;

/// One channel × cloud of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub provider: String,
    pub product: Option<String>,
    pub channel: Channel,
    pub cloud: Cloud,
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
    /// The regions of its cloud the cell is permitted in, where not the cloud as a whole
    /// (the status is then conditional, on the region); empty otherwise.
    pub regions: Vec<String>,
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
    pub provider: &'a ProviderId,
    pub product: Option<&'a ProductId>,
    pub sector: Option<Sector>,
    /// The buyer's home jurisdiction, for rules that depend on it.
    pub domicile: Option<&'a str>,
    pub as_of: Date,
    pub since: Option<Date>,
}

/// A cell's status on `day`. One permitted only in some of its cloud's regions (a rule
/// names a `region`, `jurisdiction` or `government`) is not denied: it is conditional, on
/// the region, and its clause says which.
fn cell_status<'p>(
    packs: &'p PackSet,
    subject: &Subject<'p>,
    day: Date,
    by_region: bool,
) -> Status<'p> {
    let plain = permission_on(packs, subject, day);
    if !by_region || plain.status != Decision::Denied {
        return (plain, Vec::new());
    }
    in_some_regions(packs, subject, &plain, day).unwrap_or((plain, Vec::new()))
}

/// A cell's permission, and the regions it is limited to (none: the cloud as a whole).
type Status<'p> = (Permission<'p>, Vec<&'static str>);

/// The status of a denied cell permitted in some of its cloud's regions; none if in none.
fn in_some_regions<'p>(
    packs: &'p PackSet,
    subject: &Subject<'p>,
    plain: &Permission<'p>,
    day: Date,
) -> Option<Status<'p>> {
    let permitted = permitted_regions(packs, subject, plain, day);
    let regions: Vec<&'static str> = permitted.iter().map(|(r, _)| r.id.as_str()).collect();
    let first = permitted.into_iter().next()?.1;
    // A rule with no clause is cited by its code, which the cell names already.
    let clause = format!(
        "{}only in {}",
        first
            .clause
            .filter(|c| Some(c) != first.rule.as_ref())
            .map(|c| format!("{c}; "))
            .unwrap_or_default(),
        crate::input::region::listing(&regions)
    );
    Some((
        Permission {
            status: Decision::Conditional,
            clause: Some(clause.into()),
            ..first
        },
        regions,
    ))
}

/// The status of a cell in a row without a product: the most permissive over the
/// provider's catalog products, and which products have it. A provider row is never denied
/// where one of its products is permitted, because it is computed from their rows. A
/// provider with no catalog is judged as a bare path.
fn provider_cell<'p>(
    packs: &'p PackSet,
    subject: &Subject<'p>,
    catalog: &[&'p ProductId],
    day: Date,
    by_region: bool,
) -> (Status<'p>, Vec<String>) {
    if catalog.is_empty() {
        return (cell_status(packs, subject, day, by_region), Vec::new());
    }
    let mut best: Option<Status> = None;
    let mut products = Vec::new();
    for product in catalog {
        let found = cell_status(packs, &subject.with_product(product), day, by_region);
        match &best {
            Some(b) if b.0.status < found.0.status => continue,
            Some(b) if b.0.status == found.0.status => products.push(product.to_string()),
            _ => {
                products = vec![product.to_string()];
                best = Some(found);
            }
        }
    }
    let best = best.unwrap_or_else(|| cell_status(packs, subject, day, by_region));
    if best.0.status == Decision::Denied {
        products.clear();
    }
    (best, products)
}

/// The products of the provider's catalog, in catalog order: the governing pack's, or for
/// an ungoverned provider every selected pack's.
fn catalog<'p>(packs: &'p PackSet, provider: &ProviderId) -> Vec<&'p ProductId> {
    packs.catalog.of(provider).map(|p| &p.id).collect()
}

/// Every channel × cloud a path can take for the query, in the vocabulary's order.
pub fn matrix(packs: &PackSet, query: &Query<'_>) -> Vec<Cell> {
    let by_region = crate::engine::reads_region(packs, query.provider);
    let catalog = match query.product {
        Some(_) => Vec::new(),
        None => catalog(packs, query.provider),
    };
    vocab::channel_cloud_pairs()
        .map(|(channel, cloud)| {
            let subject = Subject::path(
                query.provider,
                query.product,
                channel,
                cloud,
                crate::input::plan::Buyer {
                    sector: query.sector,
                    domicile: query.domicile,
                },
            );
            let status_on = |day| match query.product {
                Some(_) => (cell_status(packs, &subject, day, by_region), Vec::new()),
                None => provider_cell(packs, &subject, &catalog, day, by_region),
            };
            let ((now, regions), products) = status_on(query.as_of);
            let was = query.since.map(|since| status_on(since).0.0.status);
            Cell {
                provider: query.provider.to_string(),
                product: query.product.map(|p| p.to_string()),
                channel,
                cloud,
                status: now.status,
                was,
                rule: now.rule.map(Cow::into_owned),
                clause: now.clause.map(Cow::into_owned),
                opened: now.opened,
                regions: regions.into_iter().map(str::to_string).collect(),
                some_products: products.len() < catalog.len(),
                products,
            }
        })
        .collect()
}
