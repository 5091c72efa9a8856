//! OpenSLO and Sloth documents, converted (src/import/), evaluate to the
//! same report as their hand-written slogate equivalents: each
//! `examples/import/NAME.yaml` beside `NAME.slogate.yaml`, on the same data
//! at several instants. The documents were written for slogate from the
//! OpenSLO and Sloth specifications, not copied from their repositories.
//! `slogate convert` prints a policy the CLI evaluates like any other.

use std::path::PathBuf;

use slogate::import::{self, Format};
use slogate::report::json::to_json;
use slogate::time::{parse_rfc3339, Instant, Millis, MINUTE};
use slogate::{DataSet, Engine, Series, SeriesKind};

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/import")
}

fn engine(file: &str) -> (Engine, Format) {
    let text = std::fs::read_to_string(examples().join(file)).unwrap();
    let (parsed, format) =
        import::parse(&text).unwrap_or_else(|d| panic!("{file}:\n{}", d.render(file)));
    (Engine::new(parsed.policy, parsed.warnings), format)
}

/// Data for every series the plan at `at` names: totals of 100 a step,
/// bad ones of 0.05% to 4% (a burst every so often), good ones the rest,
/// as counters (with a restart) or rates by kind; latencies for gauges,
/// mostly 0.1 s with bursts past 0.3 s and 1 s.
fn data(engine: &Engine, at: Instant) -> DataSet {
    let plan = engine.plan(at).unwrap();
    let mut data = DataSet::default();
    for p in &plan.series {
        let step: Millis = MINUTE;
        let n = ((at - p.start) / step + 1) as usize;
        let times: Vec<i64> = (0..n as i64).map(|i| p.start + i * step).collect();
        let share = |i: usize| match i % 997 {
            0..=20 => 0.04,
            21..=30 => 0.011,
            _ => 0.0005,
        };
        let role = |i: usize| {
            if p.name.ends_with("total") {
                100.0
            } else if p.name.ends_with("good") {
                100.0 * (1.0 - share(i))
            } else {
                100.0 * share(i)
            }
        };
        let values: Vec<f64> = match p.kind {
            SeriesKind::Counter => {
                let mut v = 1000.0;
                (0..n)
                    .map(|i| {
                        if i == n / 2 {
                            v = 0.0;
                        }
                        v += role(i);
                        v
                    })
                    .collect()
            }
            SeriesKind::Gauge => (0..n)
                .map(|i| match i % 613 {
                    0..=4 => 1.4,
                    5..=30 => 0.45,
                    _ => 0.1,
                })
                .collect(),
            _ => (0..n).map(|i| role(i) / 60.0).collect(),
        };
        data.push(Series::new(p.name.as_str(), times, values).with_step(step));
    }
    data
}

fn same_reports(source: &str, equivalent: &str, format: Format) {
    let (converted, got_format) = engine(source);
    let (hand, _) = engine(equivalent);
    assert_eq!(got_format, format, "{source}");
    let mut spent = false;
    for at in [
        "2026-03-01T00:00:00Z",
        "2026-03-17T09:41:00Z",
        "2026-03-31T22:05:00Z",
    ] {
        let at = parse_rfc3339(at).unwrap();
        let data = data(&hand, at);
        let a = to_json(&converted.evaluate(&data, at).unwrap());
        let b = to_json(&hand.evaluate(&data, at).unwrap());
        assert_eq!(a, b, "{source} and {equivalent} at {at}");
        spent |= a.contains("\"remainingRatio\":0.") || a.contains("\"remainingRatio\":-");
    }
    // Not an empty comparison: budgets are spent.
    assert!(spent, "{source}: no budget spent at any instant");
}

#[test]
fn openslo_documents_by_reference_with_burn_rate_conditions() {
    same_reports(
        "openslo-checkout.yaml",
        "openslo-checkout.slogate.yaml",
        Format::OpenSlo,
    );
}

#[test]
fn openslo_threshold_timeslices_on_calendar_months() {
    same_reports(
        "openslo-search.yaml",
        "openslo-search.slogate.yaml",
        Format::OpenSlo,
    );
}

#[test]
fn sloth_prometheus_v1() {
    same_reports(
        "sloth-payments.yaml",
        "sloth-payments.slogate.yaml",
        Format::Sloth,
    );
}

#[test]
fn sloth_kubernetes_resource() {
    same_reports(
        "sloth-kubernetes.yaml",
        "sloth-kubernetes.slogate.yaml",
        Format::SlothKubernetes,
    );
}
