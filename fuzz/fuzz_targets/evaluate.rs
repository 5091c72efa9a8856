//! An evaluation on any data must return a report or an `EvalError`, never
//! panic, and the report must never hold NaN or ±Inf: the spec promises
//! `null` for *no data* (SPEC §2, §4; docs/arithmetic.md).
//!
//! The input is structured (`arbitrary`):
//!
//! - **the policy**, one of
//!   - a *template*: one of a few embedded valid documents (YAML and JSON,
//!     occurrences and timeslices, ratio and threshold SLIs, rolling and
//!     calendar windows, alerting, exclusions, groupBy, every rule term) with
//!     fuzzed objectives, durations, percentages, numbers, kinds, operators,
//!     units and time zones spliced in, read by `Engine::from_text`;
//!   - *raw text*, read by `Engine::from_text`;
//!   - a *model*: a `Policy` value built directly (rolling windows, plain
//!     exclusions, fuzzed rule expressions) within the ranges the parser
//!     accepts, so that the engine is fuzzed even where the parser rejects
//!     or cannot yet express something;
//! - **the series**: names from {good, total, bad, latency}, labels, kinds,
//!   steps (also 0, negative, huge), times (regular, duplicated, out of
//!   order, jumping, raw i64 including extremes) and values (NaN, ±Inf,
//!   negative, huge, raw);
//! - **the evaluation instant**: at the data's end, near it, or any i64.
//!
//! Run: `cargo +nightly fuzz run evaluate fuzz/corpus/evaluate`.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use slogate::diagnostic::Location;
use slogate::expr::{Expr, Term};
use slogate::policy::{
    default_alerts, Alert, Budgeting, BurnWindow, CmpOp, Exclusion, Policy, Rule, SeriesRef, Sli,
    Slo, Threshold, Window,
};
use slogate::report::Report;
use slogate::time::zone::Zone;
use slogate::time::{parse_duration, Millis, DAY, HOUR, MINUTE};
use slogate::{DataSet, Engine, Series, SeriesKind};

/// 2026-03-01T00:00:00Z: where "realistic" data ends.
const BASE: i64 = 1_772_323_200_000;

// ---------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------

#[derive(Arbitrary, Debug)]
struct Input {
    policy: PolicyInput,
    series: Vec<FSeries>,
    at: At,
}

#[derive(Arbitrary, Debug)]
enum PolicyInput {
    Template { index: u8, params: Params },
    Raw(String),
    Model(Model),
}

/// Values spliced into a template's `{…}` placeholders.
#[derive(Arbitrary, Debug)]
struct Params {
    objective: Pct,
    target: Pct,
    budgets: [Pct; 3],
    durations: [Dur; 6],
    numbers: [Num; 3],
    kinds: [u8; 3],
    op: u8,
    unit: u8,
    zone: u8,
    instant: TimeText,
}

/// A percentage or fraction as a document writes it.
#[derive(Arbitrary, Debug)]
enum Pct {
    Common(u8),
    Percent(u32),
    Fraction(u64),
    Float(f64),
    Raw(String),
}

impl Pct {
    fn render(&self) -> String {
        const COMMON: [&str; 14] = [
            "99.9%", "99%", "99.5%", "99.95%", "99.99%", "99.999%", "90%", "50%", "0.999", "0.5",
            "0.000001", "1%", "100%", "0%",
        ];
        match self {
            Pct::Common(i) => COMMON[*i as usize % COMMON.len()].to_string(),
            Pct::Percent(p) => format!("{}.{:03}%", (p / 1000) % 101, p % 1000),
            Pct::Fraction(f) => format!("0.{f}"),
            Pct::Float(f) => format!("{f}"),
            Pct::Raw(s) => s.clone(),
        }
    }
}

/// A duration as a document writes it.
#[derive(Arbitrary, Debug)]
enum Dur {
    Valid(u16, u8),
    Compound(u8, u8),
    Raw(String),
}

impl Dur {
    fn render(&self) -> String {
        const UNITS: [&str; 6] = ["ms", "s", "m", "h", "d", "w"];
        match self {
            Dur::Valid(n, u) => format!("{}{}", n, UNITS[*u as usize % UNITS.len()]),
            Dur::Compound(h, m) => format!("{}h{}m", h, m),
            Dur::Raw(s) => s.clone(),
        }
    }

    /// The duration the parser would read, or `None` if it would reject it.
    fn millis(&self) -> Option<Millis> {
        parse_duration(&self.render()).ok()
    }
}

#[derive(Arbitrary, Debug)]
enum Num {
    Small(i8),
    Float(f64),
    Raw(String),
}

impl Num {
    fn render(&self) -> String {
        match self {
            Num::Small(n) => n.to_string(),
            Num::Float(f) => format!("{f}"),
            Num::Raw(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum TimeText {
    Near(i32),
    Raw(String),
}

impl TimeText {
    fn render(&self) -> String {
        match self {
            // Within about ±68 years of BASE at one-second resolution.
            TimeText::Near(s) => slogate::time::format_rfc3339(BASE + i64::from(*s) * 1000),
            TimeText::Raw(s) => s.clone(),
        }
    }
}

const KINDS: [&str; 5] = ["rate", "increase", "counter", "gauge", "bogus"];
const OPS: [&str; 7] = ["<", "<=", ">", ">=", "==", "!=", "=<"];
const UNITS: [&str; 6] = ["day", "week", "month", "quarter", "year", "fortnight"];
const ZONES: [&str; 7] = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "+05:30",
    "-12:00",
    "Mars/Olympus",
];

/// Valid documents with placeholders. `{O}` objective, `{T}` slice target,
/// `{B0..2}` alert budgets, `{D0..5}` durations, `{N0..2}` numbers, `{K0..2}`
/// kinds, `{OP}` an operator, `{U}` a calendar unit, `{Z}` a time zone,
/// `{I}` an RFC 3339 instant.
const TEMPLATES: [&str; 4] = [
    // Occurrences, rolling, good/total, custom alerting, every rule term.
    r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: fuzz-occurrences, service: api, labels: {team: sre}}
spec:
  slos:
    - name: availability
      objective: {O}
      window: {rolling: {D0}}
      forecastWindow: {D1}
      sli:
        ratio:
          good: {name: good, query: 'sum(rate(x{code!~"5.."}[5m]))', kind: {K0}}
          total: {name: total, kind: {K1}}
      groupBy: [region]
      alerting:
        - name: page
          severity: page
          for: {D4}
          windows:
            - {long: {D2}, short: {D3}, budget: {B0}}
            - {long: 6h, short: 30m, budget: {B1}}
        - name: ticket
          severity: ticket
          windows:
            - {long: {D4}, short: 2h, budget: {B2}}
      exclude:
        - {start: {I}, duration: {D5}, reason: fuzz}
  policy:
    levels: [healthy, warning, freeze, breach]
    rules:
      - {level: warning, when: "remaining < {B0}", action: slow down}
      - {level: freeze, when: "burn_rate({D1}) {OP} {N0}"}
      - {level: freeze, when: "consumed({D2}) > {B1} or sli({D3}) < {O}"}
      - {level: warning, when: "time_to_exhaustion < {D4} and not coverage < {N1}"}
      - {level: breach, when: "alert(page) and (remaining <= {N2} or consumed >= 1)"}
"#,
    // Timeslices, calendar window in a zone, bad/total, recurring exclusion.
    r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata:
  name: fuzz-timeslices
spec:
  defaults:
    window: {calendar: {U}, timeZone: "{Z}"}
    budgeting: timeslices
  slos:
    - name: slices
      objective: {O}
      slice: {D0}
      sliceTarget: {T}
      sli:
        ratio:
          bad: {name: bad, kind: {K0}}
          total: {name: total, kind: {K1}}
      exclude:
        - {start: {I}, duration: {D1}, rrule: "FREQ=WEEKLY;BYDAY=SU", timeZone: "{Z}"}
  policy:
    levels: [ok, freeze]
    rules:
      - {level: freeze, when: "remaining < {T} or burn_rate({D2}) > {N0}"}
      - {level: freeze, when: "consumed({D3}) > {B0}"}
"#,
    // Threshold SLI on a gauge, timeslices, rolling window, default alerts.
    r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: fuzz-latency}
spec:
  slos:
    - name: latency
      objective: {O}
      window: {rolling: {D0}}
      budgeting: timeslices
      slice: {D1}
      forecastWindow: {D2}
      sli:
        threshold: {series: latency, op: "{OP}", value: {N0}}
  policy:
    rules:
      - {level: warning, when: "sli({D3}) < {T}"}
      - {level: breach, when: "remaining <= {N1} and alert(ticket)"}
"#,
    // JSON, good/bad, defaults, two SLOs.
    r#"{
  "apiVersion": "slogate/v1",
  "kind": "ServiceLevelPolicy",
  "metadata": {"name": "fuzz-json"},
  "spec": {
    "defaults": {"window": {"rolling": "{D0}"}, "objective": "{O}"},
    "slos": [
      {"name": "a", "sli": {"ratio": {"good": {"name": "good", "kind": "{K0}"}, "bad": {"name": "bad", "kind": "{K1}"}}}},
      {"name": "b", "objective": "{T}", "window": {"calendar": "{U}", "timeZone": "{Z}"},
       "sli": {"ratio": {"good": "good", "total": {"name": "total", "kind": "{K2}"}}}}
    ]
  },
  "policy": {"rules": [{"level": "freeze", "when": "burn_rate({D1}) > {N0}"}]}
}
"#,
];

fn render_template(index: u8, p: &Params) -> String {
    let mut text = TEMPLATES[index as usize % TEMPLATES.len()].to_string();
    let mut put = |key: &str, value: String| text = text.replace(key, &value);
    put("{OP}", OPS[p.op as usize % OPS.len()].to_string());
    put("{O}", p.objective.render());
    put("{T}", p.target.render());
    for (i, b) in p.budgets.iter().enumerate() {
        put(&format!("{{B{i}}}"), b.render());
    }
    for (i, d) in p.durations.iter().enumerate() {
        put(&format!("{{D{i}}}"), d.render());
    }
    for (i, n) in p.numbers.iter().enumerate() {
        put(&format!("{{N{i}}}"), n.render());
    }
    for (i, k) in p.kinds.iter().enumerate() {
        put(
            &format!("{{K{i}}}"),
            KINDS[*k as usize % KINDS.len()].to_string(),
        );
    }
    put("{U}", UNITS[p.unit as usize % UNITS.len()].to_string());
    put("{Z}", ZONES[p.zone as usize % ZONES.len()].to_string());
    put("{I}", p.instant.render());
    text
}

// ---------------------------------------------------------------------------
// The model path: a Policy value within the ranges the parser accepts
// ---------------------------------------------------------------------------

#[derive(Arbitrary, Debug)]
struct Model {
    /// objective = (1 + n % 999_999) / 1e6, in (0, 1).
    objective: u32,
    slice_target: u32,
    window: Dur,
    timeslices: bool,
    slice: Option<Dur>,
    forecast: Dur,
    sli: ModelSli,
    group_by: bool,
    alerting: Option<Vec<(Dur, Dur, u16)>>,
    exclude: Vec<(i32, u32)>,
    levels: u8,
    rules: Vec<(u8, FExpr)>,
}

#[derive(Arbitrary, Debug)]
enum ModelSli {
    GoodTotal(u8, u8),
    BadTotal(u8, u8),
    GoodBad(u8, u8),
    Threshold(u8, f64),
}

#[derive(Arbitrary, Debug)]
enum FExpr {
    Cmp(FTerm, u8, f64),
    Alert(bool),
    And(Box<FExpr>, Box<FExpr>),
    Or(Box<FExpr>, Box<FExpr>),
    Not(Box<FExpr>),
}

#[derive(Arbitrary, Debug)]
enum FTerm {
    Remaining,
    Consumed,
    ConsumedIn(Dur),
    BurnRate(Dur),
    Sli,
    SliIn(Dur),
    TimeToExhaustion,
    Coverage,
    Number(f64),
}

fn fraction(n: u32) -> f64 {
    f64::from(1 + n % 999_999) / 1e6
}

fn op(n: u8) -> CmpOp {
    [
        CmpOp::Lt,
        CmpOp::Le,
        CmpOp::Gt,
        CmpOp::Ge,
        CmpOp::Eq,
        CmpOp::Ne,
    ][n as usize % 6]
}

fn kind(n: u8) -> SeriesKind {
    [SeriesKind::Rate, SeriesKind::Increase, SeriesKind::Counter][n as usize % 3]
}

fn finite(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

fn dur_or(d: &Dur, fallback: Millis) -> Millis {
    d.millis().unwrap_or(fallback)
}

fn term(t: &FTerm) -> Expr {
    let t = match t {
        FTerm::Remaining => Term::Remaining,
        FTerm::Consumed => Term::Consumed,
        FTerm::ConsumedIn(d) => Term::ConsumedIn(dur_or(d, DAY)),
        FTerm::BurnRate(d) => Term::BurnRate(dur_or(d, HOUR)),
        FTerm::Sli => Term::Sli,
        FTerm::SliIn(d) => Term::SliIn(dur_or(d, HOUR)),
        FTerm::TimeToExhaustion => Term::TimeToExhaustion,
        FTerm::Coverage => Term::Coverage,
        FTerm::Number(n) => return Expr::Number(finite(*n)),
    };
    Expr::Term(t)
}

/// The parser only produces boolean expressions; depth is capped (the
/// parser's nesting is bounded by the text, this keeps the stack small).
fn expr(e: &FExpr, depth: u32) -> Expr {
    if depth > 8 {
        return Expr::Compare(
            Box::new(Expr::Term(Term::Remaining)),
            CmpOp::Lt,
            Box::new(Expr::Number(0.5)),
        );
    }
    match e {
        FExpr::Cmp(t, o, n) => Expr::Compare(
            Box::new(term(t)),
            op(*o),
            Box::new(Expr::Number(finite(*n))),
        ),
        FExpr::Alert(page) => Expr::Term(Term::Alert(if *page { "page" } else { "nope" }.into())),
        FExpr::And(a, b) => Expr::And(Box::new(expr(a, depth + 1)), Box::new(expr(b, depth + 1))),
        FExpr::Or(a, b) => Expr::Or(Box::new(expr(a, depth + 1)), Box::new(expr(b, depth + 1))),
        FExpr::Not(a) => Expr::Not(Box::new(expr(a, depth + 1))),
    }
}

fn series_ref(name: &str, k: u8) -> Option<SeriesRef> {
    Some(SeriesRef {
        name: name.into(),
        query: None,
        kind: kind(k),
    })
}

fn model_policy(m: &Model) -> Policy {
    let objective = fraction(m.objective);
    let window = dur_or(&m.window, 28 * DAY);
    let sli = match m.sli {
        ModelSli::GoodTotal(a, b) => Sli::Ratio {
            good: series_ref("good", a),
            bad: None,
            total: series_ref("total", b),
        },
        ModelSli::BadTotal(a, b) => Sli::Ratio {
            good: None,
            bad: series_ref("bad", a),
            total: series_ref("total", b),
        },
        ModelSli::GoodBad(a, b) => Sli::Ratio {
            good: series_ref("good", a),
            bad: series_ref("bad", b),
            total: None,
        },
        ModelSli::Threshold(o, v) => Sli::Threshold {
            series: SeriesRef {
                name: "latency".into(),
                query: None,
                kind: SeriesKind::Gauge,
            },
            op: op(o),
            value: finite(v),
        },
    };
    let alerting = match &m.alerting {
        None => default_alerts(window),
        Some(pairs) => vec![Alert {
            name: "page".into(),
            severity: "page".into(),
            windows: pairs
                .iter()
                .take(8)
                .map(|(l, s, b)| BurnWindow {
                    long: dur_or(l, HOUR),
                    // Every third pair a single window; every fifth a fixed factor.
                    short: (b % 3 != 0).then(|| dur_or(s, 5 * MINUTE)),
                    threshold: if b % 5 == 0 {
                        Threshold::Factor(f64::from(1 + b % 200) / 10.0)
                    } else {
                        Threshold::Budget(f64::from(1 + b % 1000) / 1000.0)
                    },
                })
                .collect(),
            // A hold time (`for`) when the first pair's number is even: any
            // duration the input gives, up to 400 years, so that a long hold
            // over long data shows no hang.
            hold: pairs
                .first()
                .filter(|(_, _, b)| b % 2 == 0)
                .map_or(0, |(_, s, _)| dur_or(s, 5 * MINUTE)),
        }],
    };
    let levels = 1 + (m.levels % 4) as usize;
    let slo = Slo {
        name: "model".into(),
        description: None,
        objective,
        window: Window::Rolling { duration: window },
        budgeting: if m.timeslices {
            Budgeting::Timeslices
        } else {
            Budgeting::Occurrences
        },
        slice: m.slice.as_ref().and_then(Dur::millis),
        slice_target: fraction(m.slice_target),
        forecast_window: dur_or(&m.forecast, HOUR),
        sli,
        group_by: if m.group_by {
            vec!["region".into()]
        } else {
            vec![]
        },
        alerting,
        exclude: m
            .exclude
            .iter()
            .take(8)
            .map(|(start, len)| {
                let start = BASE + i64::from(*start) * 1000;
                Exclusion {
                    start,
                    end: start + 1 + i64::from(*len),
                    rrule: None,
                    zone: Zone::utc(),
                    reason: None,
                }
            })
            .collect(),
        location: Location::default(),
    };
    Policy {
        name: "model".into(),
        service: None,
        labels: vec![],
        slos: vec![slo],
        levels: ["healthy", "warning", "freeze", "breach"][..levels]
            .iter()
            .map(|l| l.to_string())
            .collect(),
        rules: m
            .rules
            .iter()
            .take(16)
            .map(|(level, e)| Rule {
                level: *level as usize % levels,
                when_text: format!("{e:?}"),
                when: expr(e, 0),
                action: None,
                // Every fourth rule scoped to the first SLO.
                slos: (*level % 4 == 1).then(|| vec![0]),
                location: Location::default(),
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------
// Series
// ---------------------------------------------------------------------------

#[derive(Arbitrary, Debug)]
struct FSeries {
    name: u8,
    labels: Vec<(u8, u8)>,
    kind: Option<u8>,
    step: Option<FStep>,
    start: FStart,
    spacing: FSpacing,
    samples: Vec<(FJitter, FValue)>,
}

#[derive(Arbitrary, Debug)]
enum FStep {
    Zero,
    Negative(i64),
    Huge,
    Ms(u32),
    Raw(i64),
}

#[derive(Arbitrary, Debug)]
enum FStart {
    /// So many spacings before BASE.
    Before(u16),
    Raw(i64),
    Min,
    Max,
}

#[derive(Arbitrary, Debug)]
enum FSpacing {
    Minute,
    FifteenSeconds,
    Ms(u32),
    Raw(i64),
}

#[derive(Arbitrary, Debug)]
enum FJitter {
    Regular,
    Duplicate,
    Back(u16),
    Jump(u32),
    Raw(i64),
}

#[derive(Arbitrary, Debug)]
enum FValue {
    Rate(u16),
    Zero,
    Nan,
    Inf,
    NegInf,
    Negative(u16),
    Huge,
    Tiny,
    Raw(f64),
}

const NAMES: [&str; 4] = ["good", "total", "bad", "latency"];
const LABEL_KEYS: [&str; 3] = ["region", "pod", ""];
const LABEL_VALUES: [&str; 3] = ["eu", "us", ""];

fn build_series(f: &FSeries) -> Series {
    let spacing: i64 = match f.spacing {
        FSpacing::Minute => MINUTE,
        FSpacing::FifteenSeconds => 15_000,
        FSpacing::Ms(ms) => i64::from(ms),
        FSpacing::Raw(r) => r,
    };
    let n = f.samples.len().min(4096);
    let mut t: i64 = match f.start {
        FStart::Before(k) => BASE.wrapping_sub(spacing.wrapping_mul(i64::from(k))),
        FStart::Raw(r) => r,
        FStart::Min => i64::MIN,
        FStart::Max => i64::MAX.wrapping_sub(spacing.wrapping_mul(n as i64)),
    };
    let mut times = Vec::with_capacity(n);
    let mut values = Vec::with_capacity(n);
    for (jitter, value) in &f.samples[..n] {
        t = match jitter {
            FJitter::Regular => t.wrapping_add(spacing),
            FJitter::Duplicate => t,
            FJitter::Back(b) => t.wrapping_sub(i64::from(*b)),
            FJitter::Jump(j) => t.wrapping_add(i64::from(*j) * 1000),
            FJitter::Raw(r) => *r,
        };
        times.push(t);
        values.push(match value {
            FValue::Rate(r) => f64::from(*r) / 10.0,
            FValue::Zero => 0.0,
            FValue::Nan => f64::NAN,
            FValue::Inf => f64::INFINITY,
            FValue::NegInf => f64::NEG_INFINITY,
            FValue::Negative(r) => -f64::from(*r),
            FValue::Huge => 1e300,
            FValue::Tiny => 5e-324,
            FValue::Raw(x) => *x,
        });
    }
    let mut s = Series::new(NAMES[f.name as usize % NAMES.len()], times, values);
    s.labels = f
        .labels
        .iter()
        .take(4)
        .map(|(k, v)| {
            (
                LABEL_KEYS[*k as usize % LABEL_KEYS.len()].to_string(),
                LABEL_VALUES[*v as usize % LABEL_VALUES.len()].to_string(),
            )
        })
        .collect();
    s.kind = f.kind.map(|k| {
        [
            SeriesKind::Rate,
            SeriesKind::Increase,
            SeriesKind::Counter,
            SeriesKind::Gauge,
        ][k as usize % 4]
    });
    s.step = f.step.as_ref().map(|st| match st {
        FStep::Zero => 0,
        FStep::Negative(n) => -(n.unsigned_abs() as i64 & i64::MAX),
        FStep::Huge => i64::MAX,
        FStep::Ms(ms) => i64::from(*ms),
        FStep::Raw(r) => *r,
    });
    s
}

#[derive(Arbitrary, Debug)]
enum At {
    /// The last sample of the first series (or BASE).
    End,
    /// Seconds after BASE.
    Near(i32),
    Raw(i64),
    Min,
    Max,
}

// ---------------------------------------------------------------------------
// The check
// ---------------------------------------------------------------------------

fn check(report: &Report) {
    let mut bad = Vec::new();
    let mut num = |what: String, x: f64| {
        if !x.is_finite() {
            bad.push(format!("{what} = {x}"));
        }
    };
    for (i, s) in report.slos.iter().enumerate() {
        let p = |f: &str| format!("slos[{i}].{f}");
        num(p("objective"), s.objective);
        num(p("window.periodSeconds"), s.window.period_seconds);
        let opts = [
            ("coverage", s.coverage),
            ("sli", s.sli),
            ("budget.allowed", s.budget.allowed),
            ("budget.consumed", s.budget.consumed),
            ("budget.remaining", s.budget.remaining),
            ("budget.remainingRatio", s.budget.remaining_ratio),
            ("timeToExhaustionSeconds", s.time_to_exhaustion_seconds),
        ];
        for (name, v) in opts {
            if let Some(x) = v {
                num(p(name), x);
            }
        }
        for (w, v) in &s.burn_rates {
            if let Some(x) = v {
                num(p(&format!("burnRates[{w}]")), *x);
            }
        }
        for (w, v) in &s.consumed_in {
            if let Some(x) = v {
                num(p(&format!("consumedIn[{w}]")), *x);
            }
        }
        for (a, alert) in s.alerts.iter().enumerate() {
            // Pending or firing, never both; pending since no later than T.
            assert!(
                !(alert.firing && alert.pending_since.is_some()),
                "firing and pending"
            );
            assert!(
                alert.pending_since.is_none_or(|t| t <= report.at),
                "pending since after T"
            );
            for (k, pair) in alert.pairs.iter().enumerate() {
                let q = |f: &str| p(&format!("alerts[{a}].pairs[{k}].{f}"));
                num(q("budget"), pair.budget);
                num(q("factor"), pair.factor);
                if let Some(x) = pair.long_burn {
                    num(q("longBurn"), x);
                }
                if let Some(x) = pair.short_burn {
                    num(q("shortBurn"), x);
                }
            }
        }
        for (r, reason) in s.reasons.iter().enumerate() {
            if let Some(x) = reason.value {
                num(p(&format!("reasons[{r}].value")), x);
            }
        }
        for (j, v) in s.burndown.remaining_ratio.iter().enumerate() {
            if let Some(x) = v {
                num(p(&format!("burndown.remainingRatio[{j}]")), *x);
            }
        }
        assert_eq!(
            s.burndown.t.len(),
            s.burndown.remaining_ratio.len(),
            "burn-down columns differ in length"
        );
    }
    assert!(
        bad.is_empty(),
        "the report holds non-finite numbers: {bad:?}"
    );
}

/// `SLOGATE_FUZZ_MODEL_ONLY=1` skips inputs whose policy is text, fuzzing the
/// engine alone (through the model path): useful while the parser is being
/// worked on, or to spend the whole budget on the arithmetic.
fn model_only() -> bool {
    static ONCE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ONCE.get_or_init(|| std::env::var_os("SLOGATE_FUZZ_MODEL_ONLY").is_some_and(|v| v != "0"))
}

fuzz_target!(|input: Input| {
    if model_only() && !matches!(input.policy, PolicyInput::Model(_)) {
        return;
    }
    let engine = match &input.policy {
        PolicyInput::Template { index, params } => {
            match Engine::from_text(&render_template(*index, params)) {
                Ok(e) => e,
                Err(_) => return,
            }
        }
        PolicyInput::Raw(text) => match Engine::from_text(text) {
            Ok(e) => e,
            Err(_) => return,
        },
        PolicyInput::Model(m) => Engine::new(model_policy(m), vec![]),
    };
    let mut data = DataSet::default();
    for s in input.series.iter().take(8) {
        data.push(build_series(s));
    }
    let at = match input.at {
        At::End => data
            .series
            .first()
            .and_then(|s| s.times.last().copied())
            .unwrap_or(BASE),
        At::Near(s) => BASE + i64::from(s) * 1000,
        At::Raw(r) => r,
        At::Min => i64::MIN,
        At::Max => i64::MAX,
    };
    if let Ok(report) = engine.evaluate(&data, at) {
        check(&report);
        // Evaluating twice gives the same report (no hidden state).
        assert_eq!(engine.evaluate(&data, at).ok().as_ref(), Some(&report));
        // As an edit of itself every SLO is reused and nothing is evaluated
        // again: the kept report stands (the memo's path).
        let history = slogate::eval::History::FULL;
        let (rest, reused) = engine
            .evaluate_after(&data, at, history, &engine.policy)
            .expect("the evaluation succeeded once");
        assert!(rest.slos.is_empty());
        let slos = &engine.policy.slos;
        assert!(reused
            .iter()
            .enumerate()
            .all(|(i, r)| r.is_some_and(|j| slos[j] == slos[i])));
    }
});
