//! CSV data files: `time,value`, one sample a line.
//!
//! - An optional header line: a first line whose first field starts with a
//!   letter or a quote (`time,value`) is skipped; a time never does.
//! - `time`: RFC 3339 (`2026-02-05T10:00:00Z`) or epoch **seconds**, with
//!   decimals for sub-second instants (`1770285600.25`). Epoch milliseconds
//!   are not guessed: a 13-digit number is read as seconds and refused as
//!   too far in the future.
//! - `value`: a number, `NaN`, `Inf`/`+Inf`/`-Inf` (any case); a missing
//!   sample is an empty field or `null` (any case), as Grafana's CSV export
//!   writes it (empty since 2019, `null` before), and is read as NaN, which
//!   the engine treats as missing, as it does Prometheus' `"NaN"` and JSON
//!   `null`.
//! - Blank lines are skipped; fields may be padded with spaces; `\r\n` line
//!   ends are fine. A line may not be longer than 64 KiB.
//!
//! Errors name the file, line and column: `good.csv:17:5: "abc" is not a number`.
//!
//! The file is read line by line: memory is the samples, not the text.

use std::io::{BufRead, Read};

use super::text::{thousands, TextError, TextReader};
use super::{too_many_samples, DEFAULT_LIMITS};
use crate::series::Series;
use crate::time::{parse_rfc3339, Instant};

/// The longest line: a sample takes under 100 bytes even padded.
const MAX_LINE: usize = 64 * 1024;

/// Parses CSV `text` (`source` names it in messages) into one series `name`.
pub fn parse_csv(text: &str, source: &str, name: &str) -> Result<Series, String> {
    let reader = TextReader::new(text.as_bytes(), DEFAULT_LIMITS.text_limit());
    read_csv(reader, 0, source, name, DEFAULT_LIMITS.max_samples, "")
}

/// Reads CSV from `text`, whose first `lines_before` lines (blank) were
/// consumed already, into one series `name` of at most `max_samples`;
/// `raise` ends the message of that limit.
pub(crate) fn read_csv<R: Read>(
    mut text: TextReader<R>,
    lines_before: u64,
    source: &str,
    name: &str,
    max_samples: u64,
    raise: &str,
) -> Result<Series, String> {
    let mut times = Vec::new();
    let mut values = Vec::new();
    let mut bytes = Vec::new();
    let mut line_no = lines_before as usize;
    loop {
        bytes.clear();
        let n = (&mut text)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut bytes)
            .map_err(|e| TextError::from_io(e).render(source, ""))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        if bytes.last() == Some(&b'\n') {
            bytes.pop();
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
        } else if n > MAX_LINE {
            return Err(format!(
                "{source}:{line_no}:1: a line longer than {} bytes: this is not a CSV file of time,value lines",
                thousands(MAX_LINE as u64)
            ));
        }
        // The reader hands out UTF-8 only, and a line ends at a character boundary.
        let line = std::str::from_utf8(&bytes)
            .map_err(|_| format!("{source}:{line_no}:1: not UTF-8 text"))?;
        if line.trim().is_empty() {
            continue;
        }
        let fields = split_fields(line);
        let at = |field: &Field| format!("{source}:{line_no}:{}", field.column);
        if line_no == 1
            && fields[0]
                .text
                .starts_with(|c: char| c.is_alphabetic() || c == '"')
        {
            continue;
        }
        if fields.len() != 2 {
            let place = fields.get(2).map_or_else(
                || format!("{source}:{line_no}:{}", line.chars().count() + 1),
                at,
            );
            return Err(format!(
                "{place}: expected 2 fields (time,value), found {}",
                fields.len()
            ));
        }
        let time = parse_time(fields[0].text).map_err(|e| format!("{}: {e}", at(&fields[0])))?;
        let value = parse_value(fields[1].text).map_err(|e| format!("{}: {e}", at(&fields[1])))?;
        if times.len() as u64 >= max_samples {
            return Err(format!(
                "{source}:{line_no}:1: {}{raise}",
                too_many_samples(max_samples)
            ));
        }
        times.push(time);
        values.push(value);
    }
    times.shrink_to_fit();
    values.shrink_to_fit();
    Ok(Series::new(name, times, values))
}

/// A field's trimmed text and the 1-based column (in characters) where it starts.
struct Field<'a> {
    text: &'a str,
    column: usize,
}

fn split_fields(line: &str) -> Vec<Field<'_>> {
    let mut fields = Vec::new();
    let mut column = 1;
    for raw in line.split(',') {
        let leading = raw.chars().take_while(|c| c.is_whitespace()).count();
        fields.push(Field {
            text: raw.trim(),
            column: column + leading,
        });
        column += raw.chars().count() + 1;
    }
    fields
}

/// RFC 3339 or epoch seconds (`-`, digits, optional `.` and digits).
pub(crate) fn parse_time(text: &str) -> Result<Instant, String> {
    if is_decimal(text) {
        return epoch_seconds(text);
    }
    // Looks like a date (`2026-…`): let the RFC 3339 parser say what is wrong.
    if text.as_bytes().get(4) == Some(&b'-') {
        return parse_rfc3339(text);
    }
    Err(format!(
        "\"{text}\" is not a time: use RFC 3339 (2026-02-05T10:00:00Z) or epoch seconds (1770285600)"
    ))
}

/// `-`? digits (`.` digits)?
fn is_decimal(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(int) && digits(frac)
}

/// Epoch seconds with optional decimals, to the millisecond (rounded).
pub(crate) fn epoch_seconds(text: &str) -> Result<Instant, String> {
    let seconds: f64 = text
        .parse()
        .map_err(|_| format!("\"{text}\" is not a time"))?;
    seconds_to_instant(seconds).ok_or_else(|| {
        format!("\"{text}\" is out of range for epoch seconds (milliseconds are not accepted: divide by 1000)")
    })
}

/// Seconds to epoch milliseconds, for years 0 to 9999 only: anything beyond
/// is a unit mistake (milliseconds or microseconds given as seconds).
pub(crate) fn seconds_to_instant(seconds: f64) -> Option<Instant> {
    const MIN: f64 = -62_167_219_200.0; // 0000-01-01T00:00:00Z
    const MAX: f64 = 253_402_300_799.0; // 9999-12-31T23:59:59Z
    (seconds.is_finite() && (MIN..=MAX).contains(&seconds))
        .then(|| (seconds * 1000.0).round() as Instant)
}

/// A number, NaN, ±Inf, or missing (empty or `null`, read as NaN).
pub(crate) fn parse_value(text: &str) -> Result<f64, String> {
    if text.is_empty() || text.eq_ignore_ascii_case("null") {
        return Ok(f64::NAN);
    }
    text.parse::<f64>()
        .map_err(|_| format!("\"{text}\" is not a number"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Series, String> {
        parse_csv(text, "good.csv", "good")
    }

    #[test]
    fn reads_times_and_values() {
        let s = parse("time,value\r\n2026-02-05T10:00:00Z,1.5\n\n 1770285660.25 , 2\n1770285720,NaN\n1770285780,+Inf\n1770285840,\n1770285900,-inf\n").unwrap();
        assert_eq!(s.name, "good");
        assert_eq!(
            s.times,
            [
                1_770_285_600_000,
                1_770_285_660_250,
                1_770_285_720_000,
                1_770_285_780_000,
                1_770_285_840_000,
                1_770_285_900_000
            ]
        );
        assert_eq!(s.values[..2], [1.5, 2.0]);
        assert!(s.values[2].is_nan() && s.values[4].is_nan());
        assert_eq!(s.values[3], f64::INFINITY);
        assert_eq!(s.values[5], f64::NEG_INFINITY);
        assert!(s.labels.is_empty() && s.step.is_none());
    }

    #[test]
    fn null_and_empty_are_missing_samples() {
        let s = parse("1,null\n2,NULL\n3, Null \n4,\n5,nul\n").unwrap_err();
        assert_eq!(s, "good.csv:5:3: \"nul\" is not a number");
        let s = parse("1,null\n2,NULL\n3, Null \n4,\n5,1\n").unwrap();
        assert_eq!(s.times.len(), 5);
        assert!(s.values[..4].iter().all(|v| v.is_nan()));
        assert_eq!(s.values[4], 1.0);
    }

    #[test]
    fn lines_and_samples_are_limited() {
        let long = format!("1,{}1\n", " ".repeat(MAX_LINE));
        assert_eq!(
            parse(&format!("1,1\n{long}")).unwrap_err(),
            "good.csv:2:1: a line longer than 65,536 bytes: this is not a CSV file of time,value lines"
        );
        // Just within: 65,536 bytes and the line end.
        let within = format!("1,{}1\n", " ".repeat(MAX_LINE - 3));
        assert_eq!(parse(&within).unwrap().values, [1.0]);
        let three = "time,value\n1,1\n\n2,2\n3,3\n";
        let read = |max| {
            let text = TextReader::new(three.as_bytes(), DEFAULT_LIMITS.text_limit());
            read_csv(text, 0, "good.csv", "good", max, ": raise it")
        };
        assert_eq!(read(3).unwrap().values, [1.0, 2.0, 3.0]);
        assert_eq!(
            read(2).unwrap_err(),
            "good.csv:5:1: more than 2 samples, the limit per data file (series and labels count by their memory): raise it"
        );
    }

    #[test]
    fn header_is_optional_and_only_first() {
        assert_eq!(parse("1,2\n").unwrap().values, [2.0]);
        assert_eq!(parse("\"time\",\"value\"\n1,2\n").unwrap().values, [2.0]);
        assert_eq!(parse("1,2\ntime,value\n").unwrap_err(), "good.csv:2:1: \"time\" is not a time: use RFC 3339 (2026-02-05T10:00:00Z) or epoch seconds (1770285600)");
        assert!(parse("").unwrap().times.is_empty());
        // Line 1 is the first line of the file, blank or not.
        assert_eq!(
            crate::data::parse_data("\n \ntime,value\n", "good.csv", "good").unwrap_err(),
            "good.csv:3:1: \"time\" is not a time: use RFC 3339 (2026-02-05T10:00:00Z) or epoch seconds (1770285600)"
        );
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let cases = [
            ("1,1\n2,abc\n", "good.csv:2:3: \"abc\" is not a number"),
            ("1,1\n2,  abc\n", "good.csv:2:5: \"abc\" is not a number"),
            ("1,1\n2\n", "good.csv:2:2: expected 2 fields (time,value), found 1"),
            ("1,1,1\n", "good.csv:1:5: expected 2 fields (time,value), found 3"),
            ("2026-02-30T00:00:00Z,1\n", "good.csv:1:1: \"2026-02-30T00:00:00Z\" is not an RFC 3339 time: write it like 2026-02-05T10:00:00Z or 2026-02-05T12:00:00+02:00"),
            ("1770285600000,1\n", "good.csv:1:1: \"1770285600000\" is out of range for epoch seconds (milliseconds are not accepted: divide by 1000)"),
            ("1.,1\n", "good.csv:1:1: \"1.\" is not a time: use RFC 3339 (2026-02-05T10:00:00Z) or epoch seconds (1770285600)"),
            ("1e9,1\n", "good.csv:1:1: \"1e9\" is not a time: use RFC 3339 (2026-02-05T10:00:00Z) or epoch seconds (1770285600)"),
            ("é,1\n1,x\n", "good.csv:2:3: \"x\" is not a number"),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text).unwrap_err(), want, "{text:?}");
        }
    }

    #[test]
    fn negative_and_fractional_epochs() {
        assert_eq!(parse_time("-1.5"), Ok(-1500));
        assert_eq!(parse_time("0.0005"), Ok(1));
        assert!(parse_time("-").is_err());
        assert!(parse_time(".5").is_err());
    }
}
