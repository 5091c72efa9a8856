//! Text from a policy or a server, made safe for a terminal.
//!
//! SLO names, actions, levels, rule text, label values, Prometheus error
//! bodies and bad CSV values are written to a terminal by the text report
//! and by the CLI's messages. A raw ESC there can recolour the screen, move
//! the cursor or set the window title; a CR or LF forges a report line; a
//! bidi override (U+202E) shows text in another order than it is. So every
//! such character is written as a visible escape, the way Rust's `{:?}`
//! writes it: `\u{1b}`, `\r`, `\n`, `\t`, `\u{202e}`.
//!
//! Escaped ([`is_unsafe`]): the control characters (C0, DEL, C1), the line
//! and paragraph separators, and the format characters (Unicode category
//! Cf: bidi embeddings, overrides, isolates and marks, zero-width spaces,
//! invisible operators, the BOM, interlinear annotations), except the
//! zero-width (non-)joiner and the tag characters that scripts and emoji
//! sequences are made of. Everything else is written as it is, backslashes
//! included: `{:?}`-style quoting, where a backslash is doubled, is
//! [`quote`].
//!
//! The JSON report needs none of this: JSON escapes control characters
//! itself.

use std::borrow::Cow;

/// `text` with every unsafe character escaped; borrowed when there is none.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_char(&mut out, c);
    }
    Cow::Owned(out)
}

/// `"text"`, with `"` and `\` escaped as well: a label value between quotes
/// that cannot end its quotes early (`a="x", b="y"` stays one value).
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => push_char(&mut out, c),
        }
    }
    out.push('"');
    out
}

/// Whether `c` must not reach a terminal as it is (see the module docs).
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        // C0 controls (ESC, BEL, CR, LF, TAB, ...), DEL, C1 controls (CSI is U+9B).
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // Line and paragraph separators: a new line to many terminals and editors.
        | '\u{2028}' | '\u{2029}'
        // Format characters (Cf, Unicode 16) but U+200C/U+200D and the tags
        // U+E0020..U+E007F: soft hyphen, Arabic and Syriac marks, ALM
        // (U+061C), zero-width space, LRM/RLM, the embeddings and overrides
        // U+202A..U+202E, word joiner and invisible operators, the isolates
        // U+2066..U+2069 and deprecated shaping controls, BOM, interlinear
        // annotations, and the Kaithi, Egyptian, shorthand, musical and
        // language-tag format characters.
        | '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}'
        | '\u{890}'..='\u{891}' | '\u{8e2}' | '\u{180e}' | '\u{200b}'
        | '\u{200e}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
        | '\u{110bd}' | '\u{110cd}' | '\u{13430}'..='\u{1343f}'
        | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}' | '\u{e0001}'
    )
}

fn push_char(out: &mut String, c: char) {
    if !is_unsafe(c) {
        out.push(c);
        return;
    }
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        _ => out.extend(c.escape_unicode()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_become_visible_escapes() {
        assert_eq!(
            escape("a\u{1b}[2J\u{7}b\r\nc\td\u{0}"),
            "a\\u{1b}[2J\\u{7}b\\r\\nc\\td\\u{0}"
        );
        assert_eq!(escape("\u{9b}31m \u{7f}"), "\\u{9b}31m \\u{7f}");
        assert_eq!(
            escape("user\u{202e}gnp.exe \u{2066}x\u{2069} \u{200f}"),
            "user\\u{202e}gnp.exe \\u{2066}x\\u{2069} \\u{200f}"
        );
        assert_eq!(escape("a\u{2028}b\u{2029}"), "a\\u{2028}b\\u{2029}");
        assert_eq!(
            escape("\u{feff}\u{200b}\u{ad}"),
            "\\u{feff}\\u{200b}\\u{ad}"
        );
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        // Accents, CJK, emoji with joiners, a flag with tags, backslashes.
        for text in [
            "availability",
            "Café résumé → 日本語",
            "👩\u{200d}💻 family 👨\u{200d}👩\u{200d}👧",
            "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
            "C:\\deploy \\u{1b} \"quoted\"",
            "\u{a0}nbsp\u{3000}",
        ] {
            assert!(
                matches!(escape(text), Cow::Borrowed(t) if t == text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn quoting_escapes_quotes_and_backslashes_too() {
        assert_eq!(quote("eu"), "\"eu\"");
        assert_eq!(quote("x\", b=\"y"), "\"x\\\", b=\\\"y\"");
        assert_eq!(quote("a\\b\u{1b}"), "\"a\\\\b\\u{1b}\"");
    }

    #[test]
    fn every_control_and_format_character_is_caught() {
        // Cc and the separators by their properties; the Cf list is checked
        // by the cases above and by std's own view: whatever `is_unsafe`
        // escapes, `{:?}` escapes too.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                assert!(is_unsafe(c), "{c:?}");
            }
            if is_unsafe(c) {
                assert_ne!(c.escape_debug().next(), Some(c), "{c:?}");
            }
        }
    }
}
