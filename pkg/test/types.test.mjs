// The declared types against real values: the report of every run of every
// example, their data plans and each kind of error, checked against
// index.d.ts and report.d.ts as the TypeScript compiler reads them
// (types/shape.mjs). A key the JSON gains and the types lack, a renamed or
// missing field, a value of another type: each fails here. The same values
// feed the compile-time check (`npm run typecheck`: types/generate.mjs, then
// `tsc` on types/typed.mts).

import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { shapes } from './types/shape.mjs';
import { realValues } from './types/values.mjs';
import { SlogateError } from '@slogate/engine';
import { PrometheusError, fetchPlannedSeries } from '@slogate/engine/prometheus';
import { load, root } from './helpers.mjs';

describe('index.d.ts and report.d.ts describe the real values', () => {
  let declared;
  let values;
  before(() => {
    load();
    declared = shapes();
    values = realValues();
  });

  test('every example in examples/ has a run', () => {
    // Example policies (examples/NAME/policy.*), not examples/import's documents of other formats.
    const examples = readdirSync(join(root, 'examples')).filter(
      (name) =>
        statSync(join(root, 'examples', name)).isDirectory() &&
        readdirSync(join(root, 'examples', name)).some((f) => /^policy\.(yaml|json)$/.test(f)),
    );
    assert.deepEqual([...new Set(values.runs.map((r) => r.example))].sort(), examples.sort());
  });

  test('reports of every run are Reports', () => {
    for (const { title, report } of values.runs) assert.deepEqual(declared.problems(report, 'Report'), [], title);
  });

  test('their plans are DataPlans', () => {
    for (const { title, plan } of values.runs) assert.deepEqual(declared.problems(plan, 'DataPlan'), [], title);
  });

  test('errors of each kind are SlogateErrors', () => {
    assert.deepEqual(
      values.errors.map((e) => e.kind),
      ['bad-policy', 'missing-series', 'bad-series', 'bad-instant', 'too-much-data', 'bad-argument', 'freed'],
    );
    for (const e of values.errors) assert.deepEqual(declared.problems(e, 'SlogateError'), [], e.message);
  });

  test('errors of the data readers are DataErrors', () => {
    const data = shapes(join(root, 'pkg/data.d.ts'));
    assert.deepEqual(values.dataErrors.map((e) => e.kind), ['bad-data', 'bad-data', 'bad-data', 'bad-argument']);
    for (const e of values.dataErrors) {
      assert.ok(e instanceof SlogateError, e.message);
      assert.deepEqual(data.problems(e, 'DataError'), [], e.message);
    }
  });

  test('errors of fetchPlannedSeries are PrometheusErrors', async () => {
    const prometheus = shapes(join(root, 'pkg/prometheus.d.ts'));
    const at = 1_773_144_000_000;
    const plan = { at, series: [{ name: 'good', query: null, kind: 'rate', path: 'spec.slos[0].sli.ratio.good', labels: [], start: at - 3_600_000, end: at, stepMs: 60_000 }] };
    const refusals = [
      await fetchPlannedSeries(plan, { url: 'http://127.0.0.1:1' }).catch((e) => e),
      await fetchPlannedSeries({ at, series: [{ ...plan.series[0], query: 'up' }] }, { url: 'http://127.0.0.1:1' }).catch((e) => e),
    ];
    assert.deepEqual(refusals.map((e) => e.kind), ['no-query', 'unreachable']);
    for (const e of refusals) {
      assert.ok(e instanceof PrometheusError, String(e));
      assert.deepEqual(prometheus.problems(e, 'PrometheusError'), [], e.message);
    }
  });

  test('the checker finds an undeclared key, a missing field and a wrong type', () => {
    const report = structuredClone(values.runs[0].report);
    report.slos[0].budget.extra = 1;
    delete report.slos[0].burndown.remainingRatio;
    report.slos[0].timeline[0].level = 3;
    report.slos[0].warnings.push({ kind: 'no-such-kind', message: '' });
    assert.deepEqual(declared.problems(report, 'Report'), [
      'Report.slos[0].budget.extra: not declared',
      'Report.slos[0].burndown.remainingRatio: missing (declared (number | null)[])',
      'Report.slos[0].timeline[0].level: 3 is not string',
      `Report.slos[0].warnings[${report.slos[0].warnings.length - 1}].kind: "no-such-kind" is not "low-coverage" | "window-before-data" | "window-without-data" | "window-shorter-than-slice" | "negative-events"`,
    ]);
  });
});
