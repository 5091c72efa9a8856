// Malformed policies and data through the public API: each one is an
// exception with a message — never a WebAssembly trap — and the engine
// answers correctly afterwards. The instance generation must not move: the
// wrapper's recovery after a trap is defence in depth, not how errors work.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { Engine, MAX_SAMPLES, SlogateError, validate } from '@slogate/engine';
import * as glue from '../dist/slogate_engine.js';
import { currentGeneration } from '../lib/errors.js';
import { POLICY, hour, load, root } from './helpers.mjs';

let sentinel;
let baseline;
let generation;

before(() => {
  load();
  sentinel = new Engine(POLICY);
  baseline = sentinel.evaluateJson(3_600_000, hour());
  generation = currentGeneration();
});

/** `fn` throws an Error with a message, not a trap; the sentinel still answers. */
function refuses(fn, pattern, type = SlogateError) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error, 'expected an exception');
  assert.ok(error instanceof type, `expected ${type.name}, got ${error?.constructor?.name}: ${error?.message}`);
  assert.ok(!(error instanceof WebAssembly.RuntimeError) && !(error.cause instanceof WebAssembly.RuntimeError), `trapped: ${error.message}`);
  assert.ok(error.message.length > 0);
  if (pattern) assert.match(error.message, pattern);
  assert.equal(sentinel.evaluateJson(3_600_000, hour()), baseline, 'the engine answers differently afterwards');
  assert.equal(currentGeneration(), generation, 'the instance was restarted: something trapped');
  return error;
}

const corpusDir = join(root, 'fuzz/corpus/policy');
const corpus = existsSync(corpusDir) ? readdirSync(corpusDir).sort() : [];

describe('policy corpus (fuzz/corpus/policy)', () => {
  for (const file of corpus) {
    test(file, () => {
      const text = readFileSync(join(corpusDir, file), 'utf8');
      const diagnostics = validate(text);
      assert.ok(Array.isArray(diagnostics));
      if (file.startsWith('bad-')) {
        const e = refuses(() => new Engine(text));
        assert.ok(e.diagnostics.some((d) => d.severity === 'error'), 'no error diagnostic');
      } else {
        // Seeds named valid- are meant to parse, but what matters here is
        // that nothing traps: an engine, or a SlogateError.
        let engine;
        try {
          engine = new Engine(text);
        } catch {
          refuses(() => new Engine(text));
          return;
        }
        // No data at all: an error naming the missing series, never a trap.
        refuses(() => engine.evaluate(0, []), /no series named/);
        engine.free();
      }
    });
  }
});

describe('malformed policies', () => {
  const cases = {
    'bad YAML': 'spec: [',
    'empty text': '',
    'wrong types': POLICY.replace('objective: 99%', 'objective: [1, 2]'),
    'objective out of range': POLICY.replace('objective: 99%', 'objective: 100.5%'),
    'unknown zone': POLICY.replace('{rolling: 1h}', '{calendar: month, timeZone: Europe/Berln}'),
    'bad rule': POLICY.replace('remaining < 50%', 'remaining <'),
    'deep flow nesting': `${'['.repeat(100_000)}`,
    'deep block nesting': Array.from({ length: 5_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
    'NUL and garbage': '\u0000\u0001\uFFFD\uD800 :: {{',
    'JSON with wrong shape': JSON.stringify({ apiVersion: 'slogate/v1', kind: 'ServiceLevelPolicy', spec: 5 }),
  };
  for (const [name, text] of Object.entries(cases)) {
    test(name, () => {
      validate(text);
      const e = refuses(() => new Engine(text));
      assert.ok(e.diagnostics.length > 0);
    });
  }

  test('the zone error suggests the name', () => {
    const e = refuses(() => new Engine(cases['unknown zone']));
    assert.match(e.message, /Europe\/Berlin/);
  });

  test('a policy that is not a string', () => {
    refuses(() => new Engine(42), /must be a string/);
    refuses(() => validate(null), /must be a string/);
  });
});

describe('malformed data', () => {
  const t = (...xs) => Float64Array.from(xs);
  const one = (overrides) => [{ name: 'total', times: t(0, 60_000), values: t(1, 1) }, { name: 'good', times: t(0, 60_000), values: t(1, 1), ...overrides }];
  // The fields of each error beside its message: about the series `good`
  // (named by the policy at `GOOD`), one of its samples, or neither.
  const GOOD = 'spec.slos[0].sli.ratio.good';
  const good = { kind: 'bad-series', series: 'good', path: GOOD, index: null };
  const sample = (index) => ({ ...good, index });
  const neither = (kind) => ({ kind, series: null, path: null, index: null });
  const cases = [
    ['NaN time', one({ times: t(0, NaN) }), /time at index 1 is not a finite number/, sample(1)],
    ['infinite time', one({ times: t(-Infinity, 0) }), /not a finite number/, sample(0)],
    ['fractional time', one({ times: t(0.5, 60_000) }), /whole number of milliseconds/, sample(0)],
    ['time beyond the Date range', one({ times: t(0, 8.64e15 + 1) }), /out of range/, sample(1)],
    ['mismatched lengths', one({ values: t(1) }), /has 2 times but 1 values/, good],
    ['unknown kind', one({ kind: 'histogram' }), /unknown kind "histogram"/, good],
    ['kind not a string', one({ kind: 7 }), /kind must be a string/, good],
    ['zero step', one({ stepMs: 0 }), /stepMs/, good],
    ['fractional step', one({ stepMs: 1.5 }), /stepMs/, good],
    ['step not a number', one({ stepMs: '60s' }), /stepMs must be a number/, good],
    ['labels not strings', one({ labels: { job: 1 } }), /label "job" must be a string/, good],
    ['labels an array', one({ labels: ['a'] }), /labels must be an object/, good],
    ['times not numbers', one({ times: 'abc' }), /times must be a Float64Array/, good],
    ['values missing', one({ values: undefined }), /values must be a Float64Array/, good],
    ['name missing', one({ name: undefined }), /name must be a string/, neither('bad-series')],
    ['series not an array', { length: 2 }, /must be an array/, neither('bad-argument')],
    ['a series not an object', [null], /is not an object/, neither('bad-series')],
    ['missing series', [], /no series named/, { ...good, kind: 'missing-series' }],
    ['gauge in a ratio', one({ kind: 'gauge' }), /is a gauge/, good],
    ['more samples than allowed', one({ times: new Proxy([], { get: (target, key) => (key === 'length' ? MAX_SAMPLES + 1 : target[key]) }) }), /too many samples/, neither('too-much-data')],
    ['a series the policy does not name', [...hour(), { name: 'other', times: t(0, NaN), values: t(1, 1) }], /index 1/, { kind: 'bad-series', series: 'other', path: null, index: 1 }],
  ];
  for (const [name, series, pattern, fields] of cases) {
    test(name, () => {
      const e = refuses(() => sentinel.evaluate(3_600_000, series), pattern);
      assert.deepEqual({ kind: e.kind, series: e.series, path: e.path, index: e.index }, fields);
    });
  }

  for (const at of [NaN, Infinity, 0.5, 1e300, -8.64e15 - 1]) {
    test(`at = ${at}`, () => assert.equal(refuses(() => sentinel.evaluate(at, hour()), /^at /).kind, 'bad-instant'));
  }
  test('at not a number', () => {
    assert.equal(refuses(() => sentinel.evaluate('2026-01-01', hour()), /atMs must be a number/).kind, 'bad-instant');
  });

  test('extreme but valid instants evaluate', () => {
    for (const at of [-8.64e15 + 3_600_000, 8.64e15]) {
      const series = hour().map((s) => ({ ...s, times: s.times.map((x) => x + at - 3_600_000) }));
      assert.equal(typeof sentinel.evaluate(at, series).level, 'string');
    }
  });
});

describe('the raw glue refuses inconsistent headers without trapping', () => {
  const raw = () => new glue.RawEngine(POLICY);
  const cols = new Float64Array([0, 60_000]);
  const one = [cols, cols];
  const two = [cols, cols, cols, cols];
  const cases = [
    ['header not a multiple of 4', [2, 2, NaN], ['good', ''], one, /does not match the columns given/],
    ['lengths beyond the columns', [1e12, 2, NaN, 0], ['good', ''], one, /length the columns do not have/],
    ['lengths short of the columns', [1, 2, NaN, 0], ['good', ''], one, /length the columns do not have/],
    ['negative length', [-1, 2, NaN, 0], ['good', ''], one, /length/],
    ['label count beyond the strings', [2, 2, NaN, 1e9], ['good', ''], one, /length/],
    ['strings missing', [2, 2, NaN, 0], [], one, /does not match the columns given/],
    ['more series described than columns', [2, 2, NaN, 0, 2, 2, NaN, 0], ['good', '', 'total', ''], one, /does not match the columns given/],
    ['columns not described', [2, 2, NaN, 0], ['good', ''], two, /does not match the columns given/],
  ];
  for (const [name, meta, strings, columns, pattern] of cases) {
    test(name, () => {
      const engine = raw();
      refuses(() => engine.evaluateColumns(60_000, Float64Array.from(meta), strings, columns, 0, engine), pattern, Error);
      engine.free();
    });
  }
});
