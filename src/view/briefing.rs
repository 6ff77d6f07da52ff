//! Everything the `report` command shows a procurement committee about one plan: the
//! checked plan, its timeline, and the provider × cloud matrix on the as-of date.

use crate::base::date::Date;
use crate::base::ids::ProviderId;
use crate::base::vocab::{Channel, Cloud};
use crate::engine::Decision;
use crate::input::plan::Plan;
use crate::input::policy::PackSet;
use crate::view::check::report_plan;
use crate::view::matrix::{Cell, Query, matrix};
use crate::view::run::FileReport;
use crate::view::timeline::{Timeline, timeline};

/// The best status a provider has on a cloud, and through which channels.
#[derive(Debug, Clone)]
pub struct CloudCell {
    pub cloud: Cloud,
    pub status: Decision,
    pub channels: Vec<Channel>,
    pub rule: Option<String>,
    pub clause: Option<String>,
    /// The catalog products that have the status on those channels, in the order the
    /// channels' cells name them; empty where they are the whole catalog (or it is denied).
    pub products: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ProviderRow {
    pub provider: ProviderId,
    pub governed_by: Option<String>,
    pub cells: Vec<CloudCell>,
}

#[derive(Debug, Clone)]
pub struct Briefing {
    pub report: FileReport,
    pub timeline: Timeline,
    pub matrix: Vec<ProviderRow>,
    pub as_of: Date,
}

pub fn briefing(plan: &Plan, packs: &PackSet, as_of: Date) -> Briefing {
    let report = report_plan(plan, packs, as_of);
    let decisions: Vec<Decision> = report.deployments.iter().map(|d| d.decision).collect();
    let timeline = timeline(plan, packs, as_of, &decisions);
    let mut providers: Vec<&ProviderId> = Vec::new();
    for d in &plan.deployments {
        let p = d.get_ref().provider();
        if !providers.contains(&p) {
            providers.push(p);
        }
    }
    let matrix = providers
        .into_iter()
        .map(|provider| {
            let query = Query {
                provider,
                product: None,
                sector: plan.sector(),
                domicile: plan.domicile(),
                as_of,
                since: None,
            };
            let cells = matrix(packs, &query);
            ProviderRow {
                provider: provider.clone(),
                governed_by: packs.governing(provider).map(|p| p.id.clone()),
                cells: Cloud::ALL
                    .iter()
                    .map(|&cloud| best_on(&cells, cloud))
                    .collect(),
            }
        })
        .collect();
    Briefing {
        report,
        timeline,
        matrix,
        as_of,
    }
}

/// The best cell of a provider's paths matrix on a cloud (the same matrix `paths` shows,
/// so the report and `paths` cannot disagree): allowed beats conditional, and the cell
/// lists every channel with that status.
fn best_on(cells: &[Cell], cloud: Cloud) -> CloudCell {
    let mut best = CloudCell {
        cloud,
        status: Decision::Denied,
        channels: Vec::new(),
        rule: None,
        clause: None,
        products: Vec::new(),
    };
    // Whether a cell with the best status holds for the provider's whole catalog.
    let mut whole_catalog = false;
    for cell in cells.iter().filter(|c| c.cloud == cloud) {
        if cell.status == Decision::Denied {
            continue;
        }
        if best.channels.is_empty() || cell.status < best.status {
            best.status = cell.status;
            best.channels = vec![cell.channel];
            best.rule = cell.rule.clone();
            best.clause = cell.clause.clone();
            best.products.clear();
            whole_catalog = false;
        } else if cell.status != best.status {
            continue;
        } else {
            best.channels.push(cell.channel);
        }
        whole_catalog |= !cell.some_products;
        for product in &cell.products {
            if !best.products.contains(product) {
                best.products.push(product.clone());
            }
        }
    }
    // Then the cloud's status holds for every product: naming them would say less.
    if whole_catalog {
        best.products.clear();
    }
    best
}
