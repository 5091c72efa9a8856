// Numbers as the terminal report writes them (src/report/text.rs and
// src/time/duration.rs are their home; these are the browser's copies,
// digit for digit, because the engine's WebAssembly build carries no
// formatting to stay within its size budget). Every function returns
// "no data" for null, NaN or ±Infinity: never "NaN" on screen.

/** What every view shows for a number the report does not have. */
export const NO_DATA = 'no data';

const U64_MAX = (1n << 64n) - 1n;

/**
 * `x` with exactly `decimals` decimals, rounded like Rust's `{:.N}`: on the
 * exact decimal value of the double, ties to even (JavaScript's `toFixed`
 * breaks ties upwards: 0.25 → "0.3" where Rust writes "0.2"), a negative
 * zero keeps its sign, and no exponent however large `x` is.
 * @param {number} x finite
 * @param {number} decimals 0..20
 * @returns {string}
 */
export function fixed(x, decimals) {
  if (x < 0 || Object.is(x, -0)) return `-${fixed(-x, decimals)}`;
  if (x >= 1e21) {
    // Every double this large is an integer: BigInt has its exact digits.
    const whole = BigInt(x).toString();
    return decimals > 0 ? `${whole}.${'0'.repeat(decimals)}` : whole;
  }
  // toFixed rounds the exact value correctly except at an exact tie, so
  // only a value near halfway needs the slow check below. Below 2^30 the
  // product's error is under 2^-22, far inside the 1e-6 margin.
  const scaled = x * 10 ** decimals;
  if (scaled < 2 ** 30 && Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6) return x.toFixed(decimals);
  // Thirty more digits show whether x lies exactly halfway: a double below
  // 1e21 that is not a tie differs from one within them.
  const long = x.toFixed(Math.min(100, decimals + 30));
  const dot = long.indexOf('.');
  const tail = long.slice(dot + 1 + decimals);
  if (!/^50*$/.test(tail)) return x.toFixed(decimals);
  const kept = long.slice(0, dot) + long.slice(dot + 1, dot + 1 + decimals);
  let digits = BigInt(kept);
  if (digits % 2n === 1n) digits += 1n;
  const text = digits.toString().padStart(decimals + 1, '0');
  return decimals > 0
    ? `${text.slice(0, text.length - decimals)}.${text.slice(text.length - decimals)}`
    : text;
}

/**
 * At most `decimals` decimals, trailing zeros dropped: 99.9, 6, 14.4
 * (text.rs `trimmed`).
 * @param {number | null} x
 * @param {number} decimals
 * @returns {string}
 */
export function formatNumber(x, decimals) {
  if (x === null || !Number.isFinite(x)) return NO_DATA;
  let s = fixed(x, decimals);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/**
 * A share as a percentage with one decimal: 0.30555 → "30.6%", -0.0001 →
 * "0.0%" (text.rs `percent`).
 * @param {number | null} share
 * @returns {string}
 */
export function formatPercent(share) {
  if (share === null || !Number.isFinite(share * 100)) return NO_DATA;
  const s = fixed(share * 100, 1);
  return /^-?[0.]*$/.test(s) ? '0.0%' : `${s}%`;
}

/**
 * An objective or a rule's share as written, up to six decimals of a
 * percent: 0.999 → "99.9%" (text.rs, the "objective" line).
 * @param {number | null} share
 * @returns {string}
 */
export function formatObjective(share) {
  if (share === null) return NO_DATA;
  const s = formatNumber(share * 100, 6);
  return s === NO_DATA ? s : `${s}%`;
}

/**
 * An SLI as a percentage with up to four decimals: 0.9990072 → "99.9007%"
 * (text.rs, the "sli" line).
 * @param {number | null} sli
 * @returns {string}
 */
export function formatSli(sli) {
  if (sli === null) return NO_DATA;
  const s = formatNumber(sli * 100, 4);
  return s === NO_DATA ? s : `${s}%`;
}

/**
 * A burn rate: two decimals, or three significant digits below 0.01 so a
 * slow burn does not read as zero: 14.4 → "14.40", 0.001234 → "0.00123"
 * (text.rs `rate`).
 * @param {number | null} x
 * @returns {string}
 */
export function formatRate(x) {
  if (x === null || !Number.isFinite(x)) return NO_DATA;
  if (x === 0) return '0';
  if (Math.abs(x) >= 0.01) return fixed(x, 2);
  const decimals = Math.min(20, Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x)))));
  return fixed(x, decimals);
}

/**
 * Seconds as a person reads them, to the tenth of a second: 2419.2 →
 * "40m19.2s", 90061 → "1d1h1m1s", -120 → "-2m" (text.rs `human_seconds`:
 * budgets of downtime and times to exhaustion). Tenths are kept: February
 * at 99.9% allows 40m19.2s, and a reader checking the arithmetic should
 * see the .2.
 * @param {number | null} seconds
 * @returns {string}
 */
export function formatDuration(seconds) {
  if (seconds === null || !Number.isFinite(seconds)) return NO_DATA;
  const sign = seconds < 0 ? '-' : '';
  const x = Math.abs(seconds);
  if (x < 60) return `${sign}${formatNumber(x, 1)}s`;
  // Rust's `(x * 10.0).round() as u64`: half away from zero, saturating.
  let tenths = BigInt(Math.round(x * 10));
  if (tenths > U64_MAX) tenths = U64_MAX;
  let rest = tenths / 10n;
  let out = sign;
  for (const [unit, size] of /** @type {const} */ ([['d', 86400n], ['h', 3600n], ['m', 60n]])) {
    if (rest >= size) {
      out += `${rest / size}${unit}`;
      rest %= size;
    }
  }
  const t = tenths % 10n;
  if (rest !== 0n || t !== 0n) out += t === 0n ? `${rest}s` : `${rest}.${t}s`;
  return out;
}

/** src/time/duration.rs `UNITS` without weeks: windows are written in days. */
const WINDOW_UNITS = /** @type {const} */ ([
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
]);

/**
 * A window or a period in the policy's own notation, the shortest form a
 * policy reads back: 2419200 → "28d", 5400 → "1h30m", 604800 → "7d",
 * 1.5 → "1s500ms" (src/time/duration.rs `format_duration`, of the seconds
 * rounded to milliseconds as text.rs does for `window.periodSeconds`).
 * @param {number | null} seconds
 * @returns {string}
 */
export function formatWindow(seconds) {
  if (seconds === null || !Number.isFinite(seconds)) return NO_DATA;
  let rest = Math.round(Math.abs(seconds * 1000)) * Math.sign(seconds);
  if (!(rest > 0)) return '0s';
  let out = '';
  for (const [unit, size] of WINDOW_UNITS) {
    if (rest >= size) {
      const n = Math.floor(rest / size);
      rest -= n * size;
      out += `${n}${unit}`;
    }
  }
  return out;
}

/**
 * An event count: whole events usually, up to two decimals for rates
 * integrated over time: 1234.5 → "1234.5 events", 1 → "1 event".
 * @param {number | null} x
 * @returns {string}
 */
export function formatEvents(x) {
  const n = formatNumber(x, 2);
  if (n === NO_DATA) return n;
  return n === '1' || n === '-1' ? `${n} event` : `${n} events`;
}

/**
 * An amount of error budget in its unit (report.d.ts `budget.unit`):
 * `events` → a count of events, `seconds` → a duration of downtime.
 * @param {number | null} amount
 * @param {'events' | 'seconds'} unit
 * @returns {string}
 */
export function formatBudget(amount, unit) {
  return unit === 'seconds' ? formatDuration(amount) : formatEvents(amount);
}

/**
 * A reason's value in the unit of the term its rule names first: shares
 * (remaining, consumed, sli, coverage) as percentages, time to exhaustion
 * as a duration, burn rates as plain numbers (text.rs `reason_value`):
 * ("remaining < 50%", 0.3055) → "30.56%". Null when the rule matched with
 * no comparison holding (`alert(page)`, `not (coverage > 90%)`): there is
 * no number to show, which is not "no data".
 * @param {string} when
 * @param {number | null} value
 * @returns {string | null}
 */
export function formatReasonValue(when, value) {
  if (value === null || !Number.isFinite(value)) return null;
  const first =
    when
      .split(/[^A-Za-z0-9_]/)
      .find((w) => /^[A-Za-z]/.test(w) && !['and', 'or', 'not'].includes(w)) ?? '';
  switch (first) {
    case 'remaining':
    case 'consumed':
    case 'sli':
    case 'coverage':
      return `${formatNumber(value * 100, 2)}%`;
    case 'time_to_exhaustion':
      return formatDuration(value);
    default:
      return formatNumber(value, 3);
  }
}
