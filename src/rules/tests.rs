//! The rules of small policies, checked by hand; promtool checks the files
//! and tests them against the engine in tests/rules_promtool.rs.

use super::*;
use crate::policy::Policy;

fn export_of(text: &str) -> Export {
    let parsed = Policy::parse(text).expect("a valid policy");
    export(&parsed.policy, &Options::default())
}

const RATIO: &str = r#"
apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: shop}
spec:
  slos:
    - name: availability
      objective: 99.9%
      window: {rolling: 30d}
      groupBy: [route]
      sli:
        ratio:
          good: {name: good, query: 'sum by (route) (rate(http_requests_total{code!~"5.."}[5m]))', kind: rate}
          total: {name: total, query: 'sum by (route) (rate(http_requests_total[5m]))', kind: rate}
  policy:
    levels: [healthy, warning, freeze]
    rules:
      - {level: warning, when: "remaining < 50%"}
      - {level: freeze, when: "remaining < 10% or burn_rate(30m) > 5", action: "Feature freeze"}
      - {level: freeze, when: "time_to_exhaustion < 2d"}
"#;

#[test]
fn a_ratio_slo_records_its_events_ratios_and_budget_and_alerts_as_the_engine() {
    let e = export_of(RATIO);
    assert_eq!(e.groups.len(), 1);
    let g = &e.groups[0];
    assert_eq!(g.name, "slogate/shop/availability");
    let records: Vec<(&str, String)> = g
        .rules
        .iter()
        .filter_map(|r| match r {
            PromRule::Record { record, labels, .. } => Some((
                record.as_str(),
                labels
                    .iter()
                    .skip(2)
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(","),
            )),
            _ => None,
        })
        .collect();
    // Two roles; windows: the alerts' (5m 30m 1h 2h 6h 1d 3d), the rule's 30m, the period.
    let windows = ["5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d"];
    let mut want = vec![
        ("slogate:step_events", "slogate_role=good".to_string()),
        ("slogate:step_events", "slogate_role=total".to_string()),
    ];
    for w in windows {
        want.push((
            "slogate:window_events",
            format!("slogate_role=good,slogate_window={w}"),
        ));
        want.push((
            "slogate:window_events",
            format!("slogate_role=total,slogate_window={w}"),
        ));
        want.push(("slogate:error_ratio", format!("slogate_window={w}")));
        want.push(("slogate:burn_rate", format!("slogate_window={w}")));
    }
    want.push(("slogate:consumed_ratio", "slogate_window=30d".to_string()));
    want.push(("slogate:remaining_ratio", String::new()));
    assert_eq!(records, want);

    let expr_of = |name: &str, label: &str| {
        g.rules
            .iter()
            .find_map(|r| match r {
                PromRule::Record {
                    record,
                    expr,
                    labels,
                } if record == name && labels.iter().any(|(k, v)| format!("{k}={v}") == label) => {
                    Some(expr.clone())
                }
                _ => None,
            })
            .unwrap()
    };
    // Rate kind: the rate times the interval's 60 seconds, by the groupBy label,
    // where both roles have data.
    assert_eq!(
        expr_of("slogate:step_events", "slogate_role=good"),
        "(\n  sum by (route) (\n    sum by (route) (rate(http_requests_total{code!~\"5..\"}[5m]))\n  ) * 60\n)\nand on (route)\n(\n  sum by (route) (\n    sum by (route) (rate(http_requests_total[5m]))\n  ) * 60\n)"
    );
    // A 1h window sums the last 60 intervals: a range of 59m30s.
    assert_eq!(
        expr_of("slogate:window_events", "slogate_window=1h"),
        "sum_over_time(slogate:step_events{slogate_policy=\"shop\", slogate_slo=\"availability\", slogate_role=\"good\"}[59m30s])"
    );
    assert_eq!(
        expr_of("slogate:burn_rate", "slogate_window=1h"),
        "slogate:error_ratio{slogate_policy=\"shop\", slogate_slo=\"availability\", slogate_window=\"1h\"} / 0.001"
    );

    let alerts: Vec<(&str, &str, String)> = g
        .rules
        .iter()
        .filter_map(|r| match r {
            PromRule::Alert {
                alert,
                expr,
                labels,
                ..
            } => Some((
                alert.as_str(),
                expr.as_str(),
                labels
                    .iter()
                    .skip(2)
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(","),
            )),
            _ => None,
        })
        .collect();
    let names: Vec<(&str, &str)> = alerts.iter().map(|(a, _, l)| (*a, l.as_str())).collect();
    assert_eq!(
        names,
        [
            (ALERT_BURN, "slogate_alert=page,severity=page"),
            (ALERT_BURN, "slogate_alert=ticket,severity=ticket"),
            (ALERT_POLICY, "level=warning,slogate_rule=1"),
            (ALERT_POLICY, "level=freeze,slogate_rule=2"),
        ]
    );
    // The page alert's factors: 14.4 and 6, as the report writes them.
    assert!(
        alerts[0].1.contains("slogate_window=\"1h\"} > 14.4"),
        "{}",
        alerts[0].1
    );
    assert!(
        alerts[0].1.contains("slogate_window=\"30m\"} > 6\n"),
        "{}",
        alerts[0].1
    );
    assert!(alerts[3].1.contains(
        "slogate:remaining_ratio{slogate_policy=\"shop\", slogate_slo=\"availability\"} < 0.1"
    ));
    assert!(alerts[3].1.contains("or ignoring (slogate_window)"));

    // time_to_exhaustion: said, not dropped.
    assert_eq!(e.not_exported.len(), 1);
    assert_eq!(
        e.not_exported[0].render("p.yaml"),
        "p.yaml:20:9: not exported: rule 3 (`time_to_exhaustion < 2d`) for SLO \"availability\": time_to_exhaustion: its \"never\" (no burn) and no data have no PromQL counterpart"
    );
}

#[test]
fn what_promql_cannot_follow_is_listed_with_the_reason() {
    let text = r#"
apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: p}
spec:
  slos:
    - name: monthly
      objective: 99%
      window: {calendar: month}
      sli: {ratio: {good: {name: g, query: 'sum(rate(a[5m]))'}, total: {name: t, query: 'sum(rate(b[5m]))'}}}
    - name: sliced
      objective: 99%
      window: {rolling: 1d}
      budgeting: timeslices
      sli: {ratio: {good: {name: g, query: 'sum(rate(a[5m]))'}, total: {name: t, query: 'sum(rate(b[5m]))'}}}
    - name: noquery
      objective: 99%
      window: {rolling: 1d}
      sli: {ratio: {good: g, total: t}}
    - name: excluded
      objective: 99%
      window: {rolling: 1d}
      sli: {ratio: {good: {name: g, query: 'sum(rate(a[5m]))'}, total: {name: t, query: 'sum(rate(b[5m]))'}}}
      exclude: [{start: 2026-01-01T00:00:00Z, duration: 1h}]
  policy:
    levels: [ok, freeze]
    rules:
      - {level: freeze, when: "remaining < 10%"}
      - {level: freeze, when: "burn_rate(1h) > 10"}
      - {level: freeze, when: "not (burn_rate(1h) < 2)"}
"#;
    let e = export_of(text);
    // The calendar SLO keeps its burn-rate rule; nothing else has a group.
    assert_eq!(e.groups.len(), 1);
    let lines: Vec<String> = e.not_exported.iter().map(|n| n.render("p")).collect();
    let has = |needle: &str| {
        assert!(
            lines.iter().any(|l| l.contains(needle)),
            "{needle} in {lines:#?}"
        )
    };
    has("rule 1 (`remaining < 10%`) for SLO \"monthly\": remaining on a calendar window");
    has("rule 3 (`not (burn_rate(1h) < 2)`) for SLO \"monthly\": `not`");
    has("alert \"page\" of SLO \"monthly\": a calendar window");
    has("SLO \"sliced\": timeslices budgeting");
    has("SLO \"noquery\": series \"g\" has no query");
    has("SLO \"excluded\": exclusions");
    assert_eq!(lines.len(), 7, "{lines:#?}");
    let yaml = e.to_yaml();
    assert!(yaml.contains("7 part(s) of the policy are not exported"));
    assert!(yaml.contains("slogate_window=\"1h\"} > 10"));
}

#[test]
fn counters_increase_and_good_bad_ratios() {
    let text = r#"
apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: p}
spec:
  slos:
    - name: jobs
      objective: 99%
      window: {rolling: 1d}
      sli: {ratio: {good: {name: g, query: 'sum(jobs_ok_total)', kind: counter}, bad: {name: b, query: 'sum(increase(jobs_failed_total[1m]))', kind: increase}}}
    - name: wrong-increase
      objective: 99%
      window: {rolling: 1d}
      sli: {ratio: {bad: {name: b2, query: 'sum(increase(x[5m]))', kind: increase}, total: {name: t, query: 'sum(rate(y[5m]))'}}}
"#;
    let e = export_of(text);
    assert_eq!(e.groups.len(), 1);
    let PromRule::Record { expr, .. } = &e.groups[0].rules[0] else {
        panic!()
    };
    assert_eq!(
        expr,
        "(\n  sum (\n    irate((\n      sum(jobs_ok_total)\n    )[2m:1m])\n  ) * 60\n)\nand on ()\n(\n  sum (\n    sum(increase(jobs_failed_total[1m]))\n  )\n)"
    );
    let ratio = e.groups[0]
        .rules
        .iter()
        .find_map(|r| match r {
            PromRule::Record { record, expr, .. } if record == "slogate:error_ratio" => {
                Some(expr.clone())
            }
            _ => None,
        })
        .unwrap();
    assert!(ratio.starts_with("slogate:window_events{slogate_policy=\"p\", slogate_slo=\"jobs\", slogate_role=\"bad\", slogate_window=\"5m\"}\n/ ignoring (slogate_role)\n(slogate:window_events"), "{ratio}");
    assert_eq!(e.not_exported.len(), 1);
    assert!(e.not_exported[0].reason.contains("[1m] in it"));
}

#[test]
fn names_from_the_document_cannot_break_the_file() {
    let text = "apiVersion: slogate/v1\nkind: ServiceLevelPolicy\nmetadata: {name: \"a\\\"b\\u001b[31m\\nc\"}\nspec:\n  slos:\n    - name: x\n      objective: 99%\n      window: {rolling: 1h}\n      sli: {ratio: {good: {name: g, query: 'sum(rate(a[5m]))'}, total: {name: t, query: 'sum(rate(b[5m]))'}}}\n";
    let yaml = export_of(text).to_yaml();
    assert!(!yaml.contains('\u{1b}'));
    assert!(
        yaml.contains(r#"slogate_policy: "a\"b\u001b[31m\nc""#),
        "{yaml}"
    );
    assert!(
        yaml.contains(r#"slogate_policy=\"a\\\"b\\u001b[31m\\nc\""#),
        "{yaml}"
    );
}

#[test]
fn single_windows_and_fixed_factors_export_also_on_calendar_windows() {
    let text = r#"
apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: p}
spec:
  slos:
    - name: monthly
      objective: 99%
      window: {calendar: month}
      sli: {ratio: {good: {name: g, query: 'sum(rate(a[5m]))'}, total: {name: t, query: 'sum(rate(b[5m]))'}}}
      alerting:
        - {name: fixed, windows: [{long: 1h, short: 5m, factor: 14.4}, {long: 6h, factor: 6}]}
        - {name: shared, windows: [{long: 1h, short: 5m, budget: 2%}]}
"#;
    let e = export_of(text);
    let alert = e.groups[0]
        .rules
        .iter()
        .find_map(|r| match r {
            PromRule::Alert {
                expr,
                labels,
                annotations,
                ..
            } if labels.iter().any(|(_, v)| v == "fixed") => {
                Some((expr.clone(), annotations.clone()))
            }
            _ => None,
        })
        .expect("the fixed-factor alert is exported on a calendar window");
    assert_eq!(
        alert.0,
        "max without (slogate_window) (\n  (\n    slogate:burn_rate{slogate_policy=\"p\", slogate_slo=\"monthly\", slogate_window=\"1h\"} > 14.4\n    and ignoring (slogate_window)\n    slogate:burn_rate{slogate_policy=\"p\", slogate_slo=\"monthly\", slogate_window=\"5m\"} > 14.4\n  )\n  or ignoring (slogate_window)\n  (\n    slogate:burn_rate{slogate_policy=\"p\", slogate_slo=\"monthly\", slogate_window=\"6h\"} > 6\n  )\n)"
    );
    assert_eq!(
        alert.1[1].1,
        "Fires when the burn rate exceeds 14.4 over both 1h and 5m, or 6 over 6h (a burn rate of 1 spends the budget in exactly the SLO's calendar period)."
    );
    // The budget share's factor follows the month: not exported, said why.
    assert!(
        e.not_exported
            .iter()
            .any(|n| n.what == "alert \"shared\" of SLO \"monthly\""
                && n.reason.contains("give the pair factor: F")),
        "{:?}",
        e.not_exported
    );
}

#[test]
fn a_scoped_rule_alerts_only_for_the_slos_it_names() {
    let text = r#"
apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: p}
spec:
  slos:
    - name: checkout
      objective: 99%
      window: {rolling: 1d}
      sli: {ratio: {good: {name: g, query: 'sum(rate(a[5m]))'}, total: {name: t, query: 'sum(rate(b[5m]))'}}}
    - name: search
      objective: 99%
      window: {rolling: 1d}
      sli: {ratio: {good: {name: g2, query: 'sum(rate(c[5m]))'}, total: {name: t2, query: 'sum(rate(d[5m]))'}}}
  policy:
    levels: [ok, freeze]
    rules:
      - {level: freeze, when: "burn_rate(20m) > 3", slos: [checkout]}
"#;
    let e = export_of(text);
    let policy_alerts = |g: &Group| {
        g.rules
            .iter()
            .filter(|r| matches!(r, PromRule::Alert { alert, .. } if alert == ALERT_POLICY))
            .count()
    };
    assert_eq!(policy_alerts(&e.groups[0]), 1);
    assert_eq!(policy_alerts(&e.groups[1]), 0);
    // Nor does search record the rule's 20m window.
    let records_20m = |g: &Group| {
        g.rules.iter().any(|r| matches!(r, PromRule::Record { labels, .. } if labels.iter().any(|(k, v)| k == "slogate_window" && v == "20m")))
    };
    assert!(records_20m(&e.groups[0]));
    assert!(!records_20m(&e.groups[1]));
}
