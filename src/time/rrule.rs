//! RFC 5545 recurrence rules for recurring exclusions (maintenance windows).
//!
//! OWNER: time helper.

use super::zone::Zone;
use super::{Instant, Millis};

/// A parsed `RRULE` value such as `FREQ=WEEKLY;BYDAY=SU`.
#[derive(Clone, Debug, PartialEq)]
pub struct RRule {
    pub text: String,
}

impl RRule {
    /// Parses the value of an RRULE (with or without a leading `RRULE:`).
    /// Errors name the part that is wrong and what is supported.
    pub fn parse(text: &str) -> Result<RRule, String> {
        let _ = text;
        todo!("time helper")
    }
}

/// The occurrences of `[first_start, first_start + duration)` repeated by
/// `rule` (wall-clock recurrence in `zone`, so a 02:00 Sunday window stays at
/// 02:00 local across DST), that overlap `(from, to]`, as sorted `[start, end)`
/// pairs.
pub fn expand(rule: &RRule, first_start: Instant, duration: Millis, zone: &Zone, from: Instant, to: Instant) -> Vec<(Instant, Instant)> {
    let _ = (rule, first_start, duration, zone, from, to);
    todo!("time helper")
}
