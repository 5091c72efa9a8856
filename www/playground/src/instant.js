// The evaluation instant as the page's <input type="datetime-local"> shows
// it: in UTC (the examples' instants are UTC, and a link must mean the same
// instant wherever it is opened), to the second.

/** `2026-02-20T14:05:00Z` → `2026-02-20T14:05:00` (the input's value), or '' for a bad instant. */
export function toInputValue(ms) {
  if (!Number.isFinite(ms)) return '';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  return d.toISOString().slice(0, 19);
}

/**
 * The input's value, read as UTC, in epoch ms; null when it is not a time.
 * Accepts minutes or seconds (`2026-02-20T14:05` and `…T14:05:07`); years 0000–9999.
 */
export function fromInputValue(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}.${(m[7] ?? '0').padEnd(3, '0')}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** An instant as RFC 3339 UTC without milliseconds when it has none: `2026-02-20T14:05:00Z`. */
export function rfc3339(ms) {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
