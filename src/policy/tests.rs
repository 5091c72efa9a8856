//! Tests of decoding and validation. Tests that need time zones other than
//! UTC or recurrence rules live in `tests_needing_time`.

use super::*;
use crate::diagnostic::{Location, Severity};
use crate::expr::Term;
use crate::time::{parse_rfc3339, DAY, HOUR, MINUTE};

/// SPEC §1's example without the recurring exclusion (which needs RRULE support).
pub(super) const SPEC_EXAMPLE: &str = r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata:
  name: mtos-tasks              # required
  service: mtos                 # optional
  labels: {team: sre}           # optional, free-form strings
spec:
  defaults:                     # optional; any SLO field, applied where the SLO omits it
    window: {rolling: 28d}
  slos:
    - name: task-availability   # required, unique in the document
      description: Successful task operations
      objective: 99.9%
      window: {calendar: month, timeZone: UTC}
      budgeting: occurrences
      forecastWindow: 1h
      sli:
        ratio:
          good: {query: 'sum(rate(task_operations_total{status="success"}[5m]))', kind: rate}
          total: {query: 'sum(rate(task_operations_total[5m]))', kind: rate}
      groupBy: [repository]
      alerting:
        - name: page
          severity: page
          windows:
            - {long: 1h, short: 5m, budget: 2%}
            - {long: 6h, short: 30m, budget: 5%}
      exclude:
        - {start: 2026-02-05T10:00:00Z, end: 2026-02-05T10:15:00Z, reason: planned DB restart}
  policy:
    levels: [healthy, warning, freeze, breach]
    rules:
      - {level: warning, when: "remaining < 50%", action: Prioritize reliability over features}
      - {level: freeze,  when: "remaining < 10%", action: "Feature freeze: reliability-only work"}
      - {level: breach,  when: "remaining <= 0", action: Incident response and postmortem}
      - {level: freeze,  when: "burn_rate(30m) > 5"}
      - {level: freeze,  when: "consumed(3d) > 50%", action: Freeze risky changes without SRE sign-off}
"#;

/// The same document as JSON.
const SPEC_EXAMPLE_JSON: &str = r#"{
  "apiVersion": "slogate/v1",
  "kind": "ServiceLevelPolicy",
  "metadata": {"name": "mtos-tasks", "service": "mtos", "labels": {"team": "sre"}},
  "spec": {
    "defaults": {"window": {"rolling": "28d"}},
    "slos": [{
      "name": "task-availability",
      "description": "Successful task operations",
      "objective": "99.9%",
      "window": {"calendar": "month", "timeZone": "UTC"},
      "budgeting": "occurrences",
      "forecastWindow": "1h",
      "sli": {"ratio": {
        "good": {"query": "sum(rate(task_operations_total{status=\"success\"}[5m]))", "kind": "rate"},
        "total": {"query": "sum(rate(task_operations_total[5m]))", "kind": "rate"}
      }},
      "groupBy": ["repository"],
      "alerting": [{"name": "page", "severity": "page", "windows": [
        {"long": "1h", "short": "5m", "budget": "2%"},
        {"long": "6h", "short": "30m", "budget": 0.05}
      ]}],
      "exclude": [{"start": "2026-02-05T10:00:00Z", "end": "2026-02-05T10:15:00Z", "reason": "planned DB restart"}]
    }],
    "policy": {
      "levels": ["healthy", "warning", "freeze", "breach"],
      "rules": [
        {"level": "warning", "when": "remaining < 50%", "action": "Prioritize reliability over features"},
        {"level": "freeze", "when": "remaining < 10%", "action": "Feature freeze: reliability-only work"},
        {"level": "breach", "when": "remaining <= 0", "action": "Incident response and postmortem"},
        {"level": "freeze", "when": "burn_rate(30m) > 5"},
        {"level": "freeze", "when": "consumed(3d) > 50%", "action": "Freeze risky changes without SRE sign-off"}
      ]
    }
  }
}"#;

fn check_spec_example(parsed: Parsed) {
    assert_eq!(parsed.warnings, vec![]);
    let p = parsed.policy;
    assert_eq!(p.name, "mtos-tasks");
    assert_eq!(p.service.as_deref(), Some("mtos"));
    assert_eq!(p.labels, vec![("team".to_string(), "sre".to_string())]);
    assert_eq!(p.levels, DEFAULT_LEVELS.map(String::from).to_vec());
    assert_eq!(p.slos.len(), 1);
    let s = &p.slos[0];
    assert_eq!(s.name, "task-availability");
    assert_eq!(s.description.as_deref(), Some("Successful task operations"));
    assert!((s.objective - 0.999).abs() < 1e-15);
    match &s.window {
        Window::Calendar { unit, zone } => {
            assert_eq!(*unit, crate::time::calendar::CalendarUnit::Month);
            assert_eq!(zone.name(), "UTC");
        }
        other => panic!("expected a calendar window, got {other:?}"),
    }
    assert_eq!(s.budgeting, Budgeting::Occurrences);
    assert_eq!(s.slice, None);
    assert_eq!(s.slice_target, s.objective);
    assert_eq!(s.forecast_window, HOUR);
    match &s.sli {
        Sli::Ratio {
            good: Some(good),
            bad: None,
            total: Some(total),
        } => {
            assert_eq!(good.name, "good");
            assert_eq!(
                good.query.as_deref(),
                Some("sum(rate(task_operations_total{status=\"success\"}[5m]))")
            );
            assert_eq!(good.kind, crate::series::SeriesKind::Rate);
            assert_eq!(total.name, "total");
            assert_eq!(
                total.query.as_deref(),
                Some("sum(rate(task_operations_total[5m]))")
            );
        }
        other => panic!("expected good/total, got {other:?}"),
    }
    assert_eq!(s.group_by, vec!["repository".to_string()]);
    assert_eq!(
        s.alerting,
        vec![Alert {
            name: "page".into(),
            severity: "page".into(),
            windows: vec![
                BurnWindow {
                    long: HOUR,
                    short: Some(5 * MINUTE),
                    threshold: Threshold::Budget(0.02)
                },
                BurnWindow {
                    long: 6 * HOUR,
                    short: Some(30 * MINUTE),
                    threshold: Threshold::Budget(0.05)
                },
            ],
            hold: 0,
        }]
    );
    assert_eq!(s.exclude.len(), 1);
    assert_eq!(
        s.exclude[0].start,
        parse_rfc3339("2026-02-05T10:00:00Z").unwrap()
    );
    assert_eq!(
        s.exclude[0].end,
        parse_rfc3339("2026-02-05T10:15:00Z").unwrap()
    );
    assert_eq!(s.exclude[0].reason.as_deref(), Some("planned DB restart"));
    assert!(s.exclude[0].rrule.is_none());
    let rules: Vec<(usize, &str, Option<&str>)> = p
        .rules
        .iter()
        .map(|r| (r.level, r.when_text.as_str(), r.action.as_deref()))
        .collect();
    assert_eq!(
        rules,
        vec![
            (
                1,
                "remaining < 50%",
                Some("Prioritize reliability over features")
            ),
            (
                2,
                "remaining < 10%",
                Some("Feature freeze: reliability-only work")
            ),
            (
                3,
                "remaining <= 0",
                Some("Incident response and postmortem")
            ),
            (2, "burn_rate(30m) > 5", None),
            (
                2,
                "consumed(3d) > 50%",
                Some("Freeze risky changes without SRE sign-off")
            ),
        ]
    );
    assert_eq!(
        crate::expr::terms(&p.rules[3].when),
        vec![&Term::BurnRate(30 * MINUTE)]
    );
}

#[test]
fn spec_example_yaml() {
    let parsed = Policy::parse(SPEC_EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        parsed.policy.rules[0].location,
        Location {
            line: 33,
            column: 9
        }
    );
    assert_eq!(
        parsed.policy.slos[0].location,
        Location {
            line: 11,
            column: 7
        }
    );
    check_spec_example(parsed);
}

#[test]
fn spec_example_json() {
    check_spec_example(Policy::parse(SPEC_EXAMPLE_JSON).unwrap_or_else(|e| panic!("{e}")));
}

/// A minimal valid document with `slo` as the only SLO's body (indented 6).
fn doc(slo: &str) -> String {
    format!("apiVersion: slogate/v1\nkind: ServiceLevelPolicy\nmetadata: {{name: x}}\nspec:\n  slos:\n    - name: a\n{slo}")
}

const BASIC: &str =
    "      objective: 99%\n      window: {rolling: 28d}\n      sli: {ratio: {good: g, total: t}}\n";

fn errors(text: &str) -> Vec<(u32, u32, String, String)> {
    let all = match Policy::parse(text) {
        Ok(p) => panic!("expected errors, parsed {:?}", p.policy.name),
        Err(Diagnostics(all)) => all,
    };
    all.into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let l = d.location.unwrap_or_default();
            (l.line, l.column, d.path, d.message)
        })
        .collect()
}

fn one_error(text: &str) -> (u32, u32, String, String) {
    let mut e = errors(text);
    assert_eq!(e.len(), 1, "{e:#?}");
    e.remove(0)
}

fn ok(text: &str) -> Parsed {
    Policy::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

fn e(line: u32, col: u32, path: &str, message: &str) -> (u32, u32, String, String) {
    (line, col, path.to_string(), message.to_string())
}

#[test]
fn minimal_document_gets_every_default() {
    let p = ok(&doc(BASIC)).policy;
    assert_eq!(p.levels, DEFAULT_LEVELS.map(String::from).to_vec());
    assert!(p.rules.is_empty());
    let s = &p.slos[0];
    assert_eq!(s.budgeting, Budgeting::Occurrences);
    assert_eq!(s.forecast_window, HOUR);
    assert_eq!(s.slice_target, 0.99);
    assert!(matches!(s.window, Window::Rolling { duration } if duration == 28 * DAY));
    assert_eq!(s.alerting, default_alerts(28 * DAY));
    assert_eq!(
        s.alerting
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>(),
        ["page", "ticket"]
    );
}

#[test]
fn document_level_errors() {
    assert_eq!(
        one_error(&doc(BASIC).replace("slogate/v1", "slogate/v2")),
        e(
            1,
            13,
            "apiVersion",
            "apiVersion must be slogate/v1, found \"slogate/v2\""
        )
    );
    assert_eq!(
        one_error(&doc(BASIC).replace("kind: ServiceLevelPolicy", "kind: SLO")),
        e(
            2,
            7,
            "kind",
            "kind must be ServiceLevelPolicy, found \"SLO\""
        )
    );
    assert_eq!(
        one_error(&doc(BASIC).replace("kind: ServiceLevelPolicy\n", "")),
        e(
            1,
            1,
            "kind",
            "kind is required: write kind: ServiceLevelPolicy"
        )
    );
    assert_eq!(
        one_error(&doc(BASIC).replace("{name: x}", "{name: ''}")),
        e(
            3,
            18,
            "metadata.name",
            "expected a name, found an empty string"
        )
    );
    assert_eq!(
        one_error(&doc(BASIC).replace("{name: x}", "{service: y}")),
        e(
            3,
            11,
            "metadata.name",
            "name is required, e.g. name: my-service"
        )
    );
    assert_eq!(one_error("[1, 2]"), e(1, 1, "", "expected a ServiceLevelPolicy document: a mapping with apiVersion, kind, metadata and spec, found a list"));
    assert_eq!(one_error("# nothing\n").3, "the document is empty: expected a policy starting with apiVersion: slogate/v1 and kind: ServiceLevelPolicy");
    assert_eq!(
        one_error(&doc(BASIC).replace(
            "metadata: {name: x}",
            "metadata: {name: x, labels: {team: [a]}}"
        )),
        e(
            3,
            36,
            "metadata.labels.team",
            "expected a string, found a list"
        )
    );
}

#[test]
fn unknown_keys_suggest_or_list() {
    assert_eq!(
        errors(&doc(&BASIC.replace("objective", "objectiv"))),
        vec![
            e(
                6,
                7,
                "spec.slos[0].objective",
                "objective is required (in the SLO or spec.defaults), e.g. objective: 99.9%"
            ),
            e(
                7,
                7,
                "spec.slos[0].objectiv",
                "unknown key \"objectiv\" (did you mean \"objective\"?)"
            ),
        ]
    );
    let (line, col, _, message) = errors(&doc(&format!("{BASIC}      colour: red\n")))[0].clone();
    assert_eq!((line, col), (10, 7));
    assert_eq!(message, "unknown key \"colour\": expected one of name, description, objective, window, budgeting, slice, sliceTarget, forecastWindow, sli, groupBy, alerting, exclude");
    assert_eq!(
        errors(&doc(BASIC).replace("apiVersion", "apiversion")),
        vec![
            e(
                1,
                1,
                "apiversion",
                "unknown key \"apiversion\" (did you mean \"apiVersion\"?)"
            ),
            e(
                1,
                1,
                "apiVersion",
                "apiVersion is required: write apiVersion: slogate/v1"
            ),
        ]
    );
}

#[test]
fn all_errors_in_one_pass() {
    let text = doc("      objective: ninety\n      window: {rolling: 5 days}\n      sli: {ratio: {good: g}}\n      budgeting: occurences\n");
    assert_eq!(errors(&text), vec![
        e(7, 18, "spec.slos[0].objective", "expected a percentage like 99.9% or a fraction like 0.999, found \"ninety\""),
        e(8, 25, "spec.slos[0].window.rolling", "\"5 days\" is not a duration: use a whole number and a unit (ms, s, m, h, d, w), like 5m, 1h30m or 28d"),
        e(9, 20, "spec.slos[0].sli.ratio", "a ratio SLI takes exactly two of good, bad and total (good/total, bad/total or good/bad), found only good"),
        e(10, 18, "spec.slos[0].budgeting", "unknown budgeting \"occurences\" (did you mean \"occurrences\"?)"),
    ]);
}

#[test]
fn objective_forms() {
    let obj = |v: &str| ok(&doc(&BASIC.replace("99%", v))).policy.slos[0].objective;
    assert_eq!(obj("99.9%"), 0.999);
    assert_eq!(obj("\"99.9%\""), 0.999);
    assert_eq!(obj("0.999"), 0.999);
    assert_eq!(obj("'0.5'"), 0.5);
    let err = |v: &str| one_error(&doc(&BASIC.replace("99%", v))).3;
    assert_eq!(
        err("99.9"),
        "objective 99.9 is not a fraction: write 99.9% or 0.999"
    );
    assert_eq!(
        err("1"),
        "objective 1 is 100%, which leaves no error budget: write a fraction below 1 like 0.999"
    );
    assert_eq!(
        err("100%"),
        "objective must be above 0% and below 100%, found 100%"
    );
    assert_eq!(
        err("0"),
        "objective must be above 0% and below 100%, found 0"
    );
    assert_eq!(
        err("-5%"),
        "objective must be above 0% and below 100%, found -5%"
    );
    assert_eq!(
        err(".inf"),
        "expected a percentage like 99.9% or a fraction like 0.999, found \".inf\""
    );
    assert_eq!(
        err("[1]"),
        "expected a percentage like 99.9% or a fraction like 0.999, found a list"
    );
}

#[test]
fn defaults_fill_what_slos_omit() {
    let text = "apiVersion: slogate/v1\nkind: ServiceLevelPolicy\nmetadata: {name: x}\nspec:\n  defaults:\n    objective: 99.5%\n    window: {rolling: 7d}\n    budgeting: timeslices\n    slice: 5m\n    forecastWindow: 6h\n  slos:\n    - name: a\n      sli: {ratio: {good: g, total: t}}\n    - name: b\n      objective: 0.9\n      budgeting: occurrences\n      sli: {ratio: {good: g, total: t}}\n";
    let p = ok(text).policy;
    let (a, b) = (&p.slos[0], &p.slos[1]);
    assert_eq!((a.objective, b.objective), (0.995, 0.9));
    assert_eq!(
        (a.budgeting, b.budgeting),
        (Budgeting::Timeslices, Budgeting::Occurrences)
    );
    assert_eq!(
        (a.slice, b.slice),
        (Some(5 * MINUTE), None),
        "an inherited slice is ignored by an occurrences SLO"
    );
    assert_eq!((a.forecast_window, b.forecast_window), (6 * HOUR, 6 * HOUR));
    assert!(matches!(b.window, Window::Rolling { duration } if duration == 7 * DAY));
}

#[test]
fn errors_in_defaults_point_into_defaults_once() {
    let text = "apiVersion: slogate/v1\nkind: ServiceLevelPolicy\nmetadata: {name: x}\nspec:\n  defaults:\n    window: {rolling: 28days}\n    objectve: 99%\n  slos:\n    - {name: a, objective: 99%, sli: {ratio: {good: g, total: t}}}\n    - {name: b, objective: 99%, sli: {ratio: {good: g, total: t}}}\n";
    let errs = errors(text);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert_eq!(errs[0].0, 6);
    assert_eq!(errs[0].2, "spec.defaults.window.rolling");
    assert_eq!(
        errs[1],
        e(
            7,
            5,
            "spec.defaults.objectve",
            "unknown key \"objectve\" (did you mean \"objective\"?)"
        )
    );
    let text = "apiVersion: slogate/v1\nkind: ServiceLevelPolicy\nmetadata: {name: x}\nspec:\n  defaults: {name: z}\n  slos:\n    - name: a\n" .to_string() + BASIC;
    assert_eq!(
        one_error(&text),
        e(
            5,
            14,
            "spec.defaults.name",
            "name cannot have a default: every SLO names itself"
        )
    );
}

#[test]
fn required_slo_fields() {
    assert_eq!(
        one_error(&doc(
            "      objective: 99%\n      sli: {ratio: {good: g, total: t}}\n"
        )),
        e(
            6,
            7,
            "spec.slos[0].window",
            "window is required (in the SLO or spec.defaults), e.g. window: {rolling: 28d}"
        )
    );
    assert_eq!(
        one_error(&doc(
            "      window: {rolling: 1d}\n      sli: {ratio: {good: g, total: t}}\n"
        ))
        .3,
        "objective is required (in the SLO or spec.defaults), e.g. objective: 99.9%"
    );
    assert_eq!(one_error(&doc("      objective: 99%\n      window: {rolling: 1d}\n")).3,
        "sli is required (in the SLO or spec.defaults), e.g. sli: {ratio: {good: good, total: total}}");
    assert_eq!(one_error("apiVersion: slogate/v1\nkind: ServiceLevelPolicy\nmetadata: {name: x}\nspec:\n  slos: []\n").0, 5);
}

#[test]
fn windows() {
    let w = |v: &str| BASIC.replace("{rolling: 28d}", v);
    assert_eq!(one_error(&doc(&w("{rolling: 28d, calendar: month}"))),
        e(8, 15, "spec.slos[0].window", "expected a window like {rolling: 28d} or {calendar: month, timeZone: UTC}: give exactly one of rolling or calendar"));
    assert_eq!(
        one_error(&doc(&w("{calendar: mnth}"))),
        e(
            8,
            26,
            "spec.slos[0].window.calendar",
            "unknown calendar unit \"mnth\" (did you mean \"month\"?)"
        )
    );
    assert_eq!(one_error(&doc(&w("{rolling: 1d, timeZone: UTC}"))).3, "timeZone applies to calendar windows only: a rolling window is the same length in every zone");
    assert_eq!(
        one_error(&doc(&w("28d"))).3,
        "expected a window like {rolling: 28d} or {calendar: month, timeZone: UTC}, found \"28d\""
    );
    let p = ok(&doc(&w("{calendar: week}"))).policy;
    assert!(matches!(&p.slos[0].window, Window::Calendar { zone, .. } if zone.name() == "UTC"));
}

#[test]
fn slis_and_series() {
    let sli = |v: &str| BASIC.replace("{ratio: {good: g, total: t}}", v);
    assert_eq!(one_error(&doc(&sli("{ratio: {good: g, bad: b, total: t}}"))).3,
        "a ratio SLI takes exactly two of good, bad and total (good/total, bad/total or good/bad), found all three");
    assert_eq!(one_error(&doc(&sli("{ratio: {good: g, total: {kind: gauge}}}"))),
        e(9, 44, "spec.slos[0].sli.ratio.total.kind", "a gauge is a level, not a count of events: a ratio SLI needs rate, increase or counter series (use a threshold SLI for a gauge)"));
    assert_eq!(
        one_error(&doc(&sli("{ratio: {good: g, total: {kind: rates}}}"))).3,
        "unknown series kind \"rates\" (did you mean \"rate\"?)"
    );
    assert_eq!(one_error(&doc(&sli("{}"))).3,
        "expected an SLI like {ratio: {good: good, total: total}} or {threshold: {series: p99, op: \"<=\", value: 0.5}}: give exactly one of ratio or threshold");
    // The object form's name defaults to the role.
    let p = ok(&doc(&sli(
        "{ratio: {bad: {query: errors, kind: increase}, total: {name: all, kind: counter}}}",
    )))
    .policy;
    match &p.slos[0].sli {
        Sli::Ratio {
            good: None,
            bad: Some(bad),
            total: Some(total),
        } => {
            assert_eq!(
                (bad.name.as_str(), bad.query.as_deref(), bad.kind),
                ("bad", Some("errors"), crate::series::SeriesKind::Increase)
            );
            assert_eq!(
                (total.name.as_str(), total.kind),
                ("all", crate::series::SeriesKind::Counter)
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn thresholds() {
    let sli = |v: &str| BASIC.replace("{ratio: {good: g, total: t}}", v);
    let p = ok(&doc(&sli(
        "{threshold: {series: p99, op: \"<=\", value: 500ms}}",
    )))
    .policy;
    let s = &p.slos[0];
    assert_eq!(
        s.budgeting,
        Budgeting::Timeslices,
        "a threshold SLI defaults to timeslices"
    );
    match &s.sli {
        Sli::Threshold { series, op, value } => {
            assert_eq!(
                (series.name.as_str(), series.kind, *op, *value),
                ("p99", crate::series::SeriesKind::Gauge, CmpOp::Le, 0.5)
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(one_error(&doc(&format!("{}      budgeting: occurrences\n", sli("{threshold: {series: p99, op: <, value: 1}}")))),
        e(10, 18, "spec.slos[0].budgeting", "a threshold SLI needs budgeting: timeslices: it judges each slice by its value, and a level such as a latency percentile has no events to count as occurrences"));
    assert_eq!(
        one_error(&doc(&sli("{threshold: {series: p99, op: =<, value: 1}}"))).3,
        "unknown operator \"=<\": use one of <, <=, >, >=, ==, != (quote it in YAML: op: \"<=\")"
    );
    assert_eq!(one_error(&doc(&sli("{threshold: {series: p99, op: <, value: fast}}"))).3, "expected a number like 0.5 (or a percentage like 99%, or a duration like 500ms for seconds), found \"fast\"");
    assert_eq!(
        one_error(&doc(&sli("{threshold: {series: p99, value: 1}}"))).3,
        "op is required, e.g. op: \"<=\""
    );
    assert_eq!(one_error(&doc(&format!("{}      sliceTarget: 99%\n      budgeting: timeslices\n", sli("{threshold: {series: p99, op: <, value: 1}}")))).3,
        "sliceTarget applies to ratio SLIs: a threshold SLI's slice is good iff its value meets the threshold");
}

#[test]
fn slices_need_timeslices() {
    assert_eq!(one_error(&doc(&format!("{BASIC}      slice: 1m\n"))),
        e(10, 14, "spec.slos[0].slice", "slice applies to budgeting: timeslices only (occurrences count every event; there are no slices): remove it or set budgeting: timeslices"));
    let p = ok(&doc(&format!(
        "{BASIC}      budgeting: timeslices\n      slice: 1m\n      sliceTarget: 95%\n"
    )))
    .policy;
    assert_eq!(
        (p.slos[0].slice, p.slos[0].slice_target),
        (Some(MINUTE), 0.95)
    );
}

#[test]
fn series_names_are_one_series() {
    let text = doc(&format!("{BASIC}    - name: b\n      objective: 99%\n      window: {{rolling: 1d}}\n      sli: {{ratio: {{good: {{name: g, query: 'up'}}, total: t}}}}\n    - name: c\n      objective: 99%\n      window: {{rolling: 1d}}\n      sli: {{ratio: {{good: {{name: g, query: 'down'}}, total: {{name: t, kind: counter}}}}}}\n"));
    assert_eq!(errors(&text), vec![
        e(17, 27, "spec.slos[2].sli.ratio.good", "series \"g\" is used with a different query at line 13: one name is one series; give them distinct names, e.g. {name: g-2, query: ...}"),
        e(17, 60, "spec.slos[2].sli.ratio.total", "series \"t\" is used with kind counter here and kind rate at line 9: one name is one series; give them distinct names, e.g. {name: t-2, query: ...}"),
    ]);
}

#[test]
fn slo_names_are_unique() {
    let text = doc(&format!("{BASIC}    - name: a\n{BASIC}"));
    assert_eq!(
        one_error(&text),
        e(
            10,
            13,
            "spec.slos[1].name",
            "duplicate SLO name \"a\" (first at line 6): SLO names must be unique"
        )
    );
}

#[test]
fn alerting() {
    let alerting = |a: &str| doc(&format!("{BASIC}      alerting:\n{a}"));
    let p = ok(&alerting(
        "        - {name: fast, windows: [{long: 1h, short: 5m, budget: 2%}]}\n",
    ))
    .policy;
    assert_eq!(
        p.slos[0].alerting,
        vec![Alert {
            name: "fast".into(),
            severity: "fast".into(),
            windows: vec![BurnWindow {
                long: HOUR,
                short: Some(5 * MINUTE),
                threshold: Threshold::Budget(0.02)
            }],
            hold: 0,
        }]
    );
    assert!(ok(&alerting("          []\n")).policy.slos[0]
        .alerting
        .is_empty());
    assert_eq!(one_error(&alerting("        - {name: p, windows: [{long: 1h, short: 1h, budget: 2%}]}\n")),
        e(11, 49, "spec.slos[0].alerting[0].windows[0].short", "the short window (1h) must be shorter than the long window (1h), e.g. {long: 1h, short: 5m}; leave short out for a single-window alert"));
    assert_eq!(
        one_error(&alerting(
            "        - {name: p, windows: [{long: 1h, short: 5m, budget: 2}]}\n"
        ))
        .3,
        "budget 2 is not a fraction: write 2% or 0.02"
    );
    assert_eq!(
        one_error(&alerting("        - {name: p, windows: []}\n")).3,
        "an alert needs at least one window pair, e.g. [{long: 1h, short: 5m, budget: 2%}]"
    );
    assert_eq!(one_error(&alerting("        - {name: p, windows: [{long: 1h, short: 5m, budget: 2%}]}\n        - {name: p, windows: [{long: 6h, short: 30m, budget: 5%}]}\n")),
        e(12, 18, "spec.slos[0].alerting[1].name", "duplicate alert name \"p\" (first at line 11): alert names must be unique within an SLO"));
    assert_eq!(
        one_error(&alerting(
            "        - {windows: [{long: 1h, short: 5m, budget: 2%}]}\n"
        ))
        .3,
        "name is required, e.g. name: page"
    );
    // A fixed factor, a single window.
    let p = ok(&alerting(
        "        - {name: p, windows: [{long: 1h, factor: 14.4}]}\n",
    ))
    .policy;
    assert_eq!(
        p.slos[0].alerting[0].windows,
        vec![BurnWindow {
            long: HOUR,
            short: None,
            threshold: Threshold::Factor(14.4)
        }]
    );
    assert_eq!(one_error(&alerting("        - {name: p, windows: [{long: 1h, short: 5m, budget: 2%, factor: 14.4}]}\n")),
        e(11, 73, "spec.slos[0].alerting[0].windows[0].factor", "give budget (a share of the period's budget, the factor following the period) or factor (the burn rate itself, whatever the period), not both"));
    assert_eq!(one_error(&alerting("        - {name: p, windows: [{long: 1h, short: 5m}]}\n")),
        e(11, 31, "spec.slos[0].alerting[0].windows[0].budget", "budget or factor is required, e.g. budget: 2% (of the period's budget) or factor: 14.4 (a burn rate)"));
    assert_eq!(one_error(&alerting("        - {name: p, windows: [{long: 1h, factor: 0}]}\n")).3,
        "expected a burn rate above 0 like 14.4 (the factor both windows' burn rates must exceed), found \"0\"");
    // Its warnings: a factor below 1 fires while the budget would last.
    let parsed = ok(&alerting(
        "        - {name: p, windows: [{long: 1h, factor: 0.5}]}\n",
    ));
    assert_eq!(parsed.warnings.len(), 1);
    assert!(parsed.warnings[0].message.starts_with("alert \"p\" pair {long: 1h, factor: 0.5} fires while the budget would still last: its burn-rate threshold 0.5 is below 1"), "{}", parsed.warnings[0].message);
    assert!(parsed.warnings[0].message.ends_with("; raise the factor"));
}

#[test]
fn alert_factor_warnings() {
    // 28d rolling, 99%: a 100% budget over 1h is a factor of 672: it would need
    // a burn rate above 672, and 99% allows at most 100.
    let text = doc(&format!("{BASIC}      alerting:\n        - {{name: p, windows: [{{long: 1h, short: 5m, budget: 100%}}, {{long: 14d, short: 1d, budget: 10%}}, {{long: 1h, short: 5m, budget: 2%}}]}}\n"));
    let parsed = ok(&text);
    let w: Vec<(u32, u32, String)> = parsed
        .warnings
        .iter()
        .map(|d| {
            (
                d.location.unwrap().line,
                d.location.unwrap().column,
                d.message.clone(),
            )
        })
        .collect();
    assert_eq!(w, vec![
        (11, 31, "alert \"p\" pair {long: 1h, short: 5m, budget: 100%} can never fire: it needs burn rates above 672 (= budget 100% × period 28d / long 1h), but with objective 99% the burn rate cannot exceed 100 (every event failing); lower the budget or lengthen the long window".to_string()),
        (11, 68, "alert \"p\" pair {long: 14d, short: 1d, budget: 10%} fires while the budget would still last: its burn-rate threshold 0.2 (= budget 10% × period 28d / long 14d) is below 1, and a burn rate of 1 spends exactly the budget over the whole period; raise the budget or shorten the long window".to_string()),
    ]);
    assert!(parsed
        .warnings
        .iter()
        .all(|d| d.severity == Severity::Warning
            && d.path.starts_with("spec.slos[0].alerting[0].windows[")));
    // Calendar windows are judged at both ends of their length: 10% × 28d / 3d < 1 in February.
    let text = doc(&format!("{}      alerting:\n        - {{name: t, windows: [{{long: 3d, short: 6h, budget: 11%}}]}}\n", BASIC.replace("{rolling: 28d}", "{calendar: month}")));
    assert!(ok(&text).warnings.is_empty());
    let text = text.replace("budget: 11%", "budget: 10%");
    let w = ok(&text).warnings;
    assert_eq!(w.len(), 1);
    assert!(
        w[0].message
            .contains("0.9333333333 (= budget 10% × period 28d / long 3d)"),
        "{}",
        w[0].message
    );
    // 99% allows burn rates up to 100: 85% × 31d / 6h = 105.4 cannot fire, in a 31-day month only.
    let text = text.replace(
        "{long: 3d, short: 6h, budget: 10%}",
        "{long: 6h, short: 5m, budget: 85%}",
    );
    let w = ok(&text).warnings;
    assert_eq!(w.len(), 1);
    assert!(
        w[0].message.contains(
            "can never fire: it needs burn rates above 105.4 (= budget 85% × period 31d / long 6h)"
        ),
        "{}",
        w[0].message
    );
    // The default catalog is never judged, even on short windows.
    assert!(ok(&doc(&BASIC.replace("28d", "1h"))).warnings.is_empty());
}

#[test]
fn exclusions() {
    let ex = |x: &str| doc(&format!("{BASIC}      exclude:\n        - {x}\n"));
    let p = ok(&ex(
        "{start: 2026-02-01T02:00:00Z, duration: 2h, reason: maintenance}",
    ))
    .policy;
    let x = &p.slos[0].exclude[0];
    assert_eq!(x.end - x.start, 2 * HOUR);
    assert_eq!(x.zone.name(), "UTC");
    assert_eq!(
        one_error(&ex("{start: 2026-02-01T02:00:00Z}")).3,
        "an exclusion needs an end or a duration, e.g. {start: 2026-02-01T02:00:00Z, duration: 2h}"
    );
    assert_eq!(
        one_error(&ex(
            "{start: 2026-02-01T02:00:00Z, end: 2026-02-01T03:00:00Z, duration: 1h}"
        )),
        e(
            11,
            78,
            "spec.slos[0].exclude[0].duration",
            "give end or duration, not both"
        )
    );
    assert_eq!(
        one_error(&ex(
            "{start: 2026-02-01T02:00:00Z, end: 2026-02-01T01:00:00Z}"
        )),
        e(
            11,
            46,
            "spec.slos[0].exclude[0].end",
            "end must be after start"
        )
    );
    assert_eq!(one_error(&ex("{start: 2026-02-01, duration: 1h}")).3, "\"2026-02-01\" is not an RFC 3339 time: write it like 2026-02-05T10:00:00Z or 2026-02-05T12:00:00+02:00");
}

const WITH_POLICY: &str = "  policy:\n    levels: [ok, freeze]\n    rules:\n";

fn with_rules(rules: &str) -> String {
    format!("{}{WITH_POLICY}{rules}", doc(BASIC))
}

#[test]
fn rules_and_levels() {
    let p = ok(&with_rules(
        "      - {level: freeze, when: \"alert(page) or remaining < 1%\"}\n",
    ))
    .policy;
    assert_eq!(p.levels, vec!["ok".to_string(), "freeze".to_string()]);
    assert_eq!(p.rules[0].level, 1);
    assert_eq!(
        one_error(&with_rules(
            "      - {level: freez, when: \"remaining < 1%\"}\n"
        )),
        e(
            13,
            17,
            "spec.policy.rules[0].level",
            "unknown level \"freez\" (did you mean \"freeze\"?)"
        )
    );
    assert_eq!(
        one_error(&with_rules(
            "      - {level: breach, when: \"remaining < 1%\"}\n"
        ))
        .3,
        "unknown level \"breach\": the levels are ok, freeze"
    );
    assert_eq!(
        one_error(&with_rules("      - {level: freeze}\n")).3,
        "when is required, e.g. when: \"remaining < 10%\""
    );
    let dup = format!("{}  policy:\n    levels: [ok, ok]\n", doc(BASIC));
    assert_eq!(
        one_error(&dup),
        e(
            11,
            18,
            "spec.policy.levels[1]",
            "level \"ok\" is listed twice: levels must be unique"
        )
    );
    let empty = format!("{}  policy:\n    levels: []\n", doc(BASIC));
    assert_eq!(one_error(&empty).3, "levels needs at least one level, least severe first, e.g. [healthy, warning, freeze, breach]");
}

#[test]
fn expression_errors_point_inside_the_string() {
    // Double-quoted: the column accounts for the quote.
    assert_eq!(
        one_error(&with_rules(
            "      - {level: freeze, when: \"remaining < \"}\n"
        )),
        e(
            13,
            43,
            "spec.policy.rules[0].when",
            "expected a value after \"<\""
        )
    );
    // Plain.
    assert_eq!(
        one_error(&with_rules(
            "      - level: freeze\n        when: burnrate(1h) > 2\n"
        )),
        e(
            14,
            15,
            "spec.policy.rules[0].when",
            "unknown term \"burnrate\" (did you mean \"burn_rate(W)\"?)"
        )
    );
    assert_eq!(
        one_error(&with_rules(
            "      - level: freeze\n        when: 'remaining'\n"
        )),
        e(
            14,
            16,
            "spec.policy.rules[0].when",
            "remaining is a number: compare it, e.g. \"remaining < 50%\""
        )
    );
    assert_eq!(
        one_error(&with_rules(
            "      - level: freeze\n        when: alert(page) and alert(pgae)\n"
        )),
        e(
            14,
            37,
            "spec.policy.rules[0].when",
            "no SLO has an alert named \"pgae\" (did you mean \"page\"?)"
        )
    );
    assert_eq!(
        one_error(&with_rules(
            "      - level: freeze\n        when: alert(xyz)\n"
        ))
        .3,
        "no SLO has an alert named \"xyz\": the alerts are page, ticket"
    );
}

#[test]
fn yaml_problems_are_diagnostics() {
    let text = doc(BASIC) + "      objective: 99%\n";
    assert_eq!(
        one_error(&text),
        e(
            10,
            7,
            "",
            "duplicate key \"objective\" at line 10: it was already given at line 7; keep one"
        )
    );
    let (line, col, _, message) = one_error("apiVersion: slogate/v1\nkind: [\n");
    assert!(message.starts_with("invalid YAML: "), "{message}");
    assert!(line >= 2 && col >= 1);
    let json = SPEC_EXAMPLE_JSON.replacen(
        "\"kind\": \"ServiceLevelPolicy\",",
        "\"kind\": \"ServiceLevelPolicy\"",
        1,
    );
    let (line, _, _, message) = one_error(&json);
    assert!(message.starts_with("invalid YAML: "), "{message}");
    assert_eq!(line, 4);
}

#[test]
fn diagnose_returns_warnings_and_errors() {
    assert!(diagnose(&doc(BASIC)).is_empty());
    assert_eq!(diagnose("kind: 1").len(), 4);
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn arbitrary_text_never_panics(text in "[a-z{}\\[\\]:,\\-'\"&*!|>%#?. \n0-9]{0,80}") {
            let _ = Policy::parse(&text);
        }

        #[test]
        fn mutated_spec_never_panics(at in 0usize..1800, insert in "[{}\\[\\]:,'\"&*\n -]{0,3}") {
            // Without the time zone: `Zone::get` is exercised in tests_needing_time.
            let mut text = SPEC_EXAMPLE.replace(", timeZone: UTC", "");
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) { at -= 1; }
            text.insert_str(at, &insert);
            let _ = Policy::parse(&text);
        }
    }
}

/// Limits and costs that must not grow with the square of the document.
mod limits {
    use super::*;
    use crate::expr::{MAX_CONDITIONS, MAX_DEPTH};

    /// A rule whose `when` (double-quoted, on line 14, text from column 16)
    /// is `n` conditions `alert(page)` joined by `or` (15 chars each).
    fn alerts_or(n: usize) -> String {
        let when = vec!["alert(page)"; n].join(" or ");
        with_rules(&format!(
            "      - level: freeze\n        when: \"{when}\"\n"
        ))
    }

    #[test]
    fn a_when_of_20000_conditions_is_refused_at_the_one_too_many() {
        let limit = "the expression is too long: more than 1000 conditions (comparisons and alert(NAME) terms); conditions joined by \"or\" can be split into several rules of the same level";
        let at = 16 + 15 * MAX_CONDITIONS as u32;
        for n in [MAX_CONDITIONS + 1, 12_000, 20_000] {
            assert_eq!(
                one_error(&alerts_or(n)),
                e(14, at, "spec.policy.rules[0].when", limit)
            );
        }
        let p = ok(&alerts_or(MAX_CONDITIONS)).policy;
        assert_eq!(crate::expr::terms(&p.rules[0].when).len(), MAX_CONDITIONS);
    }

    #[test]
    fn deep_parentheses_are_refused_with_line_and_column() {
        let when = |n: usize| format!("{}remaining < 1%{}", "(".repeat(n), ")".repeat(n));
        let rule =
            |n: usize| with_rules(&format!("      - {{level: freeze, when: '{}'}}\n", when(n)));
        assert_eq!(ok(&rule(MAX_DEPTH)).policy.rules.len(), 1);
        // `'` at column 31, the text from 32; the 65th "(" is 64 further.
        let too_deep = e(
            13,
            32 + MAX_DEPTH as u32,
            "spec.policy.rules[0].when",
            "the expression is nested too deeply: more than 64 levels of parentheses and \"not\"",
        );
        assert_eq!(one_error(&rule(MAX_DEPTH + 1)), too_deep);
        assert_eq!(one_error(&rule(100_000)), too_deep);
    }

    #[test]
    fn deep_yaml_nesting_is_refused() {
        let message = "the document is nested too deeply (more than 64 levels)";
        let flow = |n: usize| format!("{}1{}", "[".repeat(n), "]".repeat(n));
        assert_eq!(one_error(&flow(100)), e(1, 65, "", message));
        // saphyr's scanner, which reads ahead for keys, stops deeper flow
        // nesting first, at the 256th level (its flow level is a u8).
        let saphyr = |column| e(1, column, "", "invalid YAML: recursion limit exceeded");
        assert_eq!(one_error(&flow(100_000)), saphyr(256));
        let maps = format!("{}1{}", "{a: ".repeat(100_000), "}".repeat(100_000));
        assert_eq!(one_error(&maps), saphyr(4 * 255 + 1));
        let block: String = (0..2_000)
            .map(|i| format!("{}a:\n", " ".repeat(i)))
            .collect();
        assert_eq!(one_error(&block), e(65, 65, "", message));
    }

    #[test]
    fn the_first_duplicate_key_in_document_order_is_reported() {
        // k7 is repeated on line 9,005 and k3 on line 9,010: the first
        // repeat in the document is k7's, however the keys sort.
        let mut labels: String = (0..9_000).map(|i| format!("    k{i}: v\n")).collect();
        labels.push_str("    k7: again\n    x: 1\n    y: 2\n    z: 3\n    w: 4\n    k3: again\n");
        let text = format!("apiVersion: slogate/v1\nkind: ServiceLevelPolicy\nmetadata:\n  name: x\n  labels:\n{labels}spec: {{}}\n");
        assert_eq!(
            one_error(&text),
            e(
                9_006,
                5,
                "",
                "duplicate key \"k7\" at line 9006: it was already given at line 13; keep one"
            )
        );
        let p = ok(&format!("{}{}", doc(BASIC), "").replace(
            "metadata: {name: x}",
            &format!(
                "metadata:\n  name: x\n  labels:\n{}",
                (0..9_000)
                    .map(|i| format!("    k{i}: v\n"))
                    .collect::<String>()
            ),
        ));
        assert_eq!(p.policy.labels.len(), 9_000);
        assert_eq!(
            p.policy.labels[8_999],
            ("k8999".to_string(), "v".to_string())
        );
    }

    #[test]
    fn repeated_slo_names_levels_and_alerts_point_at_the_first() {
        let slo = |name: &str| format!("    - name: {name}\n{BASIC}");
        let text = format!("{}{}{}{}", doc(BASIC), slo("b"), slo("a"), slo("b"));
        assert_eq!(
            errors(&text),
            vec![
                e(
                    14,
                    13,
                    "spec.slos[2].name",
                    "duplicate SLO name \"a\" (first at line 6): SLO names must be unique"
                ),
                e(
                    18,
                    13,
                    "spec.slos[3].name",
                    "duplicate SLO name \"b\" (first at line 10): SLO names must be unique"
                ),
            ]
        );
        let levels = format!("{}  policy:\n    levels: [x, ok, x, ok, y]\n", doc(BASIC));
        assert_eq!(
            errors(&levels),
            vec![
                e(
                    11,
                    21,
                    "spec.policy.levels[2]",
                    "level \"x\" is listed twice: levels must be unique"
                ),
                e(
                    11,
                    24,
                    "spec.policy.levels[3]",
                    "level \"ok\" is listed twice: levels must be unique"
                ),
            ]
        );
        let alert = |name: &str| {
            format!("        - {{name: {name}, windows: [{{long: 1h, short: 5m, budget: 2%}}]}}\n")
        };
        let alerts = doc(&format!(
            "{BASIC}      alerting:\n{}{}{}{}",
            alert("q"),
            alert("p"),
            alert("q"),
            alert("p")
        ));
        assert_eq!(errors(&alerts), vec![
            e(13, 18, "spec.slos[0].alerting[2].name", "duplicate alert name \"q\" (first at line 11): alert names must be unique within an SLO"),
            e(14, 18, "spec.slos[0].alerting[3].name", "duplicate alert name \"p\" (first at line 12): alert names must be unique within an SLO"),
        ]);
        // A rule naming a repeated level gets the first one.
        let rule = format!("{}  policy:\n    levels: [x, ok, ok]\n    rules:\n      - {{level: ok, when: \"remaining < 1%\"}}\n", doc(BASIC));
        assert_eq!(errors(&rule).len(), 1);
    }

    #[test]
    fn series_clash_with_the_earliest_use_that_differs() {
        let slo = |name: &str, good: &str| {
            format!("    - name: {name}\n      objective: 99%\n      window: {{rolling: 1d}}\n      sli: {{ratio: {{good: {good}, total: t}}}}\n")
        };
        // g without a query, then with q1, q1 again, q2 and a counter: q2
        // clashes with q1 (line 13, the first query); the counter with the
        // first use (line 9, kind rate), which is earlier than q1.
        let text = format!(
            "{}{}{}{}{}",
            doc(BASIC),
            slo("b", "{name: g, query: q1}"),
            slo("c", "{name: g, query: q1}"),
            slo("d", "{name: g, query: q2}"),
            slo("e", "{name: g, query: q1, kind: counter}"),
        );
        assert_eq!(errors(&text), vec![
            e(21, 27, "spec.slos[3].sli.ratio.good", "series \"g\" is used with a different query at line 13: one name is one series; give them distinct names, e.g. {name: g-2, query: ...}"),
            e(25, 27, "spec.slos[4].sli.ratio.good", "series \"g\" is used with kind counter here and kind rate at line 9: one name is one series; give them distinct names, e.g. {name: g-2, query: ...}"),
        ]);
        // q1, then q2 twice: both q2 clash with q1, the earliest that differs.
        let text = format!(
            "{}{}{}{}",
            doc(BASIC),
            slo("b", "{name: g, query: q1}"),
            slo("c", "{name: g, query: q2}"),
            slo("d", "{name: g, query: q2}"),
        );
        let clashes: Vec<String> = errors(&text)
            .into_iter()
            .map(|x| format!("{}:{}", x.0, x.3))
            .collect();
        assert_eq!(clashes.len(), 2, "{clashes:#?}");
        assert!(
            clashes[0].starts_with("17:") && clashes[0].contains("at line 13"),
            "{clashes:#?}"
        );
        assert!(
            clashes[1].starts_with("21:") && clashes[1].contains("at line 13"),
            "{clashes:#?}"
        );
    }

    #[test]
    fn many_levels_are_listed_shortly() {
        let levels: Vec<String> = (0..500).map(|i| format!("level-{i}")).collect();
        let text = format!(
            "{}  policy:\n    levels: [{}]\n    rules:\n      - {{level: zzz, when: \"remaining < 1%\"}}\n",
            doc(BASIC),
            levels.join(", ")
        );
        assert_eq!(
            one_error(&text).3,
            "unknown level \"zzz\": the levels are level-0, level-1, level-2, level-3, level-4, level-5, level-6, level-7, level-8, level-9, … (500 in all)"
        );
    }

    #[test]
    fn suggestions_among_defined_names_have_a_budget() {
        // 2,000 levels and 2,000 rules each naming a misspelt level: the
        // first rules get a suggestion, and once the budget is spent the
        // rest a listing, instead of 4 million comparisons.
        let levels: Vec<String> = (0..2_000).map(|i| format!("level-{i:04}")).collect();
        let rules: String = (0..2_000)
            .map(|i| format!("      - {{level: levle-{i:04}, when: \"remaining < 1%\"}}\n"))
            .collect();
        let text = format!(
            "{}  policy:\n    levels: [{}]\n    rules:\n{rules}",
            doc(BASIC),
            levels.join(", ")
        );
        let all = errors(&text);
        assert_eq!(all.len(), 2_000);
        assert_eq!(
            all[0].3,
            "unknown level \"levle-0000\" (did you mean \"level-0000\"?)"
        );
        assert!(
            all[1_999]
                .3
                .starts_with("unknown level \"levle-1999\": the levels are level-0000, "),
            "{}",
            all[1_999].3
        );
    }

    #[test]
    fn copies_of_defaults_are_bounded() {
        // 1,000 exclusions in spec.defaults (~42 bytes each), copied into
        // 50 SLOs: 2.1 MB of copies, fine.
        let exclusions: String = (0..1_000)
            .map(|i| {
                format!(
                    "      - {{start: 2026-02-05T10:00:00Z, duration: {}m}}\n",
                    i + 1
                )
            })
            .collect();
        let slos = |n: usize| {
            (0..n)
                .map(|i| format!("    - name: s{i}\n"))
                .collect::<String>()
        };
        let text = |n: usize| {
            format!(
            "apiVersion: slogate/v1\nkind: ServiceLevelPolicy\nmetadata: {{name: x}}\nspec:\n  defaults:\n    objective: 99%\n    window: {{rolling: 28d}}\n    sli: {{ratio: {{good: g, total: t}}}}\n    exclude:\n{exclusions}  slos:\n{}",
            slos(n)
        )
        };
        let p = ok(&text(50)).policy;
        assert_eq!(p.slos[49].exclude.len(), 1_000);
        // Small defaults copied into 100,000 SLOs (4.9 MB of copies) are
        // within 8 times the document's 1.6 MB.
        let small = format!(
            "apiVersion: slogate/v1\nkind: ServiceLevelPolicy\nmetadata: {{name: x}}\nspec:\n  defaults:\n    objective: 99%\n    window: {{rolling: 28d}}\n    sli: {{ratio: {{good: g, total: t}}}}\n  slos:\n{}",
            slos(100_000)
        );
        assert_eq!(ok(&small).policy.slos.len(), 100_000);
        // 20,000 SLOs (a 340 KB document) would hold 20 million exclusions:
        // refused once, at the SLO where the copies pass 4 MB (line 1,011
        // holds spec.slos[0]).
        assert_eq!(
            errors(&text(20_000)),
            vec![e(1_106, 7, "spec.defaults", "the SLOs up to spec.slos[95] copy more than 4000000 bytes of spec.defaults (each SLO copies every default it does not set, and the copies may add up to 8 times the document's size, at least 4000000 bytes): set large fields in the SLOs that need them, or split the policy into several files")]
        );
    }
}

#[test]
fn rules_scoped_to_slos_by_name_and_pattern() {
    let with = |slos: &str| {
        format!(
            "{}    - name: latency-p99\n{BASIC}    - name: latency-p50\n{BASIC}  policy:\n    levels: [ok, freeze]\n    rules:\n      - {{level: freeze, when: \"remaining < 10%\", slos: {slos}}}\n",
            doc(BASIC)
        )
    };
    let scope = |slos: &str| ok(&with(slos)).policy.rules[0].slos.clone();
    assert_eq!(scope("[a]"), Some(vec![0]));
    assert_eq!(scope("[\"latency-*\"]"), Some(vec![1, 2]));
    assert_eq!(scope("[latency-p50, a, \"?\"]"), Some(vec![0, 2]));
    let unscoped = ok(&with("[a]").replace(", slos: [a]", "")).policy;
    assert_eq!(unscoped.rules[0].slos, None);
    assert!(unscoped.rules[0].applies_to(2));
    // Errors: a name that is no SLO (with the closest), a pattern that
    // matches none, an empty list, a pattern too long to match quickly.
    assert_eq!(
        one_error(&with("[latency-p90]")),
        e(
            21,
            57,
            "spec.policy.rules[0].slos[0]",
            "\"latency-p90\" is not an SLO of this policy (did you mean \"latency-p99\"?)"
        )
    );
    assert_eq!(
        one_error(&with("[\"avail*\"]")).3,
        "\"avail*\" matches no SLO: the SLOs are a, latency-p99, latency-p50"
    );
    assert_eq!(
        one_error(&with("[]")).3,
        "slos needs at least one SLO name or pattern, e.g. slos: [task-availability, \"latency-*\"]; leave it out for every SLO"
    );
    assert_eq!(
        one_error(&with(&format!("[\"{}\"]", "*".repeat(300)))).3,
        "an SLO name or pattern is at most 256 characters"
    );
}
