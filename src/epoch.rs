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
//! the year 73,000) — is converted two at a time; anything else takes the
//! exact scalar path, which is the reference the SIMD path is tested
//! against.

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
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    if let Some(done) = simd::convert(times, values) {
        return done;
    }
    convert_exact(times, values)
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

/// Two lanes at a time, by the magic-number conversion: for an integral
/// `|t| < 2⁵¹`, `t + 1.5·2⁵²` has the bits of `1.5·2⁵²` plus `t`, so one
/// float add and one integer subtract convert exactly; `(t + m) − m == t`
/// holds exactly when `t` is integral.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use core::arch::wasm32::*;

    use super::Converted;

    const MAGIC: f64 = 6_755_399_441_055_744.0; // 1.5 · 2⁵²
    const BOUND: f64 = 2_251_799_813_685_248.0; // 2⁵¹

    /// `None` when some time is outside the fast path (invalid, or beyond
    /// ±2⁵¹): the exact path then decides, and words the error.
    pub fn convert(times: &[f64], values: &[f64]) -> Option<Converted> {
        let mut out = vec![0_i64; times.len()];
        let (magic, bound) = (f64x2_splat(MAGIC), f64x2_splat(BOUND));
        let mut valid = u64x2_splat(u64::MAX);
        let mut increasing = u64x2_splat(u64::MAX);
        let mut before = f64x2_splat(f64::NEG_INFINITY);
        let pairs = times.chunks_exact(2).zip(out.chunks_exact_mut(2));
        for (t, o) in pairs {
            let (t, o): (&[f64; 2], &mut [i64; 2]) = (t.try_into().ok()?, o.try_into().ok()?);
            // SAFETY: `t` and `o` are two-element arrays, 16 readable and
            // writable bytes; v128 loads and stores need no alignment.
            let v = unsafe { v128_load(t.as_ptr().cast::<v128>()) };
            let shifted = i64x2_shuffle::<1, 2>(before, v); // [previous, t₀]
            before = v;
            let r = f64x2_add(v, magic);
            let whole = f64x2_eq(f64x2_sub(r, magic), v);
            valid = v128_and(valid, v128_and(whole, f64x2_lt(f64x2_abs(v), bound)));
            increasing = v128_and(increasing, f64x2_lt(shifted, v));
            unsafe { v128_store(o.as_mut_ptr().cast::<v128>(), i64x2_sub(r, magic)) };
        }
        let mut valid = u64x2_all_true(valid);
        let mut increasing = u64x2_all_true(increasing);
        if let (Some(&t), Some(o)) = (times.chunks_exact(2).remainder().first(), out.last_mut()) {
            let r = t + MAGIC;
            valid &= (r - MAGIC == t) & (t.abs() < BOUND);
            increasing &= f64x2_extract_lane::<1>(before) < t;
            *o = (r.to_bits() as i64).wrapping_sub(MAGIC.to_bits() as i64);
        }
        if !valid {
            return None;
        }
        let finite = finite(values);
        Some(Converted {
            times: out,
            valid: true,
            clean: increasing & finite & (times.len() == values.len()),
        })
    }

    fn finite(values: &[f64]) -> bool {
        let infinity = f64x2_splat(f64::INFINITY);
        let mut all = u64x2_splat(u64::MAX);
        for v in values.chunks_exact(2) {
            // NaN fails `<` too.
            all = v128_and(all, f64x2_lt(f64x2_abs(f64x2(v[0], v[1])), infinity));
        }
        let rest = values.chunks_exact(2).remainder();
        u64x2_all_true(all) & rest.iter().all(|v| v.is_finite())
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
