// The February example (examples/README.md): 99.9% of 28 days allows
// 40m19.2s of bad time; 28 bad minutes leave 12m19.2s.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  explainAlertPair,
  explainAlertState,
  explainBurnRate,
  explainRemaining,
  explainTimeToExhaustion,
  pairCondition,
  pairWindows,
} from '@slogate/view';
import { eventsSlo, heldSlo, slo } from './fixture.mjs';

test('remaining budget, timeslices: allowed = (1 − O) × P', () => {
  const e = explainRemaining(slo());
  assert.equal(e.value, '12m19.2s');
  assert.equal(
    e.text,
    '12m19.2s left of 40m19.2s (30.6%): 99.9% of the 28d period allows 0.1% of it, 40m19.2s, as bad time; 28m spent',
  );
  assert.deepEqual(e.inputs, [
    { name: 'objective', value: '99.9%' },
    { name: 'period', value: '28d' },
    { name: 'allowed', value: '40m19.2s' },
    { name: 'consumed', value: '28m' },
    { name: 'remaining', value: '12m19.2s' },
    { name: 'remaining share', value: '30.6%' },
  ]);
});

test('remaining budget, events, overspent', () => {
  const e = explainRemaining(eventsSlo());
  assert.equal(e.value, '-65.5 events');
  assert.equal(
    e.text,
    "overspent by 65.5 events (-5.3%): 99.9% allows 0.1% of the window's events to fail, 1234.5 events so far; 1300 events failed",
  );
});

test('remaining budget, no data: why, per unit', () => {
  const s = slo();
  s.budget = { ...s.budget, allowed: null, consumed: null, remaining: null, remainingRatio: null };
  assert.deepEqual(
    [explainRemaining(s).value, explainRemaining(s).text],
    ['no data', 'no data: no timeslice of the window has data yet'],
  );
  s.budget.unit = 'events';
  assert.equal(explainRemaining(s).text, 'no data: the window has no events yet');
});

test('burn rate: the bad share over the window ÷ the allowed share', () => {
  const e = explainBurnRate(slo(), '30m');
  assert.equal(e.value, '166.67');
  // 2,419,200 s ÷ 166.67 = 14,515.2 s = 4h1m55.2s.
  assert.equal(
    e.text,
    'burn rate 166.67 over 30m: errors at 166.67× the rate that would spend exactly the budget over the 28d period ' +
      '(the share of bad time in the last 30m ÷ 0.1%, the share 99.9% allows); at this rate a whole budget lasts 4h1m55.2s',
  );
  // 2,419,200 ÷ 83.33 = 29,030.4 s = 8h3m50.4s.
  assert.match(explainBurnRate(slo(), '1h').text, /lasts 8h3m50\.4s$/);
});

test('burn rate: zero, no data, and a window the report has not', () => {
  const s = slo();
  s.burnRates['5m'] = 0;
  assert.equal(
    explainBurnRate(s, '5m').text,
    'burn rate 0 over 5m: no bad time in the last 5m (the share of bad time in the last 5m ÷ 0.1%, the share 99.9% allows)',
  );
  assert.deepEqual(
    [explainBurnRate(s, '3d').value, explainBurnRate(s, '3d').text],
    ['no data', 'no data: no good or bad timeslice in the last 3d'],
  );
  assert.equal(explainBurnRate(eventsSlo(), '3d').text, 'no data: no events in the last 3d');
  assert.equal(explainBurnRate(s, '4h').text, 'the report has no burn rate over 4h');
  assert.equal(explainBurnRate(s, 'constructor').text, 'the report has no burn rate over constructor');
});

test('time to exhaustion: remaining ÷ burn rate × P, never, spent, no data', () => {
  const e = explainTimeToExhaustion(slo());
  assert.equal(e.value, '2h27m50.4s');
  assert.equal(
    e.text,
    // 0.30556 ÷ 83.33 × 2,419,200 s = 8,870.4 s.
    '2h27m50.4s at the burn rate of the last 1h: 30.6% of the budget left ÷ burn rate 83.33 × the 28d period',
  );
  const never = slo();
  never.timeToExhaustionSeconds = null;
  never.burnRates['1h'] = 0;
  assert.deepEqual(
    [explainTimeToExhaustion(never).value, explainTimeToExhaustion(never).text],
    ['never', 'never: no errors over the last 1h (burn rate 0), so the 30.6% left is not being spent'],
  );
  const noRemaining = slo();
  noRemaining.timeToExhaustionSeconds = null;
  noRemaining.budget.remainingRatio = null;
  assert.deepEqual(
    [explainTimeToExhaustion(noRemaining).value, explainTimeToExhaustion(noRemaining).text],
    ['no data', 'no data: the remaining budget is no data'],
  );
  never.burnRates = { '5m': null, '1h': null };
  assert.deepEqual(
    [explainTimeToExhaustion(never).value, explainTimeToExhaustion(never).text],
    ['no data', 'no data: no burn rate over the last 1h'],
  );
  assert.deepEqual(
    [explainTimeToExhaustion(eventsSlo()).value, explainTimeToExhaustion(eventsSlo()).text],
    ['0s', '0s: the budget is spent (-5.3% left)'],
  );
});

test('an alert pair: f = B × P / long, and both windows now', () => {
  const s = slo();
  const alert = s.alerts[0];
  assert.ok(alert?.pairs[0]);
  const e = explainAlertPair(s, alert, alert.pairs[0]);
  assert.equal(e.value, 'firing');
  assert.equal(
    e.text,
    'page fires when the burn rates over 1h and 5m both exceed ×13.44: 2% of the 28d budget spent in 1h (2% × 28d ÷ 1h); ' +
      'now 83.33 over 1h and 1000.00 over 5m: firing',
  );
});

test('a single-window alert at a fixed factor: one window, the factor as written, the budget it stands for', () => {
  const s = slo();
  const alert = { name: 'single', severity: 'ticket', firing: true, pairs: [] };
  // ×13.44 over 1h of a 28d period spends 13.44 × 1h / 28d = 2% of it.
  const pair = { long: '1h', short: null, budget: 0.02, factor: 13.44, fixedFactor: true, longBurn: 83.33, shortBurn: null, firing: true };
  const e = explainAlertPair(s, alert, pair);
  assert.equal(
    e.text,
    'single fires when the burn rate over 1h exceeds ×13.44: a fixed factor, which spends 2% of this 28d budget in 1h; now 83.33 over 1h: firing',
  );
  assert.deepEqual(e.inputs, [
    { name: 'threshold (fixed)', value: '×13.44' },
    { name: 'period', value: '28d' },
    { name: 'long window', value: '1h' },
    { name: 'burn rate (1h)', value: '83.33' },
  ]);
  assert.equal(pairWindows(pair), '1h');
  assert.equal(pairCondition(pair), '1h 83.33 > ×13.44');
  const two = { ...pair, short: '5m', shortBurn: 1000, fixedFactor: false };
  assert.equal(pairWindows(two), '1h/5m');
  assert.equal(pairCondition(two), '1h 83.33 & 5m 1000.00 > ×13.44');
});

test('an alert with a hold time: pending with how long it has held, since when', () => {
  const s = heldSlo();
  const ticket = s.alerts[1];
  const e = explainAlertState(s, ticket, { timeZone: 'UTC' });
  // Evaluated at 14:05, pending since 13:55: 10 of the 15 minutes.
  assert.equal(e.value, 'pending 10m/15m');
  assert.equal(
    e.text,
    'ticket fires once any of its pairs fires and has at every step of the data for 15m: its condition has held since Fri 13:55, 10m of 15m; pending until it has held 15m, and one step without it starts over',
  );
  assert.deepEqual(e.inputs, [
    { name: 'for', value: '15m' },
    { name: 'condition holds since', value: 'Fri 13:55' },
    { name: 'held', value: '10m' },
  ]);
  // Its pair's condition holds: "above", not "firing".
  const pair = explainAlertPair(s, ticket, ticket.pairs[0]);
  assert.equal(pair.value, 'above');
  assert.match(pair.text, /^ticket fires when the burn rate over 1d exceeds ×2\.8 \(and once that has held for 15m\): /);
  // Held long enough, or not holding at all.
  assert.equal(explainAlertState(s, { ...ticket, state: 'firing', firing: true, pendingSince: null }).value, 'firing');
  const off = explainAlertState(s, { ...ticket, state: 'inactive', pendingSince: null });
  assert.equal(off.value, 'not firing');
  assert.match(off.text, /no pair fires now: not firing$/);
  // Without `for`: firing as its pairs.
  assert.deepEqual(explainAlertState(s, s.alerts[0]), {
    value: 'firing',
    text: 'page fires as soon as any of its pairs fires: firing',
    inputs: [],
  });
});
