//! The examples of `examples/` are checked here: every run of
//! `examples/runs.json` parses its policy, loads its data files as
//! `slogate eval --data NAME=FILE` would, evaluates at `at`, and must reach
//! the document level and every SLO level that `expect` gives. The expected
//! levels were worked out by hand (examples/README.md), not by the engine.
//!
//! runs.json, one object per run:
//! - `example`, `policy` (path from the crate root), `at` (RFC 3339);
//! - `data`: `{NAME: FILE}`, CSV or Prometheus `query_range` JSON;
//! - `expect.level`: the document's level; `expect.slos`: `{KEY: level}` for
//!   every SLO instance, KEY = the SLO name, or `name{label=value,...}` (in
//!   `groupBy` order) for a `groupBy` instance;
//! - `expect.alerts` (optional): `{KEY: {ALERT: state}}`, the state of
//!   alerts (`inactive`, `pending`, `firing`) of an SLO instance; every alert
//!   named there takes at least two states over the runs of its example
//!   (the seeds' alerts and hold times are driven through them);
//! - `allowWarnings`: validation warnings the policy may have. A warning is
//!   allowed when its field path starts with an entry or its message contains
//!   one; any other warning fails.
#![cfg(feature = "cli")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;
use slogate::report::SloReport;
use slogate::{DataSet, Engine};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Run {
    example: String,
    policy: String,
    at: String,
    data: Vec<(String, String)>,
    level: String,
    slos: BTreeMap<String, String>,
    /// `(KEY, ALERT) → state`.
    alerts: BTreeMap<(String, String), String>,
    allow_warnings: Vec<String>,
}

impl Run {
    fn label(&self) -> String {
        format!("{} at {}", self.example, self.at)
    }
}

fn string(v: &Value, key: &str, what: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("runs.json: {what}: `{key}` must be a string"))
        .to_string()
}

fn runs() -> Vec<Run> {
    let path = root().join("examples/runs.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let list = doc
        .as_array()
        .expect("runs.json: the top level must be an array");
    assert!(!list.is_empty(), "runs.json lists no runs");
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            let what = format!("run {i}");
            let expect = v
                .get("expect")
                .unwrap_or_else(|| panic!("runs.json: {what}: no `expect`"));
            let data = v
                .get("data")
                .and_then(Value::as_object)
                .unwrap_or_else(|| panic!("runs.json: {what}: `data` must be an object"))
                .iter()
                .map(|(name, file)| {
                    (
                        name.clone(),
                        file.as_str().expect("data files are strings").to_string(),
                    )
                })
                .collect();
            let slos = expect
                .get("slos")
                .and_then(Value::as_object)
                .unwrap_or_else(|| panic!("runs.json: {what}: `expect.slos` must be an object"))
                .iter()
                .map(|(k, l)| {
                    (
                        k.clone(),
                        l.as_str().expect("levels are strings").to_string(),
                    )
                })
                .collect();
            let mut alerts = BTreeMap::new();
            if let Some(a) = expect.get("alerts") {
                let a = a.as_object().unwrap_or_else(|| {
                    panic!("runs.json: {what}: `expect.alerts` must be an object")
                });
                for (key, states) in a {
                    let states = states.as_object().unwrap_or_else(|| {
                        panic!("runs.json: {what}: `expect.alerts.{key}` must be an object")
                    });
                    for (alert, state) in states {
                        let state = state.as_str().expect("alert states are strings");
                        assert!(
                            ["inactive", "pending", "firing"].contains(&state),
                            "runs.json: {what}: {key} {alert}: state {state:?}"
                        );
                        alerts.insert((key.clone(), alert.clone()), state.to_string());
                    }
                }
            }
            let allow_warnings = match v.get("allowWarnings") {
                None => Vec::new(),
                Some(a) => a
                    .as_array()
                    .expect("allowWarnings must be an array")
                    .iter()
                    .map(|s| {
                        s.as_str()
                            .expect("allowWarnings entries are strings")
                            .to_string()
                    })
                    .collect(),
            };
            Run {
                example: string(v, "example", &what),
                policy: string(v, "policy", &what),
                at: string(v, "at", &what),
                data,
                level: string(expect, "level", &what),
                slos,
                alerts,
                allow_warnings,
            }
        })
        .collect()
}

fn engine(policy: &str) -> Engine {
    let path = root().join(policy);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match Engine::from_text(&text) {
        Ok(engine) => engine,
        Err(diagnostics) => panic!("{policy} does not parse:\n{}", diagnostics.render(policy)),
    }
}

fn dataset(run: &Run) -> DataSet {
    let mut data = DataSet::default();
    for (name, file) in &run.data {
        let series = slogate::data::load_file(&root().join(file), name, &Default::default())
            .unwrap_or_else(|e| panic!("{}: --data {name}={file}: {e}", run.label()));
        assert!(
            !series.is_empty(),
            "{}: {file} holds no series",
            run.label()
        );
        for s in series {
            data.push(s);
        }
    }
    data
}

fn slo_key(slo: &SloReport) -> String {
    if slo.group.is_empty() {
        slo.name.clone()
    } else {
        let labels: Vec<String> = slo.group.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("{}{{{}}}", slo.name, labels.join(","))
    }
}

#[test]
fn every_run_reaches_its_expected_levels() {
    let mut failures = Vec::new();
    for run in runs() {
        let engine = engine(&run.policy);
        let at = slogate::time::parse_rfc3339(&run.at)
            .unwrap_or_else(|e| panic!("{}: {e}", run.label()));
        let report = match engine.evaluate(&dataset(&run), at) {
            Ok(report) => report,
            Err(e) => {
                failures.push(format!("{}: evaluation failed: {e}", run.label()));
                continue;
            }
        };
        if report.level != run.level {
            failures.push(format!(
                "{}: document level {:?}, expected {:?}",
                run.label(),
                report.level,
                run.level
            ));
        }
        let mut seen = BTreeSet::new();
        for slo in &report.slos {
            let key = slo_key(slo);
            match run.slos.get(&key) {
                None => failures.push(format!("{}: SLO {key} is not in expect.slos", run.label())),
                Some(want) if *want != slo.level => {
                    let reasons: Vec<String> = slo
                        .reasons
                        .iter()
                        .map(|r| format!("{} ({})", r.when, r.level))
                        .collect();
                    failures.push(format!(
                        "{}: SLO {key}: level {:?}, expected {want:?} (remaining {:?}, reasons [{}], warnings {:?})",
                        run.label(),
                        slo.level,
                        slo.budget.remaining_ratio,
                        reasons.join("; "),
                        slo.warnings
                    ));
                }
                Some(_) => {}
            }
            seen.insert(key);
        }
        for key in run.slos.keys() {
            if !seen.contains(key) {
                failures.push(format!(
                    "{}: expected SLO {key} is not in the report",
                    run.label()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn example_policies_have_no_unexpected_warnings() {
    let mut failures = Vec::new();
    let mut checked = BTreeSet::new();
    for run in runs() {
        if !checked.insert((run.policy.clone(), run.allow_warnings.clone())) {
            continue;
        }
        for w in &engine(&run.policy).warnings {
            let allowed = run.allow_warnings.iter().any(|a| {
                (!w.path.is_empty() && (w.path == *a || w.path.starts_with(&format!("{a}."))))
                    || w.message.contains(a.as_str())
            });
            if !allowed {
                failures.push(w.render(&run.policy));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "unexpected warnings:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_example_policy_is_run_at_two_levels_at_least() {
    let runs = runs();
    let examples = root().join("examples");
    let mut policies = Vec::new();
    for entry in std::fs::read_dir(&examples).expect("examples/") {
        let dir = entry.expect("examples/ entry").path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir).expect("example directory") {
            let file = file.expect("example file").path();
            let stem = file.file_stem().and_then(|s| s.to_str());
            if file.is_file() && stem == Some("policy") {
                let rel = file.strip_prefix(root()).expect("under the crate root");
                policies.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    policies.sort();
    assert!(
        policies.len() >= 5,
        "expected the five seed examples, found {policies:?}"
    );
    for policy in &policies {
        let mine: Vec<&Run> = runs.iter().filter(|r| r.policy == *policy).collect();
        let levels: BTreeSet<&str> = mine.iter().map(|r| r.level.as_str()).collect();
        assert!(
            mine.len() >= 2,
            "{policy}: {} run(s) in runs.json, at least 2 needed",
            mine.len()
        );
        assert!(
            levels.len() >= 2,
            "{policy}: every run expects {levels:?}; at least two levels needed"
        );
    }
    for run in &runs {
        assert!(
            policies.contains(&run.policy),
            "{}: policy {} is not an examples/*/policy.* file",
            run.label(),
            run.policy
        );
    }
}

#[test]
fn runs_name_existing_files_and_valid_times() {
    for run in runs() {
        assert!(
            root().join(&run.policy).is_file(),
            "{}: no file {}",
            run.label(),
            run.policy
        );
        assert!(
            slogate::time::parse_rfc3339(&run.at).is_ok(),
            "{}: bad time",
            run.label()
        );
        assert!(
            !run.slos.is_empty(),
            "{}: expect.slos is empty",
            run.label()
        );
        for (name, file) in &run.data {
            assert!(
                Path::new(&root().join(file)).is_file(),
                "{}: --data {name}={file}: no such file",
                run.label()
            );
        }
    }
}

/// A host that leaves out the burn-down or the timeline
/// (`Engine::evaluate_with`) gets every other number of the full report,
/// and what it kept is the full report's, point for point.
#[test]
fn leaving_history_out_changes_nothing_else() {
    use slogate::eval::History;
    for run in runs() {
        let engine = engine(&run.policy);
        let at = slogate::time::parse_rfc3339(&run.at).expect("valid runs.json time");
        let data = dataset(&run);
        let full = engine.evaluate(&data, at).expect("runs evaluate");
        for (burndown, timeline) in [(false, false), (true, false), (false, true)] {
            let got = engine
                .evaluate_with(
                    &data,
                    at,
                    History {
                        burndown,
                        timeline,
                        burn_rates: false,
                    },
                )
                .expect("runs evaluate");
            let mut want = full.clone();
            for slo in &mut want.slos {
                if !burndown {
                    slo.burndown = Default::default();
                }
                if !timeline {
                    slo.timeline.clear();
                }
            }
            assert_eq!(
                got,
                want,
                "{}: burndown {burndown}, timeline {timeline}",
                run.label()
            );
        }
        // Asking for the burn rates over time adds them and changes nothing
        // else; each series ends with the report's own burn rate (the last
        // point is the evaluation instant), and its windows are the report's.
        let charts = engine
            .evaluate_with(&data, at, History::CHARTS)
            .expect("runs evaluate");
        let mut without = charts.clone();
        for (slo, full_slo) in without.slos.iter_mut().zip(&full.slos) {
            let windows: Vec<_> = slo.burndown.burn_rates.iter().map(|r| r.0).collect();
            let reported: Vec<_> = full_slo.burn_rates.iter().map(|r| r.0).collect();
            assert_eq!(windows, reported, "{}: {}", run.label(), slo.name);
            for ((w, rates), (_, now)) in slo.burndown.burn_rates.iter().zip(&full_slo.burn_rates) {
                assert_eq!(rates.len(), slo.burndown.t.len(), "{}: {w}", run.label());
                assert_eq!(rates.last(), Some(now), "{}: {} {w}", run.label(), slo.name);
            }
            slo.burndown.burn_rates.clear();
        }
        assert_eq!(without, full, "{}: with burn rates over time", run.label());
    }
}

#[test]
fn every_run_reaches_its_expected_alert_states() {
    let mut failures = Vec::new();
    // (example, KEY, ALERT) → the states seen.
    let mut seen: BTreeMap<(String, String, String), BTreeSet<String>> = BTreeMap::new();
    for run in runs().into_iter().filter(|r| !r.alerts.is_empty()) {
        let engine = engine(&run.policy);
        let at = slogate::time::parse_rfc3339(&run.at).expect("valid instant");
        let report = engine.evaluate(&dataset(&run), at).expect("evaluates");
        for ((key, alert), want) in &run.alerts {
            seen.entry((run.example.clone(), key.clone(), alert.clone()))
                .or_default()
                .insert(want.clone());
            let got = report
                .slos
                .iter()
                .find(|s| &slo_key(s) == key)
                .and_then(|s| s.alerts.iter().find(|a| &a.name == alert));
            match got {
                None => failures.push(format!("{}: {key} has no alert {alert}", run.label())),
                Some(a) if a.state() != want => failures.push(format!(
                    "{}: {key} {alert}: {}, expected {want} (pairs {:?})",
                    run.label(),
                    a.state(),
                    a.pairs
                )),
                Some(_) => {}
            }
        }
    }
    for ((example, key, alert), states) in &seen {
        if states.len() < 2 {
            failures.push(format!(
                "{example}: {key} {alert} is only ever expected {states:?}: the data must drive it through two states"
            ));
        }
    }
    assert!(!seen.is_empty(), "no run expects an alert state");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
