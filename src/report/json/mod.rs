//! The report's JSON (its shape is declared in `pkg/report.d.ts`, checked
//! against real reports by `tsc`), written by hand so that the native CLI and the WebAssembly
//! build produce the same bytes without serde_json in the browser bundle.
//!
//! Numbers are written exactly as JavaScript's `JSON.stringify` writes them
//! (ECMA-262 `Number::toString`, `crate::decimal::format_number`), so a
//! report that went through `JSON.parse`/`JSON.stringify` in a browser is
//! unchanged byte for byte. The pretty form matches
//! `JSON.stringify(report, null, 2)` for the same reason.
//!
//! Two parts: `shape` owns what the report's JSON holds (keys in the declared order),
//! `writer` how JSON is laid out (commas, indentation, escapes, digits). The
//! report is written straight into one buffer: no intermediate tree, since in
//! the WebAssembly build every small allocation costs, and a report has a
//! thousand values.

mod shape;
mod writer;

pub use shape::{to_json, to_json_pretty};
pub use writer::string_literal;

#[cfg(test)]
pub(crate) use shape::tests::sample;
