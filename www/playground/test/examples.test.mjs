// Every example policy of examples/, at every instant runs.json evaluates it
// at, through the real WebAssembly engine: the generator serves any policy's
// plan, its baseline is healthy, and an incident drives the level to the worst.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateScenario, scenarioNotes, seriesRole } from '../src/scenario.js';
import { engineOf, examples } from './helpers.mjs';

const BIG = { start: '-6h', length: '6h', errorRatio: 1, gaugeFactor: 10 };

for (const ex of examples()) {
  test(`${ex.example}: a scenario for every planned series, evaluated without error`, () => {
    const engine = engineOf(ex.text);
    for (const at of ex.ats) {
      const plan = engine.plan(at);
      const data = generateScenario(plan, {});
      for (const s of plan.series) {
        const mine = data.filter((d) => d.name === s.name);
        assert.equal(mine.length, s.labels.length ? 3 : 1, `${s.name}: one series per group`);
        for (const d of mine) {
          assert.equal(d.kind, s.kind);
          assert.equal(d.times[0] >= s.start && d.times.at(-1) === s.end, true, `${s.name}: within the plan's range, ending at it`);
          const gaugeWithoutThreshold = seriesRole(s.path).role === 'gauge';
          assert.ok(gaugeWithoutThreshold ? d.values.every(Number.isNaN) : d.values.every(Number.isFinite), `${s.name}: values`);
        }
      }
      const report = engine.evaluate(at, data);
      assert.ok(engine.levels.includes(report.level));
      assert.equal(report.slos.length > 0, true);
      // With no incident the baseline (0.01% failing) is the healthiest level.
      assert.equal(engine.evaluate(at, generateScenario(plan, { incidents: [] })).level, engine.levels[0], `${new Date(at).toISOString()}: baseline`);
    }
    engine.free();
  });
}

test('six hours of total failure reach the worst level of mtos, agentaskit and ai-slot-build', () => {
  for (const ex of examples().filter((e) => ['mtos', 'agentaskit', 'ai-slot-build'].includes(e.example))) {
    const engine = engineOf(ex.text);
    for (const at of ex.ats) {
      const report = engine.evaluate(at, generateScenario(engine.plan(at), { incidents: [BIG] }));
      assert.equal(report.level, engine.levels.at(-1), `${ex.example} at ${new Date(at).toISOString()}`);
    }
    engine.free();
  }
});

test('orchestra\'s uptime probe, given its threshold, breaches in a six-hour outage and stays healthy without it', () => {
  const ex = examples().find((e) => e.example === 'orchestra');
  const engine = engineOf(ex.text);
  const at = ex.ats[0];
  const plan = engine.plan(at);
  assert.match(scenarioNotes(plan, {}).join('\n'), /^uptime: no threshold known/m);
  const thresholds = { uptime: { op: '>=', value: 1 } };
  assert.doesNotMatch(scenarioNotes(plan, { thresholds }).join('\n'), /^uptime:/m);
  const calm = engine.evaluate(at, generateScenario(plan, { thresholds, incidents: [] }));
  assert.equal(calm.slos.find((s) => s.name === 'uptime').budget.remainingRatio, 1);
  const outage = engine.evaluate(at, generateScenario(plan, { thresholds, incidents: [{ ...BIG, series: 'uptime' }] }));
  const uptime = outage.slos.find((s) => s.name === 'uptime');
  // 6 h of 5-minute slices down against 0.5% of March's 743 h (222.9 min).
  assert.ok(Math.abs(uptime.budget.consumed - 6 * 3600) < 1e-6, `consumed ${uptime.budget.consumed}`);
  assert.equal(outage.level, 'breach');
  // Aimed at the uptime series, the incident leaves the ratio SLOs alone.
  assert.equal(outage.slos.find((s) => s.name === 'cache-hit-rate').level, 'healthy');
  engine.free();
});
