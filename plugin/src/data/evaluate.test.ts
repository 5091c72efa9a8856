import { performance as nodePerformance } from 'node:perf_hooks';

import { Engine, Memo } from '@slogate/engine';

import { AT, DAYS_4, MINUTE, POLICY, loadEngineFromDisk, ratioFrames } from '../testing';
import { ColumnPool } from './columns';
import { EditMemo, MEASURES, evaluatePanel } from './evaluate';
import { framesToSeries } from './frames';

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

test("each evaluation's time is a User Timing measure, one entry per measure however many evaluations", () => {
  // jsdom's performance has no User Timing; Node's is the standard one browsers have.
  jest.spyOn(globalThis, 'performance', 'get').mockReturnValue(nodePerformance as unknown as Performance);
  const engine = new Engine(POLICY);
  for (let i = 0; i < 3; i += 1) {
    evaluatePanel(engine, frames(DAYS_4, 9.94), [], AT, AT - DAYS_4 * MINUTE);
  }
  for (const name of Object.values(MEASURES)) {
    const entries = nodePerformance.getEntriesByName(name, 'measure');
    expect(entries).toHaveLength(1);
    expect(entries[0].duration).toBeGreaterThan(0);
  }
  engine.free();
  jest.restoreAllMocks();
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

test("the samples within the plan's range give the report of every sample", () => {
  // 30 days of frames for a 1-hour window; the plan reads three days and a bit.
  const engine = new Engine(POLICY);
  const data = ratioFrames(9.94, { minutes: 30 * 24 * 60 });
  const good = data[1].fields[1].values as number[];
  for (let i = 0; i < good.length; i += 97) {
    good[i] = i % 3 === 0 ? 9 : 9.99;
  }
  const outcome = evaluatePanel(engine, data, [], AT, AT - 30 * 24 * 60 * MINUTE);
  const whole = engine.evaluate(AT, framesToSeries(data, [], ['good', 'total']).series);
  expect(outcome.kind === 'report' && JSON.stringify(outcome.report)).toBe(JSON.stringify(whole));
  expect(outcome.kind === 'report' && outcome.report.slos[0].burndown.t.length).toBeGreaterThan(10);
  engine.free();
});

test('the edit memo: none for new frames, then one memo while the frames stay', () => {
  const memos = new EditMemo();
  const data = frames(DAYS_4, 9.94);
  expect(memos.for(data)).toBeUndefined();
  const memo = memos.for(data);
  expect(memo).toBeInstanceOf(Memo);
  expect(memos.for(data)).toBe(memo);
  // A refresh: new frames, no memo; then a new one for their edits.
  const refreshed = frames(DAYS_4, 9.94);
  expect(memos.for(refreshed)).toBeUndefined();
  expect(memos.for(refreshed)).not.toBe(memo);
  // Edits on the same frames: the second takes the unchanged SLO from the first.
  const a = new Engine(POLICY);
  const b = new Engine(POLICY.replace('metadata: {name: demo}', 'metadata: {name: demo2}'));
  evaluatePanel(a, refreshed, [], AT, AT - DAYS_4 * MINUTE, memos.for(refreshed));
  const edited = memos.for(refreshed)!;
  evaluatePanel(b, refreshed, [], AT, AT - DAYS_4 * MINUTE, edited);
  expect(edited.reused).toBe(1);
  a.free();
  b.free();
});

test("the panel's column pool: every evaluation the report of fresh columns, edits and memo included", () => {
  const pool = new ColumnPool();
  const memos = new EditMemo();
  const engine = new Engine(POLICY);
  // A window twice as long reads further back: other columns in the same memory.
  const wider = new Engine(POLICY.replace('window: {rolling: 1h}', 'window: {rolling: 2h}'));
  const fresh = (e: Engine, f: ReturnType<typeof frames>) => evaluatePanel(e, f, [], AT, AT - DAYS_4 * MINUTE);
  const shown: string[] = [];
  for (const f of [frames(DAYS_4, 9.94), frames(DAYS_4, 9.99), frames(DAYS_4, 9.9)]) {
    // Twice on the same frames, the second an edit (another window) built on the memo.
    for (const edit of [engine, wider]) {
      const kept = evaluatePanel(edit, f, [], AT, AT - DAYS_4 * MINUTE, memos.for(f), pool);
      expect(kept).toEqual(fresh(edit, f));
      if (kept.kind === 'report') {
        shown.push(kept.report.slos[0].budget.remainingRatio!.toFixed(4));
      }
    }
  }
  // Three data sets, three budgets (a constant rate spends the same share
  // of 1h and 2h): the evaluations differ, so a stale column would show.
  expect(shown).toHaveLength(6);
  expect(new Set(shown).size).toBe(3);
  engine.free();
  wider.free();
});
