//! `match` and `unless` tables: which paths a rule is about.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

/// The attributes of a path a rule can match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKey {
    Provider,
    Product,
    Kind,
    Channel,
    Cloud,
    Region,
    Jurisdiction,
    Government,
    Sector,
    Domicile,
    Workload,
    Data,
}

impl MatchKey {
    pub const ALL: [MatchKey; 12] = [
        MatchKey::Provider,
        MatchKey::Product,
        MatchKey::Kind,
        MatchKey::Channel,
        MatchKey::Cloud,
        MatchKey::Region,
        MatchKey::Jurisdiction,
        MatchKey::Government,
        MatchKey::Sector,
        MatchKey::Domicile,
        MatchKey::Workload,
        MatchKey::Data,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MatchKey::Provider => "provider",
            MatchKey::Product => "product",
            MatchKey::Kind => "kind",
            MatchKey::Channel => "channel",
            MatchKey::Cloud => "cloud",
            MatchKey::Region => "region",
            MatchKey::Jurisdiction => "jurisdiction",
            MatchKey::Government => "government",
            MatchKey::Sector => "sector",
            MatchKey::Domicile => "domicile",
            MatchKey::Workload => "workload",
            MatchKey::Data => "data",
        }
    }

    pub fn parse(name: &str) -> Option<MatchKey> {
        MatchKey::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// Anything a rule can be matched against: a deployment's path, or a cell of the paths matrix.
pub trait Attributes {
    fn attribute(&self, key: MatchKey) -> Option<&str>;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// `"*"`: any value, or none.
    Any,
    /// `"eu-*"`: a value starting with the prefix.
    Prefix(String),
    Exact(String),
}

impl Pattern {
    pub fn parse(text: &str) -> Pattern {
        if text == "*" {
            Pattern::Any
        } else if let Some(prefix) = text.strip_suffix('*') {
            Pattern::Prefix(prefix.to_string())
        } else {
            Pattern::Exact(text.to_string())
        }
    }

    pub fn matches(&self, value: Option<&str>) -> bool {
        match self {
            Pattern::Any => true,
            Pattern::Prefix(prefix) => value.is_some_and(|v| v.starts_with(prefix.as_str())),
            Pattern::Exact(exact) => value == Some(exact.as_str()),
        }
    }

    /// The one value this pattern names, if it names exactly one.
    pub fn exact(&self) -> Option<&str> {
        match self {
            Pattern::Exact(v) => Some(v),
            _ => None,
        }
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pattern::Any => f.write_str("*"),
            Pattern::Prefix(p) => write!(f, "{p}*"),
            Pattern::Exact(e) => f.write_str(e),
        }
    }
}

/// Every condition must hold; a condition holds when any of its patterns matches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matcher {
    pub conditions: Vec<(MatchKey, Vec<Pattern>)>,
}

impl Matcher {
    pub fn matches(&self, subject: &dyn Attributes) -> bool {
        self.conditions.iter().all(|(key, patterns)| {
            let value = subject.attribute(*key);
            patterns.iter().any(|p| p.matches(value))
        })
    }

    /// Whether every condition on a key outside `keys` holds: the conditions on `keys` are
    /// left open, as for a subject whose `keys` are yet to be chosen.
    pub fn matches_apart_from(&self, subject: &dyn Attributes, keys: &[MatchKey]) -> bool {
        self.conditions
            .iter()
            .filter(|(key, _)| !keys.contains(key))
            .all(|(key, patterns)| {
                let value = subject.attribute(*key);
                patterns.iter().any(|p| p.matches(value))
            })
    }

    pub fn patterns(&self, key: MatchKey) -> Option<&[Pattern]> {
        self.conditions
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, p)| p.as_slice())
    }

    pub fn keys(&self) -> impl Iterator<Item = MatchKey> + '_ {
        self.conditions.iter().map(|(k, _)| *k)
    }

    pub fn is_empty(&self) -> bool {
        self.conditions.is_empty()
    }
}

impl fmt::Display for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.conditions.is_empty() {
            return f.write_str("every path");
        }
        for (i, (key, patterns)) in self.conditions.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            let values: Vec<String> = patterns.iter().map(Pattern::to_string).collect();
            match values.as_slice() {
                [one] => write!(f, "{} = {one}", key.as_str())?,
                _ => write!(f, "{} in [{}]", key.as_str(), values.join(", "))?,
            }
        }
        Ok(())
    }
}

/// A value or a list of values, as written in a pack; `government` takes a boolean.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum OneOrMany {
    One(String),
    Many(Vec<String>),
    Flag(bool),
}

/// `unless` as written: one table, or a list of tables any of which excludes the path.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum RawUnless {
    One(RawMatch),
    Many(Vec<RawMatch>),
}

impl RawUnless {
    pub fn build(&self) -> Vec<Matcher> {
        match self {
            RawUnless::One(m) => vec![m.build()],
            RawUnless::Many(ms) => ms.iter().map(RawMatch::build).collect(),
        }
    }
}

/// A `match` or `unless` table as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(transparent)]
pub(crate) struct RawMatch(pub BTreeMap<String, OneOrMany>);

impl RawMatch {
    /// Keys come validated by the schema; an unknown one is skipped rather than trusted.
    pub fn build(&self) -> Matcher {
        let mut conditions: Vec<(MatchKey, Vec<Pattern>)> = self
            .0
            .iter()
            .filter_map(|(name, values)| {
                let key = MatchKey::parse(name)?;
                let patterns = match values {
                    OneOrMany::One(v) => vec![Pattern::parse(v)],
                    OneOrMany::Many(vs) => vs.iter().map(|v| Pattern::parse(v)).collect(),
                    OneOrMany::Flag(b) => vec![Pattern::Exact(b.to_string())],
                };
                Some((key, patterns))
            })
            .collect();
        conditions.sort_by_key(|(k, _)| *k);
        Matcher { conditions }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Path(&'static [(MatchKey, &'static str)]);
    impl Attributes for Path {
        fn attribute(&self, key: MatchKey) -> Option<&str> {
            self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
        }
    }

    fn matcher(conditions: &[(MatchKey, &[&str])]) -> Matcher {
        Matcher {
            conditions: conditions
                .iter()
                .map(|(k, ps)| (*k, ps.iter().map(|p| Pattern::parse(p)).collect()))
                .collect(),
        }
    }

    #[test]
    fn every_key_must_match_and_any_value_may() {
        let path = Path(&[
            (MatchKey::Provider, "openai"),
            (MatchKey::Cloud, "aws"),
            (MatchKey::Region, "eu-west-1"),
        ]);
        assert!(matcher(&[(MatchKey::Provider, &["openai"])]).matches(&path));
        assert!(matcher(&[(MatchKey::Cloud, &["gcp", "aws"])]).matches(&path));
        assert!(
            !matcher(&[
                (MatchKey::Provider, &["openai"]),
                (MatchKey::Cloud, &["azure"])
            ])
            .matches(&path)
        );
        assert!(matcher(&[(MatchKey::Region, &["eu-*"])]).matches(&path));
        assert!(!matcher(&[(MatchKey::Region, &["us-*"])]).matches(&path));
        assert!(matcher(&[]).matches(&path));
    }

    #[test]
    fn a_missing_attribute_matches_only_any() {
        let path = Path(&[(MatchKey::Provider, "openai")]);
        assert!(!matcher(&[(MatchKey::Region, &["eu-*"])]).matches(&path));
        assert!(!matcher(&[(MatchKey::Data, &["confidential"])]).matches(&path));
        assert!(matcher(&[(MatchKey::Region, &["*"])]).matches(&path));
    }
}
