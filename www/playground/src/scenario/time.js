// Durations and instants as a scenario writes them: slogate's own duration
// syntax (docs/policy.md, "Durations": `90s`, `1h30m`, `28d`, largest unit
// first, each unit once) and, for when something happens, either an offset
// before the evaluation instant (`-3h`) or an RFC 3339 instant
// (`2026-02-05T10:00:00Z`). Pure functions; they return `null` for text they
// cannot read and never throw.

import { parseDuration as readDuration } from '@slogate/view';

/** At most 400 years, as the engine's durations. */
export const MAX_DURATION_MS = 400 * 365.25 * 86_400_000;

/** Milliseconds of a slogate duration (`1h30m`), or `null`. Zero is not a duration. */
export function parseDuration(text) {
  if (typeof text !== 'string') return null;
  try {
    const total = readDuration(text);
    return total <= MAX_DURATION_MS ? total : null;
  } catch {
    return null;
  }
}

/** Units of a slogate duration, largest first, for writing one. */
const UNITS = [
  ['w', 604_800_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
];

/** The shortest slogate text of a whole number of milliseconds > 0 (`5400000` → `1h30m`). */
export function formatDuration(ms) {
  let rest = Math.round(ms);
  if (!(rest > 0)) return '';
  let out = '';
  for (const [unit, size] of UNITS) {
    if (unit === 'w' && rest % size !== 0) continue; // 10d reads better than 1w3d
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}

// RFC 3339 with a zone, as the policy's `start`/`end` (docs/policy.md, "Times").
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/** Epoch ms of an RFC 3339 instant with a zone, or `null`. */
export function parseInstant(text) {
  if (typeof text !== 'string') return null;
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, fraction = '', zone] = m;
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 23 || +mi > 59 || +s > 59) return null;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Math.floor(Number(`0.${fraction || '0'}`) * 1000));
  if (new Date(Date.UTC(+y, +mo - 1, +d)).getUTCDate() !== +d) return null; // Feb 30
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(4, 6));
    if (hours > 23 || minutes > 59) return null;
    ms -= sign * (hours * 60 + minutes) * 60_000;
  }
  return ms;
}

/**
 * When something happens: `-3h` (that long before the evaluation instant
 * `atMs`) or an RFC 3339 instant. Epoch ms, or `null` for anything else.
 */
export function resolveWhen(text, atMs) {
  if (typeof text !== 'string') return null;
  if (text.startsWith('-')) {
    const offset = parseDuration(text.slice(1));
    return offset === null ? null : atMs - offset;
  }
  return parseInstant(text);
}

/** Whether `text` is a `when` (`-3h` or an RFC 3339 instant). */
export function isWhen(text) {
  return resolveWhen(text, 0) !== null;
}
