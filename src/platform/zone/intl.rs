//! The WebAssembly zone backend: offsets from the browser's
//! `Intl.DateTimeFormat`, which knows every IANA zone, so the web build ships
//! no time-zone database.
//!
//! The offset at `t` is the wall clock `Intl` reports for `t` minus the UTC
//! clock at `t`, to the second: the time of day and the weekday suffice
//! (offsets are less than a day), so no calendar arithmetic is needed here
//! and this module uses nothing of `crate::time`. One `formatToParts` call
//! costs a few dozen JS calls, so offsets are cached per UTC hour: a cached
//! hour stores the offset at its start and, when a transition falls inside
//! it, the transition's instant and the offset after it (found by bisection
//! to the second). Real zones never change offset twice within an hour.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::platform::js::{new_object, reflect_get, reflect_set, Array};

/// Epoch milliseconds (`crate::time::Instant`).
type Instant = i64;
const SECOND: Instant = 1000;
const HOUR: Instant = 3600 * SECOND;
const DAY_SECONDS: i64 = 86_400;

#[wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat`, bound here (not through js-sys) so that the
    /// constructor's `RangeError` for an unknown zone comes back as `Err`.
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    #[derive(Clone, Debug)]
    type Formatter;

    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = "DateTimeFormat")]
    fn new(locale: &str, options: &JsValue) -> Result<Formatter, JsValue>;

    #[wasm_bindgen(method, catch, js_class = "DateTimeFormat", js_name = formatToParts)]
    fn format_to_parts(this: &Formatter, epoch_ms: f64) -> Result<Array, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Intl, js_name = supportedValuesOf)]
    fn supported_values_of(key: &str) -> Result<Array, JsValue>;
}

/// ECMAScript dates reach ±8.64e15 ms; clamp to years 1..=9999 (as the
/// native backend clamps to jiff's range) — both ends sit deep in constant
/// local mean time or in far-future rules.
const MIN_T: Instant = -62_135_596_800_000; // 0001-01-01T00:00:00Z
const MAX_T: Instant = 253_402_300_799_000; // 9999-12-31T23:59:59Z

/// At most this many cached hours per zone (a year of hours is 8,760); the
/// cache is simply cleared when full.
const CACHE_LIMIT: usize = 20_000;

/// One cached UTC hour: the offset at its start, and where it changes.
#[derive(Clone, Copy, Debug)]
struct Hour {
    offset: i32,
    /// A transition inside the hour: its instant and the offset from then on.
    change: Option<(Instant, i32)>,
}

/// An IANA zone as `Intl` knows it (see [`super`]).
#[derive(Clone, Debug)]
pub struct NamedZone {
    formatter: Formatter,
    /// Shared between clones: a clone answers the same zone.
    // Sorted by hour: a Vec (not a HashMap) keeps hashing code out of the
    // WebAssembly build; lookups mostly hit or append at the end.
    cache: Rc<RefCell<Vec<(i64, Hour)>>>,
}

impl NamedZone {
    /// The zone `name`, or `None` when `Intl` rejects it (a `RangeError`).
    pub fn get(name: &str) -> Option<NamedZone> {
        let options = new_object();
        let set = |key: &str, value: &str| {
            reflect_set(&options, &key.into(), &value.into()).is_ok_and(|done| done)
        };
        let all_set = [
            ("timeZone", name),
            ("hourCycle", "h23"),
            ("weekday", "short"),
            ("hour", "numeric"),
            ("minute", "numeric"),
            ("second", "numeric"),
        ]
        .iter()
        .all(|(key, value)| set(key, value));
        if !all_set {
            return None;
        }
        let formatter = Formatter::new("en-US", &options).ok()?;
        let zone = NamedZone {
            formatter,
            cache: Rc::new(RefCell::new(Vec::new())),
        };
        // An engine that accepts the name but cannot format it is no zone.
        zone.read_offset(0).map(|_| zone)
    }

    /// The offset in seconds at `t` (epoch milliseconds).
    pub fn offset_at(&self, t: Instant) -> i32 {
        let t = t.clamp(MIN_T, MAX_T);
        let key = t.div_euclid(HOUR);
        let found = self.cache.borrow().binary_search_by_key(&key, |e| e.0);
        let hour = match found {
            Ok(i) => self.cache.borrow()[i].1,
            Err(_) => {
                let hour = self.measure_hour(key * HOUR);
                let mut cache = self.cache.borrow_mut();
                if cache.len() >= CACHE_LIMIT {
                    cache.clear();
                }
                let at = cache.partition_point(|e| e.0 < key);
                cache.insert(at, (key, hour));
                hour
            }
        };
        match hour.change {
            Some((at, offset)) if t >= at => offset,
            _ => hour.offset,
        }
    }

    /// The offsets of the hour starting at `start`. Offsets change on whole
    /// seconds, so a change between the first and last second of the hour is
    /// bisected to the second.
    fn measure_hour(&self, start: Instant) -> Hour {
        let last = (start + HOUR - SECOND).min(MAX_T);
        let first = self.offset_or_zero(start);
        let end = self.offset_or_zero(last);
        if first == end {
            return Hour {
                offset: first,
                change: None,
            };
        }
        // Invariant: offset(lo) == first, offset(hi) != first.
        let (mut lo, mut hi) = (start, last);
        while hi - lo > SECOND {
            let mid = lo + (hi - lo) / SECOND / 2 * SECOND;
            if self.offset_or_zero(mid) == first {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Hour {
            offset: first,
            change: Some((hi, end)),
        }
    }

    fn offset_or_zero(&self, t: Instant) -> i32 {
        self.read_offset(t).unwrap_or(0)
    }

    /// One `formatToParts` call: the wall clock at `t` minus the UTC clock
    /// at `t`, both truncated to the second (`Intl` shows whole seconds).
    /// The weekdays tell whether the wall clock is on the day before, the
    /// same day or the day after (1970-01-01, day 0, was a Thursday).
    fn read_offset(&self, t: Instant) -> Option<i32> {
        let parts = self.formatter.format_to_parts(t as f64).ok()?;
        let mut fields = [None::<i64>; 4];
        const NAMES: [&str; 4] = ["weekday", "hour", "minute", "second"];
        const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
        for part in parts.iter() {
            let kind = reflect_get(&part, &"type".into()).ok()?.as_string()?;
            if let Some(i) = NAMES.iter().position(|n| *n == kind) {
                let value = reflect_get(&part, &"value".into()).ok()?.as_string()?;
                let value = value.trim();
                fields[i] = match i {
                    0 => WEEKDAYS.iter().position(|d| *d == value).map(|d| d as i64),
                    _ => value.parse().ok(),
                };
            }
        }
        let [weekday, hour, minute, second] = fields;
        let seconds = t.div_euclid(SECOND);
        let (day, utc_second_of_day) = (
            seconds.div_euclid(DAY_SECONDS),
            seconds.rem_euclid(DAY_SECONDS),
        );
        let days_ahead = match (weekday? - (day + 4).rem_euclid(7)).rem_euclid(7) {
            0 => 0,
            1 => 1,
            6 => -1,
            _ => return None,
        };
        // Some engines wrote midnight as hour 24 before `hourCycle` existed.
        let wall_second_of_day = (hour? % 24 * 60 + minute?) * 60 + second?;
        i32::try_from(days_ahead * DAY_SECONDS + wall_second_of_day - utc_second_of_day).ok()
    }
}

/// Every zone name `Intl` lists (`Intl.supportedValuesOf('timeZone')`, in
/// browsers since 2022), for "did you mean" suggestions; empty where missing.
pub fn zone_names() -> Vec<String> {
    let Ok(names) = supported_values_of("timeZone") else {
        return Vec::new();
    };
    let mut out: Vec<String> = names.iter().filter_map(|v| v.as_string()).collect();
    // `supportedValuesOf` lists canonical names only; UTC is worth offering.
    out.push("UTC".to_string());
    out
}
