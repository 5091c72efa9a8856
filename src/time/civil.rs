//! The proleptic Gregorian calendar, without time zones.
//!
//! Day numbers count days since 1970-01-01 (day 0). The conversions are
//! Howard Hinnant's `days_from_civil` / `civil_from_days`, exact for every
//! year an `i32` holds.

use super::{Instant, DAY};

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    /// 1..=12
    pub month: u8,
    /// 1..=31
    pub day: u8,
}

/// A wall-clock date and time, without a zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateTime {
    pub date: Date,
    /// Milliseconds since midnight, 0..86_400_000.
    pub ms_of_day: i64,
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap_year(year) => 29,
        _ => 28,
    }
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01.
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// ISO weekday: Monday = 1 … Sunday = 7.
    pub fn iso_weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        ((self.to_days() + 3).rem_euclid(7) + 1) as u8
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// The same day-of-month `n` months later, clamped to the month's length.
    pub fn add_months(self, n: i64) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + n;
        let year = index.div_euclid(12) as i32;
        let month = (index.rem_euclid(12) + 1) as u8;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }
}

impl DateTime {
    /// The wall-clock time of a UTC instant shifted by `offset_seconds`.
    pub fn from_instant(t: Instant, offset_seconds: i32) -> DateTime {
        let local = t + i64::from(offset_seconds) * 1000;
        DateTime {
            date: Date::from_days(local.div_euclid(DAY)),
            ms_of_day: local.rem_euclid(DAY),
        }
    }

    /// The UTC instant of this wall-clock time at a fixed offset.
    pub fn to_instant(self, offset_seconds: i32) -> Instant {
        self.date.to_days() * DAY + self.ms_of_day - i64::from(offset_seconds) * 1000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_day_for_centuries() {
        for days in -200_000..200_000 {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
    }

    #[test]
    fn knows_landmark_dates() {
        assert_eq!(
            Date::from_days(0),
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        assert_eq!(Date::new(2000, 2, 29).unwrap().to_days(), 11_016);
        assert_eq!(Date::new(2026, 2, 1).unwrap().iso_weekday(), 7); // a Sunday
        assert_eq!(Date::new(2026, 11, 24).unwrap().iso_weekday(), 2); // a Tuesday
        assert!(Date::new(2026, 2, 29).is_none());
        assert!(Date::new(2028, 2, 29).is_some());
        assert_eq!(
            Date::new(2026, 1, 31).unwrap().add_months(1),
            Date::new(2026, 2, 28).unwrap()
        );
    }
}
