//! What the evaluation gives: a decision per deployment, with its findings, and a plan's
//! outcome. Its own file so that exceptions (which rewrite outcomes) and the plan
//! evaluation (which applies exceptions) both import it and not each other.

use crate::base::date::{Date, Interval};
use crate::base::diagnostic::Severity;
pub use crate::base::vocab::Decision;
use crate::engine::finding::Finding;

/// How a deployment's decision follows from its findings.
impl Decision {
    /// denied on any error, conditional on warnings only, allowed otherwise.
    pub fn of<'f, 'a: 'f>(findings: impl IntoIterator<Item = &'f Finding<'a>>) -> Decision {
        findings
            .into_iter()
            .map(|f| match f.severity {
                Severity::Error => Decision::Denied,
                Severity::Warning => Decision::Conditional,
                Severity::Advice => Decision::Allowed,
            })
            .max()
            .unwrap_or(Decision::Allowed)
    }
}

#[derive(Debug, Clone)]
pub struct DeploymentOutcome<'a> {
    /// The term evaluated; `None` when it ends before its default start.
    pub term: Option<Interval>,
    pub decision: Decision,
    pub findings: Vec<Finding<'a>>,
}

#[derive(Debug, Clone)]
pub struct PlanOutcome<'a> {
    pub as_of: Date,
    /// One per deployment, in the plan's order.
    pub deployments: Vec<DeploymentOutcome<'a>>,
    /// Findings about the plan itself (exceptions).
    pub findings: Vec<Finding<'a>>,
}
