// The public API as a user calls it: `import init, {Engine, validate} from '@slogate/engine'`.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import init, { Engine, SlogateError, validate } from '@slogate/engine';
import { __trapForTests } from '../lib/engine.js';
import { compile, requireSimd } from '../lib/load.js';
import { POLICY, captured, hour, load, root } from './helpers.mjs';

const wasmBytes = () => readFileSync(join(root, 'pkg/dist/slogate_engine_bg.wasm'));

describe('loading', () => {
  const isModule = (m) => assert.ok(m instanceof WebAssembly.Module);

  test('compiles a Response whose streaming compilation fails (wrong MIME type)', async () => {
    const response = new Response(wasmBytes(), { headers: { 'Content-Type': 'application/octet-stream' } });
    isModule(await compile(response));
  });

  test('compiles a wrapped fetch result that is not a genuine Response', async () => {
    const bytes = wasmBytes();
    const wrapped = { ok: true, status: 200, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) };
    isModule(await compile(Promise.resolve(wrapped)));
  });

  test('compiles bytes and passes modules through', async () => {
    const module = await compile(wasmBytes());
    isModule(module);
    assert.equal(await compile(module), module);
  });

  test('refuses a failed HTTP response with its status', async () => {
    await assert.rejects(compile(new Response('nope', { status: 404, statusText: 'Not Found' })), /HTTP 404/);
  });

  test('a host without WebAssembly SIMD gets an error that names it', () => {
    // Node always has SIMD: the probe's verdict is what this host says.
    assert.doesNotThrow(() => requireSimd());
    const seen = [];
    const withoutSimd = (bytes) => (seen.push(bytes), false);
    assert.throws(() => requireSimd(withoutSimd), (e) => e instanceof SlogateError && /lacks SIMD.*Safari 16\.4/.test(e.message));
    // The probe is a valid module exactly when SIMD is there.
    assert.equal(WebAssembly.validate(seen[0]), true);
    const corrupted = seen[0].slice();
    corrupted[corrupted.length - 18] = 0xff; // not a SIMD opcode
    assert.equal(WebAssembly.validate(corrupted), false);
  });

  test('init loads once; later calls return the same promise', async () => {
    const first = init(wasmBytes());
    assert.equal(init(), first);
    await first;
  });
});

describe('Engine', () => {
  before(load);

  test('evaluates a policy on typed arrays and returns a plain report', () => {
    const engine = new Engine(POLICY);
    const report = engine.evaluate(3_600_000, hour());
    assert.equal(report.policy, 'demo');
    assert.equal(report.at, '1970-01-01T01:00:00Z');
    assert.equal(report.level, 'freeze');
    const [slo] = report.slos;
    assert.equal(slo.name, 'availability');
    assert.ok(Math.abs(slo.sli - 0.994) < 1e-12);
    assert.ok(Math.abs(slo.budget.remainingRatio - 0.4) < 1e-9);
    assert.equal(slo.budget.unit, 'events');
    assert.ok('5m' in slo.burnRates && '3d' in slo.burnRates);
    engine.free();
  });

  test('exposes the name, levels, SLO names and warnings', () => {
    const engine = new Engine(POLICY);
    assert.equal(engine.name, 'demo');
    assert.deepEqual([...engine.levels], ['healthy', 'freeze']);
    assert.deepEqual([...engine.sloNames], ['availability']);
    assert.deepEqual([...engine.warnings], []);
    engine.free();
  });

  test('evaluates many times with the same engine', () => {
    const engine = new Engine(POLICY);
    for (const rate of [10, 9.99, 9.94, 9.5]) {
      const report = engine.evaluate(3_600_000, hour(rate));
      assert.equal(report.level, rate >= 9.95 ? 'healthy' : 'freeze');
    }
    engine.free();
  });

  test('options leave the burn-down or the timeline out and nothing else', () => {
    const engine = new Engine(POLICY);
    const full = engine.evaluate(3_600_000, hour());
    assert.equal(full.slos[0].burndown.t.length, 500);
    assert.ok(full.slos[0].timeline.length > 0);
    for (const options of [{ burndown: false }, { timeline: false }, { burndown: false, timeline: false }, {}]) {
      const want = structuredClone(full);
      for (const slo of want.slos) {
        if (options.burndown === false) slo.burndown = { t: [], remainingRatio: [], burnRates: {} };
        if (options.timeline === false) slo.timeline = [];
      }
      assert.deepEqual(engine.evaluate(3_600_000, hour(), options), want, JSON.stringify(options));
      assert.equal(engine.evaluateJson(3_600_000, hour(), options), JSON.stringify(want));
    }
    for (const bad of [null, 'none', { burndown: 'no' }, { timelines: false }, { burnRates: 1 }, { burnRates: true, burndown: false }]) {
      assert.throws(() => engine.evaluate(3_600_000, hour(), bad), (e) => e instanceof SlogateError && e.kind === 'bad-argument');
    }
    engine.free();
  });

  test('burnRates: true adds each window\'s burn rate at every burn-down point, and nothing else', () => {
    const engine = new Engine(POLICY);
    const full = engine.evaluate(3_600_000, hour(9.9));
    assert.deepEqual(full.slos[0].burndown.burnRates, {});
    for (const options of [{ burnRates: true }, { burnRates: true, timeline: false }]) {
      const charts = engine.evaluate(3_600_000, hour(9.9), options);
      assert.equal(engine.evaluateJson(3_600_000, hour(9.9), options), JSON.stringify(charts), 'the split and the JSON reports agree');
      const slo = charts.slos[0];
      assert.deepEqual(Object.keys(slo.burndown.burnRates), Object.keys(slo.burnRates));
      for (const [window, rates] of Object.entries(slo.burndown.burnRates)) {
        assert.equal(rates.length, slo.burndown.t.length, window);
        assert.equal(rates.at(-1), slo.burnRates[window], `${window}: the last point is the report's own`);
      }
      // 9.9 of 10 good every minute: 1% bad against a 1% error budget (99%)
      // = burn rate 1 in every window, once the window holds data.
      assert.ok(Math.abs(slo.burndown.burnRates['5m'][250] - 1) < 1e-9, String(slo.burndown.burnRates['5m'][250]));
      const want = structuredClone(full);
      if (options.timeline === false) want.slos[0].timeline = [];
      slo.burndown.burnRates = {};
      assert.deepEqual(charts, want);
    }
    engine.free();
  });

  test('evaluateJson is the compact JSON of evaluate', () => {
    const engine = new Engine(POLICY);
    const text = engine.evaluateJson(3_600_000, hour());
    assert.equal(text, JSON.stringify(engine.evaluate(3_600_000, hour())));
    engine.free();
  });

  test('messy columns are cleaned as the engine documents: sorted, last duplicate kept, non-finite values dropped', () => {
    // The conversion of the times also judges whether a series is already
    // clean (src/epoch.rs); a series that is not must take the engine's
    // cleaning, and give what the cleaned columns give.
    const engine = new Engine(POLICY);
    const [total, good] = hour(9.9);
    const n = total.times.length;
    // Good: reversed, one time twice (the later copy wins), a NaN and an
    // Infinity value (dropped; an hour of 1-minute samples stays known).
    const messyTimes = [...good.times].reverse();
    const messyValues = [...good.values].reverse();
    messyTimes.push(good.times[30]);
    messyValues.push(9.5);
    messyTimes.push(good.times[10]);
    messyValues.push(NaN);
    messyTimes.push(good.times[11]);
    messyValues.push(Infinity);
    const cleanValues = Float64Array.from(good.values);
    cleanValues[30] = 9.5;
    // A NaN or Infinity as the last copy of a time hides the earlier value.
    const keep = [...Array(n).keys()].filter((i) => i !== 10 && i !== 11);
    const cleaned = {
      name: 'good',
      times: Float64Array.from(keep, (i) => good.times[i]),
      values: Float64Array.from(keep, (i) => cleanValues[i]),
    };
    const messy = { name: 'good', times: Float64Array.from(messyTimes), values: Float64Array.from(messyValues) };
    const want = engine.evaluate(3_600_000, [total, cleaned]);
    assert.deepStrictEqual(engine.evaluate(3_600_000, [total, messy]), want);
    // And the clean input really is read differently from a perfect hour.
    assert.notDeepStrictEqual(want.slos[0].sli, engine.evaluate(3_600_000, hour(9.9)).slos[0].sli);
    engine.free();
  });

  test('accepts plain arrays, labels, kinds and steps', () => {
    const engine = new Engine(POLICY);
    const series = hour().map((s) => ({ ...s, times: [...s.times], values: [...s.values], labels: { job: 'api' }, kind: 'rate', stepMs: 60_000 }));
    assert.equal(engine.evaluate(3_600_000, series).level, 'freeze');
    engine.free();
  });

  test('a freed engine throws', () => {
    const engine = new Engine(POLICY);
    engine.free();
    assert.throws(() => engine.evaluate(0, hour()), { name: 'SlogateError', message: 'this engine was freed' });
    engine.free(); // twice is fine
  });
});

describe('errors', () => {
  before(load);

  test('a bad policy is a bad-policy SlogateError with the diagnostics of its parse', () => {
    const text = POLICY.replace('objective: 99%', 'objective: 199%').replace('rolling: 1h', 'rolling: 1hour');
    const e = captured(() => new Engine(text));
    assert.ok(e instanceof SlogateError);
    assert.ok(e instanceof Error);
    assert.equal(e.kind, 'bad-policy');
    assert.equal(
      e.message,
      '<policy>:8:18: error: spec.slos[0].objective: objective must be above 0% and below 100%, found 199%\n' +
        '<policy>:9:25: error: spec.slos[0].window.rolling: "1hour" is not a duration: use a whole number and a unit (ms, s, m, h, d, w), like 5m, 1h30m or 28d',
    );
    assert.deepEqual(
      e.diagnostics.map((d) => [d.line, d.column, d.severity, d.path, d.message]),
      [
        [8, 18, 'error', 'spec.slos[0].objective', 'objective must be above 0% and below 100%, found 199%'],
        [9, 25, 'error', 'spec.slos[0].window.rolling', '"1hour" is not a duration: use a whole number and a unit (ms, s, m, h, d, w), like 5m, 1h30m or 28d'],
      ],
    );
    // They come with the failure from Rust, not from a second parse here.
    assert.equal(typeof e.cause.slogateDetails, 'string');
    assert.deepEqual(e.diagnostics, validate(text));
    assert.deepEqual([e.series, e.path, e.index, e.available], [null, null, null, []]);
  });

  test('validate lists diagnostics with line, column, severity, message, path', () => {
    assert.deepEqual(validate(POLICY), []);
    const diagnostics = validate('apiVersion: slogate/v1\nkind: [');
    assert.ok(diagnostics.length >= 1);
    for (const d of diagnostics) {
      assert.deepEqual(Object.keys(d).sort(), ['column', 'line', 'message', 'path', 'severity']);
      assert.equal(d.severity, 'error');
    }
  });

  test('a missing series is the CLI message, with the series, its policy path and the names the data has', () => {
    const engine = new Engine(POLICY);
    const e = captured(() => engine.evaluate(3_600_000, [...hour().slice(0, 1), { ...hour()[0], name: 'bad' }]));
    assert.ok(e instanceof SlogateError);
    assert.equal(
      e.message,
      'no series named "good" for SLO "availability" (spec.slos[0].sli.ratio.good); the data has: bad, total',
    );
    assert.equal(e.kind, 'missing-series');
    assert.equal(e.series, 'good');
    assert.equal(e.path, 'spec.slos[0].sli.ratio.good');
    assert.deepEqual(e.available, ['bad', 'total']);
    assert.equal(e.index, null);
    assert.equal(engine.evaluate(3_600_000, hour()).level, 'freeze');
    engine.free();
  });

  test('misuse has kinds too: a freed engine, arguments of the wrong type', () => {
    const engine = new Engine(POLICY);
    engine.free();
    assert.equal(captured(() => engine.plan(0)).kind, 'freed');
    assert.equal(captured(() => new Engine(42)).kind, 'bad-argument');
    assert.equal(captured(() => validate(null)).kind, 'bad-argument');
  });

  test('after a trap the same engine keeps working', () => {
    const engine = new Engine(POLICY);
    const before = engine.evaluateJson(3_600_000, hour());
    const e = captured(() => __trapForTests());
    assert.ok(e instanceof SlogateError);
    assert.ok(e.cause instanceof WebAssembly.RuntimeError);
    assert.equal(engine.evaluateJson(3_600_000, hour()), before);
    assert.deepEqual(validate(POLICY), []);
    engine.free();
  });
});
