//! The policy document: YAML or JSON text in, a validated [`Policy`] out, or
//! diagnostics with line and column.
//!
//! The model and the entry points below are the contract with the rest of
//! the crate; docs/policy.md is the reference of the format they read.

mod decode;
mod fields;
pub mod model;
mod scope;
mod slo;
mod unique;
mod validate;
pub mod yaml;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_needing_time;

pub use model::*;

use crate::diagnostic::{Diagnostic, Diagnostics};

/// A usable policy and the warnings found on the way.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub policy: Policy,
    pub warnings: Vec<Diagnostic>,
}

impl Policy {
    /// Parses YAML or JSON (JSON is read as the YAML subset it is). Any
    /// error makes the whole document unusable: all errors found are returned,
    /// each with line and column.
    ///
    /// Diagnostics come sorted by position; warnings (alert factors that can
    /// never fire or fire too early) travel with the errors or, for a usable
    /// document, in [`Parsed::warnings`]. No input panics.
    pub fn parse(text: &str) -> Result<Parsed, Diagnostics> {
        decode::parse(text)
    }
}

/// Every diagnostic, errors and warnings, for editors (`validate(text)`).
pub fn diagnose(text: &str) -> Vec<Diagnostic> {
    match Policy::parse(text) {
        Ok(parsed) => parsed.warnings,
        Err(Diagnostics(all)) => all,
    }
}

/// The default alert catalog (docs/policy.md, `alerting`): page = {1h/5m 2%, 6h/30m 5%} and
/// ticket = {1d/2h 10%, 3d/6h 10%}. The factors are computed per evaluation
/// from B, P and the long window (14.4, 6, 3, 1 for a 30-day period), never
/// hard-coded. Pairs whose long window exceeds the period P are left out.
pub fn default_alerts(period: crate::time::Millis) -> Vec<Alert> {
    use crate::time::{DAY, HOUR, MINUTE};
    let pair = |long, short, budget| BurnWindow {
        long,
        short: Some(short),
        threshold: Threshold::Budget(budget),
    };
    let catalog = [
        (
            "page",
            vec![
                pair(HOUR, 5 * MINUTE, 0.02),
                pair(6 * HOUR, 30 * MINUTE, 0.05),
            ],
        ),
        (
            "ticket",
            vec![pair(DAY, 2 * HOUR, 0.10), pair(3 * DAY, 6 * HOUR, 0.10)],
        ),
    ];
    // Loops rather than collects: each collect into another Vec is another
    // copy of its helpers in the WebAssembly module.
    let mut alerts = Vec::new();
    for (name, mut windows) in catalog {
        windows.retain(|w| w.long <= period);
        if !windows.is_empty() {
            alerts.push(Alert {
                name: name.to_string(),
                severity: name.to_string(),
                windows,
                hold: 0,
            });
        }
    }
    alerts
}
