// How long generateScenario takes: a 30-day × 1-minute plan of four series
// (a rate good/total pair and a counter good/total pair: 172,800 samples),
// then the same with three groups, and every example policy's own plan.
// Prints the median and the fastest of repeated runs (after warm-up).
//
//   node www/playground/bench/scenario.mjs

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine, initSync } from '@slogate/engine';
import { DEFAULT_SCENARIO, generateScenario } from '../src/scenario.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const AT = Date.UTC(2026, 1, 28);
const DAY = 86_400_000;

function plan(labels = []) {
  const range = { start: AT - 30 * DAY, end: AT, stepMs: 60_000, query: null, labels };
  return {
    at: AT,
    series: [
      { ...range, name: 'good', kind: 'rate', path: 'spec.slos[0].sli.ratio.good' },
      { ...range, name: 'total', kind: 'rate', path: 'spec.slos[0].sli.ratio.total' },
      { ...range, name: 'jobs_ok', kind: 'counter', path: 'spec.slos[1].sli.ratio.good' },
      { ...range, name: 'jobs', kind: 'counter', path: 'spec.slos[1].sli.ratio.total' },
    ],
  };
}

function time(label, p, params = DEFAULT_SCENARIO, runs = 30) {
  for (let i = 0; i < 5; i++) generateScenario(p, params);
  const ms = [];
  let samples = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const data = generateScenario(p, params);
    ms.push(performance.now() - t0);
    samples = data.reduce((n, s) => n + s.times.length, 0);
  }
  ms.sort((a, b) => a - b);
  const median = ms[runs >> 1];
  console.log(
    `${label.padEnd(44)} ${String(samples).padStart(8)} samples  median ${median.toFixed(2).padStart(6)} ms  ` +
      `min ${ms[0].toFixed(2).padStart(6)} ms  ${((median * 1e6) / samples).toFixed(1)} ns/sample`,
  );
}

time('30d x 1m, 4 series (rate + counter pairs)', plan());
time('30d x 1m, 4 series, constant, no noise', plan(), { traffic: { shape: 'constant' }, noise: 0 });
time('30d x 1m, 4 series x 3 groups', plan(['repository']));

initSync(readFileSync(join(root, 'pkg/dist/slogate_engine_bg.wasm')));
const runs = JSON.parse(readFileSync(join(root, 'examples/runs.json'), 'utf8'));
const seen = new Set();
for (const run of runs) {
  if (seen.has(run.policy)) continue;
  seen.add(run.policy);
  const engine = new Engine(readFileSync(join(root, run.policy), 'utf8'));
  time(`${run.example}: its plan at ${run.at}`, engine.plan(Date.parse(run.at)), DEFAULT_SCENARIO, 10);
  engine.free();
}
