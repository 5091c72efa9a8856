// fetchPlannedSeries against what a real Prometheus will not do on demand
// (www/browser/src/prometheus-stub.mjs): HTTP 500 with and without
// Prometheus' error body, garbage, a vector, a response cut off mid-body, a
// hang past the deadline, a closed port — each a PrometheusError of its kind
// with a clear message; the headers and credentials a host gives reach the
// server and never a message; what is refused is refused before any request.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SlogateError } from '@slogate/engine';
import { DataError } from '@slogate/engine/data';
import { DEFAULT_MAX_REQUESTS, MAX_POINTS, PrometheusError, fetchPlannedSeries } from '@slogate/engine/prometheus';
import { startStub } from '../../www/browser/src/prometheus-stub.mjs';
import { freePort } from '../../www/browser/src/prometheus.mjs';

const AT = Date.UTC(2026, 2, 10, 12);
const MINUTE = 60_000;

/** A plan of one series (or more) over `minutes` at a 1-minute step, as engine.plan gives. */
function plan(minutes = 60, names = ['good']) {
  return {
    at: AT,
    series: names.map((name, i) => ({
      name,
      query: `sum(rate(${name}_total[1m]))`,
      kind: 'rate',
      path: `spec.slos[0].sli.ratio.${name}`,
      labels: [],
      start: AT - minutes * MINUTE + i,
      end: AT,
      stepMs: MINUTE,
    })),
  };
}

let stub;
before(async () => {
  stub = await startStub();
});
after(async () => {
  await stub?.close();
});

/** The rejection of `promise` (failing when it resolves). */
async function rejection(promise) {
  return promise.then(
    (value) => assert.fail(`expected a rejection, got ${JSON.stringify(value).slice(0, 200)}`),
    (error) => error,
  );
}

describe('answers a real server gives only when broken', () => {
  test("HTTP 500 with Prometheus' error body: kind http, its own words", async () => {
    const e = await rejection(fetchPlannedSeries(plan(), { url: stub.base('http-500-json') }));
    assert.ok(e instanceof PrometheusError);
    assert.deepEqual(
      { name: e.name, kind: e.kind, status: e.status, errorType: e.errorType, message: e.message, series: e.series, path: e.path, query: e.query },
      { name: 'PrometheusError', kind: 'http', status: 500, errorType: 'internal', message: 'stub: the storage is on fire', series: 'good', path: 'spec.slos[0].sli.ratio.good', query: 'sum(rate(good_total[1m]))' },
    );
    assert.match(e.url, /\/http-500-json\/api\/v1\/query_range\?query=sum%28rate%28good_total%5B1m%5D%29%29&start=1773140400&end=1773144000&step=60$/);
  });

  test('HTTP 500 without one: kind http, the status and the body', async () => {
    const e = await rejection(fetchPlannedSeries(plan(), { url: stub.base('http-500') }));
    assert.equal(e.kind, 'http');
    assert.equal(e.status, 500);
    assert.equal(e.errorType, null);
    assert.equal(e.message, 'HTTP 500 Internal Server Error: upstream exploded');
  });

  test('HTTP 502 from a proxy, in HTML: kind http', async () => {
    const e = await rejection(fetchPlannedSeries(plan(), { url: stub.base('http-502-html') }));
    assert.equal(e.kind, 'http');
    assert.equal(e.message, 'HTTP 502 Bad Gateway: <html><body><h1>502 Bad Gateway</h1></body></html>');
  });

  test("Prometheus' error body with a success status: its kind and words", async () => {
    const e = await rejection(fetchPlannedSeries(plan(), { url: stub.base('error-200') }));
    assert.equal(e.kind, 'promql');
    assert.equal(e.errorType, 'execution');
    assert.equal(e.status, 200);
    assert.equal(e.message, 'stub: query processing would load too many samples into memory');
  });

  test('garbage with a success status: kind bad-response, where the reading stopped', async () => {
    const e = await rejection(fetchPlannedSeries(plan(), { url: stub.base('garbage') }));
    assert.equal(e.kind, 'bad-response');
    assert.equal(e.status, 200);
    assert.ok(e.cause instanceof DataError);
    assert.equal(e.message, 'response:1:1: invalid JSON: expected value');
  });

  test('an instant vector: kind bad-response, saying a range query is needed', async () => {
    const e = await rejection(fetchPlannedSeries(plan(), { url: stub.base('vector') }));
    assert.equal(e.kind, 'bad-response');
    assert.equal(e.message, 'response: data.resultType: is "vector"; slogate needs a range query\'s "matrix" (use /api/v1/query_range)');
  });

  test('a response cut off mid-body: kind bad-response, how far it got', async () => {
    const e = await rejection(fetchPlannedSeries(plan(), { url: stub.base('cut') }));
    assert.equal(e.kind, 'bad-response');
    assert.match(e.message, /^the response broke off after [\d,]+ bytes \(/);
  });

  test('a server that never answers: kind timeout, within the deadline', async () => {
    const started = performance.now();
    const e = await rejection(fetchPlannedSeries(plan(), { url: stub.base('hang'), timeoutMs: 300 }));
    const took = performance.now() - started;
    assert.equal(e.kind, 'timeout');
    assert.equal(e.message, "no answer in time: all of Prometheus' answers must arrive within 300ms (raise the timeout, or ask for less: a coarser step)");
    assert.ok(took >= 290 && took < 3000, `${took} ms`);
  });

  test('a body that stops coming: kind timeout too (the deadline covers the last byte)', async () => {
    const e = await rejection(fetchPlannedSeries(plan(), { url: stub.base('hang-body'), timeoutMs: 300 }));
    assert.equal(e.kind, 'timeout');
  });

  test('a closed port: kind unreachable, naming what a browser cannot tell apart and the CORS flag', async () => {
    const port = await freePort();
    const e = await rejection(fetchPlannedSeries(plan(), { url: `http://127.0.0.1:${port}` }));
    assert.equal(e.kind, 'unreachable');
    assert.equal(e.status, null);
    assert.equal(e.url, `http://127.0.0.1:${port}`);
    assert.match(e.message, /^no answer \(TypeError: fetch failed \(ECONNREFUSED\)\): the server is down, the URL is wrong, or it refuses to be read from this page's origin — a browser cannot tell these apart\./);
    assert.match(e.message, /--web\.cors\.origin=/);
  });
});

describe('what the host gives', () => {
  test('headers reach the server with every request, and Accept: application/json', async () => {
    const before = stub.requests.length;
    const series = await fetchPlannedSeries(plan(), { url: stub.base('ok'), headers: { 'X-Scope-OrgID': 'tenant-1' } });
    const seen = stub.requests.slice(before);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].headers['x-scope-orgid'], 'tenant-1');
    assert.equal(seen[0].headers.accept, 'application/json');
    assert.equal(series.length, 1);
    assert.equal(series[0].stepMs, MINUTE);
    assert.equal(series[0].times.length, 61);
  });

  test('credentials in the URL: sent as basic authentication, shown nowhere', async () => {
    const before = stub.requests.length;
    const url = stub.base('http-500').replace('http://', 'http://me:hunter2@');
    const e = await rejection(fetchPlannedSeries(plan(), { url }));
    assert.equal(stub.requests[before].headers.authorization, `Basic ${Buffer.from('me:hunter2').toString('base64')}`);
    assert.ok(e.url.startsWith(stub.base('http-500').replace('http://', 'http://me:xxxxx@')), e.url);
    for (const text of [e.message, e.url, String(e), JSON.stringify(e)]) assert.ok(!text.includes('hunter2'), text);
    // Unreachable too: no password in what is said.
    const port = await freePort();
    const down = await rejection(fetchPlannedSeries(plan(), { url: `http://me:hunter2@127.0.0.1:${port}` }));
    assert.equal(down.url, `http://me:xxxxx@127.0.0.1:${port}`);
    for (const text of [down.message, down.url, String(down)]) assert.ok(!text.includes('hunter2'), text);
  });

  test(`a range of more than ${MAX_POINTS} points: chunks one step apart, joined into one series`, async () => {
    const before = stub.requests.length;
    const minutes = 2 * MAX_POINTS + 500;
    const [series] = await fetchPlannedSeries(plan(minutes), { url: stub.base('ok') });
    const seen = stub.requests.slice(before).map((r) => new URL(r.url, stub.url).searchParams);
    assert.equal(seen.length, 3);
    assert.deepEqual(
      seen.map((q) => [q.get('start'), q.get('end')].map(Number)),
      [
        [AT / 1000 - minutes * 60, AT / 1000 - minutes * 60 + (MAX_POINTS - 1) * 60],
        [AT / 1000 - minutes * 60 + MAX_POINTS * 60, AT / 1000 - minutes * 60 + (2 * MAX_POINTS - 1) * 60],
        [AT / 1000 - minutes * 60 + 2 * MAX_POINTS * 60, AT / 1000],
      ],
    );
    assert.equal(series.times.length, minutes + 1);
    assert.ok(series.times.every((t, i) => i === 0 || t - series.times[i - 1] === MINUTE));
  });

  test('a planned start off the grid: the grid ends at the instant and reaches back past the start', async () => {
    const before = stub.requests.length;
    const p = plan();
    p.series[0].start += 1;
    await fetchPlannedSeries(p, { url: stub.base('ok') });
    const q = new URL(stub.requests[before].url, stub.url).searchParams;
    assert.deepEqual([q.get('start'), q.get('end'), q.get('step')], [String(AT / 1000 - 3600), String(AT / 1000), '60']);
  });

  test('an AbortSignal stops every request: the promise rejects with its reason', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const e = await rejection(fetchPlannedSeries(plan(60, ['good', 'total', 'other']), { url: stub.base('hang'), signal: controller.signal }));
    assert.equal(e.name, 'AbortError');
    const aborted = AbortSignal.abort(new Error('gone'));
    assert.equal((await rejection(fetchPlannedSeries(plan(), { url: stub.base('ok'), signal: aborted }))).message, 'gone');
  });
});

describe('refused before any request', () => {
  test('a planned series without a query: kind no-query, naming it and its place', async () => {
    const before = stub.requests.length;
    const p = plan(60, ['good', 'total']);
    p.series[1].query = null;
    const e = await rejection(fetchPlannedSeries(p, { url: stub.base('ok') }));
    assert.equal(e.kind, 'no-query');
    assert.equal(e.series, 'total');
    assert.equal(e.path, 'spec.slos[0].sli.ratio.total');
    assert.equal(e.message, 'series "total" has no query for Prometheus: give it one in the policy (spec.slos[0].sli.ratio.total), or supply its data');
    assert.equal(stub.requests.length, before);
  });

  test(`a plan of more than maxRequests (default ${DEFAULT_MAX_REQUESTS}) requests: kind too-many-requests`, async () => {
    const before = stub.requests.length;
    const e = await rejection(fetchPlannedSeries(plan(MAX_POINTS * 3), { url: stub.base('ok'), maxRequests: 2 }));
    assert.equal(e.kind, 'too-many-requests');
    assert.match(e.message, /would take 4 requests .*more than maxRequests 2/);
    assert.equal(stub.requests.length, before);
  });

  test('bad arguments: a SlogateError of kind bad-argument', async () => {
    for (const [p, options] of [
      [null, { url: stub.url }],
      [{ series: [{ name: 'x' }] }, { url: stub.url }],
      [plan(), {}],
      [plan(), { url: 'not a url' }],
      [plan(), { url: stub.url, headers: { a: 1 } }],
      [plan(), { url: stub.url, timeoutMs: 0 }],
      [plan(), { url: stub.url, fetch: 'no' }],
    ]) {
      const e = await rejection(fetchPlannedSeries(p, options));
      assert.ok(e instanceof SlogateError && e.kind === 'bad-argument', `${e}`);
    }
  });
});
