//! Decimal-exact helpers for the numbers users write.
//!
//! `1.0 - 0.999` is `0.0010000000000000009` in binary floating point, which
//! would put `2419.2000000000021` seconds of budget in a report where the
//! user's own arithmetic says 2419.2. Objectives are decimals as written, so
//! the engine takes their complement and their percent form in decimal and
//! rounds once.

/// `1 − x` computed on the shortest decimal that reads back as `x`, rounded
/// once: `complement(0.999) == 0.001`.
pub fn complement(x: f64) -> f64 {
    let c = Complement::of(x);
    c.num / c.den
}

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
        let text = crate::report::json::format_number(x);
        let digits = text.strip_prefix("0.")?;
        if digits.len() > 15 {
            return None;
        }
        let d: u64 = digits.parse().ok()?;
        let den = 10u64.pow(digits.len() as u32);
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

/// `text.parse::<f64>().ok()`, the same grammar and the same correctly
/// rounded value. The WebAssembly build checks the grammar here and lets
/// JavaScript's `parseFloat` convert (Rust's decimal-to-float code and its
/// tables are ~10 KB of the module); natively it is Rust's own `parse`.
pub fn parse_f64(text: &str) -> Option<f64> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.parse().ok()
    }
    #[cfg(target_arch = "wasm32")]
    {
        match float_syntax(text)? {
            Some(special) => Some(special),
            None => Some(js_sys::parse_float(text)),
        }
    }
}

/// Rust's float syntax: `None` when `text` is not a float for
/// `str::parse::<f64>`, `Some(Some(v))` for `inf`, `infinity` or `nan` (any
/// case, signed), `Some(None)` for a decimal `[+-]digits[.digits][e[+-]digits]`
/// with at least one mantissa digit.
#[cfg(any(test, target_arch = "wasm32"))]
fn float_syntax(text: &str) -> Option<Option<f64>> {
    let b = text.as_bytes();
    let (negative, body) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let special = if body.eq_ignore_ascii_case(b"inf") || body.eq_ignore_ascii_case(b"infinity") {
        f64::INFINITY
    } else if body.eq_ignore_ascii_case(b"nan") {
        f64::NAN
    } else {
        let digits = |i: &mut usize| {
            let start = *i;
            while body.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i - start
        };
        let mut i = 0;
        let mut mantissa = digits(&mut i);
        if body.get(i) == Some(&b'.') {
            i += 1;
            mantissa += digits(&mut i);
        }
        if mantissa == 0 {
            return None;
        }
        if matches!(body.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(body.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if digits(&mut i) == 0 {
                return None;
            }
        }
        return (i == body.len()).then_some(None);
    };
    Some(Some(if negative { -special } else { special }))
}

/// The fraction a percentage names, shifting the decimal point instead of
/// dividing: `percent("99.9") == Some(0.999)` (whereas `99.9 / 100.0` is
/// `0.9990000000000001`).
pub fn percent(text: &str) -> Option<f64> {
    let t = text.trim();
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t.strip_prefix('+').unwrap_or(t)),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let padded = format!("{int:0>2}");
    let (whole, cents) = padded.split_at(padded.len() - 2);
    parse_f64(&format!("{sign}{whole}.{cents}{frac}"))
}

/// `v` with at most `decimals` decimals (rounded, trailing zeros dropped),
/// for messages: `fixed(14.4000000001, 4) == "14.4"`. Integer arithmetic,
/// so that no float-formatting code is linked into the WebAssembly build;
/// when `v × 10^decimals` exceeds ±9e18 the shortest form is written instead.
pub fn fixed(v: f64, decimals: u32) -> String {
    let decimals = decimals.min(15);
    let scale = 10u64.pow(decimals);
    let scaled = v * scale as f64;
    if !scaled.is_finite() || scaled.abs() >= 9.0e18 {
        return crate::report::json::format_number(v);
    }
    // u64, not u128: 128-bit division and formatting would cost ~2.5 KB.
    let magnitude = scaled.abs().round() as u64;
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

    /// The WebAssembly build's float syntax is exactly Rust's.
    #[test]
    fn float_syntax_is_rusts() {
        let cases = [
            "",
            "+",
            "-",
            ".",
            "+.",
            "e5",
            ".e5",
            "1e",
            "1e+",
            "1e-",
            "1.",
            ".5",
            "+.5",
            "-.5",
            "1.e5",
            "1.5E-3",
            "1e+3",
            "0",
            "-0",
            "007",
            "1_000",
            " 1",
            "1 ",
            "0x10",
            "1e5.5",
            "1..2",
            "--1",
            "+-1",
            "inf",
            "-inf",
            "+INF",
            "Infinity",
            "-infinity",
            "infin",
            "nan",
            "NaN",
            "-nan",
            "+NAN",
            "nana",
            "1e99999",
            "1e-99999",
            "99.9e-2",
            "1f",
            "1.5%",
            "١",
            "12345678901234567890123456789e-10",
        ];
        for text in cases {
            let rust = text.parse::<f64>().ok();
            match float_syntax(text) {
                None => assert_eq!(rust, None, "{text:?}"),
                Some(Some(v)) => {
                    let r = rust.unwrap_or_else(|| panic!("{text:?}"));
                    assert!(v == r || v.is_nan() && r.is_nan(), "{text:?}");
                }
                Some(None) => assert!(rust.is_some(), "{text:?}"),
            }
        }
    }

    #[test]
    fn complements_are_the_decimals_users_expect() {
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
    fn percents_shift_the_point() {
        assert_eq!(percent("99.9"), Some(0.999));
        assert_eq!(percent("50"), Some(0.5));
        assert_eq!(percent("5"), Some(0.05));
        assert_eq!(percent("0.5"), Some(0.005));
        assert_eq!(percent("100"), Some(1.0));
        assert_eq!(percent("-2"), Some(-0.02));
        assert_eq!(percent(".5"), Some(0.005));
        assert_eq!(percent("1e3"), None);
        assert_eq!(percent(""), None);
        assert_eq!(percent("."), None);
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

    proptest::proptest! {
        #[test]
        fn float_syntax_agrees_with_rust(text in "[0-9.eE+\\-infatyINFATY_ ]{0,10}") {
            let rust = text.parse::<f64>().ok();
            let ours = float_syntax(&text);
            proptest::prop_assert_eq!(ours.is_some(), rust.is_some(), "{:?}", text);
            if let (Some(Some(v)), Some(r)) = (ours, rust) {
                proptest::prop_assert!(v == r || v.is_nan() && r.is_nan(), "{:?}", text);
            }
        }
    }
}
