// Real values of the API for the type checks: the report and the data plan
// of every run of examples/runs.json, and one SlogateError of each kind a
// caller can cause cheaply. The module must be loaded first.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine, MAX_SAMPLES } from '@slogate/engine';
import { POLICY, captured, hour, loadData, root } from '../helpers.mjs';

export function realValues() {
  const runs = JSON.parse(readFileSync(join(root, 'examples/runs.json'), 'utf8')).map((run) => {
    const engine = new Engine(readFileSync(join(root, run.policy), 'utf8'));
    try {
      const at = Date.parse(run.at);
      const series = Object.entries(run.data).flatMap(([name, path]) => loadData(path, name));
      return { example: run.example, title: `${run.example} at ${run.at}`, report: engine.evaluate(at, series), plan: engine.plan(at) };
    } finally {
      engine.free();
    }
  });
  const engine = new Engine(POLICY);
  const [total, good] = hour();
  const tooLong = new Proxy([], { get: (target, key) => (key === 'length' ? MAX_SAMPLES + 1 : target[key]) });
  const errors = [
    captured(() => new Engine('spec: [')),
    captured(() => engine.evaluate(3_600_000, [total])),
    captured(() => engine.evaluate(3_600_000, [total, { ...good, times: Float64Array.of(NaN, ...good.times.subarray(1)) }])),
    captured(() => engine.evaluate(NaN, [total, good])),
    captured(() => engine.evaluate(3_600_000, [total, { ...good, times: tooLong }])),
    captured(() => new Engine(42)),
  ];
  engine.free();
  errors.push(captured(() => engine.plan(0)));
  return { runs, errors };
}
