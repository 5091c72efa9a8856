//! How JSON is written: commas, indentation like `JSON.stringify(v, null,
//! n)`, string escapes and digits, into one buffer. What goes in it is the
//! shape's (`super::shape`).

use crate::platform::number::{needs_shortest, shortest, shortest_joined, FORMAT_TOGETHER};
use crate::time::{format_duration, format_rfc3339, Instant, Millis};

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
pub(super) struct Writer {
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
    /// Where numbers are formatted together ([`FORMAT_TOGETHER`]): those
    /// that need float formatting, in writing order, and where in the text
    /// each goes; [`Writer::finish`] puts them in (see [`Writer::float`]).
    floats: Vec<f64>,
    float_at: Vec<usize>,
}

/// The size of [`Writer::pending`]; at least an integer's 20 digits and
/// sign.
const PENDING: usize = 128;

impl Writer {
    pub(super) fn new(indent: Option<usize>, capacity: usize) -> Writer {
        Writer {
            out: Vec::with_capacity(capacity),
            pending: [0; PENDING],
            len: 0,
            indent,
            depth: 0,
            empty: false,
            floats: Vec::new(),
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

    pub(super) fn open(&mut self, bracket: u8) -> &mut Self {
        self.byte(bracket);
        self.depth += 1;
        self.empty = true;
        self
    }

    pub(super) fn close(&mut self, bracket: u8) {
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
    pub(super) fn key(&mut self, key: &str) -> &mut Self {
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

    pub(super) fn array<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.open(b'[');
        for item in items {
            self.item();
            each(self, item);
        }
        self.close(b']');
    }

    /// `{"5m": 0.2, "1h": null}`: a window-keyed object, in the slice's order.
    pub(super) fn by_window(&mut self, values: &[(Millis, Option<f64>)]) {
        self.open(b'{');
        for &(window, value) in values {
            self.key(&format_duration(window)).opt(value);
        }
        self.close(b'}');
    }

    pub(super) fn null(&mut self) {
        self.bytes(b"null");
    }

    pub(super) fn bool(&mut self, b: bool) {
        self.bytes(if b { b"true" } else { b"false" });
    }

    /// A JSON string literal: `"`, `\` and control characters escaped (the
    /// short forms where JSON has them, `\u00XX` otherwise); everything
    /// else, non-ASCII included, as is — the text is UTF-8. Runs that need
    /// no escape are copied whole; every byte escaped is ASCII, so the runs
    /// are whole characters.
    pub(super) fn string(&mut self, s: &str) {
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

    pub(super) fn instant(&mut self, t: Instant) {
        self.string(&format_rfc3339(t));
    }

    pub(super) fn opt(&mut self, x: Option<f64>) {
        match x {
            Some(x) => self.number(x),
            None => self.null(),
        }
    }

    /// As `crate::decimal::format_number` writes it.
    pub(super) fn number(&mut self, x: f64) {
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

    /// Where the platform formats numbers together ([`FORMAT_TOGETHER`]:
    /// in WebAssembly, through JavaScript), a float is kept with its place
    /// and [`Writer::finish`] puts the texts in; elsewhere it is written at
    /// once.
    fn float(&mut self, x: f64) {
        if FORMAT_TOGETHER {
            self.floats.push(x);
            self.float_at.push(self.out.len() + self.len);
        } else {
            self.bytes(shortest(x).as_bytes());
        }
    }

    pub(super) fn finish(mut self) -> String {
        self.flush();
        let text = if self.floats.is_empty() {
            self.out
        } else {
            let numbers = shortest_joined(&self.floats);
            splice(&self.out, &self.float_at, &numbers)
        };
        utf8(text)
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

/// A JSON string literal of `text`: `"`, `\` and control characters
/// escaped, as in the report (for the bindings' other JSON).
pub fn string_literal(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
