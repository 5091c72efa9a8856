//! Decimal-exact helpers for the numbers users write.
//!
//! `1.0 - 0.999` is `0.0010000000000000009` in binary floating point, which
//! would put `2419.2000000000021` seconds of budget in a report where the
//! user's own arithmetic says 2419.2. Objectives are decimals as written, so
//! the engine takes their complement in decimal and rounds once.
//!
//! Numbers are read and written as JavaScript reads and writes them, on every
//! build: [`parse_f64`] and [`format_number`] (their WebAssembly and native
//! implementations are in `crate::platform::number`).

pub use crate::platform::number::{format_number, parse_f64};

/// `1 − x` as an exact fraction `num / den` (both integers exactly held in
/// an f64), so that `(1 − O) × P` rounds once: `0.001 × 2419200` is
/// `2419.2000000000003` in floating point, but `2419200 × 1 / 1000` is 2419.2.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Complement {
    pub num: f64,
    pub den: f64,
}

impl Complement {
    pub fn of(x: f64) -> Complement {
        Self::decimal(x).unwrap_or(Complement {
            num: 1.0 - x,
            den: 1.0,
        })
    }

    fn decimal(x: f64) -> Option<Complement> {
        if !(x > 0.0 && x < 1.0) {
            return None;
        }
        // The shortest digits that read back as x (no float formatting of
        // its own: the WebAssembly build delegates that to JavaScript).
        let text = format_number(x);
        let digits = text.strip_prefix("0.")?;
        if digits.len() > 15 {
            return None;
        }
        // At most 15 digits: i64 holds them, and its parser is in the
        // WebAssembly module already (each integer type parsed costs its own).
        let d: i64 = digits.parse().ok()?;
        let den = 10i64.pow(digits.len() as u32);
        Some(Complement {
            num: (den - d) as f64,
            den: den as f64,
        })
    }

    /// `(1 − x) × v`, rounded once when `v × num` is exact; divided first
    /// when `v × num` would overflow (the result is at most `v`).
    pub fn times(self, v: f64) -> f64 {
        let scaled = v * self.num;
        if scaled.is_finite() {
            scaled / self.den
        } else {
            v / self.den * self.num
        }
    }

    /// `v / (1 − x)`.
    pub fn divide(self, v: f64) -> f64 {
        v * self.den / self.num
    }
}

/// A number written as a percentage (`99.9` of `99.9%`) as the double
/// nearest the decimal it names (0.999), not `99.9 / 100`
/// (0.9990000000000001): the decimal point moves in the text, and the
/// text is read once. `None` when `numeric` is not a finite number.
pub fn percent(numeric: &str) -> Option<f64> {
    let t = numeric.trim();
    // i64, not i32: each integer type parsed or formatted costs the
    // WebAssembly module its own code, and the engine already has i64's.
    let shifted = match t.find(['e', 'E']) {
        Some(i) => {
            let exponent: i64 = t[i + 1..].parse().ok()?;
            format!("{}e{}", &t[..i], exponent.checked_sub(2)?)
        }
        None => format!("{t}e-2"),
    };
    parse_f64(&shifted).filter(|v| v.is_finite())
}

/// `v` with at most `decimals` decimals (rounded, trailing zeros dropped),
/// for messages: `fixed(14.4000000001, 4) == "14.4"`. Integer arithmetic,
/// so that no float-formatting code is linked into the WebAssembly build;
/// when `v × 10^decimals` exceeds ±9e18 the shortest form is written instead.
pub fn fixed(v: f64, decimals: u32) -> String {
    let decimals = decimals.min(15);
    // i64, not u64 (the magnitude is below 9e18 either way): each integer
    // type that is formatted costs the WebAssembly module its own
    // formatting code, and the engine formats i64 elsewhere.
    let scale = 10i64.pow(decimals);
    let scaled = v * scale as f64;
    if !scaled.is_finite() || scaled.abs() >= 9.0e18 {
        return format_number(v);
    }
    // Not u128: 128-bit division and formatting would cost ~2.5 KB.
    let magnitude = scaled.abs().round() as i64;
    let (int, frac) = (magnitude / scale, magnitude % scale);
    let sign = if scaled < 0.0 && magnitude > 0 {
        "-"
    } else {
        ""
    };
    let mut text = format!("{sign}{int}");
    if frac > 0 {
        let digits = format!("{frac:0>width$}", width = decimals as usize);
        text.push('.');
        text.push_str(digits.trim_end_matches('0'));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_the_decimals_written() {
        assert_eq!(percent("99.9"), Some(0.999));
        assert_ne!(99.9 / 100.0, 0.999);
        assert_eq!(percent("50"), Some(0.5));
        assert_eq!(percent("1e1"), Some(0.1));
        assert_eq!(percent("2.5E-1"), Some(0.0025));
        assert_eq!(percent("x"), None);
        assert_eq!(percent("1e99999999999"), None);
    }

    #[test]
    fn complements_are_the_decimals_users_expect() {
        let complement = |x| {
            let c = Complement::of(x);
            c.num / c.den
        };
        assert_eq!(complement(0.999), 0.001);
        assert_eq!(complement(0.99), 0.01);
        assert_eq!(complement(0.9995), 0.0005);
        assert_eq!(complement(0.95), 0.05);
        assert_eq!(complement(0.99999), 0.00001);
        assert_eq!(complement(0.001), 0.999);
        // February 2026 at 99.9%: 40.32 minutes, exactly as written.
        assert_eq!(Complement::of(0.999).times(2_419_200.0), 2419.2);
        assert_eq!(Complement::of(0.99).times(36_000.0), 360.0);
        // A burn rate: 5 bad of 30 minutes at 99.9% is 166.666…
        assert_eq!(
            Complement::of(0.999).divide(5.0 / 30.0),
            5.0 / 30.0 * 1000.0
        );
    }

    #[test]
    fn fixed_rounds_and_trims() {
        assert_eq!(fixed(14.4000000001, 4), "14.4");
        assert_eq!(fixed(2.0, 10), "2");
        assert_eq!(fixed(-0.25, 1), "-0.3");
        assert_eq!(fixed(0.049, 1), "0");
        assert_eq!(fixed(87.54, 1), "87.5");
        assert_eq!(fixed(1.0 / 3.0, 10), "0.3333333333");
    }
}
