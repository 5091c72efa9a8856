import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertSegments, currentState, formatInstant, timelineSegments } from '@slogate/view';
import { LEVELS, heldSlo, slo } from './fixture.mjs';

const UTC = { timeZone: 'UTC' };
const ms = (/** @type {string} */ iso) => Date.parse(iso);

test('segments carry rank, severity and their place in the window', () => {
  const segments = timelineSegments(slo(), LEVELS);
  assert.deepEqual(
    segments.map((s) => [s.level, s.rank, s.severity, s.alerts]),
    [
      ['healthy', 0, 'ok', []],
      ['warning', 1, 'warn', []],
      ['critical', 2, 'critical', ['page']],
      ['critical', 2, 'critical', ['page']],
    ],
  );
  // The window is 19d14h5m = 1,692,300 s; Feb 10 is 9 days = 777,600 s in.
  assert.equal(segments[0]?.start, 0);
  assert.equal(segments[0]?.end, 777_600 / 1_692_300);
  assert.equal(segments[1]?.start, 777_600 / 1_692_300);
  assert.equal(segments[3]?.end, 1);
  assert.deepEqual(segments[3]?.reasons, ['remaining <= 50%', 'burn_rate(30m) > 5', 'burn_rate(30m) > 10']);
});

test('the current state: since the first point of the level\'s last run, because its rules', () => {
  // The critical run starts with the segment after 13:05; its first point is 13:35.
  const state = currentState(slo(), LEVELS, UTC);
  assert.equal(state.text, 'critical since Fri 13:35, because burn_rate(30m) > 5 and burn_rate(30m) > 10');
  assert.equal(state.since, ms('2026-02-20T13:35:00Z'));
  assert.equal(state.severity, 'critical');
  assert.equal(state.rank, 2);
  assert.deepEqual(state.reasons, [
    { when: 'burn_rate(30m) > 5', value: '166.667', action: 'Stop feature work, fix reliability' },
    { when: 'burn_rate(30m) > 10', value: '166.667', action: null },
  ]);
});

test('the time zone is the host\'s choice', () => {
  // February: Kolkata is UTC+5:30, New York UTC−5.
  assert.match(currentState(slo(), LEVELS, { timeZone: 'Asia/Kolkata' }).text, /^critical since Fri 19:05,/);
  assert.match(currentState(slo(), LEVELS, { timeZone: 'America/New_York' }).text, /^critical since Fri 08:35,/);
});

test('without the burn-down\'s times, "since after" the last point before the level', () => {
  const s = slo();
  s.burndown = { t: [], remainingRatio: [], burnRates: {} };
  assert.match(currentState(s, LEVELS, UTC).text, /^critical since after Fri 13:05, because/);
});

test('a level held over the whole window is "since at least" its first point', () => {
  const s = slo();
  s.level = 'healthy';
  s.reasons = [];
  s.timeline = [{ from: ms('2026-02-01T00:00:00Z'), to: ms('2026-02-20T14:05:00Z'), level: 'healthy', reasons: [], alerts: [] }];
  const state = currentState(s, LEVELS, UTC);
  // Feb 10 is more than six days before Feb 20: with the date.
  assert.equal(state.text, 'healthy since at least Tue 10 Feb 00:00');
  assert.equal(state.sinceAtLeast, true);
});

test('without a timeline: the level and its reasons, no "since"', () => {
  const s = slo();
  s.timeline = [];
  const state = currentState(s, LEVELS, UTC);
  assert.equal(state.text, 'critical, because burn_rate(30m) > 5 and burn_rate(30m) > 10');
  assert.equal(state.since, null);
});

test('text from the policy stays text; controls become visible', () => {
  const s = slo();
  const hostile = '<img src=x onerror=alert(1)>\u202e\n';
  s.level = hostile;
  s.reasons = [{ level: hostile, when: 'remaining < 50%', value: 0.3, action: hostile }];
  s.timeline = [{ ...s.timeline[0], level: hostile, reasons: [hostile], alerts: [hostile] }];
  const levels = ['healthy', hostile];
  const shown = '<img src=x onerror=alert(1)>\\u{202e}\\n';
  const state = currentState(s, levels, UTC);
  assert.equal(state.level, shown);
  assert.equal(state.reasons[0]?.action, shown);
  assert.equal(state.severity, 'critical');
  const [segment] = timelineSegments(s, levels);
  assert.deepEqual([segment?.level, segment?.reasons, segment?.alerts], [shown, [shown], [shown]]);
});

test('instants: weekday within six days, the date further back, the year when it differs', () => {
  const reference = ms('2026-02-20T14:05:00Z');
  assert.equal(formatInstant(ms('2026-02-20T14:05:00Z'), { ...UTC, reference }), 'Fri 14:05');
  assert.equal(formatInstant(ms('2026-02-15T00:00:00Z'), { ...UTC, reference }), 'Sun 00:00');
  assert.equal(formatInstant(ms('2026-02-03T09:30:00Z'), { ...UTC, reference }), 'Tue 3 Feb 09:30');
  assert.equal(formatInstant(ms('2025-12-31T23:30:00Z'), { timeZone: 'Europe/Paris', reference }), 'Thu 1 Jan 00:30');
  assert.equal(formatInstant(ms('2025-12-31T23:30:00Z'), { ...UTC, reference }), 'Wed 31 Dec 2025 23:30');
});

test('alert runs: adjacent firing segments merge, gaps split, an alert that never fired has none', () => {
  const s = slo();
  s.alerts.push({ name: 'ticket<b>', severity: 'ticket\u202e', firing: false, state: 'inactive', for: null, pendingSince: null, pairs: [] });
  // page fires in the warning segment too, then a gap in a new healthy segment, then again.
  s.timeline = [
    { from: ms('2026-02-01T00:00:00Z'), to: ms('2026-02-10T00:00:00Z'), level: 'healthy', reasons: [], alerts: [] },
    { from: ms('2026-02-10T00:00:00Z'), to: ms('2026-02-15T00:00:00Z'), level: 'warning', reasons: [], alerts: ['page'] },
    { from: ms('2026-02-15T00:00:00Z'), to: ms('2026-02-16T00:00:00Z'), level: 'critical', reasons: [], alerts: ['page'] },
    { from: ms('2026-02-16T00:00:00Z'), to: ms('2026-02-20T13:05:00Z'), level: 'healthy', reasons: [], alerts: [] },
    { from: ms('2026-02-20T13:05:00Z'), to: ms('2026-02-20T14:05:00Z'), level: 'critical', reasons: [], alerts: ['page'] },
  ];
  const [page, ticket] = alertSegments(s);
  assert.equal(page?.name, 'page');
  assert.equal(page?.firing, true);
  assert.deepEqual(
    page?.runs.map((r) => [r.from, r.to]),
    [
      [ms('2026-02-10T00:00:00Z'), ms('2026-02-16T00:00:00Z')],
      [ms('2026-02-20T13:05:00Z'), ms('2026-02-20T14:05:00Z')],
    ],
  );
  assert.equal(page?.runs[0]?.start, 777_600 / 1_692_300);
  assert.equal(page?.runs[1]?.end, 1);
  assert.deepEqual(ticket, {
    name: 'ticket<b>',
    severity: 'ticket\\u{202e}',
    firing: false,
    state: 'inactive',
    runs: [],
    pendingRuns: [],
  });
});

test('formatInstant keeps its formatters per locale and zone: the same text through many zones, an unknown zone still an error', () => {
  const at = ms('2026-02-20T14:05:00Z');
  const zones = Intl.supportedValuesOf('timeZone').slice(0, 40);
  const first = zones.map((timeZone) => formatInstant(at, { timeZone }));
  // Past the formatters kept (32), the first ones are built again: same text.
  assert.deepEqual(zones.map((timeZone) => formatInstant(at, { timeZone })), first);
  assert.equal(formatInstant(at, { timeZone: 'UTC', reference: at }), 'Fri 14:05');
  assert.equal(formatInstant(at, { timeZone: 'Asia/Tokyo', locale: 'de-DE', reference: at }), 'Fr. 23:05');
  assert.throws(() => formatInstant(at, { timeZone: 'Mars/Olympus_Mons' }), /Mars\/Olympus_Mons/);
  assert.throws(() => formatInstant(at, { timeZone: 'Mars/Olympus_Mons' }), /Mars\/Olympus_Mons/);
});

test('pending alerts are kept apart from firing ones', () => {
  const s = heldSlo();
  assert.deepEqual(
    timelineSegments(s, LEVELS).map((x) => [x.alerts, x.pending]),
    [
      [[], []],
      [[], []],
      [['page'], []],
      [['page'], ['ticket']],
    ],
  );
  const [page, ticket] = alertSegments(s);
  assert.equal(page.state, 'firing');
  assert.deepEqual(page.pendingRuns, []);
  assert.equal(ticket.state, 'pending');
  assert.deepEqual(ticket.runs, []);
  assert.deepEqual(
    ticket.pendingRuns.map((r) => [r.from, r.to]),
    [[ms('2026-02-20T13:35:00Z'), ms('2026-02-20T14:05:00Z')]],
  );
});
