//! Calendar periods: the day, ISO week, month, quarter or year that contains
//! an instant, in a time zone.
//!
//! Every period starts at local midnight in the zone (for a week, Monday's;
//! for a quarter, the 1st of January, April, July or October). Where DST skips
//! midnight, the period starts at the first instant after the gap, so periods
//! always tile time: each one ends exactly where the next begins.

use super::civil::{Date, DateTime};
use super::zone::Zone;
use super::Instant;

/// A calendar window's unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalendarUnit {
    Day,
    /// ISO week: Monday 00:00 to the next Monday 00:00.
    Week,
    Month,
    Quarter,
    Year,
}

impl CalendarUnit {
    pub fn parse(text: &str) -> Option<CalendarUnit> {
        Some(match text {
            "day" => CalendarUnit::Day,
            "week" => CalendarUnit::Week,
            "month" => CalendarUnit::Month,
            "quarter" => CalendarUnit::Quarter,
            "year" => CalendarUnit::Year,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CalendarUnit::Day => "day",
            CalendarUnit::Week => "week",
            CalendarUnit::Month => "month",
            CalendarUnit::Quarter => "quarter",
            CalendarUnit::Year => "year",
        }
    }

    /// The shortest and longest length this unit can have, ignoring DST
    /// (used by validation to judge alert factors for every period).
    pub fn nominal_range(self) -> (super::Millis, super::Millis) {
        use super::DAY;
        match self {
            CalendarUnit::Day => (DAY, DAY),
            CalendarUnit::Week => (7 * DAY, 7 * DAY),
            CalendarUnit::Month => (28 * DAY, 31 * DAY),
            CalendarUnit::Quarter => (90 * DAY, 92 * DAY),
            CalendarUnit::Year => (365 * DAY, 366 * DAY),
        }
    }
}

/// The period of `unit` in `zone` that an evaluation at `t` belongs to, as
/// `(start, end)` with `start < t <= end`: periods are closed at their end,
/// like every window, so evaluating at exactly midnight of March 1 reports
/// the whole of February. `end - start` is the period's full length P
/// (28–31 days for a month; 23 or 25 hours for a DST day).
///
/// Local midnight skipped by a DST gap (America/Santiago, 2026-09-06) means
/// the period starts at the first instant after the gap. A repeated midnight
/// (a fold) means the earlier one. Never panics; at the very ends of `i64`
/// (beyond ±73 million years) the bounds saturate and may not contain `t`.
pub fn period_containing(unit: CalendarUnit, zone: &Zone, t: Instant) -> (Instant, Instant) {
    // Closed at the end: the period of t is the half-open [start, end) that
    // holds the millisecond just before t.
    let probe = t.saturating_sub(1);
    let first_day = period_start_date(unit, zone.local(probe).date);
    let (start, end) = bounds(unit, zone, first_day);
    // A fold that crosses midnight can make the probe read as the previous
    // day after the next period has begun (or, symmetrically, before this
    // one); step to the neighbour so that start <= probe < end always holds.
    if probe >= end {
        bounds(unit, zone, next_start_date(unit, first_day))
    } else if probe < start {
        bounds(unit, zone, previous_start_date(unit, first_day))
    } else {
        (start, end)
    }
}

/// The instants of local midnight starting the period that begins on `first_day`
/// and of the next one.
fn bounds(unit: CalendarUnit, zone: &Zone, first_day: Date) -> (Instant, Instant) {
    let start = midnight(zone, first_day);
    let end = midnight(zone, next_start_date(unit, first_day));
    (start, end)
}

fn midnight(zone: &Zone, date: Date) -> Instant {
    zone.instant_of(DateTime { date, ms_of_day: 0 })
}

/// The first day of the period of `unit` that contains `day`.
fn period_start_date(unit: CalendarUnit, day: Date) -> Date {
    match unit {
        CalendarUnit::Day => day,
        CalendarUnit::Week => day.add_days(-i64::from(day.iso_weekday() - 1)),
        CalendarUnit::Month => Date { day: 1, ..day },
        CalendarUnit::Quarter => Date {
            month: (day.month - 1) / 3 * 3 + 1,
            day: 1,
            ..day
        },
        CalendarUnit::Year => Date {
            month: 1,
            day: 1,
            ..day
        },
    }
}

/// The first day of the period after the one starting on `first_day`.
fn next_start_date(unit: CalendarUnit, first_day: Date) -> Date {
    match unit {
        CalendarUnit::Day => first_day.add_days(1),
        CalendarUnit::Week => first_day.add_days(7),
        CalendarUnit::Month => first_day.add_months(1),
        CalendarUnit::Quarter => first_day.add_months(3),
        CalendarUnit::Year => first_day.add_months(12),
    }
}

/// The first day of the period before the one starting on `first_day`.
fn previous_start_date(unit: CalendarUnit, first_day: Date) -> Date {
    match unit {
        CalendarUnit::Day => first_day.add_days(-1),
        CalendarUnit::Week => first_day.add_days(-7),
        CalendarUnit::Month => first_day.add_months(-1),
        CalendarUnit::Quarter => first_day.add_months(-3),
        CalendarUnit::Year => first_day.add_months(-12),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{format_rfc3339, parse_rfc3339, Millis, DAY, HOUR, MINUTE};
    use CalendarUnit::*;

    fn at(text: &str) -> Instant {
        parse_rfc3339(text).unwrap()
    }

    fn zone(name: &str) -> Zone {
        Zone::get(name).unwrap()
    }

    /// The period as RFC 3339 text, for readable failures.
    fn period(unit: CalendarUnit, zone_name: &str, t: &str) -> (String, String) {
        let (start, end) = period_containing(unit, &zone(zone_name), at(t));
        (format_rfc3339(start), format_rfc3339(end))
    }

    fn length(unit: CalendarUnit, zone_name: &str, t: &str) -> Millis {
        let (start, end) = period_containing(unit, &zone(zone_name), at(t));
        end - start
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn february_2026_in_utc() {
        assert_eq!(
            period(Month, "UTC", "2026-02-15T12:00:00Z"),
            pair("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z")
        );
        // 28 days × 86,400 s = 2,419,200 s.
        assert_eq!(length(Month, "UTC", "2026-02-15T12:00:00Z"), 2_419_200_000);
    }

    #[test]
    fn periods_are_closed_at_their_end() {
        // Exactly midnight of March 1 still belongs to February …
        assert_eq!(
            period(Month, "UTC", "2026-03-01T00:00:00Z"),
            pair("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z")
        );
        // … one millisecond later is March; the first instant of a period is
        // the end of the previous one.
        assert_eq!(
            period(Month, "UTC", "2026-03-01T00:00:00.001Z"),
            pair("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")
        );
        assert_eq!(
            period(Day, "UTC", "2026-03-01T00:00:00Z"),
            pair("2026-02-28T00:00:00Z", "2026-03-01T00:00:00Z")
        );
        assert_eq!(
            period(Year, "UTC", "2026-01-01T00:00:00Z"),
            pair("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z")
        );
    }

    #[test]
    fn months_across_dst_in_berlin() {
        // March 2026 starts 00:00 CET (UTC+1) = Feb 28 23:00Z and ends
        // April 1 00:00 CEST (UTC+2) = March 31 22:00Z: 31 days − 1 hour.
        assert_eq!(
            period(Month, "Europe/Berlin", "2026-03-15T00:00:00Z"),
            pair("2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z")
        );
        assert_eq!(
            length(Month, "Europe/Berlin", "2026-03-15T00:00:00Z"),
            31 * DAY - HOUR
        );
        // October: 31 days + 1 hour.
        assert_eq!(
            length(Month, "Europe/Berlin", "2026-10-15T00:00:00Z"),
            31 * DAY + HOUR
        );
        // Evaluating at 2026-02-28T23:30Z is already 00:30 on March 1 in Berlin.
        assert_eq!(
            period(Month, "Europe/Berlin", "2026-02-28T23:30:00Z").0,
            "2026-02-28T23:00:00Z"
        );
    }

    #[test]
    fn dst_days_are_23_or_25_hours() {
        // Berlin springs forward 02:00 → 03:00 on 2026-03-29 and falls back
        // 03:00 → 02:00 on 2026-10-25.
        assert_eq!(
            period(Day, "Europe/Berlin", "2026-03-29T12:00:00Z"),
            pair("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z")
        );
        assert_eq!(
            length(Day, "Europe/Berlin", "2026-03-29T12:00:00Z"),
            23 * HOUR
        );
        assert_eq!(
            period(Day, "Europe/Berlin", "2026-10-25T12:00:00Z"),
            pair("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z")
        );
        assert_eq!(
            length(Day, "Europe/Berlin", "2026-10-25T12:00:00Z"),
            25 * HOUR
        );
        // New York springs forward on 2026-03-08: 00:00 EST = 05:00Z to
        // 00:00 EDT on March 9 = 04:00Z.
        assert_eq!(
            period(Day, "America/New_York", "2026-03-08T12:00:00Z"),
            pair("2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z")
        );
        assert_eq!(
            length(Day, "America/New_York", "2026-11-01T12:00:00Z"),
            25 * HOUR
        );
        // A DST week and an ordinary one.
        assert_eq!(
            length(Week, "Europe/Berlin", "2026-03-27T12:00:00Z"),
            7 * DAY - HOUR
        );
        assert_eq!(
            length(Week, "Europe/Berlin", "2026-03-20T12:00:00Z"),
            7 * DAY
        );
    }

    #[test]
    fn midnight_skipped_by_dst_starts_after_the_gap() {
        // Santiago springs forward at 24:00 on Saturday 2026-09-05 (04:00Z,
        // UTC−4) to 01:00 on Sunday (UTC−3): Sunday has no midnight and
        // begins at 01:00 local = 04:00Z; it ends at 00:00 UTC−3 on Monday
        // = 03:00Z, so it lasts 23 h.
        let sunday = period(Day, "America/Santiago", "2026-09-06T12:00:00Z");
        assert_eq!(sunday, pair("2026-09-06T04:00:00Z", "2026-09-07T03:00:00Z"));
        // Saturday ends exactly where Sunday begins (24 h: 04:00Z to 04:00Z).
        assert_eq!(
            period(Day, "America/Santiago", "2026-09-06T04:00:00Z"),
            pair("2026-09-05T04:00:00Z", "2026-09-06T04:00:00Z")
        );
        // Santiago falls back at 24:00 (UTC−3) on Saturday 2026-04-04 to
        // 23:00 (UTC−4): that Saturday is 25 h, 03:00Z to 04:00Z next day.
        assert_eq!(
            period(Day, "America/Santiago", "2026-04-04T12:00:00Z"),
            pair("2026-04-04T03:00:00Z", "2026-04-05T04:00:00Z")
        );
        // Havana springs forward at 00:00 on Sunday 2026-03-08 (UTC−5 →
        // UTC−4): the day starts at 01:00 CDT = 05:00Z, ends 04:00Z on Mar 9.
        assert_eq!(
            period(Day, "America/Havana", "2026-03-08T12:00:00Z"),
            pair("2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z")
        );
        assert_eq!(
            length(Day, "America/Havana", "2026-03-08T12:00:00Z"),
            23 * HOUR
        );
    }

    #[test]
    fn a_skipped_calendar_day() {
        // Samoa skipped 2011-12-30 entirely (UTC−10 → UTC+14). Thursday the
        // 29th ran from 10:00Z on the 29th to 00:00 on the 31st = 10:00Z on
        // the 30th: still 24 hours, and the next period is the 31st.
        assert_eq!(
            period(Day, "Pacific/Apia", "2011-12-30T09:00:00Z"),
            pair("2011-12-29T10:00:00Z", "2011-12-30T10:00:00Z")
        );
        assert_eq!(
            period(Day, "Pacific/Apia", "2011-12-30T11:00:00Z"),
            pair("2011-12-30T10:00:00Z", "2011-12-31T10:00:00Z")
        );
    }

    #[test]
    fn quarters() {
        // Q2 2026 = April (30) + May (31) + June (30) = 91 days.
        assert_eq!(
            period(Quarter, "UTC", "2026-05-10T00:00:00Z"),
            pair("2026-04-01T00:00:00Z", "2026-07-01T00:00:00Z")
        );
        assert_eq!(length(Quarter, "UTC", "2026-05-10T00:00:00Z"), 91 * DAY);
        // Q4 = 31 + 30 + 31 = 92 days, ending at the new year.
        assert_eq!(
            period(Quarter, "UTC", "2026-12-31T23:59:59Z"),
            pair("2026-10-01T00:00:00Z", "2027-01-01T00:00:00Z")
        );
        // Q1 2026 = 31 + 28 + 31 = 90 days; on its last instant, still Q1.
        assert_eq!(
            period(Quarter, "UTC", "2026-04-01T00:00:00Z"),
            pair("2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z")
        );
        assert_eq!(length(Quarter, "UTC", "2026-02-01T00:00:00Z"), 90 * DAY);
        // Q1 2026 in Berlin starts in CET (Dec 31 23:00Z) and ends in CEST
        // (April 1 00:00 = March 31 22:00Z): 90 days − 1 hour.
        assert_eq!(
            period(Quarter, "Europe/Berlin", "2026-02-01T00:00:00Z"),
            pair("2025-12-31T23:00:00Z", "2026-03-31T22:00:00Z")
        );
        assert_eq!(
            length(Quarter, "Europe/Berlin", "2026-02-01T00:00:00Z"),
            90 * DAY - HOUR
        );
    }

    #[test]
    fn iso_weeks_across_the_year_end() {
        // 2026-01-01 is a Thursday; its ISO week starts Monday 2025-12-29.
        assert_eq!(
            period(Week, "UTC", "2026-01-01T12:00:00Z"),
            pair("2025-12-29T00:00:00Z", "2026-01-05T00:00:00Z")
        );
        // Monday 00:00 closes the previous week.
        assert_eq!(
            period(Week, "UTC", "2026-01-05T00:00:00Z"),
            pair("2025-12-29T00:00:00Z", "2026-01-05T00:00:00Z")
        );
        assert_eq!(
            period(Week, "UTC", "2026-01-05T00:00:01Z"),
            pair("2026-01-05T00:00:00Z", "2026-01-12T00:00:00Z")
        );
        // A Sunday belongs to the week that started six days earlier.
        assert_eq!(
            period(Week, "UTC", "2026-02-01T12:00:00Z").0,
            "2026-01-26T00:00:00Z"
        );
    }

    #[test]
    fn years() {
        assert_eq!(length(Year, "UTC", "2026-06-01T00:00:00Z"), 365 * DAY);
        assert_eq!(length(Year, "UTC", "2028-06-01T00:00:00Z"), 366 * DAY);
        // Both new years in Berlin are CET: 2025-12-31T23:00Z to 2026-12-31T23:00Z.
        assert_eq!(
            period(Year, "Europe/Berlin", "2026-06-01T00:00:00Z"),
            pair("2025-12-31T23:00:00Z", "2026-12-31T23:00:00Z")
        );
    }

    #[test]
    fn fixed_and_half_hour_offsets() {
        // 2026-03-01T00:00Z is 05:30 on March 1 at +05:30; that day began at
        // 2026-02-28T18:30Z.
        assert_eq!(
            period(Day, "+05:30", "2026-03-01T00:00:00Z"),
            pair("2026-02-28T18:30:00Z", "2026-03-01T18:30:00Z")
        );
        assert_eq!(
            period(Month, "Asia/Kolkata", "2026-03-10T00:00:00Z"),
            pair("2026-02-28T18:30:00Z", "2026-03-31T18:30:00Z")
        );
        // 2026-03-01T06:00Z is 22:00 on Feb 28 at −08:00.
        assert_eq!(
            period(Month, "-08:00", "2026-03-01T06:00:00Z"),
            pair("2026-02-01T08:00:00Z", "2026-03-01T08:00:00Z")
        );
        // Lord Howe falls back 30 minutes on 2026-04-05 (02:00 +11:00 →
        // 01:30 +10:30): the day runs from 00:00 +11 = Apr 4 13:00Z to
        // 00:00 +10:30 on Apr 6 = Apr 5 13:30Z, 24 h 30 min.
        assert_eq!(
            period(Day, "Australia/Lord_Howe", "2026-04-05T03:00:00Z"),
            pair("2026-04-04T13:00:00Z", "2026-04-05T13:30:00Z")
        );
        assert_eq!(
            length(Day, "Australia/Lord_Howe", "2026-04-05T03:00:00Z"),
            24 * HOUR + 30 * MINUTE
        );
    }

    #[test]
    fn periods_tile_time_in_every_zone() {
        // For every unit and zone, across 2025–2027 every 7 h 13 min: t lies in
        // (start, end], and the period after `end` starts at `end`.
        let zones = [
            "UTC",
            "Europe/Berlin",
            "America/Santiago",
            "America/Havana",
            "Australia/Lord_Howe",
            "Pacific/Chatham",
            "+05:30",
            "-08:00",
        ];
        for name in zones {
            let zone = zone(name);
            for unit in [Day, Week, Month, Quarter, Year] {
                let mut t = at("2025-01-01T00:00:00Z");
                while t < at("2027-12-31T00:00:00Z") {
                    let (start, end) = period_containing(unit, &zone, t);
                    assert!(
                        start < t && t <= end,
                        "{name} {unit:?} {}",
                        format_rfc3339(t)
                    );
                    let (nominal_min, nominal_max) = unit.nominal_range();
                    assert!(
                        end - start >= nominal_min - HOUR && end - start <= nominal_max + HOUR,
                        "{name} {unit:?}"
                    );
                    assert_eq!(
                        period_containing(unit, &zone, end + 1).0,
                        end,
                        "{name} {unit:?}"
                    );
                    t += 7 * HOUR + 13 * MINUTE;
                }
            }
        }
    }

    #[test]
    fn extreme_instants_do_not_panic() {
        for t in [i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX - 1, i64::MAX] {
            for unit in [Day, Week, Month, Quarter, Year] {
                let _ = period_containing(unit, &zone("Europe/Berlin"), t);
                let _ = period_containing(unit, &zone("-08:00"), t);
            }
        }
    }

    #[test]
    fn parses_units() {
        for unit in [Day, Week, Month, Quarter, Year] {
            assert_eq!(CalendarUnit::parse(unit.as_str()), Some(unit));
        }
        assert_eq!(CalendarUnit::parse("fortnight"), None);
    }

    proptest::proptest! {
        #[test]
        fn any_instant_is_inside_its_period(t in -10_000_000_000_000i64..10_000_000_000_000, unit in 0usize..5, z in 0usize..4) {
            let unit = [Day, Week, Month, Quarter, Year][unit];
            let zone = zone(["UTC", "Europe/Berlin", "America/Santiago", "-03:30"][z]);
            let (start, end) = period_containing(unit, &zone, t);
            proptest::prop_assert!(start < t && t <= end);
            proptest::prop_assert_eq!(period_containing(unit, &zone, end), (start, end));
        }
    }
}
