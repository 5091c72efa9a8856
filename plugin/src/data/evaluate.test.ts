import { Engine, Memo } from '@slogate/engine';

import { AT, DAYS_4, MINUTE, POLICY, loadEngineFromDisk, ratioFrames } from '../testing';
import { evaluatePanel } from './evaluate';

const HOUR = 60 * MINUTE;

beforeAll(loadEngineFromDisk);

/** `minutes` of the fixture's frames. */
const frames = (minutes: number, goodRate: number) => ratioFrames(goodRate, { minutes });

test('frames covering the plan: the report, 40% left and frozen as worked by hand', () => {
  const engine = new Engine(POLICY);
  const outcome = evaluatePanel(engine, frames(DAYS_4, 9.94), [], AT, AT - DAYS_4 * MINUTE);
  expect(outcome.kind).toBe('report');
  if (outcome.kind !== 'report') {
    return;
  }
  const slo = outcome.report.slos[0];
  // 0.6% errors spend 60% of the 1% budget: 40% left, freeze.
  expect(slo.budget.remainingRatio).toBeCloseTo(0.4, 9);
  expect(slo.level).toBe('freeze');
  expect(outcome.report.level).toBe('freeze');
  engine.free();
});

test('an hour of data where the plan reads three days: the advice, no numbers', () => {
  const engine = new Engine(POLICY);
  const outcome = evaluatePanel(engine, frames(60, 9.94), [], AT, AT - HOUR);
  expect(outcome.kind).toBe('short');
  if (outcome.kind === 'short') {
    expect(outcome.advice).toEqual([
      "The policy reads 3d1h15m of history (good, total), the dashboard's range 1h: set this panel's Relative time to now-4d (Query options), or widen the dashboard's range.",
    ]);
  }
  engine.free();
});

test('no frames, or none the policy names: no data, with what was there', () => {
  const engine = new Engine(POLICY);
  expect(evaluatePanel(engine, [], [], AT, AT - HOUR)).toEqual({ kind: 'no-data', unused: [], problems: [] });
  const other = frames(DAYS_4, 9.94).map((f) => ({ ...f, refId: f.refId === 'good' ? 'A' : 'B' }));
  const outcome = evaluatePanel(engine, other, [], AT, AT - DAYS_4 * MINUTE);
  expect(outcome.kind).toBe('no-data');
  if (outcome.kind === 'no-data') {
    expect(outcome.unused.map((u) => u.refId)).toEqual(['B', 'A']);
  }
  // Mapped, they are read.
  const mapped = evaluatePanel(
    engine,
    other,
    [
      { series: 'good', refId: 'A' },
      { series: 'total', refId: 'B' },
    ],
    AT,
    AT - DAYS_4 * MINUTE
  );
  expect(mapped.kind).toBe('report');
  engine.free();
});

test("one series missing: the engine's error, naming it", () => {
  const engine = new Engine(POLICY);
  const outcome = evaluatePanel(engine, frames(DAYS_4, 9.94).slice(0, 1), [], AT, AT - DAYS_4 * MINUTE);
  expect(outcome.kind).toBe('error');
  if (outcome.kind === 'error') {
    expect(String((outcome.error as Error).message)).toMatch(/no series named "good"/);
  }
  engine.free();
});

test('a memo: an unchanged policy on the same frames is taken from it', () => {
  const memo = new Memo();
  const data = frames(DAYS_4, 9.94);
  const a = new Engine(POLICY);
  const first = evaluatePanel(a, data, [], AT, AT - DAYS_4 * MINUTE, memo);
  const b = new Engine(POLICY.replace('metadata: {name: demo}', 'metadata: {name: demo2}'));
  const second = evaluatePanel(b, data, [], AT, AT - DAYS_4 * MINUTE, memo);
  expect(memo.reused).toBe(1);
  expect(second.kind === 'report' && first.kind === 'report' && second.report.slos[0]).toBe(
    first.kind === 'report' && first.report.slos[0]
  );
  a.free();
  b.free();
});
