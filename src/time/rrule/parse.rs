//! From the text of an `RRULE` to an [`RRule`], with an error that names
//! the part that is wrong and what is supported (docs/policy.md § Recurring
//! exclusions lists the messages).

use super::{Freq, RRule, Until, WeekdayNum};
use crate::suggest::did_you_mean;
use crate::time::civil::{Date, DateTime};
use crate::time::{parse_rfc3339, HOUR, MINUTE};

const PARTS: [&str; 10] = [
    "FREQ",
    "INTERVAL",
    "BYDAY",
    "BYMONTHDAY",
    "BYMONTH",
    "BYHOUR",
    "BYMINUTE",
    "COUNT",
    "UNTIL",
    "WKST",
];
const UNSUPPORTED_PARTS: [&str; 4] = ["BYSETPOS", "BYYEARDAY", "BYWEEKNO", "BYSECOND"];
const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const FREQS: [&str; 4] = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"];

impl RRule {
    /// Parses the value of an RRULE (with or without a leading `RRULE:`).
    /// Part names and values are read case-insensitively.
    ///
    /// Errors name the part that is wrong and what is supported, e.g.
    /// `unknown RRULE part "BYDAYS" (did you mean "BYDAY"?)`,
    /// `FREQ is required`, `COUNT and UNTIL cannot both be given`,
    /// `unsupported FREQ=SECONDLY: use DAILY, WEEKLY, MONTHLY or YEARLY`,
    /// `INTERVAL must be a whole number of at least 1, not "0"`.
    pub fn parse(text: &str) -> Result<RRule, String> {
        let text = text.trim();
        let body = strip_prefix_ignore_case(text, "RRULE:").unwrap_or(text);
        let mut parts: Vec<(String, &str)> = Vec::new();
        for part in body.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((name, value)) = part.split_once('=') else {
                return Err(format!(
                    "RRULE part \"{part}\" has no value: write NAME=VALUE, like FREQ=WEEKLY"
                ));
            };
            let name = name.trim().to_ascii_uppercase();
            check_part_name(&name)?;
            if parts.iter().any(|(seen, _)| *seen == name) {
                return Err(format!("RRULE part {name} is given twice"));
            }
            parts.push((name, value.trim()));
        }
        let get = |name: &str| parts.iter().find(|(n, _)| n == name).map(|(_, v)| *v);
        let freq = parse_freq(get("FREQ").ok_or(
            "FREQ is required (DAILY, WEEKLY, MONTHLY or YEARLY), like FREQ=WEEKLY;BYDAY=SU",
        )?)?;
        if get("COUNT").is_some() && get("UNTIL").is_some() {
            return Err("COUNT and UNTIL cannot both be given".to_string());
        }
        let rule = RRule {
            text: text.to_string(),
            freq,
            interval: get("INTERVAL")
                .map(|v| positive("INTERVAL", v))
                .transpose()?
                .unwrap_or(1),
            by_day: get("BYDAY")
                .map(parse_by_day)
                .transpose()?
                .unwrap_or_default(),
            by_month_day: numbers_in_range("BYMONTHDAY", get("BYMONTHDAY"), -31, 31, true)?,
            by_month: numbers_in_range("BYMONTH", get("BYMONTH"), 1, 12, false)?,
            by_hour: numbers_in_range("BYHOUR", get("BYHOUR"), 0, 23, false)?,
            by_minute: numbers_in_range("BYMINUTE", get("BYMINUTE"), 0, 59, false)?,
            count: get("COUNT").map(|v| positive("COUNT", v)).transpose()?,
            until: get("UNTIL").map(parse_until).transpose()?,
            week_start: get("WKST")
                .map(|v| parse_weekday(v, "WKST"))
                .transpose()?
                .unwrap_or(1),
        };
        rule.check_combinations()?;
        Ok(rule)
    }

    /// The combinations RFC 5545 §3.3.10 forbids, or that have no meaning here.
    fn check_combinations(&self) -> Result<(), String> {
        if self.freq == Freq::Weekly && !self.by_month_day.is_empty() {
            return Err(
                "BYMONTHDAY cannot be used with FREQ=WEEKLY: use BYDAY, or FREQ=MONTHLY"
                    .to_string(),
            );
        }
        let ordinal = self.by_day.iter().find(|d| d.ordinal != 0);
        if let Some(day) = ordinal {
            let limit = match self.freq {
                Freq::Daily | Freq::Weekly => {
                    // Formatted as i64: each integer type that is formatted
                    // costs the WebAssembly module its own formatting code.
                    return Err(format!(
                        "BYDAY ordinals like {}{} need FREQ=MONTHLY or YEARLY",
                        i64::from(day.ordinal),
                        WEEKDAYS[usize::from(day.weekday - 1)]
                    ));
                }
                Freq::Monthly => 5,
                Freq::Yearly if self.by_month.is_empty() => 53,
                Freq::Yearly => 5,
            };
            if let Some(bad) = self
                .by_day
                .iter()
                .find(|d| d.ordinal.unsigned_abs() > limit)
            {
                let limit = i64::from(limit);
                return Err(format!(
                    "BYDAY ordinal {} is out of range: use 1 to {limit} or -1 to -{limit}",
                    i64::from(bad.ordinal)
                ));
            }
        }
        Ok(())
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn check_part_name(name: &str) -> Result<(), String> {
    if PARTS.contains(&name) {
        return Ok(());
    }
    if UNSUPPORTED_PARTS.contains(&name) {
        return Err(format!(
            "RRULE part {name} is not supported: use {}",
            crate::join::join(&PARTS, ", ")
        ));
    }
    let hint = did_you_mean(name, &PARTS);
    let hint = if hint.is_empty() {
        format!(": use {}", crate::join::join(&PARTS, ", "))
    } else {
        hint
    };
    Err(format!("unknown RRULE part \"{name}\"{hint}"))
}

fn parse_freq(value: &str) -> Result<Freq, String> {
    let upper = value.to_ascii_uppercase();
    Ok(match upper.as_str() {
        "DAILY" => Freq::Daily,
        "WEEKLY" => Freq::Weekly,
        "MONTHLY" => Freq::Monthly,
        "YEARLY" => Freq::Yearly,
        "SECONDLY" | "MINUTELY" | "HOURLY" => {
            return Err(format!("unsupported FREQ={upper}: use DAILY, WEEKLY, MONTHLY or YEARLY (with BYHOUR/BYMINUTE for times of day)"))
        }
        _ => return Err(format!("unknown FREQ \"{value}\"{}: use DAILY, WEEKLY, MONTHLY or YEARLY", did_you_mean(&upper, &FREQS))),
    })
}

/// A whole number of at least 1 (INTERVAL, COUNT).
fn positive(name: &str, value: &str) -> Result<u32, String> {
    // Parsed as i64 and narrowed: each integer type that is parsed costs
    // the WebAssembly module its own parsing code.
    value
        .parse::<i64>()
        .ok()
        .and_then(|n| u32::try_from(n).ok())
        .filter(|&n| n >= 1)
        .ok_or_else(|| format!("{name} must be a whole number of at least 1, not \"{value}\""))
}

/// A comma-separated list of integers in `min..=max` (zero excluded when
/// `signed`, where negatives count from the end).
fn numbers_in_range<T: TryFrom<i64>>(
    name: &str,
    value: Option<&str>,
    min: i64,
    max: i64,
    signed: bool,
) -> Result<Vec<T>, String> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let range = if signed {
        format!("1 to {max} or -1 to {min}")
    } else {
        format!("{min} to {max}")
    };
    // A loop, here and in `parse_by_day`: collecting into a Result costs a
    // copy of its adaptors per element type in the WebAssembly module.
    let mut numbers = Vec::new();
    for item in value.split(',') {
        let item = item.trim();
        let number = item
            .strip_prefix('+')
            .unwrap_or(item)
            .parse::<i64>()
            .ok()
            .filter(|n| (min..=max).contains(n) && !(signed && *n == 0))
            .and_then(|n| T::try_from(n).ok())
            .ok_or_else(|| format!("{name} value \"{item}\" is out of range: use {range}"))?;
        numbers.push(number);
    }
    Ok(numbers)
}

fn parse_weekday(value: &str, part: &str) -> Result<u8, String> {
    let upper = value.trim().to_ascii_uppercase();
    WEEKDAYS
        .iter()
        .position(|d| *d == upper)
        .map(|i| i as u8 + 1)
        .ok_or_else(|| {
            format!(
                "unknown weekday \"{value}\" in {part}{}: use MO, TU, WE, TH, FR, SA or SU",
                did_you_mean(&upper, &WEEKDAYS)
            )
        })
}

/// `SU`, `MO,WE,FR`, `1SU`, `-1FR`, `+2TU`.
fn parse_by_day(value: &str) -> Result<Vec<WeekdayNum>, String> {
    let mut days = Vec::new();
    for item in value.split(',') {
        let item = item.trim();
        let split = item.len().saturating_sub(2);
        let (number, day) = item
            .split_at_checked(split)
            .ok_or_else(|| format!("unknown weekday \"{item}\" in BYDAY"))?;
        let weekday = parse_weekday(day, "BYDAY").map_err(|_| {
            format!("unknown weekday \"{item}\" in BYDAY: use MO, TU, WE, TH, FR, SA or SU, optionally numbered like 1SU or -1FR")
        })?;
        let ordinal = if number.is_empty() {
            0
        } else {
            number
                .strip_prefix('+')
                .unwrap_or(number)
                .parse::<i64>() // narrowed below, as in `positive`
                .ok()
                .and_then(|n| i8::try_from(n).ok())
                .filter(|n| *n != 0)
                .ok_or_else(|| format!("BYDAY value \"{item}\" is not a weekday: write SU, or numbered like 1SU or -1FR"))?
        };
        days.push(WeekdayNum { ordinal, weekday });
    }
    Ok(days)
}

/// `20260301`, `20260301T000000Z`, `20260301T000000` (local) or RFC 3339.
fn parse_until(value: &str) -> Result<Until, String> {
    let bad = || {
        format!("UNTIL \"{value}\" is not a date or time: write 20260301, 20260301T000000Z or 2026-03-01T00:00:00Z")
    };
    if value.contains('-') || value.contains(':') {
        return parse_rfc3339(value).map(Until::Instant).map_err(|_| bad());
    }
    let digits = |s: &str| -> Option<i64> {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())
            .flatten()
    };
    let date = value.get(..8).and_then(|d| {
        let (y, m, day) = (
            digits(d.get(..4)?)?,
            digits(d.get(4..6)?)?,
            digits(d.get(6..8)?)?,
        );
        Date::new(y as i32, u8::try_from(m).ok()?, u8::try_from(day).ok()?)
    });
    let date = date.ok_or_else(bad)?;
    let rest = &value[8..];
    if rest.is_empty() {
        return Ok(Until::Date(date));
    }
    let (time, utc) = match rest.strip_suffix(['Z', 'z']) {
        Some(time) => (time, true),
        None => (rest, false),
    };
    let time = time
        .strip_prefix(['T', 't'])
        .filter(|t| t.len() == 6 && t.is_ascii())
        .ok_or_else(bad)?;
    let (h, m, s) = (
        digits(&time[..2]).ok_or_else(bad)?,
        digits(&time[2..4]).ok_or_else(bad)?,
        digits(&time[4..]).ok_or_else(bad)?,
    );
    if h > 23 || m > 59 || s > 59 {
        return Err(bad());
    }
    let wall = DateTime {
        date,
        ms_of_day: h * HOUR + m * MINUTE + s * 1000,
    };
    Ok(if utc {
        Until::Instant(wall.to_instant(0))
    } else {
        Until::Local(wall)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::rrule::rule;

    #[test]
    fn parses_the_supported_parts() {
        let r = rule(
            "RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=1SU,-1FR;BYHOUR=2,14;BYMINUTE=30;COUNT=10;WKST=SU",
        );
        assert_eq!(r.freq(), Freq::Monthly);
        assert_eq!(r.interval(), 2);
        assert_eq!(r.count(), Some(10));
        assert_eq!(
            r.by_day,
            vec![
                WeekdayNum {
                    ordinal: 1,
                    weekday: 7
                },
                WeekdayNum {
                    ordinal: -1,
                    weekday: 5
                }
            ]
        );
        assert_eq!(r.week_start, 7);
        assert_eq!(
            r.text,
            "RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=1SU,-1FR;BYHOUR=2,14;BYMINUTE=30;COUNT=10;WKST=SU"
        );
        assert_eq!(rule("freq=weekly;byday=su;").freq(), Freq::Weekly);
        assert_eq!(
            rule("FREQ=MONTHLY;BYMONTHDAY=-1,15").by_month_day,
            vec![-1, 15]
        );
        assert_eq!(
            rule("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24").by_month,
            vec![12]
        );
    }

    #[test]
    fn parses_until_forms() {
        // 2026-03-01T00:00:00Z = 1,772,323,200 s.
        assert_eq!(
            rule("FREQ=DAILY;UNTIL=20260301T000000Z").until(),
            Some(Until::Instant(1_772_323_200_000))
        );
        assert_eq!(
            rule("FREQ=DAILY;UNTIL=2026-03-01T01:00:00+01:00").until(),
            Some(Until::Instant(1_772_323_200_000))
        );
        assert_eq!(
            rule("FREQ=DAILY;UNTIL=20260301").until(),
            Some(Until::Date(Date::new(2026, 3, 1).unwrap()))
        );
        let local = DateTime {
            date: Date::new(2026, 3, 1).unwrap(),
            ms_of_day: 2 * HOUR + 30 * MINUTE,
        };
        assert_eq!(
            rule("FREQ=DAILY;UNTIL=20260301T023000").until(),
            Some(Until::Local(local))
        );
        for bad in [
            "2026031",
            "20260230",
            "20260301T2500Z",
            "20260301T250000Z",
            "20260301X000000Z",
            "2026-03-01",
            "tomorrow",
        ] {
            let err = RRule::parse(&format!("FREQ=DAILY;UNTIL={bad}")).unwrap_err();
            assert!(
                err.starts_with(&format!("UNTIL \"{bad}\" is not a date or time")),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let err = |text: &str| RRule::parse(text).unwrap_err();
        assert_eq!(
            err("FREQ=WEEKLY;BYDAYS=SU"),
            "unknown RRULE part \"BYDAYS\" (did you mean \"BYDAY\"?)"
        );
        assert!(err("FREQ=WEEKLY;COLOR=red")
            .starts_with("unknown RRULE part \"COLOR\": use FREQ, INTERVAL"));
        assert!(err("BYDAY=SU").starts_with("FREQ is required"));
        assert!(err("").starts_with("FREQ is required"));
        assert_eq!(
            err("FREQ=DAILY;COUNT=3;UNTIL=20260301"),
            "COUNT and UNTIL cannot both be given"
        );
        assert!(err("FREQ=SECONDLY")
            .starts_with("unsupported FREQ=SECONDLY: use DAILY, WEEKLY, MONTHLY or YEARLY"));
        assert!(err("FREQ=hourly").starts_with("unsupported FREQ=HOURLY"));
        assert!(
            err("FREQ=WEEKLYY").starts_with("unknown FREQ \"WEEKLYY\" (did you mean \"WEEKLY\"?)")
        );
        assert_eq!(
            err("FREQ=DAILY;INTERVAL=0"),
            "INTERVAL must be a whole number of at least 1, not \"0\""
        );
        assert!(err("FREQ=DAILY;INTERVAL=-2").starts_with("INTERVAL must be"));
        assert!(err("FREQ=DAILY;COUNT=0").starts_with("COUNT must be"));
        assert!(err("FREQ=DAILY;FREQ=WEEKLY").contains("given twice"));
        assert!(err("FREQ=WEEKLY;BYDAY=SUN").starts_with("unknown weekday \"SUN\" in BYDAY"));
        assert!(err("FREQ=WEEKLY;BYDAY=1SU").contains("need FREQ=MONTHLY or YEARLY"));
        assert!(err("FREQ=MONTHLY;BYDAY=6SU").contains("out of range: use 1 to 5"));
        assert!(err("FREQ=MONTHLY;BYDAY=0SU").contains("is not a weekday"));
        assert!(err("FREQ=MONTHLY;BYMONTHDAY=0").contains("out of range"));
        assert!(err("FREQ=MONTHLY;BYMONTHDAY=32").contains("out of range"));
        assert!(err("FREQ=WEEKLY;BYMONTHDAY=1").contains("cannot be used with FREQ=WEEKLY"));
        assert!(err("FREQ=DAILY;BYHOUR=24")
            .contains("BYHOUR value \"24\" is out of range: use 0 to 23"));
        assert!(err("FREQ=DAILY;BYSETPOS=1").contains("not supported"));
        assert!(err("FREQ=DAILY;WKST=XX").contains("in WKST"));
        assert!(err("FREQ").contains("has no value"));
        assert!(err("FREQ=DAILY;BYDAY=").contains("BYDAY"));
    }

    proptest::proptest! {
        #[test]
        fn any_text_parses_or_errs(text in "(RRULE:)?((FREQ|INTERVAL|BYDAY|BYMONTHDAY|BYMONTH|BYHOUR|BYMINUTE|COUNT|UNTIL|WKST|X)=[-+0-9A-Za-zé,:T]{0,16};?){0,5}") {
            let _ = RRule::parse(&text);
        }
    }
}
