// The scenario's parameters: their defaults, their limits, and one checker
// used by the generator, the URL decoder and the form, so that whatever a
// link, a test or a person typed becomes a complete, valid parameter object
// plus a message per value that had to be replaced.

import { isWhen, parseDuration } from './time.js';

export const SHAPES = ['constant', 'daily', 'weekly'];
export const OPS = ['<', '<=', '>', '>=', '==', '!='];

/** List lengths and counts a scenario may have (a link is typed by people). */
export const LIMITS = Object.freeze({ incidents: 100, maintenance: 20, resets: 100, gaps: 100, thresholds: 1000, groups: 100 });

/** One incident: `errorRatio` of events fail, gauges move past their threshold by `gaugeFactor`. */
export const DEFAULT_INCIDENT = Object.freeze({
  start: '-4h',
  length: '45m',
  errorRatio: 0.05,
  gaugeFactor: 3,
  series: '',
  group: 0,
});

export const DEFAULT_MAINTENANCE = Object.freeze({
  start: '-2d',
  length: '1h',
  every: '',
  errorRatio: 1,
  gaugeFactor: 3,
});

export const DEFAULT_GAP = Object.freeze({ start: '-1d', length: '20m', series: '' });

export const DEFAULT_RESET = '-12h';

function freezeDeep(value) {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) freezeDeep(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * What a person gets without a Prometheus: 100 requests/s with a daily
 * swing peaking at 15:00 UTC, 0.01% of them failing, one 45-minute incident
 * at 5% errors that ended a little over 3 hours ago, three groups where the
 * policy groups, a fixed seed.
 */
export const DEFAULT_SCENARIO = freezeDeep({
  seed: 1,
  step: '',
  traffic: { shape: 'daily', rate: 100, peakHour: 15, swing: 0.5, weekend: 0.6 },
  errorRatio: 0.0001,
  noise: 0.2,
  groups: 3,
  gaugeLevel: 0.5,
  thresholds: {},
  incidents: [{ ...DEFAULT_INCIDENT }],
  maintenance: [],
  resets: [],
  gaps: [],
});

/** A deep copy of the defaults that may be changed. */
export function defaultScenario() {
  return structuredClone(DEFAULT_SCENARIO);
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (object, key) => Object.hasOwn(object, key);
/** What was found, as messages quote it: a string in quotes (its first 60 characters), else its kind or value. */
const describe = (v) =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'a list'
      : isObject(v)
        ? 'a mapping'
        : typeof v === 'string'
          ? JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v)
          : String(v);

/**
 * Reads `input` (any value) as scenario parameters. Keys it lacks take
 * their defaults silently (a link carries only what differs); a value that
 * is wrong takes its default and adds a message naming its place, e.g.
 * `incidents[0].length: "5 minutes" is not a duration like 30m or 1h30m;
 * using 45m`. Never throws. Returns `{params, problems}`.
 */
export function checkScenario(input) {
  const problems = [];
  const params = defaultScenario();
  if (input === undefined) return { params, problems };
  if (!isObject(input)) {
    problems.push(`scenario: expected a mapping of parameters, found ${describe(input)}; using the defaults`);
    return { params, problems };
  }
  const reader = new Reader(problems);
  const known = new Set(Object.keys(DEFAULT_SCENARIO));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) problems.push(`${key}: unknown parameter, ignored`);
  }
  params.seed = reader.integer(input, 'seed', params.seed, 0, 4_294_967_295, 'seed');
  params.step = reader.text(input, 'step', params.step, 'step', (v) => v === '' || parseDuration(v) !== null,
    'is not a step like 1m or 30s (empty: the plan\'s step)');
  if (has(input, 'traffic')) {
    const t = input.traffic;
    if (!isObject(t)) problems.push(`traffic: expected a mapping like {shape: daily, rate: 100}, found ${describe(t)}; using the default`);
    else {
      for (const key of Object.keys(t)) {
        if (!has(DEFAULT_SCENARIO.traffic, key)) problems.push(`traffic.${key}: unknown parameter, ignored`);
      }
      const d = params.traffic;
      d.shape = reader.choice(t, 'shape', d.shape, SHAPES, 'traffic.shape');
      d.rate = reader.number(t, 'rate', d.rate, 1e-9, 1e12, 'traffic.rate');
      d.peakHour = reader.number(t, 'peakHour', d.peakHour, 0, 23.999, 'traffic.peakHour');
      d.swing = reader.number(t, 'swing', d.swing, 0, 1, 'traffic.swing');
      d.weekend = reader.number(t, 'weekend', d.weekend, 0, 10, 'traffic.weekend');
    }
  }
  params.errorRatio = reader.number(input, 'errorRatio', params.errorRatio, 0, 1, 'errorRatio');
  params.noise = reader.number(input, 'noise', params.noise, 0, 1, 'noise');
  params.groups = reader.integer(input, 'groups', params.groups, 1, LIMITS.groups, 'groups');
  params.gaugeLevel = reader.number(input, 'gaugeLevel', params.gaugeLevel, 0, 1, 'gaugeLevel');
  if (has(input, 'thresholds')) params.thresholds = reader.thresholds(input.thresholds);
  params.incidents = reader.list(input, 'incidents', params.incidents, DEFAULT_INCIDENT, (item, at) => ({
    start: reader.when(item, 'start', DEFAULT_INCIDENT.start, `${at}.start`),
    length: reader.duration(item, 'length', DEFAULT_INCIDENT.length, `${at}.length`),
    errorRatio: reader.number(item, 'errorRatio', DEFAULT_INCIDENT.errorRatio, 0, 1, `${at}.errorRatio`),
    gaugeFactor: reader.number(item, 'gaugeFactor', DEFAULT_INCIDENT.gaugeFactor, 1, 1e6, `${at}.gaugeFactor`),
    series: reader.text(item, 'series', '', `${at}.series`),
    group: reader.integer(item, 'group', 0, 0, LIMITS.groups, `${at}.group`),
  }));
  params.maintenance = reader.list(input, 'maintenance', params.maintenance, DEFAULT_MAINTENANCE, (item, at) => ({
    start: reader.when(item, 'start', DEFAULT_MAINTENANCE.start, `${at}.start`),
    length: reader.duration(item, 'length', DEFAULT_MAINTENANCE.length, `${at}.length`),
    every: reader.text(item, 'every', '', `${at}.every`, (v) => v === '' || parseDuration(v) !== null,
      'is not a repeat like 7d or 1d (empty: once)'),
    errorRatio: reader.number(item, 'errorRatio', DEFAULT_MAINTENANCE.errorRatio, 0, 1, `${at}.errorRatio`),
    gaugeFactor: reader.number(item, 'gaugeFactor', DEFAULT_MAINTENANCE.gaugeFactor, 1, 1e6, `${at}.gaugeFactor`),
  }));
  params.resets = reader.list(input, 'resets', params.resets, null, (item, at) =>
    reader.whenValue(item, DEFAULT_RESET, at));
  params.gaps = reader.list(input, 'gaps', params.gaps, DEFAULT_GAP, (item, at) => ({
    start: reader.when(item, 'start', DEFAULT_GAP.start, `${at}.start`),
    length: reader.duration(item, 'length', DEFAULT_GAP.length, `${at}.length`),
    series: reader.text(item, 'series', '', `${at}.series`),
  }));
  return { params, problems };
}

/** Reads one value at a time, pushing a message for each it replaces. */
class Reader {
  constructor(problems) {
    this.problems = problems;
  }

  replace(path, found, expected, fallback) {
    const using = fallback === '' ? 'leaving it empty' : `using ${typeof fallback === 'string' ? fallback : JSON.stringify(fallback)}`;
    this.problems.push(`${path}: ${found} ${expected}; ${using}`);
    return fallback;
  }

  number(object, key, fallback, min, max, path) {
    if (!has(object, key)) return fallback;
    const v = object[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.replace(path, describe(v), 'is not a number', fallback);
    if (v < min || v > max) return this.replace(path, String(v), `is outside ${min}…${max}`, fallback);
    return v;
  }

  integer(object, key, fallback, min, max, path) {
    const v = this.number(object, key, fallback, min, max, path);
    return Number.isInteger(v) ? v : this.replace(path, String(v), 'is not a whole number', fallback);
  }

  choice(object, key, fallback, choices, path) {
    if (!has(object, key)) return fallback;
    const v = object[key];
    return choices.includes(v) ? v : this.replace(path, describe(v), `is not one of ${choices.join(', ')}`, fallback);
  }

  text(object, key, fallback, path, valid = () => true, expected = 'is not valid') {
    if (!has(object, key)) return fallback;
    const v = object[key];
    if (typeof v !== 'string') return this.replace(path, describe(v), 'is not text', fallback);
    return valid(v) ? v : this.replace(path, describe(v), expected, fallback);
  }

  duration(object, key, fallback, path) {
    return this.text(object, key, fallback, path, (v) => parseDuration(v) !== null, 'is not a duration like 30m or 1h30m');
  }

  when(object, key, fallback, path) {
    return this.text(object, key, fallback, path, isWhen,
      'is not a time: write an offset before the evaluation like -3h, or an instant like 2026-02-05T10:00:00Z');
  }

  whenValue(value, fallback, path) {
    return this.when({ value }, 'value', fallback, path);
  }

  list(object, key, fallback, itemDefaults, readItem) {
    if (!has(object, key)) return fallback;
    const v = object[key];
    if (!Array.isArray(v)) return this.replace(key, describe(v), 'is not a list', fallback);
    let items = v;
    if (items.length > LIMITS[key]) {
      this.problems.push(`${key}: ${items.length} entries, at most ${LIMITS[key]}; keeping the first ${LIMITS[key]}`);
      items = items.slice(0, LIMITS[key]);
    }
    const out = [];
    items.forEach((item, i) => {
      const at = `${key}[${i}]`;
      if (itemDefaults === null) return out.push(readItem(item, at));
      if (!isObject(item)) {
        this.problems.push(`${at}: expected a mapping, found ${describe(item)}; left out`);
        return;
      }
      for (const k of Object.keys(item)) {
        if (!has(itemDefaults, k)) this.problems.push(`${at}.${k}: unknown parameter, ignored`);
      }
      out.push(readItem(item, at));
    });
    return out;
  }

  thresholds(v) {
    if (!isObject(v)) return this.replace('thresholds', describe(v), 'is not a mapping of series names to {op, value}', {});
    const out = {};
    const names = Object.keys(v);
    if (names.length > LIMITS.thresholds) {
      this.problems.push(`thresholds: ${names.length} entries, at most ${LIMITS.thresholds}; keeping the first ${LIMITS.thresholds}`);
    }
    for (const name of names.slice(0, LIMITS.thresholds)) {
      const t = v[name];
      const at = `thresholds[${JSON.stringify(name)}]`;
      if (!isObject(t) || !OPS.includes(t.op) || typeof t.value !== 'number' || !Number.isFinite(t.value)) {
        this.problems.push(`${at}: expected {op: one of ${OPS.join(' ')}, value: a number}, found ${describe(t)}; left out`);
        continue;
      }
      // defineProperty: a series may be called "__proto__".
      Object.defineProperty(out, name, { value: { op: t.op, value: t.value }, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
}
