// The policy limits in WebAssembly, whose stack is far smaller than a native
// thread's: a `when` of 12,000 conditions used to trap with "Maximum call
// stack size exceeded" in validate() (documented never to throw) and in the
// constructor. Now each limit is a diagnostic with line and column from
// validate() and a SlogateError from the constructor — never a RangeError or
// a trap — and what is within the limits evaluates.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Engine, SlogateError, validate } from '@slogate/engine';
import { currentGeneration } from '../lib/errors.js';
import { POLICY, hour, load } from './helpers.mjs';

const TOO_LONG = 'the expression is too long: more than 1000 conditions (comparisons and alert(NAME) terms); conditions joined by "or" can be split into several rules of the same level';
const TOO_DEEP = 'the expression is nested too deeply: more than 64 levels of parentheses and "not"';
const YAML_TOO_DEEP = 'the document is nested too deeply (more than 64 levels)';

let generation;
before(() => {
  load();
  generation = currentGeneration();
});

/** POLICY with its rule's `when` replaced: the `when` text starts on line 14, column 32. */
const withWhen = (when) => POLICY.replace('"remaining < 50%"', `"${when}"`);
const WHEN_LINE = 14;
const WHEN_COLUMN = 32;
const conditions = (n) => Array(n).fill('remaining < 1%').join(' or ');

/** validate() returns exactly `expected` (one error) and the constructor throws it as a SlogateError. */
function refusedEverywhere(text, expected) {
  const diagnostics = validate(text);
  assert.deepEqual(
    diagnostics.map(({ line, column, message }) => ({ line, column, message })),
    [expected],
  );
  let error;
  try {
    new Engine(text);
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof SlogateError, `expected a SlogateError, got ${error?.constructor?.name}: ${error?.message}`);
  assert.ok(!(error instanceof RangeError) && !(error.cause instanceof WebAssembly.RuntimeError), `trapped: ${error.message}`);
  assert.deepEqual(error.diagnostics.map((d) => d.message), [expected.message]);
  assert.equal(currentGeneration(), generation, 'the instance was restarted: something trapped');
}

describe('a when expression', () => {
  test('the test policy has its when where the tests say', () => {
    const [d] = validate(withWhen('remaining <'));
    assert.deepEqual([d.line, d.column], [WHEN_LINE, WHEN_COLUMN + 'remaining <'.length]);
  });

  for (const n of [1_001, 12_000, 20_000]) {
    test(`of ${n} conditions is refused at condition 1,001`, () => {
      // 18 chars per "remaining < 1% or ".
      refusedEverywhere(withWhen(conditions(n)), { line: WHEN_LINE, column: WHEN_COLUMN + 18 * 1_000, message: TOO_LONG });
    });
  }

  test('of 1,000 conditions, 64 parentheses deep, evaluates', () => {
    const when = `${'('.repeat(64)}${conditions(999)} or remaining < 50%${')'.repeat(64)}`;
    const engine = new Engine(withWhen(when));
    const same = new Engine(POLICY);
    // 40% of the budget left: only the last condition holds, as in POLICY.
    const report = engine.evaluate(3_600_000, hour());
    assert.equal(report.level, 'freeze');
    const values = (r) => r.slos[0].reasons.map((x) => x.value);
    assert.deepEqual(values(report), values(same.evaluate(3_600_000, hour())));
    assert.equal(values(report).length, 1);
    // 90% left: nothing holds.
    assert.equal(engine.evaluate(3_600_000, hour(9.99)).level, 'healthy');
    engine.free();
    same.free();
  });

  for (const [name, when, column] of [
    ['65 parentheses', `${'('.repeat(65)}remaining < 1%${')'.repeat(65)}`, WHEN_COLUMN + 64],
    ['100,000 parentheses', `${'('.repeat(100_000)}remaining < 1%${')'.repeat(100_000)}`, WHEN_COLUMN + 64],
    ['100,000 nots', `${'not '.repeat(100_000)}remaining < 1%`, WHEN_COLUMN + 4 * 64],
  ]) {
    test(`of ${name} is refused at the level too deep`, () => {
      refusedEverywhere(withWhen(when), { line: WHEN_LINE, column, message: TOO_DEEP });
    });
  }
});

describe('a YAML document', () => {
  test('nested 65 deep is refused', () => {
    refusedEverywhere(`${'['.repeat(65)}1${']'.repeat(65)}`, { line: 1, column: 65, message: YAML_TOO_DEEP });
  });

  test('nested 100,000 deep (flow) or 2,000 deep (block) is refused', () => {
    refusedEverywhere(`${'['.repeat(100_000)}1${']'.repeat(100_000)}`, { line: 1, column: 256, message: 'invalid YAML: recursion limit exceeded' });
    const block = Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    refusedEverywhere(block, { line: 65, column: 65, message: YAML_TOO_DEEP });
  });

  test('with 100,000 keys in one mapping, one repeated, names the repeat', () => {
    const labels = Array.from({ length: 100_000 }, (_, i) => `    k${i}: v\n`).join('');
    const text = POLICY.replace('metadata: {name: demo}', `metadata:\n  name: demo\n  labels:\n${labels}    k7: again`);
    refusedEverywhere(text, { line: 100_007, column: 5, message: 'duplicate key "k7" at line 100007: it was already given at line 14; keep one' });
    assert.deepEqual(validate(text.replace('    k7: again', '')), []);
  });
});
