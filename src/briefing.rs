//! Everything the `report` command shows a procurement committee about one plan: the
//! checked plan, its timeline, and the provider × cloud matrix on the as-of date.

use crate::check::report_plan;
use crate::date::Date;
use crate::engine::{Decision, Subject};
use crate::matrix::status_on;
use crate::plan::Plan;
use crate::policy::PackSet;
use crate::report::FileReport;
use crate::timeline::{Timeline, timeline};
use crate::vocab;

/// The best status a provider has on a cloud, and through which channels.
#[derive(Debug, Clone)]
pub struct CloudCell {
    pub cloud: String,
    pub status: Decision,
    pub channels: Vec<String>,
    pub rule: Option<String>,
    pub clause: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ProviderRow {
    pub provider: String,
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
    let mut providers: Vec<&str> = Vec::new();
    for d in &plan.deployments {
        let p = d.get_ref().provider();
        if !providers.contains(&p) {
            providers.push(p);
        }
    }
    let matrix = providers
        .into_iter()
        .map(|provider| ProviderRow {
            provider: provider.to_string(),
            governed_by: packs.governing(provider).map(|p| p.id.clone()),
            cells: vocab::CLOUDS
                .iter()
                .map(|cloud| best_on(packs, provider, plan.sector(), cloud, as_of))
                .collect(),
        })
        .collect();
    Briefing {
        report,
        timeline,
        matrix,
        as_of,
    }
}

fn best_on(
    packs: &PackSet,
    provider: &str,
    sector: Option<&str>,
    cloud: &str,
    day: Date,
) -> CloudCell {
    let mut best = CloudCell {
        cloud: cloud.to_string(),
        status: Decision::Denied,
        channels: Vec::new(),
        rule: None,
        clause: None,
    };
    for (channel, implied) in vocab::CHANNELS {
        if implied.is_some_and(|c| c != cloud) {
            continue;
        }
        let subject = Subject::path(provider, None, channel, cloud, sector);
        let (status, rule, clause) = status_on(packs, &subject, day);
        if status == Decision::Denied {
            continue;
        }
        // Allowed beats conditional: the best way onto this cloud is what the cell shows.
        let better =
            best.channels.is_empty() || best.status == Decision::Denied || status < best.status;
        if better {
            best.status = status;
            best.channels = vec![channel.to_string()];
            best.rule = rule;
            best.clause = clause;
        } else if status == best.status {
            best.channels.push(channel.to_string());
        }
    }
    best
}
