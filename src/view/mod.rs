//! Views: each turns the engine's one evaluation into what a command shows — `check`'s
//! reports (`check`, `run` for their data), the paths matrix, the timeline, the briefing,
//! `explain`, pack tests and `init`'s starter plan. No view decides a permission itself.

pub mod briefing;
pub mod check;
pub mod explain;
pub mod matrix;
pub mod pack_test;
pub mod paths;
pub mod run;
pub mod starter;
pub mod timeline;
