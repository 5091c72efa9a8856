//! The numbers a terminal and a pipeline see stay finite and agree with the
//! verdict (docs/arithmetic.md §13), end to end through `slogate eval`.

use std::path::PathBuf;
use std::process::{Command, Output};

/// A 90% SLO over `good` and `bad` increases whose only events are 5e-324
/// each: half the events failed against a 10% allowance, so remainingRatio
/// is 1 − 0.5/0.1 = −4 and `remaining < 50%` freezes.
const POLICY: &str = r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: tiny}
spec:
  slos:
    - name: availability
      objective: 90%
      window: {rolling: 1h}
      sli: {ratio: {good: {name: good, kind: increase}, bad: {name: bad, kind: increase}}}
  policy:
    levels: [healthy, freeze]
    rules:
      - {level: freeze, when: "remaining < 50%", action: Freeze}
"#;

const AT: &str = "2026-02-28T12:00:00Z";

fn fixture() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("slogate-cli-numbers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("policy.yaml"), POLICY).unwrap();
    let csv = "time,value\n2026-02-28T11:58:00Z,0\n2026-02-28T11:59:00Z,5e-324\n";
    std::fs::write(dir.join("good.csv"), csv).unwrap();
    std::fs::write(dir.join("bad.csv"), csv).unwrap();
    dir
}

fn eval(dir: &PathBuf, format: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_slogate"))
        .current_dir(dir)
        .args([
            "eval",
            "policy.yaml",
            "--at",
            AT,
            "--data",
            "good=good.csv",
            "--data",
            "bad=bad.csv",
            "--format",
            format,
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn subnormal_counts_give_a_finite_report_and_the_rules_verdict() {
    let dir = fixture();
    let json = eval(&dir, "json");
    assert_eq!(
        json.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let slo = &report["slos"][0];
    assert_eq!(slo["budget"]["remainingRatio"], -4.0, "{slo}");
    assert_eq!(slo["level"], "freeze");
    assert_eq!(slo["reasons"][0]["value"], -4.0);
    assert_eq!(slo["timeToExhaustionSeconds"], 0.0);
    let burndown = slo["burndown"]["remainingRatio"].as_array().unwrap();
    assert_eq!(burndown.last().unwrap(), -4.0);

    let text = eval(&dir, "text");
    assert_eq!(text.status.code(), Some(0));
    let text = String::from_utf8(text.stdout).unwrap();
    for word in ["inf", "NaN"] {
        assert!(!text.contains(word), "{word} in:\n{text}");
    }
    assert!(text.contains("-400.0%"), "{text}");
    assert!(text.to_lowercase().contains("freeze"), "{text}");
}
