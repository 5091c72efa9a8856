//! Engine smoke tests on hand-built policies (the parser has its own tests;
//! tests/hand_worked.rs and tests/properties.rs test the numbers in depth).

use super::*;
use crate::diagnostic::Location;
use crate::expr::Expr;
use crate::policy::{Alert, Budgeting, BurnWindow, CmpOp, Rule, Threshold, Window};
use crate::time::zone::Zone;

fn slo(budgeting: Budgeting, window: Millis) -> Slo {
    Slo {
        name: "availability".into(),
        description: None,
        objective: 0.99,
        window: Window::Rolling { duration: window },
        budgeting,
        slice: None,
        slice_target: 0.99,
        forecast_window: HOUR,
        sli: Sli::Ratio {
            good: Some(SeriesRef {
                name: "good".into(),
                query: None,
                kind: SeriesKind::Rate,
            }),
            bad: None,
            total: Some(SeriesRef {
                name: "total".into(),
                query: None,
                kind: SeriesKind::Rate,
            }),
        },
        group_by: vec![],
        alerting: vec![Alert {
            name: "page".into(),
            severity: "page".into(),
            windows: vec![BurnWindow {
                long: HOUR,
                short: Some(5 * MINUTE),
                threshold: Threshold::Budget(0.02),
            }],
            hold: 0,
        }],
        exclude: vec![],
        location: Location::default(),
    }
}

fn policy(slo: Slo) -> Policy {
    Policy {
        name: "p".into(),
        service: None,
        labels: vec![],
        slos: vec![slo],
        levels: vec!["healthy".into(), "freeze".into()],
        rules: vec![Rule {
            level: 1,
            when_text: "remaining < 50%".into(),
            when: Expr::Compare(
                Box::new(Expr::Term(Term::Remaining)),
                CmpOp::Lt,
                Box::new(Expr::Number(0.5)),
            ),
            action: Some("stop".into()),
            slos: None,
            location: Location::default(),
        }],
    }
}

/// One sample a minute over `(0, minutes]`, `bad_per_s` failing out of 10/s.
fn data(minutes: i64, bad_per_s: impl Fn(i64) -> f64) -> DataSet {
    let times: Vec<i64> = (0..=minutes).map(|i| i * MINUTE).collect();
    let mut d = DataSet::default();
    d.push(Series::new("total", times.clone(), vec![10.0; times.len()]));
    d.push(Series::new(
        "good",
        times.clone(),
        times.iter().map(|t| 10.0 - bad_per_s(t / MINUTE)).collect(),
    ));
    d
}

#[test]
fn occurrences_over_a_rolling_hour() {
    // 60 minutes × 600 events = 36,000; 1/s failing in the last 10 minutes =
    // 600 bad. Allowed 1% = 360 ⇒ remaining 1 − 600/360 = −0.6667.
    let engine = Engine::new(policy(slo(Budgeting::Occurrences, HOUR)), vec![]);
    let report = engine
        .evaluate(&data(60, |m| if m > 50 { 1.0 } else { 0.0 }), HOUR)
        .unwrap();
    let s = &report.slos[0];
    assert_eq!(s.budget.allowed, Some(360.0));
    assert_eq!(s.budget.consumed, Some(600.0));
    assert!((s.budget.remaining_ratio.unwrap() + 2.0 / 3.0).abs() < 1e-12);
    assert!((s.sli.unwrap() - (1.0 - 600.0 / 36_000.0)).abs() < 1e-12);
    // 5m: 10% failing / 1% = 10; 1h: 600/36000 / 1% = 1.6667.
    let burn = |w| s.burn_rates.iter().find(|b| b.0 == w).unwrap().1.unwrap();
    assert!((burn(5 * MINUTE) - 10.0).abs() < 1e-9);
    assert!((burn(HOUR) - 5.0 / 3.0).abs() < 1e-9);
    // page factor 0.02 × 1h / 1h = 0.02: both exceed it.
    assert!(s.alerts[0].firing);
    assert_eq!(s.level, "freeze");
    assert_eq!(report.level, "freeze");
    assert_eq!(s.reasons[0].value, s.budget.remaining_ratio);
    assert_eq!(s.coverage, Some(1.0));
    assert_eq!(s.burndown.t.len(), 500);
    assert_eq!(*s.burndown.t.last().unwrap(), HOUR);
}

#[test]
fn burn_rates_over_time_by_hand() {
    // The same hour: 1/s of 10/s failing in minutes 51..=60 only. A rolling
    // 1h window has 500 points, t_j = (j+1) × 3600 s / 500 = 7.2 s apart.
    let engine = Engine::new(policy(slo(Budgeting::Occurrences, HOUR)), vec![]);
    let data = data(60, |m| if m > 50 { 1.0 } else { 0.0 });
    let report = engine.evaluate_with(&data, HOUR, History::CHARTS).unwrap();
    let s = &report.slos[0];
    let rates = |w| &s.burndown.burn_rates.iter().find(|r| r.0 == w).unwrap().1;
    let at = |t: Instant| s.burndown.t.iter().position(|&x| x == t).unwrap();
    // t = 2995.2 s (point 415), before minute 50 ends: nothing failed in any
    // window yet, burn rate 0.
    let before = at(416 * 7_200);
    assert_eq!(rates(5 * MINUTE)[before], Some(0.0));
    assert_eq!(rates(HOUR)[before], Some(0.0));
    // t = 54 min (point 449, 450 × 7.2 s = 3240 s): the 5m window (49, 54]
    // min holds minutes 51..=54 at 10% failing: 240 bad of 3,000 = 8% ⇒
    // 8% / 1% = 8; the 1h window (−6, 54] min reaches before the data, which
    // holds 54 × 600 = 32,400 events: 240 / 32,400 / 1% = 20/27.
    let mid = at(54 * MINUTE);
    assert_eq!(mid, 449);
    assert!((rates(5 * MINUTE)[mid].unwrap() - 8.0).abs() < 1e-9);
    assert!((rates(HOUR)[mid].unwrap() - 20.0 / 27.0).abs() < 1e-9);
    // The last point is the report's own burn rate: 600 / 36,000 / 1%.
    assert!((rates(HOUR).last().unwrap().unwrap() - 5.0 / 3.0).abs() < 1e-9);
    // Not asked for: empty, and nothing else changes.
    let plain = engine.evaluate(&data, HOUR).unwrap();
    assert!(plain.slos[0].burndown.burn_rates.is_empty());
    assert_eq!(
        plain.slos[0].burndown.remaining_ratio,
        s.burndown.remaining_ratio
    );
}

#[test]
fn timeslices_count_bad_minutes() {
    // 1-minute slices of a 1h window; 10 bad minutes (10% failing ≥ 1%).
    // allowed = 1% × 3600 s = 36 s; consumed = 600 s.
    let engine = Engine::new(policy(slo(Budgeting::Timeslices, HOUR)), vec![]);
    let report = engine
        .evaluate(&data(60, |m| if m > 50 { 1.0 } else { 0.0 }), HOUR)
        .unwrap();
    let s = &report.slos[0];
    assert_eq!(s.budget.allowed, Some(36.0));
    assert_eq!(s.budget.consumed, Some(600.0));
    assert!((s.sli.unwrap() - 50.0 / 60.0).abs() < 1e-12);
}

#[test]
fn no_traffic_is_no_data_not_a_full_budget() {
    let engine = Engine::new(policy(slo(Budgeting::Occurrences, HOUR)), vec![]);
    let mut d = data(60, |_| 0.0);
    for s in &mut d.series {
        s.values.iter_mut().for_each(|v| *v = 0.0);
    }
    let s = &engine.evaluate(&d, HOUR).unwrap().slos[0];
    assert_eq!(
        (s.sli, s.budget.allowed, s.budget.remaining_ratio),
        (None, None, None)
    );
    assert_eq!(s.level, "healthy");
    assert_eq!(s.time_to_exhaustion_seconds, None);
}

#[test]
fn a_missing_series_names_the_field() {
    let engine = Engine::new(policy(slo(Budgeting::Occurrences, HOUR)), vec![]);
    let mut d = DataSet::default();
    d.push(Series::new("A", vec![], vec![]));
    let err = engine.evaluate(&d, HOUR).unwrap_err();
    assert_eq!(
        err.message,
        "no series named \"good\" for SLO \"availability\" (spec.slos[0].sli.ratio.good); the data has: A"
    );
    assert_eq!(err.kind, EvalErrorKind::MissingSeries);
    assert_eq!(err.series.as_deref(), Some("good"));
    assert_eq!(err.path.as_deref(), Some("spec.slos[0].sli.ratio.good"));
    assert_eq!(err.available, vec!["A".to_string()]);
    assert_eq!(err.index, None);
}

#[test]
fn exclusions_remove_events_and_time() {
    let mut s = slo(Budgeting::Occurrences, HOUR);
    s.exclude.push(crate::policy::Exclusion {
        start: 50 * MINUTE,
        end: 61 * MINUTE,
        rrule: None,
        zone: Zone::utc(),
        reason: None,
    });
    let engine = Engine::new(policy(s), vec![]);
    let r = &engine
        .evaluate(&data(60, |m| if m > 50 { 1.0 } else { 0.0 }), HOUR)
        .unwrap()
        .slos[0];
    // Ends 50..=60 are excluded: nothing bad is left; 50 of 60 minutes remain.
    assert_eq!(r.budget.consumed, Some(0.0));
    assert_eq!(r.coverage, Some(1.0));
    assert_eq!(r.budget.allowed, Some(0.01 * 600.0 * 49.0));
}

#[test]
fn extreme_instants_and_steps_are_errors_not_overflows() {
    let engine = Engine::new(policy(slo(Budgeting::Timeslices, HOUR)), vec![]);
    let d = data(60, |_| 0.0);
    let err = engine.evaluate(&d, i64::MIN).unwrap_err();
    assert!(
        err.message.starts_with("the evaluation time ("),
        "{}",
        err.message
    );
    assert_eq!(err.kind, EvalErrorKind::BadInstant);
    let mut far = d.clone();
    far.series[0].times[3] = i64::MAX;
    let err = engine.evaluate(&far, HOUR).unwrap_err();
    assert!(err.message.contains("series \"total\""), "{}", err.message);
    // The sample at fault, as the host gave the columns.
    assert_eq!(
        (err.kind, err.series.as_deref(), err.index),
        (EvalErrorKind::BadSeries, Some("total"), Some(3))
    );
    let mut huge_step = d.clone();
    huge_step.series[1].step = Some(i64::MAX);
    let err = engine.evaluate(&huge_step, HOUR).unwrap_err();
    assert!(err.message.contains("step"));
    assert_eq!(
        (err.kind, err.series.as_deref()),
        (EvalErrorKind::BadSeries, Some("good"))
    );
    // The edges of the range are fine, and far-apart samples infer a huge step.
    let mut edges = d;
    edges.series[0].times = vec![-MAX_INSTANT, 0, MAX_INSTANT];
    edges.series[0].values = vec![1.0; 3];
    assert!(engine.evaluate(&edges, MAX_INSTANT).is_ok());
}

/// `groupBy`: one instance per value, ordered by value, whatever the input
/// order; a series without the label is in the `""` instance; every series
/// of a role and value counts (two copies of `total` double it); a value
/// without one of the roles reads as an empty series of it. Each instance
/// reads exactly what an ungrouped evaluation of its own series reads.
#[test]
fn group_by_instances_from_scrambled_input() {
    let mut grouped = slo(Budgeting::Occurrences, HOUR);
    grouped.group_by = vec!["region".into()];
    let grouped = Engine::new(policy(grouped), vec![]);
    let alone = Engine::new(policy(slo(Budgeting::Occurrences, HOUR)), vec![]);
    let hour = data(60, |m| if m > 50 { 1.0 } else { 0.0 });
    let series = |name: &str, region: Option<&str>, scale: f64| {
        let mut s = hour.named(name).next().unwrap().clone();
        s.values.iter_mut().for_each(|v| *v *= scale);
        if let Some(region) = region {
            s = s.with_labels(&[("job", "api"), ("region", region)]);
        }
        s
    };
    let input = [
        series("good", Some("us"), 1.0),
        series("total", Some("ap"), 1.0),
        series("total", None, 2.0),
        series("good", Some("eu"), 0.5),
        series("total", Some("us"), 1.0),
        series("good", None, 2.0),
        series("total", Some("eu"), 0.5),
        series("total", Some("eu"), 0.5),
    ];
    let report = grouped
        .evaluate(
            &DataSet {
                series: input.to_vec(),
            },
            HOUR,
        )
        .unwrap();
    let keys: Vec<&str> = report.slos.iter().map(|s| s.group[0].1.as_str()).collect();
    assert_eq!(keys, ["", "ap", "eu", "us"]);
    let no_good = input.len();
    for (instance, indices) in [
        (0, vec![2, 5]),
        (1, vec![1, no_good]),
        (2, vec![3, 6, 7]),
        (3, vec![0, 4]),
    ] {
        let own = DataSet {
            series: indices
                .iter()
                .map(|&i| input.get(i).cloned())
                .map(|s| s.unwrap_or_else(|| Series::new("good", vec![], vec![])))
                .collect(),
        };
        let mut expected = alone.evaluate(&own, HOUR).unwrap().slos.remove(0);
        expected.group = vec![("region".into(), keys[instance].into())];
        assert_eq!(report.slos[instance], expected, "instance {instance}");
    }
    // Two copies of eu's total at half the traffic make 36,000 events; its
    // one good at half has 0.5 × (36,000 − 600).
    assert!((report.slos[2].sli.unwrap() - 17_700.0 / 36_000.0).abs() < 1e-12);
}

/// More `groupBy` instances than an evaluation may have: refused before
/// any is computed, with the limit and what to do.
#[test]
fn too_many_instances_are_refused_with_the_limit() {
    let mut grouped = slo(Budgeting::Occurrences, HOUR);
    grouped.group_by = vec!["region".into()];
    let engine = Engine::new(policy(grouped), vec![]);
    let mut d = DataSet::default();
    for i in 0..=MAX_INSTANCES {
        let region = format!("r{i}");
        d.push(Series::new("total", vec![], vec![]).with_labels(&[("region", &region)]));
    }
    d.push(Series::new("good", vec![], vec![]));
    assert_eq!(
        engine.evaluate(&d, HOUR).unwrap_err().message,
        "SLO \"availability\": groupBy [region] makes 100002 instances, and one evaluation may have at most 100000 in all (each carries a 500-point burn-down): group by fewer labels or query fewer series"
    );
}

/// 10 requests a second over the two hours before `at`, `share(minutes
/// before at)` of them failing.
fn last_two_hours(at: Instant, share: impl Fn(i64) -> f64) -> DataSet {
    let times: Vec<i64> = (0..=120).map(|i| at - (120 - i) * MINUTE).collect();
    let mut d = DataSet::default();
    d.push(Series::new("total", times.clone(), vec![10.0; times.len()]));
    d.push(Series::new(
        "good",
        times.clone(),
        times
            .iter()
            .map(|t| 10.0 * (1.0 - share((at - t) / MINUTE)))
            .collect(),
    ));
    d
}

const MONTHLY: &str = r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: p}
spec:
  slos:
    - name: monthly
      objective: 99%
      window: {calendar: month}
      sli: {ratio: {good: good, total: total}}
      alerting:
        - {name: fixed, severity: page, windows: [{long: 1h, short: 5m, factor: 14.4}]}
        - {name: shared, severity: page, windows: [{long: 1h, short: 5m, budget: 2%}]}
        - {name: single, severity: ticket, windows: [{long: 1h, factor: 2}]}
"#;

#[test]
fn a_fixed_factor_is_the_same_in_february_and_march_and_a_budget_share_is_not() {
    let engine = Engine::from_text(MONTHLY).unwrap();
    // 14.5% failing for the last hour: a burn rate of 14.5 over 1h and 5m.
    for (at, month_hours, shared_fires) in [
        ("2026-02-20T12:00:00Z", 672.0, true),
        ("2026-03-20T12:00:00Z", 744.0, false),
    ] {
        let at = crate::time::parse_rfc3339(at).unwrap();
        let data = last_two_hours(at, |m| if m < 60 { 0.145 } else { 0.0 });
        let r = engine.evaluate(&data, at).unwrap();
        let s = &r.slos[0];
        let fixed = &s.alerts[0].pairs[0];
        assert!((fixed.long_burn.unwrap() - 14.5).abs() < 1e-9);
        // The written factor, whatever the month: both months fire.
        assert_eq!(fixed.factor, 14.4);
        assert!(fixed.fixed_factor && fixed.firing);
        // The budget it stands for follows the month: 14.4 × 1h / P.
        assert!(
            (fixed.budget - 14.4 / month_hours).abs() < 1e-15,
            "{}",
            fixed.budget
        );
        // budget: 2% is a factor of 2% × P / 1h: 13.44 in February (fires),
        // 14.88 in March (does not).
        let shared = &s.alerts[1].pairs[0];
        assert!(
            (shared.factor - 0.02 * month_hours).abs() < 1e-9,
            "{}",
            shared.factor
        );
        assert!(!shared.fixed_factor);
        assert_eq!(shared.firing, shared_fires);
        assert_eq!(s.alerts[1].firing, shared_fires);
    }
}

#[test]
fn a_single_window_alert_fires_on_its_long_window_alone() {
    let engine = Engine::from_text(MONTHLY).unwrap();
    let at = crate::time::parse_rfc3339("2026-03-20T12:00:00Z").unwrap();
    // 3% failing over the hour, but none in the last 10 minutes: the 1h
    // burn rate is 3 × 50 / 60 = 2.5 > 2, the 5m one 0.
    let data = last_two_hours(at, |m| if (10..60).contains(&m) { 0.03 } else { 0.0 });
    let r = engine.evaluate(&data, at).unwrap();
    let single = &r.slos[0].alerts[2];
    assert_eq!(single.pairs[0].short, None);
    assert_eq!(single.pairs[0].short_burn, None);
    assert!((single.pairs[0].long_burn.unwrap() - 2.5).abs() < 1e-9);
    assert!(single.firing);
    // With 26 clean minutes the 1h burn rate is 3 × 34 / 60 = 1.7: it no
    // longer fires.
    let data = last_two_hours(at, |m| if (26..60).contains(&m) { 0.03 } else { 0.0 });
    let r = engine.evaluate(&data, at).unwrap();
    assert!((r.slos[0].alerts[2].pairs[0].long_burn.unwrap() - 1.7).abs() < 1e-9);
    assert!(!r.slos[0].alerts[2].firing);
    // In JSON: short null, shortBurn null.
    let json = crate::report::json::to_json(&r);
    assert!(
        json.contains(r#"{"long":"1h","short":null,"budget":"#),
        "{json}"
    );
}

#[test]
fn a_scoped_rule_sets_the_level_of_the_slo_it_names_and_not_its_neighbours() {
    // Two SLOs on the same data, 60% of a 1% budget spent (0.6% failing):
    // 40% left in both. The rule "remaining < 50%" is scoped to the first.
    let text = r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: p}
spec:
  slos:
    - name: checkout
      objective: 99%
      window: {rolling: 1h}
      sli: {ratio: {good: good, total: total}}
    - name: search
      objective: 99%
      window: {rolling: 1h}
      sli: {ratio: {good: good, total: total}}
  policy:
    levels: [healthy, freeze]
    rules:
      - {level: freeze, when: "remaining < 50% and burn_rate(20m) > 0", slos: [checkout]}
"#;
    let engine = Engine::from_text(text).unwrap();
    let r = engine.evaluate(&data(60, |_| 0.06), 60 * MINUTE).unwrap();
    let (checkout, search) = (&r.slos[0], &r.slos[1]);
    assert!((checkout.budget.remaining_ratio.unwrap() - 0.4).abs() < 1e-9);
    assert!((search.budget.remaining_ratio.unwrap() - 0.4).abs() < 1e-9);
    assert_eq!(checkout.level, "freeze");
    assert_eq!(checkout.reasons.len(), 1);
    assert_eq!(search.level, "healthy");
    assert!(search.reasons.is_empty());
    // Its window is the checkout SLO's only: search reports no 20m burn rate.
    assert!(checkout.burn_rates.iter().any(|(w, _)| *w == 20 * MINUTE));
    assert!(!search.burn_rates.iter().any(|(w, _)| *w == 20 * MINUTE));
    assert!(search.timeline.iter().all(|s| s.reasons.is_empty()));
    assert_eq!(r.level, "freeze");
}

#[test]
fn a_hold_time_stays_pending_for_four_minutes_fires_at_the_fifth_and_resets_after_one_step_below() {
    // 10% failing at the interval ends of minutes 30–39 and 42–51, none
    // elsewhere. burn_rate(2m) at minute T reads the ends T − 1 and T: 5
    // (= 10% / 2 / 1%) at T = 30 and at 40, 10 between, 0 at 41 (ends 40
    // and 41 clean), 5 again from 42 to 52. Above the factor 4: the
    // condition holds at minutes 30–40 and 42–52, not at 41 or 53.
    let text = r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: p}
spec:
  slos:
    - name: api
      objective: 99%
      window: {rolling: 1h}
      sli: {ratio: {good: good, total: total}}
      alerting:
        - {name: slow, for: 5m, windows: [{long: 2m, factor: 4}]}
  policy:
    levels: [healthy, freeze]
    rules:
      - {level: freeze, when: "alert(slow)"}
"#;
    let engine = Engine::from_text(text).unwrap();
    let bad = |m: i64| {
        if (30..40).contains(&m) || (42..52).contains(&m) {
            1.0
        } else {
            0.0
        }
    };
    let data = data(60, bad);
    let state = |minute: i64| {
        let r = engine.evaluate(&data, minute * MINUTE).unwrap();
        let a = &r.slos[0].alerts[0];
        assert_eq!(a.hold, 5 * MINUTE);
        assert_eq!(r.slos[0].level == "freeze", a.firing, "minute {minute}");
        (
            a.pairs[0].firing,
            a.firing,
            a.pending_since.map(|t| t / MINUTE),
        )
    };
    assert_eq!(state(29), (false, false, None));
    // Pending from minute 30 for 4 minutes (held 0 to 4 minutes)…
    for m in 30..=34 {
        assert_eq!(state(m), (true, false, Some(30)), "minute {m}");
    }
    // …firing at the 5th: held at every step from minute 30 to 35.
    for m in 35..=40 {
        assert_eq!(state(m), (true, true, None), "minute {m}");
    }
    // One step below resets it: pending again from 42, firing from 47.
    assert_eq!(state(41), (false, false, None));
    for m in 42..=46 {
        assert_eq!(state(m), (true, false, Some(42)), "minute {m}");
    }
    for m in 47..=52 {
        assert_eq!(state(m), (true, true, None), "minute {m}");
    }
    assert_eq!(state(53), (false, false, None));

    // The level timeline at minute 53 shows the same states apart. Its
    // points are p(k) = −7 min + k × 7.2 s (1h / 500); a point between two
    // steps counts the steps before it and itself, so each state starts at
    // the first point at or after the minute it starts: pending at p(309)
    // = 30:04.8, firing at p(350) = 35:00, inactive at p(400) = 41:00,
    // pending at p(409) = 42:04.8, firing at p(450) = 47:00, inactive at
    // p(500) = 53:00.
    let r = engine.evaluate(&data, 53 * MINUTE).unwrap();
    let p = |k: i64| -7 * MINUTE + k * 7_200;
    let got: Vec<(Instant, Instant, &str, usize, usize)> = r.slos[0]
        .timeline
        .iter()
        .map(|s| {
            (
                s.from,
                s.to,
                s.level.as_str(),
                s.pending.len(),
                s.alerts.len(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (p(0), p(308), "healthy", 0, 0),
            (p(308), p(349), "healthy", 1, 0),
            (p(349), p(399), "freeze", 0, 1),
            (p(399), p(408), "healthy", 0, 0),
            (p(408), p(449), "healthy", 1, 0),
            (p(449), p(499), "freeze", 0, 1),
            (p(499), p(500), "healthy", 0, 0),
        ]
    );
    assert_eq!(r.slos[0].timeline[1].pending, vec!["slow".to_string()]);
    // In JSON: Prometheus' state, the hold and since when.
    let r = engine.evaluate(&data, 33 * MINUTE).unwrap();
    let json = crate::report::json::to_json(&r);
    assert!(
        json.contains(&format!(
            r#""firing":false,"state":"pending","for":"5m","pendingSince":{},"#,
            30 * MINUTE
        )),
        "{json}"
    );
}
