//! The path being evaluated, with every attribute a rule can match on.

use crate::base::ids::{ProductId, ProviderId, RegionId};
use crate::base::vocab::{Channel, Cloud, Sector};
use crate::input::plan::{Buyer, Deployment};
use crate::input::policy::{Attributes, Kind, MatchKey};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject<'a> {
    pub provider: &'a ProviderId,
    /// None when a provider's paths are evaluated for no product in particular.
    pub product: Option<&'a ProductId>,
    /// From the catalog, where it lists the product.
    pub kind: Option<Kind>,
    pub channel: Channel,
    pub cloud: Cloud,
    pub region: Option<&'a RegionId>,
    pub jurisdiction: Option<&'a str>,
    /// Known for a region the catalog knows; none otherwise.
    pub government: Option<bool>,
    pub sector: Option<Sector>,
    /// The buyer's home jurisdiction (`[plan].domicile`).
    pub domicile: Option<&'a str>,
    pub workload: Option<&'a str>,
    pub data: Option<&'a str>,
}

impl<'a> Subject<'a> {
    /// The deployment's path; its region's jurisdiction comes from the built-in region
    /// catalog, read only when a deployment names a region.
    pub fn of_deployment(deployment: &'a Deployment, buyer: Buyer<'a>) -> Self {
        let region = deployment
            .region()
            .and_then(|r| crate::input::region::builtin().region(deployment.cloud(), r));
        Subject {
            provider: deployment.provider(),
            product: Some(deployment.product()),
            kind: None,
            channel: deployment.channel(),
            cloud: deployment.cloud(),
            region: deployment.region(),
            jurisdiction: region.and_then(|r| r.jurisdiction.as_deref()),
            government: region.map(|r| r.government),
            sector: buyer.sector,
            domicile: buyer.domicile,
            workload: deployment.workload(),
            data: deployment.data(),
        }
    }

    /// A bare path, with no region and no tags: a cell of the paths matrix.
    pub fn path(
        provider: &'a ProviderId,
        product: Option<&'a ProductId>,
        channel: Channel,
        cloud: Cloud,
        buyer: Buyer<'a>,
    ) -> Self {
        Subject {
            provider,
            product,
            kind: None,
            channel,
            cloud,
            region: None,
            jurisdiction: None,
            government: None,
            sector: buyer.sector,
            domicile: buyer.domicile,
            workload: None,
            data: None,
        }
    }

    /// The same subject on another channel and cloud; the region is kept only on the same cloud.
    pub fn on(&self, channel: Channel, cloud: Cloud) -> Self {
        let same_cloud = cloud == self.cloud;
        Subject {
            channel,
            cloud,
            region: self.region.filter(|_| same_cloud),
            jurisdiction: self.jurisdiction.filter(|_| same_cloud),
            government: self.government.filter(|_| same_cloud),
            ..*self
        }
    }

    /// The same path for one product of the provider's catalog (its kind is read from the
    /// catalog when the path is evaluated).
    pub fn with_product(&self, product: &'a ProductId) -> Self {
        Subject {
            product: Some(product),
            kind: None,
            ..*self
        }
    }

    /// The same subject in one of its cloud's regions, as the region catalog describes it.
    pub fn in_region(&self, region: &'a crate::input::region::Region) -> Self {
        Subject {
            region: Some(&region.id),
            jurisdiction: region.jurisdiction.as_deref(),
            government: Some(region.government),
            ..*self
        }
    }
}

impl Attributes for Subject<'_> {
    fn attribute(&self, key: MatchKey) -> Option<&str> {
        self.value(key)
    }
}

impl<'a> Subject<'a> {
    pub fn value(&self, key: MatchKey) -> Option<&'a str> {
        match key {
            MatchKey::Provider => Some(self.provider),
            MatchKey::Product => self.product.map(|p| p.as_str()),
            MatchKey::Kind => self.kind.map(Kind::as_str),
            MatchKey::Channel => Some(self.channel.as_str()),
            MatchKey::Cloud => Some(self.cloud.as_str()),
            MatchKey::Region => self.region.map(|r| r.as_str()),
            MatchKey::Jurisdiction => self.jurisdiction,
            // A pack writes `government = true`; the matcher reads every value as its word.
            MatchKey::Government => self.government.map(|g| if g { "true" } else { "false" }),
            MatchKey::Sector => self.sector.map(Sector::as_str),
            MatchKey::Domicile => self.domicile,
            MatchKey::Workload => self.workload,
            MatchKey::Data => self.data,
        }
    }
}
