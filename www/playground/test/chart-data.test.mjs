import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from '@slogate/engine';
import {
  alertWindows,
  burnRateData,
  burndownData,
  chartShape,
  pickSlo,
  sloKey,
  thresholdLines,
  timelineData,
} from '../src/chart-data.js';
import { AT, POLICY, loadEngine, series } from './chart-fixture.mjs';

loadEngine();

function evaluate(policy = POLICY, data = series(), options = { burnRates: true }) {
  const engine = new Engine(policy);
  try {
    return engine.evaluate(AT, data, options);
  } finally {
    engine.free();
  }
}

const noNaN = (column) => column.every((v) => v === null || Number.isFinite(v));

test('the burn-down: remaining in percent at every point, the window, and the level segments', () => {
  const report = evaluate();
  const slo = report.slos[0];
  const chart = burndownData(slo, report.levels);
  const [t, remaining] = chart.data;
  assert.equal(t, slo.burndown.t);
  assert.equal(remaining.length, t.length);
  assert.ok(t.length > 100);
  assert.ok(noNaN(remaining));
  slo.burndown.remainingRatio.forEach((r, i) => assert.equal(remaining[i], r === null ? null : r * 100));
  // 900 of 6,048 allowed bad requests spent: 85.1% left.
  assert.ok(Math.abs(remaining.at(-1) - (1 - 900 / 6048) * 100) < 1e-9);
  assert.equal(remaining.at(-1), slo.budget.remainingRatio * 100);
  assert.deepEqual(chart.window, { start: Date.parse(slo.window.start), end: Date.parse(slo.window.end) });
  assert.deepEqual(
    chart.segments.map((s) => s.level),
    slo.timeline.map((s) => s.level),
  );
  assert.equal(chart.segments[0].from, chart.window.start);
  assert.equal(chart.segments.at(-1).to, chart.window.end);
});

test('no NaN reaches a chart: NaN, ±Infinity and null become gaps', () => {
  const slo = evaluate().slos[0];
  const n = slo.burndown.t.length;
  slo.burndown.remainingRatio = slo.burndown.t.map((_, i) => [NaN, Infinity, -Infinity, null, 0.5][i % 5]);
  slo.burndown.burnRates = { '5m': slo.burndown.t.map((_, i) => [NaN, 2, null, -Infinity][i % 4]) };
  const [, remaining] = burndownData(slo, ['healthy', 'warning', 'freeze']).data;
  assert.deepEqual(remaining.slice(0, 5), [null, null, null, null, 50]);
  const burn = burnRateData(slo);
  for (const column of burn.data.slice(1)) {
    assert.equal(column.length, n);
    assert.ok(noNaN(column));
  }
});

test('burn rate over time: one column per alert window, shortest first, as the report gives them, then one per threshold', () => {
  const report = evaluate(POLICY, series({ incidentMinutes: 30, endsBeforeAt: 0 }));
  const slo = report.slos[0];
  // The default catalog: page 1h/5m and 6h/30m, ticket 1d/2h and 3d/6h.
  assert.deepEqual(alertWindows(slo), ['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
  const chart = burnRateData(slo);
  assert.equal(chart.available, true);
  assert.deepEqual(chart.windows, ['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
  const thresholds = thresholdLines(slo);
  assert.equal(chart.data.length, 1 + 7 + thresholds.length);
  assert.equal(chart.data[0], slo.burndown.t);
  chart.windows.forEach((w, k) => {
    assert.deepEqual(chart.data[1 + k], slo.burndown.burnRates[w], w);
    // The last point is the evaluation instant: the report's own burn rate.
    assert.equal(chart.data[1 + k].at(-1), slo.burnRates[w], w);
  });
  // The incident (5% errors, 99.9%: burn 50) is in the last 30 minutes.
  assert.ok(Math.abs(chart.data[1].at(-1) - 50) < 1e-6, `5m burn ${chart.data[1].at(-1)}`);
  thresholds.forEach((line, j) => assert.ok(chart.data[8 + j].every((v) => v === line.factor)));

  // Alerts reading fewer windows: only theirs.
  slo.alerts = slo.alerts.slice(0, 1);
  assert.deepEqual(alertWindows(slo), ['5m', '30m', '1h', '6h']);
  assert.deepEqual(burnRateData(slo).windows, ['5m', '30m', '1h', '6h']);
});

test('without burn rates over time the chart says so and draws only the thresholds', () => {
  const slo = evaluate(POLICY, series(), {}).slos[0];
  assert.deepEqual(slo.burndown.burnRates, {});
  const chart = burnRateData(slo);
  assert.equal(chart.available, false);
  for (const column of chart.data.slice(1, 1 + chart.windows.length)) assert.ok(column.every((v) => v === null));
});

test('threshold lines: one per factor, labelled with every pair that uses it, highest first', () => {
  const slo = evaluate().slos[0];
  const lines = thresholdLines(slo);
  // Rolling 7d: f = B × P / long; page 1h/5m 2% → 3.36, 6h/30m 5% → 1.4; ticket 1d/2h 10% → 0.7, 3d/6h 10% → 0.2333.
  const factors = slo.alerts.flatMap((a) => a.pairs.map((p) => p.factor));
  assert.deepEqual(lines.map((l) => l.factor), [...new Set(factors)].sort((a, b) => b - a));
  assert.deepEqual(lines.map((l) => l.label), ['×3.36 (page 1h/5m)', '×1.4 (page 6h/30m)', '×0.7 (ticket 1d/2h)', '×0.23 (ticket 3d/6h)']);
  slo.alerts[1].pairs[0].factor = slo.alerts[0].pairs[0].factor;
  slo.alerts[0].name = '<img src=x onerror=alert(1)>\u202e';
  const merged = thresholdLines(slo);
  assert.equal(merged.length, lines.length - 1);
  assert.equal(merged[0].label, '×3.36 (<img src=x onerror=alert(1)>\\u{202e} 1h/5m, ticket 1d/2h)');
});

test('the level and alert timeline: the level row tiles the window, one row per alert', () => {
  const report = evaluate(POLICY, series({ incidentMinutes: 30, endsBeforeAt: 0 }));
  const slo = report.slos[0];
  assert.equal(slo.level, 'freeze');
  const { rows, window } = timelineData(slo, report.levels);
  assert.deepEqual(rows.map((r) => r.label), ['level', 'page', 'ticket']);
  const level = rows[0].runs;
  assert.equal(level[0].from, window.start);
  assert.equal(level.at(-1).to, window.end);
  for (let i = 1; i < level.length; i += 1) assert.equal(level[i].from, level[i - 1].to);
  assert.equal(level.at(-1).severity, 'critical');
  assert.equal(level.at(-1).text, 'freeze');
  const page = rows[1].runs;
  assert.ok(page.length >= 1);
  assert.equal(page.at(-1).to, window.end);
  assert.ok(page.every((r) => r.severity === 'critical' && r.text === 'page firing'));
});

test('a held alert: its pending runs share its row, in the warning colour, before it fires', () => {
  const policy = POLICY.replace('sli: {ratio', 'alerting: [{name: page, for: 20m, windows: [{long: 1h, short: 5m, budget: 2%}]}]\n      sli: {ratio');
  const report = evaluate(policy, series({ incidentMinutes: 30, endsBeforeAt: 0 }));
  const slo = report.slos[0];
  assert.equal(slo.alerts[0].state, 'firing');
  const page = timelineData(slo, report.levels).rows[1].runs;
  const pending = page.filter((r) => r.text === 'page pending');
  const firing = page.filter((r) => r.text === 'page firing');
  assert.ok(pending.length >= 1 && firing.length >= 1, JSON.stringify(page));
  assert.ok(pending.every((r) => r.severity === 'warn') && firing.every((r) => r.severity === 'critical'));
  // In time order: held 20 minutes before it fires.
  for (let i = 1; i < page.length; i += 1) assert.ok(page[i - 1].to <= page[i].from);
  assert.ok(pending[0].to <= firing[0].from);
  assert.ok(firing[0].from - pending[0].from >= 19 * 60_000);
});

test('chartShape changes with the series drawn, not with the numbers', () => {
  const a = evaluate().slos[0];
  const b = evaluate(POLICY, series({ incidentMinutes: 90 })).slos[0];
  assert.equal(chartShape(a), chartShape(b));
  const c = evaluate(POLICY.replace('sli: {ratio', 'alerting: [{name: fast, windows: [{long: 1h, short: 5m, budget: 2%}]}]\n      sli: {ratio')).slos[0];
  assert.notEqual(chartShape(a), chartShape(c));
});

test('pickSlo: the named instance, else the first at the report\'s level, else the first', () => {
  const policy = POLICY.replace(
    '  policy:',
    `    - name: quiet
      objective: 90%
      window: {rolling: 7d}
      sli: {ratio: {good: good, total: total}}
  policy:`,
  );
  const report = evaluate(policy, series({ incidentMinutes: 30, endsBeforeAt: 0 }));
  assert.deepEqual(report.slos.map((s) => s.level), ['freeze', 'healthy']);
  assert.equal(pickSlo(report, null).name, 'api');
  assert.equal(pickSlo(report, 'quiet').name, 'quiet');
  assert.equal(pickSlo(report, 'gone').name, 'api');
  assert.equal(sloKey({ name: 'w', group: { repository: 'a"b' } }), 'w {repository="a\\"b"}');
  assert.equal(pickSlo({ ...report, slos: [] }, null), null);
});
