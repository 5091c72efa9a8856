//! The native zone backend: jiff's bundled IANA database.

/// An IANA zone (see [`super`]).
#[derive(Clone, Debug)]
pub struct NamedZone(jiff::tz::TimeZone);

impl NamedZone {
    /// The zone `name`, or `None` when the database has no such zone.
    pub fn get(name: &str) -> Option<NamedZone> {
        jiff::tz::TimeZone::get(name).ok().map(NamedZone)
    }

    /// The offset in seconds at `t` (epoch milliseconds), with `t` clamped
    /// into jiff's range (years −9999..=9999) so no instant can make it
    /// fail.
    pub fn offset_at(&self, t: i64) -> i32 {
        let min = jiff::Timestamp::MIN.as_millisecond();
        let max = jiff::Timestamp::MAX.as_millisecond();
        let timestamp = jiff::Timestamp::from_millisecond(t.clamp(min, max))
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        self.0.to_offset(timestamp).seconds()
    }
}

/// Every zone name of the database.
pub fn zone_names() -> Vec<String> {
    jiff::tz::db()
        .available()
        .map(|name| name.as_str().to_string())
        .collect()
}
