// Times and values as the Rust readers read them (src/data/csv.rs,
// src/time/rfc3339.rs; the rules: docs/data.md). Each function gives the
// same number — or the same refusal, word for word — as its Rust original:
// Rust's `f64::from_str` grammar (not JavaScript's `Number`, which also takes
// hex, `Infinity`, an empty string…), Rust's `round` (half away from zero),
// Rust's `char::is_whitespace` (`\p{White_Space}`, which differs from
// JavaScript's `\s` in U+0085 and U+FEFF).

/** Exact powers of ten: a decimal of at most 15 digits times or over one is correctly rounded. */
const EXACT_POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * `text` as Rust's `text.parse::<f64>()` reads it, or `undefined` where Rust
 * refuses it: a sign, then `inf`, `infinity` or `nan` (any case), or a
 * decimal (`1`, `1.`, `.5`, `1e5`). Both languages round decimals
 * correctly, so a decimal's value is JavaScript's `Number`, computed here
 * without it where that is exact (what most data holds).
 */
export function parseRustFloat(text) {
  const n = text.length;
  let i = 0;
  let c = text.charCodeAt(0);
  const negative = c === 0x2d;
  if (negative || c === 0x2b) i = 1;
  let sig = 0;
  let digits = 0; // significant digits, leading zeros left out
  let mantissa = 0; // digits before and after the point
  let scale = 0; // digits after the point
  for (; i < n; i++) {
    c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    mantissa++;
    if (digits > 0 || c !== 0x30) {
      digits++;
      if (digits <= 15) sig = sig * 10 + (c - 0x30);
    }
  }
  if (c === 0x2e && i < n) {
    for (i++; i < n; i++) {
      c = text.charCodeAt(i);
      if (c < 0x30 || c > 0x39) break;
      mantissa++;
      scale++;
      if (digits > 0 || c !== 0x30) {
        digits++;
        if (digits <= 15) sig = sig * 10 + (c - 0x30);
      }
    }
  }
  if (mantissa === 0) return i === (negative || text[0] === '+' ? 1 : 0) ? special(text, i, negative) : undefined;
  let exponent = 0;
  if (i < n && (c === 0x65 || c === 0x45)) {
    i++;
    let expNegative = false;
    c = text.charCodeAt(i);
    if (c === 0x2b || c === 0x2d) {
      expNegative = c === 0x2d;
      i++;
    }
    const start = i;
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (c < 0x30 || c > 0x39) break;
      if (exponent < 1e6) exponent = exponent * 10 + (c - 0x30);
    }
    if (i === start) return undefined;
    if (expNegative) exponent = -exponent;
  }
  if (i !== n) return undefined;
  if (digits > 15) return Number(text);
  // sig holds every digit: sig × 10^(exponent − scale), rounded once.
  const power = exponent - scale;
  let value;
  if (power >= 0 && power <= 22) value = sig * EXACT_POW10[power];
  else if (power < 0 && power >= -22) value = sig / EXACT_POW10[-power];
  else return Number(text);
  return negative ? -value : value;
}

/**
 * `parseRustFloat` of the ASCII bytes `b[start, end)` for the decimals only:
 * their value, or undefined for anything else (let the text reader decide).
 * Response values are strings of bytes; most are plain decimals.
 */
export function decimalFromBytes(b, start, end) {
  let i = start;
  let c = b[i];
  const negative = c === 0x2d;
  if (negative || c === 0x2b) i++;
  let sig = 0;
  let digits = 0;
  let mantissa = 0;
  let scale = 0;
  for (; i < end; i++) {
    c = b[i];
    if (c < 0x30 || c > 0x39) break;
    mantissa++;
    if (digits > 0 || c !== 0x30) {
      digits++;
      if (digits <= 15) sig = sig * 10 + (c - 0x30);
    }
  }
  if (c === 0x2e && i < end) {
    for (i++; i < end; i++) {
      c = b[i];
      if (c < 0x30 || c > 0x39) break;
      mantissa++;
      scale++;
      if (digits > 0 || c !== 0x30) {
        digits++;
        if (digits <= 15) sig = sig * 10 + (c - 0x30);
      }
    }
  }
  if (mantissa === 0 || i !== end || digits > 15) return undefined;
  const power = -scale;
  if (power < -22) return undefined;
  const value = power === 0 ? sig : sig / EXACT_POW10[-power];
  return negative ? -value : value;
}

/** After an optional sign at `text[0, at)`: `inf`, `infinity` or `nan` in any case, else undefined. */
function special(text, at, negative) {
  const word = text.slice(at).toLowerCase();
  if (word === 'nan') return NaN;
  if (word === 'inf' || word === 'infinity') return negative ? -Infinity : Infinity;
  return undefined;
}

/** A sample value: a number, NaN, ±Inf, or missing (empty or `null`, read as NaN). */
export function parseValue(text) {
  if (text === '' || (text.length === 4 && text.toLowerCase() === 'null')) return NaN;
  const value = parseRustFloat(text);
  if (value === undefined) throw new ValueError(`"${text}" is not a number`);
  return value;
}

/** A refusal of one field; its reader adds the place. */
export class ValueError extends Error {}

/** Years 0 to 9999 in epoch seconds: anything beyond is a unit mistake. */
const MIN_SECONDS = -62_167_219_200; // 0000-01-01T00:00:00Z
const MAX_SECONDS = 253_402_300_799; // 9999-12-31T23:59:59Z

/** Epoch seconds to epoch milliseconds (rounded half away from zero), or undefined when out of range. */
export function secondsToInstant(seconds) {
  if (!Number.isFinite(seconds) || seconds < MIN_SECONDS || seconds > MAX_SECONDS) return undefined;
  const ms = seconds * 1000;
  // Rust's `f64::round`; `+ 0` turns -0 into 0, as `as i64` does.
  return (ms < 0 ? -Math.round(-ms) : Math.round(ms)) + 0;
}

/** Whether `text` is `-`? digits (`.` digits)?: epoch seconds. */
function isDecimal(text) {
  const n = text.length;
  let i = text.charCodeAt(0) === 0x2d ? 1 : 0;
  const start = i;
  while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
  if (i === start) return false;
  if (i === n) return true;
  if (text.charCodeAt(i) !== 0x2e) return false;
  const frac = ++i;
  while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
  return i === n && i > frac;
}

/** A CSV time: RFC 3339 or epoch seconds. */
export function parseTime(text) {
  if (isDecimal(text)) return epochSeconds(text);
  // Looks like a date (`2026-…`): let the RFC 3339 reader say what is wrong.
  // The fifth byte of the UTF-8 text, as Rust indexes it.
  if (utf8ByteAt(text, 4) === 0x2d) return parseRfc3339(text);
  throw new ValueError(
    `"${text}" is not a time: use RFC 3339 (2026-02-05T10:00:00Z) or epoch seconds (1770285600)`,
  );
}

function epochSeconds(text) {
  const ms = secondsToInstant(parseRustFloat(text));
  if (ms === undefined) {
    throw new ValueError(
      `"${text}" is out of range for epoch seconds (milliseconds are not accepted: divide by 1000)`,
    );
  }
  return ms;
}

/** The byte at `index` of `text` encoded as UTF-8, or -1 past its end. */
function utf8ByteAt(text, index) {
  let offset = 0;
  for (const char of text) {
    const code = char.codePointAt(0);
    const bytes = utf8Encode(code);
    if (index < offset + bytes.length) return bytes[index - offset];
    offset += bytes.length;
  }
  return -1;
}

function utf8Encode(code) {
  if (code < 0x80) return [code];
  if (code < 0x800) return [0xc0 | (code >> 6), 0x80 | (code & 63)];
  if (code < 0x10000) return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)];
  return [0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)];
}

/** How many bytes `text` takes as UTF-8 (a lone surrogate as U+FFFD's 3, as TextEncoder writes it). */
export function utf8Length(text) {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a pair: 2 code units, 4 bytes
      i++;
    } else n += 2;
  }
  return n;
}

/** Characters (code points) of `text`, as Rust's `chars().count()`. */
export function charCount(text) {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

/** Rust's `char::is_whitespace` (the Unicode White_Space property) for one UTF-16 code unit. */
export function isRustWhitespace(c) {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

/** Rust's `str::trim`. */
export function rustTrim(text) {
  let start = 0;
  let end = text.length;
  while (start < end && isRustWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isRustWhitespace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Leading whitespace characters of `text`, as Rust counts them (code points). */
export function leadingWhitespace(text) {
  let n = 0;
  while (n < text.length && isRustWhitespace(text.charCodeAt(n))) n++;
  return n;
}

/** RFC 3339 to epoch milliseconds (src/time/rfc3339.rs), or a refusal. */
export function parseRfc3339(text) {
  const ms = rfc3339(rustTrim(text));
  if (ms === undefined) {
    throw new ValueError(
      `"${text}" is not an RFC 3339 time: write it like 2026-02-05T10:00:00Z or 2026-02-05T12:00:00+02:00`,
    );
  }
  return ms;
}

/** `n` ASCII digits at `at`, or undefined. */
function digits(s, at, n) {
  if (at + n > s.length) return undefined;
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
    value = value * 10 + (c - 0x30);
  }
  return value;
}

// Every character the format accepts is ASCII, so indexing UTF-16 code
// units accepts exactly what indexing UTF-8 bytes accepts.
function rfc3339(s) {
  const year = digits(s, 0, 4);
  if (year === undefined || s[4] !== '-' || s[7] !== '-') return undefined;
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (month === undefined || day === undefined || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  if (s[10] !== 'T' && s[10] !== 't' && s[10] !== ' ') return undefined;
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (hour === undefined || minute === undefined || second === undefined) return undefined;
  if (s[13] !== ':' || s[16] !== ':') return undefined;
  if (hour >= 24 || minute >= 60 || second >= 60) return undefined;
  let i = 19;
  let millis = 0;
  if (s[i] === '.') {
    i += 1;
    const start = i;
    while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) {
      if (i - start < 3) millis = millis * 10 + (s.charCodeAt(i) - 0x30);
      i += 1;
    }
    const n = i - start;
    if (n === 0 || n > 9) return undefined;
    for (let k = n; k < 3; k++) millis *= 10;
  }
  let offset;
  if (s[i] === 'Z' || s[i] === 'z') {
    i += 1;
    offset = 0;
  } else if (s[i] === '+' || s[i] === '-') {
    const h = digits(s, i + 1, 2);
    const m = digits(s, i + 4, 2);
    if (h === undefined || s[i + 3] !== ':' || m === undefined || h >= 24 || m >= 60) return undefined;
    offset = (s[i] === '-' ? -1 : 1) * (h * 3600 + m * 60);
    i += 6;
  } else {
    return undefined;
  }
  if (i !== s.length) return undefined;
  const msOfDay = ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return daysFromCivil(year, month, day) * 86_400_000 + msOfDay - offset * 1000;
}

function isLeap(year) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year, month) {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** `50000000` as `50,000,000`. */
export function thousands(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
