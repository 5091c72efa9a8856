// <slo-gate> in Prometheus mode, in headless Chromium: against a real
// Prometheus (Debian's, backfilled with promtool, --web.cors.origin set)
// for the numbers and for what a real server says about a bad query or an
// empty result; against a small local stub only for what a real server
// will not do on demand (HTTP 500, garbage, a hang past the time-out, a
// failure after a success, a tenant header checked by a gateway): the
// shared stub, src/prometheus-stub.mjs, its `proxy` forwarding to the real one.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, screenshot } from '../src/browser.mjs';
import { startPrometheus } from '../src/prometheus.mjs';
import { startStub } from '../src/prometheus-stub.mjs';
import { STRICT_CSP } from '../src/server.mjs';
import { PROMETHEUS_AT, PROMETHEUS_POLICY, httpRequestsOpenMetrics } from './element-fixtures.mjs';
import { cli, pageHtml, root, serveElement, setProps, waitForState } from './element-support.mjs';

// The page may read any loopback port: Prometheus and the stub are other
// origins, as a Prometheus is for a portal (README: connect-src).
const CSP = `${STRICT_CSP}; connect-src 'self' http://127.0.0.1:*`;

let prometheus;
let stub;
let server;
let browser;
let scratch;

before(async () => {
  prometheus = await startPrometheus({ openMetrics: httpRequestsOpenMetrics() });
  stub = await startStub({ upstream: prometheus.url });
  server = await serveElement({
    csp: CSP,
    pages: { '/prom.html': pageHtml('<slo-gate id="gate" time-zone="UTC" refresh="off"></slo-gate>') },
  });
  browser = await launch();
  scratch = await mkdtemp(join(tmpdir(), 'slogate-element-prom-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
  await stub?.close();
  await prometheus?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function open({ scheme } = {}) {
  const page = await browser.newPage({ colorScheme: scheme });
  await page.goto(`${server.url}prom.html`);
  await page.waitForFunction(() => customElements.get('slo-gate') !== undefined);
  return page;
}

/** Sets attributes and properties, then waits for the evaluation they start. */
async function configure(page, attributes, props = {}) {
  await page.$eval(
    '#gate',
    (el, a) => {
      for (const [k, v] of Object.entries(a)) {
        if (v === null) el.removeAttribute(k);
        else el.setAttribute(k, v);
      }
    },
    attributes,
  );
  await setProps(page, '#gate', props);
  await page.evaluate(() => new Promise((ok) => setTimeout(ok, 0)));
  return waitForState(page, '#gate');
}

const errorShown = (page) =>
  page.$eval('#gate', (el) => ({
    state: el.state,
    name: el.error?.name,
    kind: el.error?.kind,
    title: el.shadowRoot.querySelector('.error-title, .stale-title')?.textContent,
    lines: [...el.shadowRoot.querySelectorAll('.error-line, .stale p')].map((p) => p.textContent),
  }));

/** The CLI's report of the same policy from the same Prometheus. */
async function cliReport(policy, at = PROMETHEUS_AT) {
  const path = join(scratch, `policy-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(path, policy);
  return JSON.parse(
    execFileSync(cli(), ['eval', path, '--at', at, '--prometheus', prometheus.url, '--format', 'json'], { cwd: root, encoding: 'utf8' }),
  );
}

test(`the numbers from a real Prometheus are the CLI's (${PROMETHEUS_AT})`, async () => {
  const page = await open();
  const state = await configure(page, { prometheus: prometheus.url, at: PROMETHEUS_AT }, { policy: PROMETHEUS_POLICY });
  assert.equal(state, 'ready', JSON.stringify(await errorShown(page)));
  const report = await page.$eval('#gate', (el) => el.lastReport);
  assert.deepEqual(report, await cliReport(PROMETHEUS_POLICY));
  const shown = await page.$eval('#gate', (el) => ({
    level: el.level,
    source: el.shadowRoot.querySelector('.source')?.textContent,
    cards: el.shadowRoot.querySelectorAll('.card').length,
  }));
  assert.equal(shown.level, report.level);
  assert.equal(shown.source, ` · Prometheus ${prometheus.url}, no refresh`);
  assert.equal(shown.cards, report.slos.length);
  assert.deepEqual(page.problems, []);
  await screenshot(page.locator('#gate'), 'element-prometheus-light');
});

test('Prometheus\' own words: a query it rejects, a query with no series, a server that is not there', async () => {
  const page = await open();
  const badQuery = PROMETHEUS_POLICY.replace("'sum(rate(http_requests_total{code!~\"5..\"}[1m]))'", "'sum(rate(http_requests_total{code!~\"5..\"}[1m])'");
  assert.notEqual(badQuery, PROMETHEUS_POLICY);
  assert.equal(await configure(page, { prometheus: prometheus.url, at: PROMETHEUS_AT }, { policy: badQuery }), 'error');
  let e = await errorShown(page);
  assert.equal(e.name, 'PrometheusError');
  assert.equal(e.kind, 'promql');
  assert.equal(e.title, 'Prometheus rejected the query for series `ok_rate` (spec.slos[0].sli.ratio.good)');
  assert.match(e.lines[0], /parse error/);
  assert.equal(e.lines[1], 'query: sum(rate(http_requests_total{code!~"5.."}[1m])');

  const empty = PROMETHEUS_POLICY.replace("'sum(rate(http_requests_total[1m]))'", "'sum(rate(no_such_metric_total[1m]))'");
  assert.equal(await configure(page, {}, { policy: empty }), 'error');
  e = await errorShown(page);
  assert.equal(e.kind, 'empty');
  assert.equal(e.title, 'Prometheus returned no samples for series `all_rate` (spec.slos[0].sli.ratio.total)');

  const closed = await closedPort();
  assert.equal(await configure(page, { prometheus: `http://127.0.0.1:${closed}` }, { policy: PROMETHEUS_POLICY }), 'error');
  e = await errorShown(page);
  assert.equal(e.kind, 'unreachable');
  assert.equal(e.title, 'Prometheus is unreachable');
  assert.ok(e.lines[0].startsWith(`http://127.0.0.1:${closed}`), e.lines[0]);
  await screenshot(page.locator('#gate'), 'element-prometheus-unreachable-light');
  // Chromium logs the rejected query's 400 and the refused connections; nothing else may be logged.
  assert.deepEqual(page.problems.filter((p) => !/status of 400|ERR_CONNECTION_REFUSED/.test(p)), []);
});

test('what only a stub does: HTTP 500, garbage, a hang past the time-out', async () => {
  const page = await open();
  assert.equal(await configure(page, { prometheus: stub.base('http-500-json'), at: PROMETHEUS_AT }, { policy: PROMETHEUS_POLICY }), 'error');
  let e = await errorShown(page);
  assert.equal(e.kind, 'http');
  assert.match(e.title, /^Prometheus answered HTTP 500 for series `ok_rate`/);
  assert.ok(e.lines.includes('stub: the storage is on fire'), e.lines.join('\n'));

  assert.equal(await configure(page, { prometheus: stub.base('garbage') }), 'error');
  e = await errorShown(page);
  assert.equal(e.kind, 'bad-response');
  assert.equal(await page.$eval('#gate', (el) => el.shadowRoot.querySelectorAll('img').length), 0);

  const started = Date.now();
  assert.equal(await configure(page, { prometheus: stub.base('hang'), timeout: '1s' }), 'error');
  const took = Date.now() - started;
  e = await errorShown(page);
  assert.equal(e.kind, 'timeout');
  assert.equal(e.title, 'Prometheus did not answer in time');
  assert.ok(took >= 1000 && took < 8000, `${took} ms`);
  assert.deepEqual(page.problems.filter((p) => !/500|Internal Server Error/.test(p)), []);
});

test('a failed refresh keeps the last report, marked stale with its time and the error; the next success clears it', async () => {
  const page = await open({ scheme: 'dark' });
  stub.switchTo('proxy');
  assert.equal(await configure(page, { prometheus: stub.base('switch'), at: PROMETHEUS_AT, refresh: '1s', timeout: '5s' }, { policy: PROMETHEUS_POLICY }), 'ready');
  const good = await page.$eval('#gate', (el) => el.lastReport);
  await page.$eval('#gate', (el) => {
    window.errors = 0;
    el.addEventListener('slogate-error', () => {
      window.errors += 1;
    });
  });
  stub.switchTo('http-500-json');
  await page.waitForFunction(() => document.querySelector('#gate').state === 'error', null, { timeout: 10_000 });
  const stale = await page.$eval('#gate', (el) => ({
    stale: el.shadowRoot.querySelector('.report.is-stale') !== null,
    banner: el.shadowRoot.querySelector('.stale-title')?.textContent,
    reason: el.shadowRoot.querySelector('.stale p:nth-child(2)')?.textContent,
    cards: el.shadowRoot.querySelectorAll('.card').length,
    kept: el.lastReport,
    kind: el.error.kind,
  }));
  assert.equal(stale.stale, true);
  assert.match(stale.banner, /^Stale: these numbers were computed at \w{3} \d\d:\d\d; the last refresh failed\.$/);
  assert.match(stale.reason, /^Prometheus answered HTTP 500/);
  assert.equal(stale.kind, 'http');
  assert.equal(stale.cards, good.slos.length);
  assert.deepEqual(stale.kept, good);
  await screenshot(page.locator('#gate'), 'element-prometheus-stale-dark');

  stub.switchTo('proxy');
  await page.waitForFunction(() => document.querySelector('#gate').state === 'ready', null, { timeout: 10_000 });
  assert.equal(await page.$eval('#gate', (el) => el.shadowRoot.querySelector('.report.is-stale')), null);
  assert.ok((await page.evaluate(() => window.errors)) >= 1);
  await configure(page, { refresh: 'off' });
  assert.deepEqual(page.problems.filter((p) => !/500|Internal Server Error/.test(p)), []);
});

test('the headers property reaches every request (X-Scope-OrgID for Mimir)', async () => {
  const page = await open();
  const from = stub.requests.length;
  assert.equal(
    await configure(page, { prometheus: stub.base('proxy'), at: PROMETHEUS_AT, refresh: 'off', timeout: null }, { policy: PROMETHEUS_POLICY, headers: { 'X-Scope-OrgID': 'tenant-1' } }),
    'ready',
  );
  const tenants = stub.requests.slice(from).filter((r) => r.method === 'GET').map((r) => r.headers['x-scope-orgid'] ?? null);
  assert.ok(tenants.length >= 8, `${tenants.length} requests`);
  assert.deepEqual([...new Set(tenants)], ['tenant-1']);
  assert.deepEqual(page.problems, []);
});

test('disconnecting or re-rendering aborts the requests in flight', async () => {
  const page = await open();
  stub.hung.length = 0;
  const closed = () => stub.hung.filter((h) => h.closed).length;
  await page.$eval('#gate', (el, [url, at, policy]) => {
    el.setAttribute('prometheus', url);
    el.setAttribute('at', at);
    el.setAttribute('timeout', '1m');
    el.policy = policy;
  }, [stub.base('hang'), PROMETHEUS_AT, PROMETHEUS_POLICY]);
  await page.waitForFunction(() => document.querySelector('#gate').state === 'loading');
  assert.match(await page.$eval('#gate', (el) => el.shadowRoot.textContent), /Querying Prometheus at http:\/\/127\.0\.0\.1:\d+\/hang…/);
  await waitUntil(() => stub.hung.length > 0);
  // A new instant: the requests of the old one are abandoned.
  const before = stub.hung.length;
  await setProps(page, '#gate', { at: Date.parse(PROMETHEUS_AT) - 60_000 });
  await waitUntil(() => closed() >= before);
  // Removed from the page: its requests close, and nothing is shown or thrown later.
  await waitUntil(() => stub.hung.length > before);
  const open2 = stub.hung.length;
  await page.$eval('#gate', (el) => el.remove());
  await waitUntil(() => closed() >= open2);
  assert.deepEqual(page.problems, []);
});

/** A loopback port nothing listens on (and that Chromium does not block as unsafe). */
async function closedPort() {
  const probe = createServer();
  await new Promise((ok) => probe.listen(0, '127.0.0.1', ok));
  const { port } = probe.address();
  await new Promise((ok) => probe.close(ok));
  return port;
}

async function waitUntil(fn, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${fn}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

