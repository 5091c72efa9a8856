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

import { DataFrame, Field, FieldType } from '@grafana/data';
import type { SeriesInput } from '@slogate/engine';

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
  unused: UnusedField[];
  /** What could not be read: a bad matcher, a frame without a time field, … (plain text). */
  problems: string[];
}

/** `frames` as series for a policy that names `names`. */
export function framesToSeries(
  frames: DataFrame[],
  mappings: SeriesMapping[],
  names: readonly string[]
): FramesAsSeries {
  const problems: string[] = [];
  const compiled = mappings.map((m, i) => compile(m, i, problems));
  const series: SeriesInput[] = [];
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
    const times = timeColumn(time);
    const stepMs = stepOf(time);
    for (const field of numbers) {
      const labels = { ...(field.labels ?? {}) };
      const name = nameOf(compiled, refId, field, labels) ?? (names.includes(refId) ? refId : null);
      if (name === null) {
        unused.push({ refId, field: field.name, labels });
        continue;
      }
      const s: SeriesInput = { name, times: times.values, values: valueColumn(field, times.keep), labels };
      if (stepMs !== undefined) {
        s.stepMs = stepMs;
      }
      series.push(s);
    }
  }
  return { series, unused, problems };
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

/** The time column without its null rows, and which rows were kept (null: all). */
function timeColumn(field: Field): { values: Float64Array; keep: Uint8Array | null } {
  const raw = field.values as ArrayLike<unknown>;
  let nulls = 0;
  for (let i = 0; i < raw.length; i += 1) {
    if (typeof raw[i] !== 'number') {
      nulls += 1;
    }
  }
  if (nulls === 0) {
    return { values: Float64Array.from(raw as ArrayLike<number>), keep: null };
  }
  // A row without a time has no place in a series: left out.
  const keep = new Uint8Array(raw.length);
  const values = new Float64Array(raw.length - nulls);
  let k = 0;
  for (let i = 0; i < raw.length; i += 1) {
    if (typeof raw[i] === 'number') {
      keep[i] = 1;
      values[k++] = raw[i] as number;
    }
  }
  return { values, keep };
}

/** A number field's values: null as NaN, and the NaN/±Inf Grafana nulled back from `entities`. */
function valueColumn(field: Field, keep: Uint8Array | null): Float64Array {
  const raw = field.values as ArrayLike<unknown>;
  const all = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i += 1) {
    const v = raw[i];
    all[i] = typeof v === 'number' ? v : NaN;
  }
  const entities = (field as Field & { entities?: EntityLookup }).entities;
  for (const i of entities?.Inf ?? []) {
    all[i] = Infinity;
  }
  for (const i of entities?.NegInf ?? []) {
    all[i] = -Infinity;
  }
  if (keep === null) {
    return all;
  }
  const out = new Float64Array(keep.reduce((n, k) => n + k, 0));
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
