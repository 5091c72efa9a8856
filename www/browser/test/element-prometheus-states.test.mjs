// <slo-gate>'s Prometheus mode, state by state, beside element-prometheus.test.mjs
// (which follows one element through the real Prometheus, its errors, a
// stale refresh, headers and aborts): here each state on a fresh page, as a
// portal first shows it. The page is served from one origin under the strict
// CSP (with connect-src for the servers), the real Prometheus on another with
// --web.cors.origin matching the page's origin — and a second one whose
// --web.cors.origin does not, as a portal on the wrong origin meets it — and
// the shared stub (src/prometheus-stub.mjs) for what a real server will not
// do on demand. Every figure shown is the one `slogate eval --prometheus`
// computes, as @slogate/view writes it; every failure (HTTP 500 with and
// without Prometheus' body, a proxy's 502, garbage, a vector, a body cut off,
// a hang past the time-out, a closed port, a CORS refusal) is an error state
// of its kind with no report shown. Screenshots of a healthy and an error
// state, light and dark.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { currentState, formatBudget, formatSli, sloTitle } from '@slogate/view';
import { launch, screenshot } from '../src/browser.mjs';
import { freePort, startPrometheus } from '../src/prometheus.mjs';
import { startStub } from '../src/prometheus-stub.mjs';
import { HTTP_POLICY, testHistory } from '../src/prometheus-data.mjs';
import { STRICT_CSP } from '../src/server.mjs';
import { cli, pageHtml, serveElement, waitForState } from './element-support.mjs';

/** tests/prometheus.rs' policy (5-minute rates: the plan's step) without its ticket alert, on the two-day data set. */
const POLICY = HTTP_POLICY.replace(
  `      - name: ticket
        severity: ticket
        windows: [{long: 6h, short: 30m, budget: 100%}]
`,
  '',
);
/** Three hours before the end of the data: incident A has left the day, B has not begun. */
const AT_QUIET = '2026-03-02T09:00:00Z';
/** The end of the data, ten minutes after incident B. */
const AT_INCIDENT = '2026-03-02T12:00:00Z';

/** A policy for the stub: one ratio whose queries the stub answers with 1s. */
const STUB_POLICY = `apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: stubbed}
spec:
  slos:
    - name: checkout
      objective: 99%
      window: {rolling: 1h}
      sli: {ratio: {good: {name: good, query: 'sum(rate(good_total[5m]))'}, total: {name: total, query: 'sum(rate(all_total[5m]))'}}}
  policy:
    levels: [healthy, freeze]
    rules:
      - {level: freeze, when: "remaining < 50%"}
`;

let prometheus;
let refusing;
let stub;
let closedPort;
let server;
let browser;
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slogate-element-prometheus-'));
  // Pages come from 127.0.0.1 on some port: Prometheus lets exactly those read it.
  prometheus = await startPrometheus({ openMetrics: testHistory(), corsOrigin: 'http://127\\.0\\.0\\.1:[0-9]+' });
  // And one that lets no page of ours read it: a CORS refusal, as a portal on the wrong origin meets it.
  refusing = await startPrometheus({ openMetrics: '# EOF\n', corsOrigin: 'https://portal\\.example\\.com' });
  stub = await startStub();
  closedPort = await freePort();
  // The strict CSP, and the servers the pages may read (connect-src).
  const csp = `${STRICT_CSP}; connect-src 'self' ${[prometheus.url, refusing.url, stub.url, `http://127.0.0.1:${closedPort}`].join(' ')}`;
  server = await serveElement({
    csp,
    async handle(req, res) {
      const path = new URL(req.url, 'http://x').pathname;
      const policy = { '/policies/http.yaml': POLICY, '/policies/stub.yaml': STUB_POLICY }[path];
      const page = pages.get(path);
      if (policy === undefined && page === undefined) return false;
      const type = policy === undefined ? 'text/html; charset=utf-8' : 'text/yaml; charset=utf-8';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', 'content-security-policy': csp });
      res.end(policy ?? page);
      return true;
    },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await stub?.close();
  await prometheus?.stop();
  await refusing?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Pages made by the tests, by path. */
const pages = new Map();

/** A page with one element; `attributes` as written in the tag (by the test, never from data). */
async function open(attributes, { colorScheme = 'light', props } = {}) {
  const page = await browser.newPage({ colorScheme });
  const path = `/page-${pages.size}.html`;
  pages.set(path, pageHtml(`<slo-gate id="gate" time-zone="UTC" ${attributes}></slo-gate>`));
  await page.goto(`${server.url}${path.slice(1)}`);
  if (props) {
    await page.waitForFunction(() => customElements.get('slo-gate') !== undefined);
    await page.$eval('#gate', (el, p) => Object.assign(el, p), props);
  }
  return page;
}

/** `slogate eval --prometheus` of the policy at `at`, parsed. */
function cliReport(at) {
  const file = join(dir, 'policy.yaml');
  writeFileSync(file, POLICY);
  return JSON.parse(execFileSync(cli(), ['eval', file, '--at', at, '--prometheus', prometheus.url, '--format', 'json'], { encoding: 'utf8' }));
}

/** What the element shows: its state, level, the error or stale banner, and each card's figures. */
function shown(page) {
  return page.$eval('#gate', (el) => {
    const root = el.shadowRoot;
    const text = (node, sel) => node.querySelector(sel)?.textContent ?? null;
    return {
      state: el.state,
      level: el.level,
      errorKind: el.error?.kind ?? null,
      all: root.textContent,
      error: text(root, '.status.error'),
      errorTitle: text(root, '.error-title'),
      stale: text(root, '.status.stale'),
      staleReport: root.querySelector('.report.is-stale') !== null,
      cards: [...root.querySelectorAll('.card')].map((card) => ({
        title: text(card, '.title'),
        level: card.dataset.level,
        state: text(card, '.state'),
        remaining: text(card, '.fact-remaining .value'),
        sli: text(card, '.fact-sli .value'),
      })),
    };
  });
}

/** Only what a test may not tolerate: errors of the page's own code and CSP violations (failed requests log errors by design). */
const faults = (page) => page.problems.filter((p) => p.startsWith('page error') || p.includes('CSP violation'));

describe('numbers from the real Prometheus', () => {
  for (const [at, name] of [
    [AT_QUIET, 'quiet'],
    [AT_INCIDENT, 'incident'],
  ]) {
    test(`at ${at}: the level and numbers of slogate eval --prometheus`, async () => {
      const expected = cliReport(at);
      const page = await open(`policy="/policies/http.yaml" prometheus="${prometheus.url}" at="${at}" refresh="off"`);
      assert.equal(await waitForState(page, '#gate', ['ready', 'error']), 'ready', (await shown(page)).all);
      assert.deepEqual(page.problems, []);
      assert.deepEqual(await page.$eval('#gate', (el) => el.lastReport), expected);
      const got = await shown(page);
      assert.equal(got.level, expected.level);
      assert.equal(got.cards.length, expected.slos.length);
      expected.slos.forEach((slo, i) => {
        const card = got.cards[i];
        assert.equal(card.title, sloTitle(slo));
        assert.equal(card.level, slo.level);
        assert.equal(card.state, currentState(slo, expected.levels, { timeZone: 'UTC' }).text);
        const { remaining, unit } = slo.budget;
        assert.equal(card.remaining, remaining === null ? 'no data' : formatBudget(Math.abs(remaining), unit));
        assert.equal(card.sli, formatSli(slo.sli));
      });
      assert.doesNotMatch(got.all, /NaN|undefined|Infinity|\[object/);
      if (name === 'quiet') {
        assert.equal(expected.level, 'healthy');
        await screenshot(page, 'element-prometheus-healthy-light');
        await page.emulateMedia({ colorScheme: 'dark' });
        await screenshot(page, 'element-prometheus-healthy-dark');
      } else {
        assert.notEqual(expected.level, 'healthy');
      }
      await page.close();
    });
  }
});

describe('each failure: an error state of its kind, no number shown', () => {
  const cases = [
    ['HTTP 500 with Prometheus\' body', () => `prometheus="${stub.base('http-500-json')}"`, 'http', /Prometheus answered HTTP 500/, /stub: the storage is on fire/],
    ['HTTP 500 from a proxy', () => `prometheus="${stub.base('http-500')}"`, 'http', /Prometheus answered HTTP 500/, /upstream exploded/],
    ['HTTP 502 in HTML', () => `prometheus="${stub.base('http-502-html')}"`, 'http', /Prometheus answered HTTP 502/, /HTTP 502 Bad Gateway: <html>/],
    ['garbage', () => `prometheus="${stub.base('garbage')}"`, 'bad-response', /response slogate cannot read/, /invalid JSON: expected value/],
    ['an instant vector', () => `prometheus="${stub.base('vector')}"`, 'bad-response', /response slogate cannot read/, /slogate needs a range query's "matrix"/],
    ['a body cut off', () => `prometheus="${stub.base('cut')}"`, 'bad-response', /response slogate cannot read/, /the response broke off after [\d,]+ bytes/],
    ['a hang past the time-out', () => `prometheus="${stub.base('hang')}" timeout="1s"`, 'timeout', /did not answer in time/, /within 1s/],
    ['an unreachable server', () => `prometheus="http://127.0.0.1:${closedPort}"`, 'unreachable', /Prometheus is unreachable/, /--web\.cors\.origin/],
    ['a server refusing the page\'s origin (CORS)', () => `prometheus="${refusing.url}"`, 'unreachable', /Prometheus is unreachable/, /refuses to be read from this page's origin/],
  ];
  for (const [title, attributes, kind, heading, words] of cases) {
    test(title, async () => {
      const page = await open(`policy="/policies/stub.yaml" ${attributes()} at="2026-03-02T12:00:00Z" refresh="off"`);
      assert.equal(await waitForState(page, '#gate', ['ready', 'error']), 'error');
      const got = await shown(page);
      assert.equal(got.errorKind, kind, got.all);
      assert.match(got.errorTitle, heading);
      assert.match(got.error, words);
      assert.equal(got.level, null);
      assert.deepEqual(got.cards, [], 'no report is shown');
      assert.doesNotMatch(got.all, /NaN|undefined|\[object/);
      assert.deepEqual(faults(page), []);
      if (title.includes('CORS')) await screenshot(page, 'element-prometheus-cors-light');
      if (title.startsWith('HTTP 500 with')) {
        await screenshot(page, 'element-prometheus-error-light');
        await page.emulateMedia({ colorScheme: 'dark' });
        await screenshot(page, 'element-prometheus-error-dark');
      }
      await page.close();
    });
  }
});
