import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Text } from '@codemirror/state';
import { validate } from '@slogate/engine';
import { diagnosticRange, editorDiagnostics, indexOfColumn, tokenEnd } from '../src/positions.js';
import { POLICY, loadEngine } from './chart-fixture.mjs';

loadEngine();

test('a character column is a UTF-16 index: astral characters count once', () => {
  assert.equal(indexOfColumn('abc', 1), 0);
  assert.equal(indexOfColumn('abc', 3), 2);
  assert.equal(indexOfColumn('abc', 9), 3);
  // 🚦 is two UTF-16 units and one character.
  assert.equal(indexOfColumn('🚦x: y', 2), 2);
  assert.equal(indexOfColumn('é🚦é🚦z', 5), 6);
});

test('a token ends at a space, colon, comma or bracket, and is never empty on a non-empty line', () => {
  assert.equal(tokenEnd('  objectiv: 99%', 2), 10);
  assert.equal(tokenEnd('{long: 1h, short: 5m}', 1), 5);
  assert.equal(tokenEnd('a: b', 1), 2);
  assert.equal(tokenEnd('ab', 2), 2);
});

test('the engine\'s diagnostics land on the token they name, in the editor\'s offsets', () => {
  const text = POLICY.replace('objective: 99.9%', 'objectiv: 99.9%').replace('name: api', 'name: "🚦 api"');
  const doc = Text.of(text.split('\n'));
  const diagnostics = validate(text);
  const typo = diagnostics.find((d) => d.path.endsWith('objectiv'));
  assert.ok(typo, JSON.stringify(diagnostics));
  const { from, to } = diagnosticRange(doc, typo);
  assert.equal(text.slice(from, to), 'objectiv');
  const marks = editorDiagnostics(doc, diagnostics);
  assert.ok(marks.some((m) => m.message === 'spec.slos[0].objectiv: unknown key "objectiv" (did you mean "objective"?)'));
  assert.deepEqual(marks.map((m) => m.from), [...marks.map((m) => m.from)].sort((a, b) => a - b));
  assert.ok(marks.every((m) => m.severity === 'error' && m.to > m.from));
});

test('a document-wide diagnostic marks the first line; a stale line the last', () => {
  const doc = Text.of(['first: line', 'second']);
  assert.deepEqual(diagnosticRange(doc, { line: null, column: null }), { from: 0, to: 11 });
  assert.deepEqual(diagnosticRange(doc, { line: 40, column: 1 }), { from: 12, to: 18 });
  assert.deepEqual(diagnosticRange(Text.of(['']), { line: 1, column: 5 }), { from: 0, to: 0 });
});

test('warnings stay warnings; the message is the view\'s text, controls escaped', () => {
  const warning = { line: 3, column: 2, severity: 'warning', message: 'm\u202e', path: '' };
  const [mark] = editorDiagnostics(Text.of(['a', 'b', 'cd: e']), [warning]);
  assert.equal(mark.severity, 'warning');
  assert.equal(mark.message, 'm\\u{202e}');
  const [withPath] = editorDiagnostics(Text.of(['a']), [{ ...warning, severity: 'error', path: 'spec' }]);
  assert.equal(withPath.message, 'spec: m\\u{202e}');
});
