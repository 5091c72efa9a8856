//! `slogate rules` proven with promtool, Prometheus' own rule checker and
//! rule-test runner (Debian's package; `scripts/prometheus-test.sh`
//! installs it and runs this file).
//!
//! - Every example's rule file passes `promtool check rules`.
//! - `promtool test rules` replays a scenario (below) through the generated
//!   rules: its input series are the very samples the engine evaluates. At
//!   every minute where the engine's evaluation says an alert or a policy
//!   rule starts or stops holding, and the minutes either side, and every
//!   half hour, the test expects exactly the alerts the engine's report has
//!   firing (burn-rate alerts and `SlogateErrorBudgetPolicy` per matched
//!   rule), and the recorded remaining budget equal to the engine's within
//!   1e-9 (floating point only: the rules sum the same events — see
//!   src/rules/mod.rs — where `increase` over a window would extrapolate).
//!
//! The tests are `#[ignore]`d so that a plain `cargo test` on a machine
//! without promtool does not count them as passed; asked to run them
//! without promtool (`--ignored`), they fail.
//!
//! # The scenario
//!
//! Two SLOs grouped by `route` (/a and /b), 30 hours of 1-minute samples
//! from time 0, evaluated from minute 1441 (the first full day) to 1800:
//!
//! - `requests` (99%, rolling 1d, and a single-window alert at a fixed
//!   factor besides its pairs): `rate` kind gauges of good and total
//!   requests per second. /a serves 10/s, /b 4/s, 0.2% failing; /a fails
//!   12.37% over minutes (1500, 1530], /b 4.13% over (1620, 1700].
//! - `jobs` (95%, rolling 12h, its page alert held for 10 minutes, so that
//!   `alert(page)` reads Prometheus' ALERTS): `counter` kind totals of jobs
//!   and failed jobs, +100 and +1.3 a minute; /a fails 29.7 a minute over
//!   (1550, 1580]; /b's total counter restarts from 0 at minute 1600, its
//!   failures at 1650.
//!
//! The figures are chosen so that no tested value lies on a threshold: with
//! whole numbers (+1 and +31) `consumed(1h)` is exactly 10% at one minute
//! and the 1h burn rate exactly the page factor 2.4 at another, where one
//! rounding decides a comparison of equals.
//!
//! Rules: remaining below 75% (warning), below 40% or a fast 30m burn
//! (freeze), the page alert (freeze), a 1h consumption with a low 5m SLI
//! (warning), and `time_to_exhaustion < 1h`, which is not exported.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

use slogate::decimal::format_number;
use slogate::eval::History;
use slogate::rules::{export, Options, PromRule, ALERT_BURN, ALERT_POLICY};
use slogate::time::MINUTE;
use slogate::{DataSet, Engine, Policy, Series};

const NEEDS: &str = "needs promtool: run scripts/prometheus-test.sh";

const POLICY: &str = r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: promtool-scenario}
spec:
  slos:
    - name: requests
      objective: 99%
      window: {rolling: 1d}
      groupBy: [route]
      sli:
        ratio:
          good: {name: good, query: 'sum by (route) (test_good_rate)', kind: rate}
          total: {name: total, query: 'sum by (route) (test_total_rate)', kind: rate}
      alerting:
        - {name: page, severity: page, windows: [{long: 1h, short: 5m, budget: 10%}]}
        - {name: ticket, severity: ticket, windows: [{long: 6h, short: 30m, budget: 30%}]}
        - {name: single, severity: ticket, windows: [{long: 2h, factor: 2.1}]}
    - name: jobs
      objective: 95%
      window: {rolling: 12h}
      groupBy: [route]
      sli:
        ratio:
          bad: {name: jobs_bad, query: 'sum by (route) (test_jobs_failed_total)', kind: counter}
          total: {name: jobs_total, query: 'sum by (route) (test_jobs_total)', kind: counter}
      alerting:
        - {name: page, severity: page, for: 10m, windows: [{long: 1h, short: 5m, budget: 20%}]}
  policy:
    levels: [healthy, warning, freeze]
    rules:
      - {level: warning, when: "remaining < 75%"}
      - {level: freeze, when: "remaining < 40% or burn_rate(30m) > 5", action: "Feature freeze: only fixes ship"}
      - {level: freeze, when: "alert(page)"}
      - {level: warning, when: "consumed(1h) > 10% and sli(5m) < 99.5%"}
      - {level: freeze, when: "time_to_exhaustion < 1h"}
"#;

/// Samples per series: minutes 0 ..= 1800.
const MINUTES: usize = 1801;
/// The first and last evaluation minute.
const FIRST: usize = 1441;
const LAST: usize = 1800;

/// One input series: the metric with its labels, and the engine's name for it.
struct Input {
    metric: &'static str,
    route: &'static str,
    /// The name the policy gives it (its kind is the policy's too).
    name: &'static str,
    values: Vec<f64>,
}

fn scenario() -> Vec<Input> {
    let mut out = vec![];
    for (route, rate) in [("/a", 10.0), ("/b", 4.0)] {
        let share = |m: usize| match route {
            "/a" if (1501..=1530).contains(&m) => 0.1237,
            "/b" if (1621..=1700).contains(&m) => 0.0413,
            _ => 0.002,
        };
        out.push(Input {
            metric: "test_total_rate",
            route,
            name: "total",
            values: vec![rate; MINUTES],
        });
        out.push(Input {
            metric: "test_good_rate",
            route,
            name: "good",
            values: (0..MINUTES).map(|m| rate * (1.0 - share(m))).collect(),
        });
        let counter = |step: &dyn Fn(usize) -> f64, restart: Option<usize>| {
            let mut v = 0.0;
            (0..MINUTES)
                .map(|m| {
                    if Some(m) == restart {
                        v = 0.0;
                    }
                    v += step(m);
                    v
                })
                .collect::<Vec<f64>>()
        };
        let (total_restart, failed_restart) = if route == "/b" {
            (Some(1600), Some(1650))
        } else {
            (None, None)
        };
        out.push(Input {
            metric: "test_jobs_total",
            route,
            name: "jobs_total",
            values: counter(&|_| 100.0, total_restart),
        });
        out.push(Input {
            metric: "test_jobs_failed_total",
            route,
            name: "jobs_bad",
            values: counter(
                &|m| {
                    if route == "/a" && (1551..=1580).contains(&m) {
                        29.7
                    } else {
                        1.3
                    }
                },
                failed_restart,
            ),
        });
    }
    out
}

fn data(inputs: &[Input]) -> DataSet {
    let times: Vec<i64> = (0..MINUTES as i64).map(|m| m * MINUTE).collect();
    let mut data = DataSet::default();
    for i in inputs {
        data.push(
            Series::new(i.name, times.clone(), i.values.clone())
                .with_labels(&[("route", i.route)])
                .with_step(MINUTE),
        );
    }
    data
}

/// What the engine says holds at one minute: `(alertname, labels)` of every
/// alert that should fire, labels sorted, and the remaining ratios.
struct State {
    firing: Vec<(String, Vec<(String, String)>)>,
    remaining: Vec<(Vec<(String, String)>, f64)>,
}

fn state(engine: &Engine, policy: &Policy, data: &DataSet, minute: usize) -> State {
    let report = engine
        .evaluate_with(data, minute as i64 * MINUTE, History::NONE)
        .expect("the scenario evaluates");
    let mut firing = vec![];
    let mut remaining = vec![];
    for slo in &report.slos {
        let base = |more: &[(&str, &str)]| {
            let mut l: Vec<(String, String)> = slo.group.clone();
            l.push(("slogate_policy".into(), policy.name.clone()));
            l.push(("slogate_slo".into(), slo.name.clone()));
            l.extend(more.iter().map(|(k, v)| (k.to_string(), v.to_string())));
            l.sort();
            l
        };
        for a in slo.alerts.iter().filter(|a| a.firing) {
            firing.push((
                ALERT_BURN.to_string(),
                base(&[("slogate_alert", &a.name), ("severity", &a.severity)]),
            ));
        }
        for reason in &slo.reasons {
            let index = policy
                .rules
                .iter()
                .position(|r| r.when_text == reason.when && policy.levels[r.level] == reason.level)
                .expect("a reason is a rule");
            // Rule 5 (time_to_exhaustion) is not exported.
            if index != 4 {
                firing.push((
                    ALERT_POLICY.to_string(),
                    base(&[
                        ("level", &reason.level),
                        ("slogate_rule", &(index + 1).to_string()),
                    ]),
                ));
            }
        }
        if let Some(r) = slo.budget.remaining_ratio {
            remaining.push((base(&[]), r));
        }
    }
    firing.sort();
    State { firing, remaining }
}

fn promtool() -> Command {
    Command::new("promtool")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("slogate-rules-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn yaml_labels(labels: &[(String, String)], indent: &str) -> String {
    let mut out = String::new();
    for (k, v) in labels {
        writeln!(out, "{indent}{k}: {}", json(v)).unwrap();
    }
    out
}

/// A YAML double-quoted string (JSON's escapes are YAML's).
fn json(text: &str) -> String {
    format!("{text:?}")
}

#[test]
#[ignore = "needs promtool: run scripts/prometheus-test.sh"]
fn every_examples_rule_file_passes_promtool_check_rules() {
    let dir = scratch("examples");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir_of_example = entry.unwrap().path();
        let Some(policy) = ["policy.yaml", "policy.json"]
            .iter()
            .map(|f| dir_of_example.join(f))
            .find(|p| p.exists())
        else {
            continue;
        };
        let text = std::fs::read_to_string(&policy).unwrap();
        let parsed = Policy::parse(&text).expect("every example is valid");
        let file = dir.join(format!(
            "{}.rules.yaml",
            dir_of_example.file_name().unwrap().to_string_lossy()
        ));
        std::fs::write(&file, export(&parsed.policy, &Options::default()).to_yaml()).unwrap();
        let out = promtool()
            .arg("check")
            .arg("rules")
            .arg(&file)
            .output()
            .expect(NEEDS);
        assert!(
            out.status.success(),
            "{}: {}{}",
            policy.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        checked += 1;
    }
    assert_eq!(checked, 5, "five examples");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
#[ignore = "needs promtool: run scripts/prometheus-test.sh"]
fn promtool_fires_and_resolves_each_alert_when_the_engine_does() {
    let policy = Policy::parse(POLICY).expect("valid").policy;
    let engine = Engine::from_text(POLICY).expect("valid");
    let inputs = scenario();
    let data = data(&inputs);
    let rules = export(&policy, &Options::default());
    assert_eq!(rules.groups.len(), 2);
    assert_eq!(
        rules.not_exported.len(),
        2,
        "time_to_exhaustion, once per SLO: {:?}",
        rules.not_exported
    );

    // The engine, minute by minute; the instants to test.
    let states: Vec<State> = (FIRST - 1..=LAST + 1)
        .map(|m| state(&engine, &policy, &data, m.min(LAST)))
        .collect();
    let at = |m: usize| &states[m + 1 - FIRST];
    let mut instants = std::collections::BTreeSet::new();
    for m in FIRST..=LAST {
        if at(m).firing != at(m - 1).firing {
            instants.extend([m - 1, m, m + 1]);
        }
        if m % 30 == 0 {
            instants.insert(m);
        }
    }
    let instants: Vec<usize> = instants
        .into_iter()
        .filter(|m| (FIRST..=LAST).contains(m))
        .collect();
    // The scenario must move: each kind of alert starts and stops.
    let changes = (FIRST + 1..=LAST)
        .filter(|&m| at(m).firing != at(m - 1).firing)
        .count();
    assert!(changes >= 8, "only {changes} changes of state");
    for name in [ALERT_BURN, ALERT_POLICY] {
        assert!(
            states
                .iter()
                .any(|s| s.firing.iter().any(|(a, _)| a == name)),
            "{name} never fires"
        );
    }

    // The held alert fires, and so does the rule that reads it through
    // ALERTS (rule 3, `alert(page)`), for jobs too.
    let jobs = |name: &str, label: (&str, &str)| {
        states.iter().any(|s| {
            s.firing.iter().any(|(a, l)| {
                a == name
                    && l.contains(&("slogate_slo".into(), "jobs".into()))
                    && l.contains(&(label.0.into(), label.1.into()))
            })
        })
    };
    assert!(
        jobs(ALERT_BURN, ("slogate_alert", "page")),
        "jobs' held page alert never fires"
    );
    assert!(
        jobs(ALERT_POLICY, ("slogate_rule", "3")),
        "alert(page) never holds for jobs"
    );
    let held = rules.to_yaml();
    assert!(held.contains("\n        for: 10m\n"), "{held}");
    assert!(held.contains("ALERTS{"), "{held}");

    // The annotations of each alert, as exported (they are not what is tested).
    let annotations = |alert: &str, labels: &[(String, String)]| -> Vec<(String, String)> {
        let get = |k: &str| labels.iter().find(|(l, _)| l == k).map(|(_, v)| v.as_str());
        for g in &rules.groups {
            for r in &g.rules {
                if let PromRule::Alert {
                    alert: a,
                    labels: l,
                    annotations,
                    ..
                } = r
                {
                    let same = l.iter().all(|(k, v)| get(k) == Some(v.as_str()));
                    if a == alert && same {
                        return annotations.clone();
                    }
                }
            }
        }
        panic!("no exported alert {alert} {labels:?}");
    };

    let dir = scratch("test");
    std::fs::write(dir.join("rules.yaml"), rules.to_yaml()).unwrap();
    let mut t = String::from("rule_files: [rules.yaml]\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n");
    for i in &inputs {
        let values: Vec<String> = i.values.iter().map(|v| format_number(*v)).collect();
        writeln!(t, "      - series: '{}{{route=\"{}\"}}'", i.metric, i.route).unwrap();
        writeln!(t, "        values: '{}'", values.join(" ")).unwrap();
    }
    t.push_str("    alert_rule_test:\n");
    for &m in &instants {
        for name in [ALERT_BURN, ALERT_POLICY] {
            writeln!(t, "      - eval_time: {m}m\n        alertname: {name}").unwrap();
            let firing: Vec<&Vec<(String, String)>> = at(m)
                .firing
                .iter()
                .filter(|(a, _)| a == name)
                .map(|(_, l)| l)
                .collect();
            if firing.is_empty() {
                t.push_str("        exp_alerts: []\n");
                continue;
            }
            t.push_str("        exp_alerts:\n");
            for labels in firing {
                t.push_str("          - exp_labels:\n");
                t.push_str(&yaml_labels(labels, "              "));
                t.push_str("            exp_annotations:\n");
                t.push_str(&yaml_labels(&annotations(name, labels), "              "));
            }
        }
    }
    t.push_str("    promql_expr_test:\n");
    for &m in &instants {
        for (labels, r) in &at(m).remaining {
            let sel: Vec<String> = labels
                .iter()
                .map(|(k, v)| format!("{k}={}", json(v)))
                .collect();
            writeln!(
                t,
                "      - expr: 'abs(slogate:remaining_ratio{{{}}} - {}) < bool 1e-9'\n        eval_time: {m}m\n        exp_samples:\n          - labels: '{{{}}}'\n            value: 1",
                sel.join(", "),
                format_number(*r),
                sel.join(", ")
            )
            .unwrap();
        }
    }
    std::fs::write(dir.join("test.yaml"), &t).unwrap();
    let out = promtool()
        .current_dir(&dir)
        .args(["test", "rules", "test.yaml"])
        .output()
        .expect(NEEDS);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "promtool test rules (in {}):\n{said}",
        dir.display()
    );
    assert!(said.contains("SUCCESS"), "{said}");
    std::fs::remove_dir_all(dir).ok();
}
