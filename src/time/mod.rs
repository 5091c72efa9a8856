//! Time: instants, durations, RFC 3339, the civil calendar, time zones,
//! calendar periods and recurrences.
//!
//! An instant is an [`Instant`]: milliseconds since the Unix epoch, UTC, as an
//! `i64` (the WebAssembly surface receives epoch milliseconds in a
//! `Float64Array`). A duration is a [`Millis`] count. No floating point is
//! used for time anywhere in the engine, so windows and slices are exact.

pub mod calendar;
pub mod civil;
pub mod duration;
pub mod rfc3339;
pub mod rrule;
pub mod zone;

pub use duration::{format_duration, parse_duration};
pub use rfc3339::{format_rfc3339, parse_rfc3339};

/// Milliseconds since 1970-01-01T00:00:00Z.
pub type Instant = i64;
/// A length of time in milliseconds.
pub type Millis = i64;

pub const SECOND: Millis = 1_000;
pub const MINUTE: Millis = 60 * SECOND;
pub const HOUR: Millis = 60 * MINUTE;
pub const DAY: Millis = 24 * HOUR;
pub const WEEK: Millis = 7 * DAY;
