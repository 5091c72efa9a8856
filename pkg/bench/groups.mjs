// Growth in groupBy instances through the public API: a 30-day SLO grouped
// by `repository`, over 1k, 10k and 100k repositories, each with a small
// good and total series (10 one-minute samples), in no particular order
// (the native twin is `cargo bench --bench eval -- groups`).
//
//   node pkg/bench/groups.mjs [groups…]     (or: npm run bench:groups -w @slogate/engine)
//
// Prints milliseconds per evaluation (the report object included) and
// microseconds per group, which should stay flat as the groups grow (cost
// linear in groups), for the full report (a 500-point burn-down and a level
// timeline per instance) and for an overview (`{burndown: false, timeline:
// false}`: what a host listing thousands of instances asks for).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine, initSync } from '@slogate/engine';

const here = dirname(fileURLToPath(import.meta.url));
initSync(readFileSync(join(here, '../dist/slogate_engine_bg.wasm')));

const POLICY = `
apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: bench-groups}
spec:
  slos:
    - name: availability
      objective: 99.9%
      window: {rolling: 30d}
      groupBy: [repository]
      sli: {ratio: {good: good, total: total}}
  policy:
    levels: [healthy, warning, freeze]
    rules:
      - {level: warning, when: "remaining < 50%"}
      - {level: freeze, when: "remaining < 10% or burn_rate(1h) > 14.4"}
`;

const SAMPLES = 10;
const MINUTE = 60_000;
const at = Date.UTC(2026, 1, 28, 23, 59);

/** `total` then `good` per repository; names a bijective scramble of the index. */
function repositories(groups) {
  const times = Float64Array.from({ length: SAMPLES }, (_, i) => at - (SAMPLES - 1 - i) * MINUTE);
  const name = (g) => `repo-${(Math.imul(g, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0')}`;
  const series = [];
  for (const [role, rate] of [['total', 100], ['good', 99]]) {
    for (let g = 0; g < groups; g++) {
      series.push({ name: role, times, values: new Float64Array(SAMPLES).fill(rate), labels: { repository: name(g), job: 'api' }, stepMs: MINUTE });
    }
  }
  return series;
}

const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(1_000, 10_000, 100_000);

const engine = new Engine(POLICY);
console.log(`@slogate/engine groupBy growth (Node ${process.version}, ${SAMPLES} samples per series, good and total per group)`);
console.log(`${'groups'.padStart(8)} ${'report'.padStart(9)} ${'ms/eval'.padStart(10)} ${'µs/group'.padStart(10)} ${'runs'.padStart(5)}`);
const MODES = [
  ['overview', { burndown: false, timeline: false }],
  ['full', {}],
];
for (const groups of sizes) {
  const series = repositories(groups);
  for (const [mode, options] of MODES) {
    // Small sizes: the best of a few runs after a warm-up; 100k: one run.
    const runs = groups <= 10_000 ? 3 : 1;
    if (groups <= 10_000) engine.evaluate(at, series, options);
    let best = Infinity;
    let instances = 0;
    for (let r = 0; r < runs; r++) {
      const start = process.hrtime.bigint();
      const report = engine.evaluate(at, series, options);
      best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
      instances = report.slos.length;
    }
    if (instances !== groups) throw new Error(`expected ${groups} instances, got ${instances}`);
    console.log(`${String(groups).padStart(8)} ${mode.padStart(9)} ${best.toFixed(0).padStart(10)} ${((best * 1e3) / groups).toFixed(1).padStart(10)} ${String(runs).padStart(5)}`);
  }
}
engine.free();
