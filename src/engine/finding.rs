//! What the engine finds, as facts: the dates, the rule, the grant, the narrowing that
//! applied, anchored to the part of the plan it is about rather than to byte offsets. The
//! engine knows plans, not files, formats or English: `words::finding` says each fact.

use std::borrow::Cow;

use crate::base::codes::Code;
use crate::base::date::{Date, Interval};
use crate::base::diagnostic::{Severity, Waiver};
use crate::base::vocab::Cloud;
use crate::engine::narrow::Withheld;
use crate::engine::subject::Subject;
use crate::input::policy::{MatchKey, Pack, Rule};

/// A value of a deployment a finding can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Provider,
    Product,
    Channel,
    Cloud,
    Region,
    Start,
    End,
    Workload,
    Data,
}

/// A value of an exception a finding can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExceptionField {
    Rule,
    Reason,
    ApprovedBy,
    Expires,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// A value of the deployment the finding is about.
    Deployment(Field),
    /// `[plan].sector`.
    Sector,
    /// The `[plan]` table, where a key the plan leaves out would go.
    Header,
    /// A value of the plan's n-th exception.
    Exception(usize, ExceptionField),
}

impl Anchor {
    /// Where a rule's finding points, for the key it is most about.
    pub fn of_key(key: MatchKey) -> Anchor {
        Anchor::Deployment(match key {
            MatchKey::Sector => return Anchor::Sector,
            MatchKey::Provider => Field::Provider,
            MatchKey::Product | MatchKey::Kind => Field::Product,
            MatchKey::Channel => Field::Channel,
            MatchKey::Cloud => Field::Cloud,
            MatchKey::Region | MatchKey::Jurisdiction | MatchKey::Government => Field::Region,
            MatchKey::Workload => Field::Workload,
            MatchKey::Data => Field::Data,
            MatchKey::Domicile => Field::Id,
        })
    }
}

/// Why nothing grants a path on any day of its term.
#[derive(Debug, Clone)]
pub enum Ungranted<'a> {
    /// A grant opens after the term, on `from`, by `rule` where one rule covers that day.
    Later { from: Date, rule: Option<&'a Rule> },
    /// The last grant ended before the term, on `until`.
    Earlier { until: Date, rule: Option<&'a Rule> },
    /// The product was retired on `retired`, before the term: no grant runs past it.
    Retired { retired: Date },
    /// An allow rule applies, but the catalog leaves it no day.
    Withheld(Withheld<'a>),
    /// No allow rule applies at all.
    Nothing,
}

/// Days inside a term that no grant covers, and the rule that grants the day after.
#[derive(Debug, Clone, Copy)]
pub struct Hole<'a> {
    pub days: Interval,
    pub resumed_by: Option<&'a Rule>,
}

/// One thing the engine found; each kind is said by one arm of `words::finding`.
#[derive(Debug, Clone)]
pub enum Fact<'a> {
    /// No selected pack's catalog (the merged catalog) lists the product.
    UnknownProduct {
        pack: &'a Pack,
        subject: Subject<'a>,
        /// The catalog's products of the provider (the one nearest the name given is found
        /// where the finding is put in words, not for every path an evaluation tries).
        known: Vec<&'a str>,
    },
    /// No selected pack governs the provider.
    Ungoverned {
        subject: Subject<'a>,
        selected: Vec<&'a str>,
        /// A built-in pack that governs the provider but is not selected.
        unselected_builtin: Option<&'static str>,
    },
    /// No day of the term is granted.
    NotPermitted {
        pack: &'a Pack,
        subject: Subject<'a>,
        term: Interval,
        why: Ungranted<'a>,
    },
    /// Some days of the term are granted, but not all before the last granted one: the term
    /// starts before the grant does (`late_start`, the first granted day), or has holes.
    NotYetPermitted {
        pack: &'a Pack,
        subject: Subject<'a>,
        term: Interval,
        late_start: Option<Date>,
        holes: Vec<Hole<'a>>,
        /// The rule that opens the path (a late start) or ends its first hole.
        opener: Option<&'a Rule>,
    },
    /// The grant covering the term's start opened on `opened`, by `rule`.
    NewlyPermitted {
        pack: &'a Pack,
        subject: Subject<'a>,
        opened: Date,
        rule: &'a Rule,
    },
    /// The product is retired on `retired`, before the term ends: the grant ends with it.
    ProductRetired {
        pack: &'a Pack,
        subject: Subject<'a>,
        retired: Date,
        term: Interval,
        /// The allow rule that grants the path up to then.
        rule: &'a Rule,
    },
    /// The last grant of the term ends on `ends`, before the term does.
    GrantEnds {
        rule: &'a Rule,
        subject: Subject<'a>,
        ends: Date,
        term: Interval,
    },
    /// A deny, warn or advise rule holds on `holds`, the part of `term` its window covers;
    /// `key` is the value it is most about.
    RuleHolds {
        rule: &'a Rule,
        subject: Subject<'a>,
        holds: Interval,
        term: Interval,
        key: MatchKey,
    },
    /// The plan sets no domicile, and these rules turn on it.
    DomicileUnknown { rules: Vec<&'a str> },
    /// A deployment has more findings of `severity` than are kept.
    FindingsNotShown { hidden: usize, severity: Severity },
    /// The region catalog lists the cloud, but not the region.
    UnknownRegion {
        cloud: Cloud,
        region: &'a str,
        near: Option<&'a str>,
        /// The cloud whose region it is, where it is another's.
        of_cloud: Option<Cloud>,
    },
    /// The term ends before its default start, the as-of date.
    TermEnded { end: Date, as_of: Date },
    /// The plan's `index`-th exception expired before the as-of date.
    ExceptionExpired {
        index: usize,
        rule: &'a str,
        expires: Date,
        as_of: Date,
    },
    /// The exception's pack names approvers, and none of them approved it.
    ExceptionUnapproved {
        index: usize,
        rule: &'a str,
        approved_by: Option<&'a str>,
        pack: &'a Pack,
    },
    /// The exception waives a finding of a deployment whose term runs past its expiry.
    ExceptionEndsFirst {
        index: usize,
        rule: &'a str,
        expires: Date,
    },
    /// The exception waives nothing; `known` whether any selected pack has its code.
    ExceptionUnused {
        index: usize,
        code: &'a str,
        known: bool,
        near: Option<String>,
    },
}

impl<'a> Fact<'a> {
    /// cloudpact's own code for the fact, or none where a pack rule speaks.
    pub fn own(&self) -> Option<Code> {
        Some(match self {
            Fact::UnknownProduct { .. } => Code::UnknownProduct,
            Fact::Ungoverned { .. } => Code::PlanUngovernedProvider,
            Fact::NotPermitted { .. } => Code::NotPermitted,
            Fact::NotYetPermitted { .. } => Code::NotYetPermitted,
            Fact::NewlyPermitted { .. } => Code::NewlyPermitted,
            Fact::ProductRetired { .. } => Code::ProductRetired,
            Fact::GrantEnds { .. } | Fact::RuleHolds { .. } => return None,
            Fact::DomicileUnknown { .. } => Code::PlanDomicileUnknown,
            Fact::FindingsNotShown { .. } => Code::PlanFindingsNotShown,
            Fact::UnknownRegion { .. } => Code::PlanUnknownRegion,
            Fact::TermEnded { .. } => Code::PlanTermEnded,
            Fact::ExceptionExpired { .. } => Code::PlanExceptionExpired,
            Fact::ExceptionUnapproved { .. } => Code::PlanUnapprovedException,
            Fact::ExceptionEndsFirst { .. } => Code::PlanExceptionEndsFirst,
            Fact::ExceptionUnused { .. } => Code::PlanUnusedException,
        })
    }

    /// The pack in whose namespace cloudpact's own code goes (`openai-microsoft/not-permitted`).
    fn namespace(&self) -> Option<&'a Pack> {
        match self {
            Fact::UnknownProduct { pack, .. }
            | Fact::NotPermitted { pack, .. }
            | Fact::NotYetPermitted { pack, .. }
            | Fact::NewlyPermitted { pack, .. }
            | Fact::ProductRetired { pack, .. } => Some(pack),
            _ => None,
        }
    }

    /// The rule the fact cites: its clause, confidence and sources go with the finding.
    pub fn rule(&self) -> Option<&'a Rule> {
        match self {
            Fact::NotPermitted { why, .. } => match why {
                Ungranted::Later { rule, .. } | Ungranted::Earlier { rule, .. } => *rule,
                Ungranted::Withheld(w) => Some(w.rule),
                Ungranted::Retired { .. } | Ungranted::Nothing => None,
            },
            Fact::NotYetPermitted { opener, .. } => *opener,
            Fact::NewlyPermitted { rule, .. }
            | Fact::ProductRetired { rule, .. }
            | Fact::GrantEnds { rule, .. }
            | Fact::RuleHolds { rule, .. } => Some(rule),
            _ => None,
        }
    }

    fn severity(&self) -> Severity {
        match self {
            Fact::GrantEnds { rule, .. } => rule.on_expiry,
            Fact::RuleHolds { rule, .. } => rule.effect.severity().unwrap_or(Severity::Advice),
            Fact::FindingsNotShown { severity, .. } => *severity,
            _ => self.own().map_or(Severity::Advice, Code::severity),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Finding<'a> {
    pub fact: Fact<'a>,
    /// The code exceptions name: a pack rule's, or cloudpact's own in its pack's namespace.
    pub code: Cow<'a, str>,
    pub severity: Severity,
    /// The deployment (by index in the plan) the finding is about; none for the plan's own.
    pub deployment: Option<usize>,
    /// The waiver that made it advice, and the index of the exception that gave it.
    pub waived: Option<(usize, Waiver)>,
}

impl<'a> Finding<'a> {
    pub fn new(fact: Fact<'a>) -> Self {
        let code = match (fact.own(), fact.namespace(), fact.rule()) {
            (Some(own), Some(pack), _) => match pack.codes.iter().find(|(c, _)| *c == own) {
                Some((_, code)) => Cow::Borrowed(code.as_str()),
                None => Cow::Owned(format!("{}/{}", pack.id, own.name())),
            },
            (Some(own), None, _) => Cow::Borrowed(own.name()),
            (None, _, Some(rule)) => Cow::Borrowed(rule.code.as_str()),
            (None, _, None) => Cow::Borrowed(""),
        };
        Finding {
            severity: fact.severity(),
            fact,
            code,
            deployment: None,
            waived: None,
        }
    }

    /// Which of cloudpact's own codes it is; none for a pack rule's finding.
    pub fn own(&self) -> Option<Code> {
        self.fact.own()
    }

    /// The rule it cites.
    pub fn rule(&self) -> Option<&'a Rule> {
        self.fact.rule()
    }

    /// Whether the paths permitted instead belong after its help: it refuses the path where
    /// it stands.
    pub fn suggests_alternatives(&self) -> bool {
        match &self.fact {
            Fact::NotPermitted { .. } => true,
            Fact::NotYetPermitted { late_start, .. } => late_start.is_some(),
            Fact::RuleHolds { rule, .. } => rule.effect.severity() == Some(Severity::Error),
            _ => false,
        }
    }

    /// For news of a path's opening, the day it opened: whether it is still news depends
    /// on the as-of date.
    pub fn opened(&self) -> Option<Date> {
        match self.fact {
            Fact::NewlyPermitted { opened, .. } => Some(opened),
            _ => None,
        }
    }
}
