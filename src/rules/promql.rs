//! PromQL text: string literals, selectors, numbers and durations as
//! Prometheus reads them.

use crate::decimal::format_number;
use crate::time::{format_duration, Millis};

/// A PromQL double-quoted string literal of `text`: `\` and `"` escaped,
/// control characters as `\u` escapes, so no name from a policy can end the
/// string or the line. PromQL reads Go's escapes, which are YAML's too: one
/// quoting ([`crate::yaml_write::quoted`]) serves both.
pub fn string(text: &str) -> String {
    crate::yaml_write::quoted(text)
}

/// `metric{name="value",…}` with every value a string literal.
pub fn selector(metric: &str, labels: &[(&str, &str)]) -> String {
    let inner: Vec<String> = labels
        .iter()
        .map(|(k, v)| format!("{k}={}", string(v)))
        .collect();
    format!("{metric}{{{}}}", inner.join(", "))
}

/// A number as the engine's reports write it (the shortest digits that read
/// back as the same double: `14.4`, not `14.399999999999999`).
pub fn number(x: f64) -> String {
    format_number(x)
}

/// A duration PromQL reads: `5m`, `59m30s`, `1d`.
pub fn duration(ms: Millis) -> String {
    format_duration(ms)
}

/// `by (a, b)` for aggregations and `on (a, b)` for matching, from label names.
pub fn label_list(labels: &[String]) -> String {
    format!("({})", labels.join(", "))
}

/// Whether `name` is a valid Prometheus label name (`[a-zA-Z_][a-zA-Z0-9_]*`);
/// `groupBy` labels go into `by (…)` and `on (…)` unquoted.
pub fn is_label_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with("__")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{MINUTE, SECOND};

    #[test]
    fn strings_cannot_escape_their_quotes() {
        assert_eq!(string("api"), "\"api\"");
        assert_eq!(string("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(string("x\ny\u{1b}[31m"), "\"x\\ny\\u001b[31m\"");
    }

    #[test]
    fn selectors_numbers_durations() {
        assert_eq!(
            selector(
                "slogate:burn_rate",
                &[("slogate_slo", "a"), ("slogate_window", "1h")]
            ),
            "slogate:burn_rate{slogate_slo=\"a\", slogate_window=\"1h\"}"
        );
        assert_eq!(number(0.02 * 720.0), "14.4");
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(6.0), "6");
        assert_eq!(duration(59 * MINUTE + 30 * SECOND), "59m30s");
        assert_eq!(
            label_list(&["route".into(), "code".into()]),
            "(route, code)"
        );
    }

    #[test]
    fn label_names() {
        assert!(is_label_name("route"));
        assert!(is_label_name("_x1"));
        assert!(!is_label_name("1x"));
        assert!(!is_label_name("a-b"));
        assert!(!is_label_name("__name__"));
        assert!(!is_label_name(""));
    }
}
