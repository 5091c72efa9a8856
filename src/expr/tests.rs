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

const TOO_DEEP: &str =
    "the expression is nested too deeply: more than 64 levels of parentheses and \"not\"";
const TOO_LONG: &str = "the expression is too long: more than 1000 conditions (comparisons and alert(NAME) terms); conditions joined by \"or\" can be split into several rules of the same level";

#[test]
fn nesting_is_capped() {
    assert_eq!(MAX_DEPTH, 64);
    let parens = |n: usize| format!("{}alert(a){}", "(".repeat(n), ")".repeat(n));
    assert!(parse(&parens(MAX_DEPTH)).is_ok());
    // The error points at the first "(" too many.
    assert_eq!(err(&parens(MAX_DEPTH + 1)), (MAX_DEPTH, TOO_DEEP.into()));
    assert_eq!(err(&parens(100_000)), (MAX_DEPTH, TOO_DEEP.into()));
    let nots = |n: usize| format!("{}alert(a)", "not ".repeat(n));
    assert!(parse(&nots(MAX_DEPTH)).is_ok());
    assert_eq!(err(&nots(MAX_DEPTH + 1)), (4 * MAX_DEPTH, TOO_DEEP.into()));
    // Parentheses and `not` count together.
    let mixed = format!("{}{}", "not (".repeat(33), "alert(a)");
    assert_eq!(err(&mixed).1, TOO_DEEP);
}

/// A chain of `n` conditions joined by `keyword`: condition i is
/// `consumed({i+1}m) >= 50%`, 21 to 23 chars each.
fn chain(n: usize, keyword: &str) -> String {
    (1..=n)
        .map(|m| format!("consumed({m}m) >= 50%"))
        .collect::<Vec<_>>()
        .join(&format!(" {keyword} "))
}

#[test]
fn size_is_capped_at_the_condition_too_many() {
    assert_eq!(MAX_CONDITIONS, 1_000);
    assert!(parse(&chain(MAX_CONDITIONS, "or")).is_ok());
    assert!(parse(&chain(MAX_CONDITIONS, "and")).is_ok());
    let alerts = vec!["alert(a)"; MAX_CONDITIONS].join(" or ");
    assert!(parse(&alerts).is_ok());
    // The error points at condition 1,001: 12 chars per "alert(a) or ".
    for n in [MAX_CONDITIONS + 1, 20_000] {
        let alerts = vec!["alert(a)"; n].join(" or ");
        assert_eq!(err(&alerts), (12 * MAX_CONDITIONS, TOO_LONG.into()));
    }
    let long = chain(20_000, "or");
    let at = chain(MAX_CONDITIONS, "or").chars().count() + " or ".len();
    assert_eq!(err(&long), (at, TOO_LONG.into()));
    // Conditions count wherever they are: in parentheses, under `not`, in
    // `and`s and `or`s.
    let nested = format!(
        "({}) and not ({})",
        chain(MAX_CONDITIONS / 2, "or"),
        chain(MAX_CONDITIONS / 2 + 1, "and")
    );
    assert_eq!(err(&nested).1, TOO_LONG);
}

/// The depth of the tree: 1 for a leaf.
fn depth(e: &Expr) -> usize {
    1 + match e {
        Expr::Number(_) | Expr::Term(_) => 0,
        Expr::Compare(a, _, b) | Expr::And(a, b) | Expr::Or(a, b) => depth(a).max(depth(b)),
        Expr::Not(a) => depth(a),
    }
}

/// `consumed(W)` is W in minutes / 1000, or no data where `gaps` says so.
struct Consumed(fn(i64) -> bool);

impl Env for Consumed {
    fn term(&self, term: &Term) -> Value {
        match term {
            Term::ConsumedIn(w) if (self.0)(w / MINUTE) => Value::Number(None),
            Term::ConsumedIn(w) => Value::Number(Some((w / MINUTE) as f64 / 1000.0)),
            _ => Value::Number(None),
        }
    }
}

/// The chain as a left-leaning tree, `((a or b) or c) or …`, the way a
/// reader brackets it.
fn left_leaning(n: usize, keyword: &str) -> Expr {
    let mut conditions = (1..=n).map(|m| parse(&format!("consumed({m}m) >= 50%")).unwrap());
    let first = conditions.next().unwrap();
    conditions.fold(first, |acc, c| match keyword {
        "or" => Expr::Or(Box::new(acc), Box::new(c)),
        _ => Expr::And(Box::new(acc), Box::new(c)),
    })
}

#[test]
fn chains_are_shallow_and_evaluate_as_written() {
    for keyword in ["or", "and"] {
        let parsed = parse(&chain(MAX_CONDITIONS, keyword)).unwrap();
        // log2(1000) ≈ 10 levels of `or`, and a comparison's two.
        assert!(depth(&parsed) <= 12, "{keyword}: {}", depth(&parsed));
        assert_eq!(terms(&parsed).len(), MAX_CONDITIONS);
        assert_eq!(terms(&parsed)[0], &Term::ConsumedIn(MINUTE));
        assert_eq!(terms(&parsed)[999], &Term::ConsumedIn(1000 * MINUTE));
        let reference = left_leaning(MAX_CONDITIONS, keyword);
        let gaps: [fn(i64) -> bool; 4] = [|_| false, |m| m % 3 == 0, |m| m >= 500, |m| m != 1000];
        for gap in gaps {
            let env = Consumed(gap);
            assert_eq!(
                evaluate(&parsed, &env),
                evaluate(&reference, &env),
                "{keyword}"
            );
        }
    }
    // The first comparison that holds is consumed(500m) >= 50%.
    let or = parse(&chain(MAX_CONDITIONS, "or")).unwrap();
    assert_eq!(
        evaluate(&or, &Consumed(|_| false)),
        Outcome {
            truth: Some(true),
            value: Some(0.5)
        }
    );
    let and = parse(&chain(MAX_CONDITIONS, "and")).unwrap();
    assert_eq!(evaluate(&and, &Consumed(|_| false)).truth, Some(false));
    // Unknown up to 999 minutes, and only the last holds: `or` is true with
    // the last value, `and` unknown.
    assert_eq!(
        evaluate(&or, &Consumed(|m| m != 1000)),
        Outcome {
            truth: Some(true),
            value: Some(1.0)
        }
    );
    assert_eq!(evaluate(&and, &Consumed(|m| m != 1000)).truth, None);
}

#[test]
fn nothing_panics() {
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

#[test]
fn windowed_terms_say_their_window() {
    assert_eq!(Term::BurnRate(HOUR).window(), Some(("burn_rate", HOUR)));
    assert_eq!(Term::SliIn(5 * MINUTE).window(), Some(("sli", 5 * MINUTE)));
    assert_eq!(Term::ConsumedIn(HOUR).window(), Some(("consumed", HOUR)));
    for t in [
        Term::Remaining,
        Term::Consumed,
        Term::Sli,
        Term::TimeToExhaustion,
        Term::Coverage,
    ] {
        assert_eq!(t.window(), None, "{t:?}");
    }
    assert_eq!(Term::Alert("page".into()).window(), None);
}
