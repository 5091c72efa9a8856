import { advice, shortfalls } from './coverage';

const MINUTE = 60_000;
const DAY = 86_400_000;
const AT = Date.UTC(2026, 2, 1);

const plan = {
  at: AT,
  series: [
    {
      name: 'good',
      query: null,
      kind: 'rate' as const,
      path: 'spec.slos[0].sli.ratio.good',
      labels: [],
      start: AT - 56 * DAY,
      end: AT,
      stepMs: 5 * MINUTE,
    },
    {
      name: 'total',
      query: null,
      kind: 'rate' as const,
      path: 'spec.slos[0].sli.ratio.total',
      labels: [],
      start: AT - 56 * DAY,
      end: AT,
      stepMs: 5 * MINUTE,
    },
  ],
};

function series(name: string, from: number, stepMs: number | undefined) {
  const n = Math.floor((AT - from) / (stepMs ?? MINUTE)) + 1;
  const times = Float64Array.from({ length: n }, (_, i) => from + i * (stepMs ?? MINUTE));
  return { name, times, values: new Float64Array(n), stepMs };
}

test('data over the planned range at the planned step or finer: nothing to say', () => {
  expect(
    shortfalls(plan, [series('good', AT - 56 * DAY, MINUTE), series('total', AT - 56 * DAY + 4 * MINUTE, 5 * MINUTE)])
  ).toEqual([]);
});

test('a dashboard range too short, and a step too coarse: each said with its fix', () => {
  const found = shortfalls(plan, [series('good', AT - 7 * DAY, MINUTE), series('total', AT - 56 * DAY, 15 * MINUTE)]);
  expect(found).toEqual([
    {
      series: 'good',
      path: 'spec.slos[0].sli.ratio.good',
      needFrom: AT - 56 * DAY,
      haveFrom: AT - 7 * DAY,
      needStepMs: 5 * MINUTE,
      haveStepMs: MINUTE,
    },
    {
      series: 'total',
      path: 'spec.slos[0].sli.ratio.total',
      needFrom: AT - 56 * DAY,
      haveFrom: AT - 56 * DAY,
      needStepMs: 5 * MINUTE,
      haveStepMs: 15 * MINUTE,
    },
  ]);
  expect(advice(found, AT, AT - 7 * DAY)).toEqual([
    "The policy reads 56d of history (good), the dashboard's range 7d: set this panel's Relative time to now-56d (Query options), or widen the dashboard's range.",
    "The queries' step is 15m, the policy needs 5m or finer (total): set Min interval to 5m and Max data points to at least 16,129 (Query options).",
  ]);
});

test("a series without a stated step is judged by its range only; a missing series is the engine's to name", () => {
  expect(shortfalls(plan, [series('good', AT - 56 * DAY, undefined)])).toEqual([]);
});
