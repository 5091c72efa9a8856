//! Recursive-descent parser and type checker for `when` expressions.
//!
//! Every node is parsed together with its type (a number or a truth), so
//! type errors are reported where they are made, with the form to write.
//!
//! Bounded, so that no text can exhaust the stack or take long, natively or
//! in WebAssembly (whose stack is far smaller): nesting is capped at
//! [`MAX_DEPTH`], the size at [`MAX_CONDITIONS`], and a chain `a or b or …`
//! is built as a balanced tree ([`join`]), so the evaluator's recursion is
//! about log2 of a chain's length deep, not its length.

use super::lexer::{tokenize, Tok, Token};
use super::{Expr, ExprError, Term};
use crate::suggest;
use crate::time::format_duration;

/// The deepest nesting of parentheses and `not` an expression may have.
pub const MAX_DEPTH: usize = 64;

/// The most conditions (comparisons and `alert(NAME)` terms) one expression
/// may hold: a real rule has a handful.
pub const MAX_CONDITIONS: usize = 1_000;

/// The names of every term, as users write them (for suggestions).
const TERM_FORMS: [&str; 9] = [
    "remaining",
    "consumed",
    "consumed(W)",
    "burn_rate(W)",
    "sli",
    "sli(W)",
    "time_to_exhaustion",
    "coverage",
    "alert(NAME)",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Type {
    Number,
    Truth,
}

/// A typed node and the chars `offset..end` of the source it spans, for
/// messages. The text itself is only copied out for a message: copying it
/// for every node of a chain would cost the square of the chain's length.
struct Typed {
    expr: Expr,
    ty: Type,
    offset: usize,
    end: usize,
}

pub(crate) fn parse(text: &str) -> Result<Expr, ExprError> {
    let tokens = tokenize(text)?;
    if tokens.is_empty() {
        return Err(ExprError {
            offset: 0,
            message: "the expression is empty: write a condition such as \"remaining < 50%\""
                .into(),
        });
    }
    let mut p = Parser {
        text,
        tokens,
        pos: 0,
        depth: 0,
        conditions: 0,
    };
    let node = p.or()?;
    if let Some(t) = p.peek() {
        let message = match t.kind {
            Tok::RParen => "unmatched \")\"".to_string(),
            Tok::Cmp(_) => format!(
                "comparisons cannot be chained: join them with \"and\", e.g. \"{} and ...\"",
                p.source(&node)
            ),
            _ => format!(
                "unexpected \"{}\" after a complete condition: join conditions with \"and\" or \"or\"",
                t.text
            ),
        };
        return Err(ExprError {
            offset: t.offset,
            message,
        });
    }
    p.expect_truth(&node)?;
    Ok(node.expr)
}

struct Parser<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    /// Conditions parsed so far, against [`MAX_CONDITIONS`].
    conditions: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        if t.is_some() {
            self.pos += 1;
        }
        t
    }

    fn is_keyword(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Token { kind: Tok::Ident(w), .. }) if w == word)
    }

    /// Offset just after the last token consumed (or the end of the text).
    fn end_offset(&self) -> usize {
        match self.pos.checked_sub(1).and_then(|i| self.tokens.get(i)) {
            Some(t) => t.offset + t.text.chars().count(),
            None => 0,
        }
    }

    /// The source text a node spans, for messages.
    fn source(&self, node: &Typed) -> String {
        self.text
            .chars()
            .skip(node.offset)
            .take(node.end.saturating_sub(node.offset))
            .collect()
    }

    fn enter(&mut self, offset: usize) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ExprError {
                offset,
                message: format!(
                    "the expression is nested too deeply: more than {MAX_DEPTH} levels of parentheses and \"not\""
                ),
            });
        }
        Ok(())
    }

    /// Counts a condition starting at `offset` against [`MAX_CONDITIONS`].
    fn condition(&mut self, offset: usize) -> Result<(), ExprError> {
        self.conditions += 1;
        if self.conditions > MAX_CONDITIONS {
            return Err(ExprError {
                offset,
                message: format!(
                    "the expression is too long: more than {MAX_CONDITIONS} conditions (comparisons and alert(NAME) terms); conditions joined by \"or\" can be split into several rules of the same level"
                ),
            });
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Typed, ExprError> {
        self.binary("or", Parser::and, Expr::Or)
    }

    fn and(&mut self) -> Result<Typed, ExprError> {
        self.binary("and", Parser::not, Expr::And)
    }

    fn binary(
        &mut self,
        keyword: &str,
        operand: fn(&mut Self) -> Result<Typed, ExprError>,
        build: fn(Box<Expr>, Box<Expr>) -> Expr,
    ) -> Result<Typed, ExprError> {
        let first = operand(self)?;
        if !self.is_keyword(keyword) {
            return Ok(first);
        }
        self.expect_truth(&first)?;
        let mut rest = Vec::new();
        while self.is_keyword(keyword) {
            self.pos += 1;
            if self.peek().is_none() {
                return Err(ExprError {
                    offset: self.end_offset(),
                    message: format!("expected a condition after \"{keyword}\""),
                });
            }
            let right = operand(self)?;
            self.expect_truth(&right)?;
            rest.push(right.expr);
        }
        Ok(Typed {
            expr: join(first.expr, rest, build),
            ty: Type::Truth,
            offset: first.offset,
            end: self.end_offset(),
        })
    }

    fn not(&mut self) -> Result<Typed, ExprError> {
        if self.is_keyword("not") {
            let offset = self.next().map(|t| t.offset).unwrap_or(0);
            self.enter(offset)?;
            if self.peek().is_none() {
                return Err(ExprError {
                    offset: self.end_offset(),
                    message: "expected a condition after \"not\"".into(),
                });
            }
            let inner = self.not()?;
            self.depth -= 1;
            self.expect_truth(&inner)?;
            return Ok(Typed {
                expr: Expr::Not(Box::new(inner.expr)),
                ty: Type::Truth,
                offset,
                end: self.end_offset(),
            });
        }
        self.compare()
    }

    fn compare(&mut self) -> Result<Typed, ExprError> {
        let left = self.operand()?;
        let Some(Token {
            kind: Tok::Cmp(op),
            offset,
            text,
        }) = self.peek().cloned()
        else {
            return Ok(left);
        };
        self.pos += 1;
        self.expect_number(&left, &text)?;
        let missing = match self.peek().map(|t| &t.kind) {
            None | Some(Tok::RParen | Tok::Cmp(_)) => true,
            Some(Tok::Ident(w)) => w == "and" || w == "or",
            _ => false,
        };
        if missing {
            let at = self
                .peek()
                .map(|t| t.offset)
                .unwrap_or(offset + text.chars().count());
            return Err(ExprError {
                offset: at,
                message: format!("expected a value after \"{text}\""),
            });
        }
        let right = self.operand()?;
        self.expect_number(&right, &text)?;
        self.condition(left.offset)?;
        Ok(Typed {
            expr: Expr::Compare(Box::new(left.expr), op, Box::new(right.expr)),
            ty: Type::Truth,
            offset: left.offset,
            end: self.end_offset(),
        })
    }

    fn operand(&mut self) -> Result<Typed, ExprError> {
        let Some(token) = self.next() else {
            return Err(ExprError {
                offset: self.end_offset(),
                message: "the expression ends too early: expected a term, a number or \"(\"".into(),
            });
        };
        let end = self.end_offset();
        let number = |v: f64| {
            Ok(Typed {
                expr: Expr::Number(v),
                ty: Type::Number,
                offset: token.offset,
                end,
            })
        };
        match &token.kind {
            Tok::Number(v) | Tok::Percent(v) => number(*v),
            Tok::Duration(ms) => number(*ms as f64 / 1000.0),
            Tok::LParen => {
                self.enter(token.offset)?;
                let inner = self.or()?;
                self.depth -= 1;
                match self.next() {
                    Some(Token {
                        kind: Tok::RParen, ..
                    }) => Ok(Typed {
                        offset: token.offset,
                        end: self.end_offset(),
                        ..inner
                    }),
                    Some(t) => Err(ExprError {
                        offset: t.offset,
                        message: format!("expected \")\", found \"{}\"", t.text),
                    }),
                    None => Err(ExprError {
                        offset: self.end_offset(),
                        message: format!(
                            "missing \")\" to close the \"(\" at offset {}",
                            token.offset
                        ),
                    }),
                }
            }
            Tok::RParen => Err(ExprError {
                offset: token.offset,
                message: "expected a term, a number or \"(\" before \")\"".into(),
            }),
            Tok::Cmp(op) => Err(ExprError {
                offset: token.offset,
                message: format!(
                    "expected a value before \"{}\", e.g. \"remaining {} 50%\"",
                    op.as_str(),
                    op.as_str()
                ),
            }),
            Tok::Ident(name) => self.term(name, token.offset),
        }
    }

    fn term(&mut self, name: &str, offset: usize) -> Result<Typed, ExprError> {
        let err = |message: String| Err(ExprError { offset, message });
        let (term, ty) = match name {
            "remaining" | "time_to_exhaustion" | "coverage" => {
                if self.peek().is_some_and(|t| t.kind == Tok::LParen) {
                    let hint = if name == "remaining" {
                        "; for the budget spent within a window write consumed(W)"
                    } else {
                        ""
                    };
                    return err(format!("{name} takes no window{hint}"));
                }
                let term = match name {
                    "remaining" => Term::Remaining,
                    "coverage" => Term::Coverage,
                    _ => Term::TimeToExhaustion,
                };
                (term, Type::Number)
            }
            "consumed" => match self.optional_window(name)? {
                Some(w) => (Term::ConsumedIn(w), Type::Number),
                None => (Term::Consumed, Type::Number),
            },
            "sli" => match self.optional_window(name)? {
                Some(w) => (Term::SliIn(w), Type::Number),
                None => (Term::Sli, Type::Number),
            },
            "burn_rate" => match self.optional_window(name)? {
                Some(w) => (Term::BurnRate(w), Type::Number),
                None => return err("burn_rate needs a window, e.g. burn_rate(1h)".into()),
            },
            "alert" => {
                let name = self.alert_name(offset)?;
                self.condition(offset)?;
                (Term::Alert(name), Type::Truth)
            }
            "and" | "or" => return err(format!("expected a condition before \"{name}\"")),
            "not" => return err("\"not\" goes before a condition, e.g. \"not alert(page)\"".into()),
            _ => {
                let bases: Vec<&str> = TERM_FORMS
                    .iter()
                    .map(|f| f.split('(').next().unwrap_or(f))
                    .collect();
                let message = match suggest::closest(name, &bases) {
                    Some(base) => {
                        let form = TERM_FORMS
                            .iter()
                            .find(|f| f.split('(').next() == Some(base))
                            .unwrap_or(&base);
                        format!("unknown term \"{name}\" (did you mean \"{form}\"?)")
                    }
                    None => format!(
                        "unknown term \"{name}\": the terms are {}",
                        crate::join::join(&TERM_FORMS, ", ")
                    ),
                };
                return err(message);
            }
        };
        Ok(Typed {
            expr: Expr::Term(term),
            ty,
            offset,
            end: self.end_offset(),
        })
    }

    /// `(DURATION)` after a term, if present.
    fn optional_window(&mut self, name: &str) -> Result<Option<i64>, ExprError> {
        if !self.peek().is_some_and(|t| t.kind == Tok::LParen) {
            return Ok(None);
        }
        let open = self.next().map(|t| t.offset).unwrap_or(0);
        let example = format!("{name}(1h)");
        let window = match self.next() {
            Some(Token {
                kind: Tok::Duration(ms),
                ..
            }) => ms,
            Some(Token {
                offset,
                text,
                kind: Tok::Number(_) | Tok::Percent(_),
            }) => {
                return Err(ExprError {
                    offset,
                    message: format!("{text} is not a window: write a duration such as {example}"),
                })
            }
            Some(Token { offset, text, .. }) => {
                return Err(ExprError {
                    offset,
                    message: format!("expected a window such as {example}, found \"{text}\""),
                })
            }
            None => {
                return Err(ExprError {
                    offset: open + 1,
                    message: format!("{name} needs a window, e.g. {example}"),
                })
            }
        };
        self.close_paren(&example)?;
        Ok(Some(window))
    }

    fn alert_name(&mut self, offset: usize) -> Result<String, ExprError> {
        let example = "alert(page)";
        if !self.peek().is_some_and(|t| t.kind == Tok::LParen) {
            return Err(ExprError {
                offset,
                message: format!("alert needs the name of an alert, e.g. {example}"),
            });
        }
        self.pos += 1;
        let name = match self.next() {
            Some(Token {
                kind: Tok::Ident(n),
                ..
            }) => n,
            Some(Token { offset, text, .. }) => {
                return Err(ExprError {
                    offset,
                    message: format!("expected an alert name such as {example}, found \"{text}\""),
                })
            }
            None => {
                return Err(ExprError {
                    offset: self.end_offset(),
                    message: format!("alert needs the name of an alert, e.g. {example}"),
                })
            }
        };
        self.close_paren(example)?;
        Ok(name)
    }

    fn close_paren(&mut self, example: &str) -> Result<(), ExprError> {
        match self.next() {
            Some(Token {
                kind: Tok::RParen, ..
            }) => Ok(()),
            Some(t) => Err(ExprError {
                offset: t.offset,
                message: format!(
                    "expected \")\", found \"{}\" (write it like {example})",
                    t.text
                ),
            }),
            None => Err(ExprError {
                offset: self.end_offset(),
                message: format!("missing \")\" (write it like {example})"),
            }),
        }
    }

    fn expect_truth(&self, node: &Typed) -> Result<(), ExprError> {
        if node.ty == Type::Truth {
            return Ok(());
        }
        let text = self.source(node);
        let message = match &node.expr {
            Expr::Term(term) => format!(
                "{text} is a number: compare it, e.g. \"{text} {}\"",
                example_comparison(term)
            ),
            _ => format!("{text} is a number: compare a term with it, e.g. \"remaining < {text}\""),
        };
        Err(ExprError {
            offset: node.offset,
            message,
        })
    }

    fn expect_number(&self, node: &Typed, op: &str) -> Result<(), ExprError> {
        if node.ty == Type::Number {
            return Ok(());
        }
        let text = self.source(node);
        Err(ExprError {
            offset: node.offset,
            message: format!(
                "{text} is true or false, it cannot be compared with \"{op}\": use it as a condition, e.g. \"{text} and remaining < 50%\""
            ),
        })
    }
}

/// Joins `first` and `rest` with `build` as a balanced tree, pairing
/// neighbours level by level: `a or b or c or d` is `(a or b) or (c or d)`.
/// Kleene `and` and `or` are associative and the evaluator visits operands
/// left to right, so only the depth differs from a left-leaning tree: about
/// log2(n) instead of n (10 for [`MAX_CONDITIONS`]).
fn join(mut first: Expr, mut rest: Vec<Expr>, build: fn(Box<Expr>, Box<Expr>) -> Expr) -> Expr {
    while !rest.is_empty() {
        let mut items = rest.into_iter();
        if let Some(second) = items.next() {
            first = build(Box::new(first), Box::new(second));
        }
        let mut paired = Vec::with_capacity(items.len().div_ceil(2));
        while let Some(a) = items.next() {
            paired.push(match items.next() {
                Some(b) => build(Box::new(a), Box::new(b)),
                None => a,
            });
        }
        rest = paired;
    }
    first
}

/// The right-hand side of a typical comparison for `term`, for examples.
fn example_comparison(term: &Term) -> String {
    match term {
        Term::Remaining => "< 50%".into(),
        Term::Consumed | Term::ConsumedIn(_) => "> 50%".into(),
        Term::BurnRate(_) => "> 14.4".into(),
        Term::Sli | Term::SliIn(_) => "< 99.9%".into(),
        Term::TimeToExhaustion => format!("< {}", format_duration(3 * crate::time::DAY)),
        Term::Coverage => "< 90%".into(),
        Term::Alert(_) => "".into(),
    }
}

/// Every `alert(NAME)` in `text` with the char offset of NAME, for checking
/// alert names against the document. Empty when `text` does not tokenize.
pub(crate) fn alert_names(text: &str) -> Vec<(String, usize)> {
    let Ok(tokens) = tokenize(text) else {
        return Vec::new();
    };
    tokens
        .windows(3)
        .filter_map(|w| match (&w[0].kind, &w[1].kind, &w[2].kind) {
            (Tok::Ident(a), Tok::LParen, Tok::Ident(name)) if a == "alert" => {
                Some((name.clone(), w[2].offset))
            }
            _ => None,
        })
        .collect()
}
