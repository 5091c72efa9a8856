// A small policy with data whose report has every part the charts draw:
// a burn-down over a week, the default alert catalog, an incident.

export { loadEngine } from './helpers.mjs';

/** 99.9% over a rolling week, the default alert catalog, a freeze rule. */
export const POLICY = `apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: chart-test}
spec:
  slos:
    - name: api
      objective: 99.9%
      window: {rolling: 7d}
      sli: {ratio: {good: good, total: total}}
  policy:
    levels: [healthy, warning, freeze]
    rules:
      - {level: warning, when: "remaining < 50%"}
      - {level: freeze, when: "burn_rate(1h) > 14.4"}
`;

export const AT = Date.parse('2026-03-02T00:00:00Z');

/**
 * Eight days of minutes at 10 requests/s, all good but for an incident of
 * `incidentMinutes` at 5% errors ending `endsBeforeAt` minutes before AT
 * (30 minutes spend 900 of the week's 6,048 allowed bad requests).
 */
export function series({ incidentMinutes = 30, endsBeforeAt = 60 } = {}) {
  const n = 8 * 1440 + 1;
  const start = AT - 8 * 86_400_000;
  const times = Float64Array.from({ length: n }, (_, i) => start + i * 60_000);
  const total = new Float64Array(n).fill(10);
  const good = new Float64Array(n).fill(10);
  for (let k = 0; k < incidentMinutes; k += 1) good[n - 1 - endsBeforeAt - k] = 9.5;
  return [
    { name: 'good', times, values: good },
    { name: 'total', times, values: total },
  ];
}
