// Every run of examples/runs.json through the JS API: the expected levels,
// and parity with the native CLI — the same policy and data give the same
// report, byte for byte (`slogate eval --format json` prints
// `JSON.stringify(report, null, 2)` plus a newline; its compact form is what
// the module returns).

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { Engine } from '@slogate/engine';
import { cliEval, load, loadData, root } from './helpers.mjs';

const runsFile = join(root, 'examples/runs.json');
const runs = existsSync(runsFile) ? JSON.parse(readFileSync(runsFile, 'utf8')) : [];

/** `name` or `name{k=v,…}`, as runs.json keys SLO instances. */
function instanceKey(slo) {
  const group = Object.entries(slo.group).map(([k, v]) => `${k}=${v}`);
  return group.length ? `${slo.name}{${group.join(',')}}` : slo.name;
}

describe('examples', () => {
  before(load);

  test('examples/runs.json has runs', () => {
    assert.ok(runs.length > 0, `no runs in ${runsFile}`);
  });

  for (const run of runs) {
    const title = `${run.example} at ${run.at}`;
    test(`${title}: levels as expected, report identical to the CLI's`, () => {
      const engine = new Engine(readFileSync(join(root, run.policy), 'utf8'));
      try {
        const series = Object.entries(run.data).flatMap(([name, path]) => loadData(path, name));
        const at = Date.parse(run.at);
        const json = engine.evaluateJson(at, series);
        const report = JSON.parse(json);

        assert.equal(report.level, run.expect.level, `${title}: level`);
        const levels = Object.fromEntries(report.slos.map((s) => [instanceKey(s), s.level]));
        for (const [key, level] of Object.entries(run.expect.slos ?? {})) {
          assert.equal(levels[key], level, `${title}: SLO ${key}`);
        }

        const cli = cliEval(run.policy, run.at, run.data);
        assert.equal(`${JSON.stringify(report, null, 2)}\n`, cli, `${title}: pretty JSON differs from the CLI's`);
        assert.equal(json, JSON.stringify(JSON.parse(cli)), `${title}: compact JSON differs from the CLI's`);
        // The object path (burn-downs passed as numbers, not JSON) builds
        // the same report, -0 and null included.
        assert.deepStrictEqual(engine.evaluate(at, series), report, `${title}: evaluate() differs from evaluateJson()`);
      } finally {
        engine.free();
      }
    });
  }
});
