// Inputs at the package's size limits: many labels, many groups, too much
// text; and every failure, even one the wrapper did not foresee, leaves the
// package as a SlogateError.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { before, describe, test } from 'node:test';
import { Engine, MAX_TEXT_CHARS, SlogateError } from '@slogate/engine';
import { currentGeneration } from '../lib/errors.js';
import { POLICY, captured, hour, load, root } from './helpers.mjs';

const GROUPED = POLICY.replace('sli: {ratio:', 'groupBy: [region]\n      sli: {ratio:');

before(load);

describe('many labels', () => {
  test('100,000 labels on one series evaluate like the labels that matter', () => {
    const engine = new Engine(GROUPED);
    const many = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`label${i}`, `value${i}`]));
    const labelled = (labels) => hour().map((s) => ({ ...s, labels }));
    const expected = engine.evaluateJson(3_600_000, labelled({ region: 'eu' }));
    assert.equal(engine.evaluateJson(3_600_000, labelled({ ...many, region: 'eu' })), expected);
    assert.deepEqual(engine.evaluate(3_600_000, labelled({ ...many, region: 'eu' })), JSON.parse(expected));
    engine.free();
  });

  test(`more than MAX_TEXT_CHARS (${MAX_TEXT_CHARS}) characters of text is a SlogateError naming the limit`, () => {
    const engine = new Engine(GROUPED);
    const generation = currentGeneration();
    const series = hour().map((s) => ({ ...s, labels: { region: 'x'.repeat(MAX_TEXT_CHARS / 2) } }));
    const e = captured(() => engine.evaluate(3_600_000, series));
    assert.ok(e instanceof SlogateError, `${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.message, `too much text: at most ${MAX_TEXT_CHARS} characters of series names, kinds and labels in all per evaluation`);
    assert.equal(currentGeneration(), generation, 'nothing trapped');
    engine.free();
  });
});

describe('many groups', () => {
  test('5,000 groupBy values in no order: one instance each, ordered by value', () => {
    const engine = new Engine(GROUPED);
    const [total, good] = hour();
    const regions = Array.from({ length: 5_000 }, (_, i) => `r${String((i * 7919) % 5_000).padStart(4, '0')}`);
    const series = [
      ...regions.map((region) => ({ ...total, labels: { region } })),
      ...regions.map((region) => ({ ...good, labels: { region } })),
    ];
    const report = engine.evaluate(3_600_000, series);
    assert.deepEqual(report.slos.map((s) => s.group.region), [...regions].sort());
    const one = engine.evaluate(3_600_000, hour()).slos[0];
    for (const s of report.slos) assert.equal(s.sli, one.sli);
    engine.free();
  });
});

describe('too many groups', () => {
  test('more than 100,000 instances is a SlogateError naming the limit, not a trap', () => {
    const engine = new Engine(GROUPED);
    const generation = currentGeneration();
    const none = new Float64Array(0);
    const series = Array.from({ length: 100_001 }, (_, i) => ({ name: 'total', times: none, values: none, labels: { region: `r${i}` } }));
    series.push({ name: 'good', times: none, values: none, labels: { region: 'r0' } });
    const e = captured(() => engine.evaluate(3_600_000, series));
    assert.ok(e instanceof SlogateError, `${e?.constructor?.name}: ${e?.message}`);
    assert.match(e.message, /^SLO "availability": groupBy \[region\] makes 100001 instances, and one evaluation may have at most 100000 in all/);
    assert.equal(currentGeneration(), generation, 'nothing trapped');
    engine.free();
  });
});

describe('every error is a SlogateError', () => {
  const throwing = (error) => ({
    get() {
      throw error;
    },
    enumerable: true,
  });

  test('a getter of the caller that throws', () => {
    const engine = new Engine(POLICY);
    const generation = currentGeneration();
    const labels = Object.defineProperty({}, 'job', throwing(new TypeError('no job today')));
    const e = captured(() => engine.evaluate(3_600_000, hour().map((s) => ({ ...s, labels }))));
    assert.ok(e instanceof SlogateError, `${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.message, 'unexpected error: TypeError: no job today');
    assert.ok(e.cause instanceof TypeError);
    assert.equal(currentGeneration(), generation, 'a JS error is not a trap');
    engine.free();
  });

  test('a RangeError in the wrapper is not mistaken for a trap', () => {
    const engine = new Engine(POLICY);
    const generation = currentGeneration();
    const series = hour();
    Object.defineProperty(series[1], 'times', throwing(new RangeError('out of range')));
    const e = captured(() => engine.evaluateJson(3_600_000, series));
    assert.ok(e instanceof SlogateError, `${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.message, 'unexpected error: RangeError: out of range');
    assert.equal(currentGeneration(), generation);
    assert.equal(engine.evaluate(3_600_000, hour()).level, 'freeze');
    engine.free();
  });

  test('a thrown value that is not an Error, nor printable', () => {
    const engine = new Engine(POLICY);
    const unprintable = { toString() { throw new Error('no'); } };
    for (const [thrown, message] of [['plain text', 'unexpected error: plain text'], [unprintable, 'unexpected error: a value that cannot be printed']]) {
      const series = hour();
      Object.defineProperty(series[0], 'name', throwing(thrown));
      const e = captured(() => engine.evaluate(3_600_000, series));
      assert.ok(e instanceof SlogateError);
      assert.equal(e.message, message);
    }
    engine.free();
  });

  test('loading bytes that are not a module: init rejects and initSync throws a SlogateError', () => {
    // A fresh process: in this one the module is loaded, and init() keeps
    // its first promise.
    const script = `
      import init, { initSync } from '@slogate/engine';
      const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 99]);
      const seen = (e) => [e.name, e.message.split(':')[0], e.cause?.name];
      let sync;
      try { initSync(bytes); } catch (e) { sync = seen(e); }
      const async = await init(bytes).then(() => 'loaded', seen);
      console.log(JSON.stringify({ sync, async }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    const expected = ['SlogateError', 'cannot load the WebAssembly module', 'CompileError'];
    assert.deepEqual(JSON.parse(out), { sync: expected, async: expected });
  });
});
