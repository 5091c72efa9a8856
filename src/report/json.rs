//! SPEC §4's JSON, written by hand so that the native CLI and the WebAssembly
//! build produce the same bytes without serde_json in the browser bundle.
//!
//! Numbers are written exactly as JavaScript's `JSON.stringify` writes them
//! (ECMA-262 `Number::toString`), so a report that went through
//! `JSON.parse`/`JSON.stringify` in a browser is unchanged byte for byte.
//! The pretty form matches `JSON.stringify(report, null, 2)` for the same
//! reason.
//!
//! The report is first turned into a small `Json` tree (keys in SPEC
//! order), then written compact or indented: one place decides the shape,
//! one place decides the layout.

use super::model::{AlertReport, Burndown, Reason, Report, SloReport};
use crate::time::{format_duration, format_rfc3339, Millis};

/// The report as compact JSON.
pub fn to_json(report: &Report) -> String {
    let tree = report_tree(report);
    let mut out = String::new();
    write_value(&mut out, &tree, None, 0, &mut Numbers::of(&tree));
    out
}

/// The report as JSON indented by two spaces, for terminals and files.
pub fn to_json_pretty(report: &Report) -> String {
    let tree = report_tree(report);
    let mut out = String::new();
    write_value(&mut out, &tree, Some(2), 0, &mut Numbers::of(&tree));
    out
}

/// A JSON value; objects keep their keys in insertion order.
#[derive(Clone, Debug, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

fn obj(fields: Vec<(&str, Json)>) -> Json {
    Json::Object(
        fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn num(x: f64) -> Json {
    Json::Number(x)
}

fn opt(x: Option<f64>) -> Json {
    x.map_or(Json::Null, Json::Number)
}

fn string(s: &str) -> Json {
    Json::String(s.to_string())
}

fn instant(t: crate::time::Instant) -> Json {
    Json::String(format_rfc3339(t))
}

/// `{"5m": 0.2, "1h": null}`: a window-keyed object, in the Vec's order.
fn by_window(values: &[(Millis, Option<f64>)]) -> Json {
    Json::Object(
        values
            .iter()
            .map(|&(w, v)| (format_duration(w), opt(v)))
            .collect(),
    )
}

fn report_tree(r: &Report) -> Json {
    obj(vec![
        ("policy", string(&r.policy)),
        ("at", instant(r.at)),
        ("level", string(&r.level)),
        ("slos", Json::Array(r.slos.iter().map(slo_tree).collect())),
    ])
}

fn slo_tree(s: &SloReport) -> Json {
    let group = s
        .group
        .iter()
        .map(|(k, v)| (k.clone(), string(v)))
        .collect();
    let b = &s.budget;
    obj(vec![
        ("name", string(&s.name)),
        ("group", Json::Object(group)),
        ("objective", num(s.objective)),
        (
            "window",
            obj(vec![
                ("start", instant(s.window.start)),
                ("end", instant(s.window.end)),
                ("periodSeconds", num(s.window.period_seconds)),
            ]),
        ),
        ("coverage", opt(s.coverage)),
        ("sli", opt(s.sli)),
        (
            "budget",
            obj(vec![
                ("unit", string(b.unit.as_str())),
                ("allowed", opt(b.allowed)),
                ("consumed", opt(b.consumed)),
                ("remaining", opt(b.remaining)),
                ("remainingRatio", opt(b.remaining_ratio)),
            ]),
        ),
        ("burnRates", by_window(&s.burn_rates)),
        ("consumedIn", by_window(&s.consumed_in)),
        (
            "alerts",
            Json::Array(s.alerts.iter().map(alert_tree).collect()),
        ),
        ("timeToExhaustionSeconds", opt(s.time_to_exhaustion_seconds)),
        ("level", string(&s.level)),
        (
            "reasons",
            Json::Array(s.reasons.iter().map(reason_tree).collect()),
        ),
        ("burndown", burndown_tree(&s.burndown)),
        (
            "warnings",
            Json::Array(s.warnings.iter().map(|w| string(w)).collect()),
        ),
    ])
}

fn alert_tree(a: &AlertReport) -> Json {
    let pairs = a
        .pairs
        .iter()
        .map(|p| {
            obj(vec![
                ("long", Json::String(format_duration(p.long))),
                ("short", Json::String(format_duration(p.short))),
                ("budget", num(p.budget)),
                ("factor", num(p.factor)),
                ("longBurn", opt(p.long_burn)),
                ("shortBurn", opt(p.short_burn)),
                ("firing", Json::Bool(p.firing)),
            ])
        })
        .collect();
    obj(vec![
        ("name", string(&a.name)),
        ("severity", string(&a.severity)),
        ("firing", Json::Bool(a.firing)),
        ("pairs", Json::Array(pairs)),
    ])
}

fn reason_tree(r: &Reason) -> Json {
    obj(vec![
        ("level", string(&r.level)),
        ("when", string(&r.when)),
        ("value", opt(r.value)),
        ("action", r.action.as_deref().map_or(Json::Null, string)),
    ])
}

fn burndown_tree(b: &Burndown) -> Json {
    // Epoch milliseconds as numbers: what a chart library takes directly.
    // Every instant the engine produces is far below 2^53, so this is exact.
    obj(vec![
        (
            "t",
            Json::Array(b.t.iter().map(|&t| num(t as f64)).collect()),
        ),
        (
            "remainingRatio",
            Json::Array(b.remaining_ratio.iter().map(|&v| opt(v)).collect()),
        ),
    ])
}

/// Writes `v`; `indent` = `Some(n)` lays it out like `JSON.stringify(v, null, n)`.
fn write_value(
    out: &mut String,
    v: &Json,
    indent: Option<usize>,
    depth: usize,
    numbers: &mut Numbers,
) {
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(x) => numbers.write(out, *x),
        Json::String(s) => write_string(out, s),
        Json::Array(items) => {
            write_container(out, '[', ']', items, indent, depth, |out, item, depth| {
                write_value(out, item, indent, depth, numbers)
            });
        }
        Json::Object(fields) => {
            write_container(
                out,
                '{',
                '}',
                fields,
                indent,
                depth,
                |out, (k, v), depth| {
                    write_string(out, k);
                    out.push(':');
                    if indent.is_some() {
                        out.push(' ');
                    }
                    write_value(out, v, indent, depth, numbers);
                },
            );
        }
    }
}

/// The numbers of a tree as they are written, in writing order. In the
/// WebAssembly build every number that needs float formatting (JS
/// `Number::toString`, see [`shortest`]) is formatted up front by one call
/// for the whole report rather than one call each (a burn-down alone has
/// 500); elsewhere each is formatted as it is written.
struct Numbers {
    /// The pre-formatted texts, joined by commas, and where the next starts.
    joined: String,
    next: usize,
}

impl Numbers {
    fn of(tree: &Json) -> Numbers {
        #[cfg(all(target_arch = "wasm32", feature = "wasm"))]
        {
            let mut floats = Vec::new();
            floats_of(tree, &mut floats);
            Numbers {
                joined: crate::wasm::format_numbers(&floats),
                next: 0,
            }
        }
        #[cfg(not(all(target_arch = "wasm32", feature = "wasm")))]
        {
            let _ = tree;
            Numbers {
                joined: String::new(),
                next: 0,
            }
        }
    }

    fn write(&mut self, out: &mut String, x: f64) {
        if needs_shortest(x) {
            if let Some(rest) = self.joined.get(self.next..).filter(|r| !r.is_empty()) {
                let text = rest.split(',').next().unwrap_or_default();
                out.push_str(text);
                self.next += text.len() + 1;
                return;
            }
        }
        out.push_str(&format_number(x));
    }
}

/// The numbers of `tree` that [`format_number`] formats with [`shortest`],
/// in writing order.
#[cfg(all(target_arch = "wasm32", feature = "wasm"))]
fn floats_of(tree: &Json, out: &mut Vec<f64>) {
    match tree {
        Json::Number(x) if needs_shortest(*x) => out.push(*x),
        Json::Array(items) => items.iter().for_each(|v| floats_of(v, out)),
        Json::Object(fields) => fields.iter().for_each(|(_, v)| floats_of(v, out)),
        _ => {}
    }
}

/// Brackets, commas and (when pretty) newlines around `items`. Empty
/// containers stay `[]`/`{}` on one line, as `JSON.stringify` writes them.
fn write_container<T>(
    out: &mut String,
    open: char,
    close: char,
    items: &[T],
    indent: Option<usize>,
    depth: usize,
    mut write_item: impl FnMut(&mut String, &T, usize),
) {
    out.push(open);
    if !items.is_empty() {
        let newline = |out: &mut String, depth: usize| {
            if let Some(n) = indent {
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', n * depth));
            }
        };
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            newline(out, depth + 1);
            write_item(out, item, depth + 1);
        }
        newline(out, depth);
    }
    out.push(close);
}

/// A JSON string literal: `"`, `\` and control characters escaped (the
/// short forms where JSON has them, `\u00XX` otherwise); everything else,
/// non-ASCII included, as is — the output is UTF-8.
pub(crate) fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                // By hand rather than `format!`: fewer bytes of WebAssembly.
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

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

/// Whether [`format_number`] formats `x` with [`shortest`].
fn needs_shortest(x: f64) -> bool {
    x.is_finite() && !(x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0)
}

/// In the WebAssembly build: JavaScript's own `Number::toString`, the
/// definition [`format_number`] follows, so the module carries no
/// float-formatting code of its own (about 20 KB of the size budget).
#[cfg(all(target_arch = "wasm32", feature = "wasm"))]
fn shortest(x: f64) -> String {
    js_sys::Number::from(x)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_else(|_| "null".to_string())
}

/// Everywhere else, ECMA-262's algorithm on Rust's shortest round-trip digits.
#[cfg(not(all(target_arch = "wasm32", feature = "wasm")))]
fn shortest(x: f64) -> String {
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::report::model::*;
    use crate::time::{parse_rfc3339, DAY, HOUR, MINUTE};

    /// SPEC §4's example report, by hand; also used by the text tests.
    pub(crate) fn sample() -> Report {
        let t = |s| parse_rfc3339(s).unwrap();
        Report {
            policy: "mtos-tasks".into(),
            at: t("2026-02-28T23:59:00Z"),
            level: "warning".into(),
            slos: vec![SloReport {
                name: "task-availability".into(),
                group: vec![
                    ("repository".into(), "core".into()),
                    ("region".into(), "eu".into()),
                ],
                objective: 0.999,
                window: WindowReport {
                    start: t("2026-02-01T00:00:00Z"),
                    end: t("2026-02-28T23:59:00Z"),
                    period_seconds: 2_419_200.0,
                },
                coverage: Some(1.0),
                sli: Some(0.9993055),
                budget: BudgetReport {
                    unit: BudgetUnit::Seconds,
                    allowed: Some(2419.2),
                    consumed: Some(1680.0),
                    remaining: Some(739.2),
                    remaining_ratio: Some(0.30555),
                },
                burn_rates: vec![(5 * MINUTE, Some(0.0)), (HOUR, Some(1.25)), (3 * DAY, None)],
                consumed_in: vec![(3 * DAY, Some(0.0))],
                alerts: vec![AlertReport {
                    name: "page".into(),
                    severity: "page".into(),
                    firing: false,
                    pairs: vec![PairReport {
                        long: HOUR,
                        short: 5 * MINUTE,
                        budget: 0.02,
                        factor: 14.4,
                        long_burn: Some(0.0),
                        short_burn: None,
                        firing: false,
                    }],
                }],
                time_to_exhaustion_seconds: None,
                level: "warning".into(),
                reasons: vec![Reason {
                    level: "warning".into(),
                    when: "remaining < 50%".into(),
                    value: Some(0.30555),
                    action: Some("Prioritize reliability over features".into()),
                }],
                burndown: Burndown {
                    t: vec![t("2026-02-01T00:00:00Z"), t("2026-02-01T00:01:00Z")],
                    remaining_ratio: vec![Some(1.0), None],
                },
                warnings: vec![],
            }],
        }
    }

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
            (f64::NAN, "null"),
            (f64::INFINITY, "null"),
            (f64::NEG_INFINITY, "null"),
        ];
        for &(x, want) in table {
            assert_eq!(format_number(x), want, "{x:e}");
        }
    }

    /// Cross-checks random numbers against node's `String(x)` when node is
    /// installed: `cargo test -- --ignored json_numbers_against_node`.
    /// Also checks the pretty layout against `JSON.stringify(v, null, 2)`.
    #[test]
    #[ignore = "needs node"]
    fn json_numbers_against_node() {
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
        let out = std::process::Command::new("node")
            .args(["-e", &script])
            .output()
            .expect("node");
        let js = String::from_utf8(out.stdout).unwrap();
        for (x, want) in xs.iter().zip(js.lines()) {
            assert_eq!(format_number(*x), want, "{x:e}");
        }
        let compact = to_json(&sample());
        let script = "process.stdout.write(JSON.stringify(JSON.parse(process.argv[1]), null, 2))";
        let out = std::process::Command::new("node")
            .args(["-e", script, &compact])
            .output()
            .expect("node");
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            to_json_pretty(&sample())
        );
    }

    #[test]
    fn strings_are_escaped() {
        let mut out = String::new();
        write_string(&mut out, "a\"b\\c\nd\te\u{1}f\u{1f}\u{8}\u{c}\ré✓\u{7f}");
        // DEL (0x7f) is not a control character for JSON: it stays as is.
        assert_eq!(
            out,
            "\"a\\\"b\\\\c\\nd\\te\\u0001f\\u001f\\b\\f\\ré✓\u{7f}\""
        );
    }

    #[test]
    fn compact_shape_and_key_order() {
        let json = to_json(&sample());
        assert!(json.starts_with(
            r#"{"policy":"mtos-tasks","at":"2026-02-28T23:59:00Z","level":"warning","slos":[{"#
        ));
        for part in [
            r#""group":{"repository":"core","region":"eu"},"objective":0.999,"#,
            r#""window":{"start":"2026-02-01T00:00:00Z","end":"2026-02-28T23:59:00Z","periodSeconds":2419200},"#,
            r#""coverage":1,"sli":0.9993055,"#,
            r#""budget":{"unit":"seconds","allowed":2419.2,"consumed":1680,"remaining":739.2,"remainingRatio":0.30555},"#,
            r#""burnRates":{"5m":0,"1h":1.25,"3d":null},"consumedIn":{"3d":0},"#,
            r#""alerts":[{"name":"page","severity":"page","firing":false,"pairs":[{"long":"1h","short":"5m","budget":0.02,"factor":14.4,"longBurn":0,"shortBurn":null,"firing":false}]}],"#,
            r#""timeToExhaustionSeconds":null,"level":"warning","#,
            r#""reasons":[{"level":"warning","when":"remaining < 50%","value":0.30555,"action":"Prioritize reliability over features"}],"#,
            r#""burndown":{"t":[1769904000000,1769904060000],"remainingRatio":[1,null]},"warnings":[]}]}"#,
        ] {
            assert!(json.contains(part), "missing {part}\nin {json}");
        }
    }

    #[test]
    fn null_action_and_empty_group() {
        let mut r = sample();
        r.slos[0].group.clear();
        r.slos[0].reasons[0].action = None;
        let json = to_json(&r);
        assert!(json.contains(r#""group":{},"#));
        assert!(json.contains(r#""value":0.30555,"action":null}"#));
    }

    #[test]
    fn pretty_matches_json_stringify_layout() {
        let mut r = sample();
        r.slos[0].alerts.clear();
        r.slos[0].burndown = Burndown::default();
        let pretty = to_json_pretty(&r);
        assert!(pretty.starts_with(
            "{\n  \"policy\": \"mtos-tasks\",\n  \"at\": \"2026-02-28T23:59:00Z\",\n"
        ));
        assert!(pretty.contains("\n  \"slos\": [\n    {\n      \"name\": \"task-availability\",\n"));
        assert!(pretty.contains("\n      \"alerts\": [],\n"));
        assert!(pretty.contains("\n      \"burndown\": {\n        \"t\": [],\n        \"remainingRatio\": []\n      },\n"));
        assert!(pretty.ends_with("\n      \"warnings\": []\n    }\n  ]\n}"));
        // Same document, different layout.
        let squeezed: String = pretty
            .lines()
            .map(str::trim_start)
            .collect::<Vec<_>>()
            .join("")
            .replace("\": ", "\":");
        assert_eq!(squeezed, to_json(&r));
    }

    #[test]
    #[cfg(feature = "cli")]
    fn pretty_output_parses_and_equals_compact() {
        let r = sample();
        let a: serde_json::Value = serde_json::from_str(&to_json(&r)).unwrap();
        let b: serde_json::Value = serde_json::from_str(&to_json_pretty(&r)).unwrap();
        assert_eq!(a, b);
    }
}
