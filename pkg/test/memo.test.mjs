// evaluate(…, {memo}): every report is the report of a fresh evaluation,
// whatever changed since the memo's last one, and exactly the unchanged
// SLOs are taken from the memo.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Engine, Memo, SlogateError } from '@slogate/engine';
import { POLICY, hour, load, loadData, root } from './helpers.mjs';

load();

const runs = JSON.parse(readFileSync(join(root, 'examples/runs.json'), 'utf8'));
/** The last run of each example: its policy text, data and instant. */
const examples = [...new Map(runs.map((r) => [r.example, r])).values()].map((run) => ({
  name: run.example,
  text: readFileSync(join(root, run.policy), 'utf8'),
  series: Object.entries(run.data).flatMap(([name, path]) => loadData(path, name)),
  at: Date.parse(run.at),
}));

const OPTIONS = { burnRates: true };

/** A fresh evaluation of `text` (its own engine, no memo). */
function fresh(text, at, series, options = OPTIONS) {
  const engine = new Engine(text);
  try {
    return engine.evaluate(at, series, options);
  } finally {
    engine.free();
  }
}

/**
 * `text` with its first SLO renamed (`name: X` → `name: X-edited`, YAML or
 * JSON), and the rules scoped to it (`slos: [X, …]`) following it.
 */
function renameFirstSlo(text) {
  const name = new Engine(text).sloNames[0];
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const written = new RegExp(`["']?name["']?: *["']?${escaped}["']?(?=[,}\\s])`);
  const match = written.exec(text);
  assert.ok(match, `the policy writes the name ${name}`);
  const renamed = text.replace(match[0], match[0].replace(name, `${name}-edited`));
  const scoped = new RegExp(`(["']?slos["']?: *\\[[^\\]]*?["']?)${escaped}(?=["']?[,\\]\\s])`, 'g');
  return renamed.replace(scoped, `$1${name}-edited`);
}

describe('evaluate with a memo', () => {
  for (const example of examples) {
    test(`${example.name}: an edit of one SLO reuses all others, and the report is a fresh evaluation's`, () => {
      const memo = new Memo();
      const first = new Engine(example.text);
      const before = first.evaluate(example.at, example.series, { ...OPTIONS, memo });
      assert.equal(memo.reused, 0);
      assert.deepStrictEqual(before, fresh(example.text, example.at, example.series));

      const edited = renameFirstSlo(example.text);
      const second = new Engine(edited);
      const after = second.evaluate(example.at, example.series, { ...OPTIONS, memo });
      assert.deepStrictEqual(after, fresh(edited, example.at, example.series));
      assert.equal(memo.reused, second.sloNames.length - 1);
      assert.notDeepStrictEqual(after.slos, before.slos, 'the edit changed a number');
      first.free();
      second.free();
    });
  }

  test('the same engine and inputs again: everything reused, the same report', () => {
    const memo = new Memo();
    const engine = new Engine(POLICY);
    const a = engine.evaluate(3_600_000, hour(), { memo });
    const b = engine.evaluate(3_600_000, hour(), { memo });
    assert.equal(memo.reused, 1);
    assert.deepStrictEqual(b, a);
    // A failed evaluation leaves the memo as it was.
    assert.throws(() => engine.evaluate(3_600_000, hour().slice(0, 1), { memo }), SlogateError);
    assert.deepStrictEqual(engine.evaluate(3_600_000, hour(), { memo }), a);
    assert.equal(memo.reused, 1);
    engine.free();
  });

  test('other data, another instant or other options: nothing reused', () => {
    const memo = new Memo();
    const engine = new Engine(POLICY);
    engine.evaluate(3_600_000, hour(), { memo });
    const cases = [
      ['a sample changed', 3_600_000, hour(9.93), {}],
      ['another instant', 3_540_000, hour(9.93), {}],
      ['another option', 3_540_000, hour(9.93), { timeline: false }],
    ];
    for (const [what, at, series, options] of cases) {
      const report = engine.evaluate(at, series, { ...options, memo });
      assert.equal(memo.reused, 0, what);
      assert.deepStrictEqual(report, fresh(POLICY, at, series, options), what);
    }
    // -0 is not 0: compared bit for bit.
    const zeros = hour().map((s) => ({ ...s, values: s.values.map(() => 0) }));
    engine.evaluate(3_600_000, zeros, { memo });
    const negative = zeros.map((s) => ({ ...s, values: s.values.map(() => -0) }));
    engine.evaluate(3_600_000, negative, { memo });
    assert.equal(memo.reused, 0);
    engine.free();
  });

  test('a freed engine: the next evaluation computes everything, correctly', () => {
    const memo = new Memo();
    const first = new Engine(POLICY);
    first.evaluate(3_600_000, hour(), { memo });
    first.free();
    const edited = POLICY.replace('remaining < 50%', 'remaining < 60%');
    const second = new Engine(edited);
    assert.deepStrictEqual(second.evaluate(3_600_000, hour(), { memo }), fresh(edited, 3_600_000, hour(), {}));
    assert.equal(memo.reused, 0);
    second.free();
  });

  test('SLOs reordered: the report in the new order; a failed evaluation leaves the memo as it was', () => {
    const two = POLICY.replace(
      '  policy:',
      '    - name: daily\n      objective: 90%\n      window: {rolling: 30m}\n      sli: {ratio: {good: good, total: total}}\n  policy:',
    );
    const swapped = two.replace(
      /(    - name: availability\n(?:      .*\n)+)(    - name: daily\n(?:      .*\n)+)/,
      '$2$1',
    );
    assert.notEqual(swapped, two);
    const memo = new Memo();
    const a = new Engine(two);
    a.evaluate(3_600_000, hour(), { memo });
    const b = new Engine(swapped);
    assert.throws(() => b.evaluate(3_600_000, hour().slice(0, 1), { memo }), SlogateError);
    const report = b.evaluate(3_600_000, hour(), { memo });
    // An SLO's place in the text is part of it (for messages): moved, it is evaluated again.
    assert.equal(memo.reused, 0);
    assert.deepEqual(report.slos.map((s) => s.name), ['daily', 'availability']);
    assert.deepStrictEqual(report, fresh(swapped, 3_600_000, hour(), {}));
    a.free();
    b.free();
  });

  test('bad memo arguments are SlogateErrors', () => {
    const engine = new Engine(POLICY);
    assert.throws(() => engine.evaluate(0, hour(), { memo: {} }), { kind: 'bad-argument', message: /memo must be a Memo/ });
    assert.throws(() => engine.evaluateJson(0, hour(), { memo: new Memo() }), { kind: 'bad-argument', message: /memo is an option of evaluate\(\) only/ });
    engine.free();
  });
});
