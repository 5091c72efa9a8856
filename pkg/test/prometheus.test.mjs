// fetchPlannedSeries against the real Prometheus (Debian's package, started
// by www/browser/src/prometheus.mjs on the history scripts/prometheus-test.sh
// backfills for the Rust suite): the series it fetches by a plan, evaluated
// by the WebAssembly engine, give the report `slogate eval --prometheus`
// prints for the same policy and instant, byte for byte; a range of more than
// 11,000 points is split and gives the same report; Prometheus' own PromQL
// errors and empty results come back as PrometheusErrors that say so.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Engine } from '@slogate/engine';
import { MAX_POINTS, PrometheusError, fetchPlannedSeries } from '@slogate/engine/prometheus';
import { startPrometheus } from '../../www/browser/src/prometheus.mjs';
import { HTTP_POLICY, testHistory } from '../../www/browser/src/prometheus-data.mjs';
import { cliRun, load } from './helpers.mjs';

/** tests/prometheus_plan.rs: a rolling 7d, a calendar month and rolling 1d timeslices on two counters. */
const HISTORY = `apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: history}
spec:
  defaults:
    sli:
      ratio:
        bad: {name: errors, query: plan_errors_total, kind: counter}
        total: {name: requests, query: plan_requests_total, kind: counter}
    alerting:
      - name: page
        severity: page
        windows: [{long: 1h, short: 5m, budget: 10%}]
  slos:
    - name: rolling
      objective: 99.9%
      window: {rolling: 7d}
    - name: calendar
      objective: 99%
      window: {calendar: month}
    - name: slices
      objective: 99%
      window: {rolling: 1d}
      budgeting: timeslices
      slice: 5m
      sliceTarget: 95%
  policy:
    levels: [healthy, warning, freeze]
    rules:
      - {level: warning, when: "burn_rate(3d) > 2"}
      - {level: warning, when: "remaining < 50%"}
      - {level: freeze, when: "burn_rate(1h) > 14.4"}
`;
const HISTORY_AT = '2026-03-10T12:00:00Z';

/** HTTP_POLICY (www/browser/src/prometheus-data.mjs) is evaluated at the end of its data. */
const HTTP_AT = '2026-03-02T12:00:00Z';

/** The history policy with 1-minute slices: planned at a 1m step, 14 days back, over 11,000 points a series. */
const FINE = HISTORY.replace('slice: 5m', 'slice: 1m');

let prometheus;
let dir;

before(async () => {
  load();
  dir = mkdtempSync(join(tmpdir(), 'slogate-prometheus-test-'));
  prometheus = await startPrometheus({ openMetrics: testHistory() });
});

after(async () => {
  await prometheus?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `slogate eval POLICY --at AT --prometheus URL --format json`: the compact report, or the CLI's stderr. */
function cli(policy, at) {
  const file = join(dir, `policy-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, policy);
  const run = cliRun(['eval', file, '--at', at, '--prometheus', prometheus.url, '--format', 'json']);
  return run.status === 0 ? { report: JSON.stringify(JSON.parse(run.stdout)) } : { error: run.stderr.trim() };
}

/** The same through the package: plan, fetch, evaluate; and the requests made. */
async function js(policy, at, options = {}) {
  const engine = new Engine(policy);
  const requests = [];
  try {
    const plan = engine.plan(Date.parse(at));
    const series = await fetchPlannedSeries(plan, {
      url: prometheus.url,
      fetch: (url, init) => {
        requests.push(new URL(url));
        return fetch(url, init);
      },
      ...options,
    });
    return { plan, series, requests, report: engine.evaluateJson(plan.at, series) };
  } finally {
    engine.free();
  }
}

describe(`the real Prometheus`, () => {
  test('serves the backfilled history', async () => {
    const r = await fetch(`${prometheus.url}/api/v1/query?query=count(plan_requests_total)&time=1773144000`);
    assert.equal((await r.json()).data.result[0].value[1], '1');
  });

  test('the history policy: the report of slogate eval --prometheus, byte for byte', async () => {
    const { report, series, plan } = await js(HISTORY, HISTORY_AT);
    assert.deepEqual(cli(HISTORY, HISTORY_AT), { report });
    // About something: every planned series came back, at its step, over its range.
    assert.deepEqual(series.map((s) => s.name).sort(), plan.series.map((p) => p.name).sort());
    for (const s of series) {
      const p = plan.series.find((x) => x.name === s.name);
      assert.equal(s.stepMs, p.stepMs);
      assert.equal(s.times.at(-1), p.end);
      assert.ok(s.times[0] <= p.start && s.times[0] > p.start - p.stepMs, `${s.name} starts on the grid at the planned start`);
    }
    assert.match(report, /"level":"warning"|"level":"freeze"/);
  });

  test('rates, groupBy, counters: the report of slogate eval --prometheus, byte for byte', async () => {
    const { report, series } = await js(HTTP_POLICY, HTTP_AT);
    assert.deepEqual(cli(HTTP_POLICY, HTTP_AT), { report });
    const routes = series.filter((s) => s.name === 'ok_by_route').map((s) => s.labels.route).sort();
    assert.deepEqual(routes, ['/api', '/health']);
  });

  test(`a range of more than ${MAX_POINTS} points is asked for in chunks, and gives the same report`, async () => {
    const { report, plan, requests } = await js(FINE, HISTORY_AT, { concurrency: 1 });
    assert.deepEqual(cli(FINE, HISTORY_AT), { report });
    for (const p of plan.series) {
      const mine = requests.filter((u) => u.searchParams.get('query') === p.query);
      const points = Math.ceil((p.end - p.start) / p.stepMs) + 1;
      assert.ok(points > MAX_POINTS, `${p.name}: ${points} points`);
      assert.equal(mine.length, Math.ceil(points / MAX_POINTS), `${p.name}: requests`);
      const ranges = mine.map((u) => ['start', 'end', 'step'].map((k) => Number(u.searchParams.get(k)) * 1000));
      for (const [i, [s, e, step]] of ranges.entries()) {
        assert.equal(step, p.stepMs);
        assert.ok((e - s) / step + 1 <= MAX_POINTS, `${p.name}: request ${i} asks ${(e - s) / step + 1} points`);
        if (i > 0) assert.equal(s, ranges[i - 1][1] + step, `${p.name}: request ${i} starts one step after the last`);
      }
      assert.equal(ranges.at(-1)[1], p.end);
    }
  });

  test("bad PromQL: Prometheus' own words, kind promql", async () => {
    const bad = HISTORY.replace('query: plan_errors_total', "query: 'sum(rate(plan_errors_total[5m])'");
    const e = await js(bad, HISTORY_AT).then(
      () => assert.fail('expected a PromQL error'),
      (error) => error,
    );
    assert.ok(e instanceof PrometheusError, String(e));
    assert.equal(e.kind, 'promql');
    assert.equal(e.status, 400);
    assert.equal(e.errorType, 'bad_data');
    assert.equal(e.series, 'errors');
    assert.equal(e.path, 'spec.slos[0].sli.ratio.bad');
    assert.equal(e.query, 'sum(rate(plan_errors_total[5m])');
    assert.match(e.message, /parse error/);
    // The CLI prints the same words from the same server.
    const { error } = cli(bad, HISTORY_AT);
    assert.ok(error.includes(`Prometheus error (bad_data): ${e.message}`), `${error}\n${e.message}`);
    assert.ok(e.url.startsWith(`${prometheus.url}/api/v1/query_range?query=sum%28rate%28plan_errors_total%5B5m%5D%29&start=`), e.url);
  });

  test('a query that matches nothing: kind empty, naming the series and the query', async () => {
    const none = HISTORY.replace('query: plan_errors_total', "query: 'plan_errors_total{job=\"nope\"}'");
    const e = await js(none, HISTORY_AT).then(
      () => assert.fail('expected an empty result'),
      (error) => error,
    );
    assert.equal(e.kind, 'empty');
    assert.equal(e.series, 'errors');
    assert.equal(e.query, 'plan_errors_total{job="nope"}');
    assert.match(e.message, /^no series for plan_errors_total\{job="nope"\} from 2026-02-24T11:45:00Z to 2026-03-10T12:00:00Z: check the query/);
    assert.match(cli(none, HISTORY_AT).error, /has no data for plan_errors_total\{job="nope"\} from 2026-02-24T11:45:00Z to 2026-03-10T12:00:00Z/);
  });

  test('a deadline shorter than the answers: kind timeout', async () => {
    const e = await js(FINE, HISTORY_AT, { timeoutMs: 1 }).then(
      () => assert.fail('expected a timeout'),
      (error) => error,
    );
    assert.equal(e.kind, 'timeout');
    assert.match(e.message, /no answer in time: all of Prometheus' answers must arrive within 1ms/);
  });
});
