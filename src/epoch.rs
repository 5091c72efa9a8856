//! Time columns as hosts hold them — JavaScript numbers, epoch milliseconds
//! in `f64` — made into [`Instant`]s, with the checks the engine would
//! otherwise make in a second walk over the columns.
//!
//! The contract, whatever the path taken:
//! - a time is *valid* when it is finite, a whole number of milliseconds and
//!   within ±[`TIME_LIMIT`] (JavaScript's `Date` range, so every instant has
//!   a calendar date);
//! - a series is *clean* when its times strictly increase, every value is
//!   finite and both columns have one length: the engine then borrows it
//!   without sorting or filtering (`docs/arithmetic.md` §1).
//!
//! In WebAssembly with SIMD the common case — times within ±2⁵¹ ms (up to
//! the year 73,000) — is converted two at a time (`platform::time_column`);
//! anything else takes the exact scalar path, which is the reference the
//! SIMD path is tested against.

use crate::time::Instant;

/// The largest instant accepted, in epoch milliseconds: JavaScript's `Date`
/// range (±100,000,000 days).
pub const TIME_LIMIT: f64 = 8.64e15;

/// A time column converted.
#[derive(Clone, Debug, PartialEq)]
pub struct Converted {
    /// The times as [`Instant`]s; meaningful only when `valid`.
    pub times: Vec<Instant>,
    /// Every time is valid (see the module docs).
    pub valid: bool,
    /// The series is clean (see the module docs); false when not `valid`.
    pub clean: bool,
}

/// Converts `times` and finds whether the series `(times, values)` is
/// clean.
pub fn convert(times: &[f64], values: &[f64]) -> Converted {
    match crate::platform::time_column::convert_fast(times, values) {
        Some((times, clean)) => Converted {
            times,
            valid: true,
            clean,
        },
        None => convert_exact(times, values),
    }
}

/// [`convert`] by one scalar loop: exact for every input.
pub fn convert_exact(times: &[f64], values: &[f64]) -> Converted {
    const LIMIT: u64 = TIME_LIMIT as u64;
    let mut out = vec![0; times.len()];
    let (mut valid, mut increasing) = (true, true);
    let mut previous = Instant::MIN;
    for (o, &t) in out.iter_mut().zip(times) {
        // Saturating: NaN becomes 0 and ±Infinity the extremes, and none of
        // them converts back to itself.
        let i = t as Instant;
        valid &= (i as f64 == t) & (i.unsigned_abs() <= LIMIT);
        increasing &= previous < i;
        previous = i;
        *o = i;
    }
    let finite = values.iter().fold(true, |ok, v| ok & v.is_finite());
    Converted {
        times: out,
        valid,
        clean: valid & increasing & finite & (times.len() == values.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_and_judges() {
        let c = convert(&[0.0, 60_000.0, 120_000.0], &[1.0, 2.0, 3.0]);
        assert_eq!(c.times, vec![0, 60_000, 120_000]);
        assert!(c.valid && c.clean);
        // Repeated, unsorted, non-finite values or unequal lengths: valid, not clean.
        assert!(!convert(&[0.0, 0.0], &[1.0, 1.0]).clean);
        assert!(!convert(&[1.0, 0.0], &[1.0, 1.0]).clean);
        assert!(!convert(&[0.0, 1.0], &[1.0, f64::NAN]).clean);
        assert!(!convert(&[0.0, 1.0], &[1.0]).clean);
        assert!(convert(&[0.0, 1.0], &[1.0]).valid);
    }

    #[test]
    fn invalid_times() {
        for t in [
            f64::NAN,
            f64::INFINITY,
            -f64::INFINITY,
            0.5,
            8.64e15 + 1.0,
            -9e15,
        ] {
            let c = convert(&[0.0, t], &[1.0, 1.0]);
            assert!(!c.valid && !c.clean, "{t}");
        }
        let edge = convert(&[-8.64e15, 8.64e15], &[1.0, 1.0]);
        assert_eq!(
            edge.times,
            vec![-8_640_000_000_000_000, 8_640_000_000_000_000]
        );
        assert!(edge.valid && edge.clean);
        assert_eq!(convert(&[-0.0], &[0.0]).times, vec![0]);
    }
}
