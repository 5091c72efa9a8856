//! Hand-worked cases: a policy, data, an instant, and what the report must
//! say, with the arithmetic in comments. `tests/hand_worked.rs` checks them
//! against the engine, `tests/reference_selfcheck.rs` against the reference.

#![allow(dead_code)]

use slogate::expr::Term;
use slogate::policy::{default_alerts, CmpOp};
use slogate::report::model::{BudgetUnit, SloReport};
use slogate::time::calendar::CalendarUnit;
use slogate::time::{Instant, Millis, DAY, HOUR, MINUTE, SECOND};
use slogate::{DataSet, Policy, Report, Series, SeriesKind};

use crate::support::*;

pub struct Case {
    pub policy: Policy,
    pub data: DataSet,
    pub at: Instant,
    pub check: fn(&Report),
}

impl Case {
    pub fn check_with(&self, evaluate: impl Fn(&Policy, &DataSet, Instant) -> Report) {
        let report = evaluate(&self.policy, &self.data, self.at);
        (self.check)(&report);
    }
}

/// `actual` is `expected` within 1e-9 relative (absolute near 0).
#[track_caller]
pub fn approx(actual: Option<f64>, expected: f64) {
    let a = actual.unwrap_or_else(|| panic!("expected {expected}, got no data"));
    assert!(
        (a - expected).abs() <= 1e-9 * expected.abs().max(1.0),
        "expected {expected}, got {a}"
    );
}

pub fn burn(slo: &SloReport, w: Millis) -> Option<f64> {
    slo.burn_rates
        .iter()
        .find(|(x, _)| *x == w)
        .unwrap_or_else(|| panic!("no burn rate for {w} ms in {:?}", slo.burn_rates))
        .1
}

pub fn consumed_in(slo: &SloReport, w: Millis) -> Option<f64> {
    slo.consumed_in
        .iter()
        .find(|(x, _)| *x == w)
        .expect("consumedIn window")
        .1
}

/// A series sampled every `step` from `from` to `to` inclusive; `value(t)`
/// gives the value at t, or `None` for no sample there.
pub fn sampled(
    name: &str,
    from: Instant,
    to: Instant,
    step: Millis,
    value: impl Fn(Instant) -> Option<f64>,
) -> Series {
    let mut times = Vec::new();
    let mut values = Vec::new();
    let mut t = from;
    while t <= to {
        if let Some(v) = value(t) {
            times.push(t);
            values.push(v);
        }
        t += step;
    }
    Series::new(name, times, values)
}

fn data(series: Vec<Series>) -> DataSet {
    DataSet { series }
}

// ---------------------------------------------------------------------------

/// MTOS seed, appendix example 1: February 2026, 99.9%, 1-minute timeslices,
/// outages of 15 + 8 + 5 = 28 minutes, evaluated at 2026-02-28T23:59:00Z.
///
/// - P = 28 d = 2 419 200 s; allowed = 0.001 × 2 419 200 = 2419.2 s (40.32 min).
/// - consumed = 28 bad slices × 60 s = 1680 s; remaining = 739.2 s (12.32 min);
///   remainingRatio = 739.2 / 2419.2 = 0.305555… (the seed's "30.6%").
/// - The window (Feb 1 00:00, Feb 28 23:59] holds 40 319 one-minute slices, all
///   with data: SLI = (40 319 − 28) / 40 319. (The seed divides by 40 320, the
///   whole month; at 23:59 the last minute has not happened yet.)
/// - No bad minute in the last hour: burn_rate(1h) = 0 ⇒ time to exhaustion
///   is "never" (null).
pub fn feb_2026_timeslices() -> Case {
    let from = at("2026-02-01T00:00:00Z");
    let to = at("2026-02-28T23:59:00Z");
    let outages = [
        (at("2026-02-05T10:00:00Z"), 15), // database restart
        (at("2026-02-15T14:00:00Z"), 8),  // deployment rollback
        (at("2026-02-20T03:00:00Z"), 5),  // network issue
    ];
    // `increase` samples: one request per minute; the minute ending at t is
    // bad when t lies in (start, start + n minutes].
    let bad = move |t: Instant| outages.iter().any(|&(s, n)| s < t && t <= s + n * MINUTE);
    let mut s = timeslices(
        slo(
            "task-availability",
            0.999,
            calendar_utc(CalendarUnit::Month),
            good_total(SeriesKind::Increase),
        ),
        Some(MINUTE),
    );
    s.alerting = default_alerts(28 * DAY);
    let rules = vec![rule(
        "warning",
        "remaining < 50%",
        cmp(term(Term::Remaining), CmpOp::Lt, num(0.5)),
    )];
    Case {
        policy: policy("mtos-tasks", vec![s], rules),
        data: data(vec![
            sampled("good", from, to, MINUTE, |t| {
                Some(if bad(t) { 0.0 } else { 1.0 })
            }),
            sampled("total", from, to, MINUTE, |_| Some(1.0)),
        ]),
        at: to,
        check: |r| {
            let s = &r.slos[0];
            assert_eq!(s.window.start, at("2026-02-01T00:00:00Z"));
            assert_eq!(s.window.end, at("2026-02-28T23:59:00Z"));
            approx(Some(s.window.period_seconds), 2_419_200.0);
            assert_eq!(s.budget.unit, BudgetUnit::Seconds);
            approx(s.budget.allowed, 2419.2);
            approx(s.budget.consumed, 1680.0);
            approx(s.budget.remaining, 739.2);
            approx(s.budget.remaining_ratio, 739.2 / 2419.2);
            approx(s.sli, (40_319.0 - 28.0) / 40_319.0);
            approx(s.coverage, 1.0);
            approx(burn(s, 30 * MINUTE), 0.0);
            approx(burn(s, HOUR), 0.0);
            assert_eq!(s.time_to_exhaustion_seconds, None); // never
                                                            // February: page 1h/5m 2% ⇒ f = 0.02 × 672 h / 1 h = 13.44.
            approx(Some(s.alerts[0].pairs[0].factor), 13.44);
            assert_eq!(s.level, "warning");
            assert_eq!(r.level, "warning");
            assert_eq!(s.reasons.len(), 1);
            approx(s.reasons[0].value, 739.2 / 2419.2);
            // The burn-down ends at T with the report's own remaining ratio.
            assert_eq!(s.burndown.t.len(), 500);
            assert_eq!(*s.burndown.t.last().unwrap(), r.at);
            approx(*s.burndown.remaining_ratio.last().unwrap(), 739.2 / 2419.2);
        },
    }
}

/// MTOS seed, appendix example 2: 5 bad minutes in the last 30 minutes of a
/// 28-day 99.9% timeslice SLO.
///
/// burn_rate(30m) = (bad / known slices) / (1 − O) = (5/30) / 0.001 = 166.67.
/// The seed says 104x: it computes the "normal burn rate" as 40.32 min / 28 d
/// = 0.0016 min/min, but 40.32 / 40 320 min = 0.001 min/min, exactly 1 − O
/// (a budget spent evenly over the period burns at 1x). 0.167 / 0.0016 ≈ 104
/// repeats that slip; 0.1667 / 0.001 = 166.67 is right.
///
/// Data: two hours of minute slices, the bad minutes end at T−20m … T−16m.
/// - burn_rate(1h) = (5/60) / 0.001 = 83.33.
/// - consumed = 5 × 60 = 300 s; allowed = 2419.2 s; remaining = 2119.2 s.
/// - SLI = 115 good / 120 known minutes.
/// - coverage = 2 h / 28 d = 7200 / 2 419 200.
/// - time to exhaustion = r × P / b(1h) = (2119.2/2419.2) × 2 419 200 s /
///   83.33 = 2 119 200 / 83.33 = 25 430.4 s.
pub fn seed_burn_rate() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    let bad = move |x: Instant| t - 20 * MINUTE <= x && x <= t - 16 * MINUTE;
    let s = timeslices(
        slo(
            "tasks",
            0.999,
            rolling(28 * DAY),
            good_total(SeriesKind::Increase),
        ),
        Some(MINUTE),
    );
    let rules = vec![rule(
        "freeze",
        "burn_rate(30m) > 100",
        cmp(term(Term::BurnRate(30 * MINUTE)), CmpOp::Gt, num(100.0)),
    )];
    Case {
        policy: policy("mtos", vec![s], rules),
        data: data(vec![
            sampled("good", t - 2 * HOUR, t, MINUTE, |x| {
                Some(if bad(x) { 0.0 } else { 3.0 })
            }),
            sampled("total", t - 2 * HOUR, t, MINUTE, |_| Some(3.0)),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            approx(burn(s, 30 * MINUTE), 5.0 / 30.0 / 0.001);
            approx(burn(s, HOUR), 5.0 / 60.0 / 0.001);
            approx(s.budget.consumed, 300.0);
            approx(s.budget.remaining, 2119.2);
            approx(s.sli, 115.0 / 120.0);
            approx(s.coverage, 7200.0 / 2_419_200.0);
            approx(s.time_to_exhaustion_seconds, 25_430.4);
            assert_eq!(s.level, "freeze");
            approx(s.reasons[0].value, 166.666_666_666_666_66);
        },
    }
}

/// SPEC §3: default catalog factors f = B × P / L.
/// 30 d = 720 h: 0.02×720/1 = 14.4, 0.05×720/6 = 6, 0.10×720/24 = 3,
/// 0.10×720/72 = 1. 28 d = 672 h: 13.44, 5.6, 2.8, 0.9333….
pub fn default_alert_factors() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    let mut a = slo(
        "thirty",
        0.999,
        rolling(30 * DAY),
        good_total(SeriesKind::Rate),
    );
    a.alerting = default_alerts(30 * DAY);
    let mut b = slo(
        "twenty-eight",
        0.999,
        rolling(28 * DAY),
        good_total(SeriesKind::Rate),
    );
    b.alerting = default_alerts(28 * DAY);
    Case {
        policy: policy("factors", vec![a, b], vec![]),
        data: data(vec![
            sampled("good", t - HOUR, t, MINUTE, |_| Some(1.0)),
            sampled("total", t - HOUR, t, MINUTE, |_| Some(1.0)),
        ]),
        at: t,
        check: |r| {
            let factors = |s: &SloReport| -> Vec<(String, f64)> {
                s.alerts
                    .iter()
                    .flat_map(|a| a.pairs.iter().map(move |p| (a.name.clone(), p.factor)))
                    .collect()
            };
            let thirty = factors(&r.slos[0]);
            let expected = [
                ("page", 14.4),
                ("page", 6.0),
                ("ticket", 3.0),
                ("ticket", 1.0),
            ];
            assert_eq!(thirty.len(), 4);
            for ((name, f), (en, ef)) in thirty.iter().zip(expected) {
                assert_eq!(name, en);
                approx(Some(*f), ef);
            }
            let twenty_eight = factors(&r.slos[1]);
            let expected = [13.44, 5.6, 2.8, 0.1 * 672.0 / 72.0];
            for ((_, f), ef) in twenty_eight.iter().zip(expected) {
                approx(Some(*f), ef);
            }
            // No errors at all: burn 0, nothing fires.
            assert!(r.slos.iter().all(|s| s.alerts.iter().all(|a| !a.firing)));
            approx(burn(&r.slos[0], HOUR), 0.0);
        },
    }
}

/// Occurrences with N = 0: an hour of traffic-free data. SLI, budget, burn
/// rates and time to exhaustion are no data (null), never NaN and never
/// 100%; rules on them are unknown, so nothing matches. Coverage is still
/// 1: the time is known, it just had no events.
pub fn occurrences_no_traffic() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    let rules = vec![
        rule(
            "warning",
            "remaining < 50%",
            cmp(term(Term::Remaining), CmpOp::Lt, num(0.5)),
        ),
        rule(
            "freeze",
            "not (remaining >= 50%)",
            not(cmp(term(Term::Remaining), CmpOp::Ge, num(0.5))),
        ),
        rule(
            "breach",
            "sli < 99%",
            cmp(term(Term::Sli), CmpOp::Lt, num(0.99)),
        ),
    ];
    Case {
        policy: policy(
            "idle",
            vec![slo(
                "idle",
                0.99,
                rolling(HOUR),
                good_total(SeriesKind::Increase),
            )],
            rules,
        ),
        data: data(vec![
            sampled("good", t - HOUR, t, MINUTE, |_| Some(0.0)),
            sampled("total", t - HOUR, t, MINUTE, |_| Some(0.0)),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            assert_eq!(s.sli, None);
            assert_eq!(s.budget.unit, BudgetUnit::Events);
            assert_eq!(
                (
                    s.budget.allowed,
                    s.budget.consumed,
                    s.budget.remaining,
                    s.budget.remaining_ratio
                ),
                (None, None, None, None)
            );
            assert!(s.burn_rates.iter().all(|(_, b)| b.is_none()));
            assert_eq!(s.time_to_exhaustion_seconds, None);
            assert!(s.burndown.remaining_ratio.iter().all(|v| v.is_none()));
            approx(s.coverage, 1.0);
            assert_eq!(s.level, "healthy");
            assert!(s.reasons.is_empty());
        },
    }
}

/// A counter with a reset, 1-minute samples over the last 4 minutes, 90%.
///
/// total: 100, 110, 120, 5, 15 → events 10, 10, 5 (5 − 120 < 0: a reset, so
/// 5), 10 = 35 (the first sample only opens the series).
/// good: 100, 110, 119, 4, 14 → 10, 9, 4, 10 = 33. B = 2.
/// SLI = 33/35; allowed = 0.1 × 35 = 3.5; consumed 2; remaining 1.5;
/// remainingRatio = 1 − 2/3.5 = 0.428571…; coverage = 4 min / 60 min.
/// Burn-down: 500 points 7.2 s apart; the last is T with the report's ratio;
/// points before the first interval end (T − 3m) have no data.
pub fn counter_reset() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    let times: Vec<Instant> = (0..5).map(|i| t - (4 - i) * MINUTE).collect();
    Case {
        policy: policy(
            "counter",
            vec![slo(
                "c",
                0.9,
                rolling(HOUR),
                good_total(SeriesKind::Counter),
            )],
            vec![],
        ),
        data: data(vec![
            Series::new("total", times.clone(), vec![100.0, 110.0, 120.0, 5.0, 15.0]),
            Series::new("good", times, vec![100.0, 110.0, 119.0, 4.0, 14.0]),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            let t = r.at;
            approx(s.sli, 33.0 / 35.0);
            approx(s.budget.allowed, 3.5);
            approx(s.budget.consumed, 2.0);
            approx(s.budget.remaining, 1.5);
            approx(s.budget.remaining_ratio, 1.0 - 2.0 / 3.5);
            approx(s.coverage, 4.0 / 60.0);
            assert_eq!(s.burndown.t.len(), 500);
            assert_eq!(s.burndown.t[0], t - HOUR + 7200);
            assert_eq!(s.burndown.t[499], t);
            approx(s.burndown.remaining_ratio[499], 1.0 - 2.0 / 3.5);
            assert_eq!(s.burndown.remaining_ratio[0], None);
            // t_j = T − 3m happens at j = 474: one interval (10 total, 10 good).
            assert_eq!(s.burndown.t[474], t - 3 * MINUTE);
            approx(s.burndown.remaining_ratio[474], 1.0);
            assert_eq!(s.burndown.remaining_ratio[473], None);
        },
    }
}

/// `rate` samples: events = v × seconds. Samples at T−120 s, −90, −60, −15,
/// 0 (differences 30, 30, 45, 15 s; lower median 30 s, so every interval,
/// all ≤ 60 s, is known). total 2/s ⇒ 60 + 60 + 90 + 30 = 240; good 1.5/s ⇒
/// 180. O = 99%: SLI = 0.75; allowed = 0.01 × 240 = 2.4; consumed = 60;
/// remaining = −57.6; remainingRatio = 1 − 60/2.4 = −24 ⇒ time to
/// exhaustion 0 and `remaining <= 0` matches (breach).
pub fn rate_times_seconds() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    let times: Vec<Instant> = [-120, -90, -60, -15, 0]
        .iter()
        .map(|s| t + s * SECOND)
        .collect();
    let rules = vec![rule(
        "breach",
        "remaining <= 0",
        cmp(term(Term::Remaining), CmpOp::Le, num(0.0)),
    )];
    Case {
        policy: policy(
            "rate",
            vec![slo("r", 0.99, rolling(HOUR), good_total(SeriesKind::Rate))],
            rules,
        ),
        data: data(vec![
            Series::new("total", times.clone(), vec![2.0; 5]),
            Series::new("good", times, vec![1.5; 5]),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            approx(s.sli, 0.75);
            approx(s.budget.allowed, 2.4);
            approx(s.budget.consumed, 60.0);
            approx(s.budget.remaining, -57.6);
            approx(s.budget.remaining_ratio, -24.0);
            approx(s.time_to_exhaustion_seconds, 0.0);
            assert_eq!(s.level, "breach");
            approx(s.coverage, 120.0 / 3600.0);
        },
    }
}

/// `increase` samples are the events since the previous sample; the first
/// value (999) only opens the series. total 10 + 20 + 30 = 60, good
/// 10 + 19 + 27 = 56, B = 4. O = 95%: allowed = 3, remaining = −1, ratio = −1/3.
/// The same data as `bad/total` (bad 0, 1, 3) and as `good/bad` gives the same.
pub fn increase_and_roles() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    let times: Vec<Instant> = (0..4).map(|i| t - (3 - i) * MINUTE).collect();
    let one = |name: &str, sli| slo(name, 0.95, rolling(HOUR), sli);
    Case {
        policy: policy(
            "increase",
            vec![
                one("good-total", good_total(SeriesKind::Increase)),
                one("bad-total", bad_total(SeriesKind::Increase)),
                one("good-bad", good_bad(SeriesKind::Increase)),
            ],
            vec![],
        ),
        data: data(vec![
            Series::new("total", times.clone(), vec![999.0, 10.0, 20.0, 30.0]),
            Series::new("good", times.clone(), vec![999.0, 10.0, 19.0, 27.0]),
            Series::new("bad", times, vec![999.0, 0.0, 1.0, 3.0]),
        ]),
        at: t,
        check: |r| {
            for s in &r.slos {
                approx(s.sli, 56.0 / 60.0);
                approx(s.budget.allowed, 3.0);
                approx(s.budget.consumed, 4.0);
                approx(s.budget.remaining, -1.0);
                approx(s.budget.remaining_ratio, -1.0 / 3.0);
            }
        },
    }
}

/// Gaps: minute samples over the last hour, without T−39m … T−31m (a 10-minute
/// hole: > 2 × step, a gap) and without T−10m (a 2-minute hole: = 2 × step,
/// still known). Step = lower median of the differences = 60 s.
/// Known time: (T−60m, T−40m] ∪ (T−30m, T] = 50 min ⇒ coverage 50/60.
/// Events (increase, 1 per sample): intervals end at −59…−40 (20) and at
/// −29…0 except −10 (29) = 49; the sample at −30 only reopens the series.
pub fn gaps_and_coverage() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    let present = move |x: Instant| {
        let m = (x - t) / MINUTE;
        !((-39..=-31).contains(&m) || m == -10)
    };
    let rules = vec![rule(
        "warning",
        "coverage < 90%",
        cmp(term(Term::Coverage), CmpOp::Lt, num(0.9)),
    )];
    Case {
        policy: policy(
            "gaps",
            vec![slo(
                "g",
                0.99,
                rolling(HOUR),
                good_total(SeriesKind::Increase),
            )],
            rules,
        ),
        data: data(vec![
            sampled("total", t - HOUR, t, MINUTE, |x| present(x).then_some(1.0)),
            sampled("good", t - HOUR, t, MINUTE, |x| present(x).then_some(1.0)),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            approx(s.coverage, 50.0 / 60.0);
            approx(s.budget.allowed, 0.01 * 49.0);
            approx(s.sli, 1.0);
            assert_eq!(s.level, "warning");
            approx(s.reasons[0].value, 50.0 / 60.0);
        },
    }
}

/// Cleaning: shuffled input, duplicates keep the last, non-finite is missing.
/// total (increase), in input order: (−1m, 5), (T, 5), (−2m, 5), (−3m, 5),
/// (−90s, +Inf), (−2m, 7), (T, NaN). Sorted and deduplicated: −3m: 5,
/// −2m: 7 (the later duplicate), −90s: dropped (Inf), −1m: 5, T: NaN (the
/// later duplicate wins and is missing, so T has no sample).
/// good: −3m: 5, −2m: 7, −1m: 4, T: NaN.
/// N = 7 + 5 = 12, G = 7 + 4 = 11 ⇒ SLI = 11/12; known (−3m, −1m] ⇒
/// coverage 2/60.
pub fn duplicates_keep_last() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    let m = |k: i64| t + k * MINUTE;
    Case {
        policy: policy(
            "clean",
            vec![slo(
                "c",
                0.9,
                rolling(HOUR),
                good_total(SeriesKind::Increase),
            )],
            vec![],
        ),
        data: data(vec![
            Series::new(
                "total",
                vec![m(-1), t, m(-2), m(-3), t - 90 * SECOND, m(-2), t],
                vec![5.0, 5.0, 5.0, 5.0, f64::INFINITY, 7.0, f64::NAN],
            ),
            Series::new(
                "good",
                vec![t, m(-2), m(-1), m(-3), t],
                vec![5.0, 7.0, 4.0, 5.0, f64::NAN],
            ),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            approx(s.sli, 11.0 / 12.0);
            approx(s.budget.consumed, 1.0);
            approx(s.coverage, 2.0 / 60.0);
        },
    }
}

/// Exclusions: minute samples over the last hour, 10 requests a minute, all
/// failing in the minutes ending T−20m … T−11m, excluded by [T−20m, T−10m).
/// The interval ending at T−10m is not excluded (the span is half-open).
/// N = (60 − 10) × 10 = 500, B = 0 ⇒ SLI 1, remaining ratio 1.
/// Coverage: elapsed = 60 − 10 = 50 min, all of it known ⇒ 1.
pub fn exclusions_drop_time() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    let bad = move |x: Instant| t - 20 * MINUTE <= x && x <= t - 11 * MINUTE;
    let mut s = slo("e", 0.99, rolling(HOUR), good_total(SeriesKind::Increase));
    s.exclude = vec![exclusion(t - 20 * MINUTE, t - 10 * MINUTE)];
    Case {
        policy: policy("excl", vec![s], vec![]),
        data: data(vec![
            sampled("total", t - HOUR, t, MINUTE, |_| Some(10.0)),
            sampled("good", t - HOUR, t, MINUTE, |x| {
                Some(if bad(x) { 0.0 } else { 10.0 })
            }),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            approx(s.sli, 1.0);
            approx(s.budget.allowed, 0.01 * 500.0);
            approx(s.budget.remaining_ratio, 1.0);
            approx(s.coverage, 1.0);
        },
    }
}

/// consumed(W) is clipped to the SLO window, burn rates are not.
/// Calendar day (UTC) at 2026-03-10T01:00Z: window (00:00, 01:00], P = 1 d.
/// Minute samples from 22:00 the day before; total 100 per minute; bad 2 per
/// minute until midnight, 1 per minute after. O = 99%.
/// - window: N = 60 × 100 = 6000, B = 60; SLI = 0.99; allowed = 60;
///   remainingRatio = 1 − 60/60 = 0 ⇒ time to exhaustion 0.
/// - consumed(3h) = B in (max(00:00, 22:00), 01:00] / (0.01 × 6000) = 60/60 = 1.
/// - consumed(30m) = 30 / 60 = 0.5.
/// - burn_rate(3h) over (22:00, 01:00]: (120 × 2 + 60 × 1) / 18 000 / 0.01 = 5/3.
pub fn consumed_clipped_burn_not() -> Case {
    let t = at("2026-03-10T01:00:00Z");
    let midnight = at("2026-03-10T00:00:00Z");
    let rules = vec![
        rule(
            "freeze",
            "consumed(3h) > 50%",
            cmp(term(Term::ConsumedIn(3 * HOUR)), CmpOp::Gt, num(0.5)),
        ),
        rule(
            "warning",
            "consumed(30m) >= 49%",
            cmp(term(Term::ConsumedIn(30 * MINUTE)), CmpOp::Ge, num(0.49)),
        ),
    ];
    Case {
        policy: policy(
            "clip",
            vec![slo(
                "d",
                0.99,
                calendar_utc(CalendarUnit::Day),
                bad_total(SeriesKind::Increase),
            )],
            rules,
        ),
        data: data(vec![
            sampled("total", t - 3 * HOUR, t, MINUTE, |_| Some(100.0)),
            sampled("bad", t - 3 * HOUR, t, MINUTE, move |x| {
                Some(if x <= midnight { 2.0 } else { 1.0 })
            }),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            assert_eq!(s.window.start, at("2026-03-10T00:00:00Z"));
            approx(Some(s.window.period_seconds), 86_400.0);
            approx(s.sli, 0.99);
            approx(s.budget.remaining_ratio, 0.0);
            approx(s.time_to_exhaustion_seconds, 0.0);
            approx(consumed_in(s, 3 * HOUR), 1.0);
            approx(consumed_in(s, 30 * MINUTE), 0.5);
            approx(burn(s, 3 * HOUR), 5.0 / 3.0);
            approx(burn(s, HOUR), 1.0);
            assert_eq!(s.level, "freeze");
            assert_eq!(s.reasons.len(), 2);
        },
    }
}

/// AgentAsKit seed: "1h burn 14.4x → budget exhausted in 30d/14.4 = 50 h".
/// A fresh budget (remainingRatio 1) needs a burn rate of 14.4 that is not
/// yet charged to this period: a calendar month of 30 days (April 2026)
/// evaluated at 00:01 on April 1, with the errors in the last hour of March
/// (burn-rate windows look back across the period start).
/// - window (Apr 1 00:00, 00:01]: 1000 requests, none bad ⇒ r = 1.
/// - burn_rate(1h) over (Mar 31 23:01, Apr 1 00:01]: 60 000 requests, 54 × 16
///   = 864 bad ⇒ (864 / 60 000) / 0.001 = 14.4.
/// - time to exhaustion = r × P / b = 2 592 000 s / 14.4 = 180 000 s = 50 h.
pub fn exhaustion_fresh_budget() -> Case {
    let t = at("2026-04-01T00:01:00Z");
    let first_bad = at("2026-03-31T23:02:00Z");
    let last_bad = at("2026-03-31T23:55:00Z");
    Case {
        policy: policy(
            "agentaskit",
            vec![slo(
                "a",
                0.999,
                calendar_utc(CalendarUnit::Month),
                bad_total(SeriesKind::Increase),
            )],
            vec![],
        ),
        data: data(vec![
            sampled("total", t - HOUR, t, MINUTE, |_| Some(1000.0)),
            sampled("bad", t - HOUR, t, MINUTE, move |x| {
                Some(if first_bad <= x && x <= last_bad {
                    16.0
                } else {
                    0.0
                })
            }),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            approx(Some(s.window.period_seconds), 30.0 * 86_400.0);
            approx(s.budget.remaining_ratio, 1.0);
            approx(burn(s, HOUR), 14.4);
            approx(s.time_to_exhaustion_seconds, 180_000.0);
        },
    }
}

/// Timeslices: idle and missing slices. Rolling 1h, 5-minute slices aligned
/// to a = T − 60m, O = sliceTarget = 90%, minute samples, increase.
/// - slices 0–3 (ending −55…−40): good (10/10).
/// - slice 4 (−40, −35]: total 0 ⇒ idle (known time, no traffic).
/// - slice 5 (−35, −30]: samples −34…−31 missing ⇒ the interval (−35, −30] is a
///   5-minute gap ⇒ no interval ends there ⇒ missing.
/// - slice 6 (−30, −25]: 8/10 good < 90% ⇒ bad.
/// - slices 7–11: good.
///
/// good = 9 × 5 min = 45 min, bad 5 min. SLI = 45/50 = 0.9; allowed = 0.1 ×
/// 3600 = 360 s; consumed 300 s; remaining 60 s; ratio 1/6.
/// burn_rate(1h) = (5/50)/0.1 = 1; burn_rate(30m): slices 6–11 = (5/30)/0.1.
/// coverage = 55/60 (only the gap is unknown; idle time is known).
/// time to exhaustion = (1/6) × 3600 s / 1 = 600 s.
pub fn timeslices_idle_and_missing() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    let minute = move |x: Instant| (x - t) / MINUTE;
    let present = move |x: Instant| !(-34..=-31).contains(&minute(x));
    let total = move |x: Instant| {
        if (-39..=-35).contains(&minute(x)) {
            0.0
        } else {
            10.0
        }
    };
    Case {
        policy: policy(
            "slices",
            vec![timeslices(
                slo("s", 0.9, rolling(HOUR), good_total(SeriesKind::Increase)),
                Some(5 * MINUTE),
            )],
            vec![],
        ),
        data: data(vec![
            sampled("total", t - HOUR, t, MINUTE, move |x| {
                present(x).then(|| total(x))
            }),
            sampled("good", t - HOUR, t, MINUTE, move |x| {
                present(x).then(|| {
                    if (-29..=-25).contains(&minute(x)) {
                        8.0
                    } else {
                        total(x)
                    }
                })
            }),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            approx(s.sli, 0.9);
            approx(s.budget.allowed, 360.0);
            approx(s.budget.consumed, 300.0);
            approx(s.budget.remaining, 60.0);
            approx(s.budget.remaining_ratio, 1.0 / 6.0);
            approx(burn(s, HOUR), 1.0);
            approx(burn(s, 30 * MINUTE), (5.0 / 30.0) / 0.1);
            approx(s.coverage, 55.0 / 60.0);
            approx(s.time_to_exhaustion_seconds, 600.0);
        },
    }
}

/// Kleene logic. Minute data from T−60m to T−10m (nothing in the last 5
/// minutes ⇒ burn_rate(5m) is unknown); total 10, good 9.75 a minute.
/// N = 500, B = 12.5, B/N = 0.025; O = 90% ⇒ remaining = 1 − 0.025/0.1 =
/// 0.75, burn_rate(1h) = 0.25, coverage = 50/60,
/// time to exhaustion = 0.75 × 3600 / 0.25 = 10 800 s.
///
/// | rule | value | matches |
/// |---|---|---|
/// | burn_rate(5m) > 1 or remaining < 80% | unknown or true = true | yes, value 0.75 |
/// | burn_rate(5m) > 1 and remaining < 80% | unknown and true = unknown | no |
/// | not (burn_rate(5m) > 1) | not unknown = unknown | no |
/// | coverage < 50% and burn_rate(5m) > 1 | false and unknown = false | no |
/// | not (coverage < 50%) | true | yes, no comparison held: value null |
/// | burn_rate(5m) > 1 or not (remaining > 0) | unknown or false = unknown | no |
/// | time_to_exhaustion < 1d | 10 800 < 86 400 | yes, value 10 800 |
pub fn kleene_rules() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    let b5 = || cmp(term(Term::BurnRate(5 * MINUTE)), CmpOp::Gt, num(1.0));
    let rules = vec![
        rule(
            "warning",
            "burn_rate(5m) > 1 or remaining < 80%",
            or(b5(), cmp(term(Term::Remaining), CmpOp::Lt, num(0.8))),
        ),
        rule(
            "freeze",
            "burn_rate(5m) > 1 and remaining < 80%",
            and(b5(), cmp(term(Term::Remaining), CmpOp::Lt, num(0.8))),
        ),
        rule("freeze", "not (burn_rate(5m) > 1)", not(b5())),
        rule(
            "breach",
            "coverage < 50% and burn_rate(5m) > 1",
            and(cmp(term(Term::Coverage), CmpOp::Lt, num(0.5)), b5()),
        ),
        rule(
            "warning",
            "not (coverage < 50%)",
            not(cmp(term(Term::Coverage), CmpOp::Lt, num(0.5))),
        ),
        rule(
            "breach",
            "burn_rate(5m) > 1 or not (remaining > 0)",
            or(b5(), not(cmp(term(Term::Remaining), CmpOp::Gt, num(0.0)))),
        ),
        rule(
            "warning",
            "time_to_exhaustion < 1d",
            cmp(term(Term::TimeToExhaustion), CmpOp::Lt, num(86_400.0)),
        ),
    ];
    Case {
        policy: policy(
            "kleene",
            vec![slo(
                "k",
                0.9,
                rolling(HOUR),
                good_total(SeriesKind::Increase),
            )],
            rules,
        ),
        data: data(vec![
            sampled("total", t - HOUR, t - 10 * MINUTE, MINUTE, |_| Some(10.0)),
            sampled("good", t - HOUR, t - 10 * MINUTE, MINUTE, |_| Some(9.75)),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            assert_eq!(burn(s, 5 * MINUTE), None);
            approx(s.budget.remaining_ratio, 0.75);
            approx(burn(s, HOUR), 0.25);
            approx(s.time_to_exhaustion_seconds, 10_800.0);
            let whens: Vec<&str> = s.reasons.iter().map(|r| r.when.as_str()).collect();
            assert_eq!(
                whens,
                [
                    "burn_rate(5m) > 1 or remaining < 80%",
                    "not (coverage < 50%)",
                    "time_to_exhaustion < 1d"
                ]
            );
            approx(s.reasons[0].value, 0.75);
            assert_eq!(s.reasons[1].value, None);
            approx(s.reasons[2].value, 10_800.0);
            assert_eq!(s.level, "warning");
            assert_eq!(r.level, "warning");
        },
    }
}

/// Calendar months: P is the whole month. Mid-March 2026 ⇒ window from
/// March 1, P = 31 d = 2 678 400 s, page factor 0.02 × 744 h / 1 h = 14.88.
/// Exactly at 2026-03-01T00:00Z periods are closed at their end, so the
/// report covers all of February: start Feb 1, P = 28 d.
pub fn calendar_month_period() -> Case {
    let t = at("2026-03-15T00:00:00Z");
    let mut march = slo(
        "march",
        0.999,
        calendar_utc(CalendarUnit::Month),
        good_total(SeriesKind::Rate),
    );
    march.alerting = default_alerts(28 * DAY);
    Case {
        policy: policy("month", vec![march], vec![]),
        data: data(vec![
            sampled("good", t - HOUR, t, MINUTE, |_| Some(1.0)),
            sampled("total", t - HOUR, t, MINUTE, |_| Some(1.0)),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            assert_eq!(s.window.start, at("2026-03-01T00:00:00Z"));
            approx(Some(s.window.period_seconds), 2_678_400.0);
            approx(Some(s.alerts[0].pairs[0].factor), 14.88);
            approx(s.sli, 1.0);
            // 1 h of known data in 14 d elapsed.
            approx(s.coverage, 1.0 / (14.0 * 24.0));
        },
    }
}

/// The same policy at exactly 2026-03-01T00:00:00Z reports February.
pub fn calendar_month_boundary() -> Case {
    let mut case = calendar_month_period();
    case.at = at("2026-03-01T00:00:00Z");
    case.check = |r| {
        let s = &r.slos[0];
        assert_eq!(s.window.start, at("2026-02-01T00:00:00Z"));
        assert_eq!(s.window.end, at("2026-03-01T00:00:00Z"));
        approx(Some(s.window.period_seconds), 2_419_200.0);
        approx(Some(s.alerts[0].pairs[0].factor), 13.44);
    };
    case
}

/// groupBy: one instance per region, ordered by value ("eu" before "us"
/// although "us" comes first in the data); two series in one role add up.
/// eu: total 10 + 10 (two series) per minute, good 19 ⇒ SLI 0.95.
/// us: total 10, good 10 ⇒ SLI 1.
pub fn group_by_regions() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    let mut s = slo("g", 0.9, rolling(HOUR), good_total(SeriesKind::Increase));
    s.group_by = vec!["region".to_string()];
    let series = |name: &str, region: &str, instance: &str, v: f64| {
        sampled(name, t - 10 * MINUTE, t, MINUTE, move |_| Some(v))
            .with_labels(&[("region", region), ("instance", instance)])
    };
    Case {
        policy: policy("groups", vec![s], vec![]),
        data: data(vec![
            series("total", "us", "a", 10.0),
            series("good", "us", "a", 10.0),
            series("total", "eu", "a", 10.0),
            series("total", "eu", "b", 10.0),
            series("good", "eu", "a", 19.0),
        ]),
        at: t,
        check: |r| {
            assert_eq!(r.slos.len(), 2);
            assert_eq!(
                r.slos[0].group,
                vec![("region".to_string(), "eu".to_string())]
            );
            assert_eq!(
                r.slos[1].group,
                vec![("region".to_string(), "us".to_string())]
            );
            approx(r.slos[0].sli, 0.95);
            approx(r.slos[1].sli, 1.0);
        },
    }
}

/// A threshold SLI on a gauge (p99 latency <= 0.5 s), 10-minute slices over a
/// 1h rolling window, one sample a minute. Slices whose samples all satisfy
/// the threshold are good; one sample above makes a slice bad. Samples at
/// T−25m … T−21m are 0.8 ⇒ slice (T−30m, T−20m] is bad; the rest good.
/// Samples exist only from T−55m, so slice (T−60m, T−50m] still has data
/// (T−55m … T−50m). SLI = 50/60; consumed = 600 s; allowed = 0.05 × 3600 = 180 s
/// ⇒ remainingRatio = (180 − 600)/180.
pub fn threshold_gauge() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    let s = timeslices(
        slo(
            "latency",
            0.95,
            rolling(HOUR),
            slogate::policy::Sli::Threshold {
                series: sref("p99", SeriesKind::Gauge),
                op: CmpOp::Le,
                value: 0.5,
            },
        ),
        Some(10 * MINUTE),
    );
    Case {
        policy: policy("latency", vec![s], vec![]),
        data: data(vec![sampled("p99", t - 55 * MINUTE, t, MINUTE, move |x| {
            Some(if t - 25 * MINUTE <= x && x <= t - 21 * MINUTE {
                0.8
            } else {
                0.25
            })
        })]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            assert_eq!(s.budget.unit, BudgetUnit::Seconds);
            approx(s.sli, 50.0 / 60.0);
            approx(s.budget.consumed, 600.0);
            approx(s.budget.remaining_ratio, (180.0 - 600.0) / 180.0);
            approx(s.coverage, 55.0 / 60.0);
        },
    }
}

/// A gap in `total` must not let `good` cancel an outage (§3, §6).
/// Rolling 6 h at 99%, `increase` per minute, T = 12:00. total: 100 a
/// minute, but no samples strictly between T−5h and T−3h, so its interval
/// (T−5h, T−3h] is a gap: total is known on (T−6h, T−5h] ∪ (T−3h, T], 4 h.
/// good: complete, 100 a minute except 50 in the outage hour (T−2h, T−1h].
/// K = total's known time; good's 120 intervals ending in the gap do not
/// count. N = 240 × 100 = 24,000; G = 24,000 − 60 × 50 = 21,000; B' = 3,000.
/// SLI = 0.875; allowed = 240; remainingRatio = 1 − (3,000/24,000)/0.01 =
/// −11.5; coverage = 4/6; burn_rate(2h) = (3,000/12,000)/0.01 = 25;
/// burn_rate(1h) = 0. (Summing each role over its own known time gave
/// G = 33,000 > N: B' clamped to 0, "healthy".)
pub fn total_gap_cannot_hide_an_outage() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    let rules = vec![rule(
        "freeze",
        "remaining < 10%",
        cmp(term(Term::Remaining), CmpOp::Lt, num(0.1)),
    )];
    Case {
        policy: policy(
            "roles",
            vec![slo(
                "a",
                0.99,
                rolling(6 * HOUR),
                good_total(SeriesKind::Increase),
            )],
            rules,
        ),
        data: data(vec![
            sampled("total", t - 6 * HOUR, t, MINUTE, move |x| {
                (x <= t - 5 * HOUR || x >= t - 3 * HOUR).then_some(100.0)
            }),
            sampled("good", t - 6 * HOUR, t, MINUTE, move |x| {
                Some(if t - 2 * HOUR < x && x <= t - HOUR {
                    50.0
                } else {
                    100.0
                })
            }),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            approx(s.coverage, 4.0 / 6.0);
            approx(s.sli, 0.875);
            approx(s.budget.allowed, 240.0);
            approx(s.budget.consumed, 3000.0);
            approx(s.budget.remaining_ratio, -11.5);
            approx(burn(s, 2 * HOUR), 25.0);
            approx(burn(s, HOUR), 0.0);
            assert_eq!(s.level, "freeze");
        },
    }
}

/// A gap in `good` is not a failure (§3, §6): the mirror image of
/// [`total_gap_cannot_hide_an_outage`] without an outage. good has no
/// samples strictly between T−5h and T−3h; total is complete; nothing
/// fails. K = good's known time (4 h); total's intervals ending in the gap do
/// not count: N = G = 24,000, B' = 0, SLI 1, nothing consumed, coverage 4/6.
/// (Summing each role over its own time gave N = 36,000, B' = 12,000:
/// "84 times the budget".)
pub fn good_gap_is_not_a_failure() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    Case {
        policy: policy(
            "roles",
            vec![slo(
                "a",
                0.99,
                rolling(6 * HOUR),
                good_total(SeriesKind::Increase),
            )],
            vec![],
        ),
        data: data(vec![
            sampled("good", t - 6 * HOUR, t, MINUTE, move |x| {
                (x <= t - 5 * HOUR || x >= t - 3 * HOUR).then_some(100.0)
            }),
            sampled("total", t - 6 * HOUR, t, MINUTE, |_| Some(100.0)),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            approx(s.coverage, 4.0 / 6.0);
            approx(s.sli, 1.0);
            approx(s.budget.allowed, 240.0);
            approx(s.budget.consumed, 0.0);
            approx(s.budget.remaining_ratio, 1.0);
            for (_, b) in &s.burn_rates {
                approx(*b, 0.0);
            }
        },
    }
}

/// An empty `good` with a complete `total` is no data, not a freeze (§3):
/// K is empty, so no event counts: SLI, budget and burn rates are no data,
/// coverage 0; `remaining < 50%` is unknown (does not match), `coverage <
/// 90%` matches.
pub fn empty_role_is_no_data() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    let rules = vec![
        rule(
            "freeze",
            "remaining < 50%",
            cmp(term(Term::Remaining), CmpOp::Lt, num(0.5)),
        ),
        rule(
            "warning",
            "coverage < 90%",
            cmp(term(Term::Coverage), CmpOp::Lt, num(0.9)),
        ),
    ];
    Case {
        policy: policy(
            "roles",
            vec![slo(
                "a",
                0.99,
                rolling(6 * HOUR),
                good_total(SeriesKind::Increase),
            )],
            rules,
        ),
        data: data(vec![
            Series::new("good", vec![], vec![]),
            sampled("total", t - 6 * HOUR, t, MINUTE, |_| Some(100.0)),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            approx(s.coverage, 0.0);
            assert_eq!(s.sli, None);
            assert_eq!(s.budget.remaining_ratio, None);
            assert_eq!(s.budget.consumed, None);
            assert!(s.burn_rates.iter().all(|(_, b)| b.is_none()));
            assert_eq!(s.level, "warning");
            assert_eq!(s.reasons.len(), 1);
        },
    }
}

/// A window's first slice is weighed by its overlap (§7), unaligned.
/// Calendar day (grid from midnight), 1-minute slices, 99.9%, `increase`
/// every 30 s; the samples at 09:59:30 and 10:00:00 are all bad, so slice
/// (09:59, 10:00] is bad and every other slice good. At T = 10:29:59,
/// (T − 30m, T] = (09:59:59, 10:29:59] holds 1 s of the bad slice, 29 good
/// slices and the good slice (10:29, 10:30] cut at T (59 s): 1,800 s.
/// burn_rate(30m) = (1/1800)/0.001 = 0.5555…; sli(30m) = 1799/1800;
/// consumed(30m) = 1 s / (0.001 × 86,400 s) = 1/86.4. (Counting the first
/// slice whole read 60 bad seconds of 1,859.)
pub fn slice_overlap_unaligned() -> Case {
    let mut case = slice_edge_case(at("2026-02-28T10:29:59Z"));
    case.check = |r| {
        let s = &r.slos[0];
        approx(burn(s, 30 * MINUTE), (1.0 / 1800.0) / 0.001);
        approx(consumed_in(s, 30 * MINUTE), 1.0 / 86.4);
        // The sli(30m) rule's value.
        approx(s.reasons.first().and_then(|r| r.value), 1799.0 / 1800.0);
        // (T − 5m, T] holds only good slices.
        approx(burn(s, 5 * MINUTE), 0.0);
    };
    case
}

/// The same data at an aligned instant, T = 10:30:00: (10:00, 10:30] is 30
/// whole good slices, so nothing burns and the sli(30m) rule does not match.
pub fn slice_overlap_aligned() -> Case {
    let mut case = slice_edge_case(at("2026-02-28T10:30:00Z"));
    case.check = |r| {
        let s = &r.slos[0];
        approx(burn(s, 30 * MINUTE), 0.0);
        approx(consumed_in(s, 30 * MINUTE), 0.0);
        assert!(s.reasons.is_empty());
    };
    case
}

/// At T = 10:00:30 the bad slice lies wholly inside (T − 30m, T] =
/// (09:30:30, 10:00:30]: 30 s of (09:30, 09:31], 29 whole slices, 30 s of
/// (10:00, 10:01] cut at T — 1,800 s with 60 bad: burn = (60/1800)/0.001 =
/// 33.3…; consumed(30m) = 60 / 86.4.
pub fn slice_overlap_bad_slice_inside() -> Case {
    let mut case = slice_edge_case(at("2026-02-28T10:00:30Z"));
    case.check = |r| {
        let s = &r.slos[0];
        approx(burn(s, 30 * MINUTE), (60.0 / 1800.0) / 0.001);
        approx(consumed_in(s, 30 * MINUTE), 60.0 / 86.4);
    };
    case
}

/// The data of the three slice-overlap cases, evaluated at `t`.
fn slice_edge_case(t: Instant) -> Case {
    let from = at("2026-02-28T00:00:00Z");
    let bad = |x: Instant| x == at("2026-02-28T09:59:30Z") || x == at("2026-02-28T10:00:00Z");
    let s = timeslices(
        slo(
            "edge",
            0.999,
            calendar_utc(CalendarUnit::Day),
            good_total(SeriesKind::Increase),
        ),
        Some(MINUTE),
    );
    let rules = vec![
        rule(
            "warning",
            "sli(30m) < 1",
            cmp(term(Term::SliIn(30 * MINUTE)), CmpOp::Lt, num(1.0)),
        ),
        rule(
            "warning",
            "consumed(30m) > 2",
            cmp(term(Term::ConsumedIn(30 * MINUTE)), CmpOp::Gt, num(2.0)),
        ),
    ];
    Case {
        policy: policy("edge", vec![s], rules),
        data: data(vec![
            sampled("good", from, t, 30 * SECOND, move |x| {
                Some(if bad(x) { 0.0 } else { 1.0 })
            }),
            sampled("total", from, t, 30 * SECOND, |_| Some(1.0)),
        ]),
        at: t,
        check: |_| {},
    }
}

/// Five-minute slices, a ten-minute window (§7). Calendar day, 99%,
/// `increase` every minute; the minutes ending in (09:55, 10:00] are bad
/// (good 0 of 1), so slice (09:55, 10:00] is bad, the rest good. At T =
/// 10:07:30, (T − 10m, T] = (09:57:30, 10:07:30] holds 150 s of the bad
/// slice, the good slice (10:00, 10:05] and (10:05, 10:10] cut at T (150 s,
/// good: its samples at 10:06 and 10:07): 600 s, 150 bad ⇒ burn_rate(10m) =
/// 0.25/0.01 = 25. (Whole slices read 300 bad of 750 s: 40.)
pub fn slices_five_minutes_ten_minute_window() -> Case {
    let t = at("2026-02-28T10:07:30Z");
    let from = at("2026-02-28T00:00:00Z");
    let bad = |x: Instant| at("2026-02-28T09:55:00Z") < x && x <= at("2026-02-28T10:00:00Z");
    let s = timeslices(
        slo(
            "edge",
            0.99,
            calendar_utc(CalendarUnit::Day),
            good_total(SeriesKind::Increase),
        ),
        Some(5 * MINUTE),
    );
    let rules = vec![rule(
        "freeze",
        "burn_rate(10m) > 20",
        cmp(term(Term::BurnRate(10 * MINUTE)), CmpOp::Gt, num(20.0)),
    )];
    Case {
        policy: policy("edge", vec![s], rules),
        data: data(vec![
            sampled("good", from, t, MINUTE, move |x| {
                Some(if bad(x) { 0.0 } else { 1.0 })
            }),
            sampled("total", from, t, MINUTE, |_| Some(1.0)),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            approx(burn(s, 10 * MINUTE), 25.0);
            approx(s.reasons.first().and_then(|r| r.value), 25.0);
            assert_eq!(s.level, "freeze");
        },
    }
}

/// Divide before multiplying (§13, issue: a fuzzer found −∞). 90% over
/// `good` and `bad` increases whose only events are 5e-324 each (the
/// smallest subnormal): N = 1e-323, B' = 5e-324, B'/N = 0.5, so
/// remainingRatio = 1 − 0.5/0.1 = −4 exactly (allowed = 0.1 × 1e-323
/// underflows to 0, which made `1 − B'/allowed` = −∞). `remaining < 50%`
/// matches with −4; burn_rate(5m) = 0.5/0.1 = 5.
pub fn subnormal_counts_stay_finite() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    let tiny = 5e-324;
    let rules = vec![rule(
        "freeze",
        "remaining < 50%",
        cmp(term(Term::Remaining), CmpOp::Lt, num(0.5)),
    )];
    Case {
        policy: policy(
            "tiny",
            vec![slo("a", 0.9, rolling(HOUR), good_bad(SeriesKind::Increase))],
            rules,
        ),
        data: data(vec![
            Series::new("good", vec![t - 2 * MINUTE, t - MINUTE], vec![0.0, tiny]),
            Series::new("bad", vec![t - 2 * MINUTE, t - MINUTE], vec![0.0, tiny]),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            approx(s.budget.remaining_ratio, -4.0);
            approx(s.sli, 0.5);
            approx(burn(s, 5 * MINUTE), 5.0);
            assert_eq!(s.level, "freeze");
            approx(s.reasons[0].value, -4.0);
            assert!(s
                .burndown
                .remaining_ratio
                .iter()
                .flatten()
                .all(|x| x.is_finite()));
            assert_eq!(s.time_to_exhaustion_seconds, Some(0.0));
        },
    }
}

/// The level timeline (§12): a level that changes twice inside the
/// window and an alert that fires and resolves. Rolling 1 h at 99%,
/// `increase` per minute, 100 events a minute; T = 12:00, a = 11:00; the
/// 500 points are 7.2 s apart. Outage one: the minutes ending 11:21..11:30
/// have 60% errors; outage two: the minutes ending 11:46..11:50 fail wholly.
/// Rule: freeze when burn_rate(5m) > 10. Every window (t − 5m, t] holds five
/// minute ends, so one bad minute of outage one burns (60/500)/0.01 = 12:
/// freeze iff a bad minute ends in (t − 5m, t], i.e. t in [11:21, 11:35)
/// and [11:46, 11:55) — points 175..=291 (a + 1260 s .. a + 2095.2 s) and
/// 384..=458 (a + 2764.8 s .. a + 3297.6 s).
/// Alert `page`: one pair {long 5m, short 5m, budget 600%}, factor
/// 6 × 60m/5m = 72: outage one peaks at 60; outage two burns 80 with four
/// bad minutes in the window and 100 with five, so the alert fires for t in
/// [11:49, 11:52): points 409..=433 (a + 2944.8 s .. a + 3117.6 s).
pub fn timeline_changes_twice_and_an_alert_resolves() -> Case {
    let t = at("2026-02-28T12:00:00Z");
    let a = t - HOUR;
    let bad = move |x: Instant| {
        let m = (x - a) / MINUTE;
        if (21..=30).contains(&m) {
            60.0
        } else if (46..=50).contains(&m) {
            100.0
        } else {
            0.0
        }
    };
    let mut s = slo("a", 0.99, rolling(HOUR), good_total(SeriesKind::Increase));
    s.alerting = vec![alert("page", &[(5 * MINUTE, 5 * MINUTE, 6.0)])];
    let rules = vec![rule(
        "freeze",
        "burn_rate(5m) > 10",
        cmp(term(Term::BurnRate(5 * MINUTE)), CmpOp::Gt, num(10.0)),
    )];
    Case {
        policy: policy("timeline", vec![s], rules),
        data: data(vec![
            sampled("total", t - 2 * HOUR, t, MINUTE, |_| Some(100.0)),
            sampled("good", t - 2 * HOUR, t, MINUTE, move |x| {
                Some(100.0 - bad(x))
            }),
        ]),
        at: t,
        check: |r| {
            let s = &r.slos[0];
            let a = s.window.start;
            let p = |k: i64| a + k * 7_200; // point k (1-based) at a + 7.2 s × k
            let got: Vec<(Instant, Instant, &str, Vec<&str>)> = s
                .timeline
                .iter()
                .map(|g| {
                    let alerts = g.alerts.iter().map(String::as_str).collect();
                    (g.from, g.to, g.level.as_str(), alerts)
                })
                .collect();
            let want = vec![
                (a, p(174), "healthy", vec![]),
                (p(174), p(291), "freeze", vec![]),
                (p(291), p(383), "healthy", vec![]),
                (p(383), p(408), "freeze", vec![]),
                (p(408), p(433), "freeze", vec!["page"]),
                (p(433), p(458), "freeze", vec![]),
                (p(458), p(500), "healthy", vec![]),
            ];
            assert_eq!(got, want);
            assert_eq!(
                s.timeline[1].reasons,
                vec!["burn_rate(5m) > 10".to_string()]
            );
            assert!(s.timeline[2].reasons.is_empty());
            assert_eq!(s.level, "healthy");
        },
    }
}

/// One `#[test]` per hand-worked case, each calling `$check(case)`: the same
/// list runs against the engine (`hand_worked.rs`) and the reference
/// (`reference_selfcheck.rs`).
#[macro_export]
macro_rules! hand_worked_tests {
    ($check:path) => {
        $crate::hand_worked_tests!($check; feb_2026_timeslices, seed_burn_rate, default_alert_factors, occurrences_no_traffic, counter_reset, rate_times_seconds, increase_and_roles, gaps_and_coverage, duplicates_keep_last, exclusions_drop_time, consumed_clipped_burn_not, exhaustion_fresh_budget, timeslices_idle_and_missing, kleene_rules, calendar_month_period, calendar_month_boundary, group_by_regions, threshold_gauge, total_gap_cannot_hide_an_outage, good_gap_is_not_a_failure, empty_role_is_no_data, slice_overlap_unaligned, slice_overlap_aligned, slice_overlap_bad_slice_inside, slices_five_minutes_ten_minute_window, subnormal_counts_stay_finite, timeline_changes_twice_and_an_alert_resolves);
    };
    ($check:path; $($case:ident),*) => {
        $(
            #[test]
            fn $case() {
                $check(hand_cases::$case());
            }
        )*
    };
}
