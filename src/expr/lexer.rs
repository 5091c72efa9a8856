//! Tokens of a `when` expression. Offsets are 0-based char offsets.

use super::CmpOp;
use super::ExprError;

/// One token and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    pub kind: Tok,
    /// 0-based char offset of the first char.
    pub offset: usize,
    /// The text as written, for messages.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    /// A plain number, e.g. `0.5`, `5`, `1e3`, `-1`.
    Number(f64),
    /// `50%`, already divided by 100.
    Percent(f64),
    /// A duration such as `3d` or `1h30m`, in milliseconds.
    Duration(i64),
    /// A name: a term, a keyword (`and`, `or`, `not`) or an alert name.
    /// Letters, digits, `_` and `-`, starting with a letter or `_`.
    Ident(String),
    Cmp(CmpOp),
    LParen,
    RParen,
}

/// Splits `text` into tokens. Errors point at the offending char and say
/// what to write instead (`&&` → `and`, `=` → `==`).
pub(crate) fn tokenize(text: &str) -> Result<Vec<Token>, ExprError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let err = |message: String| {
            Err(ExprError {
                offset: start,
                message,
            })
        };
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let next = chars.get(i + 1).copied();
        let kind = if c.is_ascii_digit()
            || (c == '.' && next.is_some_and(|n| n.is_ascii_digit()))
            || (c == '-' && next.is_some_and(|n| n.is_ascii_digit() || n == '.'))
        {
            let (kind, end) = number(&chars, i)?;
            i = end;
            kind
        } else if c.is_ascii_alphabetic() || c == '_' || beyond_ascii(c) {
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric()
                    || chars[i] == '_'
                    || chars[i] == '-'
                    || beyond_ascii(chars[i]))
            {
                i += 1;
            }
            Tok::Ident(chars[start..i].iter().collect())
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            match two.as_str() {
                "<=" | ">=" | "==" | "!=" => {
                    i += 2;
                    Tok::Cmp(CmpOp::parse(&two).unwrap_or(CmpOp::Eq))
                }
                "&&" => return err("write \"and\" instead of \"&&\"".into()),
                "||" => return err("write \"or\" instead of \"||\"".into()),
                _ => {
                    i += 1;
                    match c {
                        '<' => Tok::Cmp(CmpOp::Lt),
                        '>' => Tok::Cmp(CmpOp::Gt),
                        '(' => Tok::LParen,
                        ')' => Tok::RParen,
                        '=' => return err("write \"==\" to compare for equality".into()),
                        '!' => return err("write \"not\" instead of \"!\"".into()),
                        _ => {
                            return err(format!(
                                "unexpected \"{c}\": an expression compares terms with numbers, e.g. \"remaining < 50%\""
                            ))
                        }
                    }
                }
            }
        };
        out.push(Token {
            kind,
            offset: start,
            text: chars[start..i].iter().collect(),
        });
    }
    Ok(out)
}

/// Reads a number, percentage or duration starting at `start`; returns the
/// token and the offset after it.
fn number(chars: &[char], start: usize) -> Result<(Tok, usize), ExprError> {
    let mut i = start;
    if chars[i] == '-' {
        i += 1;
    }
    while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
        i += 1;
    }
    // An exponent: `e` followed by a digit, or by a sign and a digit.
    if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
        let after = chars.get(i + 1).copied();
        let after2 = chars.get(i + 2).copied();
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        if digit(after) || (matches!(after, Some('+' | '-')) && digit(after2)) {
            i += 2;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    let numeric: String = chars[start..i].iter().collect();
    if i < chars.len() && (chars[i].is_ascii_alphabetic() || beyond_ascii(chars[i])) {
        // A duration: the whole run of letters and digits, e.g. `1h30m`.
        while i < chars.len() && (chars[i].is_ascii_alphanumeric() || beyond_ascii(chars[i])) {
            i += 1;
        }
        let text: String = chars[start..i].iter().collect();
        return match crate::time::parse_duration(&text) {
            Ok(ms) => Ok((Tok::Duration(ms), i)),
            Err(message) => Err(ExprError {
                offset: start,
                message,
            }),
        };
    }
    let value: f64 = match crate::decimal::parse_f64(&numeric) {
        Some(v) if v.is_finite() => v,
        _ => {
            return Err(ExprError {
                offset: start,
                message: format!(
                    "\"{numeric}\" is not a number: write numbers like 5, 0.5, 1e3 or 50%"
                ),
            })
        }
    };
    if chars.get(i) == Some(&'%') {
        // The decimal written (99.9% is 0.999), as objectives read it.
        let fraction = crate::decimal::percent(&numeric).unwrap_or(value / 100.0);
        return Ok((Tok::Percent(fraction), i + 1));
    }
    Ok((Tok::Number(value), i))
}

/// A character past ASCII that is not white space: part of a word, as a
/// letter is. Terms, units and operators are ASCII; alert names may be any
/// text, and a stray symbol still ends in "unknown term". (Asking Unicode's
/// letter and digit tables instead costs the WebAssembly module ~1 KB.)
fn beyond_ascii(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Tok> {
        tokenize(text)
            .unwrap()
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    #[test]
    fn numbers_percentages_durations() {
        assert_eq!(
            kinds("0.5 5 1e3 50% 3d 1h30m -2"),
            vec![
                Tok::Number(0.5),
                Tok::Number(5.0),
                Tok::Number(1000.0),
                Tok::Percent(0.5),
                Tok::Duration(3 * crate::time::DAY),
                Tok::Duration(90 * crate::time::MINUTE),
                Tok::Number(-2.0),
            ]
        );
    }

    #[test]
    fn operators_and_names() {
        assert_eq!(
            kinds("alert(high-latency)<=>=!===>"),
            vec![
                Tok::Ident("alert".into()),
                Tok::LParen,
                Tok::Ident("high-latency".into()),
                Tok::RParen,
                Tok::Cmp(CmpOp::Le),
                Tok::Cmp(CmpOp::Ge),
                Tok::Cmp(CmpOp::Ne),
                Tok::Cmp(CmpOp::Eq),
                Tok::Cmp(CmpOp::Gt),
            ]
        );
    }

    #[test]
    fn teaching_errors() {
        let e = tokenize("a && b").unwrap_err();
        assert_eq!(
            (e.offset, e.message.as_str()),
            (2, "write \"and\" instead of \"&&\"")
        );
        let e = tokenize("remaining = 1").unwrap_err();
        assert_eq!(
            (e.offset, e.message.as_str()),
            (10, "write \"==\" to compare for equality")
        );
        let e = tokenize("x < 1.5h").unwrap_err();
        assert_eq!(e.offset, 4);
        assert!(e.message.contains("is not a duration"), "{}", e.message);
        let e = tokenize("x < 1..2").unwrap_err();
        assert!(
            e.message.contains("\"1..2\" is not a number"),
            "{}",
            e.message
        );
        assert_eq!(tokenize("remaining # 1").unwrap_err().offset, 10);
    }
}
