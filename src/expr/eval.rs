//! Kleene three-valued evaluation of a parsed expression.

use super::{Env, Expr, Outcome, Value};

/// Evaluates `expr` left to right (every operand, no short-circuit, so the
/// reported value is always the leftmost comparison that held).
pub(crate) fn evaluate(expr: &Expr, env: &dyn Env) -> Outcome {
    let mut value = None;
    let truth = truth(expr, env, &mut value);
    Outcome { truth, value }
}

/// The truth of `expr`; records in `held` the left-hand value of the first
/// comparison that held. The parser caps nesting and builds chains balanced,
/// so the recursion is shallow (see [`super::parser`]).
fn truth(expr: &Expr, env: &dyn Env, held: &mut Option<f64>) -> Option<bool> {
    match expr {
        Expr::Compare(a, op, b) => {
            let (a, b) = (number(a, env)?, number(b, env)?);
            let result = op.holds(a, b);
            if result && held.is_none() {
                *held = Some(a);
            }
            Some(result)
        }
        Expr::And(a, b) => match (truth(a, env, held), truth(b, env, held)) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        },
        Expr::Or(a, b) => match (truth(a, env, held), truth(b, env, held)) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        },
        Expr::Not(a) => truth(a, env, held).map(|t| !t),
        Expr::Term(t) => match env.term(t) {
            Value::Truth(v) => v,
            Value::Number(_) => None,
        },
        Expr::Number(_) => None,
    }
}

/// A number operand; `None` for no data (NaN counts as no data; ±∞ are
/// numbers and compare as such).
fn number(expr: &Expr, env: &dyn Env) -> Option<f64> {
    let v = match expr {
        Expr::Number(v) => Some(*v),
        Expr::Term(t) => match env.term(t) {
            Value::Number(v) => v,
            Value::Truth(_) => None,
        },
        _ => None,
    };
    v.filter(|v| !v.is_nan())
}
