import { Engine } from '@slogate/engine';

import { loadEngineFromDisk } from '../testing';
import { DEFAULT_QUICK, quickPolicy } from './quick';

beforeAll(loadEngineFromDisk);

const AT = Date.UTC(2026, 2, 1);

function planOf(text: string) {
  const engine = new Engine(text);
  try {
    return {
      names: engine.sloNames,
      levels: engine.levels,
      series: engine.plan(AT).series.map((s) => [s.name, s.kind]),
    };
  } finally {
    engine.free();
  }
}

test('the default: a good/total availability SLO over 28 days, warning at 20% and freeze at 10%', () => {
  const text = quickPolicy(DEFAULT_QUICK);
  expect(planOf(text)).toEqual({
    names: ['availability'],
    levels: ['healthy', 'warning', 'freeze'],
    series: [
      ['good', 'increase'],
      ['total', 'increase'],
    ],
  });
  expect(text).toContain('window: {rolling: "28d"}');
  expect(text).toContain('- {level: warning, when: "remaining < 20%"}');
  expect(text).toContain('- {level: freeze, when: "remaining < 10%"}');
});

test('every SLI form, calendar windows and timeslices read as the engine does', () => {
  expect(planOf(quickPolicy({ ...DEFAULT_QUICK, sli: 'bad-total', kind: 'rate' })).series).toEqual([
    ['bad', 'rate'],
    ['total', 'rate'],
  ]);
  expect(
    planOf(quickPolicy({ ...DEFAULT_QUICK, sli: 'good-bad', good: 'A', bad: 'B', kind: 'counter' })).series
  ).toEqual([
    ['A', 'counter'],
    ['B', 'counter'],
  ]);
  const threshold = quickPolicy({ ...DEFAULT_QUICK, sli: 'threshold', series: 'latency', op: '<=', value: '300ms' });
  expect(planOf(threshold).series).toEqual([['latency', 'gauge']]);
  expect(threshold).toContain('budgeting: timeslices');
  const month = quickPolicy({
    ...DEFAULT_QUICK,
    window: 'month',
    timeZone: 'Europe/Berlin',
    budgeting: 'timeslices',
    freezeBelow: '',
  });
  expect(month).toContain('window: {calendar: month, timeZone: "Europe/Berlin"}');
  expect(planOf(month).levels).toEqual(['healthy', 'warning', 'freeze', 'breach']);
});

test('what a user types stays a value: quotes, colons and newlines cannot change the document', () => {
  const text = quickPolicy({ ...DEFAULT_QUICK, name: 'api: "v2"\n  evil: [1]', good: 'g"ood' });
  expect(planOf(text).names).toEqual(['api: "v2"\n  evil: [1]']);
  expect(planOf(text).series[0][0]).toBe('g"ood');
});

test("a bad objective is the engine's error, at its line and column", () => {
  expect(() => new Engine(quickPolicy({ ...DEFAULT_QUICK, objective: '120' }))).toThrow(/spec\.slos\[0\]\.objective/);
});
