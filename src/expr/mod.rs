//! Rule expressions: the `when` of an error-budget policy rule.
//!
//! The AST below is the contract with the evaluator in [`crate::eval`];
//! docs/policy.md § Rule expressions is the reference users read.
//!
//! Grammar (lowest precedence first):
//! ```text
//! expr    := or
//! or      := and ("or" and)*
//! and     := not ("and" not)*
//! not     := "not" not | cmp
//! cmp     := operand (("<"|"<="|">"|">="|"=="|"!=") operand)?   -- must be boolean overall
//! operand := NUMBER | NUMBER "%" | DURATION | term | "(" expr ")"
//! term    := remaining | consumed | consumed(DUR) | burn_rate(DUR) | sli | sli(DUR)
//!          | time_to_exhaustion | coverage | alert(NAME)
//! ```
//! Percentages are fractions (`50%` = 0.5), the decimal written (`99.9%` is
//! the double nearest 0.999, as objectives read it; not 99.9 / 100, which is
//! 0.9990000000000001); durations are seconds (`3d` = 259200), so
//! `time_to_exhaustion < 3d` reads as written.

mod eval;
mod lexer;
mod parser;

#[cfg(test)]
mod tests;

pub(crate) use parser::alert_names;
pub use parser::{MAX_CONDITIONS, MAX_DEPTH};

use crate::time::Millis;

/// A term: a number (or for `alert`, a truth) the evaluator computes.
#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    /// Remaining budget as a share of the allowed budget.
    Remaining,
    /// Consumed budget as a share of the allowed budget (1 − remaining).
    Consumed,
    /// Budget consumed within the last W, as a share of the period's budget.
    ConsumedIn(Millis),
    BurnRate(Millis),
    /// The SLI over the whole SLO window.
    Sli,
    /// The SLI over the last W.
    SliIn(Millis),
    /// Seconds until the budget is exhausted at the forecast burn rate;
    /// infinite when the burn rate is zero.
    TimeToExhaustion,
    Coverage,
    /// Whether the named alert of the SLO fires.
    Alert(String),
}

impl Term {
    /// The window W a term reads over, with the term's name as written
    /// (`burn_rate` for `burn_rate(W)`); `None` for the terms over the whole
    /// SLO window and for alerts. Every place that needs a rule's windows
    /// asks this, so a new term is decided here, once, by the compiler.
    pub fn window(&self) -> Option<(&'static str, Millis)> {
        match self {
            Term::ConsumedIn(w) => Some(("consumed", *w)),
            Term::BurnRate(w) => Some(("burn_rate", *w)),
            Term::SliIn(w) => Some(("sli", *w)),
            Term::Remaining
            | Term::Consumed
            | Term::Sli
            | Term::TimeToExhaustion
            | Term::Coverage
            | Term::Alert(_) => None,
        }
    }
}

/// A parsed expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Number(f64),
    Term(Term),
    Compare(Box<Expr>, CmpOp, Box<Expr>),
    /// A chain `a and b and c …` is parsed as a balanced tree of these (and
    /// of `Or`), so its depth is about log2 of its length.
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
}

/// A comparison operator, in rule expressions and in SLI thresholds
/// (`policy::Sli::Threshold`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl CmpOp {
    pub fn parse(text: &str) -> Option<CmpOp> {
        Some(match text {
            "<" => CmpOp::Lt,
            "<=" => CmpOp::Le,
            ">" => CmpOp::Gt,
            ">=" => CmpOp::Ge,
            "==" => CmpOp::Eq,
            "!=" => CmpOp::Ne,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
        }
    }

    pub fn holds(self, a: f64, b: f64) -> bool {
        match self {
            CmpOp::Lt => a < b,
            CmpOp::Le => a <= b,
            CmpOp::Gt => a > b,
            CmpOp::Ge => a >= b,
            CmpOp::Eq => a == b,
            CmpOp::Ne => a != b,
        }
    }
}

/// A parse error: `offset` is the 0-based char offset in the expression text
/// where the problem is, so callers can point at the column.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprError {
    pub offset: usize,
    pub message: String,
}

/// What a term evaluates to. `None` is *no data*.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Number(Option<f64>),
    Truth(Option<bool>),
}

/// Supplies term values to [`evaluate`].
pub trait Env {
    fn term(&self, term: &Term) -> Value;
}

/// The outcome of a rule, with the number that decided it (the left-hand
/// value of the first comparison that held), for the report's `reasons`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome {
    /// Kleene logic: `None` when no data decides it.
    pub truth: Option<bool>,
    pub value: Option<f64>,
}

/// Parses and type-checks a `when` expression. The whole expression must be
/// boolean; a bare number or term (`remaining`) is an error that shows how
/// to compare it.
///
/// Limits, the same for the CLI and the WebAssembly module: nesting deeper
/// than [`MAX_DEPTH`] levels (parentheses and `not`) and more than
/// [`MAX_CONDITIONS`] conditions (comparisons and `alert(NAME)` terms) are
/// errors, so no input can exhaust the stack or take long; no input panics.
/// The cost is linear in the text's length.
pub fn parse(text: &str) -> Result<Expr, ExprError> {
    parser::parse(text)
}

/// Evaluates with Kleene three-valued logic: comparisons with no data are
/// unknown; `false and unknown` is false, `true or unknown` is true.
/// `not unknown` is unknown. A term with no data (`Value::Number(None)`,
/// NaN) makes its comparisons unknown; `+inf` (e.g. a time to exhaustion of
/// "never") compares as a number, so `time_to_exhaustion < 3d` is false.
///
/// [`Outcome::value`] is the left-hand value of the leftmost comparison that
/// held (every operand is evaluated, left to right), or `None` when none held.
pub fn evaluate(expr: &Expr, env: &dyn Env) -> Outcome {
    eval::evaluate(expr, env)
}

/// Every term an expression names (to know which windows to compute).
pub fn terms(expr: &Expr) -> Vec<&Term> {
    let mut out = Vec::new();
    fn walk<'a>(e: &'a Expr, out: &mut Vec<&'a Term>) {
        match e {
            Expr::Number(_) => {}
            Expr::Term(t) => out.push(t),
            Expr::Compare(a, _, b) | Expr::And(a, b) | Expr::Or(a, b) => {
                walk(a, out);
                walk(b, out);
            }
            Expr::Not(a) => walk(a, out),
        }
    }
    walk(expr, &mut out);
    out
}
