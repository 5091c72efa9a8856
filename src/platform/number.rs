//! Numbers to text and back, as JavaScript does it: the report's numbers
//! are what `JSON.stringify` writes (ECMA-262 `Number::toString`), and the
//! policy's numbers read as Rust's `str::parse::<f64>`. The WebAssembly build
//! asks JavaScript (`Number.prototype.toString`, `parseFloat`) rather than
//! linking Rust's float formatting and parsing, about 20 KB and 10 KB of the
//! module's size budget; natively Rust's own code does it. Both give the same
//! text and the same values (tested against node, and in tests/wasm.rs).

/// A number as ECMA-262 `Number::prototype.toString()` writes it, which is
/// what `JSON.stringify` prints: shortest round-trip digits, plain notation
/// for exponents from 1e-7 (exclusive) up to 1e21 (exclusive), `1e+21` /
/// `1.5e-7` otherwise, and `0` for negative zero. NaN and ±Infinity are not
/// JSON; the report model never holds them, but they are written as `null`
/// (what `JSON.stringify` does) rather than as invalid JSON.
pub fn format_number(x: f64) -> String {
    if !x.is_finite() {
        return "null".to_string();
    }
    // Whole numbers below 2^53 (epoch milliseconds, counts) print as integers
    // in both languages; this path is exact and needs no float formatting.
    if !needs_shortest(x) {
        return (x as i64).to_string();
    }
    shortest(x)
}

/// Whether [`format_number`] formats `x` with [`shortest`] (rather than as
/// an integer, or as `null`).
pub fn needs_shortest(x: f64) -> bool {
    x.is_finite() && !(x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0)
}

/// Whether a writer of many numbers should gather the ones that need
/// [`shortest`] and format them with one [`shortest_joined`] call: in
/// WebAssembly each number is a call into JavaScript, and one call for a
/// whole report costs far less than one each (a burn-down alone has 500).
pub const FORMAT_TOGETHER: bool = cfg!(target_arch = "wasm32");

/// In WebAssembly: JavaScript's own `Number::toString`, the definition
/// [`format_number`] follows, so the module carries no float-formatting code
/// of its own.
#[cfg(target_arch = "wasm32")]
pub fn shortest(x: f64) -> String {
    super::js::number_to_string(x)
}

/// Natively: ECMA-262's algorithm on Rust's shortest round-trip digits.
#[cfg(not(target_arch = "wasm32"))]
pub fn shortest(x: f64) -> String {
    if x == 0.0 {
        return "0".to_string();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    // `{:e}` gives the shortest digits that round-trip, e.g. `1.2345e-5`.
    let sci = format!("{:e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let exp: i32 = exp.parse().unwrap_or(0);
    let k = digits.len() as i32;
    // ECMA-262's n: the value is 0.DIGITS × 10^n.
    let n = exp + 1;
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let e = n - 1;
        let e_sign = if e < 0 { '-' } else { '+' };
        if k == 1 {
            format!("{digits}e{e_sign}{}", e.abs())
        } else {
            format!("{}.{}e{e_sign}{}", &digits[..1], &digits[1..], e.abs())
        }
    };
    format!("{sign}{body}")
}

/// `numbers` as [`shortest`] writes them, joined by commas.
#[cfg(not(target_arch = "wasm32"))]
pub fn shortest_joined(numbers: &[f64]) -> String {
    let texts: Vec<String> = numbers.iter().map(|&x| shortest(x)).collect();
    texts.join(",")
}

/// `numbers` as [`shortest`] writes them, joined by commas, by one call per
/// batch of a million: `Float64Array.prototype.join` converts each element
/// with `Number::toString`. In batches, so that no joined string comes near
/// the longest a JavaScript engine holds (2^29 − 24 characters in V8; a
/// number is at most 25): the whole text is assembled here, and a report too
/// long for JavaScript is refused by the bindings with a message, not a
/// RangeError.
#[cfg(target_arch = "wasm32")]
pub fn shortest_joined(numbers: &[f64]) -> String {
    const BATCH: usize = 1 << 20;
    let mut out = String::new();
    for (i, batch) in numbers.chunks(BATCH).enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&super::js::Float64Array::from_slice(batch).join(","));
    }
    out
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
            None => Some(super::js::parse_float(text)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_match_javascript() {
        let table: &[(f64, &str)] = &[
            (0.1 + 0.2, "0.30000000000000004"),
            (1e21, "1e+21"),
            (123e-20, "1.23e-18"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (0.0000012345, "0.0000012345"),
            (2419.2, "2419.2"),
            (1680.0, "1680"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (100.0, "100"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (1.5e21, "1.5e+21"),
            (-0.0, "0"),
            (0.0, "0"),
            (-2.5, "-2.5"),
            (-1e-9, "-1e-9"),
            (0.999, "0.999"),
            (14.4, "14.4"),
            (1.0, "1"),
            (1772323140000.0, "1772323140000"),
            (10.0, "10"),
            (99.0, "99"),
            (-7.0, "-7"),
            (99_999_999.0, "99999999"),
            (100_000_000.0, "100000000"),
            (100_000_001.0, "100000001"),
            (-1_000_000_000_000_000.0, "-1000000000000000"),
            (9_007_199_254_740_991.0, "9007199254740991"),
            (9_007_199_254_740_992.0, "9007199254740992"),
            (f64::NAN, "null"),
            (f64::INFINITY, "null"),
            (f64::NEG_INFINITY, "null"),
        ];
        for &(x, want) in table {
            assert_eq!(format_number(x), want, "{x:e}");
        }
    }

    /// Cross-checks random numbers against node's `String(x)`, and
    /// [`shortest_joined`] against their texts joined. Needs `node` on the
    /// PATH, as the package's JS tests do (scripts/test runs both).
    #[test]
    fn numbers_against_node() {
        let mut xs = vec![];
        let mut seed: u64 = 0x9e3779b97f4a7c15;
        for _ in 0..2000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let x = f64::from_bits(seed);
            if x.is_finite() {
                xs.push(x);
            }
            xs.push((seed % 1_000_000) as f64 / 1000.0);
        }
        let input: Vec<String> = xs.iter().map(|x| format!("{:e}", x)).collect();
        let script = format!("console.log([{}].map(String).join('\\n'))", input.join(","));
        const NEED_NODE: &str = "this test runs `node` (install Node 20, as for the JS tests)";
        let out = std::process::Command::new("node")
            .args(["-e", &script])
            .output()
            .expect(NEED_NODE);
        let js = String::from_utf8(out.stdout).unwrap();
        assert_eq!(js.lines().count(), xs.len(), "node printed: {js}");
        for (x, want) in xs.iter().zip(js.lines()) {
            assert_eq!(format_number(*x), want, "{x:e}");
        }
        let floats: Vec<f64> = xs.iter().copied().filter(|&x| needs_shortest(x)).collect();
        let joined: Vec<String> = floats.iter().map(|&x| format_number(x)).collect();
        assert_eq!(shortest_joined(&floats), joined.join(","));
    }

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
