// The data readers' text checks and their cost: the first bad byte wherever
// the bytes lie in memory (the check reads aligned words), and time that
// grows with the input, not faster (no quadratic step), for every shape of
// large input.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCsv, parseData, parseQueryRange } from '@slogate/engine/data';
import { checkedBytes } from '../lib/data/text.js';

/**
 * Where the first character that is not UTF-8 starts, by the platform's own
 * decoder: the end of the longest prefix that decodes whole, once a byte is
 * met that no character can continue with (slow and plain, for small inputs).
 */
function referenceBad(bytes) {
  let boundary = 0;
  for (let j = 1; j <= bytes.length; j++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, j));
      boundary = j;
    } catch {
      try {
        // Only cut short: the next bytes may complete it.
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, j), { stream: true });
      } catch {
        return boundary;
      }
    }
  }
  return boundary;
}

describe('text checks', () => {
  test('the first bad byte is found at every alignment and position', () => {
    let seed = 7;
    const random = (n) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['a', 'bcd', 'é', '€', '\u{1f600}', '\n', '0123456789'].map((s) => Buffer.from(s));
    const bad = [[0xff], [0xc3], [0xe2, 0x82], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]];
    for (let k = 0; k < 2000; k++) {
      const parts = Array.from({ length: random(40) }, () => pieces[random(pieces.length)]);
      if (random(3) > 0) parts.splice(random(parts.length + 1), 0, Buffer.from(bad[random(bad.length)]));
      const text = Buffer.concat(parts);
      // Copied to a random offset of a larger buffer: any alignment.
      const offset = random(8);
      const backing = new Uint8Array(text.length + offset + random(8));
      backing.set(text, offset);
      const bytes = backing.subarray(offset, offset + text.length);
      const { end } = checkedBytes(bytes);
      const expected = referenceBad(bytes);
      // The decoder's prefix ends before the bad character; a cut-off one at the end too.
      assert.equal(end, expected, `${Buffer.from(bytes).toString('hex')} at offset ${offset}`);
    }
  });
});

/** Process CPU time (ms) of `fn`, the least of three runs (less noise than wall time on a busy machine). */
function cpu(fn) {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** Asserts that 8× the input costs well under 64× the time (quadratic), allowing for noise and warm-up. */
function linear(make, parse, what) {
  const small = make(1);
  const large = make(8);
  parse(small); // warm up
  const ratio = cpu(() => parse(large)) / Math.max(cpu(() => parse(small)), 1);
  assert.ok(ratio < 24, `${what}: 8× the input took ${ratio.toFixed(1)}× the time`);
}

describe('time grows with the input, not faster', () => {
  const n = 25_000;
  test('CSV lines', () => {
    linear((k) => `time,value\n${Array.from({ length: n * k }, (_, i) => `${i},${i % 7}`).join('\n')}`, (t) => parseCsv(t, 'g'), 'CSV');
  });
  test('query_range samples', () => {
    linear((k) => `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[${Array.from({ length: n * k }, (_, i) => `[${i},"${i % 7}"]`).join(',')}]}]}}`, (t) => parseQueryRange(t, 'g'), 'JSON samples');
  });
  test('query_range series with labels', () => {
    linear((k) => `{"status":"success","data":{"resultType":"matrix","result":[${Array.from({ length: (n / 10) * k }, (_, i) => `{"metric":{"a":"${i}","b":"x"},"values":[[${i},"1"]]}`).join(',')}]}}`, (t) => parseQueryRange(t, 'g'), 'JSON series');
  });
  test('an endless string, a deep blank run and a long line are refused at their place', () => {
    const long = `{"status":"${'x'.repeat(4_000_000)}`;
    assert.throws(() => parseQueryRange(long, 'g', { source: 's' }), { message: 's:1:4000011: invalid JSON: EOF while parsing a string' });
    assert.throws(() => parseData(`${' \n'.repeat(1_000_000)}{`, 'g', { source: 's' }), { message: 's:1000001:1: invalid JSON: EOF while parsing an object' });
    assert.throws(() => parseCsv(`0,${' '.repeat(10_000_000)}1`, 'g', { source: 's' }), { message: 's:1:1: a line longer than 65,536 bytes: this is not a CSV file of time,value lines' });
  });
});
