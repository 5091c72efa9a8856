//! Builders for policies, series and expressions used by the tests: the
//! policy model is built directly (never through the YAML parser), so these
//! tests exercise only the arithmetic.

#![allow(dead_code)]

use slogate::diagnostic::Location;
use slogate::expr::{Expr, Term};
use slogate::policy::{
    Alert, Budgeting, BurnWindow, CmpOp, Exclusion, Rule, SeriesRef, Sli, Slo, Threshold, Window,
    DEFAULT_LEVELS,
};
use slogate::time::calendar::CalendarUnit;
use slogate::time::zone::Zone;
use slogate::time::{Instant, Millis};
use slogate::{Policy, SeriesKind};

pub fn at(text: &str) -> Instant {
    slogate::time::parse_rfc3339(text).unwrap()
}

pub fn sref(name: &str, kind: SeriesKind) -> SeriesRef {
    SeriesRef {
        name: name.to_string(),
        query: None,
        kind,
    }
}

pub fn good_total(kind: SeriesKind) -> Sli {
    Sli::Ratio {
        good: Some(sref("good", kind)),
        bad: None,
        total: Some(sref("total", kind)),
    }
}

pub fn bad_total(kind: SeriesKind) -> Sli {
    Sli::Ratio {
        good: None,
        bad: Some(sref("bad", kind)),
        total: Some(sref("total", kind)),
    }
}

pub fn good_bad(kind: SeriesKind) -> Sli {
    Sli::Ratio {
        good: Some(sref("good", kind)),
        bad: Some(sref("bad", kind)),
        total: None,
    }
}

pub fn rolling(duration: Millis) -> Window {
    Window::Rolling { duration }
}

pub fn calendar_utc(unit: CalendarUnit) -> Window {
    Window::Calendar {
        unit,
        zone: Zone::utc(),
    }
}

/// An SLO with the documented defaults: occurrences, sliceTarget = objective,
/// forecast window 1h, no groupBy, no alerts, no exclusions.
pub fn slo(name: &str, objective: f64, window: Window, sli: Sli) -> Slo {
    Slo {
        name: name.to_string(),
        description: None,
        objective,
        window,
        budgeting: Budgeting::Occurrences,
        slice: None,
        slice_target: objective,
        forecast_window: slogate::time::HOUR,
        sli,
        group_by: Vec::new(),
        alerting: Vec::new(),
        exclude: Vec::new(),
        location: Location::default(),
    }
}

pub fn timeslices(mut s: Slo, slice: Option<Millis>) -> Slo {
    s.budgeting = Budgeting::Timeslices;
    s.slice = slice;
    s
}

pub fn exclusion(start: Instant, end: Instant) -> Exclusion {
    Exclusion {
        start,
        end,
        rrule: None,
        zone: Zone::utc(),
        reason: Some("test".to_string()),
    }
}

pub fn alert(name: &str, windows: &[(Millis, Millis, f64)]) -> Alert {
    Alert {
        name: name.to_string(),
        severity: name.to_string(),
        windows: windows
            .iter()
            .map(|&(long, short, budget)| BurnWindow {
                long,
                short: Some(short),
                threshold: Threshold::Budget(budget),
            })
            .collect(),
        hold: 0,
    }
}

pub fn policy(name: &str, slos: Vec<Slo>, rules: Vec<Rule>) -> Policy {
    Policy {
        name: name.to_string(),
        service: None,
        labels: Vec::new(),
        slos,
        levels: DEFAULT_LEVELS.iter().map(|l| l.to_string()).collect(),
        rules,
    }
}

/// A rule at the level named `level` of the default levels.
pub fn rule(level: &str, when_text: &str, when: Expr) -> Rule {
    Rule {
        level: DEFAULT_LEVELS.iter().position(|l| *l == level).unwrap(),
        when_text: when_text.to_string(),
        when,
        action: None,
        slos: None,
        location: Location::default(),
    }
}

pub fn num(n: f64) -> Expr {
    Expr::Number(n)
}

pub fn term(t: Term) -> Expr {
    Expr::Term(t)
}

pub fn cmp(l: Expr, op: CmpOp, r: Expr) -> Expr {
    Expr::Compare(Box::new(l), op, Box::new(r))
}

pub fn and(l: Expr, r: Expr) -> Expr {
    Expr::And(Box::new(l), Box::new(r))
}

pub fn or(l: Expr, r: Expr) -> Expr {
    Expr::Or(Box::new(l), Box::new(r))
}

pub fn not(e: Expr) -> Expr {
    Expr::Not(Box::new(e))
}

/// Every number of a report that is NaN or infinite, by its JSON path
/// (docs/arithmetic.md §13: there must be none).
pub fn non_finite_numbers(report: &slogate::Report) -> Vec<String> {
    let mut bad = Vec::new();
    for (i, s) in report.slos.iter().enumerate() {
        let mut check = |what: String, x: Option<f64>| {
            if x.is_some_and(|x| !x.is_finite()) {
                bad.push(format!("slos[{i}].{what} = {x:?}"));
            }
        };
        check("objective".into(), Some(s.objective));
        check("coverage".into(), s.coverage);
        check("sli".into(), s.sli);
        check("budget.allowed".into(), s.budget.allowed);
        check("budget.consumed".into(), s.budget.consumed);
        check("budget.remaining".into(), s.budget.remaining);
        check("budget.remainingRatio".into(), s.budget.remaining_ratio);
        check(
            "timeToExhaustionSeconds".into(),
            s.time_to_exhaustion_seconds,
        );
        for (w, v) in s.burn_rates.iter().chain(&s.consumed_in) {
            check(format!("window {w}"), *v);
        }
        for a in &s.alerts {
            for p in &a.pairs {
                check(format!("alert {} factor", a.name), Some(p.factor));
                check(format!("alert {} longBurn", a.name), p.long_burn);
                check(format!("alert {} shortBurn", a.name), p.short_burn);
            }
        }
        for r in &s.reasons {
            check(format!("reason {}", r.when), r.value);
        }
        for (j, v) in s.burndown.remaining_ratio.iter().enumerate() {
            check(format!("burndown.remainingRatio[{j}]"), *v);
        }
    }
    bad
}
