// Real values of the API for the type checks: the report and the data plan
// of every run of examples/runs.json, one SlogateError of each kind a caller
// can cause cheaply, and DataErrors of the data readers. The module must be loaded first.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine, MAX_SAMPLES } from '@slogate/engine';
import { parseCsv, parseData, parseQueryRange } from '@slogate/engine/data';
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
  // The data readers' errors: a place by line and column, one in the JSON
  // structure, a size limit without a place, a bad argument.
  const dataErrors = [
    captured(() => parseCsv('1,1\n2,abc\n', 'good', { source: 'good.csv' })),
    captured(() => parseQueryRange('{"status":"success","data":{"resultType":"vector","result":[]}}', 'good', { source: 'good.json' })),
    captured(() => parseData('1,1\n2,2\n', 'good', { source: 'good.csv', maxSamples: 1 })),
    captured(() => parseData(42, 'good')),
  ];
  return { runs, errors, dataErrors };
}
