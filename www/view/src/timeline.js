// The level timeline (report.d.ts `SloReport.timeline`) as display
// segments, and the current state in one sentence: "critical since Fri
// 14:05, because burn_rate(30m) > 5 and burn_rate(30m) > 10".

import { formatReasonValue } from './format.js';
import { levelSeverity } from './severity.js';
import { plainText } from './text.js';

/** @typedef {import('@slogate/engine').SloReport} SloReport */
/** @typedef {import('./severity.js').Severity} Severity */

/**
 * @typedef {object} DisplaySegment
 * @property {number} from epoch ms, exclusive (the previous segment's `to`)
 * @property {number} to epoch ms, inclusive: the segment's last burn-down point
 * @property {number} start `from` as a share of the window, 0..1 (for shading a chart)
 * @property {number} end `to` as a share of the window, 0..1
 * @property {string} level
 * @property {number | null} rank
 * @property {Severity} severity
 * @property {string[]} reasons
 * @property {string[]} alerts firing
 * @property {string[]} pending pending: firing, not yet for their hold time (`for`)
 */

/**
 * The timeline's segments with rank, severity and their place in the
 * window; every string as plain text.
 * @param {SloReport} slo
 * @param {readonly string[]} levels the report's `levels`
 * @returns {DisplaySegment[]}
 */
export function timelineSegments(slo, levels) {
  const a = Date.parse(slo.window.start);
  const t = Date.parse(slo.window.end);
  const share = (/** @type {number} */ ms) =>
    t > a ? Math.min(1, Math.max(0, (ms - a) / (t - a))) : 1;
  return slo.timeline.map((s) => ({
    from: s.from,
    to: s.to,
    start: share(s.from),
    end: share(s.to),
    level: plainText(s.level),
    ...levelSeverity(levels, s.level),
    reasons: s.reasons.map(plainText),
    alerts: s.alerts.map(plainText),
    pending: (s.pending ?? []).map(plainText),
  }));
}

/**
 * @typedef {object} AlertSegments
 * @property {string} name the alert's name, as plain text
 * @property {string} severity the alert's severity label, as plain text
 * @property {boolean} firing whether it fires at the evaluation instant
 * @property {'inactive' | 'pending' | 'firing'} state at the evaluation instant
 * @property {{ from: number, to: number, start: number, end: number }[]} runs
 *   the runs of burn-down points at which it fired, adjacent segments merged:
 *   `from` exclusive, `to` inclusive (epoch ms), `start`/`end` their shares of the window
 * @property {{ from: number, to: number, start: number, end: number }[]} pendingRuns
 *   the same for the points at which it was pending (held alerts only)
 */

/**
 * When each alert fired over the window, from the level timeline: one entry
 * per alert of the SLO, in document order (an alert that never fired has no
 * runs), for drawing an alert timeline beside the level's.
 * @param {SloReport} slo
 * @returns {AlertSegments[]}
 */
export function alertSegments(slo) {
  const a = Date.parse(slo.window.start);
  const t = Date.parse(slo.window.end);
  const share = (/** @type {number} */ ms) =>
    t > a ? Math.min(1, Math.max(0, (ms - a) / (t - a))) : 1;
  /**
   * @param {string} name
   * @param {(s: import('@slogate/engine').Segment) => readonly string[]} names
   */
  const runsOf = (name, names) => {
    /** @type {{ from: number, to: number, start: number, end: number }[]} */
    const runs = [];
    for (const s of slo.timeline) {
      if (!names(s).includes(name)) continue;
      const last = runs[runs.length - 1];
      // Segments tile the window: a run goes on when this one starts where it ended.
      if (last !== undefined && last.to === s.from) {
        last.to = s.to;
        last.end = share(s.to);
      } else {
        runs.push({ from: s.from, to: s.to, start: share(s.from), end: share(s.to) });
      }
    }
    return runs;
  };
  return slo.alerts.map((alert) => ({
    name: plainText(alert.name),
    severity: plainText(alert.severity),
    firing: alert.firing,
    state: alert.state ?? (alert.firing ? 'firing' : 'inactive'),
    runs: runsOf(alert.name, (s) => s.alerts),
    pendingRuns: runsOf(alert.name, (s) => s.pending ?? []),
  }));
}

/**
 * @typedef {object} TimeOptions
 * @property {string} [timeZone] an IANA zone for `Intl.DateTimeFormat`; the host's by default
 * @property {string} [locale] for the names of days and months; "en-GB" by default
 */

/**
 * @typedef {object} CurrentState
 * @property {string} level
 * @property {number | null} rank
 * @property {Severity} severity
 * @property {number | null} since epoch ms of the first burn-down point at this level; null when the report has no timeline
 * @property {boolean} sinceAtLeast true when the level already held at the window's first point (it may be older)
 * @property {{ when: string, value: string | null, action: string | null }[]} reasons the rules of this level
 *   that matched, each with its value as text (null: matched by an alert or a negation, no number)
 * @property {string} text the sentence
 */

/**
 * The SLO's level now, since when, and why.
 * @param {SloReport} slo
 * @param {readonly string[]} levels the report's `levels`
 * @param {TimeOptions} [options]
 * @returns {CurrentState}
 */
export function currentState(slo, levels, options = {}) {
  const { rank, severity } = levelSeverity(levels, slo.level);
  const level = plainText(slo.level);
  const reasons = slo.reasons
    .filter((r) => r.level === slo.level)
    .map((r) => ({
      when: plainText(r.when),
      value: formatReasonValue(r.when, r.value),
      action: r.action === null ? null : plainText(r.action),
    }));
  const { since, sinceAtLeast, after } = levelSince(slo);
  let text = level;
  if (since !== null) {
    const at = formatInstant(since, { ...options, reference: Date.parse(slo.window.end) });
    text += sinceAtLeast ? ` since at least ${at}` : after ? ` since after ${at}` : ` since ${at}`;
  }
  if (reasons.length > 0) text += `, because ${reasons.map((r) => r.when).join(' and ')}`;
  return { level, rank, severity, since, sinceAtLeast, reasons, text };
}

/**
 * When the current level began: the first burn-down point of the last run
 * of segments at the SLO's level (a segment holds the points after its
 * `from` up to its `to`). Without the burn-down's times, the run's `from`,
 * which is the last point *before* the level: "since after".
 * @param {SloReport} slo
 */
function levelSince(slo) {
  const segments = slo.timeline;
  let i = segments.length - 1;
  if (i < 0 || segments[i]?.level !== slo.level) {
    return { since: null, sinceAtLeast: false, after: false };
  }
  while (i > 0 && segments[i - 1]?.level === slo.level) i -= 1;
  const run = /** @type {import('@slogate/engine').Segment} */ (segments[i]);
  const first = slo.burndown.t.find((t) => t > run.from && t <= run.to);
  if (first === undefined) return { since: run.from, sinceAtLeast: false, after: true };
  return { since: first, sinceAtLeast: i === 0, after: false };
}

const DAY = 86_400_000;

/**
 * Formatters by locale and zone. Building an Intl.DateTimeFormat costs far
 * more than formatting with one (tens of µs against ~1): a view of many SLO
 * instances formats hundreds of instants per report, a playground one
 * report per keystroke. A host uses few zones; the map is emptied past 32.
 * @type {Map<string, Intl.DateTimeFormat>}
 */
const formats = new Map();

/**
 * @param {string} locale
 * @param {string | undefined} timeZone
 * @returns {Intl.DateTimeFormat}
 */
function instantFormat(locale, timeZone) {
  const key = `${locale}\u0000${timeZone ?? ''}`;
  let format = formats.get(key);
  if (format === undefined) {
    // An unknown zone throws here, naming it, and is not kept.
    format = new Intl.DateTimeFormat(locale, {
      ...(timeZone === undefined ? {} : { timeZone }),
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    if (formats.size >= 32) formats.clear();
    formats.set(key, format);
  }
  return format;
}

/**
 * An instant as a person reads it on a dashboard: "Tue 14:05" within six
 * days before `reference`, "Tue 3 Feb 14:05" further back, with the year
 * when it differs from the reference's. 24-hour clock, in `timeZone`.
 * @param {number} ms epoch milliseconds
 * @param {TimeOptions & { reference?: number }} [options]
 * @returns {string}
 */
export function formatInstant(ms, { timeZone, locale = 'en-GB', reference } = {}) {
  // The same instants recur (window ends, burn-down points of SLOs that
  // share a window); formatToParts is the cost.
  const key = `${locale}\u0000${timeZone ?? ''}\u0000${ms}\u0000${reference ?? ''}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  if (instants.size >= 4096) instants.clear();
  const text = formatInstantUncached(ms, locale, timeZone, reference);
  instants.set(key, text);
  return text;
}

/** @type {Map<string, string>} */
const instants = new Map();

/**
 * @param {number} ms
 * @param {string} locale
 * @param {string | undefined} timeZone
 * @param {number | undefined} reference
 */
function formatInstantUncached(ms, locale, timeZone, reference) {
  const format = instantFormat(locale, timeZone);
  const parts = (/** @type {number} */ at) => {
    /** @type {Record<string, string>} */
    const p = {};
    for (const { type, value } of format.formatToParts(at)) p[type] = value;
    return p;
  };
  const p = parts(ms);
  const time = `${p.hour}:${p.minute}`;
  const near = reference !== undefined && reference - ms >= 0 && reference - ms < 6 * DAY;
  if (near) return `${p.weekday} ${time}`;
  const sameYear = reference !== undefined && parts(reference).year === p.year;
  return `${p.weekday} ${p.day} ${p.month}${sameYear ? '' : ` ${p.year}`} ${time}`;
}
