// The element's attributes read as values: slogate durations for `refresh`
// and `timeout` (src/time/duration.rs: whole numbers with units ms, s, m,
// h, d, w, largest first, each once — `30s`, `1m`, `1h30m`), `off` for no
// refresh, RFC 3339 for `at`, and the theme. Pure functions, no DOM, so
// they are tested in Node (test/attributes.test.mjs).

import { parseDuration as readDuration } from '@slogate/view';

/**
 * A slogate duration in milliseconds, blanks around it ignored: "30s" →
 * 30000. Throws an Error quoting the attribute's text otherwise.
 * @param {string} text
 * @returns {number}
 */
export function parseDuration(text) {
  const source = String(text);
  return readDuration(source.trim(), source);
}

/** The Prometheus mode's default refresh interval and time-out. */
export const DEFAULT_REFRESH_MS = 60_000;
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Shorter refreshes would hammer a shared Prometheus for no news. */
export const MIN_REFRESH_MS = 1_000;

/**
 * The `refresh` attribute: milliseconds, or null for `off`. Absent or
 * empty is the default (1m).
 * @param {string | null} text
 * @returns {number | null}
 */
export function parseRefresh(text) {
  if (text === null || text.trim() === '') return DEFAULT_REFRESH_MS;
  if (text.trim().toLowerCase() === 'off') return null;
  const ms = parseDuration(text);
  if (ms < MIN_REFRESH_MS) throw new Error(`refresh="${text}" is too short: at least 1s, or "off"`);
  return ms;
}

/**
 * The `timeout` attribute in milliseconds; absent or empty is 30s.
 * @param {string | null} text
 * @returns {number}
 */
export function parseTimeout(text) {
  if (text === null || text.trim() === '') return DEFAULT_TIMEOUT_MS;
  return parseDuration(text);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * The `at` attribute: an RFC 3339 instant with its offset
 * ("2026-02-20T14:05:00Z") as epoch ms; absent or empty is null (now, at
 * each evaluation). A date without a time or offset is refused: the host's
 * time zone must not silently decide the instant.
 * @param {string | null} text
 * @returns {number | null}
 */
export function parseAt(text) {
  if (text === null || text.trim() === '') return null;
  const t = text.trim();
  const ms = RFC3339.test(t) ? Date.parse(t.replace(' ', 'T')) : NaN;
  if (!Number.isFinite(ms)) {
    throw new Error(`at="${text}" is not an RFC 3339 instant such as 2026-02-20T14:05:00Z`);
  }
  return ms;
}

/**
 * The `at` property: epoch ms, a Date, or null/undefined for now.
 * @param {unknown} value
 * @returns {number | null}
 */
export function atProperty(value) {
  if (value === null || value === undefined) return null;
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || !Number.isInteger(ms)) {
    throw new TypeError('at: expected epoch milliseconds (a whole number), a Date, or null for now');
  }
  return ms;
}

/**
 * The `theme` attribute: light, dark or auto (anything else is auto).
 * @param {string | null} text
 * @returns {'light' | 'dark' | 'auto'}
 */
export function parseTheme(text) {
  const t = (text ?? '').trim().toLowerCase();
  return t === 'light' || t === 'dark' ? t : 'auto';
}

/**
 * The `headers` property checked: a plain object of string values, so a
 * typo (a number, a nested object) fails here, naming the header, and not
 * as an opaque fetch error.
 * @param {unknown} value
 * @returns {Record<string, string>}
 */
export function headersProperty(value) {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError('headers: expected an object of header names to string values, e.g. {"X-Scope-OrgID": "tenant-1"}');
  }
  /** @type {Record<string, string>} */
  const out = {};
  for (const [name, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new TypeError(`headers: the value of "${name}" must be a string`);
    out[name] = v;
  }
  return out;
}
