//! Named time zones (`Europe/Berlin`): the one question a zone must answer,
//! its UTC offset at an instant, and the names known for "did you mean"
//! suggestions. `crate::time::zone` computes everything else from the
//! offset, so both backends agree by construction.
//!
//! - Natively: jiff's bundled IANA database (results do not depend on the
//!   machine's `/usr/share/zoneinfo`).
//! - In WebAssembly: the browser's `Intl.DateTimeFormat` (`zone/intl.rs`),
//!   so the web build ships no database.
//!
//! Neither panics: instants beyond the range a backend knows (years
//! −9999..=9999 natively, 1..=9999 in the browser) take the offset at the
//! nearest end of that range.

#[cfg(target_arch = "wasm32")]
mod intl;
#[cfg(not(target_arch = "wasm32"))]
mod tzdb;

#[cfg(target_arch = "wasm32")]
pub use intl::{zone_names, NamedZone};
#[cfg(not(target_arch = "wasm32"))]
pub use tzdb::{zone_names, NamedZone};
