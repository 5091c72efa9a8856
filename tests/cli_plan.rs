//! `slogate eval` reads what the engine's data plan (`Engine::plan`) says
//! and nothing else: `--prometheus` asks for each series' planned query,
//! range and step, and data trimmed to the planned range gives the report
//! the whole history gives, burn-down included — the drift of issue 8,
//! where a rolling window's burn-down read data from T − 2D that the CLI
//! never fetched.

mod test_server;

mod cli_support;

use std::path::Path;

use cli_support::{slogate, stderr, Scratch};
use slogate::time::{parse_rfc3339, Instant, Millis, DAY, MINUTE};
use slogate::Engine;
use test_server::{one_sample_at_end, Reply, Server};

const AT: &str = "2026-03-10T12:00:00Z";

/// A rolling 7d SLO and a calendar one in timeslices of 1m that shares
/// `total`: `total` is planned at the finer step and the earlier start.
const POLICY: &str = r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: plan}
spec:
  slos:
    - name: rolling
      objective: 99.9%
      window: {rolling: 7d}
      sli:
        ratio:
          good: {name: good, query: 'sum(increase(ok_total[5m]))', kind: increase}
          total: {name: total, query: 'sum(increase(all_total[5m]))', kind: increase}
    - name: calendar
      objective: 99%
      window: {calendar: month}
      budgeting: timeslices
      slice: 1m
      sli:
        ratio:
          bad: {name: bad, query: 'sum(increase(failed_total[1m]))', kind: increase}
          total: {name: total, query: 'sum(increase(all_total[5m]))', kind: increase}
  policy:
    levels: [healthy, freeze]
    rules:
      - {level: freeze, when: "burn_rate(1h) > 14.4"}
"#;

fn scratch(name: &str, policy: &str) -> Scratch {
    cli_support::scratch("plan", name, policy)
}

/// A parameter of a request line, in milliseconds (`start=1700000000.123`).
fn millis(line: &str, name: &str) -> Millis {
    let value = line
        .split(['?', '&', ' '])
        .find_map(|p| p.strip_prefix(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} in {line}"));
    let (seconds, fraction) = value.split_once('.').unwrap_or((value, "0"));
    let fraction: i64 = format!("{fraction:0<3}")[..3].parse().unwrap();
    let seconds: i64 = seconds.parse().unwrap();
    seconds * 1000 + seconds.signum() * fraction
}

/// The `query` parameter of a request line, percent-decoded.
fn query(line: &str) -> String {
    let encoded = line
        .split(['?', '&', ' '])
        .find_map(|p| p.strip_prefix("query="))
        .unwrap();
    let bytes = encoded.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&encoded[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn prometheus_is_asked_for_the_planned_query_range_and_step() {
    let at = parse_rfc3339(AT).unwrap();
    let engine = Engine::from_text(POLICY).unwrap();
    let dir = scratch("requests", POLICY);
    for step in [None, Some(("2m", 2 * MINUTE))] {
        let plan = match step {
            None => engine.plan(at).unwrap(),
            Some((_, millis)) => engine.plan_at_step(at, millis).unwrap(),
        };
        let server = Server::start(|r| Reply::Full("200 OK", one_sample_at_end(r, 10.0)));
        let mut args = vec![
            "eval",
            "policy.yaml",
            "--at",
            AT,
            "--prometheus",
            &server.url,
        ];
        if let Some((text, _)) = step {
            args.extend(["--step", text]);
        }
        let o = slogate(&dir.0, &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        // Each series in the plan's order (good, total, bad), in requests
        // of at most 11,000 steps that follow each other a step apart.
        let requests = server.requests();
        let mut requests = requests.iter().map(|r| r.line.as_str()).peekable();
        for p in &plan.series {
            let mut lines = vec![requests.next().expect("a request for every series")];
            while requests.peek().is_some_and(|r| query(r) == query(lines[0])) {
                lines.extend(requests.next());
            }
            assert_eq!(Some(query(lines[0])), p.query, "{lines:?}");
            for line in &lines {
                assert_eq!(millis(line, "step"), p.step, "{}: {line}", p.name);
            }
            for pair in lines.windows(2) {
                assert_eq!(millis(pair[1], "start"), millis(pair[0], "end") + p.step);
            }
            let (start, end) = (
                millis(lines[0], "start"),
                millis(lines[lines.len() - 1], "end"),
            );
            assert_eq!(end, p.end, "{}: {lines:?}", p.name);
            // The grid ends at the evaluation and reaches the planned start
            // by less than a step.
            assert_eq!((end - start) % p.step, 0, "{lines:?}");
            assert!(start <= p.start && p.start - start < p.step, "{lines:?}");
        }
        assert_eq!(requests.next(), None);
        if step.is_none() {
            // Rolling 7d reads back to T − 14d (its burn-down's first
            // point looks back a window), the calendar month to its start
            // less 3d (its 3d burn rate); `total` serves both at 1m.
            let by_name = |name: &str| plan.series.iter().find(|p| p.name == name).unwrap();
            let march = parse_rfc3339("2026-03-01T00:00:00Z").unwrap();
            assert_eq!(
                (by_name("good").start, by_name("good").step),
                (at - 14 * DAY - 15 * MINUTE, 5 * MINUTE)
            );
            assert_eq!(
                (by_name("bad").start, by_name("bad").step),
                (march - 3 * DAY - 3 * MINUTE, MINUTE)
            );
            assert_eq!(
                (by_name("total").start, by_name("total").step),
                (at - 14 * DAY - 15 * MINUTE, MINUTE)
            );
        }
    }
}

/// A rolling 7d SLO on `increase` series of 5m samples.
const ROLLING: &str = r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: drift}
spec:
  slos:
    - name: api
      objective: 99.9%
      window: {rolling: 7d}
      sli:
        ratio:
          bad: {name: bad, kind: increase}
          total: {name: total, kind: increase}
  policy:
    levels: [healthy, freeze]
    rules:
      - {level: freeze, when: "burn_rate(1h) > 14.4"}
"#;

/// `time,value` lines of the samples at `t` in `[from, to]`.
fn csv(samples: &[(Instant, u64)], from: Instant, to: Instant) -> String {
    let mut out = String::from("time,value\n");
    for (t, v) in samples.iter().filter(|(t, _)| (from..=to).contains(t)) {
        out.push_str(&format!("{},{v}\n", t / 1000));
    }
    out
}

/// `slogate eval ROLLING --data bad=… --data total=…` on the samples in
/// `[from, at]`: the JSON report.
fn report_on(dir: &Path, data: &[(&str, &[(Instant, u64)])], from: Instant, at: Instant) -> String {
    let mut args = vec![
        "eval".to_string(),
        "policy.yaml".into(),
        "--at".into(),
        AT.into(),
    ];
    for (name, samples) in data {
        let file = format!("{name}-{from}.csv");
        std::fs::write(dir.join(&file), csv(samples, from, at)).unwrap();
        args.extend(["--data".into(), format!("{name}={file}")]);
    }
    args.extend(["--format".into(), "json".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = slogate(dir, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

/// The issue's reproduction: a rolling 7d SLO evaluated on 14 days, and on
/// exactly the range the plan names, gives one burn-down; on the last 7
/// days (what `--prometheus` used to fetch) the same remaining budget but a
/// burn-down computed on missing data.
#[test]
fn a_rolling_window_on_its_planned_range_gives_the_burn_down_of_its_whole_history() {
    let at = parse_rfc3339(AT).unwrap();
    let step = 5 * MINUTE;
    // 21 days of 1,000 requests each 5m. Incident A at T − 13d (12 hours,
    // 42 bad each 5m: 6,048, three times 7d's budget of 2,016) is in the
    // burn-down's first windows only; incident B at T − 2d (1 hour, 100
    // bad each 5m) is in the window at T.
    let times: Vec<Instant> = (0..=21 * 288).map(|k| at - 21 * DAY + k * step).collect();
    let in_a = |t: Instant| t > at - 13 * DAY && t <= at - 13 * DAY + 12 * 60 * MINUTE;
    let in_b = |t: Instant| t > at - 2 * DAY && t <= at - 2 * DAY + 60 * MINUTE;
    let bad: Vec<(Instant, u64)> = times
        .iter()
        .map(|&t| {
            (
                t,
                if in_a(t) {
                    42
                } else if in_b(t) {
                    100
                } else {
                    0
                },
            )
        })
        .collect();
    let total: Vec<(Instant, u64)> = times.iter().map(|&t| (t, 1000)).collect();
    let data: [(&str, &[(Instant, u64)]); 2] = [("bad", &bad), ("total", &total)];

    let plan = Engine::from_text(ROLLING).unwrap().plan(at).unwrap();
    assert!(plan.series.iter().all(|p| p.end == at && p.step == step));
    let planned_start = plan.series[0].start;

    let dir = scratch("drift", ROLLING);
    let whole = report_on(&dir.0, &data, at - 21 * DAY, at);
    let fourteen_days = report_on(&dir.0, &data, at - 14 * DAY, at);
    let planned = report_on(&dir.0, &data, planned_start, at);
    let seven_days = report_on(&dir.0, &data, at - 7 * DAY, at);
    assert_eq!(planned, whole, "the planned range lost data");
    assert_eq!(fourteen_days, whole);
    // Rolling 7d: the burn-down's first point looks back a window.
    assert_eq!(planned_start, at - 14 * DAY - 3 * step);

    // The report's own numbers do not show the drift; the burn-down does.
    let parse = |text: &str| -> serde_json::Value { serde_json::from_str(text).unwrap() };
    let (whole, seven_days) = (parse(&whole), parse(&seven_days));
    let remaining = |r: &serde_json::Value| r["slos"][0]["budget"]["remainingRatio"].clone();
    assert_eq!(remaining(&whole), remaining(&seven_days));
    let first = |r: &serde_json::Value| r["slos"][0]["burndown"]["remainingRatio"][0].as_f64();
    // At T − 7d + 20m the window still holds all of incident A: 1 − 3.
    assert_eq!(first(&whole), Some(-2.0));
    assert_ne!(first(&seven_days), first(&whole));
}
