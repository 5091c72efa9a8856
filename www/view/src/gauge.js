// The remaining-budget gauge's geometry: angles and an SVG path, numbers
// only, so the web component and the Grafana panel draw the same arc.
// Angles are in degrees, clockwise from 12 o'clock.

import { NO_DATA, formatPercent } from './format.js';

/**
 * @typedef {object} Gauge
 * @property {number | null} ratio the remaining ratio as reported (negative once overspent)
 * @property {number} fill the share of the arc filled, 0..1: a negative ratio is an empty gauge, never a backwards one
 * @property {number} startAngle where the arc starts
 * @property {number} endAngle where the arc ends (the track)
 * @property {number} valueAngle where the filled part ends
 * @property {string} text "30.6%", "-5.3%" (overspent), or "no data"
 * @property {boolean} noData
 */

/**
 * The gauge of a remaining ratio on an arc from `startAngle` to `endAngle`
 * (default the lower-open 240° arc, −120° → 120°).
 * @param {number | null} ratio
 * @param {{ startAngle?: number, endAngle?: number }} [options]
 * @returns {Gauge}
 */
export function gauge(ratio, { startAngle = -120, endAngle = 120 } = {}) {
  const noData = ratio === null || !Number.isFinite(ratio);
  const fill = noData ? 0 : Math.min(1, Math.max(0, ratio));
  return {
    ratio: noData ? null : ratio,
    fill,
    startAngle,
    endAngle,
    valueAngle: startAngle + fill * (endAngle - startAngle),
    text: noData ? NO_DATA : formatPercent(ratio),
    noData,
  };
}

/**
 * The SVG path (`d`) of a circular arc clockwise from `from` to `to`
 * degrees, centre (cx, cy), radius r; "" for an empty arc. Coordinates are
 * rounded to 1/1000 so the text is stable.
 * @param {number} cx
 * @param {number} cy
 * @param {number} r
 * @param {number} from
 * @param {number} to
 * @returns {string}
 */
export function arcPath(cx, cy, r, from, to) {
  const sweep = to - from;
  if (!(sweep > 0) || !(r > 0)) return '';
  const point = (/** @type {number} */ deg) => {
    const rad = (deg * Math.PI) / 180;
    return `${round(cx + r * Math.sin(rad))} ${round(cy - r * Math.cos(rad))}`;
  };
  if (sweep >= 360) {
    // One arc cannot start and end at the same point: two halves.
    return `M ${point(from)} A ${r} ${r} 0 1 1 ${point(from + 180)} A ${r} ${r} 0 1 1 ${point(from)}`;
  }
  const large = sweep > 180 ? 1 : 0;
  return `M ${point(from)} A ${r} ${r} 0 ${large} 1 ${point(to)}`;
}

/** @param {number} x */
function round(x) {
  const r = Math.round(x * 1000) / 1000;
  return Object.is(r, -0) ? 0 : r;
}
