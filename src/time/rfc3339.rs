//! RFC 3339 timestamps: `2026-02-05T10:00:00Z`, `2026-02-05T12:00:00.250+02:00`.
//!
//! Parsing accepts `T` or `t` or a space between date and time, `Z`/`z` or a
//! numeric offset, and up to nine fraction digits (kept to the millisecond,
//! truncated). Formatting always writes UTC with `Z`, and a fraction only when
//! the instant has one.

use super::civil::{Date, DateTime};
use super::Instant;

/// Parses an RFC 3339 timestamp to epoch milliseconds.
pub fn parse_rfc3339(text: &str) -> Result<Instant, String> {
    parse(text.trim()).ok_or_else(|| {
        format!("\"{text}\" is not an RFC 3339 time: write it like 2026-02-05T10:00:00Z or 2026-02-05T12:00:00+02:00")
    })
}

fn digits(s: &[u8], at: usize, n: usize) -> Option<i64> {
    let part = s.get(at..at + n)?;
    part.iter().try_fold(0i64, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + i64::from(b - b'0'))
    })
}

fn parse(text: &str) -> Option<Instant> {
    let s = text.as_bytes();
    let year = digits(s, 0, 4)? as i32;
    (s.get(4) == Some(&b'-') && s.get(7) == Some(&b'-')).then_some(())?;
    let date = Date::new(year, digits(s, 5, 2)? as u8, digits(s, 8, 2)? as u8)?;
    matches!(s.get(10), Some(b'T' | b't' | b' ')).then_some(())?;
    let (hour, minute, second) = (digits(s, 11, 2)?, digits(s, 14, 2)?, digits(s, 17, 2)?);
    (s.get(13) == Some(&b':') && s.get(16) == Some(&b':')).then_some(())?;
    // Leap seconds (:60) are not representable in epoch time; refuse them.
    (hour < 24 && minute < 60 && second < 60).then_some(())?;
    let mut i = 19;
    let mut millis = 0i64;
    if s.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < s.len() && s[i].is_ascii_digit() {
            if i - start < 3 {
                millis = millis * 10 + i64::from(s[i] - b'0');
            }
            i += 1;
        }
        let n = i - start;
        if n == 0 || n > 9 {
            return None;
        }
        for _ in n..3 {
            millis *= 10;
        }
    }
    let offset_seconds: i32 = match s.get(i)? {
        b'Z' | b'z' => {
            i += 1;
            0
        }
        sign @ (b'+' | b'-') => {
            let h = digits(s, i + 1, 2)?;
            (s.get(i + 3) == Some(&b':')).then_some(())?;
            let m = digits(s, i + 4, 2)?;
            (h < 24 && m < 60).then_some(())?;
            i += 6;
            let v = (h * 3600 + m * 60) as i32;
            if *sign == b'-' {
                -v
            } else {
                v
            }
        }
        _ => return None,
    };
    (i == s.len()).then_some(())?;
    let ms_of_day = ((hour * 60 + minute) * 60 + second) * 1000 + millis;
    Some(DateTime { date, ms_of_day }.to_instant(offset_seconds))
}

/// Formats epoch milliseconds as RFC 3339 in UTC: `2026-02-28T23:59:00Z`,
/// with `.250` only when there are milliseconds.
pub fn format_rfc3339(t: Instant) -> String {
    let dt = DateTime::from_instant(t, 0);
    let ms = dt.ms_of_day;
    let (h, m, s, frac) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    // All fields as i64, the type `ms` already has: each integer type that
    // is formatted costs the WebAssembly module its own formatting code.
    let d = dt.date;
    let (year, month, day) = (i64::from(d.year), i64::from(d.month), i64::from(d.day));
    let mut out = if (0..=9999).contains(&year) {
        format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}")
    } else {
        format!("{year:+05}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}")
    };
    if frac != 0 {
        out.push_str(&format!(".{frac:03}"));
    }
    out.push('Z');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        let t = parse_rfc3339("2026-02-28T23:59:00Z").unwrap();
        assert_eq!(t, 1_772_323_140_000);
        assert_eq!(format_rfc3339(t), "2026-02-28T23:59:00Z");
        assert_eq!(
            parse_rfc3339("2026-02-05T12:00:00+02:00"),
            parse_rfc3339("2026-02-05T10:00:00Z")
        );
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00.250Z"), Ok(250));
        assert_eq!(parse_rfc3339("1970-01-01t00:00:00.123456789z"), Ok(123));
        assert_eq!(format_rfc3339(1_500), "1970-01-01T00:00:01.500Z");
        assert_eq!(format_rfc3339(-1), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn rejects_near_misses() {
        for bad in [
            "2026-02-30T00:00:00Z",
            "2026-02-05",
            "2026-02-05T10:00Z",
            "2026-02-05T10:00:00",
            "2026-02-05T24:00:00Z",
            "2026-02-05T10:00:00+0200",
            "2026-02-05T10:00:00.Z",
            "2026-02-05T10:00:00Zjunk",
        ] {
            assert!(parse_rfc3339(bad).is_err(), "{bad}");
        }
    }
}
