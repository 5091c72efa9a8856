import assert from 'node:assert/strict';
import { test } from 'node:test';
import { burndownChart, burndownText } from '@slogate/view';
import { LEVELS, eventsSlo, slo } from './fixture.mjs';

const ms = (/** @type {string} */ iso) => Date.parse(iso);
const WINDOW = ms('2026-02-20T14:05:00Z') - ms('2026-02-01T00:00:00Z');

test('the burn-down as a path over the window, 0..100% from bottom to top', () => {
  const c = burndownChart(slo(), LEVELS, { width: 1000, height: 100 });
  assert.equal(c.lo, 0);
  assert.equal(c.hi, 1);
  assert.equal(c.zeroY, 100);
  assert.equal(c.fullY, 0);
  const x0 = Math.round(((ms('2026-02-10T00:00:00Z') - ms('2026-02-01T00:00:00Z')) / WINDOW) * 1000 * 100) / 100;
  assert.ok(c.path.startsWith(`M ${x0} 10 L `), c.path);
  assert.ok(c.path.endsWith('L 1000 69.44'), c.path);
  assert.deepEqual(c.last, { x: 1000, y: 69.44, ratio: 0.3055555555555556 });
});

test('bands merge adjacent segments of one level and tile the width', () => {
  const c = burndownChart(slo(), LEVELS, { width: 1000, height: 100 });
  assert.deepEqual(c.bands.map((b) => [b.level, b.severity]), [['healthy', 'ok'], ['warning', 'warn'], ['critical', 'critical']]);
  assert.equal(c.bands[0]?.x, 0);
  const end = c.bands.at(-1);
  assert.equal(Math.round(((end?.x ?? 0) + (end?.width ?? 0)) * 100) / 100, 1000);
  assert.equal(end?.from, ms('2026-02-20T13:05:00Z'));
  assert.equal(end?.to, ms('2026-02-20T14:05:00Z'));
});

test('a gap in the data is a gap in the line; an overspent budget lowers the axis', () => {
  const s = eventsSlo();
  s.burndown.remainingRatio = [0.5, null, 0, -0.25];
  const c = burndownChart(s, LEVELS, { width: 100, height: 100 });
  assert.equal(c.lo, -0.25);
  assert.equal(c.zeroY, 80);
  assert.equal(c.path.split('M').length - 1, 2, c.path);
  assert.ok(c.path.endsWith('L 100 100'));
});

test('no data: an empty path and no last point, never NaN', () => {
  const s = slo();
  s.burndown.remainingRatio = [null, null, null, null];
  const c = burndownChart(s, LEVELS, { width: 100, height: 50 });
  assert.equal(c.path, '');
  assert.equal(c.last, null);
  assert.doesNotMatch(JSON.stringify(c), /NaN|null,"x"/);
  assert.match(burndownText(s, LEVELS, { timeZone: 'UTC' }), /^Remaining budget over the window: no data\./);
});

test('the chart in words', () => {
  assert.equal(
    burndownText(slo(), LEVELS, { timeZone: 'UTC' }),
    'Remaining budget from 90.0% (Tue 10 Feb 00:00) to 30.6% (Fri 14:05), lowest 30.6%. ' +
      'Levels: healthy until Tue 10 Feb 00:00, warning until Fri 13:05, critical to the end.',
  );
});
