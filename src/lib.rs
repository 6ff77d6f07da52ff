//! cloudpact checks an enterprise's AI deployment plan against the dated terms of the
//! agreements between model providers and clouds, and against its own procurement rules.
//!
//! The layers, each importing only those before it: [`base`] (vocabulary, codes, dates,
//! diagnostics) → [`input`] (bytes → spanned TOML → schema check → typed plan and packs) →
//! [`engine`] (the one permission evaluation, exceptions: typed facts) → [`words`] (the
//! English of those facts) → [`view`] (check, paths, alternatives, timeline, explain, pack
//! tests) → [`render`] (one renderer per format). The binary (`src/cli`) parses arguments
//! and calls a view and a renderer.

pub mod base;
pub mod engine;
#[cfg(feature = "fuzzing")]
pub mod fuzz_model;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
pub mod input;
pub mod render;
pub mod view;
pub mod words;
