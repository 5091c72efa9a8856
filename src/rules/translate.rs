//! From the policy model to rule groups (the arithmetic is in the module
//! docs of [`super`] and in docs/rules.md).

use std::collections::BTreeSet;

use super::promql::{duration, is_label_name, label_list, number, selector};
use super::{Export, Group, NotExported, Options, PromRule};
use crate::decimal::Complement;
use crate::expr::{CmpOp, Expr, Term};
use crate::policy::{
    Alert, Budgeting, BurnWindow, Policy, Rule, SeriesRef, Sli, Slo, Threshold, Window,
};
use crate::series::SeriesKind;
use crate::time::{Millis, SECOND};

/// The alert of every burn-rate alert of the catalog (`slogate_alert` and
/// `severity` say which).
pub const ALERT_BURN: &str = "SlogateErrorBudgetBurn";
/// The alert of every rule of the error-budget policy (`level` says which).
pub const ALERT_POLICY: &str = "SlogateErrorBudgetPolicy";

const STEP_EVENTS: &str = "slogate:step_events";
const WINDOW_EVENTS: &str = "slogate:window_events";
const ERROR_RATIO: &str = "slogate:error_ratio";
const BURN_RATE: &str = "slogate:burn_rate";
const SLI: &str = "slogate:sli";
const CONSUMED: &str = "slogate:consumed_ratio";
const REMAINING: &str = "slogate:remaining_ratio";
const WITHOUT_WINDOW: &str = "max without (slogate_window)";

pub(super) fn export(policy: &Policy, options: &Options) -> Export {
    let mut out = Export {
        policy: policy.name.clone(),
        interval: options.interval,
        groups: vec![],
        not_exported: vec![],
    };
    for (index, slo) in policy.slos.iter().enumerate() {
        match SloRules::new(policy, slo, index, options.interval) {
            Ok(s) => out.groups.push(s.group(&mut out.not_exported)),
            Err(reason) => out.not_exported.push(NotExported {
                location: slo.location,
                what: format!("SLO \"{}\"", slo.name),
                reason,
            }),
        }
    }
    out
}

/// The roles of a ratio SLI, by name, with their series.
struct Roles<'a> {
    good: Option<&'a SeriesRef>,
    bad: Option<&'a SeriesRef>,
    total: Option<&'a SeriesRef>,
}

/// What the rules of one SLO need to know.
struct SloRules<'a> {
    policy: &'a Policy,
    slo: &'a Slo,
    /// The SLO's place in the policy: which rules apply to it.
    index: usize,
    roles: Roles<'a>,
    /// S.
    interval: Millis,
    /// The rolling window's length; `None` for a calendar window.
    period: Option<Millis>,
}

impl<'a> SloRules<'a> {
    /// The SLO's rules, or why it cannot have any.
    fn new(
        policy: &'a Policy,
        slo: &'a Slo,
        index: usize,
        interval: Millis,
    ) -> Result<SloRules<'a>, String> {
        if slo.budgeting == Budgeting::Timeslices {
            return Err("timeslices budgeting: PromQL has no slices to count good and bad (occurrences export)".into());
        }
        let roles =
            match &slo.sli {
                Sli::Ratio { good, bad, total } => Roles {
                    good: good.as_ref(),
                    bad: bad.as_ref(),
                    total: total.as_ref(),
                },
                Sli::Threshold { .. } => return Err(
                    "a threshold SLI counts slices, which PromQL does not have (ratio SLIs export)"
                        .into(),
                ),
            };
        if !slo.exclude.is_empty() {
            return Err("exclusions: PromQL cannot remove the excluded time from its windows; the rules would count it".into());
        }
        for s in [roles.good, roles.bad, roles.total].into_iter().flatten() {
            let Some(query) = &s.query else {
                return Err(format!(
                    "series \"{}\" has no query: give it one ({{name: {}, query: '…'}}) so the rules can compute it",
                    s.name, s.name
                ));
            };
            if s.kind == SeriesKind::Increase
                && !query.contains(&format!("[{}]", duration(interval)))
            {
                return Err(format!(
                    "series \"{}\" is of kind increase: its query must count one evaluation interval's events ([{}] in it), or use kind counter",
                    s.name,
                    duration(interval)
                ));
            }
        }
        if let Some(bad) = slo.group_by.iter().find(|l| !is_label_name(l)) {
            return Err(format!(
                "groupBy label \"{bad}\" is not a Prometheus label name"
            ));
        }
        let period = match slo.window {
            Window::Rolling { duration } => Some(duration),
            Window::Calendar { .. } => None,
        };
        if let Some(p) = period {
            if !multiple(p, interval) {
                return Err(format!(
                    "its window {} is not a multiple of the evaluation interval {}",
                    duration(p),
                    duration(interval)
                ));
            }
        }
        Ok(SloRules {
            policy,
            slo,
            index,
            roles,
            interval,
            period,
        })
    }

    /// `slogate_policy` and `slogate_slo`, and more.
    fn labels(&self, more: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut out = vec![
            ("slogate_policy".to_string(), self.policy.name.clone()),
            ("slogate_slo".to_string(), self.slo.name.clone()),
        ];
        out.extend(more.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        out
    }

    /// A selector of one of this SLO's recorded series.
    fn series(&self, metric: &str, more: &[(&str, &str)]) -> String {
        let mut labels = vec![
            ("slogate_policy", self.policy.name.as_str()),
            ("slogate_slo", self.slo.name.as_str()),
        ];
        labels.extend_from_slice(more);
        selector(metric, &labels)
    }

    fn window_events(&self, role: &str, w: Millis) -> String {
        self.series(
            WINDOW_EVENTS,
            &[("slogate_role", role), ("slogate_window", &duration(w))],
        )
    }

    /// The whole group; what cannot be exported of it goes to `skipped`.
    fn group(&self, skipped: &mut Vec<NotExported>) -> Group {
        // Alerts and policy rules first, as text, to know their windows.
        let mut windows: BTreeSet<Millis> = self.period.into_iter().collect();
        let mut sli_windows: BTreeSet<Millis> = BTreeSet::new();
        let mut consumed_windows: BTreeSet<Millis> = BTreeSet::new();
        let alerts: Vec<(&Alert, Result<String, String>)> = self
            .slo
            .alerting
            .iter()
            .map(|a| (a, self.burn_alert(a, &mut windows)))
            .collect();
        let mut policy_alerts = vec![];
        for (i, rule) in self.policy.rules.iter().enumerate() {
            if !rule.applies_to(self.index) {
                continue;
            }
            let mut used = Used::default();
            match self.condition(&rule.when, &alerts, &mut used) {
                Ok(expr) => {
                    windows.extend(&used.windows);
                    sli_windows.extend(&used.sli);
                    consumed_windows.extend(&used.consumed);
                    policy_alerts.push(self.policy_alert(i, rule, expr));
                }
                Err(reason) => skipped.push(NotExported {
                    location: rule.location,
                    what: format!(
                        "rule {} (`{}`) for SLO \"{}\"",
                        i + 1,
                        rule.when_text,
                        self.slo.name
                    ),
                    reason,
                }),
            }
        }
        let mut rules = self.step_events();
        for &w in &windows {
            rules.extend(self.window_rules(w, sli_windows.contains(&w)));
        }
        if let Some(p) = self.period {
            consumed_windows.insert(p);
            for &w in &consumed_windows {
                rules.push(self.consumed(w, p));
            }
            rules.push(PromRule::Record {
                record: REMAINING.into(),
                expr: format!(
                    "1 - sum without (slogate_window) ({})",
                    self.series(CONSUMED, &[("slogate_window", &duration(p))])
                ),
                labels: self.labels(&[]),
            });
        }
        for (alert, expr) in alerts {
            match expr {
                Ok(expr) => rules.push(PromRule::Alert {
                    alert: ALERT_BURN.into(),
                    expr,
                    // Prometheus' own `for`: its steps are the group's
                    // evaluations, S apart, as the engine's are the data's
                    // step (S, in what `slogate eval --prometheus` reads).
                    hold: (alert.hold > 0).then_some(alert.hold),
                    labels: self.labels(&[
                        ("slogate_alert", &alert.name),
                        ("severity", &alert.severity),
                    ]),
                    annotations: vec![
                        (
                            "summary".into(),
                            format!(
                                "{} / {}: the error budget burns fast enough for the {} alert ({})",
                                self.policy.name, self.slo.name, alert.name, alert.severity
                            ),
                        ),
                        ("description".into(), self.pairs_text(alert)),
                    ],
                }),
                Err(reason) => skipped.push(NotExported {
                    location: self.slo.location,
                    what: format!("alert \"{}\" of SLO \"{}\"", alert.name, self.slo.name),
                    reason,
                }),
            }
        }
        rules.extend(policy_alerts);
        Group {
            name: format!("slogate/{}/{}", self.policy.name, self.slo.name),
            interval: self.interval,
            rules,
        }
    }

    /// Each role's events of the last interval, where every role has data.
    fn step_events(&self) -> Vec<PromRule> {
        let roles: Vec<(&str, &SeriesRef)> = [
            ("good", self.roles.good),
            ("bad", self.roles.bad),
            ("total", self.roles.total),
        ]
        .into_iter()
        .filter_map(|(n, s)| s.map(|s| (n, s)))
        .collect();
        roles
            .iter()
            .map(|(name, s)| {
                let others: Vec<String> = roles
                    .iter()
                    .filter(|(n, _)| n != name)
                    .map(|(_, o)| self.events_of(o))
                    .collect();
                let mut expr = self.events_of(s);
                for o in others {
                    expr = format!(
                        "(\n  {}\n)\nand on {}\n(\n  {}\n)",
                        indent(&expr),
                        self.by(),
                        indent(&o)
                    );
                }
                PromRule::Record {
                    record: STEP_EVENTS.into(),
                    expr,
                    labels: self.labels(&[("slogate_role", name)]),
                }
            })
            .collect()
    }

    /// `(labels)` of `on`: the SLO's groupBy labels.
    fn by(&self) -> String {
        label_list(&self.slo.group_by)
    }

    /// `sum by (labels)`, or `sum` without groupBy.
    fn sum(&self) -> String {
        if self.slo.group_by.is_empty() {
            "sum".into()
        } else {
            format!("sum by {}", self.by())
        }
    }

    /// One role's events of the last interval, summed by the groupBy labels.
    fn events_of(&self, s: &SeriesRef) -> String {
        let q = s.query.as_deref().unwrap_or_default();
        let step = duration(self.interval);
        let seconds = number(self.interval as f64 / SECOND as f64);
        let sum = self.sum();
        match s.kind {
            SeriesKind::Increase => format!("{sum} (\n  {}\n)", indent(q)),
            SeriesKind::Counter => format!(
                "{sum} (\n  irate((\n    {}\n  )[{}:{step}])\n) * {seconds}",
                indent2(q),
                duration(2 * self.interval)
            ),
            // Rate (and gauge, which validation keeps out of ratios).
            _ => format!("{sum} (\n  {}\n) * {seconds}", indent(q)),
        }
    }

    /// Events per role over W, the error ratio and burn rate (and the SLI) over W.
    fn window_rules(&self, w: Millis, sli: bool) -> Vec<PromRule> {
        let wd = duration(w);
        let range = duration(w - self.interval / 2);
        let mut rules: Vec<PromRule> = ["good", "bad", "total"]
            .into_iter()
            .filter(|r| self.has(r))
            .map(|role| PromRule::Record {
                record: WINDOW_EVENTS.into(),
                expr: format!(
                    "sum_over_time({}[{range}])",
                    self.series(STEP_EVENTS, &[("slogate_role", role)])
                ),
                labels: self.labels(&[("slogate_role", role), ("slogate_window", &wd)]),
            })
            .collect();
        let on = "ignoring (slogate_role)";
        let (g, b, t) = (
            self.window_events("good", w),
            self.window_events("bad", w),
            self.window_events("total", w),
        );
        let (bad, total, good) = match (self.roles.good, self.roles.bad, self.roles.total) {
            (Some(_), None, Some(_)) => (format!("({t} - {on} {g})"), t.clone(), g.clone()),
            (None, Some(_), Some(_)) => (b.clone(), t.clone(), format!("({t} - {on} {b})")),
            _ => (b.clone(), format!("({g} + {on} {b})"), g.clone()),
        };
        rules.push(PromRule::Record {
            record: ERROR_RATIO.into(),
            expr: format!("{bad}\n/ {on}\n{total}"),
            labels: self.labels(&[("slogate_window", &wd)]),
        });
        rules.push(PromRule::Record {
            record: BURN_RATE.into(),
            expr: format!(
                "{} / {}",
                self.series(ERROR_RATIO, &[("slogate_window", &wd)]),
                self.budget_share()
            ),
            labels: self.labels(&[("slogate_window", &wd)]),
        });
        if sli {
            rules.push(PromRule::Record {
                record: SLI.into(),
                expr: format!("{good}\n/ {on}\n{total}"),
                labels: self.labels(&[("slogate_window", &wd)]),
            });
        }
        rules
    }

    /// consumed(W): bad events in W over the period's allowed bad events.
    fn consumed(&self, w: Millis, period: Millis) -> PromRule {
        let bad = match (self.roles.good, self.roles.bad) {
            (_, Some(_)) => self.window_events("bad", w),
            _ => format!(
                "({} - ignoring (slogate_role) {})",
                self.window_events("total", w),
                self.window_events("good", w)
            ),
        };
        let total = match self.roles.total {
            Some(_) => self.window_events("total", period),
            None => format!(
                "({} + ignoring (slogate_role) {})",
                self.window_events("good", period),
                self.window_events("bad", period)
            ),
        };
        PromRule::Record {
            record: CONSUMED.into(),
            expr: format!(
                "{bad}\n/ ignoring (slogate_role, slogate_window)\n({total} * {})",
                self.budget_share()
            ),
            labels: self.labels(&[("slogate_window", &duration(w))]),
        }
    }

    fn has(&self, role: &str) -> bool {
        match role {
            "good" => self.roles.good.is_some(),
            "bad" => self.roles.bad.is_some(),
            _ => self.roles.total.is_some(),
        }
    }

    /// 1 − O as the decimal the user wrote (`0.001` for 99.9%).
    fn budget_share(&self) -> String {
        let c = Complement::of(self.slo.objective);
        number(c.num / c.den)
    }

    /// A window the rules can sum: a multiple of the interval.
    fn window(&self, w: Millis) -> Result<Millis, String> {
        if multiple(w, self.interval) {
            Ok(w)
        } else {
            Err(format!(
                "the window {} is not a multiple of the evaluation interval {}",
                duration(w),
                duration(self.interval)
            ))
        }
    }

    /// A pair's factor, when PromQL can hold it fixed: a rolling window's
    /// B × P / L, or a written factor (whatever the calendar period).
    fn factor_of(&self, pair: &BurnWindow) -> Result<f64, String> {
        match (pair.threshold, self.period) {
            (Threshold::Factor(f), _) => Ok(f),
            (Threshold::Budget(_), Some(p)) => Ok(pair.factor(p)),
            (Threshold::Budget(_), None) => Err(
                "a calendar window: a pair's factor B × P / long follows the length of the calendar period, which no fixed PromQL threshold can (give the pair factor: F to hold it fixed)"
                    .into(),
            ),
        }
    }

    /// A burn-rate alert's condition: any pair with its burn rates (both,
    /// or the single window's) above its factor.
    fn burn_alert(&self, alert: &Alert, windows: &mut BTreeSet<Millis>) -> Result<String, String> {
        let mut pairs = vec![];
        let mut used = vec![];
        for pair in &alert.windows {
            let f = number(self.factor_of(pair)?);
            let burn = |w: Millis| self.series(BURN_RATE, &[("slogate_window", &duration(w))]);
            let long = self.window(pair.long)?;
            used.push(long);
            match pair.short {
                Some(short) => {
                    let short = self.window(short)?;
                    used.push(short);
                    pairs.push(format!(
                        "(\n  {} > {f}\n  and ignoring (slogate_window)\n  {} > {f}\n)",
                        burn(long),
                        burn(short)
                    ));
                }
                None => pairs.push(format!("(\n  {} > {f}\n)", burn(long))),
            }
        }
        if pairs.is_empty() {
            return Err("it has no window pairs".into());
        }
        windows.extend(used);
        Ok(format!(
            "{WITHOUT_WINDOW} (\n  {}\n)",
            indent(&pairs.join("\nor ignoring (slogate_window)\n"))
        ))
    }

    /// "fires when …": the pairs in words, for the alert's description.
    fn pairs_text(&self, alert: &Alert) -> String {
        let pairs: Vec<String> = alert
            .windows
            .iter()
            .map(|p| {
                let f = self.factor_of(p).map(number).unwrap_or_default();
                match p.short {
                    Some(short) => {
                        format!("{f} over both {} and {}", duration(p.long), duration(short))
                    }
                    None => format!("{f} over {}", duration(p.long)),
                }
            })
            .collect();
        let window = match self.period {
            Some(p) => format!("the SLO's {} window", duration(p)),
            None => "the SLO's calendar period".to_string(),
        };
        format!(
            "Fires when the burn rate exceeds {} (a burn rate of 1 spends the budget in exactly {window}).",
            pairs.join(", or ")
        )
    }

    fn policy_alert(&self, index: usize, rule: &Rule, expr: String) -> PromRule {
        let level = &self.policy.levels[rule.level];
        let mut annotations = vec![(
            "summary".into(),
            format!(
                "{} / {}: {level}, because {}",
                self.policy.name, self.slo.name, rule.when_text
            ),
        )];
        if let Some(action) = &rule.action {
            annotations.push(("action".into(), action.clone()));
        }
        // One element per instance, without the windows its terms read
        // (an alert(NAME) alone is already so).
        let expr = if expr.starts_with(WITHOUT_WINDOW) {
            expr
        } else {
            format!("{WITHOUT_WINDOW} (\n  {}\n)", indent(&expr))
        };
        PromRule::Alert {
            alert: ALERT_POLICY.into(),
            expr,
            hold: None,
            labels: self.labels(&[("level", level), ("slogate_rule", &(index + 1).to_string())]),
            annotations,
        }
    }

    /// A `when` as a PromQL vector that has an element for each instance
    /// where it holds (an instance without data has none: Kleene's unknown
    /// does not fire, as in the engine).
    fn condition(
        &self,
        e: &Expr,
        alerts: &[(&Alert, Result<String, String>)],
        used: &mut Used,
    ) -> Result<String, String> {
        match e {
            Expr::Compare(a, op, b) => match (&**a, &**b) {
                (Expr::Term(t), Expr::Number(n)) => Ok(format!("{} {} {}", self.term(t, used)?, op_text(*op), number(*n))),
                (Expr::Number(n), Expr::Term(t)) => {
                    Ok(format!("{} {} {}", self.term(t, used)?, op_text(flip(*op)), number(*n)))
                }
                _ => Err("PromQL filters a series against a number; this comparison is of two terms or two numbers".into()),
            },
            Expr::And(a, b) => Ok(format!(
                "(\n  {}\n)\nand ignoring (slogate_window)\n(\n  {}\n)",
                indent(&self.condition(a, alerts, used)?),
                indent(&self.condition(b, alerts, used)?)
            )),
            Expr::Or(a, b) => Ok(format!(
                "(\n  {}\n)\nor ignoring (slogate_window)\n(\n  {}\n)",
                indent(&self.condition(a, alerts, used)?),
                indent(&self.condition(b, alerts, used)?)
            )),
            Expr::Not(_) => Err(
                "`not`: PromQL's `unless` and `absent` cannot tell an instance without data from one where the condition is false"
                    .into(),
            ),
            Expr::Term(Term::Alert(name)) => match alerts.iter().find(|(a, _)| &a.name == name) {
                // Held (`for`): firing is Prometheus' state, which only its
                // ALERTS series has; the burn alerts come first in the
                // group, so a rule evaluated after them reads this step's.
                Some((a, Ok(_))) if a.hold > 0 => Ok(format!(
                    "max without (alertname, alertstate, slogate_alert, severity) (\n  {}\n)",
                    self.series(
                        "ALERTS",
                        &[
                            ("alertname", ALERT_BURN),
                            ("alertstate", "firing"),
                            ("slogate_alert", &a.name),
                        ],
                    )
                )),
                Some((a, Ok(expr))) => {
                    for pair in &a.windows {
                        used.windows.extend(pair.windows());
                    }
                    Ok(expr.clone())
                }
                Some((_, Err(reason))) => Err(format!("alert({name}) is not exported: {reason}")),
                None => Err(format!("the SLO has no alert named \"{name}\"")),
            },
            Expr::Term(_) | Expr::Number(_) => Err("a bare number or term is not a condition PromQL can alert on".into()),
        }
    }

    /// A term as this SLO's recorded series.
    fn term(&self, t: &Term, used: &mut Used) -> Result<String, String> {
        let window = |w: Millis| self.window(w);
        let rolling = |what: &str| {
            self.period.ok_or_else(|| {
                format!("{what} on a calendar window: the window starts at the calendar period's start, which PromQL's fixed ranges cannot follow")
            })
        };
        Ok(match t {
            Term::BurnRate(w) => {
                let w = window(*w)?;
                used.windows.insert(w);
                self.series(BURN_RATE, &[("slogate_window", &duration(w))])
            }
            Term::SliIn(w) => {
                let w = window(*w)?;
                used.windows.insert(w);
                used.sli.insert(w);
                self.series(SLI, &[("slogate_window", &duration(w))])
            }
            Term::Sli => {
                let p = rolling("sli")?;
                used.sli.insert(p);
                self.series(SLI, &[("slogate_window", &duration(p))])
            }
            Term::Remaining => {
                rolling("remaining")?;
                self.series(REMAINING, &[])
            }
            Term::Consumed => {
                let p = rolling("consumed")?;
                self.series(CONSUMED, &[("slogate_window", &duration(p))])
            }
            Term::ConsumedIn(w) => {
                rolling("consumed(W)")?;
                let w = window(*w)?;
                used.windows.insert(w);
                used.consumed.insert(w);
                self.series(CONSUMED, &[("slogate_window", &duration(w))])
            }
            Term::TimeToExhaustion => {
                return Err("time_to_exhaustion: its \"never\" (no burn) and no data have no PromQL counterpart".into())
            }
            Term::Coverage => return Err("coverage: PromQL does not know which time had data for every role".into()),
            Term::Alert(_) => return Err("alert(NAME) is a condition, not a number".into()),
        })
    }
}

/// The windows a policy rule reads, for the recording rules it needs.
#[derive(Default)]
struct Used {
    windows: BTreeSet<Millis>,
    sli: BTreeSet<Millis>,
    consumed: BTreeSet<Millis>,
}

fn multiple(w: Millis, interval: Millis) -> bool {
    w >= interval && w % interval == 0
}

fn op_text(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
        CmpOp::Eq => "==",
        CmpOp::Ne => "!=",
    }
}

/// `n op t` as `t flip(op) n`.
fn flip(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        other => other,
    }
}

/// Continuation lines indented by two spaces (the first is placed by the caller).
fn indent(text: &str) -> String {
    text.replace('\n', "\n  ")
}

fn indent2(text: &str) -> String {
    text.replace('\n', "\n    ")
}
