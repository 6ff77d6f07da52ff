//! Policy packs: agreement terms as data — a catalog of products, dated rules, and
//! informational clauses. Built-in packs are embedded; users add their own.

pub mod builtin;
mod catalog;
mod load;
pub mod matcher;
mod select;
mod source_lint;

pub use catalog::Catalog;
pub use load::load_pack;
pub use matcher::{Attributes, MatchKey, Matcher, Pattern};
pub use select::{PackSet, PackStore, Selection};

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::base::date::{Date, Interval};
use crate::base::diagnostic::{Confidence, Diagnostic, Severity};
use crate::base::ids::{ProductId, ProviderId, RuleCode};
use crate::base::source::{SourceFile, Span};
pub use crate::base::vocab::Kind;
use crate::base::vocab::{Cloud, Sector};

#[derive(Debug, Clone)]
pub struct Pack {
    pub id: String,
    pub version: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    /// Providers whose paths this pack authorises.
    pub governs: Vec<ProviderId>,
    pub sources: Vec<String>,
    /// Who may approve an exception to this pack's codes (`*@domain` for a whole domain).
    pub approvers: Vec<String>,
    pub products: Vec<Product>,
    pub rules: Vec<Rule>,
    pub clauses: Vec<Clause>,
    /// The cases `cloudpact test` runs.
    pub tests: Vec<PackTest>,
    /// What loads but cannot work as written (an allow rule that grants nothing…).
    pub warnings: Vec<Diagnostic>,
    pub origin: Origin,
    pub source: SourceFile,
    /// Unique to this pack as loaded in this process (a changed copy gets a new one), so
    /// results computed from it can be remembered by it.
    pub serial: u64,
    /// Which rules can apply to a provider, so a deployment is checked against those only.
    pub index: RuleIndex,
    /// cloudpact's codes in this pack's namespace (`openai-microsoft/not-permitted`), spelt
    /// once at load rather than for every finding.
    pub codes: Box<[(crate::base::codes::Code, String)]>,
}

/// Rules by the provider their `match` names exactly; rules that name none, a pattern or a
/// prefix are candidates for every provider. Each provider's list holds its own rules and
/// those candidates, merged in pack order once at load, so a lookup neither allocates nor
/// sorts.
#[derive(Debug, Clone, Default)]
pub struct RuleIndex {
    by_provider: foldhash::HashMap<ProviderId, Vec<usize>>,
    any_provider: Vec<usize>,
}

impl RuleIndex {
    pub fn new(rules: &[Rule]) -> Self {
        let mut index = RuleIndex::default();
        for (i, rule) in rules.iter().enumerate() {
            let exact: Option<Vec<&str>> = rule
                .matcher
                .patterns(MatchKey::Provider)
                .and_then(|ps| ps.iter().map(Pattern::exact).collect());
            match exact {
                Some(providers) => {
                    for provider in providers {
                        index
                            .by_provider
                            .entry(ProviderId::new(provider))
                            .or_default()
                            .push(i);
                    }
                }
                None => index.any_provider.push(i),
            }
        }
        for named in index.by_provider.values_mut() {
            named.extend(&index.any_provider);
            named.sort_unstable();
            named.dedup();
        }
        index
    }

    /// The indices of the rules that can apply to the provider's paths, in pack order.
    fn for_provider(&self, provider: &ProviderId) -> &[usize] {
        self.by_provider
            .get(provider)
            .map_or(&self.any_provider[..], Vec::as_slice)
    }
}

/// The next pack serial.
pub fn next_serial() -> u64 {
    static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    Builtin,
    File(PathBuf),
}

#[derive(Debug, Clone)]
pub struct Product {
    pub id: ProductId,
    pub provider: ProviderId,
    pub title: Option<String>,
    pub kind: Kind,
    pub released: Option<Date>,
    /// First date offered on each cloud, where known.
    pub offered: BTreeMap<Cloud, Date>,
    /// Clouds whose operator declined to offer it.
    pub declined: Vec<Cloud>,
    /// The last day it is served anywhere: no grant runs past it.
    pub retired: Option<Date>,
    pub note: Option<String>,
    pub sources: Vec<String>,
    pub span: Span,
}

impl Product {
    pub fn offered_on(&self, cloud: Cloud) -> Option<Date> {
        self.offered.get(&cloud).copied()
    }

    pub fn declined_on(&self, cloud: Cloud) -> bool {
        self.declined.contains(&cloud)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    Allow,
    Deny,
    Warn,
    Advise,
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "allow",
            Effect::Deny => "deny",
            Effect::Warn => "warn",
            Effect::Advise => "advise",
        }
    }

    /// The severity of the finding a deny, warn or advise rule adds.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Effect::Allow => None,
            Effect::Deny => Some(Severity::Error),
            Effect::Warn => Some(Severity::Warning),
            Effect::Advise => Some(Severity::Advice),
        }
    }
}

/// The primary-partner clause: new products are offered first on one cloud.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstOn {
    pub cloud: Cloud,
    pub released_from: Date,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    /// `PACK/RULE`.
    pub code: RuleCode,
    pub effect: Effect,
    pub title: Option<String>,
    pub clause: Option<String>,
    pub from: Option<Date>,
    pub until: Option<Date>,
    pub matcher: Matcher,
    /// The rule does not apply to a path any of these match.
    pub unless: Vec<Matcher>,
    pub first_on: Option<FirstOn>,
    pub requires_offered: bool,
    /// What a term running past an allow rule's grant gets.
    pub on_expiry: Severity,
    pub message: Option<String>,
    pub help: Option<String>,
    pub confidence: Option<Confidence>,
    pub sources: Vec<String>,
    pub span: Span,
}

impl Rule {
    /// The rule's own window, before any narrowing by the catalog.
    pub fn window(&self) -> Interval {
        Interval::from_bounds(self.from, self.until).unwrap_or(Interval::ALWAYS)
    }

    /// Whether the rule is about this path: its `match` matches and no `unless` does.
    pub fn applies_to(&self, subject: &dyn Attributes) -> bool {
        self.matcher.matches(subject) && !self.unless.iter().any(|u| u.matches(subject))
    }

    /// The `unless` tables as text (`cloud = azure or region = eu-*`), if any.
    pub fn unless_text(&self) -> Option<String> {
        (!self.unless.is_empty()).then(|| {
            let parts: Vec<String> = self.unless.iter().map(Matcher::to_string).collect();
            parts.join(" or ")
        })
    }

    /// A short name for messages: the title, else the clause, else the code.
    pub fn name(&self) -> &str {
        self.title
            .as_deref()
            .or(self.clause.as_deref())
            .unwrap_or(&self.code)
    }

    /// The clause for citations: the clause, else the title, else the code.
    pub fn citation(&self) -> &str {
        self.clause
            .as_deref()
            .or(self.title.as_deref())
            .unwrap_or(&self.code)
    }
}

/// A test case the pack carries: a deployment checked on a date, and what it must get.
#[derive(Debug, Clone)]
pub struct PackTest {
    pub name: String,
    pub as_of: Date,
    pub sector: Option<toml::Spanned<Sector>>,
    pub domicile: Option<toml::Spanned<String>>,
    /// Other packs selected with this one: built-in ids or paths relative to the pack file.
    pub packs: Vec<String>,
    /// Products added to the pack's catalog for this case only.
    pub products: Vec<Product>,
    pub deployment: toml::Spanned<crate::input::plan::Deployment>,
    pub decision: crate::base::vocab::Decision,
    pub codes: Vec<String>,
    pub span: Span,
}

/// An informational term: decides no path, recorded for `explain`.
#[derive(Debug, Clone)]
pub struct Clause {
    pub id: String,
    pub code: String,
    pub title: String,
    pub clause: Option<String>,
    pub summary: String,
    pub from: Option<Date>,
    pub until: Option<Date>,
    pub confidence: Option<Confidence>,
    pub sources: Vec<String>,
    pub span: Span,
}

impl Pack {
    pub fn governs(&self, provider: &ProviderId) -> bool {
        self.governs.iter().any(|p| p == provider)
    }

    pub fn product(&self, provider: &ProviderId, product: &ProductId) -> Option<&Product> {
        self.products
            .iter()
            .find(|p| p.id == product && p.provider == provider)
    }

    /// The rules that can apply to the provider's paths, in the pack's order.
    pub fn rules_for<'p>(
        &'p self,
        provider: &ProviderId,
    ) -> impl Iterator<Item = &'p Rule> + use<'p> {
        let indices = self.index.for_provider(provider);
        indices.iter().filter_map(|&i| self.rules.get(i))
    }

    /// Whether `who` may approve an exception to this pack's codes.
    pub fn approves(&self, who: &str) -> bool {
        self.approvers.is_empty()
            || self.approvers.iter().any(|a| match a.strip_prefix('*') {
                Some(suffix) => who.ends_with(suffix),
                None => a == who,
            })
    }

    /// How the pack is named to the user: its id, and the file it came from.
    pub fn location(&self) -> String {
        match &self.origin {
            Origin::Builtin => format!("built-in pack `{}`", self.id),
            Origin::File(_) => format!("pack `{}` ({})", self.id, self.source.name),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_pack_can_take_the_namespace_of_a_fixed_code() {
        for code in crate::base::codes::fixed() {
            let namespace = code.name().split('/').next().unwrap_or_default();
            assert!(
                super::load::RESERVED_PACK_IDS.contains(&namespace),
                "{} is in a namespace a pack could take",
                code.name()
            );
        }
    }
}
