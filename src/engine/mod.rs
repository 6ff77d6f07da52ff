//! The evaluation contract: for each deployment, its grant, its findings and its decision.
//! The engine reads plans and packs and produces findings; it knows no output format.

mod exceptions;
pub mod finding;
mod narrow;
mod outcome;
mod path;
mod plan;
mod subject;

pub use finding::{Anchor, ExceptionField, Field, Finding};
pub use outcome::{Decision, DeploymentOutcome, PlanOutcome};
pub(crate) use path::grants_by_region;
pub use path::{Alternatives, GrantPiece, PathVerdict, Withheld, evaluate_path};
pub use plan::evaluate_plan;
pub use subject::Subject;
