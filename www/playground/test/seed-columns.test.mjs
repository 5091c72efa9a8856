import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseData } from '@slogate/engine/data';
import { packSeries, unpackSeries } from '../src/seed-columns.js';
import { root } from './helpers.mjs';

test('every example\'s data survives packing: the same series, labels, times and values (NaN too)', () => {
  const runs = JSON.parse(readFileSync(join(root, 'examples/runs.json'), 'utf8'));
  const files = new Map(runs.map((r) => [r.example, r.data]));
  for (const [example, data] of files) {
    const series = Object.entries(data).flatMap(([name, path]) => parseData(readFileSync(join(root, path), 'utf8'), name, { source: path }));
    const { bytes, index } = packSeries(series);
    // Through a fresh buffer, as fetch gives it.
    const back = unpackSeries(bytes.slice().buffer, JSON.parse(JSON.stringify(index)));
    assert.equal(back.length, series.length, example);
    back.forEach((s, i) => {
      assert.equal(s.name, series[i].name);
      assert.deepEqual(s.labels, series[i].labels ?? {});
      assert.ok(s.times instanceof Float64Array && s.values instanceof Float64Array);
      assert.deepEqual(s.times, series[i].times, `${example} ${s.name} times`);
      assert.deepEqual(s.values, series[i].values, `${example} ${s.name} values`);
    });
  }
});

test('columns are views of one buffer; NaN and infinities keep their place; a short buffer is refused', () => {
  const series = [
    { name: 'a', times: Float64Array.of(1, 2, 3), values: Float64Array.of(NaN, Infinity, -0) },
    { name: 'b', labels: { g: 'x' }, times: Float64Array.of(5), values: Float64Array.of(-Infinity) },
  ];
  const { bytes, index } = packSeries(series);
  assert.equal(bytes.length, 8 * 8);
  const [a, b] = unpackSeries(bytes.buffer, index);
  assert.equal(a.times.buffer, b.values.buffer);
  assert.deepEqual([...a.values], [NaN, Infinity, -0]);
  assert.ok(Object.is(a.values[2], -0));
  assert.deepEqual(b, { name: 'b', labels: { g: 'x' }, times: Float64Array.of(5), values: Float64Array.of(-Infinity) });
  assert.throws(() => unpackSeries(bytes.buffer.slice(8), index), /has 56 bytes where its index describes 64: rebuild the page/);
});
