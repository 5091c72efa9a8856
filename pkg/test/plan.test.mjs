// engine.plan(atMs): the data an evaluation reads, checked against figures
// worked out by hand from its promises (src/eval/plan.rs), and the promise
// itself: data trimmed to the planned range gives the same report.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { Engine, SlogateError } from '@slogate/engine';
import { captured, load, loadData, root } from './helpers.mjs';

const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;
const T = Date.UTC(2026, 2, 1);

/**
 * A rolling week by events, grouped by job, and a rolling day by 1-minute
 * timeslices, grouped by region; both read `total`.
 */
const POLICY = `
apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: planned}
spec:
  slos:
    - name: weekly
      objective: 99%
      window: {rolling: 7d}
      sli:
        ratio:
          good: good
          total: {name: total, query: 'sum(rate(requests_total[1m]))'}
      groupBy: [job]
    - name: daily
      objective: 99%
      window: {rolling: 1d}
      budgeting: timeslices
      slice: 1m
      sli: {ratio: {good: fast, total: total}}
      groupBy: [region]
  policy:
    levels: [healthy, freeze]
    rules:
      - {level: freeze, when: "remaining < 50%"}
`;

/**
 * `days` days of 1-minute samples up to `T` of each series the policy
 * reads, with a bad spell 10 days back (before the weekly window: only its
 * burn-down sees it) and one 2 days back.
 */
function history(days) {
  const n = days * 1_440 + 1;
  const times = Float64Array.from({ length: n }, (_, i) => T - (n - 1 - i) * MINUTE);
  const bad = (t) => (t > T - 10 * DAY && t <= T - 9 * DAY) || (t > T - 2 * DAY && t <= T - 2 * DAY + 3_600_000);
  const labels = { job: 'api', region: 'eu' };
  const good = Float64Array.from(times, (t) => (bad(t) ? 8 : 10));
  return [
    { name: 'total', times, values: new Float64Array(n).fill(10), labels },
    { name: 'good', times, values: good, labels },
    { name: 'fast', times, values: Float64Array.from(good), labels },
  ];
}

/** `series` with only the samples in the planned range of each. */
function trimmed(series, plan) {
  return series.map((s) => {
    const { start, end } = plan.series.find((p) => p.name === s.name);
    const keep = [...s.times.keys()].filter((i) => s.times[i] >= start && s.times[i] <= end);
    return { ...s, times: Float64Array.from(keep, (i) => s.times[i]), values: Float64Array.from(keep, (i) => s.values[i]) };
  });
}

describe('plan', () => {
  before(load);

  test('ranges and steps worked out by hand', () => {
    const engine = new Engine(POLICY);
    // weekly: its burn-down evaluates at points of (T − 7d, T], each reading
    // a rolling week back: from T − 2·7d; the longest burn-rate window (3d)
    // is shorter than the week. Step: the shortest reported window, 5m; the
    // range starts a step and two more earlier (T − 14d − 15m).
    // daily: its burn-rate windows reach 3d back from T − 1d (longer than
    // its 1d period): T − 4d; step 1m (the slice), margin slice + 2 steps.
    // `total` is read by both: the earlier start, the finer step, both SLOs'
    // groupBy labels.
    assert.deepStrictEqual(engine.plan(T), {
      at: T,
      series: [
        {
          name: 'good',
          query: null,
          kind: 'rate',
          path: 'spec.slos[0].sli.ratio.good',
          labels: ['job'],
          start: T - 14 * DAY - 15 * MINUTE,
          end: T,
          stepMs: 5 * MINUTE,
        },
        {
          name: 'total',
          query: 'sum(rate(requests_total[1m]))',
          kind: 'rate',
          path: 'spec.slos[0].sli.ratio.total',
          labels: ['job', 'region'],
          start: T - 14 * DAY - 15 * MINUTE,
          end: T,
          stepMs: MINUTE,
        },
        {
          name: 'fast',
          query: null,
          kind: 'rate',
          path: 'spec.slos[1].sli.ratio.good',
          labels: ['region'],
          start: T - 4 * DAY - 3 * MINUTE,
          end: T,
          stepMs: MINUTE,
        },
      ],
    });
    engine.free();
  });

  test('data trimmed to the plan gives the same report; trimmed to the window alone, another burn-down', () => {
    const engine = new Engine(POLICY);
    const full = history(20);
    const plan = engine.plan(T);
    const want = engine.evaluate(T, full);
    assert.deepStrictEqual(engine.evaluate(T, trimmed(full, plan)), want);
    // The bad day 10 days back lies outside the weekly window but inside its
    // burn-down's reach: without it the burn-down starts elsewhere.
    const windowOnly = { ...plan, series: plan.series.map((p) => ({ ...p, start: T - 7 * DAY })) };
    const short = engine.evaluate(T, trimmed(full, windowOnly));
    assert.equal(short.slos[0].budget.remaining, want.slos[0].budget.remaining);
    assert.notDeepStrictEqual(short.slos[0].burndown, want.slos[0].burndown);
    engine.free();
  });

  const runsFile = join(root, 'examples/runs.json');
  const runs = existsSync(runsFile) ? JSON.parse(readFileSync(runsFile, 'utf8')) : [];
  for (const run of runs) {
    test(`${run.example} at ${run.at}: data trimmed to the plan gives the same report`, () => {
      const engine = new Engine(readFileSync(join(root, run.policy), 'utf8'));
      const at = Date.parse(run.at);
      const full = Object.entries(run.data).flatMap(([name, path]) => loadData(path, name));
      const plan = engine.plan(at);
      assert.deepEqual(plan.series.map((s) => s.name).sort(), Object.keys(run.data).sort());
      assert.equal(engine.evaluateJson(at, trimmed(full, plan)), engine.evaluateJson(at, full));
      engine.free();
    });
  }

  test('a bad instant is a bad-instant error', () => {
    const engine = new Engine(POLICY);
    for (const at of [NaN, 0.5, 9e15, '0']) {
      const e = captured(() => engine.plan(at));
      assert.ok(e instanceof SlogateError);
      assert.equal(e.kind, 'bad-instant', `${at}: ${e.message}`);
    }
    engine.free();
  });
});
