//! The bottom layer, which every other imports: the closed vocabulary, cloudpact's own
//! diagnostic codes, dates and intervals, files and their line index, the diagnostic every
//! layer reports with, what text may reach a terminal, and the run's memo of pure answers.

pub mod codes;
pub mod date;
pub mod diagnostic;
pub mod ids;
pub mod memo;
pub mod source;
pub mod terminal;
pub mod vocab;
