//! Durations as users write them: `90s`, `5m`, `1h`, `28d`, `1w`, `1h30m`.
//!
//! Units: `ms`, `s`, `m`, `h`, `d` (24 h), `w` (7 d), as in Prometheus. A
//! duration is a sequence of `<integer><unit>` parts, largest unit first, each
//! unit at most once; `0` alone is not a duration (a window must have length).

use super::{Millis, DAY, HOUR, MINUTE, SECOND, WEEK};

const UNITS: [(&str, Millis); 6] = [
    ("w", WEEK),
    ("d", DAY),
    ("h", HOUR),
    ("m", MINUTE),
    ("s", SECOND),
    ("ms", 1),
];

/// Parses a positive duration such as `5m` or `1h30m`.
///
/// The error says what was expected, e.g. `"5 minutes" is not a duration: use
/// a number and a unit (ms, s, m, h, d, w), like 5m or 28d`.
pub fn parse_duration(text: &str) -> Result<Millis, String> {
    let bad = || {
        format!("\"{text}\" is not a duration: use a whole number and a unit (ms, s, m, h, d, w), like 5m, 1h30m or 28d")
    };
    let bytes = text.trim().as_bytes();
    if bytes.is_empty() {
        return Err(bad());
    }
    let mut total: Millis = 0;
    let mut i = 0;
    let mut last_rank: Option<usize> = None;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if start == i {
            return Err(bad());
        }
        let number: Millis = std::str::from_utf8(&bytes[start..i])
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or_else(bad)?;
        let unit_start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        let unit = &text.trim()[unit_start..i];
        let rank = UNITS.iter().position(|(u, _)| *u == unit).ok_or_else(bad)?;
        if last_rank.is_some_and(|r| rank <= r) {
            return Err(format!(
                "\"{text}\" is not a duration: write each unit once, largest first, like 1h30m"
            ));
        }
        last_rank = Some(rank);
        total = number
            .checked_mul(UNITS[rank].1)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(|| format!("\"{text}\" is too long a duration"))?;
    }
    if total <= 0 {
        return Err(format!(
            "\"{text}\" is not a usable duration: it must be longer than zero"
        ));
    }
    // Keep every duration far from i64 overflow when added to an instant.
    if total > 400 * 366 * DAY {
        return Err(format!(
            "\"{text}\" is too long a duration (at most 400 years)"
        ));
    }
    Ok(total)
}

/// Formats a duration in the shortest form [`parse_duration`] reads back:
/// `5m`, `1h`, `1h30m`, `28d`, `1500ms`. Weeks are written as days (`7d`),
/// which is how SRE documents name windows.
pub fn format_duration(ms: Millis) -> String {
    if ms <= 0 {
        return "0s".to_string();
    }
    let mut rest = ms;
    let mut out = String::new();
    for (unit, size) in UNITS.iter().filter(|(u, _)| *u != "w") {
        if rest >= *size {
            let n = rest / size;
            rest -= n * size;
            out.push_str(&n.to_string());
            out.push_str(unit);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_prometheus_style_durations() {
        assert_eq!(parse_duration("5m"), Ok(5 * MINUTE));
        assert_eq!(parse_duration("1h30m"), Ok(90 * MINUTE));
        assert_eq!(parse_duration("28d"), Ok(28 * DAY));
        assert_eq!(parse_duration("1w"), Ok(7 * DAY));
        assert_eq!(parse_duration("250ms"), Ok(250));
        assert_eq!(parse_duration("1m30s"), Ok(90 * SECOND));
    }

    #[test]
    fn rejects_what_is_not_a_duration() {
        for bad in [
            "",
            "5",
            "m",
            "5 minutes",
            "1.5h",
            "-5m",
            "0s",
            "30m1h",
            "5m5m",
            "1y",
            "99999999999999999999d",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(parse_duration("5 minutes").unwrap_err().contains("like 5m"));
    }

    #[test]
    fn formats_shortest_round_trip() {
        for (ms, text) in [
            (5 * MINUTE, "5m"),
            (HOUR, "1h"),
            (90 * MINUTE, "1h30m"),
            (28 * DAY, "28d"),
            (7 * DAY, "7d"),
            (1500, "1s500ms"),
        ] {
            assert_eq!(format_duration(ms), text);
            assert_eq!(parse_duration(text), Ok(ms));
        }
    }
}
