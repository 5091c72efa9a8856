// The burn-down chart's geometry — the remaining budget over the window as
// an SVG path, with the level timeline as shaded bands — and its text
// alternative, so every surface draws (and describes) the same chart.

import { NO_DATA, formatPercent } from './format.js';
import { formatInstant, timelineSegments } from './timeline.js';

/** @typedef {import('@slogate/engine').SloReport} SloReport */
/** @typedef {import('./severity.js').Severity} Severity */
/** @typedef {import('./timeline.js').TimeOptions} TimeOptions */

/**
 * @typedef {object} Band
 * @property {number} x left edge
 * @property {number} width
 * @property {string} level
 * @property {number | null} rank
 * @property {Severity} severity
 * @property {number} from epoch ms, exclusive
 * @property {number} to epoch ms, inclusive
 */

/**
 * @typedef {object} BurndownChart
 * @property {number} width
 * @property {number} height
 * @property {number} lo the lowest remaining ratio the y axis shows (≤ 0)
 * @property {number} hi the highest (≥ 1)
 * @property {string} path SVG path data of the remaining ratio; a gap in the data is a gap in the line; "" without data
 * @property {number} zeroY y of the 0% line (budget spent)
 * @property {number} fullY y of the 100% line
 * @property {Band[]} bands the level timeline, adjacent segments of one level merged
 * @property {{ x: number, y: number, ratio: number } | null} last the last point with data
 */

/**
 * The burn-down of `slo` in a `width` × `height` box: x spans the window
 * start to end, y the remaining ratio from `lo` (0 or the lowest overspent
 * value) at the bottom to `hi` (1 or higher) at the top. Coordinates are
 * rounded to 1/100.
 * @param {SloReport} slo
 * @param {readonly string[]} levels the report's `levels`
 * @param {{ width: number, height: number }} size
 * @returns {BurndownChart}
 */
export function burndownChart(slo, levels, { width, height }) {
  const a = Date.parse(slo.window.start);
  const b = Date.parse(slo.window.end);
  const xOf = (/** @type {number} */ t) => round(b > a ? (Math.min(b, Math.max(a, t)) - a) / (b - a) * width : width);
  const { t, remainingRatio } = slo.burndown;
  let lo = 0;
  let hi = 1;
  for (const r of remainingRatio) {
    if (r === null || !Number.isFinite(r)) continue;
    lo = Math.min(lo, r);
    hi = Math.max(hi, r);
  }
  const yOf = (/** @type {number} */ r) => round(height - ((r - lo) / (hi - lo)) * height);
  let path = '';
  let pen = false;
  /** @type {BurndownChart['last']} */
  let last = null;
  remainingRatio.forEach((r, i) => {
    const at = t[i];
    if (r === null || !Number.isFinite(r) || at === undefined) {
      pen = false;
      return;
    }
    const x = xOf(at);
    const y = yOf(r);
    path += `${path === '' ? '' : ' '}${pen ? 'L' : 'M'} ${x} ${y}`;
    pen = true;
    last = { x, y, ratio: r };
  });
  return { width, height, lo, hi, path, zeroY: yOf(0), fullY: yOf(1), bands: levelBands(slo, levels, width), last };
}

/**
 * The level timeline as bands over `width`, adjacent segments of one level
 * merged.
 * @param {SloReport} slo
 * @param {readonly string[]} levels
 * @param {number} width
 * @returns {Band[]}
 */
function levelBands(slo, levels, width) {
  /** @type {Band[]} */
  const bands = [];
  for (const s of timelineSegments(slo, levels)) {
    const prev = bands.at(-1);
    if (prev && prev.level === s.level) {
      prev.to = s.to;
      prev.width = round(s.end * width - prev.x);
      continue;
    }
    const x = round(s.start * width);
    bands.push({ x, width: round(s.end * width - x), level: s.level, rank: s.rank, severity: s.severity, from: s.from, to: s.to });
  }
  return bands;
}

/** At most this many level runs are named in the text alternative. */
const MAX_RUNS = 6;

/**
 * The chart in words, for a screen reader: "Remaining budget from 100.0%
 * (Sun 1 Feb 00:00) to 30.6% (Fri 14:05), lowest 30.6%. Levels: healthy
 * until Thu 5 Feb 09:17, critical until Thu 5 Feb 10:14, … warning to the end".
 * @param {SloReport} slo
 * @param {readonly string[]} levels
 * @param {TimeOptions} [options]
 * @returns {string}
 */
export function burndownText(slo, levels, options = {}) {
  const reference = Date.parse(slo.window.end);
  const when = (/** @type {number} */ ms) => formatInstant(ms, { ...options, reference });
  const { t, remainingRatio } = slo.burndown;
  /** @type {{ at: number, r: number }[]} */
  const points = [];
  remainingRatio.forEach((r, i) => {
    const at = t[i];
    if (r !== null && Number.isFinite(r) && at !== undefined) points.push({ at, r });
  });
  const first = points[0];
  const lastPoint = points.at(-1);
  let text;
  if (!first || !lastPoint) {
    text = `Remaining budget over the window: ${NO_DATA}.`;
  } else {
    let lowest = Infinity;
    for (const p of points) lowest = Math.min(lowest, p.r);
    text =
      `Remaining budget from ${formatPercent(first.r)} (${when(first.at)}) to ${formatPercent(lastPoint.r)} (${when(lastPoint.at)})` +
      `, lowest ${formatPercent(lowest)}.`;
  }
  const runs = levelBands(slo, levels, 1);
  if (runs.length > 0) {
    const named = runs.slice(0, MAX_RUNS).map((r, i) => (i === runs.length - 1 ? `${r.level} to the end` : `${r.level} until ${when(r.to)}`));
    const more = runs.length > MAX_RUNS ? `, and ${runs.length - MAX_RUNS} more changes up to ${runs.at(-1)?.level} now` : '';
    text += ` Levels: ${named.join(', ')}${more}.`;
  }
  return text;
}

/** @param {number} x */
function round(x) {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? 0 : r;
}
