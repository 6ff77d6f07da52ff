//! What the engine finds, anchored to the part of the plan it is about rather than to
//! byte offsets: the engine knows plans, not files or formats.

use crate::codes::Code;
use crate::diagnostic::{Confidence, Severity, Waiver};

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: String,
    /// Which of cloudpact's own codes it is; none for a pack rule's finding.
    pub own: Option<Code>,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// Where to point and what to say there; the first is the primary place.
    pub anchors: Vec<(Anchor, String)>,
    /// The deployment (by index in the plan) the finding is about; none for the plan's own.
    pub deployment: Option<usize>,
    pub clause: Option<String>,
    pub confidence: Option<Confidence>,
    pub sources: Vec<String>,
    pub waived: Option<Waiver>,
    /// Whether the paths permitted instead belong after its help: it refuses the path.
    pub suggests_alternatives: bool,
    /// For news of a path's opening (newly-permitted), the day it opened: whether it is
    /// still news depends on the as-of date.
    pub opened: Option<crate::date::Date>,
}

impl Finding {
    pub fn new(code: impl Into<String>, severity: Severity, message: impl Into<String>) -> Self {
        Finding {
            code: code.into(),
            own: None,
            severity,
            message: message.into(),
            help: None,
            anchors: Vec::new(),
            deployment: None,
            clause: None,
            confidence: None,
            sources: Vec::new(),
            waived: None,
            suggests_alternatives: false,
            opened: None,
        }
    }

    /// A finding of one of cloudpact's own codes, in `pack`'s namespace where it has one,
    /// with the code's severity.
    pub fn own(code: Code, pack: Option<&str>, message: impl Into<String>) -> Self {
        let name = match pack {
            Some(pack) => format!("{pack}/{}", code.name()),
            None => code.name().to_string(),
        };
        Finding {
            own: Some(code),
            ..Finding::new(name, code.severity(), message)
        }
    }

    pub fn at(mut self, anchor: Anchor, label: impl Into<String>) -> Self {
        self.anchors.push((anchor, label.into()));
        self
    }

    pub fn at_field(self, field: Field, label: impl Into<String>) -> Self {
        self.at(Anchor::Deployment(field), label)
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn optional_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn opened_on(mut self, day: crate::date::Date) -> Self {
        self.opened = Some(day);
        self
    }

    pub fn suggesting_alternatives(mut self) -> Self {
        self.suggests_alternatives = true;
        self
    }

    /// Cite a rule: its clause (if it names one), confidence and sources.
    pub fn citing(mut self, rule: &crate::policy::Rule) -> Self {
        self.clause = rule.clause.clone();
        self.confidence = rule.confidence;
        self.sources = rule.sources.clone();
        self
    }
}
