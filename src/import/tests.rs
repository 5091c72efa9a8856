//! Conversions by hand, and every construct slogate cannot express as an
//! error at its line and column (tests/import.rs compares whole reports).

use super::*;

/// `FILE:LINE:COL: severity: path: message` of every finding.
fn findings(text: &str) -> Vec<String> {
    match parse(text) {
        Ok((parsed, _)) => parsed.warnings.iter().map(|d| d.render("f")).collect(),
        Err(all) => all.0.iter().map(|d| d.render("f")).collect(),
    }
}

fn has(all: &[String], needle: &str) {
    assert!(
        all.iter().any(|l| l.contains(needle)),
        "{needle}\nnot in:\n{}",
        all.join("\n")
    );
}

const SLO_HEAD: &str = "apiVersion: openslo/v1
kind: SLO
metadata:
  name: web
spec:
  service: web
  indicator:
    metadata:
      name: web-requests
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(ok_total)
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(all_total)
";

#[test]
fn formats_are_told_apart_by_their_version_key() {
    assert_eq!(detect("apiVersion: slogate/v1\n"), Format::Slogate);
    assert_eq!(
        detect("apiVersion: openslo/v1\nkind: SLO\n"),
        Format::OpenSlo
    );
    assert_eq!(detect("version: \"prometheus/v1\"\n"), Format::Sloth);
    assert_eq!(
        detect("apiVersion: sloth.slok.dev/v1\n"),
        Format::SlothKubernetes
    );
    assert_eq!(detect("a: [\n"), Format::Slogate);
    assert_eq!(detect(""), Format::Slogate);
}

#[test]
fn an_openslo_slo_converts_line_by_line() {
    let text = format!(
        "{SLO_HEAD}  timeWindow:\n    - duration: 7d\n      isRolling: true\n  budgetingMethod: Occurrences\n  objectives:\n    - targetPercent: 99.5\n"
    );
    let converted = convert(&text).unwrap().unwrap();
    assert_eq!(
        converted.text,
        r#"# Converted from OpenSLO (openslo/v1) by slogate convert.
apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata:
  name: "web"
  service: "web"
spec:
  slos:
    - name: "web"
      objective: 99.5%
      window:
        rolling: 7d
      sli:
        ratio:
          good:
            name: "web-requests-good"
            query: "sum(ok_total)"
            kind: counter
          total:
            name: "web-requests-total"
            query: "sum(all_total)"
            kind: counter
      alerting: []
"#
    );
    assert!(parse(&text).is_ok());
}

#[test]
fn what_slogate_cannot_say_is_an_error_at_its_place() {
    let with = |tail: &str| findings(&format!("{SLO_HEAD}{tail}"));
    // RatioTimeslices averages the slices' ratios.
    let all = with("  timeWindow: [{duration: 7d, isRolling: true}]\n  budgetingMethod: RatioTimeslices\n  objectives: [{target: 0.99}]\n");
    has(
        &all,
        "f:24:20: error: spec.budgetingMethod: RatioTimeslices averages the slices' ratios",
    );
    // A calendar window starting at noon, as the specification's examples do.
    let all = with("  timeWindow:\n    - duration: 1M\n      isRolling: false\n      calendar:\n        startTime: 2022-01-01 12:00:00\n        timeZone: America/New_York\n  budgetingMethod: Occurrences\n  objectives: [{target: 0.99}]\n");
    has(&all, "f:27:20: error: spec.timeWindow[0].calendar.startTime: \"2022-01-01 12:00:00\": slogate's calendar windows start at the start of each month in the time zone, at midnight");
    // A week that starts on a Saturday.
    let all = with("  timeWindow: [{duration: 1w, isRolling: false, calendar: {startTime: 2022-01-01 00:00:00, timeZone: UTC}}]\n  budgetingMethod: Occurrences\n  objectives: [{target: 0.99}]\n");
    has(&all, "each week in the time zone, a Monday (ISO weeks)");
    // A rolling month has no fixed length.
    let all = with("  timeWindow: [{duration: 1M, isRolling: true}]\n  budgetingMethod: Occurrences\n  objectives: [{target: 0.99}]\n");
    has(
        &all,
        "f:23:27: error: spec.timeWindow[0].duration: a rolling window of 1M has no fixed length",
    );
    // Composite objectives, a raw ratio, unknown keys.
    let all = with("  timeWindow: [{duration: 7d}]\n  budgetingMethod: Occurrences\n  objectives: [{target: 0.99, compositeWeight: 2}]\n");
    has(
        &all,
        "error: spec.objectives[0].compositeWeight: a composite SLO",
    );
    let all = with("  timeWindow: [{duration: 7d}]\n  budgetingMethod: Occurrences\n  objectives: [{taget: 0.99}]\n");
    has(&all, "f:25:17: error: spec.objectives[0].taget: unknown key \"taget\" (did you mean \"target\"?)");
    // A metric source that is not Prometheus.
    let all = findings(&format!("{}  timeWindow: [{{duration: 7d}}]\n  budgetingMethod: Occurrences\n  objectives: [{{target: 0.99}}]\n", SLO_HEAD.replacen("type: Prometheus", "type: Any", 1)));
    has(&all, "f:15:19: error: spec.indicator.spec.ratioMetric.good.metricSource.type: metric source type \"Any\": slogate converts Prometheus queries");
}

#[test]
fn a_converted_policys_own_errors_point_into_the_users_file() {
    // target 1.5 is no fraction: slogate's parser says so, at the OpenSLO line.
    let all = findings(&format!(
        "{SLO_HEAD}  timeWindow: [{{duration: 7d}}]\n  budgetingMethod: Occurrences\n  objectives:\n    - target: 1.5\n"
    ));
    has(
        &all,
        "f:26:15: error: spec.slos[0].objective (as converted): ",
    );
}

#[test]
fn sloth_says_what_it_does_not_convert() {
    let text = "version: prometheus/v1\nservice: s\nslos:\n  - name: a\n    objective: 99\n    labels: {tier: '1'}\n    sli:\n      raw:\n        error_ratio_query: x\n    alerting: {name: A}\n";
    let all = findings(text);
    has(
        &all,
        "f:6:13: warning: slos[0].labels: an SLO's labels are not converted",
    );
    has(
        &all,
        "f:9:9: error: slos[0].sli.raw: a raw SLI (error_ratio_query)",
    );
    let text = "version: prometheus/v1\nservice: s\nslos:\n  - name: a\n    objective: 99\n    sli:\n      events:\n        error_query: sum(x)\n        total_query: sum(rate(y[{{.window}}]))\n    alerting: {name: A}\n";
    has(
        &findings(text),
        "f:8:22: error: slos[0].sli.events.error_query: the query has no {{.window}}",
    );
}
