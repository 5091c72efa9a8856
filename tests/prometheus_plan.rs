//! `slogate eval --prometheus` fetches only the engine's data plan, and that
//! is enough: against the real Prometheus of `scripts/prometheus-test.sh`
//! it prints the report — burn-downs and level timelines included — that
//! `slogate eval --data` prints on files holding the whole history.
//!
//! The script writes 20 days of two counters as CSV files (one sample each
//! 5 m, ending at [`AT`]), backfills Prometheus from exactly those samples
//! and passes their directory in `SLOGATE_PROMETHEUS_HISTORY`. Queries are
//! the raw counters, so at the plan's step of 5 m Prometheus returns the
//! files' own samples; what the CLI leaves out is only what lies before
//! the planned range. Tests that need the server are `#[ignore]`d, as in
//! tests/prometheus.rs.

mod cli_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cli_support::Scratch;
use serde_json::Value;
use slogate::time::{parse_rfc3339, DAY, MINUTE};
use slogate::Engine;

/// The end of the history the script generates.
const AT: &str = "2026-03-10T12:00:00Z";

/// A rolling 7d SLO (its burn-down reads back to T − 14d), a calendar
/// month (from its start less the 3d burn rate) and rolling 1d timeslices,
/// all on the same two counters, with rules and an alert that change level
/// and fire inside the windows.
const POLICY: &str = r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: history}
spec:
  defaults:
    sli:
      ratio:
        bad: {name: errors, query: plan_errors_total, kind: counter}
        total: {name: requests, query: plan_requests_total, kind: counter}
    alerting:
      - name: page
        severity: page
        windows: [{long: 1h, short: 5m, budget: 10%}]
  slos:
    - name: rolling
      objective: 99.9%
      window: {rolling: 7d}
    - name: calendar
      objective: 99%
      window: {calendar: month}
    - name: slices
      objective: 99%
      window: {rolling: 1d}
      budgeting: timeslices
      slice: 5m
      sliceTarget: 95%
  policy:
    levels: [healthy, warning, freeze]
    rules:
      - {level: warning, when: "burn_rate(3d) > 2"}
      - {level: warning, when: "remaining < 50%"}
      - {level: freeze, when: "burn_rate(1h) > 14.4"}
"#;

fn prometheus_url() -> String {
    std::env::var("SLOGATE_PROMETHEUS_URL").unwrap_or_else(|_| {
        panic!("SLOGATE_PROMETHEUS_URL is not set: this test needs a real Prometheus: run scripts/prometheus-test.sh")
    })
}

fn history_dir() -> PathBuf {
    std::env::var_os("SLOGATE_PROMETHEUS_HISTORY")
        .map(PathBuf::from)
        .expect("SLOGATE_PROMETHEUS_HISTORY is not set: run scripts/prometheus-test.sh")
}

fn scratch(name: &str) -> Scratch {
    cli_support::scratch("prom", name, POLICY)
}

/// `slogate eval policy.yaml --at AT --format json EXTRA…`: stdout, which
/// must be a report, and stderr.
fn eval_json(dir: &Path, extra: &[&str]) -> (String, String) {
    let o: Output = Command::new(env!("CARGO_BIN_EXE_slogate"))
        .current_dir(dir)
        .args(["eval", "policy.yaml", "--at", AT, "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let (out, err) = (
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    );
    assert_eq!(o.status.code(), Some(0), "{err}");
    (out, err)
}

/// The first and last times of a `time,value` file (epoch seconds), in ms.
fn time_span(file: &Path) -> (i64, i64) {
    let text = std::fs::read_to_string(file).unwrap();
    let times: Vec<i64> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().parse::<i64>().unwrap() * 1000)
        .collect();
    (times[0], times[times.len() - 1])
}

#[test]
#[ignore = "needs a real Prometheus: run scripts/prometheus-test.sh"]
fn the_planned_range_from_prometheus_gives_the_report_of_the_whole_history() {
    let url = prometheus_url();
    let history = history_dir();
    let at = parse_rfc3339(AT).unwrap();
    let (requests, errors) = (history.join("requests.csv"), history.join("errors.csv"));

    // The premise: the files hold more than the plan asks for, at its step,
    // so Prometheus answers with their own samples and the CLI must leave
    // some of them out.
    let plan = Engine::from_text(POLICY).unwrap().plan(at).unwrap();
    for file in [&requests, &errors] {
        assert_eq!(time_span(file), (at - 20 * DAY, at), "{}", file.display());
    }
    for p in &plan.series {
        assert_eq!((p.end, p.step), (at, 5 * MINUTE), "{p:?}");
        assert!(p.start > at - 20 * DAY, "{p:?}");
    }

    let dir = scratch("plan");
    let (fetched, fetched_err) = eval_json(&dir.0, &["--prometheus", &url]);
    let files = [
        format!("errors={}", errors.display()),
        format!("requests={}", requests.display()),
    ];
    let (whole, whole_err) = eval_json(&dir.0, &["--data", &files[0], "--data", &files[1]]);
    assert_eq!((fetched_err.as_str(), whole_err.as_str()), ("", ""));
    if fetched != whole {
        let (f, w): (Vec<&str>, Vec<&str>) = (fetched.lines().collect(), whole.lines().collect());
        let line = f
            .iter()
            .zip(&w)
            .position(|(a, b)| a != b)
            .unwrap_or(f.len().min(w.len()));
        panic!(
            "--prometheus and --data differ at line {} of the JSON report:\n  prometheus: {}\n  data:       {}",
            line + 1,
            f.get(line).unwrap_or(&"(end)"),
            w.get(line).unwrap_or(&"(end)")
        );
    }

    // The comparison is about something: the plan leaves out 6 of the 20
    // days (rolling 7d reads back to T − 14d, less a margin of three
    // steps), and the history before T − 7d shows in the rolling
    // burn-down and in the timelines.
    for p in &plan.series {
        assert_eq!(p.start, at - 14 * DAY - 15 * MINUTE, "{p:?}");
    }
    let report: Value = serde_json::from_str(&fetched).unwrap();
    let slo = |name: &str| {
        report["slos"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("no SLO {name}"))
            .clone()
    };
    let rolling = slo("rolling");
    // At T − 7d + 20m the window holds the incidents at T − 13d and
    // T − 10.5d: 6,048 + 36,000 bad against 2,016 allowed.
    let first = rolling["burndown"]["remainingRatio"][0].as_f64().unwrap();
    assert!(first < -19.0, "{first}");
    let levels = |s: &Value| -> Vec<String> {
        s["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["level"].as_str().unwrap().to_string())
            .collect()
    };
    // Calendar: warning while 2026-02-28's incident is in the 3d burn
    // rate, then healthy, frozen by the last incident's 1h burn rate (20%
    // bad against 1%), warning again while it is in the 3d burn rate.
    let calendar = levels(&slo("calendar"));
    assert_eq!(calendar[0], "warning", "{calendar:?}");
    assert!(calendar.contains(&"freeze".to_string()), "{calendar:?}");
    assert!(calendar.contains(&"healthy".to_string()), "{calendar:?}");
    assert!(
        rolling["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["alerts"] == serde_json::json!(["page"])),
        "the page alert fires in the rolling timeline"
    );
}
