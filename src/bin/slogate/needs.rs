//! What data an evaluation needs: which series the policy refers to, and how
//! far back before the evaluation time they must reach.

use slogate::expr::{terms, Term};
use slogate::policy::{Policy, SeriesRef, Sli, Slo, Window};
use slogate::time::calendar::period_containing;
use slogate::time::{Instant, Millis, DAY};

/// A series the policy refers to, with where (for messages).
#[derive(Clone, Debug, PartialEq)]
pub struct Needed {
    pub name: String,
    pub query: Option<String>,
    pub kind: slogate::SeriesKind,
    /// E.g. `spec.slos[0].sli.ratio.good`.
    pub path: String,
}

/// Every series name the SLOs refer to, first reference first, each once.
pub fn needed_series(policy: &Policy) -> Vec<Needed> {
    let mut out: Vec<Needed> = Vec::new();
    for (i, slo) in policy.slos.iter().enumerate() {
        let refs: Vec<(&str, &SeriesRef)> = match &slo.sli {
            Sli::Ratio { good, bad, total } => [
                ("ratio.good", good),
                ("ratio.bad", bad),
                ("ratio.total", total),
            ]
            .into_iter()
            .filter_map(|(path, r)| r.as_ref().map(|r| (path, r)))
            .collect(),
            Sli::Threshold { series, .. } => vec![("threshold.series", series)],
        };
        for (path, r) in refs {
            if out.iter().all(|n| n.name != r.name) {
                out.push(Needed {
                    name: r.name.clone(),
                    query: r.query.clone(),
                    kind: r.kind,
                    path: format!("spec.slos[{i}].sli.{path}"),
                });
            }
        }
    }
    out
}

/// The burn-rate windows every report carries (SPEC §4): data must reach
/// back over the longest of them even when the SLO window is shorter.
const REPORTED_WINDOW: Millis = 3 * DAY;

/// How far before `at` the data must start for every SLO of the policy:
/// the longest of each SLO window (for calendar windows, back to the start
/// of the current period), its alert and forecast windows, and every window
/// a rule names. The caller adds a margin of a step or two: the first
/// sample of a series only opens it.
pub fn lookback(policy: &Policy, at: Instant) -> Millis {
    let rule_windows = policy
        .rules
        .iter()
        .flat_map(|r| terms(&r.when))
        .filter_map(|t| match t {
            Term::ConsumedIn(w) | Term::BurnRate(w) | Term::SliIn(w) => Some(*w),
            _ => None,
        });
    let slo_windows = policy.slos.iter().flat_map(|slo| slo_windows(slo, at));
    rule_windows
        .chain(slo_windows)
        .fold(REPORTED_WINDOW, Millis::max)
}

fn slo_windows(slo: &Slo, at: Instant) -> Vec<Millis> {
    let window = match &slo.window {
        Window::Rolling { duration } => *duration,
        Window::Calendar { unit, zone } => at - period_containing(*unit, zone, at).0,
    };
    let alerts = slo
        .alerting
        .iter()
        .flat_map(|a| a.windows.iter().flat_map(|w| [w.long, w.short]));
    [window, slo.forecast_window]
        .into_iter()
        .chain(alerts)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use slogate::diagnostic::Location;
    use slogate::expr::Expr;
    use slogate::policy::{Alert, Budgeting, BurnWindow, CmpOp, Rule};
    use slogate::time::{HOUR, MINUTE};
    use slogate::SeriesKind;

    fn reference(name: &str, query: Option<&str>) -> Option<SeriesRef> {
        Some(SeriesRef {
            name: name.into(),
            query: query.map(Into::into),
            kind: SeriesKind::Rate,
        })
    }

    fn slo(sli: Sli, window: Millis) -> Slo {
        Slo {
            name: "s".into(),
            description: None,
            objective: 0.999,
            window: Window::Rolling { duration: window },
            budgeting: Budgeting::Occurrences,
            slice: None,
            slice_target: 0.999,
            forecast_window: HOUR,
            sli,
            group_by: vec![],
            alerting: vec![],
            exclude: vec![],
            location: Location::default(),
        }
    }

    fn policy(slos: Vec<Slo>, rules: Vec<Rule>) -> Policy {
        Policy {
            name: "p".into(),
            service: None,
            labels: vec![],
            slos,
            levels: vec!["healthy".into(), "freeze".into()],
            rules,
        }
    }

    #[test]
    fn lists_each_reference_once_with_its_path() {
        let a = slo(
            Sli::Ratio {
                good: reference("good", Some("sum(rate(ok[5m]))")),
                bad: None,
                total: reference("total", None),
            },
            DAY,
        );
        let b = slo(
            Sli::Ratio {
                good: None,
                bad: reference("errors", None),
                total: reference("total", Some("other")),
            },
            DAY,
        );
        let c = slo(
            Sli::Threshold {
                series: SeriesRef {
                    name: "p99".into(),
                    query: None,
                    kind: SeriesKind::Gauge,
                },
                op: CmpOp::Le,
                value: 0.5,
            },
            DAY,
        );
        let needed = needed_series(&policy(vec![a, b, c], vec![]));
        let summary: Vec<(&str, Option<&str>, &str)> = needed
            .iter()
            .map(|n| (n.name.as_str(), n.query.as_deref(), n.path.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "good",
                    Some("sum(rate(ok[5m]))"),
                    "spec.slos[0].sli.ratio.good"
                ),
                ("total", None, "spec.slos[0].sli.ratio.total"),
                ("errors", None, "spec.slos[1].sli.ratio.bad"),
                ("p99", None, "spec.slos[2].sli.threshold.series"),
            ]
        );
        assert_eq!(needed[3].kind, SeriesKind::Gauge);
    }

    #[test]
    fn lookback_is_the_longest_window() {
        let sli = || Sli::Ratio {
            good: reference("good", None),
            bad: None,
            total: reference("total", None),
        };
        // Short SLO window: the reported 3d burn rate still needs 3 days.
        assert_eq!(
            lookback(&policy(vec![slo(sli(), HOUR)], vec![]), 0),
            3 * DAY
        );
        assert_eq!(
            lookback(&policy(vec![slo(sli(), 28 * DAY)], vec![]), 0),
            28 * DAY
        );
        let mut alerting = slo(sli(), DAY);
        alerting.alerting = vec![Alert {
            name: "a".into(),
            severity: "a".into(),
            windows: vec![BurnWindow {
                long: 4 * DAY,
                short: MINUTE,
                budget: 0.1,
            }],
        }];
        assert_eq!(lookback(&policy(vec![alerting], vec![]), 0), 4 * DAY);
        let rule = Rule {
            level: 1,
            when_text: "burn_rate(5d) > 1".into(),
            when: Expr::Compare(
                Box::new(Expr::Term(Term::BurnRate(5 * DAY))),
                CmpOp::Gt,
                Box::new(Expr::Number(1.0)),
            ),
            action: None,
            location: Location::default(),
        };
        assert_eq!(
            lookback(&policy(vec![slo(sli(), DAY)], vec![rule]), 0),
            5 * DAY
        );
    }
}
