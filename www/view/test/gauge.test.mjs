import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arcPath, gauge } from '@slogate/view';

test('the remaining share fills the arc from its start', () => {
  const g = gauge(0.25);
  // 240° arc from −120°: a quarter ends 60° further, at −60°.
  assert.deepEqual(g, { ratio: 0.25, fill: 0.25, startAngle: -120, endAngle: 120, valueAngle: -60, text: '25.0%', noData: false });
  assert.equal(gauge(1).valueAngle, 120);
  assert.equal(gauge(0.5, { startAngle: -90, endAngle: 90 }).valueAngle, 0);
});

test('overspent: an empty gauge, the number stays negative in the text', () => {
  const g = gauge(-0.053);
  assert.equal(g.fill, 0);
  assert.equal(g.valueAngle, -120);
  assert.equal(g.text, '-5.3%');
  assert.equal(g.ratio, -0.053);
});

test('no data is never NaN', () => {
  for (const x of [null, NaN, Infinity]) {
    const g = gauge(x);
    assert.deepEqual(g, { ratio: null, fill: 0, startAngle: -120, endAngle: 120, valueAngle: -120, text: 'no data', noData: true });
  }
});

test('arc paths: clockwise from 12 o\'clock', () => {
  // Centre (50,50), r 40: −90° is (10,50), 90° is (90,50); 180° is not large.
  assert.equal(arcPath(50, 50, 40, -90, 90), 'M 10 50 A 40 40 0 0 1 90 50');
  // −120°: x = 50 − 40·sin 60° = 15.359, y = 50 + 40·cos 60° = 70.
  assert.equal(arcPath(50, 50, 40, -120, 120), 'M 15.359 70 A 40 40 0 1 1 84.641 70');
  assert.equal(arcPath(50, 50, 40, 0, 90), 'M 50 10 A 40 40 0 0 1 90 50');
  assert.equal(arcPath(50, 50, 40, -120, -120), '');
  assert.equal(arcPath(50, 50, 40, 0, NaN), '');
  assert.equal(arcPath(50, 50, 40, 0, 360), 'M 50 10 A 40 40 0 1 1 50 90 A 40 40 0 1 1 50 10');
});
