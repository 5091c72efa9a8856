//! Time zones: `UTC`, fixed offsets (`+05:30`) and IANA names (`Europe/Berlin`).
//!
//! OWNER: time helper. Natively the rules come from jiff's bundled IANA
//! database; in WebAssembly from the browser's `Intl` (no database shipped).

use super::civil::DateTime;
use super::Instant;

/// A time zone: turns instants into wall-clock times and back.
#[derive(Clone, Debug)]
pub struct Zone {
    name: String,
}

impl Zone {
    pub fn utc() -> Zone {
        Zone { name: "UTC".to_string() }
    }

    /// `UTC`, `Z`, a fixed offset such as `+05:30`, or an IANA zone name.
    /// The error names the zone and suggests the form, e.g.
    /// `unknown time zone "Europe/Berln" (did you mean "Europe/Berlin"?)`.
    pub fn get(name: &str) -> Result<Zone, String> {
        let _ = name;
        todo!("time helper")
    }

    /// The name it was created from.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Offset from UTC in seconds at instant `t`.
    pub fn offset_at(&self, t: Instant) -> i32 {
        let _ = t;
        todo!("time helper")
    }

    /// The wall-clock time at instant `t`.
    pub fn local(&self, t: Instant) -> DateTime {
        DateTime::from_instant(t, self.offset_at(t))
    }

    /// The instant a wall-clock time names. A time skipped by a DST gap maps
    /// to the first instant after the gap; a repeated time (fold) to the
    /// earlier of its two instants.
    pub fn instant_of(&self, dt: DateTime) -> Instant {
        let _ = dt;
        todo!("time helper")
    }
}
