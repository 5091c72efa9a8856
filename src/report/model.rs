//! What an evaluation answers. Field names follow `pkg/report.d.ts` (camelCase in JSON).
//! `None` is *no data* and renders as `null`: never NaN, never a made-up 100%.

use crate::time::{Instant, Millis};

/// The whole report of one policy at one instant.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub policy: String,
    pub at: Instant,
    /// The worst level of all SLO instances.
    pub level: String,
    /// The policy's levels, least severe first: a host ranks a level by its
    /// place here, never by its name.
    pub levels: Vec<String>,
    pub slos: Vec<SloReport>,
}

/// A level's rank among `levels` (the policy's, least severe first): its
/// place there, 0 for the least severe; `None` for a name that is no level.
/// The one definition of "worse" for the engine, the renderers and the CLI.
pub fn level_rank(levels: &[String], level: &str) -> Option<usize> {
    levels.iter().position(|l| l == level)
}

/// One SLO instance (one per `groupBy` label set).
#[derive(Clone, Debug, PartialEq)]
pub struct SloReport {
    pub name: String,
    /// The `groupBy` labels of this instance, in `groupBy` order.
    pub group: Vec<(String, String)>,
    pub objective: f64,
    pub window: WindowReport,
    pub coverage: Option<f64>,
    pub sli: Option<f64>,
    pub budget: BudgetReport,
    /// Burn rate per window, shortest window first.
    pub burn_rates: Vec<(Millis, Option<f64>)>,
    /// `consumed(W)` per window a rule names, shortest first.
    pub consumed_in: Vec<(Millis, Option<f64>)>,
    pub alerts: Vec<AlertReport>,
    /// The window whose burn rate forecasts exhaustion (docs/arithmetic.md
    /// §9); its burn rate is among `burn_rates`.
    pub forecast_window: Millis,
    /// `None` = never (burn rate 0) or no data.
    pub time_to_exhaustion_seconds: Option<f64>,
    pub level: String,
    pub reasons: Vec<Reason>,
    pub burndown: Burndown,
    /// The level and firing alerts at each burn-down point, run-length
    /// encoded: consecutive points with the same level, matched rules and
    /// firing alerts share one segment.
    pub timeline: Vec<Segment>,
    pub warnings: Vec<Warning>,
}

/// Something the numbers of an SLO instance rest on that a reader should
/// know: the message in full, and its kind for a host that acts on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub kind: WarningKind,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarningKind {
    /// Known time is below 90% of the window (docs/arithmetic.md §8).
    LowCoverage,
    /// A window a rule or an alert names reaches before the data starts.
    WindowBeforeData,
    /// A window a rule or an alert names has no data at all.
    WindowWithoutData,
    /// A window a rule or an alert names is shorter than a timeslice.
    WindowShorterThanSlice,
    /// Intervals with negative events, counted as 0 (§2).
    NegativeEvents,
}

impl WarningKind {
    /// The name in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::LowCoverage => "low-coverage",
            WarningKind::WindowBeforeData => "window-before-data",
            WarningKind::WindowWithoutData => "window-without-data",
            WarningKind::WindowShorterThanSlice => "window-shorter-than-slice",
            WarningKind::NegativeEvents => "negative-events",
        }
    }
}

impl Warning {
    pub fn new(kind: WarningKind, message: impl Into<String>) -> Warning {
        Warning {
            kind,
            message: message.into(),
        }
    }
}

/// A stretch of burn-down points `(from, to]` at one level: the points
/// after `from` up to and including `to` (`from` is the previous segment's
/// `to`, or the window start for the first).
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub from: Instant,
    pub to: Instant,
    pub level: String,
    /// The `when` of every rule that matched, in document order.
    pub reasons: Vec<String>,
    /// The alerts that fired, in document order.
    pub alerts: Vec<String>,
    /// The alerts pending (firing, but not yet for their hold time), in
    /// document order.
    pub pending: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WindowReport {
    pub start: Instant,
    pub end: Instant,
    /// The period's full length P in seconds.
    pub period_seconds: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BudgetUnit {
    Events,
    Seconds,
}

impl BudgetUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            BudgetUnit::Events => "events",
            BudgetUnit::Seconds => "seconds",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct BudgetReport {
    pub unit: BudgetUnit,
    pub allowed: Option<f64>,
    pub consumed: Option<f64>,
    pub remaining: Option<f64>,
    pub remaining_ratio: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AlertReport {
    pub name: String,
    pub severity: String,
    /// Whether the alert fires: some pair fires, and has for its hold time
    /// (docs/arithmetic.md §10).
    pub firing: bool,
    /// `for`: the hold time; 0 for none.
    pub hold: Millis,
    /// Pending: some pair fires, not yet for the hold time; since when (the
    /// first instant of the unbroken run). `None` when firing or inactive.
    pub pending_since: Option<Instant>,
    pub pairs: Vec<PairReport>,
}

impl AlertReport {
    /// Prometheus' word for the alert's state: `inactive`, `pending` (its
    /// condition holds, not yet for its hold time) or `firing`.
    pub fn state(&self) -> &'static str {
        match (self.firing, self.pending_since) {
            (true, _) => "firing",
            (false, Some(_)) => "pending",
            (false, None) => "inactive",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PairReport {
    pub long: Millis,
    /// `None`: a single-window alert.
    pub short: Option<Millis>,
    /// Budget share B of the pair (for a fixed factor F, F × long / P).
    pub budget: f64,
    /// f = B × P / long, or the fixed factor.
    pub factor: f64,
    /// Whether the factor was written (`factor: F`) rather than the budget.
    pub fixed_factor: bool,
    pub long_burn: Option<f64>,
    /// `None` for no data, and for a single-window alert.
    pub short_burn: Option<f64>,
    pub firing: bool,
}

/// A matched rule and the value that matched.
#[derive(Clone, Debug, PartialEq)]
pub struct Reason {
    pub level: String,
    pub when: String,
    pub value: Option<f64>,
    pub action: Option<String>,
}

/// Remaining budget ratio over the window, at most 500 points.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Burndown {
    /// Epoch milliseconds.
    pub t: Vec<Instant>,
    pub remaining_ratio: Vec<Option<f64>>,
    /// Burn rate per window at each point of `t` (docs/arithmetic.md §12),
    /// the windows of the report's `burn_rates` in their order; empty unless
    /// asked for ([`crate::eval::History::burn_rates`]).
    pub burn_rates: Vec<(Millis, Vec<Option<f64>>)>,
}

#[cfg(test)]
mod tests {
    use super::level_rank;

    #[test]
    fn a_level_ranks_by_its_place() {
        let levels: Vec<String> = ["healthy", "warning", "freeze"].map(String::from).into();
        assert_eq!(level_rank(&levels, "healthy"), Some(0));
        assert_eq!(level_rank(&levels, "freeze"), Some(2));
        assert_eq!(level_rank(&levels, "FREEZE"), None);
    }
}
