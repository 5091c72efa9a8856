// One evaluation of the panel: its frames and options in, what to show out.
// Pure but for the engine it is handed: the panel component only renders
// the outcome.

import type { DataFrame } from '@grafana/data';
import { Memo, type Engine, type Report } from '@slogate/engine';

import type { ColumnPool } from './columns';
import { advice, shortfalls, Shortfall } from './coverage';
import { framesToSeries, SeriesMapping, UnusedField } from './frames';

export type Outcome =
  /** Nothing the policy can read: no frames, or none mapped to its series. */
  | { kind: 'no-data'; unused: UnusedField[]; problems: string[] }
  /** The data does not reach back far enough or is too coarse: what to change. */
  | { kind: 'short'; shortfalls: Shortfall[]; advice: string[]; problems: string[] }
  /** The engine refused the data (a SlogateError: describeError says it). */
  | { kind: 'error'; error: unknown; problems: string[] }
  | { kind: 'report'; report: Report; unused: UnusedField[]; problems: string[] };

/**
 * The User Timing measures of an evaluation, as the browser's performance
 * tools show them (Chrome's Timings track): where a slow panel spends its
 * time, without a profiler. Each holds the latest evaluation only.
 */
export const MEASURES = {
  frames: 'slogate: frames to columns',
  engine: 'slogate: engine',
} as const;

/** `fn()`, recorded as the measure `name` (replacing the last one) where the host has User Timing. */
function timed<T>(name: string, fn: () => T): T {
  const start = performance.now();
  try {
    return fn();
  } finally {
    if (typeof performance.measure === 'function') {
      // Cleared first: a dashboard refreshing for days keeps one entry, not one per refresh.
      performance.clearMeasures(name);
      performance.measure(name, { start, end: performance.now() });
    }
  }
}

/**
 * Evaluates `engine` at `at` (the end of the dashboard's range) on `frames`.
 * `rangeFrom`: the start of the range the queries ran over, for advice.
 * `pool`: the panel's arrays for the columns, reused by each evaluation
 * (data/columns.ts); nothing returned refers to them.
 */
export function evaluatePanel(
  engine: Engine,
  frames: DataFrame[],
  mappings: SeriesMapping[],
  at: number,
  rangeFrom: number,
  memo?: Memo,
  pool?: ColumnPool
): Outcome {
  const plan = engine.plan(at);
  const names = plan.series.map((s) => s.name);
  // One range for every series: the earliest start any of them needs.
  const range = plan.series.length > 0 ? { start: Math.min(...plan.series.map((s) => s.start)), end: at } : undefined;
  const { series, firstTimes, unused, problems } = timed(MEASURES.frames, () =>
    framesToSeries(frames, mappings, names, range, pool)
  );
  if (series.length === 0) {
    return { kind: 'no-data', unused, problems };
  }
  const found = shortfalls(plan, series, firstTimes);
  if (found.length > 0) {
    return { kind: 'short', shortfalls: found, advice: advice(found, at, rangeFrom), problems };
  }
  try {
    const report = timed(MEASURES.engine, () => engine.evaluate(at, series, memo ? { memo } : undefined));
    return { kind: 'report', report, unused, problems };
  } catch (error) {
    return { kind: 'error', error, problems };
  }
}

/**
 * The memo of a panel, for edits only: an evaluation of the frames the
 * last one read (a policy or option edit) builds on the one before; new
 * frames (a refresh, a new range) are evaluated without one, since a memo
 * keeps a copy of every sample — on 50 series of 30 days more time than
 * a refresh can save — and nothing of the last evaluation applies to them.
 */
export class EditMemo {
  #frames: DataFrame[] | null = null;
  #memo = new Memo();

  /** The memo for an evaluation of `frames`, or undefined when they are new. */
  for(frames: DataFrame[]): Memo | undefined {
    if (frames === this.#frames) {
      return this.#memo;
    }
    this.#frames = frames;
    this.#memo = new Memo();
    return undefined;
  }
}
