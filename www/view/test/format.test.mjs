// Expected texts are the terminal report's (src/report/text.rs tests) or
// worked out by hand in the comments, never this module's output.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  fixed,
  formatBudget,
  formatDuration,
  formatEvents,
  formatNumber,
  formatObjective,
  formatPercent,
  formatRate,
  formatReasonValue,
  formatSli,
  formatWindow,
} from '@slogate/view';

test('durations as the terminal report writes them (text.rs human_durations)', () => {
  for (const [s, want] of [
    [2419.2, '40m19.2s'],
    [739.2, '12m19.2s'],
    [739.1999999999998, '12m19.2s'],
    [2419.96, '40m20s'],
    [1680, '28m'],
    [0.5, '0.5s'],
    [0, '0s'],
    [90061, '1d1h1m1s'],
    [-120, '-2m'],
    // 2h = 7200, 27m = 1620, 50.4 s left.
    [8870.400000000001, '2h27m50.4s'],
    // 59.96 to one decimal is 60.0; the "< 60 s" branch keeps it in seconds.
    [59.96, '60s'],
    // 36002.5 tenths round half away from zero to 36003: 1h and 0.3 s.
    [3600.25, '1h0.3s'],
    // Weeks are written as days: 8 days and 1 hour.
    [694800, '8d1h'],
  ]) {
    assert.equal(formatDuration(s), want, `${s}`);
  }
});

test('durations never show NaN or Infinity', () => {
  for (const x of [null, NaN, Infinity, -Infinity]) assert.equal(formatDuration(x), 'no data');
  // Finite however large: digits, no exponent.
  assert.match(formatDuration(1e300), /^\d+d\d+h\d+m[\d.]+s$/);
});

test('rounding is Rust\'s: exact ties go to even, no exponent', () => {
  // 0.25, 2.5, 3.5, 0.125 are exact binary fractions, so exact ties.
  assert.equal(fixed(0.25, 1), '0.2');
  assert.equal(fixed(2.5, 0), '2');
  assert.equal(fixed(3.5, 0), '4');
  assert.equal(fixed(0.125, 2), '0.12');
  assert.equal(fixed(-0.25, 1), '-0.2');
  // 0.35 is 0.34999999999999997…: below the tie.
  assert.equal(fixed(0.35, 1), '0.3');
  assert.equal(fixed(1e21, 2), '1000000000000000000000.00');
  assert.equal(fixed(2 ** 70, 0), '1180591620717411303424');
  assert.equal(formatDuration(0.25), '0.2s');
});

test('windows and periods in the policy\'s notation (duration.rs format_duration)', () => {
  for (const [s, want] of [
    [2419200, '28d'],
    [604800, '7d'],
    [5400, '1h30m'],
    [300, '5m'],
    [1.5, '1s500ms'],
    // 743 hours: the New York March with its DST change.
    [743 * 3600, '30d23h'],
    [0, '0s'],
  ]) {
    assert.equal(formatWindow(s), want, `${s}`);
  }
  assert.equal(formatWindow(null), 'no data');
});

test('shares, rates and numbers (text.rs percent, rate, trimmed)', () => {
  assert.equal(formatPercent(0.3055555555555556), '30.6%');
  assert.equal(formatPercent(-0.053), '-5.3%');
  assert.equal(formatPercent(-0.0001), '0.0%');
  assert.equal(formatPercent(1), '100.0%');
  assert.equal(formatPercent(1e308), 'no data');
  assert.equal(formatPercent(null), 'no data');
  assert.equal(formatRate(0), '0');
  assert.equal(formatRate(14.4), '14.40');
  assert.equal(formatRate(0.001234), '0.00123');
  assert.equal(formatRate(166.66666666666666), '166.67');
  assert.equal(formatRate(NaN), 'no data');
  assert.equal(formatNumber(13.44, 2), '13.44');
  assert.equal(formatNumber(6, 2), '6');
  assert.equal(formatNumber(-0.0001, 2), '0');
  assert.equal(formatObjective(0.999), '99.9%');
  // 99.90072682… to four decimals.
  assert.equal(formatSli(0.9990072682148555), '99.9007%');
  assert.equal(formatSli(1), '100%');
  assert.equal(formatSli(null), 'no data');
  assert.equal(formatObjective(1 - 0.999), '0.1%');
  assert.equal(formatObjective(0.02), '2%');
});

test('budgets in their unit: events are a count, seconds a duration', () => {
  assert.equal(formatBudget(2419.2, 'seconds'), '40m19.2s');
  assert.equal(formatBudget(-65.5, 'seconds'), '-1m5.5s');
  assert.equal(formatBudget(1234.5, 'events'), '1234.5 events');
  assert.equal(formatBudget(-65.5, 'events'), '-65.5 events');
  assert.equal(formatBudget(null, 'events'), 'no data');
  assert.equal(formatEvents(1), '1 event');
  assert.equal(formatEvents(1300), '1300 events');
  // Two decimals at most: 2.675 is 2.67499999999999982… in binary.
  assert.equal(formatEvents(2.675), '2.67 events');
});

test("a reason's value in its rule's unit (text.rs reasons_align_and_show_values_in_their_unit)", () => {
  assert.equal(formatReasonValue('remaining < 10%', 0.072), '7.2%');
  assert.equal(formatReasonValue('remaining < 50%', 0.3055), '30.55%');
  assert.equal(formatReasonValue('burn_rate(30m) > 5', 7.25), '7.25');
  assert.equal(formatReasonValue('time_to_exhaustion < 3d', 3600 * 30), '1d6h');
  // Matched with no comparison holding: no number, and not "no data".
  assert.equal(formatReasonValue('not (coverage > 90%)', null), null);
  assert.equal(formatReasonValue('alert(page)', null), null);
  assert.equal(formatReasonValue('not (coverage > 90%)', 0.85), '85%');
});

test('fixed: the fast path agrees with ties-to-even on the exact decimal expansion', () => {
  // Oracle: the double's exact digits (toFixed(100) is exact below 1e21),
  // rounded half to even by hand.
  const exact = (/** @type {number} */ x, /** @type {number} */ d) => {
    const long = x.toFixed(100);
    const dot = long.indexOf('.');
    const kept = BigInt(long.slice(0, dot) + long.slice(dot + 1, dot + 1 + d));
    const rest = long.slice(dot + 1 + d);
    const up = rest[0] > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || kept % 2n === 1n));
    const text = (kept + (up ? 1n : 0n)).toString().padStart(d + 1, '0');
    return d > 0 ? `${text.slice(0, text.length - d)}.${text.slice(text.length - d)}` : text;
  };
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  for (let i = 0; i < 20000; i += 1) {
    const d = i % 7;
    // Every third value sits on a tie of its decimals (or the double nearest one).
    const x = i % 3 === 0 ? (Math.round(random() * 1e6) + 0.5) / 10 ** d : random() * 10 ** (i % 9);
    assert.equal(fixed(x, d), exact(x, d), `${x} to ${d}`);
  }
});

test('parseDuration reads slogate durations, the inverse of formatWindow', async () => {
  const { parseDuration, formatWindow } = await import('../index.js');
  assert.equal(parseDuration('30s'), 30_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('250ms'), 250);
  assert.equal(parseDuration(formatWindow(2_419_200)), 2_419_200_000);
  for (const bad of ['', ' 1h', '1h ', '1', 'h', '1y', '1.5h', '0s', '-1m']) {
    assert.throws(() => parseDuration(bad), /not a duration/, JSON.stringify(bad));
  }
  assert.throws(() => parseDuration('30m1h'), /largest first/);
  assert.throws(() => parseDuration('1x', ' 1x '), /" 1x " is not a duration/);
  assert.throws(() => parseDuration('99999999999999999w'), /too long/);
});
