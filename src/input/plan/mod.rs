//! The deployment plan: what an enterprise uses or means to use, read from TOML with the
//! span of every value kept for diagnostics.

mod direct;
mod load;
mod shape;

pub use load::load_plan;

use serde::Deserialize;
use toml::Spanned;

use crate::base::date::{Date, Interval, TomlDate};
use crate::base::ids::{ProductId, ProviderId, RegionId};
use crate::base::source::{SourceFile, Span};
use crate::base::vocab::{Channel, Cloud, Sector};

/// The buyer a plan is for, as rules read it: its sector and its home jurisdiction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Buyer<'a> {
    pub sector: Option<Sector>,
    pub domicile: Option<&'a str>,
}

/// A plan as loaded: valid against the schema, ids unique, terms well-formed.
#[derive(Debug)]
pub struct Plan {
    pub source: SourceFile,
    pub header: Spanned<PlanHeader>,
    pub deployments: Vec<Spanned<Deployment>>,
    pub exceptions: Vec<Spanned<Exception>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlanFile {
    pub plan: Spanned<PlanHeader>,
    #[serde(default)]
    pub deployment: Vec<Spanned<Deployment>>,
    #[serde(default)]
    pub exception: Vec<Spanned<Exception>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanHeader {
    pub organization: Option<Spanned<String>>,
    pub sector: Option<Spanned<Sector>>,
    pub domicile: Option<Spanned<String>>,
    pub as_of: Option<Spanned<TomlDate>>,
    pub policies: Option<Spanned<Vec<Spanned<String>>>>,
}

/// A deployment: its keys as written, and the cloud it runs on, settled when it is read.
/// The keys are read through `Deref` (`deployment.channel`).
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "DeploymentFields")]
pub struct Deployment {
    fields: DeploymentFields,
    /// `cloud`, or the cloud `channel` implies.
    on: Cloud,
}

/// A deployment's keys, as the plan writes them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeploymentFields {
    /// Required in a plan (the schema says so); a pack's test case may leave it out.
    #[serde(default = "unnamed")]
    pub id: Spanned<String>,
    pub provider: Spanned<ProviderId>,
    pub product: Spanned<ProductId>,
    pub channel: Spanned<Channel>,
    pub cloud: Option<Spanned<Cloud>>,
    pub region: Option<Spanned<RegionId>>,
    pub start: Option<Spanned<TomlDate>>,
    pub end: Option<Spanned<TomlDate>>,
    pub workload: Option<Spanned<String>>,
    pub data: Option<Spanned<String>>,
}

impl std::ops::Deref for Deployment {
    type Target = DeploymentFields;

    fn deref(&self) -> &DeploymentFields {
        &self.fields
    }
}

impl TryFrom<DeploymentFields> for Deployment {
    type Error = String;

    /// The schemas require `cloud` of a channel that implies none; a deployment no schema
    /// checked is refused here rather than given a cloud nobody wrote.
    fn try_from(fields: DeploymentFields) -> Result<Self, String> {
        let channel = *fields.channel.get_ref();
        let on = match &fields.cloud {
            Some(cloud) => *cloud.get_ref(),
            None => channel.implied_cloud().ok_or_else(|| {
                format!(
                    "channel {channel} does not imply a cloud: say where inference runs in `cloud`"
                )
            })?,
        };
        Ok(Deployment { fields, on })
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    pub rule: Spanned<String>,
    pub deployments: Option<Vec<Spanned<String>>>,
    pub reason: Spanned<String>,
    pub approved_by: Option<Spanned<String>>,
    pub expires: Spanned<TomlDate>,
}

fn unnamed() -> Spanned<String> {
    Spanned::new(0..0, "test".to_string())
}

impl Plan {
    pub fn organization(&self) -> Option<&str> {
        self.header
            .get_ref()
            .organization
            .as_ref()
            .map(|o| o.get_ref().as_str())
    }

    pub fn sector(&self) -> Option<Sector> {
        self.header.get_ref().sector.as_ref().map(|s| *s.get_ref())
    }

    pub fn domicile(&self) -> Option<&str> {
        self.header
            .get_ref()
            .domicile
            .as_ref()
            .map(|d| d.get_ref().as_str())
    }

    /// Who buys: what rules about the buyer read.
    pub fn buyer(&self) -> Buyer<'_> {
        Buyer {
            sector: self.sector(),
            domicile: self.domicile(),
        }
    }

    pub fn as_of(&self) -> Option<Date> {
        self.header.get_ref().as_of.as_ref().map(|d| d.get_ref().0)
    }

    /// The `[plan].policies` entries, if the plan names its packs.
    pub fn policies(&self) -> Option<&[Spanned<String>]> {
        self.header
            .get_ref()
            .policies
            .as_ref()
            .map(|p| p.get_ref().as_slice())
    }

    pub fn deployment(&self, id: &str) -> Option<&Spanned<Deployment>> {
        self.deployments.iter().find(|d| d.get_ref().id() == id)
    }
}

impl Deployment {
    pub fn id(&self) -> &str {
        self.id.get_ref()
    }

    pub fn provider(&self) -> &ProviderId {
        self.provider.get_ref()
    }

    pub fn product(&self) -> &ProductId {
        self.product.get_ref()
    }

    pub fn channel(&self) -> Channel {
        *self.channel.get_ref()
    }

    /// The cloud as written, or the one the channel implies.
    pub fn cloud(&self) -> Cloud {
        self.on
    }

    pub fn region(&self) -> Option<&RegionId> {
        self.region.as_ref().map(|r| r.get_ref())
    }

    pub fn workload(&self) -> Option<&str> {
        self.workload.as_ref().map(|w| w.get_ref().as_str())
    }

    pub fn data(&self) -> Option<&str> {
        self.data.as_ref().map(|d| d.get_ref().as_str())
    }

    pub fn start(&self) -> Option<Date> {
        self.start.as_ref().map(|d| d.get_ref().0)
    }

    pub fn end(&self) -> Option<Date> {
        self.end.as_ref().map(|d| d.get_ref().0)
    }

    /// The term: from `start` (default: the as-of date) to `end` (default: open); `None`
    /// when it ends before it starts.
    pub fn term(&self, as_of: Date) -> Option<Interval> {
        Interval::from_bounds(Some(self.start().unwrap_or(as_of)), self.end())
    }

    /// The span of the value that names the cloud: `cloud`, or the `channel` that implies it.
    pub fn cloud_span(&self) -> Span {
        match &self.cloud {
            Some(c) => c.span(),
            None => self.channel.span(),
        }
    }
}

impl Exception {
    pub fn rule(&self) -> &str {
        self.rule.get_ref()
    }

    pub fn expires(&self) -> Date {
        self.expires.get_ref().0
    }

    /// Whether the exception names this deployment (no list: every deployment).
    pub fn covers(&self, deployment: &str) -> bool {
        match &self.deployments {
            None => true,
            Some(ids) => ids.iter().any(|id| id.get_ref() == deployment),
        }
    }
}
