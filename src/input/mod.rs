//! Input: bytes to typed plans and packs. A file is bounded and parsed once (`document`),
//! checked against its JSON Schema (`schema`) and read as a plan (`plan`) or a policy pack
//! (`policy`); `region` is the region catalog, `walk` finds the files to check.

pub mod document;
pub mod plan;
pub mod policy;
pub mod region;
pub mod schema;
pub mod walk;
