import assert from 'node:assert/strict';
import { test } from 'node:test';
import { budgetStatus, burnRateRows, reportAttention, reportSummary, sliStatus, verdictActions } from '@slogate/view';
import { LEVELS, report, slo } from './fixture.mjs';

test('the summary names the worst level and counts instances per level, most severe first', () => {
  const r = report();
  const healthy = slo();
  healthy.level = 'healthy';
  r.slos.push(healthy, { ...healthy, name: 'other' });
  const s = reportSummary(r);
  assert.equal(s.level, 'critical');
  assert.equal(s.rank, 2);
  assert.equal(s.severity, 'critical');
  assert.equal(s.total, 3);
  assert.deepEqual(s.counts, [
    { level: 'critical', rank: 2, severity: 'critical', count: 1 },
    { level: 'healthy', rank: 0, severity: 'ok', count: 2 },
  ]);
  assert.equal(s.text, 'critical: 1 of 3 SLOs at critical, 2 at healthy');
  assert.equal(s.detail, '1 of 3 SLOs at critical, 2 at healthy');
});

test('the summary of one level, and of no instances', () => {
  const r = report();
  assert.equal(reportSummary(r).text, 'critical: all 1 SLO at critical');
  r.slos = [];
  r.level = 'healthy';
  assert.equal(reportSummary(r).text, 'healthy: the policy has no SLO instances');
  assert.deepEqual(reportSummary(r).counts, []);
});

test('the summary shows a level name with controls as escapes', () => {
  const r = report();
  r.levels = ['ok', 'bad\u202e'];
  r.level = 'bad\u202e';
  const s = slo();
  s.level = 'bad\u202e';
  r.slos = [s];
  assert.equal(reportSummary(r).level, 'bad\\u{202e}');
  assert.equal(reportSummary(r).severity, 'critical');
});

test('SLI against objective', () => {
  assert.deepEqual(sliStatus(slo()), { sli: '99.9007%', objective: '99.9%', met: true, text: '99.9007% ≥ 99.9% objective' });
  const low = slo();
  low.sli = 0.985;
  assert.equal(sliStatus(low).met, false);
  assert.equal(sliStatus(low).text, '98.5% < 99.9% objective');
  low.sli = null;
  assert.deepEqual(sliStatus(low), { sli: 'no data', objective: '99.9%', met: null, text: 'no data (objective 99.9%)' });
});

test('burn rates carry the thresholds of the alert pairs that read their window', () => {
  const rows = burnRateRows(slo());
  assert.deepEqual(rows.map((r) => [r.window, r.value, r.forecast, r.thresholds.length]), [
    ['5m', '1000.00', false, 1],
    ['30m', '166.67', false, 0],
    ['1h', '83.33', true, 1],
    ['3d', 'no data', false, 0],
  ]);
  assert.deepEqual(rows[2]?.thresholds, [
    {
      alert: 'page',
      severity: 'page',
      alertIndex: 0,
      pairIndex: 0,
      role: 'long',
      factor: 13.44,
      text: '×13.44',
      exceeded: true,
      firing: true,
      title: 'page (page) pair long window: fires when both windows exceed ×13.44',
    },
  ]);
  assert.equal(rows[0]?.thresholds[0]?.role, 'short');
  // A single-window alert's threshold says so; no short window reads it.
  const s = slo();
  s.alerts[0].pairs[0] = { ...s.alerts[0].pairs[0], short: null, shortBurn: null };
  const single = burnRateRows(s);
  assert.equal(single[0]?.thresholds.length, 0);
  assert.equal(single[2]?.thresholds[0]?.title, 'page (page) single window: fires when it exceeds ×13.44');
});

test('a threshold over a window without data is not exceeded', () => {
  const s = slo();
  s.burnRates['1h'] = null;
  const row = burnRateRows(s).find((r) => r.key === '1h');
  assert.equal(row?.thresholds[0]?.exceeded, false);
  s.burnRates['1h'] = 13.44;
  assert.equal(burnRateRows(s).find((r) => r.key === '1h')?.thresholds[0]?.exceeded, false, 'equal is not above');
});

test('budgetStatus: left, overspent, no data, in the report\'s unit', () => {
  const withBudget = (budget) => ({ budget: { unit: 'seconds', allowed: 2419.2, ...budget } });
  assert.deepEqual(budgetStatus(withBudget({ remaining: 739.2, remainingRatio: 0.30555 })), {
    overspent: false,
    label: 'budget left',
    amount: '12m19.2s',
    of: ' of 40m19.2s',
    text: '30.6% left: 12m19.2s of 40m19.2s',
  });
  assert.deepEqual(budgetStatus(withBudget({ remaining: -300, remainingRatio: -0.124 })), {
    overspent: true,
    label: 'overspent',
    amount: '5m',
    of: ' of 40m19.2s',
    text: 'overspent by 5m (-12.4%) of 40m19.2s',
  });
  assert.equal(budgetStatus(withBudget({ remaining: null, remainingRatio: null })).text, 'no data');
  assert.equal(budgetStatus({ budget: { unit: 'events', allowed: 100, remaining: 25.5, remainingRatio: 0.255 } }).text, '25.5% left: 25.5 events of 100 events');
});

test('reportAttention: instances not at the lowest level, most severe first; verdictActions: what to do now', () => {
  const levels = ['healthy', 'warning', 'freeze'];
  const instance = (name, level, reasons = []) => ({ name, group: [], level, reasons });
  const r = {
    level: 'freeze',
    levels,
    slos: [
      instance('a', 'warning', [{ level: 'warning', when: 'remaining < 50%', value: 0.4, action: 'Prioritise reliability' }]),
      instance('b', 'healthy'),
      instance('c', 'freeze', [
        { level: 'warning', when: 'remaining < 50%', value: 0.05, action: 'Prioritise reliability' },
        { level: 'freeze', when: 'remaining < 10%', value: 0.05, action: 'Feature freeze' },
      ]),
      instance('d', 'freeze', [{ level: 'freeze', when: 'burn_rate(1h) > 14.4', value: 20, action: 'Feature freeze' }]),
      instance('e', 'freeze', [{ level: 'freeze', when: 'coverage < 90%', value: 0.5, action: null }]),
    ],
  };
  assert.deepEqual(reportAttention(r).map((x) => [x.index, x.title, x.level, x.severity]), [
    [2, 'c', 'freeze', 'critical'],
    [3, 'd', 'freeze', 'critical'],
    [4, 'e', 'freeze', 'critical'],
    [0, 'a', 'warning', 'warn'],
  ]);
  assert.deepEqual(verdictActions(r), ['Feature freeze']);
  assert.deepEqual(verdictActions({ ...r, level: 'warning', slos: r.slos.slice(0, 2) }), ['Prioritise reliability']);
});
