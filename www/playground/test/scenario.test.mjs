import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SCENARIO, generateScenario, groupSpread, ScenarioError, scenarioNotes, seriesRole } from '../src/scenario.js';
import { AT, DAY, engineOf, FLAT, HOUR, MINUTE, pick, planOf } from './helpers.mjs';

const POLICY = `
apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: demo}
spec:
  slos:
    - name: availability
      objective: 99.5%
      window: {rolling: 1h}
      alerting: []
      sli: {ratio: {good: good, total: total}}
`;

test('10 req/s for 1h at 1m with 1% errors: exact rates, counts and counters', () => {
  const times = Float64Array.from({ length: 61 }, (_, k) => AT - HOUR + k * MINUTE);
  const rates = generateScenario(planOf({ good: 'rate', total: 'rate' }), FLAT);
  assert.deepEqual(pick(rates, 'total').times, times);
  assert.deepEqual([...pick(rates, 'total').values], Array(61).fill(10));
  assert.deepEqual([...pick(rates, 'good').values], Array(61).fill(9.9));
  assert.equal(pick(rates, 'good').kind, 'rate');
  assert.equal(pick(rates, 'good').stepMs, MINUTE);

  const counts = generateScenario(planOf({ good: 'increase', total: 'increase' }), FLAT);
  assert.deepEqual([...pick(counts, 'total').values], Array(61).fill(600));
  assert.deepEqual([...pick(counts, 'good').values], Array(61).fill(594));

  const counters = generateScenario(planOf({ good: 'counter', total: 'counter' }), FLAT);
  assert.deepEqual([...pick(counters, 'total').values], Array.from(times, (_, k) => 600 * (k + 1)));
  assert.deepEqual([...pick(counters, 'good').values], Array.from(times, (_, k) => 594 * (k + 1)));

  const bad = generateScenario(planOf({ bad: 'rate', total: 'rate' }), FLAT);
  assert.deepEqual([...pick(bad, 'bad').values], Array(61).fill(0.1));
});

test('the engine reads the hand-checked hour as 36,000 requests, 360 failed: twice the 99.5% budget', () => {
  const engine = engineOf(POLICY);
  for (const kind of ['rate', 'increase', 'counter']) {
    const report = engine.evaluate(AT, generateScenario(planOf({ good: kind, total: kind }), FLAT));
    const slo = report.slos[0];
    assert.ok(Math.abs(slo.sli - 0.99) < 1e-12, `${kind}: sli ${slo.sli}`);
    assert.ok(Math.abs(slo.budget.allowed - 180) < 1e-9, `${kind}: allowed ${slo.budget.allowed}`);
    assert.ok(Math.abs(slo.budget.consumed - 360) < 1e-9, `${kind}: consumed ${slo.budget.consumed}`);
    assert.ok(Math.abs(slo.budget.remainingRatio + 1) < 1e-9, `${kind}: remaining ${slo.budget.remainingRatio}`);
  }
  engine.free();
});

test('same parameters give the same data byte for byte; another seed other data', () => {
  const plan = planOf({ good: 'counter', total: 'rate', bad: 'increase' }, { range: 3 * DAY, labels: ['region'] });
  const bytes = (data) => data.map((s) => Buffer.from(s.values.buffer).toString('base64') + Buffer.from(s.times.buffer).toString('base64'));
  const a = bytes(generateScenario(plan, DEFAULT_SCENARIO));
  const b = bytes(generateScenario(structuredClone(plan), structuredClone(DEFAULT_SCENARIO)));
  assert.deepEqual(a, b);
  // The order series are planned in does not change a series' data.
  const reversed = { ...plan, series: [...plan.series].reverse() };
  const c = generateScenario(reversed, DEFAULT_SCENARIO);
  assert.deepEqual(bytes([...c].reverse().sort((x, y) => x.name.localeCompare(y.name) || x.labels.region.localeCompare(y.labels.region))),
    bytes(generateScenario(plan, DEFAULT_SCENARIO).sort((x, y) => x.name.localeCompare(y.name) || x.labels.region.localeCompare(y.labels.region))));
  const other = bytes(generateScenario(plan, { seed: 2 }));
  assert.notDeepEqual(a, other);
});

test('good never exceeds total, whatever the noise, kind and groups', () => {
  for (const kind of ['rate', 'increase', 'counter']) {
    const plan = planOf({ good: kind, total: kind }, { range: 2 * DAY, labels: ['team'] });
    const params = { noise: 1, errorRatio: 0.3, traffic: { shape: 'weekly', rate: 0.05 }, resets: ['-1d'] };
    const data = generateScenario(plan, params);
    for (let g = 1; g <= 3; g++) {
      const good = pick(data, 'good', { team: `group-${g}` }).values;
      const total = pick(data, 'total', { team: `group-${g}` }).values;
      for (let k = 0; k < good.length; k++) {
        assert.ok(good[k] <= total[k] && good[k] >= 0, `${kind} group ${g} sample ${k}: ${good[k]} of ${total[k]}`);
        if (kind !== 'rate') assert.ok(Number.isInteger(good[k]) && Number.isInteger(total[k]));
      }
    }
  }
});

test('an incident hits exactly the samples in (start, start + length], by offset or by instant', () => {
  const plan = planOf({ good: 'rate', total: 'rate' });
  for (const start of ['-30m', new Date(AT - 30 * MINUTE).toISOString().replace('.000', '')]) {
    const data = generateScenario(plan, { ...FLAT, incidents: [{ start, length: '10m', errorRatio: 0.5 }] });
    const { times, values } = pick(data, 'good');
    for (let k = 0; k < times.length; k++) {
      const inside = times[k] > AT - 30 * MINUTE && times[k] <= AT - 20 * MINUTE;
      assert.equal(values[k], inside ? 5 : 9.9, `${start}: sample at ${new Date(times[k]).toISOString()}`);
    }
    assert.equal([...values].filter((v) => v === 5).length, 10);
  }
});

test('an incident aimed at one series hits its SLO only; at one group, that group only', () => {
  const plan = {
    at: AT,
    series: [
      ...planOf({ good: 'rate', total: 'rate' }, { labels: ['team'] }).series,
      { ...planOf({ good: 'rate' }, { slo: 1, labels: ['team'] }).series[0], name: 'good2' },
    ],
  };
  const data = generateScenario(plan, { ...FLAT, incidents: [{ start: '-30m', length: '30m', errorRatio: 1, series: 'good2', group: 2 }] });
  const last = (name, g) => pick(data, name, { team: `group-${g}` }).values.at(-1);
  assert.equal(last('good2', 2), 0);
  assert.ok(last('good2', 1) > 0 && last('good2', 3) > 0);
  for (const g of [1, 2, 3]) assert.ok(last('good', g) > 9.9 * 0.9, `SLO 0 group ${g} untouched`);
});

test('groups: one series per group, labelled group-N, failing at 0.5×, 1×, 2× the baseline', () => {
  const data = generateScenario(planOf({ bad: 'rate', total: 'rate' }, { labels: ['repository', 'region'] }), FLAT);
  assert.equal(data.length, 6);
  for (let g = 1; g <= 3; g++) {
    const labels = { repository: `group-${g}`, region: `group-${g}` };
    assert.equal(pick(data, 'total', labels).values[0], 10);
    assert.ok(Math.abs(pick(data, 'bad', labels).values[0] - 10 * 0.01 * groupSpread(g - 1, 3)) < 1e-12);
  }
  assert.deepEqual([0, 1, 2].map((g) => groupSpread(g, 3)), [0.5, 1, 2]);
  assert.equal(generateScenario(planOf({ bad: 'rate', total: 'rate' }, { labels: ['r'] }), { ...FLAT, groups: 5 }).length, 10);
});

test('a counter reset drops the counter to its own interval and it counts on from there', () => {
  const data = generateScenario(planOf({ good: 'counter', total: 'counter' }), { ...FLAT, resets: ['-20m'] });
  const { times, values } = pick(data, 'total');
  const k = times.indexOf(AT - 20 * MINUTE);
  assert.equal(values[k], 600 * (k + 1)); // the sample at the reset instant still counts from before
  assert.equal(values[k + 1], 600);
  assert.equal(values.at(-1), 600 * 20);
  assert.equal(pick(data, 'good').values[k + 1], 594);
});

test('gaps are absent samples, in every series or in the one named', () => {
  const plan = planOf({ good: 'rate', total: 'rate' });
  const all = generateScenario(plan, { ...FLAT, gaps: [{ start: '-30m', length: '10m' }] });
  for (const s of all) {
    assert.equal(s.times.length, 51);
    assert.equal(s.values.length, 51);
    assert.ok(![...s.times].some((t) => t > AT - 30 * MINUTE && t <= AT - 20 * MINUTE));
    assert.ok(s.values.every(Number.isFinite));
  }
  const one = generateScenario(plan, { ...FLAT, gaps: [{ start: '-30m', length: '10m', series: 'good' }] });
  assert.equal(pick(one, 'good').times.length, 51);
  assert.equal(pick(one, 'total').times.length, 61);
});

test('counters go on counting through a gap: the sample after it holds the gap\'s events', () => {
  const data = generateScenario(planOf({ total: 'counter' }), { ...FLAT, gaps: [{ start: '-30m', length: '10m' }] });
  const { times, values } = pick(data, 'total');
  const k = times.indexOf(AT - 19 * MINUTE);
  assert.equal(values[k] - values[k - 1], 11 * 600);
});

test('maintenance windows are failures like an incident, repeated every `every`', () => {
  const plan = planOf({ good: 'increase', total: 'increase' }, { range: 3 * DAY, stepMs: HOUR });
  const data = generateScenario(plan, { ...FLAT, maintenance: [{ start: '-71h', length: '2h', every: '1d', errorRatio: 1 }] });
  const { times, values } = pick(data, 'good');
  const failed = [...times].filter((_, k) => values[k] === 0).map((t) => (AT - t) / HOUR);
  assert.deepEqual(failed, [70, 69, 46, 45, 22, 21]);
});

test('traffic shapes: daily peaks at peakHour UTC; weekly is lower on the weekend; noise stays within ±noise/2', () => {
  const plan = planOf({ total: 'rate' }, { range: 7 * DAY, stepMs: HOUR });
  const daily = pick(generateScenario(plan, { ...FLAT, traffic: { shape: 'daily', rate: 100, peakHour: 9, swing: 0.5 } }), 'total');
  const day = [...daily.values.slice(-24)];
  const peak = daily.times[daily.times.length - 24 + day.indexOf(Math.max(...day))];
  assert.equal(new Date(peak).getUTCHours(), 9);
  assert.ok(Math.abs(Math.max(...day) - 150) < 1e-9 && Math.abs(Math.min(...day) - 50) < 1e-9);
  const mean = day.reduce((a, b) => a + b) / 24;
  assert.ok(Math.abs(mean - 100) < 1e-9, `a day's mean is the rate: ${mean}`);

  const weekly = pick(generateScenario(plan, { ...FLAT, traffic: { shape: 'weekly', rate: 100, swing: 0, weekend: 0.25 } }), 'total');
  for (let k = 0; k < weekly.times.length; k++) {
    const weekend = [0, 6].includes(new Date(weekly.times[k]).getUTCDay());
    assert.equal(weekly.values[k], weekend ? 25 : 100);
  }
  const noisy = pick(generateScenario(plan, { ...FLAT, noise: 0.4 }), 'total').values;
  assert.ok(noisy.every((v) => v >= 8 && v <= 12) && new Set(noisy).size > 100);
});

test('gauges sit inside their threshold and past it during incidents; without a threshold they are missing', () => {
  const plan = planOf({ series: 'gauge' }, { range: 6 * HOUR });
  const incident = { start: '-2h', length: '1h', gaugeFactor: 3 };
  const cases = [
    [{ op: '<=', value: 0.4 }, (v) => v <= 0.4, 1.2],
    [{ op: '<', value: 100 }, (v) => v < 100, 300],
    [{ op: '>=', value: 1 }, (v) => v >= 1, 1 / 3],
    [{ op: '>', value: -2 }, (v) => v > -2, -2 - 2 * (2 / 3)],
    [{ op: '==', value: 0 }, (v) => v === 0, 2],
    [{ op: '!=', value: 5 }, (v) => v !== 5, 5],
  ];
  for (const [threshold, meets, bad] of cases) {
    const { times, values } = generateScenario(plan, { noise: 1, incidents: [incident], thresholds: { series: threshold } })[0];
    for (let k = 0; k < times.length; k++) {
      const inside = times[k] > AT - 2 * HOUR && times[k] <= AT - HOUR;
      if (inside) assert.ok(Math.abs(values[k] - bad) < 1e-12, `${threshold.op} ${threshold.value}: ${values[k]} during the incident`);
      else assert.ok(meets(values[k]), `${threshold.op} ${threshold.value}: healthy ${values[k]}`);
    }
  }
  const half = generateScenario(plan, { noise: 0, incidents: [], thresholds: { series: { op: '<=', value: 0.4 } } })[0];
  assert.ok(half.values.every((v) => Math.abs(v - 0.2) < 1e-15));
  const unknown = generateScenario(plan, DEFAULT_SCENARIO)[0];
  assert.ok(unknown.values.every(Number.isNaN) && unknown.values.length === 361);
  // A threshold in the plan (when the engine gives one) wins over params.
  const planned = { ...plan, series: [{ ...plan.series[0], threshold: { op: '>=', value: 1 } }] };
  const fromPlan = generateScenario(planned, { noise: 0, incidents: [], thresholds: { series: { op: '<', value: 0.1 } } })[0];
  assert.ok(fromPlan.values.every((v) => v === 1.5));
});

test('roles come from the plan path; a step parameter overrides the plan step', () => {
  assert.deepEqual(seriesRole('spec.slos[3].sli.ratio.good'), { role: 'good', slo: 'spec.slos[3]' });
  assert.deepEqual(seriesRole('spec.defaults.sli.threshold.series'), { role: 'gauge', slo: 'spec.defaults' });
  assert.deepEqual(seriesRole('spec.slos[0].something'), { role: 'other', slo: 'spec.slos[0].something' });
  const data = generateScenario(planOf({ total: 'rate' }), { step: '5m' });
  assert.equal(data[0].times.length, 13);
  assert.equal(data[0].stepMs, 300_000);
  assert.equal(data[0].times.at(-1), AT);
});

test('invalid parameters and oversized scenarios throw a ScenarioError naming the parameter', () => {
  const plan = planOf({ total: 'rate' });
  const error = (fn) => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof ScenarioError, String(e));
      return e;
    }
    assert.fail('expected a ScenarioError');
  };
  assert.match(error(() => generateScenario(plan, { incidents: [{ length: '5 minutes' }] })).message, /^incidents\[0\]\.length: "5 minutes" is not a duration/);
  assert.match(error(() => generateScenario(plan, { errorRatio: 2 })).message, /^errorRatio: 2 is outside 0…1/);
  assert.match(error(() => generateScenario(planOf({ total: 'rate' }, { range: 60 * DAY }), { step: '1s' })).message, /^step: 5,184,001 samples in all, at most 4,000,000/);
  assert.match(error(() => generateScenario({ series: 1 }, {})).message, /^plan: expected a DataPlan/);
  const zeroStep = { ...plan, series: [{ ...plan.series[0], stepMs: 0 }] };
  assert.match(error(() => generateScenario(zeroStep, {})).message, /^plan\.series\[0\] \(total\): start, end and stepMs must be whole/);
});

test('a gap in good only is unknown time to the engine, not failures: coverage drops, the SLI stays', () => {
  const engine = engineOf(POLICY);
  const data = generateScenario(planOf({ good: 'rate', total: 'rate' }), { ...FLAT, gaps: [{ start: '-30m', length: '10m', series: 'good' }] });
  const slo = engine.evaluate(AT, data).slos[0];
  // The interval after the gap only reopens the series: 11 of 60 minutes unknown.
  assert.ok(Math.abs(slo.coverage - 49 / 60) < 1e-12, `coverage ${slo.coverage}`);
  assert.ok(Math.abs(slo.sli - 0.99) < 1e-12, `sli ${slo.sli}`);
  assert.ok(Math.abs(slo.budget.consumed - 49 * 6) < 1e-9, `consumed ${slo.budget.consumed}`);
  engine.free();
});

test('notes: gauges without a threshold, series the plan lacks, windows outside the data', () => {
  const plan = planOf({ good: 'rate', total: 'rate' });
  plan.series.push(planOf({ series: 'gauge' }, { slo: 1 }).series[0]);
  assert.deepEqual(scenarioNotes(plan, {
    incidents: [{ start: '-30m', length: '10m', series: 'p99' }, { start: '-3h', length: '1h' }, { start: '-10m', length: '1h' }],
    gaps: [{ start: '2030-01-01T00:00:00Z', length: '1h', series: 'total' }],
    thresholds: {},
  }), [
    'series: no threshold known, so its samples are missing; give its op and value to generate it',
    'incidents[0]: the policy names no series "p99"',
    'incidents[1]: outside the data (-3h)',
    'gaps[0]: outside the data (2030-01-01T00:00:00Z)',
  ]);
  assert.deepEqual(scenarioNotes(plan, { incidents: [], thresholds: { series: { op: '<', value: 1 } } }), []);
});
