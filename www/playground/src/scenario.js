// The playground's scenario generator: the data a person gets without a
// Prometheus. Pure (no DOM): `generateScenario(engine.plan(at), params)`
// gives the SeriesInput[] `engine.evaluate(at, …)` takes, for whatever series
// the policy names. See www/playground/README.md, "Scenario generator".
//
// Every planned series gets a role from the place the policy first names it
// (its plan `path`): `…sli.ratio.total` is traffic, `.good` traffic minus
// failures, `.bad` the failures, `…sli.threshold.series` a gauge. Failures
// are drawn per SLO (the path before `.sli`) and group, traffic per group
// only, so an SLO's good and total agree wherever they are planned and a
// series two SLOs share (one total, two goods) stays one series.

import { checkScenario, DEFAULT_SCENARIO } from './scenario/params.js';
import { countEvents, countFailures, cumulate, errorRatio, firstAfter, gauge, grid, traffic } from './scenario/signals.js';
import { parseDuration, resolveWhen } from './scenario/time.js';

export { DEFAULT_SCENARIO, checkScenario, defaultScenario, LIMITS, OPS, SHAPES } from './scenario/params.js';
export { DEFAULT_GAP, DEFAULT_INCIDENT, DEFAULT_MAINTENANCE, DEFAULT_RESET } from './scenario/params.js';
export { formatDuration, isWhen, parseDuration, parseInstant, resolveWhen } from './scenario/time.js';

/**
 * At most this many samples per scenario (all series and groups): ~64 MB
 * of columns. 30 days at 1 minute is 43,200 samples a series.
 */
export const MAX_GENERATED_SAMPLES = 4_000_000;

/** A scenario that cannot be generated: `problems` lists each reason with its place. */
export class ScenarioError extends Error {
  constructor(problems) {
    super(problems.join('\n'));
    this.name = 'ScenarioError';
    this.problems = problems;
  }
}

/** What a planned series is to the generator: its role and the SLO it belongs to. */
export function seriesRole(path) {
  const at = typeof path === 'string' ? path.lastIndexOf('.sli.') : -1;
  if (at < 0) return { role: 'other', slo: String(path ?? '') };
  const tail = path.slice(at + 5);
  const role =
    tail === 'ratio.good' ? 'good'
      : tail === 'ratio.bad' ? 'bad'
        : tail === 'ratio.total' ? 'total'
          : tail === 'threshold.series' ? 'gauge'
            : 'other';
  return { role, slo: path.slice(0, at) };
}

/**
 * The threshold a gauge is generated against: the plan's (`threshold`, when
 * the engine gives one), else `params.thresholds[name]`, else `null` — then
 * its samples are NaN (missing): without the threshold no level can be said
 * to meet it or not, and a made-up one would invent good or bad slices.
 */
export function gaugeThreshold(planned, params) {
  const t = planned.threshold ?? (Object.hasOwn(params.thresholds, planned.name) ? params.thresholds[planned.name] : null);
  return t && typeof t.value === 'number' && Number.isFinite(t.value) ? t : null;
}

/**
 * Notes a page shows beside the scenario: each gauge without a threshold
 * (its samples are missing), each incident or gap that names a series the
 * plan lacks, each window that lies outside the planned data.
 */
export function scenarioNotes(plan, input) {
  const { params } = checkScenario(input);
  const notes = [];
  const names = new Set(plan.series.map((s) => s.name));
  for (const s of plan.series) {
    if (seriesRole(s.path).role === 'gauge' && !gaugeThreshold(s, params)) {
      notes.push(`${s.name}: no threshold known, so its samples are missing; give its op and value to generate it`);
    }
  }
  const first = Math.min(...plan.series.map((s) => s.start));
  for (const [list, label] of [[params.incidents, 'incidents'], [params.gaps, 'gaps']]) {
    list.forEach((w, i) => {
      if (w.series !== '' && !names.has(w.series)) notes.push(`${label}[${i}]: the policy names no series "${w.series}"`);
      const from = resolveWhen(w.start, plan.at);
      if (from >= plan.at || from + parseDuration(w.length) <= first) notes.push(`${label}[${i}]: outside the data (${w.start})`);
    });
  }
  return notes;
}

function checkPlan(plan) {
  if (!plan || typeof plan !== 'object' || !Array.isArray(plan.series) || !Number.isFinite(plan.at)) {
    throw new ScenarioError(['plan: expected a DataPlan {at, series: [...]} from engine.plan(at)']);
  }
  const problems = [];
  plan.series.forEach((s, i) => {
    const whole = (v) => Number.isSafeInteger(v);
    if (!s || typeof s.name !== 'string' || typeof s.path !== 'string' || typeof s.kind !== 'string') {
      problems.push(`plan.series[${i}]: expected {name, path, kind, labels, start, end, stepMs}`);
    } else if (!whole(s.start) || !whole(s.end) || s.start > s.end || !whole(s.stepMs) || s.stepMs < 1) {
      problems.push(`plan.series[${i}] (${s.name}): start, end and stepMs must be whole milliseconds, start ≤ end, stepMs ≥ 1`);
    }
  });
  if (problems.length > 0) throw new ScenarioError(problems);
}

/**
 * SeriesInput[] for every series of `plan` (from `engine.plan(at)`), in
 * plan order, each of its groups in order: times from the series' `start`
 * to `end` at its `stepMs` (or `params.step`), ending exactly at `end`;
 * values by its kind (`rate` per second, `increase` whole events per step,
 * `counter` a cumulative count, `gauge` a level); `kind` and `stepMs` set.
 * A series with `labels` comes once per group, every label `group-N`. Gaps
 * are absent samples (not NaN). Series may share one `times` array: treat
 * the columns as read-only. Params may be partial (the rest default).
 * Throws a ScenarioError naming the parameter for invalid params or a
 * scenario over MAX_GENERATED_SAMPLES.
 */
export function generateScenario(plan, input = DEFAULT_SCENARIO) {
  checkPlan(plan);
  const { params, problems } = checkScenario(input);
  if (problems.length > 0) throw new ScenarioError(problems);
  const at = plan.at;
  const stepOverride = params.step === '' ? null : parseDuration(params.step);

  const sloOf = new Map(plan.series.map((s) => [s.name, seriesRole(s.path).slo]));
  const incidents = params.incidents.map((w) => ({
    ...window(w, at),
    errorRatio: w.errorRatio,
    gaugeFactor: w.gaugeFactor,
    slo: w.series === '' ? null : (sloOf.get(w.series) ?? false),
    group: w.group,
  }));
  const lastEnd = Math.max(at, ...plan.series.map((s) => s.end));
  const firstStart = Math.min(at, ...plan.series.map((s) => s.start));
  const maintenance = params.maintenance.flatMap((w) => occurrences(w, at, firstStart, lastEnd));
  const resets = params.resets.map((r) => resolveWhen(r, at)).sort((a, b) => a - b);
  const gaps = params.gaps.map((w) => ({ ...window(w, at), series: w.series }));

  let total = 0;
  for (const s of plan.series) {
    const step = stepOverride ?? s.stepMs;
    const n = Math.floor((s.end - s.start) / step) + 1;
    total += n * (s.labels?.length ? params.groups : 1);
  }
  if (total > MAX_GENERATED_SAMPLES) {
    throw new ScenarioError([
      `step: ${total.toLocaleString('en-US')} samples in all, at most ${MAX_GENERATED_SAMPLES.toLocaleString('en-US')}; choose a coarser step`,
    ]);
  }

  // Columns shared between series: keyed by grid, group and SLO.
  const cache = new Map();
  const cached = (key, make) => {
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = make()));
    return v;
  };

  const out = [];
  for (const s of plan.series) {
    const step = stepOverride ?? s.stepMs;
    const gridKey = `${s.start}/${s.end}/${step}`;
    const column = cached(`t|${gridKey}`, () => grid(s.start, s.end, step));
    const { times } = column;
    const { role, slo } = seriesRole(s.path);
    const grouped = Array.isArray(s.labels) && s.labels.length > 0;
    const groups = grouped ? params.groups : 1;
    for (let g = 0; g < groups; g++) {
      // Group 0 of an ungrouped series stands for all groups; incidents
      // aimed at one group hit that group's series only.
      const groupNumber = grouped ? g + 1 : 0;
      const hits = (w) => (w.group === 0 || w.group === groupNumber) && (w.slo === null || w.slo === slo);
      const windows = () => [...incidents.filter(hits), ...maintenance];
      const rate = () => cached(`T|${gridKey}|${groupNumber}`, () => traffic(column, params.traffic, params.noise, params.seed, groupNumber));
      const ratio = () =>
        cached(`E|${gridKey}|${slo}|${groupNumber}`, () =>
          errorRatio(column, params.errorRatio * groupSpread(g, groups), params.noise, params.seed, slo, groupNumber, windows()));
      let values;
      if (role === 'gauge' || (s.kind === 'gauge' && role === 'other')) {
        const threshold = gaugeThreshold(s, params);
        values = threshold
          ? gauge(column, threshold, params.gaugeLevel, params.noise, params.seed, s.name, groupNumber, windows())
          : new Float64Array(times.length).fill(NaN);
      } else if (s.kind === 'rate') {
        values = perSecond(role, rate, ratio);
      } else {
        const events = () => cached(`N|${gridKey}|${groupNumber}`, () =>
          countEvents(column, rate(), params.seed, `events/${groupNumber}`));
        const failures = () => cached(`F|${gridKey}|${slo}|${groupNumber}`, () =>
          countFailures(column, events(), ratio(), params.seed, `failures/${slo}/${groupNumber}`));
        const perStep = perInterval(role, events, failures);
        values = s.kind === 'counter' ? cumulate(times, perStep, resets) : perStep;
      }
      const [t, v] = withoutGaps(times, values, gaps.filter((w) => w.series === '' || w.series === s.name));
      const series = { name: s.name, times: t, values: v, kind: s.kind, stepMs: step };
      if (grouped) series.labels = Object.fromEntries(s.labels.map((l) => [l, `group-${groupNumber}`]));
      out.push(series);
    }
  }
  return out;
}

/**
 * Group g of n fails at the baseline times 0.5 … 2 (evenly on a log
 * scale: three groups get 0.5×, 1×, 2×), so groups differ visibly.
 */
export function groupSpread(g, n) {
  return n === 1 ? 1 : 2 ** ((2 * g) / (n - 1) - 1);
}

function perSecond(role, rate, ratio) {
  const T = rate();
  if (role === 'total' || role === 'other') return T;
  const e = ratio();
  const out = new Float64Array(T.length);
  if (role === 'bad') for (let k = 0; k < T.length; k++) out[k] = T[k] * e[k];
  else for (let k = 0; k < T.length; k++) out[k] = T[k] - T[k] * e[k];
  return out;
}

function perInterval(role, events, failures) {
  const N = events();
  if (role === 'total' || role === 'other') return N;
  const F = failures();
  if (role === 'bad') return F;
  const out = new Float64Array(N.length);
  for (let k = 0; k < N.length; k++) out[k] = N[k] - F[k];
  return out;
}

function window(w, at) {
  const from = resolveWhen(w.start, at);
  return { from, to: from + parseDuration(w.length) };
}

/** A maintenance window's occurrences `(from, to]` that reach into `[first, last]`. */
function occurrences(w, at, first, last) {
  const once = window(w, at);
  const every = w.every === '' ? null : parseDuration(w.every);
  const base = { errorRatio: w.errorRatio, gaugeFactor: w.gaugeFactor, slo: null, group: 0 };
  if (every === null) return [{ ...once, ...base }];
  const out = [];
  // Recurrences start at the first occurrence, as an RRULE's DTSTART.
  const skip = Math.max(0, Math.floor((first - once.to) / every));
  for (let from = once.from + skip * every; from <= last && out.length < 100_000; from += every) {
    out.push({ from, to: from + (once.to - once.from), ...base });
  }
  return out;
}

/** The samples outside every gap `(from, to]`: copies only when a gap removes some. */
function withoutGaps(times, values, gaps) {
  if (gaps.length === 0) return [times, values];
  const keep = new Uint8Array(times.length).fill(1);
  let removed = 0;
  for (const w of gaps) {
    for (let k = firstAfter(times, w.from); k < times.length && times[k] <= w.to; k++) {
      removed += keep[k];
      keep[k] = 0;
    }
  }
  if (removed === 0) return [times, values];
  const t = new Float64Array(times.length - removed);
  const v = new Float64Array(times.length - removed);
  for (let k = 0, j = 0; k < times.length; k++) {
    if (keep[k]) {
      t[j] = times[k];
      v[j++] = values[k];
    }
  }
  return [t, v];
}

export { encodeScenario, decodeScenario, parseScenario } from './scenario/url.js';
