//! SPEC §4's JSON, written by hand so that the native CLI and the WebAssembly
//! build produce the same bytes without serde_json in the browser bundle.
//!
//! Numbers are written exactly as JavaScript's `JSON.stringify` writes them
//! (ECMA-262 `Number::toString`), so a report that went through
//! `JSON.parse`/`JSON.stringify` in a browser is unchanged byte for byte.
//! The pretty form matches `JSON.stringify(report, null, 2)` for the same
//! reason.
//!
//! The report is written straight into one buffer by `Writer`, which owns
//! the layout (commas, indentation); the functions below own the shape (keys
//! in SPEC order). No intermediate tree: in the WebAssembly build every
//! small allocation costs, and a report has a thousand values.

use super::model::{AlertReport, Burndown, PairReport, Reason, Report, Segment, SloReport};
use crate::time::{format_duration, format_rfc3339, Instant, Millis};

/// The report as compact JSON.
pub fn to_json(report: &Report) -> String {
    write_report(report, None)
}

/// The report as JSON indented by two spaces, for terminals and files.
pub fn to_json_pretty(report: &Report) -> String {
    write_report(report, Some(2))
}

fn write_report(report: &Report, indent: Option<usize>) -> String {
    let mut w = Writer::new(indent, capacity_of(report));
    report_json(&mut w, report);
    w.finish()
}

/// Roughly the compact text's length, so that `out` grows once or not at
/// all: about 1 KB per SLO instance and 30 bytes per burn-down point.
fn capacity_of(report: &Report) -> usize {
    let per_slo = |s: &SloReport| 1024 + 30 * s.burndown.t.len();
    256 + report.slos.iter().map(per_slo).sum::<usize>()
}

fn report_json(w: &mut Writer, r: &Report) {
    w.open(b'{');
    w.key("policy").string(&r.policy);
    w.key("at").instant(r.at);
    w.key("level").string(&r.level);
    w.key("levels").array(&r.levels, |w, l| w.string(l));
    w.key("slos").array(&r.slos, slo_json);
    w.close(b'}');
}

fn slo_json(w: &mut Writer, s: &SloReport) {
    w.open(b'{');
    w.key("name").string(&s.name);
    w.key("group").open(b'{');
    for (k, v) in &s.group {
        w.key(k).string(v);
    }
    w.close(b'}');
    w.key("objective").number(s.objective);
    w.key("window").open(b'{');
    w.key("start").instant(s.window.start);
    w.key("end").instant(s.window.end);
    w.key("periodSeconds").number(s.window.period_seconds);
    w.close(b'}');
    w.key("coverage").opt(s.coverage);
    w.key("sli").opt(s.sli);
    let b = &s.budget;
    w.key("budget").open(b'{');
    w.key("unit").string(b.unit.as_str());
    w.key("allowed").opt(b.allowed);
    w.key("consumed").opt(b.consumed);
    w.key("remaining").opt(b.remaining);
    w.key("remainingRatio").opt(b.remaining_ratio);
    w.close(b'}');
    w.key("burnRates").by_window(&s.burn_rates);
    w.key("consumedIn").by_window(&s.consumed_in);
    w.key("alerts").array(&s.alerts, alert_json);
    w.key("timeToExhaustionSeconds")
        .opt(s.time_to_exhaustion_seconds);
    w.key("level").string(&s.level);
    w.key("reasons").array(&s.reasons, reason_json);
    w.key("burndown");
    burndown_json(w, &s.burndown);
    w.key("timeline").array(&s.timeline, segment_json);
    w.key("warnings").array(&s.warnings, |w, x| {
        w.open(b'{');
        w.key("kind").string(x.kind.as_str());
        w.key("message").string(&x.message);
        w.close(b'}');
    });
    w.close(b'}');
}

fn alert_json(w: &mut Writer, a: &AlertReport) {
    w.open(b'{');
    w.key("name").string(&a.name);
    w.key("severity").string(&a.severity);
    w.key("firing").bool(a.firing);
    w.key("pairs").array(&a.pairs, pair_json);
    w.close(b'}');
}

fn pair_json(w: &mut Writer, p: &PairReport) {
    w.open(b'{');
    w.key("long").string(&format_duration(p.long));
    w.key("short").string(&format_duration(p.short));
    w.key("budget").number(p.budget);
    w.key("factor").number(p.factor);
    w.key("longBurn").opt(p.long_burn);
    w.key("shortBurn").opt(p.short_burn);
    w.key("firing").bool(p.firing);
    w.close(b'}');
}

fn reason_json(w: &mut Writer, r: &Reason) {
    w.open(b'{');
    w.key("level").string(&r.level);
    w.key("when").string(&r.when);
    w.key("value").opt(r.value);
    w.key("action");
    match &r.action {
        Some(a) => w.string(a),
        None => w.null(),
    }
    w.close(b'}');
}

fn burndown_json(w: &mut Writer, b: &Burndown) {
    // Epoch milliseconds as numbers: what a chart library takes directly.
    // Every instant the engine produces is far below 2^53, so this is exact.
    w.open(b'{');
    w.key("t").array(&b.t, |w, &t| w.number(t as f64));
    w.key("remainingRatio")
        .array(&b.remaining_ratio, |w, &v| w.opt(v));
    w.close(b'}');
}

fn segment_json(w: &mut Writer, s: &Segment) {
    w.open(b'{');
    // Epoch milliseconds, as the burn-down's `t`.
    w.key("from").number(s.from as f64);
    w.key("to").number(s.to as f64);
    w.key("level").string(&s.level);
    w.key("reasons").array(&s.reasons, |w, r| w.string(r));
    w.key("alerts").array(&s.alerts, |w, a| w.string(a));
    w.close(b'}');
}

/// Writes JSON values: compact, or laid out like `JSON.stringify(v, null, n)`
/// (empty containers stay `[]`/`{}`).
///
/// Containers are written by `open`, then `item` or `key` before each
/// member, then `close`; the value methods write one value each.
///
/// Bytes gather in a small array before they go to `out` in one copy: most
/// writes are a few bytes (a comma, a digit, `null`), which the array takes
/// with plain stores, where each `Vec` call is a chain of calls in the
/// size-optimized WebAssembly (it inlines little). The text is bytes rather
/// than a `String` because it is built a byte at a time; it only ever
/// receives whole `&str`s, pieces of them cut before or after an ASCII
/// byte, and ASCII bytes, so it is always UTF-8.
struct Writer {
    out: Vec<u8>,
    /// The next bytes of the text after `out`: `pending[..len]`.
    pending: [u8; PENDING],
    len: usize,
    /// `Some(n)`: a newline and `n` spaces per depth before each member.
    indent: Option<usize>,
    /// How many containers are open.
    depth: usize,
    /// Whether the innermost open container has no member yet (no comma
    /// before the next one, no newline before its `close`).
    empty: bool,
    /// The WebAssembly build's numbers that need float formatting, in
    /// writing order, and where in the text each goes; [`Writer::finish`]
    /// puts them in (see [`Writer::float`]).
    #[cfg(all(target_arch = "wasm32", feature = "wasm"))]
    floats: Vec<f64>,
    #[cfg(all(target_arch = "wasm32", feature = "wasm"))]
    float_at: Vec<usize>,
}

/// The size of [`Writer::pending`]; at least an integer's 20 digits and
/// sign.
const PENDING: usize = 128;

impl Writer {
    fn new(indent: Option<usize>, capacity: usize) -> Writer {
        Writer {
            out: Vec::with_capacity(capacity),
            pending: [0; PENDING],
            len: 0,
            indent,
            depth: 0,
            empty: false,
            #[cfg(all(target_arch = "wasm32", feature = "wasm"))]
            floats: Vec::new(),
            #[cfg(all(target_arch = "wasm32", feature = "wasm"))]
            float_at: Vec::new(),
        }
    }

    /// Makes room for `n` ≤ [`PENDING`] bytes in `pending`.
    #[inline(always)]
    fn room(&mut self, n: usize) {
        if self.len + n > PENDING {
            self.flush();
        }
    }

    fn flush(&mut self) {
        self.out
            .extend_from_slice(self.pending.get(..self.len).unwrap_or_default());
        self.len = 0;
    }

    #[inline(always)]
    fn byte(&mut self, b: u8) {
        self.room(1);
        if let Some(slot) = self.pending.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    /// Short runs into `pending`, long ones to `out` in one copy. The
    /// position is kept in a local: stored and reloaded through `self` for
    /// each byte, it would make every byte wait on the previous one.
    fn bytes(&mut self, bytes: &[u8]) {
        if bytes.len() > PENDING / 2 {
            self.flush();
            self.out.extend_from_slice(bytes);
            return;
        }
        self.room(bytes.len());
        let mut at = self.len;
        for &b in bytes {
            if let Some(slot) = self.pending.get_mut(at) {
                *slot = b;
            }
            at += 1;
        }
        self.len = at.min(PENDING);
    }

    fn open(&mut self, bracket: u8) -> &mut Self {
        self.byte(bracket);
        self.depth += 1;
        self.empty = true;
        self
    }

    fn close(&mut self, bracket: u8) {
        self.depth = self.depth.saturating_sub(1);
        if !self.empty {
            self.newline();
        }
        self.byte(bracket);
        // This container was a member of the one it is in.
        self.empty = false;
    }

    /// Before each member of an array. Inlined: it runs before each of the
    /// thousand numbers of a burn-down.
    #[inline(always)]
    fn item(&mut self) -> &mut Self {
        if !self.empty {
            self.byte(b',');
        }
        self.empty = false;
        if self.indent.is_some() {
            self.newline();
        }
        self
    }

    /// Before each member of an object.
    fn key(&mut self, key: &str) -> &mut Self {
        self.item();
        self.string(key);
        self.byte(b':');
        if self.indent.is_some() {
            self.byte(b' ');
        }
        self
    }

    fn newline(&mut self) {
        if let Some(n) = self.indent {
            self.byte(b'\n');
            for _ in 0..n * self.depth {
                self.byte(b' ');
            }
        }
    }

    fn array<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.open(b'[');
        for item in items {
            self.item();
            each(self, item);
        }
        self.close(b']');
    }

    /// `{"5m": 0.2, "1h": null}`: a window-keyed object, in the slice's order.
    fn by_window(&mut self, values: &[(Millis, Option<f64>)]) {
        self.open(b'{');
        for &(window, value) in values {
            self.key(&format_duration(window)).opt(value);
        }
        self.close(b'}');
    }

    fn null(&mut self) {
        self.bytes(b"null");
    }

    fn bool(&mut self, b: bool) {
        self.bytes(if b { b"true" } else { b"false" });
    }

    /// A JSON string literal: `"`, `\` and control characters escaped (the
    /// short forms where JSON has them, `\u00XX` otherwise); everything
    /// else, non-ASCII included, as is — the text is UTF-8. Runs that need
    /// no escape are copied whole; every byte escaped is ASCII, so the runs
    /// are whole characters.
    fn string(&mut self, s: &str) {
        self.byte(b'"');
        let bytes = s.as_bytes();
        let mut copied = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let short: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0c => b"\\f",
                0..=0x1f => b"",
                _ => continue,
            };
            self.bytes(bytes.get(copied..i).unwrap_or_default());
            copied = i + 1;
            if short.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.bytes(b"\\u00");
                self.byte(HEX[usize::from(b >> 4)]);
                self.byte(HEX[usize::from(b & 15)]);
            } else {
                self.bytes(short);
            }
        }
        self.bytes(bytes.get(copied..).unwrap_or_default());
        self.byte(b'"');
    }

    fn instant(&mut self, t: Instant) {
        self.string(&format_rfc3339(t));
    }

    fn opt(&mut self, x: Option<f64>) {
        match x {
            Some(x) => self.number(x),
            None => self.null(),
        }
    }

    /// See [`format_number`].
    fn number(&mut self, x: f64) {
        if !x.is_finite() {
            self.null();
        } else if needs_shortest(x) {
            self.float(x);
        } else {
            self.integer(x as i64);
        }
    }

    /// An integer's decimal digits, by hand: a report has hundreds of
    /// 13-digit instants, and a loop of a division per digit costs several
    /// times the rest of writing one. Pieces of 8 digits, each converted
    /// without a loop (see [`digits8`]).
    fn integer(&mut self, n: i64) {
        if n < 0 {
            self.byte(b'-');
        }
        self.unsigned(n.unsigned_abs());
    }

    fn unsigned(&mut self, n: u64) {
        const PIECE: u64 = 100_000_000;
        if n >= PIECE {
            self.unsigned(n / PIECE);
            self.digits(digits8((n % PIECE) as u32), 8);
        } else {
            // Without the leading zeros (but `0` itself).
            let digits = digits8(n as u32);
            let zeros = (digits.trailing_zeros() / 8).min(7);
            self.digits(digits >> (8 * zeros), 8 - zeros as usize);
        }
    }

    /// The first `count` of the 8 digits of [`digits8`]'s answer.
    fn digits(&mut self, digits: u64, count: usize) {
        self.room(8);
        let ascii = (digits | 0x3030_3030_3030_3030).to_le_bytes();
        let at = self.len;
        // All 8 in one store; those past `count` are overwritten next.
        if let Some(slot) = self.pending.get_mut(at..).and_then(<[u8]>::first_chunk_mut) {
            *slot = ascii;
        }
        self.len = (at + count).min(PENDING);
    }

    /// In the WebAssembly build a float is formatted by JavaScript (see
    /// [`shortest`]), and one call for the whole report costs far less than
    /// one call each (a burn-down alone has 500): it is kept with its place,
    /// and [`Writer::finish`] puts the texts in.
    #[cfg(all(target_arch = "wasm32", feature = "wasm"))]
    fn float(&mut self, x: f64) {
        self.floats.push(x);
        self.float_at.push(self.out.len() + self.len);
    }

    #[cfg(not(all(target_arch = "wasm32", feature = "wasm")))]
    fn float(&mut self, x: f64) {
        self.bytes(shortest(x).as_bytes());
    }

    #[cfg(all(target_arch = "wasm32", feature = "wasm"))]
    fn finish(mut self) -> String {
        self.flush();
        let text = if self.floats.is_empty() {
            self.out
        } else {
            let numbers = crate::wasm::format_numbers(&self.floats);
            splice(&self.out, &self.float_at, &numbers)
        };
        utf8(text)
    }

    #[cfg(not(all(target_arch = "wasm32", feature = "wasm")))]
    fn finish(mut self) -> String {
        self.flush();
        utf8(self.out)
    }
}

/// The 8 decimal digits of `n` < 10^8, zero-padded, one a byte (values
/// 0–9), the first in the lowest byte. In parallel lanes of one `u64` (SWAR)
/// rather than a loop: the two halves of 4 digits in 32-bit lanes, split
/// into pairs in 16-bit lanes (`/ 100` as `* 10486 >> 20`, exact below
/// 43,699), then into digits in 8-bit lanes (`/ 10` as `* 103 >> 10`, exact
/// below 179). Each lane's product fits its lane, so lanes never carry.
fn digits8(n: u32) -> u64 {
    let halves = u64::from(n / 10_000) | (u64::from(n % 10_000) << 32);
    let hundreds = ((halves * 10_486) >> 20) & 0x0000_007f_0000_007f;
    let pairs = hundreds | ((halves - hundreds * 100) << 16);
    let tens = ((pairs * 103) >> 10) & 0x000f_000f_000f_000f;
    tens | ((pairs - tens * 10) << 8)
}

/// A JSON string literal of `text` (see [`Writer::string`]), for the
/// bindings' other JSON.
#[cfg(any(test, all(target_arch = "wasm32", feature = "wasm")))]
pub(crate) fn string_literal(text: &str) -> String {
    let mut w = Writer::new(None, text.len() + 2);
    w.string(text);
    w.finish()
}

/// The text as the `String` it always is (see [`Writer`]); were it not, an
/// empty text, which the caller's JSON parser rejects, beats a trap.
fn utf8(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_default()
}

/// `text` with the comma-separated `numbers` put in at the offsets `at`
/// (increasing, one each; `null` should the numbers run out, which they do
/// not).
#[cfg(any(test, all(target_arch = "wasm32", feature = "wasm")))]
fn splice(text: &[u8], at: &[usize], numbers: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + numbers.len());
    let mut numbers = numbers.split(',');
    let mut copied = 0;
    for &offset in at {
        out.extend_from_slice(text.get(copied..offset).unwrap_or_default());
        out.extend_from_slice(numbers.next().unwrap_or("null").as_bytes());
        copied = offset;
    }
    out.extend_from_slice(text.get(copied..).unwrap_or_default());
    out
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
        let mut w = Writer::new(None, 0);
        w.integer(x as i64);
        return w.finish();
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
            levels: vec!["healthy".into(), "warning".into(), "freeze".into()],
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
                timeline: vec![Segment {
                    from: t("2026-02-01T00:00:00Z"),
                    to: t("2026-02-01T00:01:00Z"),
                    level: "warning".into(),
                    reasons: vec!["remaining < 50%".into()],
                    alerts: vec![],
                }],
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

    /// Cross-checks random numbers against node's `String(x)`, and the
    /// pretty layout against `JSON.stringify(v, null, 2)`. Needs `node` on
    /// the PATH, as the package's JS tests do (scripts/test runs both).
    #[test]
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
        let compact = to_json(&sample());
        let script = "process.stdout.write(JSON.stringify(JSON.parse(process.argv[1]), null, 2))";
        let out = std::process::Command::new("node")
            .args(["-e", script, &compact])
            .output()
            .expect(NEED_NODE);
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            to_json_pretty(&sample())
        );
    }

    #[test]
    fn integers_match_to_string() {
        let mut cases = vec![0, 1, -1, i64::MIN, i64::MAX];
        let mut power: i64 = 1;
        for _ in 0..18 {
            power *= 10;
            cases.extend([power - 1, power, power + 1, -power, power / 2 + 3]);
        }
        let mut seed: u64 = 0x9e3779b97f4a7c15;
        for _ in 0..2000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            cases.push(seed as i64 >> (seed % 64));
        }
        for n in cases {
            let mut w = Writer::new(None, 0);
            w.integer(n);
            assert_eq!(w.finish(), n.to_string());
        }
    }

    /// The WebAssembly build's float texts go in where the floats were.
    #[test]
    fn splice_puts_numbers_in_their_places() {
        assert_eq!(splice(b"[,]", &[1, 2], "0.5,1e-7"), b"[0.5,1e-7]");
        assert_eq!(splice(b"{\"a\":}", &[5], "-2.5"), b"{\"a\":-2.5}");
        assert_eq!(splice(b"[]", &[], ""), b"[]");
    }

    #[test]
    fn digits8_matches_the_division_loop() {
        let mut n = 0u32;
        while n < 100_000_000 {
            let mut want = 0u64;
            let mut rest = n;
            for byte in (0..8).rev() {
                want |= u64::from(rest % 10) << (8 * byte);
                rest /= 10;
            }
            assert_eq!(digits8(n), want, "{n}");
            // Every n below 10^4 (each lane's range), then a stride that
            // visits every last digit and both halves' ranges.
            n += if n < 10_000 { 1 } else { 9_973 };
        }
        assert_eq!(digits8(99_999_999), 0x0909_0909_0909_0909);
    }

    #[test]
    fn strings_are_escaped() {
        let out = string_literal("a\"b\\c\nd\te\u{1}f\u{1f}\u{8}\u{c}\ré✓\u{7f}");
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
            r#"{"policy":"mtos-tasks","at":"2026-02-28T23:59:00Z","level":"warning","levels":["healthy","warning","freeze"],"slos":[{"#
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
            r#""burndown":{"t":[1769904000000,1769904060000],"remainingRatio":[1,null]},"#,
            r#""timeline":[{"from":1769904000000,"to":1769904060000,"level":"warning","reasons":["remaining < 50%"],"alerts":[]}],"warnings":[]}]}"#,
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
