//! Tests of parsing, type checking and Kleene evaluation.

use super::*;
use crate::time::{DAY, HOUR, MINUTE};

fn err(text: &str) -> (usize, String) {
    let e = parse(text).expect_err(text);
    (e.offset, e.message)
}

fn cmp(a: Expr, op: CmpOp, b: f64) -> Expr {
    Expr::Compare(Box::new(a), op, Box::new(Expr::Number(b)))
}

fn term(t: Term) -> Expr {
    Expr::Term(t)
}

#[test]
fn parses_the_spec_rules() {
    assert_eq!(
        parse("remaining < 50%").unwrap(),
        cmp(term(Term::Remaining), CmpOp::Lt, 0.5)
    );
    assert_eq!(
        parse("remaining <= 0").unwrap(),
        cmp(term(Term::Remaining), CmpOp::Le, 0.0)
    );
    assert_eq!(
        parse("burn_rate(30m) > 5").unwrap(),
        cmp(term(Term::BurnRate(30 * MINUTE)), CmpOp::Gt, 5.0)
    );
    assert_eq!(
        parse("consumed(3d) > 50%").unwrap(),
        cmp(term(Term::ConsumedIn(3 * DAY)), CmpOp::Gt, 0.5)
    );
    assert_eq!(
        parse("time_to_exhaustion < 1h30m").unwrap(),
        cmp(term(Term::TimeToExhaustion), CmpOp::Lt, 5400.0)
    );
    assert_eq!(
        parse("sli(1h) != 1e0").unwrap(),
        cmp(term(Term::SliIn(HOUR)), CmpOp::Ne, 1.0)
    );
    assert_eq!(
        parse("coverage >= 0.9").unwrap(),
        cmp(term(Term::Coverage), CmpOp::Ge, 0.9)
    );
    assert_eq!(
        parse("consumed == sli").unwrap(),
        Expr::Compare(
            Box::new(term(Term::Consumed)),
            CmpOp::Eq,
            Box::new(term(Term::Sli))
        )
    );
}

#[test]
fn precedence_not_and_or() {
    let a = || term(Term::Alert("page".into()));
    let b = || term(Term::Alert("ticket".into()));
    let c = || cmp(term(Term::Remaining), CmpOp::Lt, 0.1);
    // or < and < not
    assert_eq!(
        parse("not alert(page) or alert(ticket) and remaining < 10%").unwrap(),
        Expr::Or(
            Box::new(Expr::Not(Box::new(a()))),
            Box::new(Expr::And(Box::new(b()), Box::new(c())))
        )
    );
    assert_eq!(
        parse("(alert(page) or alert(ticket)) and (remaining) < 10%").unwrap(),
        Expr::And(
            Box::new(Expr::Or(Box::new(a()), Box::new(b()))),
            Box::new(c())
        )
    );
    assert_eq!(
        parse("not not alert(page)").unwrap(),
        Expr::Not(Box::new(Expr::Not(Box::new(a()))))
    );
    assert_eq!(
        parse("alert(high-latency_2)").unwrap(),
        term(Term::Alert("high-latency_2".into()))
    );
}

#[test]
fn type_errors_teach_the_form() {
    assert_eq!(
        err("remaining"),
        (
            0,
            "remaining is a number: compare it, e.g. \"remaining < 50%\"".into()
        )
    );
    assert_eq!(
        err("burn_rate(1h)"),
        (
            0,
            "burn_rate(1h) is a number: compare it, e.g. \"burn_rate(1h) > 14.4\"".into()
        )
    );
    assert_eq!(
        err("alert(page) and coverage"),
        (
            16,
            "coverage is a number: compare it, e.g. \"coverage < 90%\"".into()
        )
    );
    assert_eq!(
        err("50%"),
        (
            0,
            "50% is a number: compare a term with it, e.g. \"remaining < 50%\"".into()
        )
    );
    let (offset, message) = err("alert(page) > 1");
    assert_eq!(offset, 0);
    assert!(
        message.starts_with("alert(page) is true or false, it cannot be compared with \">\""),
        "{message}"
    );
    assert_eq!(err("(remaining < 1) < 2").0, 0);
}

#[test]
fn term_errors() {
    assert_eq!(
        err("burnrate(1h) > 2"),
        (
            0,
            "unknown term \"burnrate\" (did you mean \"burn_rate(W)\"?)".into()
        )
    );
    assert_eq!(
        err("remainig < 1"),
        (
            0,
            "unknown term \"remainig\" (did you mean \"remaining\"?)".into()
        )
    );
    let (_, m) = err("xyzzy < 1");
    assert!(
        m.starts_with(
            "unknown term \"xyzzy\": the terms are remaining, consumed, consumed(W), burn_rate(W)"
        ),
        "{m}"
    );
    assert_eq!(
        err("burn_rate > 2"),
        (0, "burn_rate needs a window, e.g. burn_rate(1h)".into())
    );
    assert_eq!(
        err("burn_rate(5) > 2"),
        (
            10,
            "5 is not a window: write a duration such as burn_rate(1h)".into()
        )
    );
    assert_eq!(
        err("consumed(3d > 1"),
        (
            12,
            "expected \")\", found \">\" (write it like consumed(1h))".into()
        )
    );
    assert_eq!(
        err("remaining(1h) < 1").1,
        "remaining takes no window; for the budget spent within a window write consumed(W)"
    );
    assert_eq!(
        err("alert > 1"),
        (
            0,
            "alert needs the name of an alert, e.g. alert(page)".into()
        )
    );
    assert_eq!(
        err("alert(5m)").1,
        "expected an alert name such as alert(page), found \"5m\""
    );
    assert_eq!(
        err("Remaining < 1").1,
        "unknown term \"Remaining\" (did you mean \"remaining\"?)"
    );
    assert_eq!(
        err("alert(page) AND alert(x)").1,
        "unexpected \"AND\" after a complete condition: join conditions with \"and\" or \"or\""
    );
}

#[test]
fn syntax_errors_carry_offsets() {
    assert_eq!(
        err("remaining <"),
        (11, "expected a value after \"<\"".into())
    );
    assert_eq!(
        err("remaining < and alert(x)"),
        (12, "expected a value after \"<\"".into())
    );
    assert_eq!(err("remaining < 1 <= 2").0, 14);
    assert!(err("remaining < 1 <= 2")
        .1
        .starts_with("comparisons cannot be chained"));
    assert_eq!(
        err("(remaining < 1"),
        (14, "missing \")\" to close the \"(\" at offset 0".into())
    );
    assert_eq!(err("remaining < 1)"), (13, "unmatched \")\"".into()));
    assert_eq!(
        err("alert(page) and"),
        (15, "expected a condition after \"and\"".into())
    );
    assert_eq!(err("not"), (3, "expected a condition after \"not\"".into()));
    assert_eq!(
        err("   ").1,
        "the expression is empty: write a condition such as \"remaining < 50%\""
    );
    assert_eq!(
        err("< 5"),
        (
            0,
            "expected a value before \"<\", e.g. \"remaining < 50%\"".into()
        )
    );
    // Offsets are in chars, not bytes.
    assert_eq!(err("(\u{e9}\u{e9} < 1").0, 1);
}

#[test]
fn nesting_is_capped_and_nothing_panics() {
    let deep = format!("{}alert(a){}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(err(&deep).1.contains("nested too deeply"));
    let nots = format!("{}alert(a)", "not ".repeat(10_000));
    assert!(err(&nots).1.contains("nested too deeply"));
    let ok = format!("{}alert(a){}", "(".repeat(60), ")".repeat(60));
    assert!(parse(&ok).is_ok());
    // A long flat chain is fine (loops, not recursion).
    let chain = vec!["alert(a)"; 5000].join(" or ");
    assert!(parse(&chain).is_ok());
    for text in [
        "(",
        ")",
        "((",
        "not (",
        "alert(",
        "alert()",
        "burn_rate(",
        "1e",
        "-",
        "--1",
        "1%%",
        "%",
        "\u{0}",
        "\u{10FFFF}<1",
        "remaining < 1e999",
    ] {
        let _ = parse(text);
    }
}

/// An environment from a list of term values.
struct Fixed(Vec<(Term, Value)>);

impl Env for Fixed {
    fn term(&self, term: &Term) -> Value {
        self.0
            .iter()
            .find(|(t, _)| t == term)
            .map(|(_, v)| *v)
            .unwrap_or(Value::Number(None))
    }
}

fn run(text: &str, env: &Fixed) -> Outcome {
    evaluate(&parse(text).unwrap(), env)
}

#[test]
fn evaluates_comparisons_and_reports_the_value() {
    let env = Fixed(vec![
        (Term::Remaining, Value::Number(Some(0.3))),
        (Term::BurnRate(HOUR), Value::Number(Some(2.0))),
    ]);
    assert_eq!(
        run("remaining < 50%", &env),
        Outcome {
            truth: Some(true),
            value: Some(0.3)
        }
    );
    assert_eq!(
        run("remaining < 10%", &env),
        Outcome {
            truth: Some(false),
            value: None
        }
    );
    assert_eq!(
        run("remaining < 10% or burn_rate(1h) > 1", &env),
        Outcome {
            truth: Some(true),
            value: Some(2.0)
        }
    );
    assert_eq!(
        run("burn_rate(1h) > 1 and remaining < 50%", &env),
        Outcome {
            truth: Some(true),
            value: Some(2.0)
        }
    );
    assert_eq!(
        run("not remaining < 10%", &env),
        Outcome {
            truth: Some(true),
            value: None
        }
    );
}

#[test]
fn kleene_logic_with_no_data() {
    let env = Fixed(vec![
        (Term::Remaining, Value::Number(Some(0.3))),
        (Term::Sli, Value::Number(Some(f64::NAN))),
    ]);
    // `consumed` has no data; NaN counts as no data.
    assert_eq!(run("consumed > 1", &env).truth, None);
    assert_eq!(run("sli < 1", &env).truth, None);
    assert_eq!(run("not consumed > 1", &env).truth, None);
    assert_eq!(
        run("consumed > 1 and remaining > 1", &env).truth,
        Some(false)
    );
    assert_eq!(
        run("remaining > 1 and consumed > 1", &env).truth,
        Some(false)
    );
    assert_eq!(run("remaining < 1 and consumed > 1", &env).truth, None);
    assert_eq!(
        run("consumed > 1 or remaining < 1", &env),
        Outcome {
            truth: Some(true),
            value: Some(0.3)
        }
    );
    assert_eq!(run("consumed > 1 or remaining > 1", &env).truth, None);
    assert_eq!(run("alert(page) or remaining > 1", &env).truth, None);
    let firing = Fixed(vec![(Term::Alert("page".into()), Value::Truth(Some(true)))]);
    assert_eq!(
        run("alert(page) or remaining > 1", &firing),
        Outcome {
            truth: Some(true),
            value: None
        }
    );
    assert_eq!(run("not alert(page)", &firing).truth, Some(false));
}

#[test]
fn infinity_compares_as_a_number() {
    let never = Fixed(vec![(
        Term::TimeToExhaustion,
        Value::Number(Some(f64::INFINITY)),
    )]);
    assert_eq!(run("time_to_exhaustion < 3d", &never).truth, Some(false));
    assert_eq!(
        run("time_to_exhaustion > 3d", &never),
        Outcome {
            truth: Some(true),
            value: Some(f64::INFINITY)
        }
    );
}
