// From frames to a rendered panel, in headless Chromium, the built plugin in
// the React 18 host of the browser test (test/host/): 1 SLO and 50 groups
// (`groupBy: [route]`) on 30 days of 1-minute data, a 7-day window (the
// engine's data plan reads 14 days and 3 minutes back, so 30 days cover
// it). Each render is timed from handing new frames to React to the frame
// that paints the verdict, as a mount (a dashboard opened: a fresh root) and
// as a refresh (new frames as new props of the mounted panel); the engine is
// loaded by an untimed render first. Per render, the plugin's User Timing
// measures say how much of it was reading the frames and the engine.
//
//   npm run bench -w @slogate/grafana-panel          (RUNS=9 to change the count)
//   PROFILE=1 npm run bench -w @slogate/grafana-panel   (and where the time goes:
//     Chromium's sampling profiler over the timed renders, self time by
//     function and by script, the top 25)
//
// Builds the plugin first when dist/ is missing.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { SourceMapConsumer } from 'source-map-js';

import { launch } from '../../www/browser/src/browser.mjs';
import { HOSTS, buildHost, serveHosts } from '../test/host/host-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const plugin = join(here, '..');
const RUNS = Number(process.env.RUNS ?? 9);
const PROFILE = process.env.PROFILE === '1';
const AT = Date.UTC(2026, 2, 2, 12);
const MINUTE = 60_000;

if (!existsSync(join(plugin, 'dist/module.js'))) {
  const built = spawnSync('npm', ['run', 'build'], { cwd: plugin, stdio: 'inherit' });
  if (built.status !== 0) {
    process.exit(built.status ?? 1);
  }
}
const host = HOSTS[0];
await buildHost(host);

const policy = (groups) => `apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: bench}
spec:
  slos:
    - name: availability
      objective: 99.9%
      window: {rolling: 7d}
      sli: {ratio: {good: {name: good, kind: rate}, total: {name: total, kind: rate}}}${groups > 1 ? '\n      groupBy: [route]' : ''}
  policy:
    levels: [healthy, warning, freeze]
    rules:
      - {level: warning, when: "remaining < 50%"}
      - {level: freeze, when: "remaining < 10% or burn_rate(1h) > 14.4"}
`;

const server = await serveHosts();
// `gc()` in the page: the host collects the garbage of generating each
// render's frames before timing it (a refresh's own garbage still counts).
const browser = await launch({ viewport: { width: 1600, height: 1000 }, args: ['--js-flags=--expose-gc'] });
try {
  console.log(
    `slogate panel: frames → painted panel, 30 days × 1 minute per series, 7-day window, headless Chromium, React 18 host, ${RUNS} mounts and ${RUNS} refreshes each`
  );
  for (const groups of [1, 50]) {
    const page = await browser.newPage();
    await page.addInitScript(
      (c) => {
        window.__hostCase = c;
      },
      {
        options: {
          mode: 'policy',
          quick: {},
          policy: policy(groups),
          mappings: [],
          views: { figures: true, burndown: true, burnRates: true },
          runbooks: [],
        },
        frames: [],
        generate: { groups, minutes: 30 * 24 * 60, stepMs: MINUTE },
        benchRuns: RUNS,
        from: AT - 30 * 24 * 60 * MINUTE,
        to: AT,
        theme: 'light',
        width: 1560,
        height: 960,
      }
    );
    const cdp = PROFILE ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    await page.goto(`${server.url}react${host.react}/`);
    await page.waitForFunction(() => window.__hostDone !== undefined, null, { timeout: 600_000 });
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      printProfile(profile);
    }
    const done = await page.evaluate(() => window.__hostDone);
    if (!done.ok) {
      throw new Error(done.error);
    }
    const shown = done.verdict;
    if (!shown) {
      throw new Error('the panel showed no verdict');
    }
    const ms = (x) => `${x.toFixed(1)} ms`;
    const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const samples = (groups * 2 * 43_201).toLocaleString('en-US');
    console.log(
      `  ${groups === 1 ? '1 SLO' : `${groups} groups`} (${samples} samples)${groups === 50 ? ', target < 50 ms' : ''}:`
    );
    for (const which of ['mount', 'refresh']) {
      const { times, parts } = done[which];
      const sorted = [...times].sort((a, b) => a - b);
      // Where the time goes: the plugin's User Timing measures (medians), the
      // rest being React, layout and paint.
      const of = Object.entries(parts).map(([name, xs]) => `${name.replace(/^slogate: /, '')} ${ms(median(xs))}`);
      console.log(
        `    ${which.padEnd(7)} median ${ms(median(times))}, fastest ${ms(sorted[0])}, slowest ${ms(sorted.at(-1))}; of which ${of.join(', ') || 'no measures'}`
      );
    }
    console.log(`     shown: ${shown}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}

/**
 * Self time by function (name, script, line; the plugin's own through its
 * source map) over the whole page's life, the frame generation included
 * (host.tsx `generated`: not timed by the bench).
 */
function printProfile(profile) {
  const map = new SourceMapConsumer(JSON.parse(readFileSync(join(plugin, 'dist/module.js.map'), 'utf8')));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i += 1) {
    const node = byId.get(profile.samples[i]);
    const f = node.callFrame;
    const script = f.url ? f.url.replace(/^.*\//, '') : '(native)';
    let key = `${f.functionName || '(anonymous)'}  ${script}:${f.lineNumber + 1}`;
    if (script === 'module.js') {
      const o = map.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber });
      key = `${o.name ?? f.functionName ?? '(anonymous)'}  ${(o.source ?? '?').replace(/^.*node_modules\//, '')}:${o.line}`;
    }
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`     profile: ${total.toFixed(0)} ms sampled; self time, top 25:`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`       ${ms.toFixed(1).padStart(8)} ms  ${key}`);
  }
}
