//! The report: its JSON (`pkg/report.d.ts`), and a text rendering for terminals (with
//! [`terminal`], the escaping of text from policies and servers that the CLI's
//! messages share).

pub mod json;
pub mod model;
pub mod terminal;
pub mod text;

pub use model::*;
