import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sameSlo } from '../src/render/card.js';

/** An SLO report with the parts sameSlo reads. */
function slo({ remaining = 0.5, rates = [1, 2], objective = 0.999 } = {}) {
  return {
    name: 'api',
    objective,
    budget: { remainingRatio: remaining },
    burndown: { t: [1, 2], remainingRatio: [0.6, remaining], burnRates: { '1h': rates } },
    timeline: [],
  };
}

test('a card is kept when what it draws is the same, the burn rates over time aside', () => {
  assert.equal(sameSlo(slo(), slo()), true);
  assert.equal(sameSlo(slo(), slo({ rates: [3, 4] })), true, 'burn rates over time are not drawn by a card');
  assert.equal(sameSlo(slo(), slo({ remaining: 0.4 })), false);
  assert.equal(sameSlo(slo(), slo({ objective: 0.99 })), false);
  const same = slo();
  assert.equal(sameSlo(same, same), true);
});
