//! The evaluation contract: for each deployment, its grant, its findings and its decision.
//! The engine reads plans and packs and produces findings; it knows no output format.
//! Whether a path is permitted on a day is decided in one place: `permission.rs`.

mod alternatives;
mod exceptions;
pub mod finding;
mod narrow;
mod outcome;
mod path;
mod permission;
mod plan;
mod subject;

pub(crate) use alternatives::reads_region;
pub use alternatives::{Alternative, alternatives, permitted_regions};
pub use exceptions::{Standing, standing};
pub use finding::{Anchor, ExceptionField, Fact, Field, Finding, Hole, Ungranted};
pub use narrow::{Withheld, Withholding};
pub use outcome::{Decision, DeploymentOutcome, PlanOutcome};
pub use path::{GrantPiece, PathVerdict, evaluate_path};
pub use permission::{Permission, permission_on};
pub use plan::{KEPT_PER_SEVERITY, evaluate_plan};
pub use subject::Subject;
