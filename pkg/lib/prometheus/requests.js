// The requests a data plan takes, as `slogate eval --prometheus` makes them
// (src/data/prometheus.rs, src/bin/slogate/fetch.rs; docs/data.md): the query
// grid anchored at the evaluation instant, ranges of at most 11,000 points,
// URLs with decimal seconds and every byte but RFC 3986's unreserved ones
// percent-encoded, credentials never shown.

/** Prometheus' limit on points per series in one range query. */
export const MAX_POINTS = 11_000;

/**
 * The first instant of the grid `end`, `end − step`, … that reaches back to
 * `start`: Prometheus evaluates at `start + k·step`, so the grid is anchored
 * at `end` for the last sample to be the evaluation's instant. At most a
 * step before the planned start, never after it.
 */
export function gridStart(start, end, step) {
  const steps = Math.ceil(Math.max(0, end - start) / step);
  return end - steps * step;
}

/**
 * `[start, end]` cut into ranges of at most MAX_POINTS instants each;
 * consecutive ranges are one step apart, so no instant is asked for twice.
 */
export function chunks(start, end, step) {
  const span = (MAX_POINTS - 1) * step;
  const out = [];
  for (let s = start; s <= end; ) {
    const e = Math.min(s + span, end);
    out.push([s, e]);
    s = e + step;
  }
  return out;
}

/** Milliseconds as decimal seconds: `1700000000.123`, `60`, `-1.999`. */
export function seconds(ms) {
  const s = Math.floor(ms / 1000);
  const frac = ms - s * 1000;
  return frac === 0 ? String(s) : `${s}.${String(frac).padStart(3, '0')}`;
}

/** Percent-encodes everything but RFC 3986's unreserved characters (UTF-8, upper-case hex). */
export function encode(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The query_range URL of one chunk, `base` without a trailing slash. */
export function queryUrl(base, query, start, end, step) {
  return `${base.replace(/\/+$/, '')}/api/v1/query_range?query=${encode(query)}&start=${seconds(start)}&end=${seconds(end)}&step=${seconds(step)}`;
}

/**
 * `url` with the password of its userinfo replaced by `xxxxx`, as Go's
 * `URL.Redacted` (and the CLI) write it: `http://user:xxxxx@host:9090`; a
 * userinfo without a password is often a token, replaced whole.
 */
export function redact(url) {
  const start = url.includes('://') ? url.indexOf('://') + 3 : 0;
  const authority = url.slice(start).split(/[/?#]/)[0];
  const at = authority.lastIndexOf('@');
  if (at < 0) return url;
  const info = authority.slice(0, at);
  const colon = info.indexOf(':');
  const shown = colon < 0 ? 'xxxxx' : `${info.slice(0, colon)}:xxxxx`;
  return url.slice(0, start) + shown + url.slice(start + at);
}

/**
 * The base URL to request (credentials taken out: a browser refuses a URL
 * with them) and the basic authentication they stand for (or null).
 */
export function splitCredentials(url) {
  const parsed = new URL(url, globalThis.location?.href);
  let authorization = null;
  if (parsed.username || parsed.password) {
    const user = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    authorization = `Basic ${base64(`${user}:${password}`)}`;
    parsed.username = '';
    parsed.password = '';
  }
  return { base: parsed.href.replace(/\/+$/, ''), authorization };
}

function base64(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Milliseconds as the CLI writes a duration: `30s`, `1m30s`, `250ms`. */
export function formatDuration(ms) {
  if (ms <= 0) return '0s';
  const units = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];
  let rest = Math.round(ms);
  let out = '';
  for (const [unit, size] of units) {
    if (rest >= size) {
      const n = Math.floor(rest / size);
      rest -= n * size;
      out += `${n}${unit}`;
    }
  }
  return out;
}

/** Epoch milliseconds as RFC 3339 in UTC, as the CLI writes them: `2026-02-28T23:59:00Z`, `.250` only when there are milliseconds. */
export function rfc3339(ms) {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
