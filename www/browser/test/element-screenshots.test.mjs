// Screenshots of <slo-gate>, light and dark, for a few example runs, many
// groups, an error and a narrow column: www/browser/screenshots/element-*.png.
// Each also checks what a screenshot shows at a glance: the level is on
// top and no text overflows its card.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { SCREENSHOTS, launch, screenshot } from '../src/browser.mjs';
import { manyGroups } from './element-fixtures.mjs';
import { pageHtml, policyText, runs, runSeries, serveElement, update } from './element-support.mjs';

let server;
let browser;

before(async () => {
  server = await serveElement({
    pages: {
      '/auto.html': pageHtml('<slo-gate id="gate" time-zone="UTC"></slo-gate>'),
      '/narrow.html': pageHtml('<div id="col"><slo-gate id="gate" time-zone="UTC"></slo-gate></div>'),
    },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const SEEDS = [
  ['mtos-breach', 1],
  ['agentaskit-critical', 4],
  ['orchestra-breach', 8],
  ['astra-freeze', 10],
  ['ai-slot-build-stabilisation', 15],
];

/**
 * Cards off screen skip rendering (content-visibility: auto) until
 * scrolled to; a full-length screenshot wants them all drawn at once.
 */
function renderAllCards(page) {
  return page.$eval('#gate', (el) => {
    const all = new CSSStyleSheet();
    all.replaceSync('.card { content-visibility: visible !important; }');
    el.shadowRoot.adoptedStyleSheets = [...el.shadowRoot.adoptedStyleSheets, all];
  });
}

/** No element of the shadow tree is wider than its card. */
function overflowing(page) {
  return page.$eval('#gate', (el) =>
    [...el.shadowRoot.querySelectorAll('.card *')]
      .filter((n) => {
        const card = n.closest('.card').getBoundingClientRect();
        const r = n.getBoundingClientRect();
        return r.width > 0 && (r.right > card.right + 1 || r.left < card.left - 1);
      })
      .map((n) => `${n.tagName}.${n.getAttribute('class')}: ${n.textContent.slice(0, 40)}`),
  );
}

for (const scheme of ['light', 'dark']) {
  test(`screenshots, ${scheme}`, async () => {
    const page = await browser.newPage({ colorScheme: scheme });
    await page.goto(`${server.url}auto.html`);
    await page.waitForFunction(() => customElements.get('slo-gate') !== undefined);
    await renderAllCards(page);
    const background = () => page.$eval('#gate', (el) => getComputedStyle(el.shadowRoot.querySelector('.frame')).backgroundColor);
    for (const [name, i] of SEEDS) {
      const run = runs[i];
      assert.equal(await update(page, '#gate', { policy: policyText(run), data: runSeries(run), at: Date.parse(run.at) }), 'ready');
      assert.deepEqual(await overflowing(page), [], name);
      await screenshot(page.locator('#gate'), `element-${name}-${scheme}`);
    }
    assert.equal(await background(), scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)');

    // Hold times: MTOS at the end of its Feb 20 outage (runs[1]), the
    // monthly SLO's 5x and 2x alerts pending 4 of their 5 and 10 minutes,
    // the 10x page firing; their explanations open.
    const held = runs[1];
    assert.equal(await update(page, '#gate', { policy: policyText(held), data: runSeries(held), at: Date.parse(held.at) }), 'ready');
    const states = await page.$eval('#gate', (el) => {
      // The monthly SLO's card (cards come worst first), its alerts section
      // opened (many SLOs draw it closed).
      const card = [...el.shadowRoot.querySelectorAll('.card')].find(
        (c) => c.querySelector('.title')?.textContent === 'task-availability',
      );
      const alerts = [...card.querySelectorAll('details.section')].find((d) =>
        d.querySelector('summary')?.textContent.includes('alerts'),
      );
      alerts.open = true;
      alerts.dispatchEvent(new Event('toggle'));
      for (const b of card.querySelectorAll('.alert-head .why')) b.click();
      return [...card.querySelectorAll('.alert-head')].map((h) => h.querySelector('.alert-state').textContent);
    });
    assert.deepEqual(states, ['pending 4m/10m', 'pending 4m/5m', 'firing']);
    await screenshot(page.locator('#gate .card', { has: page.locator('.title', { hasText: /^task-availability$/ }) }), `element-held-alerts-${scheme}`);

    // Open explanations, as a reader would.
    await page.$eval('#gate', (el) => {
      const card = el.shadowRoot.querySelector('.card');
      for (const b of card.querySelectorAll('.why')) b.click();
    });
    await screenshot(page.locator('#gate'), `element-explained-${scheme}`);

    const many = manyGroups(50);
    assert.equal(await update(page, '#gate', { policy: many.policy, data: many.series, at: many.at }), 'ready');
    assert.deepEqual(await overflowing(page), []);
    await screenshot(page.locator('#gate'), `element-50-groups-${scheme}`);
    // The top of it at full size, as a reader first sees it.
    await page.screenshot({ path: join(SCREENSHOTS, `element-50-groups-top-${scheme}.png`), clip: { x: 0, y: 0, width: 1280, height: 900 } });

    assert.equal(await update(page, '#gate', { policy: policyText(runs[1]).replace('objective: 99.9%', 'objectve: 99.9%') }), 'error');
    await screenshot(page.locator('#gate'), `element-bad-policy-${scheme}`);
    assert.deepEqual(page.problems, []);

    // The theme attribute wins over the colour scheme.
    const other = scheme === 'dark' ? 'light' : 'dark';
    await page.$eval('#gate', (el, t) => el.setAttribute('theme', t), other);
    assert.equal(await background(), other === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)');
  });
}

test('a narrow column (360px): the figures stack, nothing overflows', async () => {
  const page = await browser.newPage({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`${server.url}narrow.html`);
  await page.waitForFunction(() => customElements.get('slo-gate') !== undefined);
  await renderAllCards(page);
  const run = runs[1];
  assert.equal(await update(page, '#gate', { policy: policyText(run), data: runSeries(run), at: Date.parse(run.at) }), 'ready');
  assert.deepEqual(await overflowing(page), []);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true);
  await screenshot(page.locator('#gate'), 'element-narrow-dark');
  await page.screenshot({ path: join(SCREENSHOTS, 'element-narrow-top-dark.png'), clip: { x: 0, y: 0, width: 360, height: 800 } });
  assert.deepEqual(page.problems, []);
});
