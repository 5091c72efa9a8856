// Policies and data written for the <slo-gate> tests: one whose every name
// is markup (it must show as text), and one SLO split into many groups.

import { HTTP_POLICY, httpRequests } from '../src/prometheus-data.mjs';

/** Every name a policy lets a user choose, written as markup. */
export const MARKUP_POLICY = `
apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: "<b>policy</b>"}
spec:
  slos:
    - name: "<img src=x onerror=alert(1)>"
      objective: 99%
      window: {rolling: 1h}
      groupBy: [svc]
      sli: {ratio: {good: good, total: total}}
      alerting:
        - {name: "<i>page</i>", severity: "<b>sev</b>", windows: [{long: 1h, short: 5m, budget: 2%}]}
  policy:
    levels: ["<i>ok</i>", "<b>freeze</b>"]
    rules:
      - {level: "<b>freeze</b>", when: "remaining < 50%", action: "<script>alert(1)</script> <b>stop</b>"}
`;

/** An hour of minutes for one group labelled with markup: 90% good (overspent). */
export function markupSeries() {
  const times = Array.from({ length: 61 }, (_, i) => i * 60_000);
  const labels = { svc: '<img src=y onerror=alert(2)>' };
  return [
    { name: 'total', times, values: times.map(() => 10), labels },
    { name: 'good', times, values: times.map(() => 9), labels },
  ];
}

/**
 * One SLO grouped by service into `n` instances over a rolling day, two
 * days of 5-minute data, each service with its own error ratio and some
 * with an incident, so the instances spread over the three levels.
 */
export function manyGroups(n) {
  const at = Date.parse('2026-03-02T12:00:00Z');
  const step = 300_000;
  const start = at - 2 * 86_400_000;
  const times = [];
  for (let t = start; t <= at; t += step) times.push(t);
  const policy = `
apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: fleet}
spec:
  slos:
    - name: api
      objective: 99.9%
      window: {rolling: 1d}
      groupBy: [service]
      sli: {ratio: {good: good, total: total}}
  policy:
    levels: [healthy, warning, freeze]
    rules:
      - {level: warning, when: "remaining < 50%", action: "Prioritise reliability work"}
      - {level: freeze, when: "remaining < 10%", action: "Freeze feature releases"}
`;
  const series = [];
  for (let g = 0; g < n; g += 1) {
    const labels = { service: `svc-${String(g).padStart(2, '0')}` };
    // Base error share 0..0.08% by service; every 4th has an incident.
    const base = (g % 9) * 0.0001;
    const incident = g % 4 === 0 ? { from: at - (3 + (g % 7)) * 3_600_000, to: at - (2 + (g % 7)) * 3_600_000, share: 0.002 * (1 + (g % 5)) } : null;
    const total = times.map(() => 100);
    const good = times.map((t) => 100 * (1 - base - (incident && t > incident.from && t <= incident.to ? incident.share : 0)));
    series.push({ name: 'total', times, values: total, labels, kind: 'rate' }, { name: 'good', times, values: good, labels, kind: 'rate' });
  }
  return { policy, series, at };
}

/** The end of the Prometheus test data (as scripts/prometheus-test.sh). */
export const PROMETHEUS_AT = '2026-03-02T12:00:00Z';

/**
 * The policy of tests/prometheus.rs: ratio SLIs through rate(), increase()
 * and raw counters, one grouped by route, on a rolling day.
 */
export const PROMETHEUS_POLICY = HTTP_POLICY.replaceAll('[5m]', '[1m]').replace(
  '  policy:\n',
  `    - name: error-minutes
      budgeting: timeslices
      sli:
        ratio:
          bad: {name: errors_1m, query: 'sum(increase(http_requests_total{code=~"5.."}[1m]))', kind: increase}
          total: {name: requests_1m, query: 'sum(increase(http_requests_total[1m]))', kind: increase}
  policy:
`,
);

/**
 * Two days of http_requests_total as OpenMetrics, scraped every 15 s up to
 * PROMETHEUS_AT — the data of scripts/prometheus-test.sh, from its one home
 * (src/prometheus-data.mjs): 100 requests a minute (/api 80, /health 20);
 * incident A (T−36h, T−36h+10m] all /api fail; incident B (T−40m, T−10m]
 * half of /api fails; every counter restarts at T−12h.
 */
export function httpRequestsOpenMetrics() {
  return [...httpRequests(Date.parse(PROMETHEUS_AT)), '# EOF', ''].join('\n');
}
