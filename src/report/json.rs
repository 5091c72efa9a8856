//! SPEC §4's JSON, written by hand so that the native CLI and the WebAssembly
//! build produce the same bytes without serde_json in the browser bundle.
//!
//! OWNER: report helper. Numbers are written exactly as JavaScript's
//! `JSON.stringify` writes them (ECMA-262 Number::toString), so a report that
//! went through `JSON.parse`/`JSON.stringify` in a browser is unchanged.

use super::model::Report;

/// The report as compact JSON.
pub fn to_json(report: &Report) -> String {
    let _ = report;
    todo!("report helper")
}

/// The report as JSON indented by two spaces, for terminals and files.
pub fn to_json_pretty(report: &Report) -> String {
    let _ = report;
    todo!("report helper")
}
