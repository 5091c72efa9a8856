//! From an [`RRule`] and its first occurrence to the occurrences that
//! overlap a range, by wall clock in the exclusion's zone.

use super::{Freq, RRule, Until, WeekdayNum};
use crate::time::civil::{days_in_month, is_leap_year, Date, DateTime};
use crate::time::zone::Zone;
use crate::time::{Instant, Millis, HOUR, MINUTE};

/// At most this many occurrences are returned by one [`expand`] call (a
/// minute-by-minute rule over a quarter is ~130,000); the rest are dropped.
pub const MAX_OCCURRENCES: usize = 100_000;

/// The work one [`expand`] call may do, in dates and candidate times
/// examined (a period costs its length in days, up to 366 for a year), so no
/// rule — not even one that never matches, such as
/// `FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30` — can run long. Rules without
/// `COUNT` start near the requested range, so this only limits `COUNT` rules
/// whose range lies thousands of years of daily periods from their start.
const MAX_WORK: u64 = 1_000_000;

/// Margin in days between a wall-clock date and the instants it may name:
/// UTC offsets stay within ±26 hours.
const DATE_MARGIN: i64 = 3;

/// The occurrences of `[first_start, first_start + duration)` repeated by
/// `rule` (wall-clock recurrence in `zone`, so a 02:00 Sunday window stays at
/// 02:00 local across DST), that overlap `(from, to]`, as sorted `[start, end)`
/// pairs.
///
/// An occurrence overlaps when `start <= to` and `end > from`. The first
/// occurrence is `first_start` itself (like DTSTART), even when the rule
/// would not produce it, and counts toward `COUNT`. Occurrences that map to
/// the same instant (two wall times in one DST gap) are returned once. A
/// `duration <= 0` or an empty range gives no occurrences.
///
/// The work is bounded: rules without `COUNT` start at the period just
/// before `from` rather than at `first_start`; at most [`MAX_OCCURRENCES`]
/// are returned, and a fixed number of periods and candidates is examined.
pub fn expand(
    rule: &RRule,
    first_start: Instant,
    duration: Millis,
    zone: &Zone,
    from: Instant,
    to: Instant,
) -> Vec<(Instant, Instant)> {
    let mut out = Overlapping {
        list: Vec::new(),
        duration,
        from,
        to,
    };
    if duration <= 0 || from >= to || first_start > to {
        return out.list;
    }
    out.offer(first_start);
    if rule.count == Some(1) {
        return out.list;
    }
    let first = zone.local(first_start);
    let earliest_useful = zone
        .local(from.saturating_sub(duration))
        .date
        .add_days(-DATE_MARGIN);
    let last_useful = zone.local(to).date.add_days(DATE_MARGIN);
    let periods = Periods::new(rule, first.date);
    let times = rule.times_of_day(first.ms_of_day);
    let until = rule.until.map(|u| UntilCheck::new(u, zone));
    // With COUNT every occurrence from the first must be counted; without
    // it, periods that end before the range can be skipped outright.
    let first_period = if rule.count.is_some() {
        0
    } else {
        periods.index_before(earliest_useful)
    };
    let mut counted: u64 = 1;
    let mut work: u64 = 0;
    for k in first_period.. {
        let period_start = periods.start(k);
        work += periods.cost();
        if period_start > last_useful || work > MAX_WORK {
            break;
        }
        for date in rule.dates_in_period(period_start, first.date) {
            for &ms_of_day in &times {
                let wall = DateTime { date, ms_of_day };
                if wall <= first {
                    continue; // RFC 5545 §3.8.5.3: nothing before DTSTART; DTSTART itself is already in.
                }
                work += 1;
                let within_until = until.as_ref().is_none_or(|u| u.allows(wall, zone));
                let within_count = rule.count.is_none_or(|c| counted < u64::from(c));
                if !within_until || !within_count || work > MAX_WORK {
                    return out.list;
                }
                counted += 1;
                if date < earliest_useful {
                    continue; // counted, but ends before `from`
                }
                if !out.offer(zone.instant_of(wall)) {
                    return out.list;
                }
            }
        }
    }
    out.list
}

/// Collects occurrences that overlap `(from, to]`.
struct Overlapping {
    list: Vec<(Instant, Instant)>,
    duration: Millis,
    from: Instant,
    to: Instant,
}

impl Overlapping {
    /// Adds the occurrence starting at `start` if it overlaps the range.
    /// Returns false once no later occurrence can be wanted (past `to`, or
    /// the list is full).
    fn offer(&mut self, start: Instant) -> bool {
        if start > self.to {
            return false;
        }
        let end = start.saturating_add(self.duration);
        let repeated = self.list.last().is_some_and(|&(last, _)| last >= start);
        if end > self.from && !repeated {
            self.list.push((start, end));
        }
        self.list.len() < MAX_OCCURRENCES
    }
}

/// UNTIL, resolved against the zone once.
struct UntilCheck {
    until: Until,
    /// For an instant: its local date, to decide most candidates without
    /// converting them to instants.
    local_date: Date,
}

impl UntilCheck {
    fn new(until: Until, zone: &Zone) -> UntilCheck {
        let local_date = match until {
            Until::Instant(t) => zone.local(t).date,
            Until::Local(dt) => dt.date,
            Until::Date(d) => d,
        };
        UntilCheck { until, local_date }
    }

    fn allows(&self, wall: DateTime, zone: &Zone) -> bool {
        match self.until {
            Until::Date(d) => wall.date <= d,
            Until::Local(dt) => wall <= dt,
            Until::Instant(t) => {
                let days = wall.date.to_days() - self.local_date.to_days();
                if days.abs() > DATE_MARGIN {
                    days < 0
                } else {
                    zone.instant_of(wall) <= t
                }
            }
        }
    }
}

/// Where the recurrence periods start: period `k` is the `k × INTERVAL`-th
/// day, week, month or year after the first occurrence's.
struct Periods {
    freq: Freq,
    interval: i64,
    /// The first occurrence's day (DAILY), week start (WEEKLY), or month
    /// index `year × 12 + month − 1` (MONTHLY, YEARLY) as a day/month number.
    origin: i64,
}

impl Periods {
    fn new(rule: &RRule, first: Date) -> Periods {
        let origin = match rule.freq {
            Freq::Daily => first.to_days(),
            Freq::Weekly => week_start(first, rule.week_start).to_days(),
            Freq::Monthly | Freq::Yearly => month_index(first),
        };
        Periods {
            freq: rule.freq,
            interval: i64::from(rule.interval),
            origin,
        }
    }

    /// The first day of period `k`.
    fn start(&self, k: i64) -> Date {
        let step = k.saturating_mul(self.interval);
        match self.freq {
            Freq::Daily => Date::from_days(self.origin.saturating_add(step)),
            Freq::Weekly => Date::from_days(self.origin.saturating_add(step.saturating_mul(7))),
            Freq::Monthly => month_start(self.origin.saturating_add(step)),
            Freq::Yearly => {
                month_start(self.origin - self.origin.rem_euclid(12) + step.saturating_mul(12))
            }
        }
    }

    /// What generating one period's dates costs, in days examined.
    fn cost(&self) -> u64 {
        match self.freq {
            Freq::Daily => 1,
            Freq::Weekly => 7,
            Freq::Monthly => 31,
            Freq::Yearly => 366,
        }
    }

    /// The last period that ends before `date` by a whole period (0 if none),
    /// so starting there skips only periods that end before `date`.
    fn index_before(&self, date: Date) -> i64 {
        let elapsed = match self.freq {
            Freq::Daily => date.to_days() - self.origin,
            Freq::Weekly => (date.to_days() - self.origin).div_euclid(7),
            Freq::Monthly => month_index(date) - self.origin,
            Freq::Yearly => (month_index(date) - self.origin).div_euclid(12),
        };
        (elapsed.div_euclid(self.interval) - 1).max(0)
    }
}

impl RRule {
    /// The wall-clock times of day of each occurrence, sorted: BYHOUR ×
    /// BYMINUTE, each defaulting to the first occurrence's, which also gives
    /// the seconds.
    fn times_of_day(&self, first: Millis) -> Vec<Millis> {
        let hours = if self.by_hour.is_empty() {
            vec![first / HOUR]
        } else {
            self.by_hour.iter().map(|&h| i64::from(h)).collect()
        };
        let minutes = if self.by_minute.is_empty() {
            vec![first % HOUR / MINUTE]
        } else {
            self.by_minute.iter().map(|&m| i64::from(m)).collect()
        };
        let rest = first % MINUTE;
        let mut times: Vec<Millis> = hours
            .iter()
            .flat_map(|h| minutes.iter().map(move |m| h * HOUR + m * MINUTE + rest))
            .collect();
        crate::sort::sort(&mut times);
        times.dedup();
        times
    }

    /// The dates of the period starting on `start`, sorted. `first` is the
    /// first occurrence's date, whose weekday / day of month / month is used
    /// where the rule names none.
    fn dates_in_period(&self, start: Date, first: Date) -> Vec<Date> {
        let mut dates = match self.freq {
            Freq::Daily => vec![start],
            Freq::Weekly => self.week_dates(start, first),
            Freq::Monthly => self.month_dates(start.year, start.month, first.day),
            Freq::Yearly => self.year_dates(start.year, first),
        };
        dates.retain(|d| self.day_filters_allow(*d));
        dates
    }

    fn week_dates(&self, week: Date, first: Date) -> Vec<Date> {
        let offset = |weekday: u8| i64::from(weekday + 7 - self.week_start) % 7;
        let mut offsets: Vec<i64> = if self.by_day.is_empty() {
            vec![offset(first.iso_weekday())]
        } else {
            self.by_day.iter().map(|d| offset(d.weekday)).collect()
        };
        crate::sort::sort(&mut offsets);
        offsets.dedup();
        offsets.into_iter().map(|o| week.add_days(o)).collect()
    }

    /// The days of a month: BYMONTHDAY's, or with only BYDAY every day (the
    /// BYDAY filter picks), or else the first occurrence's day if the month
    /// has it (the 31st skips 30-day months: RFC 5545 §3.3.10 ignores invalid dates).
    fn month_dates(&self, year: i32, month: u8, default_day: u8) -> Vec<Date> {
        let length = days_in_month(year, month);
        let mut days: Vec<u8> = if !self.by_month_day.is_empty() {
            self.by_month_day
                .iter()
                .filter_map(|&d| resolve_month_day(d, length))
                .collect()
        } else if !self.by_day.is_empty() {
            (1..=length).collect()
        } else {
            (default_day <= length)
                .then_some(default_day)
                .into_iter()
                .collect()
        };
        crate::sort::sort(&mut days);
        days.dedup();
        days.into_iter()
            .filter_map(|d| Date::new(year, month, d))
            .collect()
    }

    /// YEARLY: the months of BYMONTH (or every month when BYMONTHDAY or BYDAY
    /// picks days, else the first occurrence's month), each expanded like
    /// MONTHLY. BYDAY ordinals without BYMONTH count weeks of the year.
    fn year_dates(&self, year: i32, first: Date) -> Vec<Date> {
        if self.by_month.is_empty() && self.by_day.iter().any(|d| d.ordinal != 0) {
            let start = Date {
                year,
                month: 1,
                day: 1,
            };
            let length = if is_leap_year(year) { 366 } else { 365 };
            return (0..length).map(|i| start.add_days(i)).collect();
        }
        let months: Vec<u8> = if !self.by_month.is_empty() {
            self.by_month.clone()
        } else if !self.by_month_day.is_empty() || !self.by_day.is_empty() {
            (1..=12).collect()
        } else {
            vec![first.month]
        };
        months
            .into_iter()
            .flat_map(|m| self.month_dates(year, m, first.day))
            .collect()
    }

    /// BYMONTH, BYMONTHDAY and BYDAY as filters on one date.
    fn day_filters_allow(&self, date: Date) -> bool {
        let month_ok = self.by_month.is_empty() || self.by_month.contains(&date.month);
        let length = days_in_month(date.year, date.month);
        let month_day_ok = self.by_month_day.is_empty()
            || self
                .by_month_day
                .iter()
                .any(|&d| resolve_month_day(d, length) == Some(date.day));
        let weekday_ok =
            self.by_day.is_empty() || self.by_day.iter().any(|d| self.weekday_matches(*d, date));
        month_ok && month_day_ok && weekday_ok
    }

    /// Whether `date` is the `day` (e.g. every Sunday, the first Sunday, the
    /// last Friday) — of the month, or of the year for YEARLY without BYMONTH.
    fn weekday_matches(&self, day: WeekdayNum, date: Date) -> bool {
        if date.iso_weekday() != day.weekday {
            return false;
        }
        if day.ordinal == 0 {
            return true;
        }
        let (index, length) = if self.freq == Freq::Yearly && self.by_month.is_empty() {
            let jan1 = Date {
                year: date.year,
                month: 1,
                day: 1,
            };
            (
                date.to_days() - jan1.to_days(),
                if is_leap_year(date.year) { 366 } else { 365 },
            )
        } else {
            (
                i64::from(date.day) - 1,
                i64::from(days_in_month(date.year, date.month)),
            )
        };
        let nth = if day.ordinal > 0 {
            index / 7 + 1
        } else {
            -((length - 1 - index) / 7 + 1)
        };
        nth == i64::from(day.ordinal)
    }
}

/// BYMONTHDAY `d` in a month of `length` days: `-1` is the last day;
/// `None` when the month has no such day.
fn resolve_month_day(d: i8, length: u8) -> Option<u8> {
    let length = i16::from(length);
    let day = if d > 0 {
        i16::from(d)
    } else {
        length + 1 + i16::from(d)
    };
    (1..=length).contains(&day).then_some(day as u8)
}

fn week_start(date: Date, week_start: u8) -> Date {
    date.add_days(-i64::from((date.iso_weekday() + 7 - week_start) % 7))
}

fn month_index(date: Date) -> i64 {
    i64::from(date.year) * 12 + i64::from(date.month) - 1
}

fn month_start(index: i64) -> Date {
    // Saturating arithmetic can take the index beyond i32 years; the period
    // loop stops long before such dates, so wrapping is harmless.
    Date {
        year: index.div_euclid(12) as i32,
        month: (index.rem_euclid(12) + 1) as u8,
        day: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::rrule::rule;
    use crate::time::{format_rfc3339, parse_rfc3339, DAY, WEEK};

    fn at(text: &str) -> Instant {
        parse_rfc3339(text).unwrap()
    }

    /// Occurrence starts as RFC 3339 text.
    fn starts(
        text: &str,
        first: &str,
        duration: Millis,
        zone: &str,
        from: &str,
        to: &str,
    ) -> Vec<String> {
        let zone = Zone::get(zone).unwrap();
        expand(&rule(text), at(first), duration, &zone, at(from), at(to))
            .into_iter()
            .map(|(s, _)| format_rfc3339(s))
            .collect()
    }

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn weekly_sunday_window_keeps_local_time_across_dst() {
        // 02:00–04:00 Berlin every Sunday, first on 2026-03-22 (CET: 01:00Z).
        // March 29 is the spring-forward day: 02:00 does not exist, so the
        // window starts at the first instant after the gap, 03:00 CEST =
        // 01:00Z. From April 5 on, 02:00 CEST = 00:00Z.
        let got = starts(
            "FREQ=WEEKLY;BYDAY=SU",
            "2026-03-22T01:00:00Z",
            2 * HOUR,
            "Europe/Berlin",
            "2026-03-20T00:00:00Z",
            "2026-04-13T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&[
                "2026-03-22T01:00:00Z",
                "2026-03-29T01:00:00Z",
                "2026-04-05T00:00:00Z",
                "2026-04-12T00:00:00Z"
            ])
        );
        // Autumn: 02:00 on 2026-10-25 happens twice; the earlier is 00:00Z (CEST).
        let got = starts(
            "FREQ=WEEKLY",
            "2026-10-18T00:00:00Z",
            HOUR,
            "Europe/Berlin",
            "2026-10-20T00:00:00Z",
            "2026-11-02T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&["2026-10-25T00:00:00Z", "2026-11-01T01:00:00Z"])
        );
    }

    #[test]
    fn occurrences_carry_their_duration_and_overlap_rule() {
        let zone = Zone::utc();
        let daily = rule("FREQ=DAILY");
        let first = at("2026-02-01T02:00:00Z");
        // The range (Feb 3 03:00, Feb 4 02:00]: the Feb 3 window [02:00,
        // 04:00) overlaps it; Feb 4's starts exactly at `to` (included).
        let got = expand(
            &daily,
            first,
            2 * HOUR,
            &zone,
            at("2026-02-03T03:00:00Z"),
            at("2026-02-04T02:00:00Z"),
        );
        assert_eq!(
            got,
            vec![
                (at("2026-02-03T02:00:00Z"), at("2026-02-03T04:00:00Z")),
                (at("2026-02-04T02:00:00Z"), at("2026-02-04T04:00:00Z"))
            ]
        );
        // A window ending exactly at `from` does not overlap (from, to].
        let got = expand(
            &daily,
            first,
            2 * HOUR,
            &zone,
            at("2026-02-03T04:00:00Z"),
            at("2026-02-04T01:00:00Z"),
        );
        assert!(got.is_empty(), "{got:?}");
        // Degenerate inputs give nothing.
        assert!(expand(&daily, first, 0, &zone, 0, i64::MAX).is_empty());
        assert!(expand(
            &daily,
            first,
            HOUR,
            &zone,
            at("2026-02-05T00:00:00Z"),
            at("2026-02-05T00:00:00Z")
        )
        .is_empty());
        assert!(expand(
            &daily,
            first,
            HOUR,
            &zone,
            at("2026-01-01T00:00:00Z"),
            at("2026-01-31T00:00:00Z")
        )
        .is_empty());
    }

    #[test]
    fn weekly_with_interval_and_several_days() {
        // First start Wednesday 2026-01-07 10:00Z. Weeks (Monday-based)
        // counted from the week of Jan 5; every 2nd week: Jan 5, Jan 19, Feb 2.
        // Monday Jan 5 precedes DTSTART and is dropped.
        let got = starts(
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR",
            "2026-01-07T10:00:00Z",
            HOUR,
            "UTC",
            "2026-01-01T00:00:00Z",
            "2026-02-07T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&[
                "2026-01-07T10:00:00Z",
                "2026-01-09T10:00:00Z",
                "2026-01-19T10:00:00Z",
                "2026-01-23T10:00:00Z",
                "2026-02-02T10:00:00Z",
                "2026-02-06T10:00:00Z"
            ])
        );
        // WKST=SU moves the week boundary: weeks start Sun Jan 4, Jan 18, Feb 1;
        // the SU of each counted week.
        let got = starts(
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;WKST=SU",
            "2026-01-07T10:00:00Z",
            HOUR,
            "UTC",
            "2026-01-08T00:00:00Z",
            "2026-02-07T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&["2026-01-18T10:00:00Z", "2026-02-01T10:00:00Z"])
        );
        // With WKST=MO the Sundays of counted weeks are Jan 11, Jan 25.
        let got = starts(
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU",
            "2026-01-07T10:00:00Z",
            HOUR,
            "UTC",
            "2026-01-08T00:00:00Z",
            "2026-02-07T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&["2026-01-11T10:00:00Z", "2026-01-25T10:00:00Z"])
        );
    }

    #[test]
    fn monthly_forms() {
        // First Sunday of each month, 2026: Feb 1, Mar 1, Apr 5, May 3.
        let got = starts(
            "FREQ=MONTHLY;BYDAY=1SU",
            "2026-02-01T02:00:00Z",
            HOUR,
            "UTC",
            "2026-01-01T00:00:00Z",
            "2026-05-31T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&[
                "2026-02-01T02:00:00Z",
                "2026-03-01T02:00:00Z",
                "2026-04-05T02:00:00Z",
                "2026-05-03T02:00:00Z"
            ])
        );
        // Last Friday: Jan 30, Feb 27, Mar 27.
        let got = starts(
            "FREQ=MONTHLY;BYDAY=-1FR",
            "2026-01-30T22:00:00Z",
            HOUR,
            "UTC",
            "2026-01-01T00:00:00Z",
            "2026-03-31T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&[
                "2026-01-30T22:00:00Z",
                "2026-02-27T22:00:00Z",
                "2026-03-27T22:00:00Z"
            ])
        );
        // Last day of the month: Jan 31, Feb 28, Mar 31, Apr 30.
        let got = starts(
            "FREQ=MONTHLY;BYMONTHDAY=-1",
            "2026-01-31T23:00:00Z",
            HOUR,
            "UTC",
            "2026-01-01T00:00:00Z",
            "2026-05-01T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&[
                "2026-01-31T23:00:00Z",
                "2026-02-28T23:00:00Z",
                "2026-03-31T23:00:00Z",
                "2026-04-30T23:00:00Z"
            ])
        );
        // Without BYMONTHDAY the first start's day (31) repeats and skips
        // shorter months, as RFC 5545 says: Jan 31, Mar 31, May 31.
        let got = starts(
            "FREQ=MONTHLY",
            "2026-01-31T12:00:00Z",
            HOUR,
            "UTC",
            "2026-01-01T00:00:00Z",
            "2026-06-15T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&[
                "2026-01-31T12:00:00Z",
                "2026-03-31T12:00:00Z",
                "2026-05-31T12:00:00Z"
            ])
        );
        // Friday the 13th (BYDAY limits BYMONTHDAY): in 2026, February, March
        // and November.
        let got = starts(
            "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
            "2026-01-01T00:00:00Z",
            HOUR,
            "UTC",
            "2026-01-02T00:00:00Z",
            "2026-12-31T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&[
                "2026-02-13T00:00:00Z",
                "2026-03-13T00:00:00Z",
                "2026-11-13T00:00:00Z"
            ])
        );
        // Every 3rd month on the 1st: Jan, Apr, Jul, Oct.
        let got = starts(
            "FREQ=MONTHLY;INTERVAL=3",
            "2026-01-01T00:00:00Z",
            HOUR,
            "UTC",
            "2026-01-02T00:00:00Z",
            "2027-01-01T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&[
                "2026-04-01T00:00:00Z",
                "2026-07-01T00:00:00Z",
                "2026-10-01T00:00:00Z",
                "2027-01-01T00:00:00Z"
            ])
        );
    }

    #[test]
    fn yearly_forms() {
        // Christmas Eve, from 2026: 2026, 2027, 2028.
        let got = starts(
            "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24",
            "2026-12-24T00:00:00Z",
            DAY,
            "UTC",
            "2026-01-01T00:00:00Z",
            "2028-12-31T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&[
                "2026-12-24T00:00:00Z",
                "2027-12-24T00:00:00Z",
                "2028-12-24T00:00:00Z"
            ])
        );
        // Feb 29 recurs only in leap years: 2028, 2032.
        let got = starts(
            "FREQ=YEARLY",
            "2024-02-29T00:00:00Z",
            HOUR,
            "UTC",
            "2025-01-01T00:00:00Z",
            "2033-01-01T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"])
        );
        // Thanksgiving (4th Thursday of November): 2026-11-26, 2027-11-25.
        let got = starts(
            "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
            "2026-11-26T15:00:00Z",
            HOUR,
            "UTC",
            "2026-01-01T00:00:00Z",
            "2027-12-31T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&["2026-11-26T15:00:00Z", "2027-11-25T15:00:00Z"])
        );
        // Without BYMONTH an ordinal counts in the year: the last Monday of
        // 2026 is Dec 28, of 2027 Dec 27.
        let got = starts(
            "FREQ=YEARLY;BYDAY=-1MO",
            "2026-12-28T00:00:00Z",
            HOUR,
            "UTC",
            "2026-01-01T00:00:00Z",
            "2027-12-31T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&["2026-12-28T00:00:00Z", "2027-12-27T00:00:00Z"])
        );
    }

    #[test]
    fn count_includes_the_first_occurrence() {
        // COUNT=3 from Monday Jan 5 (itself the first): Jan 5, 6, 7.
        let got = starts(
            "FREQ=DAILY;COUNT=3",
            "2026-01-05T09:00:00Z",
            HOUR,
            "UTC",
            "2026-01-01T00:00:00Z",
            "2026-02-01T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&[
                "2026-01-05T09:00:00Z",
                "2026-01-06T09:00:00Z",
                "2026-01-07T09:00:00Z"
            ])
        );
        // A first start that the rule would not produce (a Wednesday, rule
        // says Sundays) still counts: COUNT=2 gives it and Sunday Jan 11.
        let got = starts(
            "FREQ=WEEKLY;BYDAY=SU;COUNT=2",
            "2026-01-07T09:00:00Z",
            HOUR,
            "UTC",
            "2026-01-01T00:00:00Z",
            "2026-02-01T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&["2026-01-07T09:00:00Z", "2026-01-11T09:00:00Z"])
        );
        // COUNT counts from the first occurrence even when the range starts
        // later: the 10th daily occurrence from Jan 1 is Jan 10.
        let got = starts(
            "FREQ=DAILY;COUNT=10",
            "2026-01-01T09:00:00Z",
            HOUR,
            "UTC",
            "2026-01-08T00:00:00Z",
            "2026-02-01T00:00:00Z",
        );
        assert_eq!(
            got,
            strings(&[
                "2026-01-08T09:00:00Z",
                "2026-01-09T09:00:00Z",
                "2026-01-10T09:00:00Z"
            ])
        );
        assert_eq!(
            starts(
                "FREQ=DAILY;COUNT=1",
                "2026-01-01T09:00:00Z",
                HOUR,
                "UTC",
                "2026-01-01T00:00:00Z",
                "2026-02-01T00:00:00Z"
            )
            .len(),
            1
        );
    }

    #[test]
    fn until_is_inclusive_in_each_form() {
        let range = ("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z");
        let run = |until: &str| {
            starts(
                &format!("FREQ=DAILY;UNTIL={until}"),
                "2026-01-01T09:00:00Z",
                HOUR,
                "Europe/Berlin",
                range.0,
                range.1,
            )
        };
        // 09:00Z = 10:00 CET. Inclusive: an UNTIL at exactly Jan 3 09:00Z keeps Jan 3.
        assert_eq!(run("20260103T090000Z").len(), 3);
        assert_eq!(run("20260103T085959Z").len(), 2);
        assert_eq!(run("2026-01-03T10:00:00+01:00").len(), 3);
        // A date: every occurrence on local Jan 3 or before.
        assert_eq!(run("20260103").len(), 3);
        // Floating local time: 10:00 Berlin on Jan 3 keeps Jan 3, 09:59 not.
        assert_eq!(run("20260103T100000").len(), 3);
        assert_eq!(run("20260103T095900").len(), 2);
    }

    #[test]
    fn byhour_and_byminute_expand_times_of_day() {
        // 00:00 and 12:00, at :00 and :30, daily from Jan 1 00:00: Jan 1 has
        // 00:00, 00:30, 12:00, 12:30.
        let got = starts(
            "FREQ=DAILY;BYHOUR=0,12;BYMINUTE=0,30",
            "2026-01-01T00:00:00Z",
            10 * MINUTE,
            "UTC",
            "2025-12-31T00:00:00Z",
            "2026-01-01T23:00:00Z",
        );
        assert_eq!(
            got,
            strings(&[
                "2026-01-01T00:00:00Z",
                "2026-01-01T00:30:00Z",
                "2026-01-01T12:00:00Z",
                "2026-01-01T12:30:00Z"
            ])
        );
        // In a DST gap, 02:00 and 02:30 both map to 03:00 CEST; returned once.
        let got = starts(
            "FREQ=DAILY;BYHOUR=2;BYMINUTE=0,30",
            "2026-03-28T01:00:00Z",
            10 * MINUTE,
            "Europe/Berlin",
            "2026-03-29T00:00:00Z",
            "2026-03-29T12:00:00Z",
        );
        assert_eq!(got, strings(&["2026-03-29T01:00:00Z"]));
    }

    #[test]
    fn long_histories_jump_to_the_range() {
        // First start in 2000, a daily window; ask for one day in 2026. The
        // answer is one occurrence, and it must come fast (no 9,500-day walk
        // of instant conversions — checked loosely by the time budget below).
        let clock = std::time::Instant::now();
        let got = starts(
            "FREQ=DAILY",
            "2000-01-01T03:00:00Z",
            HOUR,
            "Europe/Berlin",
            "2026-02-10T00:00:00Z",
            "2026-02-11T00:00:00Z",
        );
        assert_eq!(got, strings(&["2026-02-10T03:00:00Z"]));
        let got = starts(
            "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU",
            "2000-01-02T03:00:00Z",
            HOUR,
            "UTC",
            "2026-01-01T00:00:00Z",
            "2026-02-01T00:00:00Z",
        );
        // 2000-01-02 is a Sunday; 2026-01-04 is 9,499 days = 1,357 weeks
        // later; 1,357 = 3 × 452 + 1, so Jan 4 is not a counted week; Jan 11
        // (1,358 weeks, not divisible by 3) neither; Jan 18 (1,359 = 3 × 453)
        // is.
        assert_eq!(got, strings(&["2026-01-18T03:00:00Z"]));
        // A huge INTERVAL simply never repeats within the range.
        let got = starts(
            "FREQ=DAILY;INTERVAL=4294967295",
            "2000-01-01T00:00:00Z",
            HOUR,
            "UTC",
            "1999-12-31T00:00:00Z",
            "2100-01-01T00:00:00Z",
        );
        assert_eq!(got, strings(&["2000-01-01T00:00:00Z"]));
        assert!(clock.elapsed().as_secs() < 2);
    }

    #[test]
    fn work_and_output_are_bounded() {
        let zone = Zone::utc();
        // Every minute of every day for ~190 years: capped at MAX_OCCURRENCES.
        let every_minute = rule(&format!(
            "FREQ=DAILY;BYHOUR={};BYMINUTE={}",
            (0..24).map(|h| h.to_string()).collect::<Vec<_>>().join(","),
            (0..60).map(|m| m.to_string()).collect::<Vec<_>>().join(",")
        ));
        let got = expand(&every_minute, 0, MINUTE, &zone, -1, 6_000_000_000_000);
        assert_eq!(got.len(), MAX_OCCURRENCES);
        assert!(got.windows(2).all(|w| w[0].0 < w[1].0));
        // A rule that never matches ends (February 30th).
        let never = rule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30");
        assert_eq!(expand(&never, 0, HOUR, &zone, -1, i64::MAX).len(), 1);
        // A COUNT rule whose range is millennia away: bounded, no panic.
        let counted = rule("FREQ=DAILY;COUNT=4000000000");
        let _ = expand(&counted, 0, HOUR, &zone, i64::MAX - WEEK, i64::MAX);
    }

    #[test]
    fn extreme_inputs_do_not_panic() {
        let zones = [
            Zone::utc(),
            Zone::get("Europe/Berlin").unwrap(),
            Zone::get("-08:00").unwrap(),
        ];
        let rules = [
            "FREQ=DAILY",
            "FREQ=WEEKLY;BYDAY=MO,SU",
            "FREQ=MONTHLY;BYDAY=-1SU",
            "FREQ=YEARLY;BYDAY=53MO",
            "FREQ=MONTHLY;INTERVAL=4294967295",
            "FREQ=DAILY;UNTIL=20260101",
        ];
        let instants = [i64::MIN, -1, 0, at("2026-01-01T00:00:00Z"), i64::MAX];
        for zone in &zones {
            for text in rules {
                let r = rule(text);
                for &first in &instants {
                    for &from in &instants {
                        let _ = expand(&r, first, HOUR, zone, from, from.saturating_add(30 * DAY));
                    }
                }
                // Everything overlaps: stops at MAX_OCCURRENCES.
                let all = expand(&r, i64::MIN, i64::MAX, zone, i64::MIN, i64::MAX);
                assert!(all.len() <= MAX_OCCURRENCES);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn expansions_are_sorted_overlapping_and_bounded(
            text in "FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;INTERVAL=[1-9])?(;BYDAY=(MO|-1SU|2FR|SA,SU))?(;COUNT=[1-9][0-9]?)?",
            first in -2_000_000_000_000i64..2_000_000_000_000,
            duration in 1i64..10 * DAY,
            from in -2_000_000_000_000i64..2_000_000_000_000,
            span in 1i64..400 * DAY,
        ) {
            let Ok(r) = RRule::parse(&text) else { return Ok(()) };
            let zone = Zone::get("Europe/Berlin").unwrap();
            let to = from + span;
            let got = expand(&r, first, duration, &zone, from, to);
            proptest::prop_assert!(got.windows(2).all(|w| w[0].0 < w[1].0));
            proptest::prop_assert!(got.iter().all(|&(s, e)| e - s == duration && s <= to && e > from && s >= first));
            if let Some(count) = r.count() {
                proptest::prop_assert!(got.len() <= count as usize);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn jumping_ahead_matches_walking_from_the_start(
            text in "FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;INTERVAL=[1-9])?(;BYDAY=(MO|-1SU|2FR|SA,SU))?(;BYHOUR=1,2,3)?",
            from in 1_700_000_000_000i64..1_800_000_000_000,
            back in 0i64..1_000 * DAY,
            duration in 1i64..3 * DAY,
            span in 1i64..60 * DAY,
        ) {
            let Ok(r) = RRule::parse(&text) else { return Ok(()) };
            let zone = Zone::get("America/Santiago").unwrap();
            let (first, to) = (from - back, from + span);
            let jumped = expand(&r, first, duration, &zone, from, to);
            let walked: Vec<_> = expand(&r, first, duration, &zone, first - 1, to).into_iter().filter(|&(_, e)| e > from).collect();
            proptest::prop_assert_eq!(jumped, walked);
        }
    }
}
