import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine, Memo } from '@slogate/engine';
import { Session } from '../src/session.js';
import { AT, POLICY, loadEngine, series } from './chart-fixture.mjs';

loadEngine();
const data = series();
const fromData = () => ({ series: data });

test('a valid policy: a fresh report with burn rates over time, evaluated once', () => {
  const session = new Session(Engine, Memo);
  const outcome = session.run(POLICY, AT, fromData);
  assert.equal(outcome.stale, false);
  assert.equal(outcome.problem, null);
  assert.deepEqual(outcome.diagnostics, []);
  assert.equal(outcome.report.slos[0].name, 'api');
  assert.deepEqual(Object.keys(outcome.report.slos[0].burndown.burnRates), Object.keys(outcome.report.slos[0].burnRates));
  assert.equal(session.lastReport, outcome.report);
  session.dispose();
});

test('the engine is rebuilt only when the text changes', () => {
  const session = new Session(Engine, Memo);
  session.run(POLICY, AT, fromData);
  const engine = session.engine;
  session.run(POLICY, AT + 60_000, fromData);
  assert.equal(session.engine, engine);
  session.run(`${POLICY}# a comment\n`, AT, fromData);
  assert.notEqual(session.engine, engine);
  session.dispose();
});

test('an invalid policy keeps the last valid report, stale, with the diagnostics and a note', () => {
  const session = new Session(Engine, Memo);
  const valid = session.run(POLICY, AT, fromData).report;
  const broken = POLICY.replace('objective: 99.9%', 'objectiv: 99.9%');
  const outcome = session.run(broken, AT, fromData);
  assert.equal(outcome.report, valid);
  assert.equal(outcome.stale, true);
  assert.equal(outcome.problem.kind, 'policy');
  assert.match(outcome.problem.message, /^the policy is not valid: 2 errors \(listed under the editor\)$/);
  const typo = outcome.diagnostics.find((d) => d.path === 'spec.slos[0].objectiv');
  // Line 7 of POLICY: `      objective: 99.9%`.
  assert.equal(POLICY.split("\n")[6], "      objective: 99.9%");
  assert.deepEqual([typo.line, typo.column, typo.severity], [7, 7, "error"]);
  assert.match(typo.message, /did you mean "objective"/);
  assert.equal(session.engine, null);
  session.dispose();
});

test('before any valid report, a problem is not stale: there is nothing to dim', () => {
  const session = new Session(Engine, Memo);
  const outcome = session.run('kind: nonsense', AT, fromData);
  assert.equal(outcome.report, null);
  assert.equal(outcome.stale, false);
  assert.equal(outcome.problem.kind, 'policy');
  session.dispose();
});

test('data the policy cannot use: the problem in the view\'s words, naming the series and where the policy names it', () => {
  const session = new Session(Engine, Memo);
  session.run(POLICY, AT, fromData);
  const outcome = session.run(POLICY, AT, () => ({ series: data.filter((s) => s.name === 'good') }));
  assert.equal(outcome.stale, true);
  assert.equal(outcome.problem.kind, 'data');
  assert.equal(outcome.problem.message, "no data for series `total`: the policy's spec.slos[0].sli.ratio.total names series `total`, the data has: good");
  session.dispose();
});

test('a source that is loading or failed says so; a bad instant is named', () => {
  const session = new Session(Engine, Memo);
  assert.deepEqual(session.run(POLICY, AT, () => ({ pending: 'loading…' })).problem, { kind: 'pending', message: 'loading…' });
  assert.deepEqual(session.run(POLICY, AT, () => ({ error: 'no file' })).problem, { kind: 'data', message: 'no file' });
  assert.equal(session.run(POLICY, AT, () => {
    throw new Error('the generator broke');
  }).problem.message, 'slogate cannot show this report: the generator broke');
  const instant = session.run(POLICY, 1.5, fromData).problem;
  assert.equal(instant.kind, 'instant');
  assert.match(instant.message, /^the evaluation instant is not valid: /);
  session.dispose();
});

test('the diagnostics of one parse are validate(text)\'s, for valid, warned and broken policies', async () => {
  const { validate } = await import('@slogate/engine');
  const { examples } = await import('./helpers.mjs');
  const texts = [
    POLICY,
    POLICY.replace('objective: 99.9%', 'objectiv: 99.9%'),
    POLICY.replace('window: {rolling: 7d}', 'window: {rolling: 7days}'),
    'a: [b',
    '{"apiVersion": "slogate/v1"}',
    ...examples().map((e) => e.text),
  ];
  const session = new Session(Engine, Memo);
  for (const text of texts) {
    session.setPolicy(text);
    assert.deepEqual(session.diagnostics, validate(text), text.slice(0, 60));
  }
  session.dispose();
});

test('an edit evaluates only the SLOs it changed, and the report is a fresh evaluation\'s', () => {
  const two = POLICY.replace('  policy:', '    - name: api-28d\n      objective: 99%\n      window: {rolling: 28d}\n      sli: {ratio: {good: good, total: total}}\n  policy:');
  const session = new Session(Engine, Memo);
  const before = session.run(two, AT, fromData).report;
  assert.equal(session.reused, 0);
  const edited = two.replace('objective: 99.9%', 'objective: 99.5%');
  const after = session.run(edited, AT, fromData).report;
  assert.equal(session.reused, 1, 'api-28d is taken from the memo');
  assert.equal(after.slos[1], before.slos[1]);
  const engine = new Engine(edited);
  assert.deepEqual(after, engine.evaluate(AT, data, { burnRates: true }));
  engine.free();
  // A rule changes every SLO's level: nothing is reused.
  const ruled = edited.replace('remaining < 50%', 'remaining < 90%');
  const third = session.run(ruled, AT, fromData).report;
  assert.equal(session.reused, 0);
  const again = new Engine(ruled);
  assert.deepEqual(third, again.evaluate(AT, data, { burnRates: true }));
  again.free();
  session.dispose();
});
