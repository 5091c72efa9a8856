//! What the report's JSON holds: one function per object of
//! `pkg/report.d.ts`, keys in its order. How it is laid out is the writer's (`super::writer`).

use super::writer::Writer;
use crate::report::model::{AlertReport, Burndown, PairReport, Reason, Report, Segment, SloReport};
use crate::time::format_duration;

/// The report as compact JSON.
pub fn to_json(report: &Report) -> String {
    write_report(report, None)
}

/// The report as JSON indented by two spaces, for terminals and files.
pub fn to_json_pretty(report: &Report) -> String {
    write_report(report, Some(2))
}

fn write_report(report: &Report, indent: Option<usize>) -> String {
    let mut w = Writer::new(indent, capacity_of(report));
    report_json(&mut w, report);
    w.finish()
}

/// Roughly the compact text's length, so that `out` grows once or not at
/// all: about 1 KB per SLO instance and 30 bytes per burn-down point.
fn capacity_of(report: &Report) -> usize {
    let per_slo = |s: &SloReport| 1024 + 30 * s.burndown.t.len();
    256 + report.slos.iter().map(per_slo).sum::<usize>()
}

fn report_json(w: &mut Writer, r: &Report) {
    w.open(b'{');
    w.key("policy").string(&r.policy);
    w.key("at").instant(r.at);
    w.key("level").string(&r.level);
    w.key("levels").array(&r.levels, |w, l| w.string(l));
    w.key("slos").array(&r.slos, slo_json);
    w.close(b'}');
}

fn slo_json(w: &mut Writer, s: &SloReport) {
    w.open(b'{');
    w.key("name").string(&s.name);
    w.key("group").open(b'{');
    for (k, v) in &s.group {
        w.key(k).string(v);
    }
    w.close(b'}');
    w.key("objective").number(s.objective);
    w.key("window").open(b'{');
    w.key("start").instant(s.window.start);
    w.key("end").instant(s.window.end);
    w.key("periodSeconds").number(s.window.period_seconds);
    w.close(b'}');
    w.key("coverage").opt(s.coverage);
    w.key("sli").opt(s.sli);
    let b = &s.budget;
    w.key("budget").open(b'{');
    w.key("unit").string(b.unit.as_str());
    w.key("allowed").opt(b.allowed);
    w.key("consumed").opt(b.consumed);
    w.key("remaining").opt(b.remaining);
    w.key("remainingRatio").opt(b.remaining_ratio);
    w.close(b'}');
    w.key("burnRates").by_window(&s.burn_rates);
    w.key("consumedIn").by_window(&s.consumed_in);
    w.key("alerts").array(&s.alerts, alert_json);
    w.key("forecastWindow")
        .string(&format_duration(s.forecast_window));
    w.key("timeToExhaustionSeconds")
        .opt(s.time_to_exhaustion_seconds);
    w.key("level").string(&s.level);
    w.key("reasons").array(&s.reasons, reason_json);
    w.key("burndown");
    burndown_json(w, &s.burndown);
    w.key("timeline").array(&s.timeline, segment_json);
    w.key("warnings").array(&s.warnings, |w, x| {
        w.open(b'{');
        w.key("kind").string(x.kind.as_str());
        w.key("message").string(&x.message);
        w.close(b'}');
    });
    w.close(b'}');
}

fn alert_json(w: &mut Writer, a: &AlertReport) {
    w.open(b'{');
    w.key("name").string(&a.name);
    w.key("severity").string(&a.severity);
    w.key("firing").bool(a.firing);
    w.key("state").string(a.state());
    if a.hold > 0 {
        w.key("for").string(&format_duration(a.hold));
    } else {
        w.key("for").null();
    }
    w.key("pendingSince");
    match a.pending_since {
        Some(t) => w.number(t as f64),
        None => w.null(),
    }
    w.key("pairs").array(&a.pairs, pair_json);
    w.close(b'}');
}

fn pair_json(w: &mut Writer, p: &PairReport) {
    w.open(b'{');
    w.key("long").string(&format_duration(p.long));
    match p.short {
        Some(short) => w.key("short").string(&format_duration(short)),
        // A single-window alert.
        None => w.key("short").null(),
    }
    w.key("budget").number(p.budget);
    w.key("factor").number(p.factor);
    w.key("fixedFactor").bool(p.fixed_factor);
    w.key("longBurn").opt(p.long_burn);
    w.key("shortBurn").opt(p.short_burn);
    w.key("firing").bool(p.firing);
    w.close(b'}');
}

fn reason_json(w: &mut Writer, r: &Reason) {
    w.open(b'{');
    w.key("level").string(&r.level);
    w.key("when").string(&r.when);
    w.key("value").opt(r.value);
    w.key("action");
    match &r.action {
        Some(a) => w.string(a),
        None => w.null(),
    }
    w.close(b'}');
}

fn burndown_json(w: &mut Writer, b: &Burndown) {
    // Epoch milliseconds as numbers: what a chart library takes directly.
    // Every instant the engine produces is far below 2^53, so this is exact.
    w.open(b'{');
    w.key("t").array(&b.t, |w, &t| w.number(t as f64));
    w.key("remainingRatio")
        .array(&b.remaining_ratio, |w, &v| w.opt(v));
    // Keyed like the report's burnRates; `{}` unless a host asked for them.
    w.key("burnRates").open(b'{');
    for (window, rates) in &b.burn_rates {
        w.key(&format_duration(*window))
            .array(rates, |w, &v| w.opt(v));
    }
    w.close(b'}');
    w.close(b'}');
}

fn segment_json(w: &mut Writer, s: &Segment) {
    w.open(b'{');
    // Epoch milliseconds, as the burn-down's `t`.
    w.key("from").number(s.from as f64);
    w.key("to").number(s.to as f64);
    w.key("level").string(&s.level);
    w.key("reasons").array(&s.reasons, |w, r| w.string(r));
    w.key("alerts").array(&s.alerts, |w, a| w.string(a));
    w.key("pending").array(&s.pending, |w, a| w.string(a));
    w.close(b'}');
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::report::model::*;
    use crate::time::{parse_rfc3339, DAY, HOUR, MINUTE};

    /// An example report, by hand; also used by the text tests.
    pub(crate) fn sample() -> Report {
        let t = |s| parse_rfc3339(s).unwrap();
        Report {
            policy: "mtos-tasks".into(),
            at: t("2026-02-28T23:59:00Z"),
            level: "warning".into(),
            levels: vec!["healthy".into(), "warning".into(), "freeze".into()],
            slos: vec![SloReport {
                name: "task-availability".into(),
                group: vec![
                    ("repository".into(), "core".into()),
                    ("region".into(), "eu".into()),
                ],
                objective: 0.999,
                window: WindowReport {
                    start: t("2026-02-01T00:00:00Z"),
                    end: t("2026-02-28T23:59:00Z"),
                    period_seconds: 2_419_200.0,
                },
                coverage: Some(1.0),
                sli: Some(0.9993055),
                budget: BudgetReport {
                    unit: BudgetUnit::Seconds,
                    allowed: Some(2419.2),
                    consumed: Some(1680.0),
                    remaining: Some(739.2),
                    remaining_ratio: Some(0.30555),
                },
                burn_rates: vec![(5 * MINUTE, Some(0.0)), (HOUR, Some(1.25)), (3 * DAY, None)],
                consumed_in: vec![(3 * DAY, Some(0.0))],
                alerts: vec![AlertReport {
                    name: "page".into(),
                    severity: "page".into(),
                    firing: false,
                    hold: 0,
                    pending_since: None,
                    pairs: vec![PairReport {
                        long: HOUR,
                        short: Some(5 * MINUTE),
                        budget: 0.02,
                        factor: 14.4,
                        fixed_factor: false,
                        long_burn: Some(0.0),
                        short_burn: None,
                        firing: false,
                    }],
                }],
                forecast_window: HOUR,
                time_to_exhaustion_seconds: None,
                level: "warning".into(),
                reasons: vec![Reason {
                    level: "warning".into(),
                    when: "remaining < 50%".into(),
                    value: Some(0.30555),
                    action: Some("Prioritize reliability over features".into()),
                }],
                burndown: Burndown {
                    t: vec![t("2026-02-01T00:00:00Z"), t("2026-02-01T00:01:00Z")],
                    remaining_ratio: vec![Some(1.0), None],
                    burn_rates: vec![
                        (5 * MINUTE, vec![Some(0.5), None]),
                        (HOUR, vec![Some(14.4), Some(0.0)]),
                    ],
                },
                timeline: vec![Segment {
                    from: t("2026-02-01T00:00:00Z"),
                    to: t("2026-02-01T00:01:00Z"),
                    level: "warning".into(),
                    reasons: vec!["remaining < 50%".into()],
                    alerts: vec![],
                    pending: vec![],
                }],
                warnings: vec![],
            }],
        }
    }

    /// The pretty layout against `JSON.stringify(v, null, 2)`. Needs `node`
    /// on the PATH, as the package's JS tests do (scripts/test runs both).
    #[test]
    fn pretty_layout_against_node() {
        let compact = to_json(&sample());
        let script = "process.stdout.write(JSON.stringify(JSON.parse(process.argv[1]), null, 2))";
        let out = std::process::Command::new("node")
            .args(["-e", script, &compact])
            .output()
            .expect("this test runs `node` (install Node 20, as for the JS tests)");
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            to_json_pretty(&sample())
        );
    }

    #[test]
    fn compact_shape_and_key_order() {
        let json = to_json(&sample());
        assert!(json.starts_with(
            r#"{"policy":"mtos-tasks","at":"2026-02-28T23:59:00Z","level":"warning","levels":["healthy","warning","freeze"],"slos":[{"#
        ));
        for part in [
            r#""group":{"repository":"core","region":"eu"},"objective":0.999,"#,
            r#""window":{"start":"2026-02-01T00:00:00Z","end":"2026-02-28T23:59:00Z","periodSeconds":2419200},"#,
            r#""coverage":1,"sli":0.9993055,"#,
            r#""budget":{"unit":"seconds","allowed":2419.2,"consumed":1680,"remaining":739.2,"remainingRatio":0.30555},"#,
            r#""burnRates":{"5m":0,"1h":1.25,"3d":null},"consumedIn":{"3d":0},"#,
            r#""alerts":[{"name":"page","severity":"page","firing":false,"state":"inactive","for":null,"pendingSince":null,"pairs":[{"long":"1h","short":"5m","budget":0.02,"factor":14.4,"fixedFactor":false,"longBurn":0,"shortBurn":null,"firing":false}]}],"#,
            r#""forecastWindow":"1h","timeToExhaustionSeconds":null,"level":"warning","#,
            r#""reasons":[{"level":"warning","when":"remaining < 50%","value":0.30555,"action":"Prioritize reliability over features"}],"#,
            r#""burndown":{"t":[1769904000000,1769904060000],"remainingRatio":[1,null],"burnRates":{"5m":[0.5,null],"1h":[14.4,0]}},"#,
            r#""timeline":[{"from":1769904000000,"to":1769904060000,"level":"warning","reasons":["remaining < 50%"],"alerts":[],"pending":[]}],"warnings":[]}]}"#,
        ] {
            assert!(json.contains(part), "missing {part}\nin {json}");
        }
    }

    #[test]
    fn null_action_and_empty_group() {
        let mut r = sample();
        r.slos[0].group.clear();
        r.slos[0].reasons[0].action = None;
        let json = to_json(&r);
        assert!(json.contains(r#""group":{},"#));
        assert!(json.contains(r#""value":0.30555,"action":null}"#));
    }

    #[test]
    fn pretty_matches_json_stringify_layout() {
        let mut r = sample();
        r.slos[0].alerts.clear();
        r.slos[0].burndown = Burndown::default();
        let pretty = to_json_pretty(&r);
        assert!(pretty.starts_with(
            "{\n  \"policy\": \"mtos-tasks\",\n  \"at\": \"2026-02-28T23:59:00Z\",\n"
        ));
        assert!(pretty.contains("\n  \"slos\": [\n    {\n      \"name\": \"task-availability\",\n"));
        assert!(pretty.contains("\n      \"alerts\": [],\n"));
        assert!(pretty.contains("\n      \"burndown\": {\n        \"t\": [],\n        \"remainingRatio\": [],\n        \"burnRates\": {}\n      },\n"), "{pretty}");
        assert!(pretty.ends_with("\n      \"warnings\": []\n    }\n  ]\n}"));
        // Same document, different layout.
        let squeezed: String = pretty
            .lines()
            .map(str::trim_start)
            .collect::<Vec<_>>()
            .join("")
            .replace("\": ", "\":");
        assert_eq!(squeezed, to_json(&r));
    }

    #[test]
    #[cfg(feature = "cli")]
    fn pretty_output_parses_and_equals_compact() {
        let r = sample();
        let a: serde_json::Value = serde_json::from_str(&to_json(&r)).unwrap();
        let b: serde_json::Value = serde_json::from_str(&to_json_pretty(&r)).unwrap();
        assert_eq!(a, b);
    }
}
