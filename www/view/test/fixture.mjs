// A report written by hand after the MTOS example at 2026-02-20T14:05Z
// (examples/README.md: February at 99.9% on one-minute timeslices allows
// 40m19.2s; 28 bad minutes spent), trimmed to what the views read. A fresh
// copy per call, so a test may change it.

const ms = (/** @type {string} */ iso) => Date.parse(iso);

export const LEVELS = ['healthy', 'warning', 'critical', 'breach'];

/** @returns {import('@slogate/engine').Report} */
export function report() {
  return {
    policy: 'mtos-tasks',
    at: '2026-02-20T14:05:00Z',
    level: 'critical',
    levels: [...LEVELS],
    slos: [slo()],
  };
}

/** @returns {import('@slogate/engine').SloReport} */
export function slo() {
  return {
    name: 'task-availability',
    group: {},
    objective: 0.999,
    window: { start: '2026-02-01T00:00:00Z', end: '2026-02-20T14:05:00Z', periodSeconds: 2419200 },
    coverage: 1,
    sli: 0.9990072682148555,
    budget: {
      unit: 'seconds',
      allowed: 2419.2,
      consumed: 1680,
      remaining: 739.1999999999998,
      remainingRatio: 0.3055555555555556,
    },
    burnRates: { '5m': 1000, '30m': 166.66666666666666, '1h': 83.33333333333333, '3d': null },
    consumedIn: {},
    alerts: [
      {
        name: 'page',
        severity: 'page',
        firing: true,
        state: 'firing',
        for: null,
        pendingSince: null,
        pairs: [
          { long: '1h', short: '5m', budget: 0.02, factor: 13.44, fixedFactor: false, longBurn: 83.33333333333333, shortBurn: 1000, firing: true },
        ],
      },
    ],
    forecastWindow: '1h',
    timeToExhaustionSeconds: 8870.400000000001,
    level: 'critical',
    reasons: [
      { level: 'warning', when: 'remaining <= 50%', value: 0.3055555555555556, action: 'Prioritize reliability over features' },
      { level: 'critical', when: 'burn_rate(30m) > 5', value: 166.66666666666666, action: 'Stop feature work, fix reliability' },
      { level: 'critical', when: 'burn_rate(30m) > 10', value: 166.66666666666666, action: null },
    ],
    burndown: {
      t: [ms('2026-02-10T00:00:00Z'), ms('2026-02-20T13:05:00Z'), ms('2026-02-20T13:35:00Z'), ms('2026-02-20T14:05:00Z')],
      remainingRatio: [0.9, 0.4, 0.35, 0.3055555555555556],
      burnRates: {},
    },
    timeline: [
      { from: ms('2026-02-01T00:00:00Z'), to: ms('2026-02-10T00:00:00Z'), level: 'healthy', reasons: [], alerts: [], pending: [] },
      { from: ms('2026-02-10T00:00:00Z'), to: ms('2026-02-20T13:05:00Z'), level: 'warning', reasons: ['remaining <= 50%'], alerts: [], pending: [] },
      {
        from: ms('2026-02-20T13:05:00Z'),
        to: ms('2026-02-20T13:35:00Z'),
        level: 'critical',
        reasons: ['remaining <= 50%', 'burn_rate(30m) > 5'],
        alerts: ['page'],
        pending: [],
      },
      {
        from: ms('2026-02-20T13:35:00Z'),
        to: ms('2026-02-20T14:05:00Z'),
        level: 'critical',
        reasons: ['remaining <= 50%', 'burn_rate(30m) > 5', 'burn_rate(30m) > 10'],
        alerts: ['page'],
        pending: [],
      },
    ],
    warnings: [],
  };
}

/**
 * The same SLO with a second alert, `ticket`, held for 15m (`for`): pending
 * since 13:55, 10 minutes before the evaluation, and pending over the
 * timeline's last segment.
 */
export function heldSlo() {
  const s = slo();
  s.alerts.push({
    name: 'ticket',
    severity: 'ticket',
    firing: false,
    state: 'pending',
    for: '15m',
    pendingSince: ms('2026-02-20T13:55:00Z'),
    pairs: [{ long: '1d', short: null, budget: 0.1, factor: 2.8, fixedFactor: true, longBurn: 3.1, shortBurn: null, firing: true }],
  });
  const last = s.timeline[3];
  if (last) last.pending = ['ticket'];
  return s;
}

/** The same SLO budgeted in events, overspent. */
export function eventsSlo() {
  const s = slo();
  s.budget = { unit: 'events', allowed: 1234.5, consumed: 1300, remaining: -65.5, remainingRatio: -0.053 };
  s.timeToExhaustionSeconds = 0;
  return s;
}
