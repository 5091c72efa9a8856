import { readFileSync } from 'fs';
import { join } from 'path';

import { FieldType, createDataFrame } from '@grafana/data';
import { Engine, Memo, initSync } from '@slogate/engine';

import { evaluatePanel } from './evaluate';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const AT = Date.UTC(2026, 2, 1, 12);
/** Minutes of data: the plan of a 1-hour window reads 3d1h15m back (the 3d burn rate every report carries). */
const DAYS_4 = 4 * 24 * 60;

beforeAll(() => {
  initSync(readFileSync(join(__dirname, '../../../pkg/dist/slogate_engine_bg.wasm')));
});

/** 99% of requests good over a rolling hour: the worked example of the package's README. */
const POLICY = `
apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: demo}
spec:
  slos:
    - name: availability
      objective: 99%
      window: {rolling: 1h}
      sli: {ratio: {good: good, total: total}}
  policy:
    levels: [healthy, freeze]
    rules:
      - {level: freeze, when: "remaining < 50%"}
`;

/** Prometheus-shaped frames: `minutes` of 1-minute rates ending at AT, 10 req/s, `goodRate` good. */
function frames(minutes: number, goodRate: number, stepMs = MINUTE) {
  const n = Math.floor((minutes * MINUTE) / stepMs) + 1;
  const time = Array.from({ length: n }, (_, i) => AT - (n - 1 - i) * stepMs);
  const frame = (refId: string, v: number) =>
    createDataFrame({
      refId,
      fields: [
        { name: 'Time', type: FieldType.time, values: time, config: { interval: stepMs } },
        { name: 'Value', type: FieldType.number, values: time.map(() => v), labels: { job: 'api' }, config: {} },
      ],
    });
  return [frame('total', 10), frame('good', goodRate)];
}

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
