//! The WebAssembly build's own tests (`scripts/test-wasm.sh` runs them in
//! Node and in headless Chromium with wasm-bindgen-test-runner).
//!
//! The time-zone and number-formatting cases also run natively (`cargo
//! test`): the same expectations on both sides are what "identical to
//! native" means — in the browser the answers come from `Intl` and
//! `Number.prototype.toString`, natively from jiff and Rust.

use slogate::decimal::format_number;
use slogate::time::calendar::{period_containing, CalendarUnit};
use slogate::time::civil::{Date, DateTime};
use slogate::time::parse_rfc3339;
use slogate::time::zone::Zone;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn t(text: &str) -> i64 {
    parse_rfc3339(text).expect("a valid RFC 3339 instant")
}

fn local(year: i32, month: u8, day: u8, hour: i64, minute: i64) -> DateTime {
    DateTime {
        date: Date::new(year, month, day).expect("a valid date"),
        ms_of_day: (hour * 60 + minute) * 60_000,
    }
}

#[test]
fn offsets_across_dst_transitions() {
    let cases = [
        ("Europe/Berlin", "2026-03-29T00:59:59Z", 3600),
        ("Europe/Berlin", "2026-03-29T01:00:00Z", 7200),
        ("Europe/Berlin", "2026-10-25T00:59:59Z", 7200),
        ("Europe/Berlin", "2026-10-25T01:00:00Z", 3600),
        ("America/New_York", "2026-11-01T05:59:59Z", -4 * 3600),
        ("America/New_York", "2026-11-01T06:00:00Z", -5 * 3600),
        ("Australia/Lord_Howe", "2026-04-04T14:59:59Z", 11 * 3600),
        (
            "Australia/Lord_Howe",
            "2026-04-04T15:00:00Z",
            10 * 3600 + 1800,
        ),
        ("Asia/Kolkata", "2026-06-30T18:29:00Z", 5 * 3600 + 1800),
        ("UTC", "2026-06-30T18:29:00Z", 0),
    ];
    for (name, at, offset) in cases {
        let zone = Zone::get(name).expect("a known zone");
        assert_eq!(zone.offset_at(t(at)), offset, "{name} at {at}");
    }
}

#[test]
fn wall_clock_gaps_and_folds() {
    let berlin = Zone::get("Europe/Berlin").unwrap();
    // 02:30 does not exist on 2026-03-29: the first instant after the gap.
    assert_eq!(
        berlin.instant_of(local(2026, 3, 29, 2, 30)),
        t("2026-03-29T01:00:00Z")
    );
    let new_york = Zone::get("America/New_York").unwrap();
    // 01:30 happens twice on 2026-11-01: the earlier one (EDT).
    assert_eq!(
        new_york.instant_of(local(2026, 11, 1, 1, 30)),
        t("2026-11-01T05:30:00Z")
    );
}

#[test]
fn calendar_periods_in_zones() {
    let berlin = Zone::get("Europe/Berlin").unwrap();
    let (start, end) = period_containing(CalendarUnit::Month, &berlin, t("2026-03-15T00:00:00Z"));
    assert_eq!(
        (start, end),
        (t("2026-02-28T23:00:00Z"), t("2026-03-31T22:00:00Z"))
    );
    let new_york = Zone::get("America/New_York").unwrap();
    let (start, end) = period_containing(CalendarUnit::Day, &new_york, t("2026-11-01T12:00:00Z"));
    // The fall-back day lasts 25 hours.
    assert_eq!(
        (start, end),
        (t("2026-11-01T04:00:00Z"), t("2026-11-02T05:00:00Z"))
    );
}

#[test]
fn unknown_zones_suggest_a_name() {
    let message = Zone::get("Europe/Berln").unwrap_err();
    assert!(message.contains("Europe/Berlin"), "{message}");
}

#[test]
fn numbers_as_json_stringify_writes_them() {
    let cases = [
        (0.1, "0.1"),
        (-0.0, "0"),
        (1e21, "1e+21"),
        (123456789012345680000.0, "123456789012345680000"),
        (1.5e-7, "1.5e-7"),
        (0.000001, "0.000001"),
        (5e-324, "5e-324"),
        (0.30000000000000004, "0.30000000000000004"),
        (2419.2, "2419.2"),
        (-14.4, "-14.4"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (f64::NAN, "null"),
    ];
    for (x, text) in cases {
        assert_eq!(format_number(x), text, "{x:e}");
    }
}

/// Time columns: the SIMD conversion (WebAssembly) gives exactly what the
/// scalar reference gives, on every length parity, at every boundary of its
/// fast path, with the bad time or value anywhere. Natively both are the
/// reference, so this pins the reference's own answers too.
#[test]
fn epoch_conversion_matches_the_exact_path() {
    use slogate::epoch::{convert, convert_exact};
    const TWO51: f64 = 2_251_799_813_685_248.0;
    let specials = [
        0.0,
        -0.0,
        0.5,
        -1.0,
        1.77e12,
        TWO51 - 1.0,
        TWO51,
        -TWO51,
        8.64e15,
        -8.64e15,
        8.64e15 + 2.0,
        f64::NAN,
        f64::INFINITY,
        -f64::INFINITY,
        f64::MAX,
        5e-324,
    ];
    // A small deterministic generator: the cases must be the same in Node,
    // Chromium and natively.
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for case in 0..2000 {
        let len = (next() % 9) as usize;
        let mut times: Vec<f64> = (0..len).map(|i| 1.77e12 + 60_000.0 * i as f64).collect();
        let mut values = vec![1.0; len + usize::from(case % 7 == 0)];
        if len > 0 {
            let at = (next() % len as u64) as usize;
            match next() % 5 {
                0 => times[at] = specials[(next() % specials.len() as u64) as usize],
                1 => times.swap(at, (next() % len as u64) as usize),
                2 => values[at] = [f64::NAN, f64::INFINITY, -0.0][(next() % 3) as usize],
                3 => times[at] = times[at.saturating_sub(1)],
                _ => {}
            }
        }
        let (fast, exact) = (convert(&times, &values), convert_exact(&times, &values));
        assert_eq!(fast.valid, exact.valid, "{times:?} {values:?}");
        assert_eq!(fast.clean, exact.clean, "{times:?} {values:?}");
        if exact.valid {
            assert_eq!(fast.times, exact.times, "{times:?}");
        }
    }
}

/// The bindings themselves (wasm32 only).
#[cfg(target_arch = "wasm32")]
mod bindings {
    use slogate::wasm::{validate, Float64Array, RawEngine};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const POLICY: &str = "
apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: demo}
spec:
  slos:
    - name: availability
      objective: 99%
      window: {rolling: 1h}
      sli: {ratio: {good: good, total: total}}
  policy:
    levels: [healthy, freeze]
    rules:
      - {level: freeze, when: \"remaining < 50%\"}
";

    /// The header and the columns `[times, total, times, good]`, with the
    /// total's times as given.
    fn columns(total_times: &[f64]) -> (Vec<f64>, Vec<String>, Vec<Float64Array>) {
        let times: Vec<f64> = (0..=60).map(|i| f64::from(i) * 60_000.0).collect();
        let meta = vec![61.0, 61.0, f64::NAN, 0.0, 61.0, 61.0, f64::NAN, 0.0];
        let strings = ["total", "", "good", ""].map(String::from).to_vec();
        let arrays = [total_times, &[10.0; 61], &times, &[9.94; 61]]
            .map(Float64Array::from_slice)
            .to_vec();
        (meta, strings, arrays)
    }

    fn minutes() -> Vec<f64> {
        (0..=60).map(|i| f64::from(i) * 60_000.0).collect()
    }

    fn message(error: JsValue) -> String {
        js_sys::Error::from(error).message().into()
    }

    #[test]
    fn evaluates_to_the_report_json() {
        let engine = RawEngine::new(POLICY).unwrap_or_else(|e| panic!("{}", message(e)));
        let (meta, strings, arrays) = columns(&minutes());
        let json = engine
            .evaluate_columns(3_600_000.0, &meta, strings, arrays, 0, &engine)
            .unwrap_or_else(|e| panic!("{}", message(e)))
            .as_string()
            .expect("the report's JSON text");
        assert!(
            json.starts_with(r#"{"policy":"demo","at":"1970-01-01T01:00:00Z","level":"freeze""#),
            "{json}"
        );
        assert_eq!(engine.levels(), r#"["healthy","freeze"]"#);
        assert_eq!(engine.slo_names(), r#"["availability"]"#);
        assert_eq!(engine.warnings(), "[]");
    }

    #[test]
    fn refuses_bad_columns_with_messages() {
        let engine = RawEngine::new(POLICY).unwrap_or_else(|e| panic!("{}", message(e)));
        let mut times = minutes();
        times[3] = f64::NAN;
        let (meta, strings, arrays) = columns(&times);
        let e = engine
            .evaluate_columns(
                3_600_000.0,
                &meta,
                strings.clone(),
                arrays.clone(),
                0,
                &engine,
            )
            .unwrap_err();
        assert_eq!(
            message(e),
            "series \"total\": time at index 3 is not a finite number"
        );
        let e = engine
            .evaluate_columns(f64::INFINITY, &meta, strings, arrays, 0, &engine)
            .unwrap_err();
        assert_eq!(message(e), "at is not a finite number");
    }

    #[test]
    fn policy_errors_carry_the_cli_rendering() {
        let e = RawEngine::new("spec: [").err().expect("an error");
        assert!(message(e).starts_with("<policy>:"));
        let diagnostics = validate("spec: [");
        assert!(diagnostics.starts_with("[{\"line\":"), "{diagnostics}");
    }
}

/// Float parsing: JavaScript's `parseFloat` in the browser behind Rust's
/// float syntax, Rust's own `parse` natively; same values, same rejections.
#[test]
fn floats_parse_as_rust_parses_them() {
    let cases = [
        "0",
        "-0",
        "0.1",
        "99.9e-2",
        "99.95e-2",
        "1e3",
        "1.e5",
        ".5",
        "+.5",
        "-2.5E-3",
        "0.30000000000000004",
        "2.2250738585072011e-308",
        "4.9e-324",
        "2e-324",
        "1.7976931348623157e308",
        "1.8e308",
        "1e-99999",
        "9007199254740993",
        "123456789012345678901234567890",
        "inf",
        "-Infinity",
        "NaN",
        "",
        ".",
        "1e",
        "e1",
        "1.5%",
        "0x10",
        " 1",
        "1_0",
        "infinite",
    ];
    for text in cases {
        let want = text.parse::<f64>().ok();
        let got = slogate::decimal::parse_f64(text);
        match (got, want) {
            (Some(g), Some(w)) => assert!(
                g.to_bits() == w.to_bits() || g.is_nan() && w.is_nan(),
                "{text:?}: {g} != {w}"
            ),
            (g, w) => assert_eq!(g, w, "{text:?}"),
        }
    }
}

/// The policy limits hold on WebAssembly's small stack as natively: a `when`
/// of 12,000 conditions (which trapped with "Maximum call stack size
/// exceeded"), 100,000 parentheses and a document nested 100,000 deep are
/// each one error with line and column; 1,000 conditions evaluate.
#[test]
fn policy_limits_are_errors_not_traps() {
    use slogate::expr::{Env, Term, Value, MAX_CONDITIONS};
    let policy = |when: &str| {
        format!("apiVersion: slogate/v1\nkind: ServiceLevelPolicy\nmetadata: {{name: x}}\nspec:\n  slos:\n    - name: s\n      objective: 99%\n      window: {{rolling: 1h}}\n      sli: {{ratio: {{good: good, total: total}}}}\n  policy:\n    rules:\n      - level: freeze\n        when: \"{when}\"\n")
    };
    let one_error = |text: &str| {
        let all = slogate::policy::diagnose(text);
        assert_eq!(all.len(), 1, "{all:?}");
        let l = all[0].location.expect("a location");
        (l.line, l.column, all[0].message.clone())
    };
    let conditions = |n: usize| vec!["alert(page)"; n].join(" or ");
    // The `when` text starts on line 13, column 16; 15 chars per "alert(page) or ".
    let (line, column, message) = one_error(&policy(&conditions(12_000)));
    assert_eq!((line, column), (13, 16 + 15 * 1_000));
    assert!(
        message.starts_with("the expression is too long: more than 1000 conditions"),
        "{message}"
    );
    let deep = format!("{}alert(page){}", "(".repeat(100_000), ")".repeat(100_000));
    let (line, column, message) = one_error(&policy(&deep));
    assert_eq!((line, column), (13, 16 + 64));
    assert!(
        message.starts_with("the expression is nested too deeply"),
        "{message}"
    );
    let nested = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(one_error(&nested).0, 1);

    let parsed =
        slogate::Policy::parse(&policy(&conditions(MAX_CONDITIONS))).expect("within the limit");
    struct OnlyTicket;
    impl Env for OnlyTicket {
        fn term(&self, term: &Term) -> Value {
            Value::Truth(Some(matches!(term, Term::Alert(name) if name == "ticket")))
        }
    }
    let when = &parsed.policy.rules[0].when;
    assert_eq!(
        slogate::expr::evaluate(when, &OnlyTicket).truth,
        Some(false)
    );
}
