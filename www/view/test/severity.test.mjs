import assert from 'node:assert/strict';
import { test } from 'node:test';
import { levelRank, levelSeverity, severityOfRank } from '@slogate/view';

const severities = (/** @type {string[]} */ levels) =>
  levels.map((l) => levelSeverity(levels, l).severity);

test('severity follows the rank in the policy\'s levels (text.rs Paint)', () => {
  assert.deepEqual(severities(['healthy']), ['ok']);
  assert.deepEqual(severities(['healthy', 'freeze']), ['ok', 'critical']);
  assert.deepEqual(severities(['healthy', 'warning', 'freeze']), ['ok', 'warn', 'critical']);
  assert.deepEqual(severities(['healthy', 'warning', 'critical', 'breach']), ['ok', 'warn', 'critical', 'critical']);
});

test('never from the name: a level called "critical" ranked first is ok', () => {
  const levels = ['critical', 'ok', 'green'];
  assert.deepEqual(levelSeverity(levels, 'critical'), { rank: 0, severity: 'ok' });
  assert.deepEqual(levelSeverity(levels, 'green'), { rank: 2, severity: 'critical' });
  // Russian level names (the ai-slot-build example's language).
  assert.deepEqual(severities(['норма', 'внимание', 'заморозка']), ['ok', 'warn', 'critical']);
});

test('a level outside the list is critical, with no rank', () => {
  assert.equal(levelRank(['healthy', 'freeze'], 'Healthy'), null);
  assert.deepEqual(levelSeverity(['healthy', 'freeze'], 'unknown'), { rank: null, severity: 'critical' });
  assert.equal(severityOfRank(null, 3), 'critical');
});
