//! `slogate check` and `slogate eval` end to end on files, as a deploy
//! pipeline runs them: exit statuses, JSON, gates, and errors that name the
//! file and the place.

use std::path::PathBuf;
use std::process::{Command, Output};

const POLICY: &str = r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: demo}
spec:
  slos:
    - name: availability
      objective: 99.9%
      window: {rolling: 1d}
      sli: {ratio: {good: good, total: total}}
  policy:
    levels: [healthy, warning, freeze]
    rules:
      - {level: warning, when: "remaining < 50%", action: Prioritize reliability}
      - {level: freeze, when: "burn_rate(30m) > 5 and remaining < 90%", action: Freeze}
"#;

/// A scratch directory with the policy and a day of per-minute data:
/// 100 req/s; 0.05/s failing, then 1/s failing in the last 20 minutes.
fn fixture(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("slogate-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("policy.yaml"), POLICY).unwrap();
    let (mut good, mut total) = (String::from("time,value\n"), String::from("time,value\n"));
    for i in 0..=1440 {
        let t = 1_700_000_000 + i * 60;
        total.push_str(&format!("{t},100\n"));
        good.push_str(&format!("{t},{}\n", if i > 1420 { 99.0 } else { 99.95 }));
    }
    std::fs::write(dir.join("good.csv"), good).unwrap();
    std::fs::write(dir.join("total.csv"), total).unwrap();
    dir
}

fn slogate(dir: &PathBuf, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_slogate"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

const AT: &str = "2023-11-15T22:13:20Z"; // 1_700_000_000 + 1440 minutes

fn eval(dir: &PathBuf, extra: &[&str]) -> Output {
    let mut args = vec![
        "eval",
        "policy.yaml",
        "--at",
        AT,
        "--data",
        "good=good.csv",
        "--data",
        "total=total.csv",
    ];
    args.extend_from_slice(extra);
    slogate(dir, &args)
}

#[test]
fn check_accepts_a_valid_policy() {
    let dir = fixture("check");
    let o = slogate(&dir, &["check", "policy.yaml"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "policy.yaml: ok (1 SLO, 2 rules)\n"
    );
}

#[test]
fn check_names_file_line_and_column() {
    let dir = fixture("check-bad");
    std::fs::write(
        dir.join("bad.yaml"),
        POLICY.replace("objective: 99.9%", "objective: 99.9"),
    )
    .unwrap();
    let o = slogate(&dir, &["check", "bad.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("bad.yaml:7:18: error: spec.slos[0].objective: "),
        "{err}"
    );
    assert!(err.contains("99.9%") && err.contains("0.999"), "{err}");
}

#[test]
fn eval_prints_the_report_as_json() {
    let dir = fixture("json");
    let o = eval(&dir, &["--format", "json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let slo = &report["slos"][0];
    // 8,640,000 requests; allowed 0.1% = 8640. Bad: 1420 min × 60 s × 0.05
    // = 4260, plus 20 min × 60 s × 1 = 1200: 5460.
    assert_eq!(slo["budget"]["allowed"], 8640.0);
    assert_eq!(slo["budget"]["consumed"], 5460.0);
    assert_eq!(slo["budget"]["remaining"], 3180.0);
    // 30m: 10 min at 0.05 + 20 min at 1 ⇒ (30 + 1200)/180,000 / 0.001 = 6.8333…
    let b30 = slo["burnRates"]["30m"].as_f64().unwrap();
    assert!((b30 - 1230.0 / 180.0).abs() < 1e-9, "{b30}");
    assert_eq!(report["level"], "freeze");
    assert_eq!(slo["reasons"][1]["action"], "Freeze");
}

#[test]
fn eval_text_leads_with_the_verdict() {
    let dir = fixture("text");
    let o = eval(&dir, &[]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        out.lines().next(),
        Some("demo at 2023-11-15T22:13:20Z: FREEZE"),
        "{out}"
    );
    assert!(out.contains("remaining < 50%"), "{out}");
}

#[test]
fn the_gate_closes_at_its_level_or_worse() {
    let dir = fixture("gate");
    assert_eq!(eval(&dir, &["--gate", "freeze"]).status.code(), Some(3));
    assert_eq!(eval(&dir, &["--gate", "warning"]).status.code(), Some(3));
    // An hour earlier nothing burns fast and half the budget is left.
    let early = slogate(
        &dir,
        &[
            "eval",
            "policy.yaml",
            "--at",
            "2023-11-15T21:13:20Z",
            "--data",
            "good=good.csv",
            "--data",
            "total=total.csv",
            "--gate",
            "warning",
        ],
    );
    assert_eq!(
        early.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&early.stdout)
    );
    let bad_gate = eval(&dir, &["--gate", "freez"]);
    assert_eq!(bad_gate.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad_gate.stderr).contains("did you mean \"freeze\""));
}

#[test]
fn bad_data_names_the_file_line_and_column() {
    let dir = fixture("bad-data");
    std::fs::write(
        dir.join("good.csv"),
        "time,value\n1700000000,1\n1700000060,abc\n",
    )
    .unwrap();
    let o = eval(&dir, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("good.csv:3:12: "), "{err}");
}

#[test]
fn a_missing_series_says_how_to_supply_it() {
    let dir = fixture("missing");
    let o = slogate(
        &dir,
        &["eval", "policy.yaml", "--at", AT, "--data", "good=good.csv"],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("\"total\"") && err.contains("--data total=FILE"),
        "{err}"
    );
}
