// The history the Prometheus tests backfill: the two data sets of
// scripts/prometheus-test.sh (which the Rust suite's tests/prometheus.rs and
// tests/prometheus_plan.rs work their numbers out from), generated the same
// way, sample for sample, as OpenMetrics text for `promtool tsdb
// create-blocks-from openmetrics` (the 20-day history also as CSV files).

/** The end of the two-day data set: 2026-03-02T12:00:00Z. */
export const HTTP_END = Date.UTC(2026, 2, 2, 12);

/** The end of the 20-day history: 2026-03-10T12:00:00Z. */
export const HISTORY_END = Date.UTC(2026, 2, 10, 12);

/**
 * The policy of tests/prometheus.rs on `httpRequests()`: rates (over 5
 * minutes, the plan's step), a groupBy route and raw counters on a rolling
 * day, alerts page and ticket. The tests that read this data derive their
 * variants from it.
 */
export const HTTP_POLICY = `apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: http-api, service: api}
spec:
  defaults:
    objective: 99%
    window: {rolling: 1d}
    alerting:
      - name: page
        severity: page
        windows: [{long: 1h, short: 30m, budget: 50%}]
      - name: ticket
        severity: ticket
        windows: [{long: 6h, short: 30m, budget: 100%}]
  slos:
    - name: availability
      sli:
        ratio:
          good: {name: ok_rate, query: 'sum(rate(http_requests_total{code!~"5.."}[5m]))', kind: rate}
          total: {name: all_rate, query: 'sum(rate(http_requests_total[5m]))', kind: rate}
    - name: availability-by-route
      groupBy: [route]
      sli:
        ratio:
          good: {name: ok_by_route, query: 'sum by (route) (rate(http_requests_total{code!~"5.."}[5m]))'}
          total: {name: all_by_route, query: 'sum by (route) (rate(http_requests_total[5m]))'}
    - name: availability-counter
      sli:
        ratio:
          bad: {name: errors_total, query: 'sum(http_requests_total{code=~"5.."})', kind: counter}
          total: {name: requests_total, query: 'sum(http_requests_total)', kind: counter}
  policy:
    levels: [healthy, warning, freeze, breach]
    rules:
      - {level: warning, when: "remaining < 50%", action: Prioritize reliability}
      - {level: freeze, when: "remaining < 10%", action: Feature freeze}
      - {level: freeze, when: "burn_rate(1h) > 10", action: Feature freeze}
      - {level: breach, when: "remaining <= 0", action: Incident response}
`;

/**
 * Two days of `http_requests_total`, one scrape every 15 s ending at `end`
 * (epoch ms), three counters: {code="200",route="/api"} +20 a scrape,
 * {code="500",route="/api"} +0, {code="200",route="/health"} +5 — 100
 * requests a minute. Incident A, (T − 36h, T − 36h + 10m]: every /api
 * request fails; incident B, (T − 40m, T − 10m]: half of them. At T − 12h
 * every counter restarts from 0.
 */
export function httpRequests(end = HTTP_END) {
  const T = end / 1000;
  const lines = ['# HELP http_requests Requests served, by status code and route.', '# TYPE http_requests counter'];
  let [api200, api500, health200] = [123456, 789, 4242];
  for (let k = 0; k <= (2 * 86400) / 15; k++) {
    const t = T - 2 * 86400 + 15 * k;
    const s = t - T;
    if (k > 0) {
      if (s === -43200 + 15) [api200, api500, health200] = [0, 0, 0];
      if (s > -129600 && s <= -129600 + 600) api500 += 20;
      else if (s > -2400 && s <= -600) {
        api200 += 10;
        api500 += 10;
      } else api200 += 20;
      health200 += 5;
    }
    lines.push(
      `http_requests_total{code="200",route="/api"} ${api200} ${t}`,
      `http_requests_total{code="500",route="/api"} ${api500} ${t}`,
      `http_requests_total{code="200",route="/health"} ${health200} ${t}`,
    );
  }
  return lines;
}

/**
 * 20 days of `plan_requests_total` and `plan_errors_total`, one sample every
 * 5 m ending at `end`: 1000 requests each 5 m; errors each 5 m: 42 in
 * (H − 13d, H − 13d + 12h], 500 in (H − 10.5d, H − 10.5d + 6h], 200 in
 * (H − 2d, H − 2d + 1h]; at H − 5d both counters restart from 0.
 * `{requests, errors}`: the CSV files (`time,value`, epoch seconds).
 */
export function planHistory(end = HISTORY_END) {
  const T = end / 1000;
  const requests = ['time,value'];
  const errors = ['time,value'];
  let [r, e] = [5000000, 1234];
  for (let k = 0; k <= 20 * 288; k++) {
    const t = T - 20 * 86400 + 300 * k;
    const s = t - T;
    if (k > 0) {
      if (s === -5 * 86400) [r, e] = [0, 0];
      let bad = 0;
      if (s > -13 * 86400 && s <= -13 * 86400 + 43200) bad = 42;
      else if (s > -907200 && s <= -907200 + 21600) bad = 500;
      else if (s > -2 * 86400 && s <= -2 * 86400 + 3600) bad = 200;
      r += 1000;
      e += bad;
    }
    requests.push(`${t},${r}`);
    errors.push(`${t},${e}`);
  }
  return { requests: `${requests.join('\n')}\n`, errors: `${errors.join('\n')}\n` };
}

/** CSV `time,value` files as OpenMetrics counter lines named `name`. */
export function csvAsOpenMetrics(name, csv) {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [t, v] = line.split(',');
      return `${name} ${v} ${t}`;
    });
}

/** Both data sets as one OpenMetrics document, as the script writes it. */
export function testHistory() {
  const { requests, errors } = planHistory();
  return [
    ...httpRequests(),
    '# TYPE plan_requests counter',
    ...csvAsOpenMetrics('plan_requests_total', requests),
    '# TYPE plan_errors counter',
    ...csvAsOpenMetrics('plan_errors_total', errors),
    '# EOF',
    '',
  ].join('\n');
}
