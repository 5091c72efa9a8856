//! The policy document after parsing and validation: every default applied,
//! every duration in milliseconds, every percentage a fraction.

use crate::diagnostic::Location;
pub use crate::expr::CmpOp;
use crate::expr::Expr;
use crate::series::SeriesKind;
use crate::time::calendar::CalendarUnit;
use crate::time::rrule::RRule;
use crate::time::zone::Zone;
use crate::time::{Instant, Millis};

/// A whole `ServiceLevelPolicy` document.
#[derive(Clone, Debug)]
pub struct Policy {
    /// `metadata.name`
    pub name: String,
    /// `metadata.service`
    pub service: Option<String>,
    /// `metadata.labels`, in document order.
    pub labels: Vec<(String, String)>,
    pub slos: Vec<Slo>,
    /// `spec.policy.levels`, least severe first; never empty (default
    /// `[healthy, warning, freeze, breach]`... see [`DEFAULT_LEVELS`]).
    pub levels: Vec<String>,
    pub rules: Vec<Rule>,
}

/// Levels used when a document has no `spec.policy.levels`.
pub const DEFAULT_LEVELS: [&str; 4] = ["healthy", "warning", "freeze", "breach"];

/// One SLO (`spec.slos[i]`), with `spec.defaults` applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Slo {
    pub name: String,
    pub description: Option<String>,
    /// A fraction in (0, 1), e.g. 0.999.
    pub objective: f64,
    pub window: Window,
    pub budgeting: Budgeting,
    /// Timeslices: slice length; `None` = the data's step.
    pub slice: Option<Millis>,
    /// Timeslices with a ratio SLI: a slice is good iff its ratio >= this.
    /// Already defaulted to `objective`.
    pub slice_target: f64,
    /// Burn-rate window behind time to exhaustion (default 1h).
    pub forecast_window: Millis,
    pub sli: Sli,
    pub group_by: Vec<String>,
    /// The alerts to evaluate: the document's `alerting`, or the default
    /// catalog ([`default_alerts`](crate::policy::default_alerts)) when absent.
    pub alerting: Vec<Alert>,
    pub exclude: Vec<Exclusion>,
    /// Where `spec.slos[i]` starts, for messages.
    pub location: Location,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Window {
    /// `(T - duration, T]`; P = duration.
    Rolling { duration: Millis },
    /// From the start of the current calendar unit in `zone` to T.
    Calendar { unit: CalendarUnit, zone: Zone },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Budgeting {
    Occurrences,
    Timeslices,
}

impl Budgeting {
    pub fn as_str(self) -> &'static str {
        match self {
            Budgeting::Occurrences => "occurrences",
            Budgeting::Timeslices => "timeslices",
        }
    }
}

/// A reference to a series: the name the host supplies it under, the query
/// that produces it, and what its samples mean.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesRef {
    pub name: String,
    pub query: Option<String>,
    pub kind: SeriesKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Sli {
    /// Exactly two of good, bad, total are `Some`.
    Ratio {
        good: Option<SeriesRef>,
        bad: Option<SeriesRef>,
        total: Option<SeriesRef>,
    },
    /// A slice is good iff every sample in it satisfies `value op threshold`.
    Threshold {
        series: SeriesRef,
        op: CmpOp,
        value: f64,
    },
}

/// A multi-window, multi-burn-rate alert.
#[derive(Clone, Debug, PartialEq)]
pub struct Alert {
    pub name: String,
    pub severity: String,
    pub windows: Vec<BurnWindow>,
    /// `for`: how long the condition must hold before the alert fires
    /// (docs/arithmetic.md §10); 0 = at once.
    pub hold: Millis,
}

/// `{long, short, budget}`: fires iff both burn rates exceed B × P / long.
/// Without `short`, a single-window alert: fires iff burn_rate(long) > f.
/// With `factor: F` instead of `budget`, f is F for every period (a
/// constant factor on a calendar month).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BurnWindow {
    pub long: Millis,
    /// `None`: a single window, the long one.
    pub short: Option<Millis>,
    pub threshold: Threshold,
}

/// What a pair's burn-rate factor is written as.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Threshold {
    /// Share of the period's budget, e.g. 0.02: f = B × P / long.
    Budget(f64),
    /// The factor itself, whatever the period's length.
    Factor(f64),
}

impl BurnWindow {
    /// The pair's burn-rate factor for a period of length `period`:
    /// `f = B × P / long` (docs/arithmetic.md §10), or the fixed factor.
    /// The pair fires when its burn rates exceed it.
    pub fn factor(&self, period: Millis) -> f64 {
        match self.threshold {
            Threshold::Budget(b) => b * period as f64 / self.long as f64,
            Threshold::Factor(f) => f,
        }
    }

    /// The share of the period's budget the pair stands for: B, or for a
    /// fixed factor F × long / P (so it changes with the month's length).
    pub fn budget(&self, period: Millis) -> f64 {
        match self.threshold {
            Threshold::Budget(b) => b,
            Threshold::Factor(f) => f * self.long as f64 / period as f64,
        }
    }

    /// The windows whose burn rates the pair reads: long, and short if any.
    pub fn windows(&self) -> impl Iterator<Item = Millis> {
        std::iter::once(self.long).chain(self.short)
    }
}

/// Time removed from the SLO, good and bad alike.
#[derive(Clone, Debug, PartialEq)]
pub struct Exclusion {
    /// First occurrence, `[start, end)`.
    pub start: Instant,
    pub end: Instant,
    /// Repeats the first occurrence; expanded in `zone`.
    pub rrule: Option<RRule>,
    /// Wall clock of the recurrence (`timeZone`, default UTC).
    pub zone: Zone,
    pub reason: Option<String>,
}

/// One rule of the error-budget policy.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// Index into [`Policy::levels`].
    pub level: usize,
    /// The expression as written, for reports.
    pub when_text: String,
    pub when: Expr,
    pub action: Option<String>,
    /// `slos`: the indices into [`Policy::slos`] of the SLOs the rule
    /// applies to, ascending; `None`: every SLO.
    pub slos: Option<Vec<usize>>,
    pub location: Location,
}

impl Rule {
    /// Whether the rule applies to SLO `index` of the policy.
    pub fn applies_to(&self, index: usize) -> bool {
        match &self.slos {
            None => true,
            Some(slos) => slos.binary_search(&index).is_ok(),
        }
    }
}
