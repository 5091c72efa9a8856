// The playground's two budgets in headless Chromium (Debian's, through
// www/browser): first render ≤ 1 s and keystroke → updated numbers and
// charts ≤ 16 ms median, on the MTOS seed (30 days × 1 minute, 17 SLOs),
// served with the page's CSP. Builds the page first.
//
//   npm run bench -w @slogate/playground          (LOADS=7 KEYS=100 to change the counts;
//                                                  EDIT=rule to type in a rule, not an SLO)
//
// First render: navigation start (performance.timeOrigin) → the first
// frame painted after the page handed the first report to <slo-gate> and
// the charts (the frame's end seen by a task queued from that update).
// Keystroke: each key pressed in the editor, one at a time (the next after
// the previous update): `update` is the page's own performance.now() around
// the update (parse, evaluate, element, charts; `evaluate` its parse and
// evaluation alone); `end to end` from the key event's timestamp to the
// task after the frame that drew the update (it includes waiting for that
// frame: keys land anywhere in the 16.7 ms between frames).

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../../browser/src/browser.mjs';
import { serve } from '../../browser/src/server.mjs';
import { PLAYGROUND_CSP } from '../csp.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const LOADS = Number(process.env.LOADS ?? 7);
const KEYS = Number(process.env.KEYS ?? 100);
const EDITS = {
  slo: { line: /^\s*objective: 99\.9%$/, before: '%', what: 'an SLO\'s objective (99.9% ↔ 99.95%)' },
  rule: { line: /when: "remaining <= 50%"/, before: '%', what: 'a rule (remaining <= 50% ↔ 505%)' },
};
const EDIT = EDITS[process.env.EDIT ?? 'slo'];
if (!EDIT) throw new Error(`EDIT=${process.env.EDIT}: use slo or rule`);

const built = spawnSync(process.execPath, [join(here, '../build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const server = await serve({ root: join(here, '../dist'), headers: { 'content-security-policy': PLAYGROUND_CSP } });
const browser = await launch();

// Runs in the page before its scripts: times each update's frame.
function instrument() {
  window.__bench = { painted: [], lastKey: null, updates: 0, reports: [] };
  // <slo-gate> announces each report once it has drawn it.
  document.addEventListener('slogate-report', () => window.__bench.reports.push(performance.now()));
  document.addEventListener('keydown', (e) => (window.__bench.lastKey = e.timeStamp), true);
  document.addEventListener('slogate-playground-update', (e) => {
    if (!e.detail.fresh) return;
    const key = window.__bench.lastKey;
    // The update runs in a requestAnimationFrame callback; a message
    // posted now is delivered after that frame is drawn.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      window.__bench.painted.push({ at: performance.now(), key });
      window.__bench.updates += 1;
    };
    channel.port2.postMessage(null);
  });
}

try {
  // Warm-up: the browser's first page pays for starting its processes.
  await firstRender();
  const loads = [];
  for (let i = 0; i < LOADS; i += 1) loads.push(await firstRender());
  const keys = await keystrokes();
  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const at = (xs, q) => sorted(xs)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
  const ms = (x) => `${x.toFixed(1)} ms`;
  console.log(`\nplayground, MTOS seed (17 SLOs, 30 days × 1 minute), headless Chromium, CSP on`);
  console.log(`first render (navigation → numbers and charts painted), ${LOADS} loads: median ${ms(at(loads, 0.5))}, min ${ms(sorted(loads)[0])}, max ${ms(sorted(loads).at(-1))}  (budget 1000 ms)`);
  console.log(`keystroke in ${EDIT.what}, ${keys.update.length} keys:`);
  console.log(`  update (in page)      median ${ms(at(keys.update, 0.5))}, p95 ${ms(at(keys.update, 0.95))}  (budget 16 ms median)`);
  console.log(`    evaluate            median ${ms(at(keys.evaluate, 0.5))}, p95 ${ms(at(keys.evaluate, 0.95))}  (new Engine(text) + evaluate with burnRates)`);
  console.log(`    <slo-gate> draws    median ${ms(at(keys.element, 0.5))}, p95 ${ms(at(keys.element, 0.95))}`);
  console.log(`    charts and the rest median ${ms(at(keys.rest, 0.5))}, p95 ${ms(at(keys.rest, 0.95))}  (incl. the style recalculation the element's new DOM forces)`);
  console.log(`  end to end (painted)  median ${ms(at(keys.endToEnd, 0.5))}, p95 ${ms(at(keys.endToEnd, 0.95))}`);
} finally {
  await browser.close();
  await server.close();
}

async function firstRender() {
  const page = await browser.newPage();
  await page.addInitScript(instrument);
  await page.goto(server.url);
  await page.waitForFunction(() => window.__bench.painted.length > 0, null, { timeout: 30_000 });
  const ms = await page.evaluate(() => window.__bench.painted[0].at);
  check(page);
  await page.close();
  return ms;
}

async function keystrokes() {
  const page = await browser.newPage();
  await page.addInitScript(instrument);
  await page.goto(server.url);
  await page.waitForFunction(() => window.__bench.painted.length > 0, null, { timeout: 30_000 });
  // The cursor after "99.9" of the first SLO's `objective: 99.9%` (only
  // that SLO is evaluated again), or with EDIT=rule after "50" of the first
  // rule's `remaining <= 50%` (every SLO is).
  const content = page.locator('.cm-content');
  await content.click();
  await page.keyboard.press('Control+Home');
  await page.evaluate(() => performance.clearMeasures());
  const found = await moveTo(page, EDIT.line, EDIT.before);
  if (!found) throw new Error(`no line like ${EDIT.line} in the MTOS policy`);
  const start = await page.evaluate(() => window.__bench.painted.length);
  for (let i = 0; i < KEYS; i += 1) {
    // 99.9% → 99.95% → 99.9% …: every key changes the numbers.
    const before = start + i;
    await page.keyboard.press(i % 2 === 0 ? '5' : 'Backspace');
    await page.waitForFunction((n) => window.__bench.painted.length > n, before, { timeout: 10_000 });
  }
  const result = await page.evaluate((from) => {
    const updates = performance.getEntriesByName('slogate-update');
    const evaluations = performance.getEntriesByName('slogate-evaluate');
    // Each update: evaluation, then the element drawing the report (until
    // its slogate-report event), then the rest (charts, lists).
    const drawn = updates.map((u) => window.__bench.reports.find((t) => t >= u.startTime && t <= u.startTime + u.duration));
    return {
      update: updates.map((e) => e.duration),
      evaluate: evaluations.map((e) => e.duration),
      element: drawn.map((t, i) => t - (evaluations[i].startTime + evaluations[i].duration)),
      rest: drawn.map((t, i) => updates[i].startTime + updates[i].duration - t),
      endToEnd: window.__bench.painted.slice(from).map((p) => p.at - p.key),
    };
  }, start);
  check(page);
  await page.close();
  return result;
}

/** Moves the cursor down to the first line matching `pattern`, before the first `before` in it. */
async function moveTo(page, pattern, before) {
  for (let line = 0; line < 400; line += 1) {
    const text = await page.evaluate(() => {
      const root = document.querySelector('#editor').shadowRoot;
      return root.querySelector('.cm-activeLine')?.textContent ?? '';
    });
    if (pattern.test(text)) {
      await page.keyboard.press('Home');
      // Home goes to the first non-blank character; the column counts from there.
      const from = text.length - text.trimStart().length;
      for (let i = from; i < text.indexOf(before); i += 1) await page.keyboard.press('ArrowRight');
      return true;
    }
    await page.keyboard.press('ArrowDown');
  }
  return false;
}

function check(page) {
  if (page.problems.length > 0) throw new Error(`the page reported problems:\n${page.problems.join('\n')}`);
}
