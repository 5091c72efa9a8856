//! Prometheus rule groups from a policy (`slogate rules`): recording rules
//! for each SLO's events, error ratios, burn rates and remaining budget, and
//! alerting rules for its burn-rate alerts and for every rule of the
//! error-budget policy that PromQL can express — so that what Alertmanager
//! sends and what the panel shows come from one document.
//!
//! # The arithmetic, as the engine's
//!
//! Every number is the engine's own (docs/arithmetic.md) on the data a
//! `query_range` at the rules' evaluation interval S returns, which is
//! what `slogate eval --prometheus` reads (docs/rules.md says it term by
//! term):
//!
//! - `slogate:step_events` holds each role's events of the last interval S:
//!   `rate` kind `Q × S`, `increase` kind `Q` (its range must be S),
//!   `counter` kind `irate((Q)[2S:S]) × S` (the last two points S apart,
//!   a reset counting the new value, as the engine's counter does), each
//!   summed `by` the SLO's `groupBy` labels (a role's series add), and
//!   only where every role of the SLO has data (an interval known for one
//!   role and not the other counts for neither).
//! - `slogate:window_events` sums them over the last W with a range of
//!   `W − S/2`: exactly the W/S intervals ending in (T − W, T], whether the
//!   range is closed at its start (Prometheus 2) or open (Prometheus 3).
//!   No `increase` over W, which extrapolates to the window's edges.
//! - Ratios, burn rates, consumed and remaining budget follow from those
//!   sums; factors and thresholds are written as the engine's report
//!   writes them (the shortest digits of the same double).
//!
//! # What is not exported
//!
//! What PromQL cannot follow is listed in [`Export::not_exported`] with the
//! reason, never approximated: timeslices and threshold SLIs (no slices in
//! PromQL), exclusions (no calendar of removed time), calendar windows'
//! budget terms and burn-rate alerts (the window and the factor B × P / L
//! follow the month), series without a `query`, windows that are not a
//! multiple of the interval, and the rule terms `time_to_exhaustion`,
//! `coverage`, `not` and comparisons of two terms.

mod promql;
mod translate;
mod yaml;

use crate::diagnostic::Location;
use crate::policy::Policy;
use crate::time::{Millis, MINUTE};

pub use translate::{ALERT_BURN, ALERT_POLICY};

/// What `slogate rules` takes besides the policy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// The rule groups' evaluation interval S: the step of the events the
    /// rules sum (every exported window is a multiple of it).
    pub interval: Millis,
}

/// The evaluation interval when none is given: Prometheus' usual 1m.
pub const DEFAULT_INTERVAL: Millis = MINUTE;

impl Default for Options {
    fn default() -> Options {
        Options {
            interval: DEFAULT_INTERVAL,
        }
    }
}

/// One rule group: an SLO's recording and alerting rules, evaluated in
/// order at one instant (later rules read what earlier ones recorded).
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub name: String,
    pub interval: Millis,
    pub rules: Vec<PromRule>,
}

/// One Prometheus rule.
#[derive(Clone, Debug, PartialEq)]
pub enum PromRule {
    Record {
        record: String,
        expr: String,
        labels: Vec<(String, String)>,
    },
    Alert {
        alert: String,
        expr: String,
        /// `for:`, when the alert holds its condition before firing.
        hold: Option<Millis>,
        labels: Vec<(String, String)>,
        annotations: Vec<(String, String)>,
    },
}

/// Something of the policy left out of the rules, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct NotExported {
    /// Where the policy says it.
    pub location: Location,
    /// What: `SLO "x"`, `alert "page" of SLO "x"`, `rule 3 for SLO "x"`.
    pub what: String,
    pub reason: String,
}

impl NotExported {
    /// `FILE:LINE:COL: not exported: WHAT: REASON`, as the CLI prints it.
    pub fn render(&self, file: &str) -> String {
        format!(
            "{file}:{}:{}: not exported: {}: {}",
            self.location.line, self.location.column, self.what, self.reason
        )
    }
}

/// The rules of a policy and what could not be exported.
#[derive(Clone, Debug, PartialEq)]
pub struct Export {
    pub policy: String,
    pub interval: Millis,
    pub groups: Vec<Group>,
    pub not_exported: Vec<NotExported>,
}

impl Export {
    /// The rule file: `groups:` as `promtool check rules` and Prometheus,
    /// Thanos and Mimir rulers read it, under a comment naming the policy.
    pub fn to_yaml(&self) -> String {
        let mut header = vec![
            format!(
                "Prometheus rules of the slogate policy \"{}\", written by slogate {} (slogate rules).",
                self.policy,
                env!("CARGO_PKG_VERSION")
            ),
            format!(
                "Evaluation interval {}: the events are summed per interval. Regenerate rather than edit.",
                crate::time::format_duration(self.interval)
            ),
        ];
        if !self.not_exported.is_empty() {
            header.push(format!(
                "{} part(s) of the policy are not exported (see slogate rules' standard error).",
                self.not_exported.len()
            ));
        }
        yaml::write(&header, &self.groups)
    }
}

/// The rule groups of `policy`: one group per SLO that PromQL can follow.
pub fn export(policy: &Policy, options: &Options) -> Export {
    translate::export(policy, options)
}

#[cfg(test)]
mod tests;
