//! # What this benchmark measures
//!
//! The cost of one [`Engine::evaluate`] call: the whole pipeline from the
//! columns a host hands over to a finished [`slogate::Report`] — cleaning
//! (the already-clean fast path: datasource output is sorted and finite),
//! events per interval, compensated prefix sums (or the timeslice table),
//! known time and coverage, every burn rate, the default alert catalog, the
//! rules of the error-budget policy, and the 500-point burn-down, which is
//! always computed.
//!
//! The performance contract ("O(n + windows)": one pass over the samples, then a
//! constant cost per window) is checked by:
//!
//! - **`headline`** — the case a Grafana panel evaluates on every refresh: a
//!   30-day rolling window at 1-minute resolution, 43,200 samples each for
//!   `good` and `total` (`rate` kind, diurnal traffic, a background error
//!   rate, an old incident and a fresh one that fires the page alert), the
//!   default alert catalog for 30 days, and a six-rule policy (levels
//!   healthy/warning/freeze/breach) on `remaining`, `burn_rate(30m)`,
//!   `burn_rate(6h)`, `consumed(3d)`, `time_to_exhaustion` and `alert(page)`.
//!   Target: **≥ 200 million samples/s**, i.e. 86,400 samples in ≤ 0.43 ms.
//! - **`timeslices`** — the headline case with `budgeting: timeslices`
//!   (1-minute slices, the data's step).
//! - **`scaling`** — the headline policy over the same 30-day window at
//!   10k, 100k and 1M samples per series (the resolution changes, the window
//!   does not): samples/s should stay flat, i.e. the cost grows linearly.
//! - **`windows`** — the headline data with a policy of 1 or 20 rules, each
//!   naming a different `burn_rate(W)`: the time per evaluation should stay
//!   flat, since every window is an O(log n) query on the prefix sums.
//! - **`history`** — the headline case with the burn-down and the level
//!   timeline (`full`, what `Engine::evaluate` does), the burn-down alone,
//!   and neither (`Engine::evaluate_with`). Issue 8's budget: the timeline
//!   costs at most 25% over the burn-down alone. The summary times `full`
//!   and `burn-down` alternately (the machine's speed drifts between
//!   minutes) and prints the ratio.
//! - **`groups`** — growth in `groupBy` instances: the headline policy
//!   grouped by `repository`, over 1k, 10k and 100k repositories, each with
//!   a small good and total series (10 samples), supplied in no particular
//!   order. The time per group should stay flat (cost linear in groups).
//!
//! Divan reports the time per evaluation and, through an items counter (the
//! number of samples in all series), samples per second. After divan's table
//! the bench prints its own summary: each case evaluated 200 times with
//! `std::time::Instant`, as `case  µs/eval  Msamples/s` lines, and whether the
//! headline case meets the target.
//!
//! - **`panel`** — what the Grafana panel's benchmark hands the engine (plugin/
//!   bench/render.mjs): the headline policy over a 7-day window grouped by
//!   `route`, 50 routes, each a good and total series of the 14 days and
//!   3 minutes the data plan reads at 1-minute resolution (2 M samples),
//!   with every history (`full`) and with none (`none`).
//!
//! # How to run it
//!
//! ```text
//! cargo bench --bench eval                 # everything, about a minute
//! cargo bench --bench eval -- headline     # divan's filter; the summary still runs
//! SLOGATE_BENCH_SUMMARY=0 cargo bench --bench eval -- groups   # groupBy growth only
//! SLOGATE_BENCH_SUMMARY=0 cargo bench --bench eval   # divan's table only
//! ```
//!
//! The policy is built as a [`Policy`] value rather than parsed from YAML, so
//! the numbers are the evaluation's alone (parsing happens once per
//! [`Engine`], not per evaluation).

use std::hint::black_box;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use divan::counter::ItemsCount;
use divan::Bencher;
use slogate::diagnostic::Location;
use slogate::eval::History;
use slogate::expr::{Expr, Term};
use slogate::policy::{
    default_alerts, Budgeting, CmpOp, Policy, Rule, SeriesRef, Sli, Slo, Window,
};
use slogate::time::{Millis, DAY, HOUR, MINUTE};
use slogate::{DataSet, Engine, Series, SeriesKind};

/// The SLO window of every case.
const PERIOD: Millis = 30 * DAY;
/// Samples per series of the headline case: 30 days at 1-minute resolution.
const HEADLINE_SAMPLES: usize = 43_200;
/// The evaluation instant: 2026-03-01T00:00:00Z, the time of the last sample.
const AT: i64 = 1_772_323_200_000;
/// Evaluations per case in the closing summary.
const SUMMARY_RUNS: u32 = 200;
/// The headline target, in samples per second.
const TARGET_SAMPLES_PER_SECOND: f64 = 200e6;

fn main() {
    divan::main();
    let args: Vec<String> = std::env::args().collect();
    // `cargo test --benches` runs the bench with `--test`: divan runs each
    // case once; a timing summary would only slow the test run down.
    let testing = args.iter().any(|a| a == "--test" || a == "--list");
    let wanted = std::env::var("SLOGATE_BENCH_SUMMARY").map_or(true, |v| v != "0");
    if wanted && !testing {
        summary();
    }
}

// ---------------------------------------------------------------------------
// Divan cases
// ---------------------------------------------------------------------------

/// 30 days at 1 minute, occurrences, default alerts, six rules.
#[divan::bench(sample_count = 200, sample_size = 10)]
fn headline(bencher: Bencher) {
    run(bencher, &HEADLINE);
}

/// The headline case with `budgeting: timeslices` (1-minute slices).
#[divan::bench(sample_count = 200, sample_size = 10)]
fn timeslices(bencher: Bencher) {
    run(bencher, &TIMESLICES);
}

/// The headline policy over 30 days at 10k, 100k and 1M samples per series.
#[divan::bench(args = [10_000, 100_000, 1_000_000], sample_count = 50, sample_size = 2)]
fn scaling(bencher: Bencher, samples_per_series: usize) {
    let case = SCALING
        .iter()
        .find(|c| c.samples_per_series == samples_per_series)
        .expect("a scaling case for every argument");
    run(bencher, case);
}

/// The headline data with 1 or 20 rules, each naming a different burn_rate(W).
#[divan::bench(args = [1, 20], sample_count = 200, sample_size = 10)]
fn windows(bencher: Bencher, burn_rate_windows: usize) {
    let case = if burn_rate_windows == 1 {
        &WINDOWS_1
    } else {
        &WINDOWS_20
    };
    run(bencher, case);
}

/// The headline policy grouped by `repository`: 1k, 10k and 100k groups of
/// two 10-sample series each. Items are groups (divan's throughput column).
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 5, sample_size = 1)]
fn groups(bencher: Bencher, groups: usize) {
    let case = GROUPS
        .iter()
        .find(|c| c.data.series.len() == 2 * groups)
        .expect("a groups case for every argument");
    bencher.counter(ItemsCount::new(groups)).bench(|| {
        case.engine
            .evaluate(black_box(&case.data), black_box(AT))
            .expect("the bench data fits the policy")
    });
}

/// 50 routes of 14 days at 1 minute, a 7-day window: the panel's case.
#[divan::bench(args = ["full", "none"], sample_count = 20, sample_size = 1)]
fn panel(bencher: Bencher, which: &str) {
    let history = if which == "full" {
        History::FULL
    } else {
        History::NONE
    };
    bencher
        .counter(ItemsCount::new(PANEL.samples()))
        .bench(|| PANEL.evaluate_with(history));
}

fn run(bencher: Bencher, case: &Case) {
    bencher
        .counter(ItemsCount::new(case.samples()))
        .bench(|| case.evaluate());
}

/// The headline case (its very engine and data: a copy of the data would
/// sit elsewhere in memory, which alone moves the time by up to 40% on this
/// machine) with all, part or none of its history.
#[divan::bench(args = ["charts", "full", "burn-down", "none"], sample_count = 200, sample_size = 10)]
fn history(bencher: Bencher, which: &str) {
    let history = match which {
        "charts" => History::CHARTS,
        "full" => History::FULL,
        "burn-down" => BURNDOWN_ONLY,
        _ => History::NONE,
    };
    bencher
        .counter(ItemsCount::new(HEADLINE.samples()))
        .bench(|| HEADLINE.evaluate_with(history));
}

/// The burn-down without the level timeline.
const BURNDOWN_ONLY: History = History {
    burndown: true,
    timeline: false,
    burn_rates: false,
};

// ---------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------

/// An engine, the data it evaluates, and a name for the summary.
struct Case {
    name: String,
    engine: Engine,
    data: DataSet,
    samples_per_series: usize,
}

impl Case {
    fn new(name: impl Into<String>, policy: Policy, samples_per_series: usize) -> Case {
        Case {
            name: name.into(),
            engine: Engine::new(policy, vec![]),
            data: traffic(samples_per_series),
            samples_per_series,
        }
    }

    fn evaluate(&self) -> slogate::Report {
        self.evaluate_with(History::FULL)
    }

    fn evaluate_with(&self, history: History) -> slogate::Report {
        self.engine
            .evaluate_with(black_box(&self.data), black_box(AT), history)
            .expect("the bench data fits the policy")
    }

    /// Samples in all series: what "samples per second" counts.
    fn samples(&self) -> usize {
        self.data.series.iter().map(|s| s.times.len()).sum()
    }
}

static HEADLINE: LazyLock<Case> = LazyLock::new(|| {
    Case::new(
        "headline 30d@1m occurrences",
        policy(Budgeting::Occurrences, headline_rules()),
        HEADLINE_SAMPLES,
    )
});

static TIMESLICES: LazyLock<Case> = LazyLock::new(|| {
    Case::new(
        "headline 30d@1m timeslices",
        policy(Budgeting::Timeslices, headline_rules()),
        HEADLINE_SAMPLES,
    )
});

static SCALING: LazyLock<Vec<Case>> = LazyLock::new(|| {
    [10_000, 100_000, 1_000_000]
        .into_iter()
        .map(|n| {
            Case::new(
                format!("scaling {n} samples/series"),
                policy(Budgeting::Occurrences, headline_rules()),
                n,
            )
        })
        .collect()
});

static WINDOWS_1: LazyLock<Case> = LazyLock::new(|| {
    Case::new(
        "windows: 1 burn_rate(W) rule",
        policy(Budgeting::Occurrences, burn_rate_rules(1)),
        HEADLINE_SAMPLES,
    )
});

static WINDOWS_20: LazyLock<Case> = LazyLock::new(|| {
    Case::new(
        "windows: 20 burn_rate(W) rules",
        policy(Budgeting::Occurrences, burn_rate_rules(20)),
        HEADLINE_SAMPLES,
    )
});

static GROUPS: LazyLock<Vec<Case>> = LazyLock::new(|| {
    [1_000, 10_000, 100_000]
        .into_iter()
        .map(|groups| {
            let mut policy = policy(Budgeting::Occurrences, headline_rules());
            policy.slos[0].group_by = vec!["repository".into()];
            Case {
                name: format!("groups: {groups} repositories"),
                engine: Engine::new(policy, vec![]),
                data: repositories(groups),
                samples_per_series: GROUP_SAMPLES,
            }
        })
        .collect()
});

/// Routes of the `panel` case.
const PANEL_ROUTES: usize = 50;

static PANEL: LazyLock<Case> = LazyLock::new(|| {
    const WEEK: Millis = 7 * DAY;
    let mut policy = policy(Budgeting::Occurrences, headline_rules());
    policy.slos[0].window = Window::Rolling { duration: WEEK };
    policy.slos[0].alerting = default_alerts(WEEK);
    policy.slos[0].group_by = vec!["route".into()];
    let engine = Engine::new(policy, vec![]);
    // The plan's start: what the panel keeps of its frames.
    let start = engine.plan(AT).expect("a plan").series[0].start;
    let n = ((AT - start) / MINUTE + 1) as usize;
    let one = traffic(HEADLINE_SAMPLES);
    let mut data = DataSet::default();
    for route in 0..PANEL_ROUTES {
        let label = format!("/route-{route}");
        for s in &one.series {
            let keep = s.times.len() - n;
            data.push(
                Series::new(
                    s.name.as_str(),
                    s.times[keep..].to_vec(),
                    s.values[keep..].to_vec(),
                )
                .with_labels(&[("route", label.as_str())])
                .with_step(MINUTE),
            );
        }
    }
    Case {
        name: format!("panel: {PANEL_ROUTES} routes, 7d window"),
        engine,
        data,
        samples_per_series: n,
    }
});

// ---------------------------------------------------------------------------
// The policy, built as a value (no parsing in the measured path)
// ---------------------------------------------------------------------------

const HEALTHY: usize = 0;
const WARNING: usize = 1;
const FREEZE: usize = 2;
const BREACH: usize = 3;

fn series_ref(name: &str) -> SeriesRef {
    SeriesRef {
        name: name.into(),
        query: None,
        kind: SeriesKind::Rate,
    }
}

/// One SLO: 99.9% over a rolling 30 days, good/total, default alerts.
fn policy(budgeting: Budgeting, rules: Vec<Rule>) -> Policy {
    let slo = Slo {
        name: "availability".into(),
        description: Some("Successful requests".into()),
        objective: 0.999,
        window: Window::Rolling { duration: PERIOD },
        budgeting,
        slice: None,
        slice_target: 0.999,
        forecast_window: HOUR,
        sli: Sli::Ratio {
            good: Some(series_ref("good")),
            bad: None,
            total: Some(series_ref("total")),
        },
        group_by: vec![],
        alerting: default_alerts(PERIOD),
        exclude: vec![],
        location: Location::default(),
    };
    let levels = ["healthy", "warning", "freeze", "breach"];
    debug_assert_eq!(levels[HEALTHY], "healthy");
    Policy {
        name: "bench".into(),
        service: Some("api".into()),
        labels: vec![],
        slos: vec![slo],
        levels: levels.iter().map(|l| l.to_string()).collect(),
        rules,
    }
}

fn term(t: Term) -> Box<Expr> {
    Box::new(Expr::Term(t))
}

fn num(n: f64) -> Box<Expr> {
    Box::new(Expr::Number(n))
}

fn rule(level: usize, when_text: &str, when: Expr, action: Option<&str>) -> Rule {
    Rule {
        level,
        when_text: when_text.into(),
        when,
        action: action.map(Into::into),
        slos: None,
        location: Location::default(),
    }
}

/// The six rules of the headline case.
fn headline_rules() -> Vec<Rule> {
    vec![
        rule(
            WARNING,
            "remaining < 50%",
            Expr::Compare(term(Term::Remaining), CmpOp::Lt, num(0.5)),
            Some("Prioritize reliability over features"),
        ),
        rule(
            FREEZE,
            "burn_rate(30m) > 5",
            Expr::Compare(term(Term::BurnRate(30 * MINUTE)), CmpOp::Gt, num(5.0)),
            None,
        ),
        rule(
            WARNING,
            "burn_rate(6h) > 2",
            Expr::Compare(term(Term::BurnRate(6 * HOUR)), CmpOp::Gt, num(2.0)),
            None,
        ),
        rule(
            FREEZE,
            "consumed(3d) > 50%",
            Expr::Compare(term(Term::ConsumedIn(3 * DAY)), CmpOp::Gt, num(0.5)),
            Some("Freeze risky changes without SRE sign-off"),
        ),
        rule(
            WARNING,
            "time_to_exhaustion < 3d",
            Expr::Compare(
                term(Term::TimeToExhaustion),
                CmpOp::Lt,
                num((3 * DAY / 1000) as f64),
            ),
            None,
        ),
        rule(
            BREACH,
            "alert(page) and remaining <= 0",
            Expr::And(
                term(Term::Alert("page".into())),
                Box::new(Expr::Compare(term(Term::Remaining), CmpOp::Le, num(0.0))),
            ),
            Some("Incident response and postmortem"),
        ),
    ]
}

/// `count` rules `burn_rate(W) > 10`, each with a different W (7m, 14m, …,
/// none of them a window the report carries anyway).
fn burn_rate_rules(count: usize) -> Vec<Rule> {
    (1..=count as i64)
        .map(|k| {
            let w = 7 * k * MINUTE;
            rule(
                FREEZE,
                &format!("burn_rate({}) > 10", slogate::time::format_duration(w)),
                Expr::Compare(term(Term::BurnRate(w)), CmpOp::Gt, num(10.0)),
                None,
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The data
// ---------------------------------------------------------------------------

/// `good` and `total` request rates over the 30 days ending at [`AT`], `n`
/// samples each, evenly spaced (1 minute for the headline's 43,200).
///
/// Traffic: 200 req/s with a ±50% daily swing and ±5% noise. Errors: 0.04%
/// in the background (40% of the 0.1% budget over the month), a 4-hour
/// incident at 1% ten days ago, and the last 2 hours at 3% (a burn rate of
/// 30: the page alert fires, `burn_rate(30m) > 5` freezes).
fn traffic(n: usize) -> DataSet {
    let step = PERIOD / n as i64;
    assert_eq!(step * n as i64, PERIOD, "{n} samples must divide 30 days");
    let mut rng = 0x9E37_79B9_7F4A_7C15_u64;
    let mut noise = move || {
        // xorshift64*: deterministic, dependency-free.
        rng ^= rng >> 12;
        rng ^= rng << 25;
        rng ^= rng >> 27;
        (rng.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut times = Vec::with_capacity(n);
    let mut total = Vec::with_capacity(n);
    let mut good = Vec::with_capacity(n);
    for i in 0..n as i64 {
        let t = AT - (n as i64 - 1 - i) * step;
        let day_phase = (t % DAY) as f64 / DAY as f64 * std::f64::consts::TAU;
        let rate = 200.0 * (1.0 + 0.5 * day_phase.sin()) * (0.95 + 0.1 * noise());
        let age = AT - t;
        let incident = (10 * DAY..10 * DAY + 4 * HOUR).contains(&age);
        let error_share = if age < 2 * HOUR {
            0.03
        } else if incident {
            0.01
        } else {
            0.0004 * (0.5 + noise())
        };
        times.push(t);
        total.push(rate);
        good.push(rate * (1.0 - error_share));
    }
    let mut data = DataSet::default();
    data.push(Series::new("total", times.clone(), total).with_step(step));
    data.push(Series::new("good", times, good).with_step(step));
    data
}

/// Samples per series of the `groups` cases: the last 10 minutes.
const GROUP_SAMPLES: usize = 10;

/// `total` then `good` for each of `groups` repositories, 10 one-minute
/// samples each ending at [`AT`], with 1% errors. Repository names are a
/// bijective scramble of the index, so the input is not in group order.
fn repositories(groups: usize) -> DataSet {
    let times: Vec<i64> = (0..GROUP_SAMPLES as i64)
        .map(|i| AT - (GROUP_SAMPLES as i64 - 1 - i) * MINUTE)
        .collect();
    let name = |g: usize| format!("repo-{:08x}", (g as u32).wrapping_mul(0x9E37_79B1));
    let mut data = DataSet::default();
    for (role, rate) in [("total", 100.0), ("good", 99.0)] {
        for g in 0..groups {
            let repository = name(g);
            let labels = [("repository", repository.as_str()), ("job", "api")];
            data.push(
                Series::new(role, times.clone(), vec![rate; GROUP_SAMPLES])
                    .with_labels(&labels)
                    .with_step(MINUTE),
            );
        }
    }
    data
}

// ---------------------------------------------------------------------------
// The closing summary
// ---------------------------------------------------------------------------

fn summary() {
    let mut cases: Vec<&Case> = vec![&HEADLINE, &TIMESLICES];
    cases.extend(SCALING.iter());
    cases.extend([&*WINDOWS_1, &*WINDOWS_20, &*PANEL]);

    println!();
    describe_headline();
    println!("slogate eval summary: {SUMMARY_RUNS} evaluations per case (median, and best)");
    println!(
        "{:<34} {:>12} {:>12} {:>12}",
        "case", "µs/eval", "best µs", "Msamples/s"
    );
    let mut headline_rate = 0.0;
    for case in cases {
        let (median, best) = time_case(case);
        let rate = case.samples() as f64 / median.as_secs_f64();
        if std::ptr::eq(case, &*HEADLINE) {
            headline_rate = rate;
        }
        println!(
            "{:<34} {:>12.1} {:>12.1} {:>12.1}",
            case.name,
            median.as_secs_f64() * 1e6,
            best.as_secs_f64() * 1e6,
            rate / 1e6
        );
    }
    let verdict = if headline_rate >= TARGET_SAMPLES_PER_SECOND {
        "meets"
    } else {
        "MISSES"
    };
    println!(
        "headline: {:.1} Msamples/s {verdict} the {:.0} Msamples/s target ({} samples in ≤ {:.2} ms)",
        headline_rate / 1e6,
        TARGET_SAMPLES_PER_SECOND / 1e6,
        HEADLINE.samples(),
        HEADLINE.samples() as f64 / TARGET_SAMPLES_PER_SECOND * 1e3
    );
    timeline_cost();
}

/// The level timeline's cost over the burn-down alone, timed alternately in
/// rounds so that a drift in the machine's speed hits both alike.
fn timeline_cost() {
    const ROUNDS: usize = 20;
    const PER_ROUND: usize = 25;
    let mut full = Vec::new();
    let mut without = Vec::new();
    for _ in 0..ROUNDS {
        for (history, times) in [(History::FULL, &mut full), (BURNDOWN_ONLY, &mut without)] {
            for _ in 0..PER_ROUND {
                let start = Instant::now();
                black_box(HEADLINE.evaluate_with(history));
                times.push(start.elapsed());
            }
        }
    }
    full.sort_unstable();
    without.sort_unstable();
    let (f, w) = (full[full.len() / 2], without[without.len() / 2]);
    let (fb, wb) = (full[0], without[0]);
    println!(
        "level timeline: {:.1} µs with, {:.1} µs without (medians of {} alternated): +{:.0}% (best: {:.1} vs {:.1} µs, +{:.0}%); budget +25%",
        f.as_secs_f64() * 1e6,
        w.as_secs_f64() * 1e6,
        full.len(),
        (f.as_secs_f64() / w.as_secs_f64() - 1.0) * 100.0,
        fb.as_secs_f64() * 1e6,
        wb.as_secs_f64() * 1e6,
        (fb.as_secs_f64() / wb.as_secs_f64() - 1.0) * 100.0,
    );
}

/// What the headline evaluation concludes, to show that alerts and rules do
/// real work (an alert fires, several rules match).
fn describe_headline() {
    let report = HEADLINE
        .engine
        .evaluate(&HEADLINE.data, AT)
        .expect("evaluates");
    let slo = &report.slos[0];
    let firing: Vec<&str> = slo
        .alerts
        .iter()
        .filter(|a| a.firing)
        .map(|a| a.name.as_str())
        .collect();
    let reasons: Vec<&str> = slo.reasons.iter().map(|r| r.when.as_str()).collect();
    println!(
        "headline report: level {}, remaining {:.3}, burn rates {}, alerts firing [{}], matched [{}], burn-down {} points",
        slo.level,
        slo.budget.remaining_ratio.unwrap_or(f64::NAN),
        slo.burn_rates.len(),
        firing.join(", "),
        reasons.join("; "),
        slo.burndown.t.len()
    );
}

/// Median and best of [`SUMMARY_RUNS`] timed evaluations, after a warm-up.
fn time_case(case: &Case) -> (Duration, Duration) {
    for _ in 0..10 {
        black_box(case.evaluate());
    }
    let mut times: Vec<Duration> = (0..SUMMARY_RUNS)
        .map(|_| {
            let start = Instant::now();
            let report = case.evaluate();
            let elapsed = start.elapsed();
            black_box(report);
            elapsed
        })
        .collect();
    times.sort_unstable();
    (times[times.len() / 2], times[0])
}
