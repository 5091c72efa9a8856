//! The report: SPEC §4's JSON, and a text rendering for terminals.

pub mod json;
pub mod model;
pub mod text;

pub use model::*;
