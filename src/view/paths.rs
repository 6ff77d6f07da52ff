//! `paths`: which providers and products a question is about, the matrix of each, and for
//! `--plan` the paths permitted instead of each deployment's. The CLI parses the question
//! and renders the answer; what is asked is settled here, where a mistake is a typed
//! refusal the renderer words.

use serde::Serialize;

use crate::base::date::Date;
use crate::base::diagnostic::did_you_mean;
use crate::base::ids::{ProductId, ProviderId};
use crate::base::vocab::{Channel, Cloud, Sector};
use crate::engine::{Alternative, Decision, Subject, alternatives, evaluate_plan};
use crate::input::plan::Plan;
use crate::input::policy::PackSet;
use crate::view::matrix::{Cell, Query, matrix};

/// The question `paths` answers.
#[derive(Debug, Clone, Copy)]
pub struct Question<'a> {
    pub provider: Option<&'a ProviderId>,
    pub product: Option<&'a ProductId>,
    pub sector: Option<Sector>,
    pub domicile: Option<&'a str>,
    pub as_of: Date,
    pub since: Option<Date>,
}

/// A question `paths` cannot answer as asked (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// `--since` after the as-of date.
    SinceAfterAsOf { since: Date, as_of: Date },
    /// No selected pack governs the provider asked for.
    Ungoverned {
        provider: String,
        near: Option<String>,
        governed: Vec<String>,
    },
    /// The product is in another provider's catalog.
    OtherProvidersProduct {
        product: String,
        owner: String,
        provider: String,
    },
    /// No catalog lists the product, and no provider was named.
    UnlistedProduct {
        product: String,
        near: Option<String>,
    },
    /// The selected packs govern no provider.
    NothingGoverned,
}

/// Something worth saying about an answer that is still given (on stderr).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// No selected pack's catalog lists the product for the provider: dates that depend on
    /// the product are not applied.
    NotInCatalog {
        product: String,
        provider: String,
        near: Option<String>,
    },
}

/// One matrix: a provider, maybe a product, and its cells.
#[derive(Debug, Clone)]
pub struct Matrix {
    pub provider: String,
    pub product: Option<String>,
    pub cells: Vec<Cell>,
}

/// The answer: a matrix per provider, and what to say about it.
#[derive(Debug, Clone)]
pub struct Answer {
    pub matrices: Vec<Matrix>,
    pub notices: Vec<Notice>,
}

pub fn paths(packs: &PackSet, question: &Question<'_>) -> Result<Answer, Refusal> {
    if let Some(since) = question.since.filter(|since| *since > question.as_of) {
        return Err(Refusal::SinceAfterAsOf {
            since,
            as_of: question.as_of,
        });
    }
    let providers = providers(packs, question)?;
    let mut notices = Vec::new();
    if let Some(product) = question.product {
        for provider in &providers {
            if packs.governing(provider).is_none() || packs.product(provider, product).is_some() {
                continue;
            }
            // Another provider's product is a mistake; an unlisted one may be a product not
            // yet in the catalog, which is worth asking about (with a did-you-mean).
            if let Some(owner) = catalog_owner(packs, product).filter(|o| o != provider) {
                return Err(Refusal::OtherProvidersProduct {
                    product: product.to_string(),
                    owner: owner.to_string(),
                    provider: provider.to_string(),
                });
            }
            let listed = packs.catalog.of(provider).map(|p| p.id.as_str());
            notices.push(Notice::NotInCatalog {
                product: product.to_string(),
                provider: provider.to_string(),
                near: did_you_mean(product, listed).map(str::to_string),
            });
        }
    }
    let matrices = providers
        .iter()
        .map(|provider| Matrix {
            provider: provider.to_string(),
            product: question.product.map(|p| p.to_string()),
            cells: matrix(
                packs,
                &Query {
                    provider,
                    product: question.product,
                    sector: question.sector,
                    domicile: question.domicile,
                    as_of: question.as_of,
                    since: question.since,
                },
            ),
        })
        .collect();
    Ok(Answer { matrices, notices })
}

/// The provider whose catalog lists the product, in the selected packs.
fn catalog_owner<'p>(packs: &'p PackSet, product: &ProductId) -> Option<&'p ProviderId> {
    packs
        .catalog
        .products()
        .iter()
        .find(|p| p.id == product)
        .map(|p| &p.provider)
}

/// The providers to show: the one asked for (which a pack must govern), the provider of
/// the product asked for, or every governed provider.
fn providers<'p>(
    packs: &'p PackSet,
    question: &Question<'p>,
) -> Result<Vec<&'p ProviderId>, Refusal> {
    let governed = packs.governed_providers();
    if let Some(provider) = question.provider {
        if governed.contains(&provider) {
            return Ok(vec![provider]);
        }
        return Err(Refusal::Ungoverned {
            provider: provider.to_string(),
            near: did_you_mean(provider, governed.iter().map(|g| g.as_str())).map(str::to_string),
            governed: governed.iter().map(|g| g.to_string()).collect(),
        });
    }
    if let Some(product) = question.product {
        return catalog_owner(packs, product)
            .map(|p| vec![p])
            .ok_or_else(|| {
                let all = packs.catalog.products().iter();
                Refusal::UnlistedProduct {
                    product: product.to_string(),
                    near: did_you_mean(product, all.map(|p| p.id.as_str())).map(str::to_string),
                }
            });
    }
    if governed.is_empty() {
        return Err(Refusal::NothingGoverned);
    }
    Ok(governed)
}

/// `paths --plan`: for each deployment, the other paths permitted for its product at its start.
#[derive(Debug, Clone, Serialize)]
pub struct DeploymentPaths {
    pub id: String,
    pub provider: String,
    pub product: String,
    pub channel: Channel,
    pub cloud: Cloud,
    pub start: Date,
    /// `check`'s decision for the deployment, its exceptions applied.
    pub status: Decision,
    /// The other paths `check` permits for its product and tags on its start date: for a
    /// denied deployment, the very list `check` offers.
    pub alternatives: Vec<Alternative>,
}

/// Each deployment of the plan with `check`'s decision (exceptions and all: one source of
/// truth) and the paths permitted for it at its start.
pub fn plan_paths(plan: &Plan, packs: &PackSet, as_of: Date) -> Vec<DeploymentPaths> {
    let outcome = evaluate_plan(plan, packs, as_of);
    plan.deployments
        .iter()
        .zip(&outcome.deployments)
        .map(|(d, judged)| {
            let d = d.get_ref();
            let start = judged.term.map_or(as_of, |t| t.start);
            let subject = Subject::of_deployment(d, plan.buyer());
            DeploymentPaths {
                id: d.id().to_string(),
                provider: d.provider().to_string(),
                product: d.product().to_string(),
                channel: d.channel(),
                cloud: d.cloud(),
                start,
                status: judged.decision,
                alternatives: alternatives(packs, &subject, start).to_vec(),
            }
        })
        .collect()
}
