//! Writing YAML scalars that no text can break out of: the rule files of
//! `slogate rules` and the policies `slogate convert` writes both quote
//! every string that comes from a document with [`quoted`].

/// A double-quoted YAML scalar: `\`, `"` and every character YAML does not
/// print as itself (controls, the byte-order mark, line and paragraph
/// separators) escaped.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether YAML would not print `c` as itself in a scalar.
pub fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quoted("a: b # c"), "\"a: b # c\"");
        assert_eq!(quoted("x\u{7}\u{2028}\"\\"), "\"x\\u0007\\u2028\\\"\\\\\"");
    }
}
