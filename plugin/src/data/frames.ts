// The panel's query results as the engine's series: pure, no React.
//
// Every number field of every frame is one series, with its time field's
// instants and the field's labels. Which name the policy knows it by:
// the first mapping (panel options) that matches it — by the query's refId,
// the field's name, a label matcher, all that are given — else its refId
// when the policy names a series so. Match on field type, refId and
// labels, never on a field's display name: Prometheus calls it `Value` or
// the metric's name, other datasources as they please.
//
// JSON has no NaN or ±Inf: Grafana's backend sends them as null with the
// field's `entities` map, which @grafana/data's decoder applies (and keeps
// on the field); a frame built elsewhere may carry the map unapplied. Both
// read the same here: the map is applied, and null is NaN — the engine
// reads every non-finite value as a missing sample (docs/arithmetic.md §1).
// Columns go to the engine as Float64Arrays, without an object per sample.
//
// Only what the evaluation reads is copied: given the data plan's range, a
// series keeps its samples from the last at or before the range's start
// (so coverage reads the same) to the range's end. The plan's contract is
// that those give the same report as the whole history (a property test of
// the engine, tests/properties.rs); a dashboard showing 30 days for a
// 7-day SLO hands over half its samples. A time column that is not sorted
// or has rows without a time is kept whole: the engine sorts (a sample out
// of order may belong in the range) and drops them.

import { DataFrame, Field, FieldType } from '@grafana/data';
import type { SeriesInput } from '@slogate/engine';

import type { ColumnPool } from './columns';
import { LabelMatcher, matches, parseMatchers } from './matcher';

/** One mapping of the panel's options: which results are the policy's series `series`. */
export interface SeriesMapping {
  /** The name the policy uses (`good`, `total`, …). */
  series: string;
  /** The query's refId (A, B, …); any when empty. */
  refId?: string;
  /** The field's name as the datasource gave it; any when empty. */
  field?: string;
  /** A label matcher, `{code=~"5.."}`; any when empty. */
  labels?: string;
}

/** A number field no mapping claimed and no series of the policy is named after. */
export interface UnusedField {
  refId: string;
  field: string;
  labels: Record<string, string>;
}

export interface FramesAsSeries {
  series: SeriesInput[];
  /**
   * Each series' earliest time (null: none), found by the pass that reads
   * its time column anyway: the data plan's coverage check needs it, and a
   * second walk over every copied time cost ~5 ms on 50 groups.
   */
  firstTimes: Array<number | null>;
  unused: UnusedField[];
  /** What could not be read: a bad matcher, a frame without a time field, … (plain text). */
  problems: string[];
}

/** Epoch milliseconds, both ends inclusive: what the data plan reads (`DataPlan`). */
export interface Range {
  start: number;
  end: number;
}

/**
 * `n` numbers for a column, from `pool` when there is one; the caller
 * writes each. A function, not a closure chosen per call: with the closure
 * a mount's conversion measured ~30% slower.
 */
function column(pool: ColumnPool | undefined, n: number): Float64Array {
  return pool ? pool.take(n) : new Float64Array(n);
}

/**
 * `frames` as series for a policy that names `names`; within `range` when
 * given (above). With `pool`, the columns come from it (reset here): valid
 * until the next call with the same pool.
 */
export function framesToSeries(
  frames: DataFrame[],
  mappings: SeriesMapping[],
  names: readonly string[],
  range?: Range,
  pool?: ColumnPool
): FramesAsSeries {
  pool?.reset();
  const problems: string[] = [];
  const compiled = mappings.map((m, i) => compile(m, i, problems));
  const series: SeriesInput[] = [];
  const firstTimes: Array<number | null> = [];
  const unused: UnusedField[] = [];
  for (const frame of frames) {
    const refId = frame.refId ?? '';
    const numbers = frame.fields.filter((f) => f.type === FieldType.number);
    if (numbers.length === 0) {
      continue;
    }
    const time = frame.fields.find((f) => f.type === FieldType.time);
    if (!time) {
      problems.push(
        `query ${refId || '(no refId)'}: a result without a time field (use a range query, or a table with a time column)`
      );
      continue;
    }
    const times = timeColumn(time, range, pool);
    const stepMs = stepOf(time);
    for (const field of numbers) {
      const labels = { ...(field.labels ?? {}) };
      const name = nameOf(compiled, refId, field, labels) ?? (names.includes(refId) ? refId : null);
      if (name === null) {
        unused.push({ refId, field: field.name, labels });
        continue;
      }
      const s: SeriesInput = { name, times: times.values, values: valueColumn(field, times.rows, pool), labels };
      if (stepMs !== undefined) {
        s.stepMs = stepMs;
      }
      series.push(s);
      firstTimes.push(times.first);
    }
  }
  return { series, firstTimes, unused, problems };
}

/** `FieldValueEntityLookup` of @grafana/data's JSON frames: where NaN, ±Inf stood. */
interface EntityLookup {
  NaN?: number[];
  Undef?: number[];
  Inf?: number[];
  NegInf?: number[];
}

interface Compiled {
  mapping: SeriesMapping;
  matchers: LabelMatcher[] | null;
}

function compile(mapping: SeriesMapping, index: number, problems: string[]): Compiled {
  if (!mapping.labels?.trim()) {
    return { mapping, matchers: [] };
  }
  try {
    return { mapping, matchers: parseMatchers(mapping.labels) };
  } catch (e) {
    problems.push(`series mapping ${index + 1} (${mapping.series}): ${e instanceof Error ? e.message : String(e)}`);
    return { mapping, matchers: null };
  }
}

function nameOf(compiled: Compiled[], refId: string, field: Field, labels: Record<string, string>): string | null {
  for (const { mapping, matchers } of compiled) {
    if (matchers === null || !mapping.series) {
      continue;
    }
    if (mapping.refId && mapping.refId !== refId) {
      continue;
    }
    if (mapping.field && mapping.field !== field.name) {
      continue;
    }
    if (matches(matchers, labels)) {
      return mapping.series;
    }
  }
  return null;
}

/** Which rows of a frame a series keeps: `from ..< to`, or those marked in `keep`. */
type Rows = { from: number; to: number; keep: null } | { from: 0; to: number; keep: Uint8Array };

/**
 * The time column within `range` (above), without rows that have no time;
 * which rows it kept, and the earliest time kept (null: none; NaN and ±Inf
 * are no time for the engine either).
 */
function timeColumn(
  field: Field,
  range: Range | undefined,
  pool: ColumnPool | undefined
): { values: Float64Array; rows: Rows; first: number | null } {
  const raw = field.values as ArrayLike<unknown>;
  const n = raw.length;
  let nulls = 0;
  let sorted = true;
  let last = -Infinity;
  let earliest = Infinity;
  for (let i = 0; i < n; i += 1) {
    const t = raw[i];
    if (typeof t !== 'number') {
      nulls += 1;
    } else {
      sorted &&= t >= last;
      last = t;
      // One comparison per time (NaN compares false); the rare smaller one is checked.
      if (t < earliest && Number.isFinite(t)) {
        earliest = t;
      }
    }
  }
  if (nulls === 0) {
    const times = raw as ArrayLike<number>;
    const [from, to] = range && sorted ? within(times, range) : [0, n];
    const values = column(pool, to - from);
    for (let i = from; i < to; i += 1) {
      values[i - from] = times[i];
    }
    // Sorted: the first finite time kept (after at most a run of -Inf,
    // which the engine drops too), found at once.
    const first = sorted ? firstFinite(values) : earliest;
    return { values, rows: { from, to, keep: null }, first: first === Infinity ? null : first };
  }
  // A row without a time has no place in a series: left out.
  const keep = new Uint8Array(n);
  const values = column(pool, n - nulls);
  let k = 0;
  for (let i = 0; i < n; i += 1) {
    if (typeof raw[i] === 'number') {
      keep[i] = 1;
      values[k++] = raw[i] as number;
    }
  }
  return { values, rows: { from: 0, to: n, keep }, first: earliest === Infinity ? null : earliest };
}

/** The first finite number of sorted `times` (Infinity: none). */
function firstFinite(times: Float64Array): number {
  for (const t of times) {
    if (Number.isFinite(t)) {
      return t;
    }
  }
  return Infinity;
}

/**
 * The rows `from ..< to` of sorted `times` within `range`: from the last
 * time at or before its start (all of its rows: of equal times the engine
 * keeps the last) to the last at or before its end.
 */
function within(times: ArrayLike<number>, range: Range): [number, number] {
  // The first row after the start, less one, less the rows of the same time.
  let from = firstAfter(times, range.start) - 1;
  while (from > 0 && times[from - 1] === times[from]) {
    from -= 1;
  }
  return [Math.max(from, 0), firstAfter(times, range.end)];
}

/** The first index of sorted `times` whose time is after `t` (`times.length` when none is). */
function firstAfter(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** A number field's values in `rows`: null as NaN, and the NaN/±Inf Grafana nulled back from `entities`. */
function valueColumn(field: Field, rows: Rows, pool: ColumnPool | undefined): Float64Array {
  const raw = field.values as ArrayLike<unknown>;
  const { from, to } = rows;
  const all = column(pool, to - from);
  for (let i = from; i < to; i += 1) {
    const v = raw[i];
    all[i - from] = typeof v === 'number' ? v : NaN;
  }
  const entities = (field as Field & { entities?: EntityLookup }).entities;
  for (const [list, value] of [
    [entities?.Inf, Infinity],
    [entities?.NegInf, -Infinity],
  ] as const) {
    for (const i of list ?? []) {
      if (i >= from && i < to) {
        all[i - from] = value;
      }
    }
  }
  if (rows.keep === null) {
    return all;
  }
  const { keep } = rows;
  const out = column(
    pool,
    keep.reduce((n, k) => n + k, 0)
  );
  let j = 0;
  for (let i = 0; i < all.length; i += 1) {
    if (keep[i]) {
      out[j++] = all[i];
    }
  }
  return out;
}

/** The query's step in ms when the datasource says (`config.interval` of the time field). */
function stepOf(time: Field): number | undefined {
  const interval = time.config?.interval;
  return typeof interval === 'number' && Number.isFinite(interval) && interval > 0 ? Math.round(interval) : undefined;
}
