//! Time zones: `UTC`, fixed offsets (`+05:30`) and IANA names (`Europe/Berlin`).
//!
//! Two backends answer the one question a zone must answer — *what is the UTC
//! offset at instant t?* ([`Zone::offset_at`]): natively jiff's bundled IANA
//! database, in WebAssembly the browser's `Intl.DateTimeFormat`
//! (`crate::platform::zone`, docs/platform.md).
//!
//! Everything else — wall clock to instant across DST gaps and folds — is
//! computed here from `offset_at` alone, so both backends agree by
//! construction.
//!
//! No function here panics, whatever the input: instants beyond the range a
//! backend knows (jiff: years −9999..=9999) take the offset at the nearest
//! end of that range, and arithmetic saturates instead of overflowing.

use super::civil::DateTime;
use super::{Instant, DAY};
use crate::platform::zone::{zone_names, NamedZone};

/// Instants further than this from the epoch (about 73 million years) are
/// clamped before wall-clock arithmetic, so adding an offset cannot overflow.
const LOCAL_LIMIT: Instant = i64::MAX / 4;

/// A time zone: turns instants into wall-clock times and back.
#[derive(Clone, Debug)]
pub struct Zone {
    name: String,
    rules: Rules,
}

/// Two zones of one name are the same zone: a name resolves to one set of
/// rules (`Zone::get`, `Zone::fixed`).
impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        self.name == other.name
    }
}

/// Where a zone's offsets come from.
#[derive(Clone, Debug)]
enum Rules {
    /// A constant offset in seconds (`UTC`, `+05:30`).
    Fixed(i32),
    /// An IANA zone, from the platform's backend.
    Named(NamedZone),
}

impl Zone {
    pub fn utc() -> Zone {
        Zone {
            name: "UTC".to_string(),
            rules: Rules::Fixed(0),
        }
    }

    /// A zone at a constant offset from UTC, named like `+05:30`.
    /// The offset is clamped to ±23:59 (what [`Zone::get`] accepts).
    pub fn fixed(offset_seconds: i32) -> Zone {
        let limit = 23 * 3600 + 59 * 60;
        let seconds = offset_seconds.clamp(-limit, limit);
        let name = if seconds == 0 {
            "UTC".to_string()
        } else {
            format_offset(seconds)
        };
        Zone {
            name,
            rules: Rules::Fixed(seconds),
        }
    }

    /// `UTC`, `Z`, `Etc/UTC`, a fixed offset such as `+05:30` (also `+0530`
    /// and `+05`), or an IANA zone name.
    ///
    /// The error names the zone and suggests the form, e.g.
    /// `unknown time zone "Europe/Berln" (did you mean "Europe/Berlin"?)`, or
    /// `unknown time zone "UTC+2" (for a fixed offset write "+02:00")`.
    /// Natively the suggestion comes from the bundled database's names; in
    /// the browser from `Intl.supportedValuesOf('timeZone')` where available.
    pub fn get(name: &str) -> Result<Zone, String> {
        let name = name.trim();
        if name.is_empty() {
            return Err(format!("empty time zone: {USAGE}"));
        }
        if ["UTC", "Z", "Etc/UTC"]
            .iter()
            .any(|u| u.eq_ignore_ascii_case(name))
        {
            return Ok(Zone {
                name: name.to_string(),
                rules: Rules::Fixed(0),
            });
        }
        if name.starts_with(['+', '-']) {
            return parse_offset(name)
                .map(|seconds| Zone {
                    name: name.to_string(),
                    rules: Rules::Fixed(seconds),
                })
                .ok_or_else(|| {
                    format!(
                        "\"{name}\" is not a UTC offset: write it as +HH:MM, like +05:30 or -08:00"
                    )
                });
        }
        match NamedZone::get(name) {
            Some(zone) => Ok(Zone {
                name: name.to_string(),
                rules: Rules::Named(zone),
            }),
            None => Err(unknown_zone_message(name)),
        }
    }

    /// The name it was created from.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The offset in seconds if this zone never changes it (`UTC`, `+05:30`).
    pub fn fixed_offset(&self) -> Option<i32> {
        match self.rules {
            Rules::Fixed(seconds) => Some(seconds),
            _ => None,
        }
    }

    /// Offset from UTC in seconds at instant `t` (positive east of Greenwich:
    /// `+3600` for Berlin in winter).
    pub fn offset_at(&self, t: Instant) -> i32 {
        match &self.rules {
            Rules::Fixed(seconds) => *seconds,
            Rules::Named(zone) => zone.offset_at(t),
        }
    }

    /// The wall-clock time at instant `t` (clamped to about ±73 million
    /// years around 1970).
    pub fn local(&self, t: Instant) -> DateTime {
        let t = t.clamp(-LOCAL_LIMIT, LOCAL_LIMIT);
        DateTime::from_instant(t, self.offset_at(t))
    }

    /// The instant a wall-clock time names. A time skipped by a DST gap maps
    /// to the first instant after the gap (Berlin, 2026-03-29 02:30 →
    /// 03:00 CEST = 01:00Z); a repeated time (fold) to the earlier of its two
    /// instants (2026-10-25 02:30 → 02:30 CEST = 00:30Z).
    ///
    /// Derived from [`Zone::offset_at`] only: the candidates are the wall
    /// time read with the offset in force two days before and two days after
    /// it. That is exact for every zone whose transitions are more than four
    /// days apart, which holds for the whole IANA database in practice.
    pub fn instant_of(&self, dt: DateTime) -> Instant {
        let wall = wall_ms(dt);
        if let Some(seconds) = self.fixed_offset() {
            return wall.saturating_sub(i64::from(seconds) * 1000);
        }
        let before = self.offset_ms_at(wall.saturating_sub(2 * DAY));
        let after = self.offset_ms_at(wall.saturating_add(2 * DAY));
        let candidate = |offset: i64| {
            let t = wall.saturating_sub(offset);
            (self.offset_ms_at(t) == offset).then_some(t)
        };
        match (candidate(before), candidate(after)) {
            (Some(a), Some(b)) => a.min(b),
            (Some(t), None) | (None, Some(t)) => t,
            (None, None) => self.first_instant_after_gap(wall, before, after),
        }
    }

    fn offset_ms_at(&self, t: Instant) -> i64 {
        i64::from(self.offset_at(t)) * 1000
    }

    /// `wall` falls in a gap: the clock jumped from offset `before` to a
    /// larger `after`. Every instant in `[wall - after, wall - before)` reads
    /// either before the gap or after it; the transition is the first one at
    /// which the offset is no longer `before`. Binary search to the
    /// millisecond (a gap of a day takes 27 steps).
    fn first_instant_after_gap(&self, wall: i64, before: i64, after: i64) -> Instant {
        let mut lo = wall.saturating_sub(after);
        let mut hi = wall.saturating_sub(before);
        let is_gap =
            after > before && self.offset_ms_at(lo) == before && self.offset_ms_at(hi) != before;
        if !is_gap {
            // Not the shape of a DST gap (two transitions within days of each
            // other): settle for the offset found by iterating once.
            let guess = wall.saturating_sub(self.offset_ms_at(wall));
            return wall.saturating_sub(self.offset_ms_at(guess));
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if self.offset_ms_at(mid) == before {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        hi
    }
}

const USAGE: &str =
    "use an IANA name like Europe/Berlin or America/New_York, UTC, or a fixed offset like +05:30";

/// The wall-clock time as if it were UTC, in milliseconds, saturating at the
/// ends of `i64` instead of overflowing (civil years reach ±2^31).
fn wall_ms(dt: DateTime) -> i64 {
    dt.date
        .to_days()
        .saturating_mul(DAY)
        .saturating_add(dt.ms_of_day)
}

/// `+HH:MM`, `+HHMM` or `+HH` (or `-`), hours 0..=23, minutes 0..=59.
fn parse_offset(text: &str) -> Option<i32> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    if !rest.is_ascii() {
        return None; // also keeps the byte slicing below on char boundaries
    }
    let (hh, mm) = match rest.len() {
        2 => (rest, "00"),
        4 => (&rest[..2], &rest[2..]),
        5 if rest.as_bytes()[2] == b':' => (&rest[..2], &rest[3..]),
        _ => return None,
    };
    // Two digits each, read as i64 and narrowed after the range check: each
    // integer type that is parsed costs the WebAssembly module its own
    // parsing code, and the engine parses i64 elsewhere.
    let number = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse::<i64>().ok())
            .flatten()
    };
    let (h, m) = (number(hh)?, number(mm)?);
    (h <= 23 && m <= 59).then(|| sign * (h as i32 * 3600 + m as i32 * 60))
}

/// `+05:30`, `-08:00`.
fn format_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

fn unknown_zone_message(name: &str) -> String {
    if let Some(offset) = offset_written_as_name(name) {
        return format!(
            "unknown time zone \"{name}\" (for a fixed offset write \"{}\")",
            format_offset(offset)
        );
    }
    match suggest(name, &zone_names()) {
        Some(best) => format!("unknown time zone \"{name}\" (did you mean \"{best}\"?)"),
        None => format!("unknown time zone \"{name}\": {USAGE}"),
    }
}

/// `UTC+2`, `GMT-08:00`, `UTC+5:30`: what people write for a fixed offset.
/// (`Etc/GMT+2` is a real IANA name and never reaches here.)
fn offset_written_as_name(name: &str) -> Option<i32> {
    let upper = name.to_ascii_uppercase();
    let rest = upper
        .strip_prefix("UTC")
        .or_else(|| upper.strip_prefix("GMT"))?;
    let (sign, body) = rest.split_at_checked(1)?;
    if sign != "+" && sign != "-" {
        return None;
    }
    let (h, m) = body.split_once(':').unwrap_or((body, "0"));
    // i64, narrowed after the range check (see `parse_offset`).
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..=23).contains(&h) || !(0..=59).contains(&m) {
        return None;
    }
    let seconds = h as i32 * 3600 + m as i32 * 60;
    Some(if sign == "-" { -seconds } else { seconds })
}

/// The closest known name, if one is close enough to be a typo
/// (`crate::suggest`): compared with spaces read as `_`, against the whole
/// name and (for input without `/`) its last segment, so `Berlin` finds
/// `Europe/Berlin` and `new york` finds `America/New_York`.
fn suggest(name: &str, names: &[String]) -> Option<String> {
    let wanted = name.trim().replace(' ', "_");
    let whole_only = wanted.contains('/');
    // Each name, then its last segment: one by one, for `closest_keyed`.
    let mut names = names.iter();
    let mut city = None;
    let mut next = || {
        if let Some(pending) = city.take() {
            return Some(pending);
        }
        let full = names.next()?.as_str();
        if !whole_only {
            city = full.rsplit_once('/').map(|(_, segment)| (segment, full));
        }
        Some((full, full))
    };
    let mut unbounded = usize::MAX;
    crate::suggest::closest_keyed(&wanted, &mut next, &mut unbounded).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::civil::Date;
    use crate::time::{parse_rfc3339, HOUR, MINUTE};

    fn at(text: &str) -> Instant {
        parse_rfc3339(text).unwrap()
    }

    fn wall(y: i32, mo: u8, d: u8, h: i64, mi: i64) -> DateTime {
        DateTime {
            date: Date::new(y, mo, d).unwrap(),
            ms_of_day: h * HOUR + mi * MINUTE,
        }
    }

    #[test]
    fn utc_spellings_and_fixed_offsets() {
        for name in ["UTC", "Z", "Etc/UTC", "utc", " UTC "] {
            let zone = Zone::get(name).unwrap();
            assert_eq!(zone.offset_at(0), 0, "{name}");
            assert_eq!(zone.fixed_offset(), Some(0));
        }
        assert_eq!(Zone::get("Z").unwrap().name(), "Z");
        // 5 h 30 min = 19,800 s; 8 h = 28,800 s.
        assert_eq!(Zone::get("+05:30").unwrap().offset_at(0), 19_800);
        assert_eq!(Zone::get("+0530").unwrap().offset_at(0), 19_800);
        assert_eq!(Zone::get("-08:00").unwrap().offset_at(123), -28_800);
        assert_eq!(Zone::get("-08").unwrap().offset_at(123), -28_800);
        assert_eq!(Zone::fixed(19_800).name(), "+05:30");
        assert_eq!(Zone::fixed(-28_800).name(), "-08:00");
        assert_eq!(Zone::fixed(i32::MAX).fixed_offset(), Some(86_340));
    }

    #[test]
    fn malformed_offsets_say_how_to_write_one() {
        for bad in [
            "+5:30",
            "+24:00",
            "+05:60",
            "-8",
            "+05:30:00",
            "+",
            "+ab:cd",
        ] {
            let err = Zone::get(bad).unwrap_err();
            assert!(err.contains("write it as +HH:MM"), "{bad}: {err}");
        }
    }

    #[test]
    fn unknown_names_suggest_the_closest() {
        assert_eq!(
            Zone::get("Europe/Berln").unwrap_err(),
            "unknown time zone \"Europe/Berln\" (did you mean \"Europe/Berlin\"?)"
        );
        assert!(Zone::get("Berlin")
            .unwrap_err()
            .contains("did you mean \"Europe/Berlin\"?"));
        assert!(Zone::get("new york")
            .unwrap_err()
            .contains("did you mean \"America/New_York\"?"));
        assert_eq!(
            Zone::get("UTC+2").unwrap_err(),
            "unknown time zone \"UTC+2\" (for a fixed offset write \"+02:00\")"
        );
        assert!(Zone::get("GMT-5:30")
            .unwrap_err()
            .contains("write \"-05:30\""));
        let far = Zone::get("Mars/Olympus_Mons").unwrap_err();
        assert!(
            far.starts_with("unknown time zone \"Mars/Olympus_Mons\": use an IANA name"),
            "{far}"
        );
        assert!(Zone::get("").unwrap_err().starts_with("empty time zone"));
    }

    #[test]
    fn berlin_offsets_follow_dst() {
        let berlin = Zone::get("Europe/Berlin").unwrap();
        assert_eq!(berlin.offset_at(at("2026-01-15T12:00:00Z")), 3600);
        assert_eq!(berlin.offset_at(at("2026-07-15T12:00:00Z")), 7200);
        // The 2026 spring transition is at 01:00Z on March 29.
        assert_eq!(berlin.offset_at(at("2026-03-29T00:59:59.999Z")), 3600);
        assert_eq!(berlin.offset_at(at("2026-03-29T01:00:00Z")), 7200);
        assert_eq!(
            berlin.local(at("2026-03-29T01:00:00Z")),
            wall(2026, 3, 29, 3, 0)
        );
    }

    #[test]
    fn instant_of_handles_gaps_and_folds() {
        let berlin = Zone::get("Europe/Berlin").unwrap();
        // Ordinary times: 12:00 CET = 11:00Z.
        assert_eq!(
            berlin.instant_of(wall(2026, 1, 15, 12, 0)),
            at("2026-01-15T11:00:00Z")
        );
        // Gap: 02:00 and 02:30 do not exist on 2026-03-29; the first instant
        // after the gap is 03:00 CEST = 01:00Z.
        assert_eq!(
            berlin.instant_of(wall(2026, 3, 29, 2, 0)),
            at("2026-03-29T01:00:00Z")
        );
        assert_eq!(
            berlin.instant_of(wall(2026, 3, 29, 2, 30)),
            at("2026-03-29T01:00:00Z")
        );
        assert_eq!(
            berlin.instant_of(wall(2026, 3, 29, 3, 0)),
            at("2026-03-29T01:00:00Z")
        );
        assert_eq!(
            berlin.instant_of(wall(2026, 3, 29, 1, 59)),
            at("2026-03-29T00:59:00Z")
        );
        // Fold: 02:30 happens at 00:30Z (CEST) and at 01:30Z (CET); take the earlier.
        assert_eq!(
            berlin.instant_of(wall(2026, 10, 25, 2, 30)),
            at("2026-10-25T00:30:00Z")
        );
        assert_eq!(
            berlin.instant_of(wall(2026, 10, 25, 3, 0)),
            at("2026-10-25T02:00:00Z")
        );
        // New York: 02:30 on 2026-03-08 is skipped; 03:00 EDT = 07:00Z.
        let ny = Zone::get("America/New_York").unwrap();
        assert_eq!(
            ny.instant_of(wall(2026, 3, 8, 2, 30)),
            at("2026-03-08T07:00:00Z")
        );
        // Fixed offsets: 00:00 at +05:30 is 18:30Z the day before.
        let kolkata = Zone::get("+05:30").unwrap();
        assert_eq!(
            kolkata.instant_of(wall(2026, 3, 1, 0, 0)),
            at("2026-02-28T18:30:00Z")
        );
    }

    #[test]
    fn half_hour_zones() {
        let kolkata = Zone::get("Asia/Kolkata").unwrap();
        assert_eq!(kolkata.offset_at(at("2026-06-01T00:00:00Z")), 19_800);
        // Lord Howe: +10:30 standard, +11:00 in (southern) summer; the DST
        // step is 30 minutes. 2026-04-05 02:00 +11 → 01:30 +10:30, i.e. at
        // 15:00Z on April 4.
        let lord_howe = Zone::get("Australia/Lord_Howe").unwrap();
        assert_eq!(lord_howe.offset_at(at("2026-01-15T00:00:00Z")), 39_600);
        assert_eq!(lord_howe.offset_at(at("2026-07-15T00:00:00Z")), 37_800);
        assert_eq!(lord_howe.offset_at(at("2026-04-04T14:59:59Z")), 39_600);
        assert_eq!(lord_howe.offset_at(at("2026-04-04T15:00:00Z")), 37_800);
        // Fold 01:30..02:00 local: 01:45 is first 14:45Z (+11), then 15:15Z.
        assert_eq!(
            lord_howe.instant_of(wall(2026, 4, 5, 1, 45)),
            at("2026-04-04T14:45:00Z")
        );
    }

    #[test]
    fn extreme_inputs_do_not_panic() {
        let berlin = Zone::get("Europe/Berlin").unwrap();
        for t in [
            i64::MIN,
            i64::MIN + 1,
            -LOCAL_LIMIT - 1,
            0,
            LOCAL_LIMIT + 1,
            i64::MAX - 1,
            i64::MAX,
        ] {
            let _ = berlin.offset_at(t);
            let local = berlin.local(t);
            let _ = berlin.instant_of(local);
            let _ = Zone::utc().instant_of(local);
        }
        for year in [i32::MIN, -10_000, 10_000, i32::MAX] {
            let dt = DateTime {
                date: Date {
                    year,
                    month: 1,
                    day: 1,
                },
                ms_of_day: 0,
            };
            let _ = berlin.instant_of(dt);
            let _ = Zone::get("+05:30").unwrap().instant_of(dt);
        }
        let dt = DateTime {
            date: Date {
                year: 2026,
                month: 1,
                day: 1,
            },
            ms_of_day: i64::MAX,
        };
        let _ = berlin.instant_of(dt);
    }

    #[test]
    fn round_trips_every_hour_of_2026_in_berlin() {
        // Every instant reads as a wall time that maps back to it, except the
        // second pass through the October fold (01:00Z..02:00Z), which maps
        // to the earlier instant an hour before.
        let berlin = Zone::get("Europe/Berlin").unwrap();
        let (start, end) = (at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
        let fold = at("2026-10-25T01:00:00Z")..at("2026-10-25T02:00:00Z");
        let mut t = start;
        while t < end {
            let back = berlin.instant_of(berlin.local(t));
            let expected = if fold.contains(&t) { t - HOUR } else { t };
            assert_eq!(back, expected, "{t}");
            t += 15 * MINUTE;
        }
    }

    proptest::proptest! {
        #[test]
        fn any_name_is_a_zone_or_an_error(name in "\\PC{0,20}|[+-][0-9:é]{0,6}|(UTC|GMT)[+-][0-9:]{0,5}") {
            let _ = Zone::get(&name);
        }

        #[test]
        fn instant_of_inverts_local(t in -5_000_000_000_000i64..5_000_000_000_000) {
            // Away from folds, local → instant_of is the identity; in a fold
            // it may pick the earlier instant, never a later one.
            for zone in [Zone::get("America/Santiago").unwrap(), Zone::get("Australia/Lord_Howe").unwrap()] {
                let back = zone.instant_of(zone.local(t));
                proptest::prop_assert!(back <= t && t - back <= HOUR, "{} {t} {back}", zone.name());
            }
        }
    }
}
