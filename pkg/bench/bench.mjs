// The benchmark of @slogate/engine in Node, through the public API:
// the 30-day, 1-minute, good/total case (43,200 samples each), typed-array
// copies and the report object included.
//
//   node pkg/bench/bench.mjs        (or: npm run bench -w @slogate/engine)
//
// Prints microseconds per evaluation (median of batches), samples per second, the ratio to the
// floor (copying the same bytes into WebAssembly memory and back out as the
// report's size, i.e. what any API over this boundary must pay), and cold
// start (compile + instantiate the module).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine, initSync } from '@slogate/engine';

const here = dirname(fileURLToPath(import.meta.url));
const bytes = readFileSync(join(here, '../dist/slogate_engine_bg.wasm'));

const POLICY = `
apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: bench}
spec:
  slos:
    - name: availability
      objective: 99.9%
      window: {rolling: 30d}
      sli: {ratio: {good: good, total: total}}
  policy:
    levels: [healthy, warning, freeze]
    rules:
      - {level: warning, when: "remaining < 50%"}
      - {level: freeze, when: "remaining < 10% or burn_rate(1h) > 14.4"}
`;

const N = 30 * 24 * 60;
const MINUTE = 60_000;
const at = Date.UTC(2026, 1, 28, 23, 59);
const times = Float64Array.from({ length: N }, (_, i) => at - (N - 1 - i) * MINUTE);
const total = Float64Array.from({ length: N }, (_, i) => 100 + 20 * Math.sin(i / 720));
const good = total.map((v, i) => (i % 5000 < 30 ? v * 0.9 : v * 0.99995));
const series = [
  { name: 'total', times, values: total },
  { name: 'good', times, values: good },
];

// Microseconds per call: the median of 15 batches (a shared VM's stolen
// time lands in a few batches, where it would skew one long mean), with the
// fastest and slowest batch for the spread.
function time(label, iterations, fn) {
  for (let i = 0; i < Math.min(iterations, 60); i++) fn(); // warm up (and tier up)
  const perBatch = Math.ceil(iterations / 15);
  const batches = [];
  for (let b = 0; b < 15; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) fn();
    batches.push(Number(process.hrtime.bigint() - start) / 1e3 / perBatch);
  }
  batches.sort((a, b) => a - b);
  return { label, us: batches[7], min: batches[0], max: batches[14] };
}

// Cold start: compile + instantiate, the first evaluation excluded.
const coldStart = process.hrtime.bigint();
const module = new WebAssembly.Module(bytes);
initSync(module);
const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
const compileStart = process.hrtime.bigint();
new WebAssembly.Module(bytes);
const compileMs = Number(process.hrtime.bigint() - compileStart) / 1e6;

const engine = new Engine(POLICY);
const first = engine.evaluate(at, series);
const iterations = 300;
const evaluation = time('evaluate (public API, report object)', iterations, () => engine.evaluate(at, series));
// The level timeline's cost: the full report against the burn-down alone,
// timed alternately in rounds so that a drift of the machine hits both.
const withTimeline = [];
const withoutTimeline = [];
// And the burn rates over time (`{burnRates: true}`, what the playground's
// chart draws): every reported window at every burn-down point.
const withBurnRates = [];
for (let round = 0; round < 10; round++) {
  withTimeline.push(time('', 40, () => engine.evaluate(at, series)).us);
  withoutTimeline.push(time('', 40, () => engine.evaluate(at, series, { timeline: false })).us);
  withBurnRates.push(time('', 40, () => engine.evaluate(at, series, { burnRates: true })).us);
}
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];

// The floor: the same 4 × 43,200 doubles copied into WebAssembly memory.
const memory = new WebAssembly.Memory({ initial: Math.ceil((4 * N * 8) / 65536) + 1 });
const floor = time('copy the same bytes into WebAssembly memory', iterations, () => {
  const view = new Float64Array(memory.buffer);
  view.set(times, 0);
  view.set(times, N);
  view.set(total, 2 * N);
  view.set(good, 3 * N);
});

const samples = 2 * N;
console.log(`@slogate/engine benchmark (Node ${process.version}, ${N} samples per series, 2 series)`);
console.log(`  report: level ${first.level}, remaining ${first.slos[0].budget.remainingRatio}`);
console.log(`  evaluate:   ${evaluation.us.toFixed(0)} µs per evaluation (median of 15 batches; ${evaluation.min.toFixed(0)}–${evaluation.max.toFixed(0)}), ${((samples / evaluation.us) * 1e6 / 1e6).toFixed(1)} M samples/s`);
console.log(`  timeline:   ${median(withTimeline).toFixed(0)} µs with, ${median(withoutTimeline).toFixed(0)} µs with the burn-down alone (medians of 10 alternated rounds): +${((median(withTimeline) / median(withoutTimeline) - 1) * 100).toFixed(0)}%`);
console.log(`  burn rates: ${median(withBurnRates).toFixed(0)} µs with the burn rates over time (${Object.keys(first.slos[0].burnRates).length} windows × ${first.slos[0].burndown.t.length} points): +${((median(withBurnRates) / median(withTimeline) - 1) * 100).toFixed(0)}% on the full report`);
console.log(`  floor:      ${floor.us.toFixed(1)} µs (copying the columns into WebAssembly memory); evaluate = ${(evaluation.us / floor.us).toFixed(0)}× the floor`);
console.log(`  cold start: ${coldMs.toFixed(1)} ms (compile + instantiate; compile alone ${compileMs.toFixed(1)} ms)`);
const ok = evaluation.us <= 1000 && coldMs <= 30;
console.log(`  targets:    ≤ 1000 µs per evaluation, ≤ 30 ms cold start: ${ok ? 'met' : 'NOT met'}`);
engine.free();
