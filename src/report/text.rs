//! The report as an SRE reads it in a terminal: the verdict and its reasons
//! first, then the numbers, aligned.
//!
//! OWNER: report helper.

use super::model::Report;

/// Plain text; `color` adds ANSI colours to the levels.
pub fn to_text(report: &Report, color: bool) -> String {
    let _ = (report, color);
    todo!("report helper")
}
