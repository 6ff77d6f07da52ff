//! cloudpact checks an enterprise's AI deployment plan against the dated terms of the
//! agreements between model providers and clouds, and against its own procurement rules.
//!
//! Data flows one way: bytes → spanned TOML ([`document`]) → schema check ([`schema`]) →
//! typed [`plan`] and [`policy`] packs → [`engine`] → findings → diagnostics ([`check`]) →
//! a renderer per format ([`report`]).

pub mod briefing;
pub mod check;
pub mod codes;
pub mod date;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod explain;
#[cfg(feature = "fuzzing")]
pub mod fuzz_model;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
pub mod matrix;
pub mod pack_test;
pub mod plan;
pub mod policy;
pub mod region;
pub mod report;
pub mod run;
pub mod schema;
pub mod source;
pub mod starter;
pub mod terminal;
pub mod timeline;
pub mod vocab;
pub mod walk;
pub mod words;
