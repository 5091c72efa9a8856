//! The error-budget policy: which rules match, and so which level applies
//! (docs/arithmetic.md §11).

use super::Ledger;
use crate::expr::{evaluate, Env, Outcome, Term, Value};
use crate::policy::{Alert, Policy, Rule};
use crate::report::Reason;

/// The value of every term a rule may name (docs/policy.md), for one
/// instance at one instant: the report's, or a burn-down point's.
pub struct TermValues<'a> {
    /// The SLO's index in the policy: only the rules that apply to it count.
    pub slo: usize,
    pub ledger: &'a Ledger<'a>,
    pub remaining_ratio: Option<f64>,
    pub sli: Option<f64>,
    /// +∞ means never.
    pub tte: Option<f64>,
    pub coverage: Option<f64>,
    /// The SLO's alerts and whether each fires.
    pub alerts: &'a [Alert],
    pub firing: &'a [bool],
}

impl Env for TermValues<'_> {
    fn term(&self, term: &Term) -> Value {
        let n = Value::Number;
        match term {
            Term::Remaining => n(self.remaining_ratio),
            Term::Consumed => n(self.remaining_ratio.map(|r| 1.0 - r)),
            Term::ConsumedIn(w) => n(self.ledger.consumed_in(*w)),
            Term::BurnRate(w) => n(self.ledger.burn_rate(*w)),
            Term::Sli => n(self.sli),
            Term::SliIn(w) => n(self.ledger.sli_over(*w)),
            Term::TimeToExhaustion => n(self.tte),
            Term::Coverage => n(self.coverage),
            Term::Alert(name) => Value::Truth(
                self.alerts
                    .iter()
                    .position(|a| &a.name == name)
                    .and_then(|i| self.firing.get(i).copied()),
            ),
        }
    }
}

/// The instance's level and every matched rule, in document order.
pub fn judge(policy: &Policy, figures: &TermValues) -> (String, Vec<Reason>) {
    let mut reasons = Vec::new();
    let level = rules_held(policy, figures, |rule, outcome| {
        if let Some(outcome) = outcome {
            reasons.push(Reason {
                level: policy.levels[rule.level].clone(),
                when: rule.when_text.clone(),
                value: outcome.value.filter(|v| v.is_finite()),
                action: rule.action.clone(),
            });
        }
    });
    (
        policy.levels.get(level).cloned().unwrap_or_default(),
        reasons,
    )
}

/// The level (its index in the policy's levels) and, per rule, whether it
/// matched: [`judge`] without building the reasons, for every burn-down
/// point of the level timeline.
pub fn level_of(policy: &Policy, figures: &TermValues, matched: &mut Vec<bool>) -> usize {
    matched.clear();
    rules_held(policy, figures, |_, outcome| {
        matched.push(outcome.is_some())
    })
}

/// Evaluates every rule in document order, telling `each` the rule and its
/// outcome when it held; the level is the highest held rule's (0 if none).
fn rules_held(
    policy: &Policy,
    figures: &TermValues,
    mut each: impl FnMut(&Rule, Option<Outcome>),
) -> usize {
    let mut level = 0;
    for rule in &policy.rules {
        // A rule scoped to other SLOs is not evaluated and never matches.
        if !rule.applies_to(figures.slo) {
            each(rule, None);
            continue;
        }
        let outcome = evaluate(&rule.when, figures);
        let held = outcome.truth == Some(true);
        if held {
            level = level.max(rule.level);
        }
        each(rule, held.then_some(outcome));
    }
    level
}
