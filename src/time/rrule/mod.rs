//! Recurrence rules for recurring exclusions (maintenance windows): the
//! `exclude[].rrule` of a policy (docs/policy.md § Recurring exclusions).
//!
//! Two rooms: [`parse`](RRule::parse) reads the text of a rule into an
//! [`RRule`] (`parse.rs`, with every error message), and [`expand`] turns a
//! rule and its first occurrence into the occurrences that overlap a range
//! (`expand.rs`). What the evaluation does with the resulting spans is in
//! docs/arithmetic.md §4.
//!
//! Supported, a subset of RFC 5545 §3.3.10: `FREQ=DAILY|WEEKLY|MONTHLY|YEARLY`,
//! `INTERVAL`, `BYDAY` (`SU`..`SA`; with MONTHLY or YEARLY also ordinals such
//! as `1SU`, `-1FR`), `BYMONTHDAY` (negative counts from the month's end),
//! `BYMONTH`, `BYHOUR`, `BYMINUTE`, `COUNT`, `UNTIL` and `WKST`. `BYSETPOS`,
//! `BYYEARDAY`, `BYWEEKNO`, `BYSECOND` and sub-daily frequencies are refused
//! with a message saying what is supported.
//!
//! Edge cases, as RFC 5545 §3.3.10 and §3.8.5.3 fix them, with the
//! exclusion's first start as DTSTART: that first occurrence always counts
//! (also toward `COUNT`), candidates before it are dropped, dates that do not
//! exist (February 30) are skipped, and `UNTIL` is inclusive. Recurrence is by
//! wall clock in the exclusion's `timeZone`, so a 02:00 Sunday window stays at
//! 02:00 local across DST; a wall time skipped by a DST gap starts at the
//! first instant after the gap, as everywhere in [`Zone::instant_of`]
//! (docs/policy.md § Time zones).
//!
//! [`Zone::instant_of`]: super::zone::Zone::instant_of

mod expand;
mod parse;

pub use expand::{expand, MAX_OCCURRENCES};

use super::civil::{Date, DateTime};
use super::Instant;

/// How often the rule repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// A `BYDAY` entry: a weekday, optionally the n-th (or n-th from last) of
/// the month (MONTHLY) or year (YEARLY without BYMONTH).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeekdayNum {
    /// 0 = every such weekday; 1 = first, -1 = last, …
    pub ordinal: i8,
    /// ISO weekday: Monday = 1 … Sunday = 7.
    pub weekday: u8,
}

/// The inclusive end of a recurrence, in the form it was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Until {
    /// `20260301T000000Z` or RFC 3339: the last start allowed.
    Instant(Instant),
    /// `20260301T000000` (no `Z`): a wall-clock time in the rule's zone.
    Local(DateTime),
    /// `20260301`: occurrences starting on that local date or earlier.
    Date(Date),
}

/// A parsed `RRULE` value such as `FREQ=WEEKLY;BYDAY=SU`.
#[derive(Clone, Debug, PartialEq)]
pub struct RRule {
    /// The rule as written (trimmed).
    pub text: String,
    freq: Freq,
    interval: u32,
    by_day: Vec<WeekdayNum>,
    by_month_day: Vec<i8>,
    by_month: Vec<u8>,
    by_hour: Vec<u8>,
    by_minute: Vec<u8>,
    count: Option<u32>,
    until: Option<Until>,
    /// ISO weekday the week starts on (WKST, default Monday).
    week_start: u8,
}

impl RRule {
    pub fn freq(&self) -> Freq {
        self.freq
    }

    pub fn interval(&self) -> u32 {
        self.interval
    }

    pub fn count(&self) -> Option<u32> {
        self.count
    }

    pub fn until(&self) -> Option<Until> {
        self.until
    }
}

/// Parses `text`, failing the test with the message if it is not a rule.
#[cfg(test)]
fn rule(text: &str) -> RRule {
    RRule::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}
