import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MAX_STATE_BYTES,
  StateError,
  checkState,
  decodeState,
  encodeState,
  fromBase64Url,
  shareableState,
  toBase64Url,
} from '../src/url-state.js';

const STATE = {
  v: 1,
  policy: 'apiVersion: slogate/v1\n# ünïcödé, emoji 🚦 and <b>markup</b>\n',
  at: Date.parse('2026-02-28T23:59:00Z'),
  slo: 'workflow-completion {repository="akosha"}',
  source: { kind: 'seed', example: 'mtos' },
};

test('a state survives encode → decode unchanged, for every kind of source', async () => {
  const sources = [
    { kind: 'seed', example: 'mtos' },
    { kind: 'scenario', params: 'traffic=10&errors=0.001' },
    { kind: 'paste', inputs: { good: 'time,value\n2026-01-01T00:00:00Z,1\n', total: '{"status":"success"}' } },
  ];
  for (const source of sources) {
    const state = { ...STATE, source };
    const hash = await encodeState(state);
    assert.match(hash, /^#state=[A-Za-z0-9_-]+$/);
    assert.deepEqual(await decodeState(hash), state);
  }
});

test('the fragment is compressed: a 20 KB policy of repeated lines fits in far less', async () => {
  const policy = 'spec:\n' + '  - {name: availability, objective: 99.9%}\n'.repeat(500);
  const hash = await encodeState({ ...STATE, policy });
  assert.ok(policy.length > 20_000);
  assert.ok(hash.length < 1_000, `fragment of ${hash.length} chars`);
});

test('an empty fragment is no state; a missing slo decodes as null', async () => {
  assert.equal(await decodeState(''), null);
  assert.equal(await decodeState('#'), null);
  const { slo, ...rest } = STATE;
  assert.equal(slo.length > 0, true);
  assert.equal((await decodeState(await encodeState({ ...rest, slo: null }))).slo, null);
});

test('bad links are refused with a message that says what is wrong', async () => {
  const cases = [
    ['#foo=bar', /not a playground state/],
    ['#state=***', /not base64url/],
    ['#state=A', /not base64url/],
    ['#state=' + toBase64Url(new TextEncoder().encode('not deflated at all')), /does not decompress/],
  ];
  for (const [hash, message] of cases) {
    await assert.rejects(decodeState(hash), (e) => e instanceof StateError && message.test(e.message), hash);
  }
  // Cut short: the first half of a real fragment.
  const hash = await encodeState({ ...STATE, policy: 'x'.repeat(5000) + Math.random() });
  await assert.rejects(decodeState(hash.slice(0, Math.floor(hash.length / 2))), StateError);
});

test('a state that decodes but is not a playground state names the bad field', async () => {
  const bad = [
    [{ ...STATE, v: 2 }, /version 2/],
    [{ ...STATE, policy: 7 }, /no policy text/],
    [{ ...STATE, at: 'yesterday' }, /instant is not a time/],
    [{ ...STATE, at: 1.5 }, /instant is not a time/],
    [{ ...STATE, slo: 3 }, /chosen SLO/],
    [{ ...STATE, source: { kind: 'ftp' } }, /"ftp" is not one of seed, scenario, paste/],
    [{ ...STATE, source: { kind: 'seed' } }, /seed example has no name/],
    [{ ...STATE, source: { kind: 'paste', inputs: { good: 1 } } }, /"good" is not text/],
    [[1, 2], /not an object/],
  ];
  for (const [state, message] of bad) {
    assert.throws(() => checkState(state), message);
    const bytes = await compress(JSON.stringify(state));
    await assert.rejects(decodeState('#state=' + toBase64Url(bytes)), message);
  }
});

test('unknown fields are dropped on decode', async () => {
  const bytes = await compress(JSON.stringify({ ...STATE, evil: '<script>' }));
  assert.deepEqual(await decodeState('#state=' + toBase64Url(bytes)), STATE);
});

test('a small fragment that inflates past the limit is refused', async () => {
  // 65 MB of zeros deflate to ~64 KB.
  const bytes = await compress(new Uint8Array(MAX_STATE_BYTES + 1024));
  assert.ok(bytes.length < 200_000);
  await assert.rejects(decodeState('#state=' + toBase64Url(bytes)), /larger than/);
});

test('shareableState drops pasted data that would make the link too long, and says so', async () => {
  const noisy = Array.from({ length: 3000 }, (_, i) => `2026-01-01T00:${String(i % 60).padStart(2, '0')}:00Z,${Math.random()}`).join('\n');
  const state = { ...STATE, source: { kind: 'paste', inputs: { good: noisy, total: noisy } } };
  const big = await shareableState(state, 1_000);
  assert.deepEqual(big.droppedData, ['good', 'total']);
  assert.deepEqual((await decodeState(big.hash)).source, { kind: 'paste', inputs: {} });
  const kept = await shareableState(state);
  assert.deepEqual(kept.droppedData, []);
  assert.deepEqual(await decodeState(kept.hash), state);
});

test('base64url round-trips every byte value and large inputs', () => {
  const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7919) % 256);
  const text = toBase64Url(bytes);
  assert.doesNotMatch(text, /[+/=]/);
  assert.deepEqual(fromBase64Url(text), bytes);
});

async function compress(data) {
  const input = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const stream = new Blob([input]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
