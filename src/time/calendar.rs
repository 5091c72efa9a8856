//! Calendar periods: the day, ISO week, month, quarter or year that contains
//! an instant, in a time zone.
//!
//! OWNER: time helper.

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
pub fn period_containing(unit: CalendarUnit, zone: &Zone, t: Instant) -> (Instant, Instant) {
    let _ = (unit, zone, t);
    todo!("time helper")
}
