//! The renderers: a `Stream` per `check` format, and the renderers of `paths`, `report`,
//! `explain`, `policies` and `test`. Each reads a view's result; none calls the engine.

pub mod escape;
pub mod explain;
mod footer;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod pack_test;
pub mod paths;
pub mod policies;
pub mod sarif;
mod snippet;

pub(crate) use crate::view::run::plural;
pub use crate::view::run::{
    DeploymentRow, FileReport, PackRef, RunReport, Stream, Summary, Totals, explain_all,
};
