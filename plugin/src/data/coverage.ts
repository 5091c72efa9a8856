// Whether the panel's data covers what the engine's data plan says an
// evaluation reads, and if not, what to change in Grafana: pure, no React.
//
// The plan gives, per series, the range `start ..= end` and the coarsest
// step that keep the report exact (`Engine.plan`). A panel's queries run
// over the dashboard's time range at an interval Grafana derives from it
// (range ÷ Max data points, at least Min interval): too short a range
// loses the start of the window (the burn-down and the level timeline
// read back to `start`), too coarse a step loses the short burn-rate
// windows. Both are said with the fix, never silently evaluated anyway.

import type { DataPlan, SeriesInput } from '@slogate/engine';
import { formatWindow } from '@slogate/view';

export interface Shortfall {
  /** The series' name in the policy. */
  series: string;
  /** Where the policy names it, e.g. `spec.slos[0].sli.ratio.good`. */
  path: string;
  /** Epoch ms the data must reach back to, and where it begins (null: no data). */
  needFrom: number;
  haveFrom: number | null;
  /** The coarsest step that will do, and the data's (null: unknown). */
  needStepMs: number;
  haveStepMs: number | null;
}

/**
 * The planned series whose data starts too late or is too coarse. A series
 * may start up to one of its steps after the planned start (query grids
 * are aligned to the step).
 */
export function shortfalls(
  plan: DataPlan,
  series: SeriesInput[],
  /** Each series' earliest time when known (`framesToSeries` finds it); else found here. */
  firstTimes?: ReadonlyArray<number | null>
): Shortfall[] {
  const out: Shortfall[] = [];
  for (const p of plan.series) {
    const mine = series.flatMap((s, i) => (s.name === p.name ? [i] : []));
    if (mine.length === 0) {
      continue; // The engine names a missing series itself, with the data it has.
    }
    let haveFrom: number | null = null;
    let haveStep: number | null = null;
    for (const i of mine) {
      const s = series[i];
      const first = firstTimes ? firstTimes[i] : firstTime(s.times);
      if (first !== null && (haveFrom === null || first < haveFrom)) {
        haveFrom = first;
      }
      // Only a step the datasource states (Grafana's interval): inferring
      // one is the engine's (docs/arithmetic.md §1), not a second copy here.
      const step = s.stepMs ?? null;
      if (step !== null && (haveStep === null || step > haveStep)) {
        haveStep = step;
      }
    }
    const slack = haveStep ?? p.stepMs;
    const late = haveFrom === null || haveFrom > p.start + slack;
    const coarse = haveStep !== null && haveStep > p.stepMs;
    if (late || coarse) {
      out.push({
        series: p.name,
        path: p.path,
        needFrom: p.start,
        haveFrom,
        needStepMs: p.stepMs,
        haveStepMs: haveStep,
      });
    }
  }
  return out;
}

/**
 * What to change, in Grafana's words, for all shortfalls of an evaluation
 * at `at`: the panel's relative time (Query options) for a range, and Min
 * interval or Max data points for a step. Plain text lines.
 */
export function advice(found: Shortfall[], at: number, rangeFrom: number): string[] {
  const lines: string[] = [];
  const earliest = Math.min(...found.map((f) => f.needFrom));
  if (found.some((f) => f.haveFrom === null || f.haveFrom > f.needFrom + (f.haveStepMs ?? f.needStepMs))) {
    const days = Math.ceil((at - earliest) / 86_400_000);
    const names = found.filter((f) => f.haveFrom === null || f.haveFrom > f.needFrom).map((f) => f.series);
    lines.push(
      `The policy reads ${formatWindow((at - earliest) / 1000)} of history (${unique(names).join(', ')}), the dashboard's range ${formatWindow(Math.max(0, at - rangeFrom) / 1000)}: ` +
        `set this panel's Relative time to now-${days}d (Query options), or widen the dashboard's range.`
    );
  }
  const coarse = found.filter((f) => f.haveStepMs !== null && f.haveStepMs > f.needStepMs);
  if (coarse.length > 0) {
    const need = Math.min(...coarse.map((f) => f.needStepMs));
    const have = Math.max(...coarse.map((f) => f.haveStepMs!));
    const points = Math.ceil((at - Math.min(rangeFrom, earliest)) / need) + 1;
    lines.push(
      `The queries' step is ${formatWindow(have / 1000)}, the policy needs ${formatWindow(need / 1000)} or finer (${unique(coarse.map((f) => f.series)).join(', ')}): ` +
        `set Min interval to ${formatWindow(need / 1000)} and Max data points to at least ${points.toLocaleString('en-US')} (Query options).`
    );
  }
  return lines;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function firstTime(times: ArrayLike<number>): number | null {
  // One comparison per sample (NaN compares false); the rare smaller one is checked.
  let first = Infinity;
  for (let i = 0; i < times.length; i += 1) {
    const t = times[i];
    if (t < first && Number.isFinite(t)) {
      first = t;
    }
  }
  return first === Infinity ? null : first;
}
