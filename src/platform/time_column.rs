//! Time columns as JavaScript hands them over (epoch milliseconds in `f64`)
//! to instants, the fast way where the platform has one (`crate::epoch`
//! owns the contract and the exact path every build takes otherwise).

/// The column `times` as instants and whether the series is clean, when
/// every time is a whole number of milliseconds within ±2⁵¹: with
/// WebAssembly's SIMD, two lanes at a time. `None` when some time is outside
/// that (the exact path then decides, and words the error), and always
/// natively, where hosts hand over integer instants and nothing calls this
/// on a hot path.
#[inline]
pub fn convert_fast(times: &[f64], values: &[f64]) -> Option<(Vec<i64>, bool)> {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    return simd::convert(times, values);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        let _ = (times, values);
        None
    }
}

/// Two lanes at a time, by the magic-number conversion: for an integral
/// `|t| < 2⁵¹`, `t + 1.5·2⁵²` has the bits of `1.5·2⁵²` plus `t`, so one
/// float add and one integer subtract convert exactly; `(t + m) − m == t`
/// holds exactly when `t` is integral.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use core::arch::wasm32::*;

    const MAGIC: f64 = 6_755_399_441_055_744.0; // 1.5 · 2⁵²
    const BOUND: f64 = 2_251_799_813_685_248.0; // 2⁵¹

    pub fn convert(times: &[f64], values: &[f64]) -> Option<(Vec<i64>, bool)> {
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
        Some((out, increasing & finite & (times.len() == values.len())))
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
