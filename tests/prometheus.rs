//! `slogate eval --prometheus` against a real Prometheus server.
//!
//! The server and its data come from `scripts/prometheus-test.sh`, which
//! backfills two days of `http_requests_total` with known incidents, starts
//! Prometheus on a loopback port and runs this file with
//! `SLOGATE_PROMETHEUS_URL` set. Tests that need the server are `#[ignore]`d:
//! a plain `cargo test` must not count them as passed when nothing was
//! tested, and asked to run them without the server (`--ignored`) they fail.
//! CI runs the script (from `scripts/test`), so they always run there.
//!
//! # The data (see the script's generator)
//!
//! One scrape every 15 s over (T − 2d, T], T = 2026-03-02T12:00:00Z.
//! 100 requests a minute, always: /api 80 (code 200 unless failing),
//! /health 20 (code 200). Incident A, (T − 36h, T − 36h + 10m]: all /api
//! requests fail, 800 bad. Incident B, (T − 40m, T − 10m]: 40 of /api's 80 a
//! minute fail, 1200 bad. At T − 12h every counter restarts from 0.
//!
//! The policy's queries are per-minute ranges (`rate(…[1m])`), so the tests
//! of its numbers pass `--step 1m` (the data plan's default step would be
//! 5m, its shortest reported window): slogate queries at T, T − 1m, T − 2m,
//! …, so a sample at instant t carries the events of the minute (t − 1m, t].
//! Every change in the data (incident edges, the reset) lies on such a
//! minute boundary, which is what makes the numbers below computable by
//! hand.
//!
//! # Exactness
//!
//! - `counter` SLIs on raw `sum(http_requests_total)`: slogate takes exact
//!   differences of integers (a drop is a reset: the new value is the events
//!   since the restart). Their numbers are compared to within a few ulps only.
//! - `rate` and `increase` SLIs go through PromQL. `rate()` extrapolates to
//!   the edges of its range, which in general makes one minute's events
//!   approximate. Here the data is steady within every minute and changes
//!   only on minute boundaries, so the extrapolation is exact by
//!   construction (for Prometheus 2's closed ranges and Prometheus 3's
//!   left-open ones alike); what remains is floating point: a rate of
//!   100/60 per second times 60 s is 99.99999999999999 events. These are
//!   compared with a relative tolerance of 1e-9, far above that rounding
//!   and far below one event in 144,000 — a wrong minute would show.

mod test_server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use test_server::{Reply, Server};

use serde_json::Value;

/// The end of the generated data; the script passes its own copy in
/// `SLOGATE_PROMETHEUS_DATA_END` and the tests check the two agree.
const AT: &str = "2026-03-02T12:00:00Z";
/// T − 3h: after incident A has left the 1d window, before incident B.
const AT_QUIET: &str = "2026-03-02T09:00:00Z";

const NEEDS_SERVER: &str = "needs a real Prometheus: run scripts/prometheus-test.sh";

const POLICY: &str = r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: http-api, service: api}
spec:
  defaults:
    objective: 99%
    window: {rolling: 1d}
    # Factors for a 1-day period: 0.5 × 24h / 1h = 12 and 1 × 24h / 6h = 4.
    alerting:
      - name: page
        severity: page
        windows: [{long: 1h, short: 30m, budget: 50%}]
      - name: ticket
        severity: ticket
        windows: [{long: 6h, short: 30m, budget: 100%}]
  slos:
    - name: availability
      sli:
        ratio:
          good: {name: ok_rate, query: 'sum(rate(http_requests_total{code!~"5.."}[1m]))', kind: rate}
          total: {name: all_rate, query: 'sum(rate(http_requests_total[1m]))', kind: rate}
    - name: availability-by-route
      groupBy: [route]
      sli:
        ratio:
          good: {name: ok_by_route, query: 'sum by (route) (rate(http_requests_total{code!~"5.."}[1m]))'}
          total: {name: all_by_route, query: 'sum by (route) (rate(http_requests_total[1m]))'}
    - name: availability-counter
      sli:
        ratio:
          bad: {name: errors_total, query: 'sum(http_requests_total{code=~"5.."})', kind: counter}
          total: {name: requests_total, query: 'sum(http_requests_total)', kind: counter}
    - name: error-minutes
      budgeting: timeslices
      sli:
        ratio:
          bad: {name: errors_1m, query: 'sum(increase(http_requests_total{code=~"5.."}[1m]))', kind: increase}
          total: {name: requests_1m, query: 'sum(increase(http_requests_total[1m]))', kind: increase}
  policy:
    levels: [healthy, warning, freeze, breach]
    rules:
      - {level: warning, when: "remaining < 50%", action: Prioritize reliability}
      - {level: freeze, when: "remaining < 10%", action: Feature freeze}
      - {level: freeze, when: "burn_rate(1h) > 10", action: Feature freeze}
      - {level: breach, when: "remaining <= 0", action: Incident response}
"#;

/// The URL of the script's Prometheus; panics (fails the test) without it.
fn prometheus_url() -> String {
    let url = std::env::var("SLOGATE_PROMETHEUS_URL")
        .unwrap_or_else(|_| panic!("SLOGATE_PROMETHEUS_URL is not set: this test {NEEDS_SERVER}"));
    // The hand-worked numbers below are about data ending at AT: a script
    // that generated other data must not make them fail mysteriously.
    assert_eq!(
        std::env::var("SLOGATE_PROMETHEUS_DATA_END").as_deref(),
        Ok(AT),
        "scripts/prometheus-test.sh and tests/prometheus.rs disagree on the end of the data"
    );
    url
}

/// A scratch directory holding `policy.yaml`, removed when dropped.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(name: &str, policy: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("slogate-prom-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("policy.yaml"), policy).unwrap();
    Scratch(dir)
}

fn slogate(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_slogate"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `slogate eval policy.yaml --at AT --prometheus URL --format json EXTRA…`,
/// the exit status and the parsed report.
fn eval_json(dir: &Path, url: &str, at: &str, extra: &[&str]) -> (Option<i32>, Value, String) {
    let mut args = vec![
        "eval",
        "policy.yaml",
        "--at",
        at,
        "--prometheus",
        url,
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let o = slogate(dir, &args);
    let report = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON report ({e}); status {:?}, stderr:\n{}",
            o.status.code(),
            stderr(&o)
        )
    });
    (o.status.code(), report, stderr(&o))
}

/// The report of SLO `name` (and group, for groupBy instances).
fn slo<'r>(report: &'r Value, name: &str, group: &Value) -> &'r Value {
    report["slos"]
        .as_array()
        .expect("slos")
        .iter()
        .find(|s| s["name"] == name && s["group"] == *group)
        .unwrap_or_else(|| panic!("no SLO {name} {group} in the report"))
}

/// `actual` is a number within `rel` of `want` (relative, absolute near 0).
#[track_caller]
fn near(actual: &Value, want: f64, rel: f64) {
    let a = actual
        .as_f64()
        .unwrap_or_else(|| panic!("expected a number near {want}, found {actual}"));
    assert!(
        (a - want).abs() <= rel * want.abs().max(1.0),
        "{a} is not {want} (within {rel})"
    );
}

/// Counter SLIs: exact arithmetic on integers; only the last few bits of
/// a quotient may differ from the expression written here.
const EXACT: f64 = 1e-14;
/// Rate and increase SLIs: see the module documentation.
const RATE: f64 = 1e-9;

/// The numbers every occurrences SLO over all traffic shares at T: window
/// (T − 1d, T] with N = 1440 min × 100 = 144,000 requests and B = 1200 bad
/// (incident B; A is 36 h back), objective 99%.
#[track_caller]
fn assert_whole_traffic_at_t(s: &Value, tol: f64, minutes_3d: f64) {
    assert_eq!(s["objective"], 0.99);
    assert_eq!(s["window"]["start"], "2026-03-01T12:00:00Z");
    assert_eq!(s["window"]["end"], AT);
    assert_eq!(s["window"]["periodSeconds"], 86400);
    near(&s["coverage"], 1.0, tol);
    assert_eq!(s["budget"]["unit"], "events");
    near(&s["budget"]["allowed"], 1440.0, tol); // 1% of 144,000
    near(&s["budget"]["consumed"], 1200.0, tol);
    near(&s["budget"]["remaining"], 240.0, tol);
    near(&s["budget"]["remainingRatio"], 1.0 / 6.0, tol);
    near(&s["sli"], 1.0 - 1200.0 / 144_000.0, tol);
    // Burn rate over W = (bad/total in (T − W, T]) / 1%. Incident B's
    // intervals end at T − 39m … T − 10m (30 minutes, 40 bad each).
    let burn = &s["burnRates"];
    near(&burn["5m"], 0.0, tol);
    near(&burn["30m"], 800.0 / 3000.0 / 0.01, tol); // 20 incident minutes of 30
    near(&burn["1h"], 1200.0 / 6000.0 / 0.01, tol); // 20
    near(&burn["2h"], 1200.0 / 12_000.0 / 0.01, tol); // 10
    near(&burn["6h"], 1200.0 / 36_000.0 / 0.01, tol);
    near(&burn["1d"], 1200.0 / 144_000.0 / 0.01, tol);
    // 3d reaches past the data's start: only the minutes with data count,
    // and both incidents (2000 bad) are in them.
    near(&burn["3d"], 2000.0 / (minutes_3d * 100.0) / 0.01, tol);
    // page: 1h burn 20 and 30m burn 26.7 both exceed 12 ⇒ fires.
    // ticket: 6h burn 3.3 does not exceed 4 ⇒ quiet.
    let alerts = s["alerts"].as_array().unwrap();
    assert_eq!(alerts.len(), 2);
    assert_eq!(
        (&alerts[0]["name"], &alerts[0]["firing"]),
        (&Value::from("page"), &Value::from(true))
    );
    assert_eq!(alerts[0]["pairs"][0]["factor"], 12.0);
    assert_eq!(
        (&alerts[1]["name"], &alerts[1]["firing"]),
        (&Value::from("ticket"), &Value::from(false))
    );
    assert_eq!(alerts[1]["pairs"][0]["factor"], 4.0);
    // Forecast over the default 1h: (1/6) × 86400 s / 20 = 720 s.
    near(&s["timeToExhaustionSeconds"], 720.0, tol);
    // remaining 1/6 < 50% ⇒ warning; burn_rate(1h) = 20 > 10 ⇒ freeze.
    assert_eq!(s["level"], "freeze");
    let reasons: Vec<(&str, &str)> = s["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["level"].as_str().unwrap(), r["when"].as_str().unwrap()))
        .collect();
    assert_eq!(
        reasons,
        [
            ("warning", "remaining < 50%"),
            ("freeze", "burn_rate(1h) > 10")
        ]
    );
}

#[test]
#[ignore = "needs a real Prometheus: run scripts/prometheus-test.sh"]
fn incident_numbers_from_prometheus() {
    let url = prometheus_url();
    let dir = scratch("incident", POLICY);
    let (status, report, err) = eval_json(&dir, &url, AT, &["--step", "1m"]);
    assert_eq!(status, Some(0), "{err}");
    assert_eq!(report["policy"], "http-api");
    assert_eq!(report["at"], AT);
    assert_eq!(report["slos"].as_array().unwrap().len(), 5, "{report}");
    let none = serde_json::json!({});

    // Raw counters: exact. The 1d window holds the restart at T − 12h: the
    // minute after it counts the 100 requests since the restart (a missed
    // reset would make N 143,900 and allowed 1439).
    let counter = slo(&report, "availability-counter", &none);
    assert_eq!(counter["budget"]["consumed"], 1200.0);
    assert_eq!(counter["budget"]["allowed"], 1440.0);
    // Counters open at T − 2d: 2880 minutes of data in the 3d window.
    assert_whole_traffic_at_t(counter, EXACT, 2880.0);

    // Per-second rates of [1m] ranges: the first has a value at T − 2d + 1m
    // (a range needs two samples), and only opens the series: 2879 minutes.
    let rate = slo(&report, "availability", &none);
    assert_whole_traffic_at_t(rate, RATE, 2879.0);

    // groupBy route: instances in label order. /api carries all the errors
    // on 80 of the 100 requests a minute: N = 115,200, allowed 1152, 1200
    // bad ⇒ overspent.
    let api = slo(
        &report,
        "availability-by-route",
        &serde_json::json!({"route": "/api"}),
    );
    near(&api["budget"]["allowed"], 1152.0, RATE);
    near(&api["budget"]["consumed"], 1200.0, RATE);
    near(
        &api["budget"]["remainingRatio"],
        1.0 - 1200.0 / 1152.0,
        RATE,
    );
    near(&api["sli"], 1.0 - 1200.0 / 115_200.0, RATE);
    near(&api["burnRates"]["1h"], 1200.0 / 4800.0 / 0.01, RATE); // 25
    near(&api["timeToExhaustionSeconds"], 0.0, RATE); // already exhausted
    assert_eq!(api["level"], "breach");
    let health = slo(
        &report,
        "availability-by-route",
        &serde_json::json!({"route": "/health"}),
    );
    near(&health["budget"]["allowed"], 288.0, RATE); // 1% of 28,800
    near(&health["budget"]["consumed"], 0.0, RATE);
    near(&health["budget"]["remainingRatio"], 1.0, RATE);
    near(&health["burnRates"]["1h"], 0.0, RATE);
    assert_eq!(health["level"], "healthy");
    assert_eq!(health["reasons"], serde_json::json!([]));
    let order: Vec<&Value> = report["slos"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["name"] == "availability-by-route")
        .map(|s| &s["group"]["route"])
        .collect();
    assert_eq!(order, ["/api", "/health"]);

    // increase() per minute, timeslices: the slice length is the query step
    // (1m). Incident B's 30 minutes are 60% good < 99% ⇒ 30 bad slices of
    // 60 s = 1800 s against 1% of 86,400 s = 864 s. Slice verdicts are
    // robust to rounding: a minute is 100% or 60% good.
    let minutes = slo(&report, "error-minutes", &none);
    assert_eq!(minutes["budget"]["unit"], "seconds");
    assert_eq!(minutes["budget"]["allowed"], 864.0);
    assert_eq!(minutes["budget"]["consumed"], 1800.0);
    assert_eq!(minutes["budget"]["remaining"], -936.0);
    near(&minutes["budget"]["remainingRatio"], -936.0 / 864.0, EXACT);
    near(&minutes["sli"], 1410.0 / 1440.0, EXACT);
    near(&minutes["burnRates"]["1h"], 30.0 / 60.0 / 0.01, EXACT);
    near(&minutes["burnRates"]["30m"], 20.0 / 30.0 / 0.01, EXACT);
    near(&minutes["burnRates"]["5m"], 0.0, EXACT);
    assert_eq!(minutes["level"], "breach");

    // The document is at its worst SLO's level.
    assert_eq!(report["level"], "breach");
}

#[test]
#[ignore = "needs a real Prometheus: run scripts/prometheus-test.sh"]
fn gate_closes_on_the_incident_and_opens_before_it() {
    let url = prometheus_url();
    let dir = scratch("gate", POLICY);
    // At T: three SLOs at freeze or worse ⇒ the freeze gate is closed.
    let (status, _, err) = eval_json(&dir, &url, AT, &["--step", "1m", "--gate", "freeze"]);
    assert_eq!(status, Some(3), "{err}");
    for line in [
        "gate \"freeze\" reached: availability is at \"freeze\"",
        "gate \"freeze\" reached: availability-by-route {route=\"/api\"} is at \"breach\"",
        "gate \"freeze\" reached: availability-counter is at \"freeze\"",
        "gate \"freeze\" reached: error-minutes is at \"breach\"",
    ] {
        assert!(err.lines().any(|l| l == line), "no {line:?} in:\n{err}");
    }
    assert!(!err.contains("/health"), "{err}");

    // At T − 3h the 1d window (T − 27h, T − 3h] holds neither incident but
    // does hold the restart: all healthy, the gate open, and the counter
    // SLO still counts every one of the 144,000 requests.
    let (status, report, err) =
        eval_json(&dir, &url, AT_QUIET, &["--step", "1m", "--gate", "warning"]);
    assert_eq!(status, Some(0), "{err}");
    assert_eq!(report["level"], "healthy");
    for s in report["slos"].as_array().unwrap() {
        assert_eq!(s["level"], "healthy", "{s}");
        near(&s["budget"]["remainingRatio"], 1.0, RATE);
    }
    let counter = slo(&report, "availability-counter", &serde_json::json!({}));
    assert_eq!(counter["budget"]["allowed"], 1440.0);
    assert_eq!(counter["budget"]["consumed"], 0.0);
}

#[test]
#[ignore = "needs a real Prometheus: run scripts/prometheus-test.sh"]
fn a_15s_step_fetches_in_chunks_and_counters_stay_exact() {
    let url = prometheus_url();
    let dir = scratch("step", POLICY);
    // The planned 4 days and 3 steps at 15 s are 23,044 points: more than
    // Prometheus' 11,000 per query, so each series comes in three requests,
    // stitched together.
    let (status, report, err) = eval_json(&dir, &url, AT, &["--step", "15s"]);
    assert_eq!(status, Some(0), "{err}");
    // Raw counters at every scrape: the same exact numbers as at 1m. (The
    // rate SLIs are not compared: a 15 s step samples a 1m rate every 15 s,
    // a moving average that smears the incident edges across windows.)
    let counter = slo(&report, "availability-counter", &serde_json::json!({}));
    assert_eq!(counter["budget"]["allowed"], 1440.0);
    assert_eq!(counter["budget"]["consumed"], 1200.0);
    assert_whole_traffic_at_t(counter, EXACT, 2880.0);
}

#[test]
#[ignore = "needs a real Prometheus: run scripts/prometheus-test.sh"]
fn a_query_error_carries_prometheus_message() {
    let url = prometheus_url();
    // One parenthesis short: Prometheus answers 400 with a parse error.
    let policy = POLICY.replace(
        "'sum(rate(http_requests_total[1m]))'",
        "'sum(rate(http_requests_total[1m])'",
    );
    assert_ne!(policy, POLICY);
    let dir = scratch("bad-query", &policy);
    let o = slogate(
        &dir,
        &["eval", "policy.yaml", "--at", AT, "--prometheus", &url],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty(), "no report on bad input");
    let err = stderr(&o);
    let line = err
        .lines()
        .find(|l| l.starts_with("error: series \"all_rate\" (spec.slos[0].sli.ratio.total): "))
        .unwrap_or_else(|| panic!("no error for all_rate in:\n{err}"));
    assert!(
        line.contains(&format!("{url}/api/v1/query_range?query=")),
        "{line}"
    );
    assert!(line.contains("Prometheus error (bad_data)"), "{line}");
    assert!(line.contains("parse error"), "{line}");
    // Only the broken query fails.
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
#[ignore = "needs a real Prometheus: run scripts/prometheus-test.sh"]
fn a_query_without_series_is_named_with_its_query() {
    let url = prometheus_url();
    // No 4xx ever happened: Prometheus answers with an empty matrix.
    let policy = POLICY.replace(
        "'sum(http_requests_total{code=~\"5..\"})'",
        "'sum(http_requests_total{code=~\"4..\"})'",
    );
    assert_ne!(policy, POLICY);
    let dir = scratch("no-series", &policy);
    let o = slogate(
        &dir,
        &["eval", "policy.yaml", "--at", AT, "--prometheus", &url],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty(), "no report on bad input");
    // The fetch window is the data plan's, at its step of 5m: the 1d
    // window's burn-down reads back 1d, each of its points' 3d burn rate 3d
    // more, and a margin of three steps.
    assert_eq!(
        stderr(&o),
        format!(
            "error: series \"errors_total\" (spec.slos[2].sli.ratio.bad): Prometheus at {url} has no data for sum(http_requests_total{{code=~\"4..\"}}) from 2026-02-26T11:45:00Z to {AT}; check the query (a query that may match no series, e.g. of errors, can end in 'or vector(0)')\n"
        )
    );
}

/// Needs no server, so it runs in every `cargo test`: a port that was just
/// free is, with overwhelming likelihood, still closed.
#[test]
fn an_unreachable_prometheus_is_named() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}");
    let dir = scratch("unreachable", POLICY);
    let o = slogate(
        &dir,
        &["eval", "policy.yaml", "--at", AT, "--prometheus", &url],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    // One error per series, each naming the URL it could not reach.
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 8, "{err}");
    for line in errors {
        assert!(
            line.contains(&format!("{url}/api/v1/query_range?query=")),
            "{line}"
        );
    }
}

/// A gateway in front of the real Prometheus, as Mimir's or an auth
/// proxy's: a request without `X-Scope-OrgID: team-a` and the bearer token
/// gets Mimir's 401 ("no org id"); others are forwarded and answered with
/// Prometheus' own status and body. With `stop_after`, the gateway stops
/// (closes, accepts nothing more) at that request, as a crashed server.
fn gateway(prometheus: String, stop_after: Option<usize>) -> Server {
    let seen = std::sync::atomic::AtomicUsize::new(0);
    Server::start(move |r| {
        let n = seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if stop_after.is_some_and(|stop| n >= stop) {
            return Reply::Stop;
        }
        if r.header("X-Scope-OrgID") != Some("team-a") {
            return Reply::Full("401 Unauthorized", "no org id\n".into());
        }
        if r.authorization.as_deref() != Some("Bearer gateway-token") {
            return Reply::Full("401 Unauthorized", "bad token\n".into());
        }
        let path = r.line.split(' ').nth(1).unwrap_or("/");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        match agent.get(format!("{prometheus}{path}")).call() {
            Ok(mut response) => {
                let status = match response.status().as_u16() {
                    200 => "200 OK",
                    400 => "400 Bad Request",
                    422 => "422 Unprocessable Entity",
                    404 => "404 Not Found",
                    _ => "503 Service Unavailable",
                };
                let body = response.body_mut().read_to_string().unwrap_or_default();
                Reply::Full(status, body)
            }
            Err(e) => Reply::Full("502 Bad Gateway", e.to_string()),
        }
    })
}

#[test]
#[ignore = "needs a real Prometheus: run scripts/prometheus-test.sh"]
fn a_tenant_header_and_a_token_reach_prometheus_through_a_gateway() {
    let url = prometheus_url();
    let dir = scratch("gateway", POLICY);
    std::fs::write(dir.join("token"), "gateway-token\n").unwrap();
    let direct = slogate(
        &dir,
        &[
            "eval",
            "policy.yaml",
            "--at",
            AT,
            "--prometheus",
            &url,
            "--format",
            "json",
        ],
    );
    assert_eq!(direct.status.code(), Some(0), "{}", stderr(&direct));

    let gw = gateway(url.clone(), None);
    let args = |extra: &[&'static str]| {
        let mut a = vec![
            "eval",
            "policy.yaml",
            "--at",
            AT,
            "--prometheus",
            gw.url.as_str(),
            "--format",
            "json",
        ];
        a.extend_from_slice(extra);
        a.into_iter().map(String::from).collect::<Vec<String>>()
    };
    let run = |extra: &[&'static str]| {
        let a = args(extra);
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        slogate(&dir, &refs)
    };
    // With both: the very report of the direct evaluation.
    let through = run(&[
        "--header",
        "X-Scope-OrgID=team-a",
        "--bearer-token-file",
        "token",
    ]);
    assert_eq!(through.status.code(), Some(0), "{}", stderr(&through));
    assert_eq!(through.stdout, direct.stdout);

    // Without the header the gateway requires: its 401, per series, exit 1.
    let o = run(&["--bearer-token-file", "token"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.lines()
            .all(|l| l.ends_with(": HTTP 401 Unauthorized: no org id")),
        "{err}"
    );
    assert!(!err.contains("gateway-token"), "{err}");
}

#[test]
#[ignore = "needs a real Prometheus: run scripts/prometheus-test.sh"]
fn a_wrong_url_and_a_server_that_stops_mid_run_are_named() {
    let url = prometheus_url();
    let dir = scratch("wrong-url", POLICY);
    // A path Prometheus does not serve (a missing --web.route-prefix, say).
    let wrong = format!("{url}/prometheus");
    let o = slogate(
        &dir,
        &["eval", "policy.yaml", "--at", AT, "--prometheus", &wrong],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.lines().all(
            |l| l.contains(&format!("{wrong}/api/v1/query_range?query="))
                && l.contains(": HTTP 404 Not Found: 404 page not found")
        ),
        "{err}"
    );

    // Prometheus answers two queries through the gateway, which then stops.
    std::fs::write(dir.join("token"), "gateway-token").unwrap();
    let gw = gateway(url, Some(2));
    let o = slogate(
        &dir,
        &[
            "eval",
            "policy.yaml",
            "--at",
            AT,
            "--prometheus",
            &gw.url,
            "--header",
            "X-Scope-OrgID=team-a",
            "--bearer-token-file",
            "token",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    // Eight series, two fetched: six errors, the first the connection that closed.
    assert_eq!(lines.len(), 6, "{err}");
    assert!(
        lines[0].contains("the connection closed before the whole answer arrived"),
        "{err}"
    );
    for l in &lines[1..] {
        assert!(
            l.contains("nothing answers at this address") || l.contains("the connection closed"),
            "{l}"
        );
    }
}

/// `scripts/prometheus-test.sh` writes `diff_requests_total` and
/// `diff_errors_total`: 100 requests a minute scraped every 15 s over two
/// days, 0.2% errors, incidents (T-30h, T-29h] at 20% and (T-3h, T-2h30m]
/// at 8%, a restart at T-20h and no scrape over (T-6h, T-5h40m].
const DIFFERENTIAL_POLICY: &str = r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: differential}
spec:
  slos:
    - name: api
      objective: 99%
      window: {rolling: 1d}
      sli:
        ratio:
          bad: {name: bad, query: 'sum(diff_errors_total)', kind: counter}
          total: {name: total, query: 'sum(diff_requests_total)', kind: counter}
"#;

/// Prometheus' answer to an instant query, as one number (`None`: no series).
fn instant(url: &str, query: &str, at: &str) -> Option<f64> {
    let t = slogate::time::parse_rfc3339(at).unwrap() / 1000;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let body = agent
        .get(format!("{url}/api/v1/query"))
        .query("query", query)
        .query("time", t.to_string())
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["status"], "success", "{query}: {body}");
    let result = v["data"]["result"].as_array().unwrap();
    assert!(result.len() <= 1, "{query}: {body}");
    result
        .first()
        .map(|r| r["value"][1].as_str().unwrap().parse().unwrap())
}

/// The recording rules `slogate rules` writes for the differential policy,
/// each recorded series replaced by its own expression (range selectors on
/// them become subqueries at the rules' 1m interval): what a Prometheus
/// running the rules records at an instant, asked of Prometheus directly
/// (its backfilled past has no recorded series). Keyed by the selector
/// the rules use for each series.
fn inlined_rules() -> Vec<(String, String)> {
    let policy = slogate::Policy::parse(DIFFERENTIAL_POLICY).unwrap().policy;
    let export = slogate::rules::export(&policy, &slogate::rules::Options::default());
    let mut known: Vec<(String, String)> = vec![];
    for rule in &export.groups[0].rules {
        let slogate::rules::PromRule::Record {
            record,
            expr,
            labels,
        } = rule
        else {
            continue;
        };
        let mut inline = expr.clone();
        for (selector, e) in &known {
            // `sum_over_time(SEL[59m30s])` → `sum_over_time((E)[59m30s:1m])`.
            while let Some(at) = inline.find(&format!("{selector}[")) {
                let open = at + selector.len();
                let close = open + inline[open..].find(']').unwrap();
                let range = inline[open + 1..close].to_string();
                inline.replace_range(at..=close, &format!("({e})[{range}:1m]"));
            }
            inline = inline.replace(selector.as_str(), &format!("({e})"));
        }
        let selector = format!(
            "{record}{{{}}}",
            labels
                .iter()
                .map(|(k, v)| format!("{k}=\"{v}\""))
                .collect::<Vec<_>>()
                .join(", ")
        );
        known.push((selector, inline));
    }
    known
}

/// The differential test: `slogate eval --prometheus` against Prometheus'
/// own PromQL for the same burn rates and remaining budget, at instants
/// after the restart, inside and after the scrape gap, in an incident.
///
/// - The rules' PromQL (`inlined_rules`) agrees with the engine within
///   1e-9 everywhere, the gap included: both count no events in the gap.
///   The engine sees more than two steps without a sample as unknown time
///   (the first sample after it opens the series again); PromQL's lookback
///   repeats the last sample for 5 minutes (no increase: no events), and
///   `irate` over a 2m subquery needs two points, so the first minute after
///   the gap counts nothing either.
/// - Idiomatic PromQL, `increase(x[1d])`, agrees exactly where its window
///   holds no gap (the scrapes align with the window's ends, so nothing is
///   extrapolated), extrapolates 7.5 s past the last scrape inside the gap,
///   and after it counts the requests of the gap and of the first minute
///   after it: the engine leaves time it has no samples for out of the
///   budget (it lowers the coverage instead).
#[test]
#[ignore = "needs a real Prometheus: run scripts/prometheus-test.sh"]
fn differential_prometheus_and_the_engine_agree_on_burn_rates_and_budget() {
    let url = prometheus_url();
    let dir = scratch("differential", DIFFERENTIAL_POLICY);
    let rules = inlined_rules();
    let rule = |selector_start: &str| -> &str {
        rules
            .iter()
            .find(|(s, _)| s.starts_with(selector_start))
            .map(|(_, e)| e.as_str())
            .unwrap_or_else(|| panic!("no recorded {selector_start}"))
    };
    let sel = |metric: &str, window: Option<&str>| {
        match window {
        Some(w) => format!("slogate:{metric}{{slogate_policy=\"differential\", slogate_slo=\"api\", slogate_window=\"{w}\"}}"),
        None => format!("slogate:{metric}{{slogate_policy=\"differential\", slogate_slo=\"api\"}}"),
    }
    };
    // (instant, what, the requests increase() counts beyond the engine)
    let instants = [
        (
            "2026-03-01T12:00:00Z",
            "a day after the data starts (T-1d)",
            0.0,
        ),
        (
            "2026-03-01T16:05:00Z",
            "5 minutes after the restart (T-19h55m)",
            0.0,
        ),
        // The last scrape was at 06:00: increase() extrapolates half a
        // scrape interval past it, 7.5 s of 100 requests a minute.
        (
            "2026-03-02T06:10:00Z",
            "inside the scrape gap (T-5h50m)",
            12.5,
        ),
        // The engine's first sample after the gap (the scrape of 06:21:00)
        // opens the series again: the requests of the 84 scrapes since
        // 06:00 are unknown time to it; increase() counts them.
        (
            "2026-03-02T06:25:00Z",
            "5 minutes after the gap (T-5h35m)",
            2100.0,
        ),
        (
            "2026-03-02T09:10:00Z",
            "in the second incident (T-2h50m)",
            2100.0,
        ),
        (AT, "the end of the data", 2100.0),
    ];
    let mut compared = 0;
    for (at, what, expected_extra) in instants {
        let (code, report, err) = eval_json(&dir, &url, at, &["--step", "1m"]);
        assert_eq!(code, Some(0), "{what}: {err}");
        let s = &report["slos"][0];
        for w in ["5m", "30m", "1h", "6h", "1d"] {
            let engine = s["burnRates"][w].as_f64();
            let promql = instant(&url, rule(&sel("burn_rate", Some(w))), at);
            match (engine, promql) {
                (Some(e), Some(p)) => {
                    assert!(
                        (e - p).abs() <= 1e-9 * e.abs().max(1.0),
                        "{what}, burn_rate({w}): engine {e}, PromQL {p}"
                    );
                    compared += 1;
                }
                // No traffic known in the window: no data in both.
                (None, None) => {}
                (None, Some(p)) if p.is_nan() => {}
                other => {
                    panic!("{what}, burn_rate({w}): engine and PromQL disagree on data: {other:?}")
                }
            }
        }
        let engine = s["budget"]["remainingRatio"].as_f64().unwrap();
        let promql = instant(&url, rule(&sel("remaining_ratio", None)), at).unwrap();
        assert!(
            (engine - promql).abs() <= 1e-9,
            "{what}, remaining: engine {engine}, PromQL {promql}"
        );
        compared += 1;

        // Idiomatic PromQL: the 1d window's requests.
        let engine_total = s["budget"]["allowed"].as_f64().unwrap() / 0.01;
        let increase = instant(&url, "sum(increase(diff_requests_total[1d]))", at).unwrap();
        assert!(
            (increase - engine_total - expected_extra).abs() < 1e-6,
            "{what}: increase() counts {increase} requests in 1d, the engine {engine_total} (+{expected_extra} expected)"
        );
    }
    assert!(compared >= 30, "{compared} numbers compared");
}
