// The playground's scenario form (www/playground/src/scenario-form.js) in
// headless Chromium, bundled with esbuild and served under the strict CSP:
// each control calls onChange with the right parameters, bad input is marked
// and changes nothing, lists grow and shrink from the keyboard, and the form
// is screenshotted light and dark (screenshots/scenario-form-*.png).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { launch, screenshot } from '../src/browser.mjs';
import { serve, STRICT_CSP } from '../src/server.mjs';
import { checkScenario, DEFAULT_SCENARIO } from '../../playground/src/scenario.js';

const src = join(dirname(fileURLToPath(import.meta.url)), '../../playground/src');
const AT = Date.UTC(2026, 1, 1, 12);

// A plan as engine.plan gives it: a grouped ratio SLO, a gauge whose
// threshold is unknown and one whose threshold the plan carries.
const PLAN = {
  at: AT,
  series: [
    { name: 'good', query: null, kind: 'rate', path: 'spec.slos[0].sli.ratio.good', labels: ['team'], start: AT - 86_400_000, end: AT, stepMs: 60_000 },
    { name: 'total', query: null, kind: 'rate', path: 'spec.slos[0].sli.ratio.total', labels: ['team'], start: AT - 86_400_000, end: AT, stepMs: 60_000 },
    { name: 'p99', query: null, kind: 'gauge', path: 'spec.slos[1].sli.threshold.series', labels: [], start: AT - 86_400_000, end: AT, stepMs: 300_000 },
    { name: 'up', query: null, kind: 'gauge', path: 'spec.slos[2].sli.threshold.series', labels: [], start: AT - 86_400_000, end: AT, stepMs: 300_000, threshold: { op: '>=', value: 1 } },
  ],
};

const ENTRY = `
import { scenarioForm } from ${JSON.stringify(join(src, 'scenario-form.js'))};
import ${JSON.stringify(join(src, 'scenario-form.css'))};
window.changes = [];
const form = scenarioForm(${JSON.stringify({ ...DEFAULT_SCENARIO, maintenance: [{ start: '-6d', length: '2h', every: '7d', errorRatio: 1, gaugeFactor: 3 }] })},
  (params) => window.changes.push(params), { plan: ${JSON.stringify(PLAN)} });
document.querySelector('main').append(form);
window.form = form;
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Scenario form</title>
<link rel="stylesheet" href="page.css">
<link rel="stylesheet" href="entry.css">
<script type="module" src="entry.js"></script>
</head>
<body><main></main></body>
</html>`;

const PAGE_CSS = `:root { color-scheme: light dark; font: 15px/1.4 system-ui, sans-serif; }
body { margin: 0; background: Canvas; color: CanvasText; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem; }`;

let dir;
let server;
let browser;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slogate-scenario-form-'));
  await writeFile(join(dir, 'entry.mjs'), ENTRY);
  await writeFile(join(dir, 'index.html'), PAGE);
  await writeFile(join(dir, 'page.css'), PAGE_CSS);
  await build({ entryPoints: [join(dir, 'entry.mjs')], bundle: true, format: 'esm', outdir: dir, logLevel: 'error' });
  server = await serve({ root: dir, headers: { 'content-security-policy': STRICT_CSP } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function open(colorScheme = 'light') {
  const page = await browser.newPage({ colorScheme });
  page.setDefaultTimeout(5000);
  await page.goto(server.url);
  await page.waitForFunction(() => window.form);
  return page;
}

const changes = (page) => page.evaluate(() => window.changes);
const last = async (page) => (await changes(page)).at(-1);
const field = (page, name) => page.locator(`[name="${name}"]`);

test('every control has a label, no inline handlers or styles, nothing blocked by the CSP', async () => {
  const page = await open();
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select')].filter((c) => c.labels.length !== 1 || !c.labels[0].textContent.trim()).map((c) => c.name));
  assert.deepEqual(unlabelled, []);
  const inline = await page.evaluate(() =>
    [...document.querySelectorAll('*')].flatMap((node) => [...node.attributes].map((a) => a.name)).filter((n) => n.startsWith('on') || n === 'style'));
  assert.deepEqual(inline, []);
  // The plan's series are offered; the gauge whose threshold the plan gives has no row.
  const options = await field(page, 'incidents.0.series').locator('option').allTextContents();
  assert.deepEqual(options, ['every SLO', 'good (good)', 'total (total)', 'p99 (gauge)', 'up (gauge)']);
  assert.equal(await field(page, 'thresholds.p99.op').count(), 1);
  assert.equal(await field(page, 'thresholds.up.op').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Remove incident 1' }).count(), 1);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('each control calls onChange with the parameter it edits', async () => {
  const page = await open();
  await field(page, 'traffic.rate').fill('250');
  assert.equal((await last(page)).traffic.rate, 250);
  await field(page, 'errorRatio').fill('1.5');
  assert.equal((await last(page)).errorRatio, 0.015);
  assert.equal(await field(page, 'traffic.weekend').isDisabled(), true, 'weekend traffic is for the weekly shape');
  await field(page, 'traffic.shape').selectOption('weekly');
  assert.equal((await last(page)).traffic.shape, 'weekly');
  await field(page, 'traffic.weekend').fill('40');
  assert.equal((await last(page)).traffic.weekend, 0.4);
  await field(page, 'traffic.shape').selectOption('constant');
  assert.equal((await last(page)).traffic.shape, 'constant');
  assert.equal(await field(page, 'traffic.peakHour').isDisabled(), true);
  await field(page, 'seed').fill('7');
  await field(page, 'step').fill('5m');
  await field(page, 'incidents.0.series').selectOption('p99');
  await field(page, 'incidents.0.group').fill('2');
  await field(page, 'maintenance.0.every').fill('1d');
  await field(page, 'thresholds.p99.op').selectOption('<=');
  assert.deepEqual((await last(page)).thresholds, {}, 'an operator alone is no threshold yet');
  await field(page, 'thresholds.p99.value').fill('0.5');
  const params = await last(page);
  assert.equal(params.seed, 7);
  assert.equal(params.step, '5m');
  assert.deepEqual([params.incidents[0].series, params.incidents[0].group], ['p99', 2]);
  assert.equal(params.maintenance[0].every, '1d');
  assert.deepEqual(params.thresholds, { p99: { op: '<=', value: 0.5 } });
  // Everything else kept its value; the form's own copy agrees.
  assert.equal(params.traffic.rate, 250);
  assert.equal(params.noise, DEFAULT_SCENARIO.noise);
  assert.deepEqual(await page.evaluate(() => window.form.params), params);
  for (const p of await changes(page)) assert.deepEqual(checkScenario(p).problems, []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('bad input is marked with its message and changes nothing until it reads cleanly', async () => {
  const page = await open();
  const length = field(page, 'incidents.0.length');
  await length.fill('5 minutes');
  assert.equal((await changes(page)).length, 0);
  assert.equal(await length.getAttribute('aria-invalid'), 'true');
  const message = page.locator(`#${await length.getAttribute('id')}-error`);
  assert.equal(await message.textContent(), 'write a duration like 45m, 1h30m or 7d');
  assert.match(await length.getAttribute('aria-describedby'), new RegExp(`${await length.getAttribute('id')}-error`));
  await length.fill('90m');
  assert.equal(await length.getAttribute('aria-invalid'), null);
  assert.equal(await message.textContent(), '');
  assert.equal((await last(page)).incidents[0].length, '90m');
  await field(page, 'errorRatio').fill('120');
  assert.equal(await page.locator(`#${await field(page, 'errorRatio').getAttribute('id')}-error`).textContent(), 'between 0 and 100 %');
  await field(page, 'incidents.0.start').fill('yesterday');
  assert.equal((await changes(page)).length, 1);
  // Redrawing the form (a row added elsewhere) keeps what is still being typed.
  await page.locator('[data-action="add-gaps"]').click();
  assert.equal(await field(page, 'incidents.0.start').inputValue(), 'yesterday');
  assert.equal(await field(page, 'incidents.0.start').getAttribute('aria-invalid'), 'true');
  assert.deepEqual((await last(page)).incidents[0], { ...DEFAULT_SCENARIO.incidents[0], length: '90m' });
  // Removing the row drops its unfinished text with it.
  await page.getByRole('button', { name: 'Remove incident 1' }).click();
  await page.locator('[data-action="add-incidents"]').click();
  assert.equal(await field(page, 'incidents.0.start').inputValue(), '-4h');
  assert.equal(await field(page, 'incidents.0.start').getAttribute('aria-invalid'), null);
  await page.close();
});

test('lists grow and shrink from the keyboard, focus following', async () => {
  const page = await open();
  await page.locator('[data-action="add-incidents"]').focus();
  await page.keyboard.press('Enter');
  assert.equal((await last(page)).incidents.length, 2);
  assert.equal(await page.evaluate(() => document.activeElement.name), 'incidents.1.start');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('-1h');
  assert.equal((await last(page)).incidents[1].start, '-1h');
  await page.getByRole('button', { name: 'Remove incident 1' }).focus();
  await page.keyboard.press('Space');
  const params = await last(page);
  assert.deepEqual(params.incidents.map((i) => i.start), ['-1h']);
  // Focus went to the row that took the removed one's place.
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Remove incident 1');
  await page.locator('[data-action="add-resets"]').click();
  await page.locator('[data-action="add-gaps"]').click();
  await field(page, 'gaps.0.series').selectOption('total');
  const more = await last(page);
  assert.deepEqual(more.resets, ['-12h']);
  assert.deepEqual(more.gaps, [{ start: '-1d', length: '20m', series: 'total' }]);
  await page.getByRole('button', { name: 'Remove maintenance window 1' }).click();
  assert.deepEqual((await last(page)).maintenance, []);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'add-maintenance');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('screenshots, light and dark', async () => {
  for (const scheme of ['light', 'dark']) {
    const page = await open(scheme);
    await field(page, 'incidents.0.length').fill('5 minutes'); // one invalid field, to see how it looks
    await page.locator('[data-action="add-gaps"]').click();
    const path = await screenshot(page, `scenario-form-${scheme}`);
    assert.ok(path.endsWith(`scenario-form-${scheme}.png`));
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, scheme === 'dark' ? 'rgb(18, 18, 18)' : 'rgb(255, 255, 255)');
    // The stylesheet applied (a broken one leaves the browser's defaults).
    const styled = await page.evaluate(() => ({
      form: getComputedStyle(document.querySelector('.scenario-form')).display,
      row: getComputedStyle(document.querySelector('.scenario-row')).display,
      input: getComputedStyle(document.querySelector('.scenario-field input')).height,
      error: getComputedStyle(document.querySelector('.scenario-error:not(:empty)')).color,
    }));
    assert.deepEqual(styled, {
      form: 'grid',
      row: 'flex',
      input: '30px', // 2rem at the page's 15px
      error: scheme === 'dark' ? 'rgb(255, 180, 171)' : 'rgb(179, 38, 30)',
    });
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});
