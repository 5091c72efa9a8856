// Shared by the <slo-gate> browser tests: the built element served with
// the repository as root (so /examples/ is reachable), pages with the tags
// and no inline script (they work under STRICT_CSP), the example runs
// read in Node the way the CLI reads them (@slogate/engine/data), and the
// CLI's JSON report.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElement } from '../../element/build.mjs';
import { parseData } from '@slogate/engine/data';
import { STRICT_CSP, serve } from '../src/server.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const runs = JSON.parse(readFileSync(join(root, 'examples/runs.json'), 'utf8'));

/** The release CLI (cargo build --release --bin slogate), or SLOGATE_BIN. */
export function cli() {
  const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
  const bin = process.env.SLOGATE_BIN ?? join(target, 'release/slogate');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run 'cargo build --release --bin slogate' (or set SLOGATE_BIN)`);
  return bin;
}

/** `slogate eval --format json` of a run, parsed. */
export function cliReport(run, policyPath = run.policy) {
  const args = ['eval', policyPath, '--at', run.at, '--format', 'json'];
  for (const [name, path] of Object.entries(run.data)) args.push('--data', `${name}=${path}`);
  return JSON.parse(execFileSync(cli(), args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** A run's series as plain arrays (they cross into the page as JSON; NaN as null). */
export function runSeries(run) {
  return Object.entries(run.data).flatMap(([name, path]) =>
    parseData(readFileSync(join(root, path), 'utf8'), name, { source: path }).map((s) => ({
      ...s,
      times: Array.from(s.times),
      values: Array.from(s.values, (v) => (Number.isFinite(v) ? v : null)),
    })),
  );
}

export const policyText = (run) => readFileSync(join(root, run.policy), 'utf8');

/**
 * A page loading the bundle with one <script type="module"> and holding
 * `tags` (HTML written by the test, never from data).
 */
export function pageHtml(tags, title = 'slo-gate test') {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script type="module" src="/www/element/dist/slo-gate.js"></script>
</head><body>
${tags}
</body></html>`;
}

let built = null;

/**
 * Builds the element (once per process) and serves the repository with
 * `csp` (STRICT_CSP by default) on every response; `pages` maps a path
 * ("/one.html") to its HTML; `handle` may answer a request first.
 */
export async function serveElement({ pages = {}, csp = STRICT_CSP, handle } = {}) {
  built ??= buildElement({ quiet: true });
  await built;
  const headers = csp ? { 'content-security-policy': csp } : {};
  return serve({
    root,
    headers,
    async handle(req, res) {
      if (handle && (await handle(req, res))) return true;
      const html = pages[new URL(req.url, 'http://x').pathname];
      if (html === undefined) return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(html);
      return true;
    },
  });
}

/** Waits until the element `selector` is in one of `states`; returns its state. */
export async function waitForState(page, selector, states = ['ready', 'error', 'idle']) {
  await page.waitForFunction(
    ([sel, wanted]) => {
      const el = document.querySelector(sel);
      return el !== null && wanted.includes(el.state);
    },
    [selector, states],
    { timeout: 20_000 },
  );
  return page.$eval(selector, (el) => el.state);
}

/**
 * Sets properties of the element `selector` in the page; `data` given as
 * arrays (null for NaN) becomes Float64Arrays, as a host passes columns.
 */
export async function setProps(page, selector, props) {
  await page.$eval(
    selector,
    (el, p) => {
      const toSeries = (s) => ({
        ...s,
        times: Float64Array.from(s.times),
        values: Float64Array.from(s.values, (v) => (v === null ? NaN : v)),
      });
      for (const [k, v] of Object.entries(p)) el[k] = k === 'data' && v ? v.map(toSeries) : v;
    },
    props,
  );
}

/** Sets props and waits for the update they start to finish. */
export async function update(page, selector, props) {
  await setProps(page, selector, props);
  // The element updates in a microtask; a settled state after it is the new one.
  await page.evaluate(() => new Promise((ok) => setTimeout(ok, 0)));
  return waitForState(page, selector);
}
