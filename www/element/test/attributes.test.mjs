import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  atProperty,
  headersProperty,
  parseAt,
  parseDuration,
  parseRefresh,
  parseTheme,
  parseTimeout,
} from '../src/attributes.js';

test('durations as slogate writes them', () => {
  assert.equal(parseDuration('30s'), 30_000);
  assert.equal(parseDuration('1m'), 60_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration(' 250ms '), 250);
  assert.equal(parseDuration('1w'), 604_800_000);
  assert.equal(parseDuration('1m30s'), 90_000);
});

test('what is not a duration is refused with the text and the expected form', () => {
  for (const bad of ['', '5', 'm', '5 minutes', '1.5h', '-5m', '0s', '1y', '5M', 'x1m', '1m x']) {
    assert.throws(() => parseDuration(bad), /is not a duration/, bad);
  }
  assert.throws(() => parseDuration('30m1h'), /largest first/);
  assert.throws(() => parseDuration('5m5m'), /each unit once/);
  assert.throws(() => parseDuration('99999999999999999999d'), /too long/);
  assert.throws(() => parseDuration('5 minutes'), /"5 minutes" is not a duration: .*like 30s/);
});

test('refresh: default 1m, off, at least 1s', () => {
  assert.equal(parseRefresh(null), 60_000);
  assert.equal(parseRefresh(''), 60_000);
  assert.equal(parseRefresh('off'), null);
  assert.equal(parseRefresh('OFF'), null);
  assert.equal(parseRefresh('15s'), 15_000);
  assert.throws(() => parseRefresh('500ms'), /too short/);
  assert.throws(() => parseRefresh('soon'), /not a duration/);
});

test('timeout: default 30s', () => {
  assert.equal(parseTimeout(null), 30_000);
  assert.equal(parseTimeout('5s'), 5_000);
  assert.throws(() => parseTimeout('off'), /not a duration/);
});

test('at: RFC 3339 with an offset, or null for now', () => {
  assert.equal(parseAt(null), null);
  assert.equal(parseAt(''), null);
  assert.equal(parseAt('2026-02-20T14:05:00Z'), Date.parse('2026-02-20T14:05:00Z'));
  assert.equal(parseAt('2026-02-20T15:05:00+01:00'), Date.parse('2026-02-20T14:05:00Z'));
  assert.equal(parseAt('2026-02-20 14:05:00.5Z'), Date.parse('2026-02-20T14:05:00.5Z'));
  for (const bad of ['2026-02-20', '2026-02-20T14:05:00', 'yesterday', '2026-13-40T00:00:00Z']) {
    assert.throws(() => parseAt(bad), /not an RFC 3339 instant/, bad);
  }
});

test('the at property: epoch ms, a Date or null', () => {
  assert.equal(atProperty(null), null);
  assert.equal(atProperty(undefined), null);
  assert.equal(atProperty(1_771_596_300_000), 1_771_596_300_000);
  assert.equal(atProperty(new Date(5)), 5);
  assert.throws(() => atProperty('2026-02-20T14:05:00Z'), /epoch milliseconds/);
  assert.throws(() => atProperty(1.5), /whole number/);
  assert.throws(() => atProperty(NaN), /epoch milliseconds/);
});

test('theme: light, dark, else auto', () => {
  assert.equal(parseTheme('dark'), 'dark');
  assert.equal(parseTheme(' Light '), 'light');
  assert.equal(parseTheme(null), 'auto');
  assert.equal(parseTheme('solarized'), 'auto');
});

test('headers: an object of strings, or a TypeError naming the header', () => {
  assert.deepEqual(headersProperty({ 'X-Scope-OrgID': 'tenant-1' }), { 'X-Scope-OrgID': 'tenant-1' });
  assert.deepEqual(headersProperty(null), {});
  assert.throws(() => headersProperty({ 'X-Scope-OrgID': 1 }), /"X-Scope-OrgID" must be a string/);
  assert.throws(() => headersProperty('X-Scope-OrgID: 1'), /expected an object/);
  assert.throws(() => headersProperty([['a', 'b']]), /expected an object/);
});
