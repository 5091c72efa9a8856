// <slo-gate> in headless Chromium under the strict CSP: every example run
// of examples/runs.json shows the CLI's level and numbers, as
// @slogate/view formats the CLI's own JSON report.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  currentState,
  explainTimeToExhaustion,
  formatBudget,
  formatRate,
  formatSli,
  gauge,
  sloTitle,
} from '@slogate/view';
import { launch } from '../src/browser.mjs';
import { cliReport, pageHtml, policyText, runs, runSeries, serveElement, update, waitForState } from './element-support.mjs';

let server;
let browser;
let page;

before(async () => {
  server = await serveElement({ pages: { '/one.html': pageHtml('<slo-gate id="gate" time-zone="UTC"></slo-gate>') } });
  browser = await launch();
  page = await browser.newPage();
  await page.goto(`${server.url}one.html`);
  await page.waitForFunction(() => customElements.get('slo-gate') !== undefined);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** What the element shows, read from its shadow DOM (every folded section opened first). */
async function shown(page) {
  await page.$eval('#gate', (el) => {
    for (const d of el.shadowRoot.querySelectorAll('details.section')) d.open = true;
  });
  // A section builds its content on its toggle event.
  await page.waitForFunction(() => [...document.querySelector('#gate').shadowRoot.querySelectorAll('details.section')].every((d) => d.querySelector('.burn') !== null));
  return page.$eval('#gate', (el) => {
    const root = el.shadowRoot;
    const text = (node, sel) => node.querySelector(sel)?.textContent ?? null;
    return {
      state: el.state,
      level: el.level,
      worst: text(root, '.worst-level'),
      all: root.textContent,
      cards: [...root.querySelectorAll('.card')].map((card) => ({
        title: text(card, '.title'),
        level: card.dataset.level,
        badge: text(card, '.badge'),
        state: text(card, '.state'),
        remaining: text(card, '.fact-remaining .value'),
        of: text(card, '.fact-remaining .of'),
        sli: text(card, '.fact-sli .value'),
        tte: text(card, '.fact-tte .value'),
        meter: Object.fromEntries(['role', 'aria-valuemin', 'aria-valuemax', 'aria-valuenow', 'aria-valuetext'].map((a) => [a, card.querySelector('.gauge')?.getAttribute(a)])),
        gaugeText: text(card, '.gauge-value'),
        burn: [...card.querySelectorAll('.burn-row')].map((r) => [r.dataset.window, text(r, '.value')]),
      })),
    };
  });
}

for (const [i, run] of runs.entries()) {
  test(`run ${i}: ${run.example} at ${run.at} shows the CLI's level and numbers`, async () => {
    const expected = cliReport(run);
    const state = await update(page, '#gate', { report: null, policy: policyText(run), data: runSeries(run), at: Date.parse(run.at) });
    assert.equal(state, 'ready', await page.$eval('#gate', (el) => el.shadowRoot.textContent));
    assert.deepEqual(page.problems, []);
    const got = await shown(page);
    assert.equal(got.level, expected.level);
    assert.equal(got.level, run.expect.level);
    assert.equal(got.worst, `${{ ok: '✓', warn: '!', critical: '✕' }[severityOf(expected, expected.level)]} ${expected.level}`);
    assert.equal(got.cards.length, expected.slos.length);
    expected.slos.forEach((slo, j) => {
      const card = got.cards[j];
      const what = `${sloTitle(slo)}`;
      assert.equal(card.title, sloTitle(slo), what);
      assert.equal(card.level, slo.level, what);
      assert.equal(card.state, currentState(slo, expected.levels, { timeZone: 'UTC' }).text, what);
      const { remaining, allowed, unit } = slo.budget;
      assert.equal(card.remaining, remaining === null ? 'no data' : formatBudget(Math.abs(remaining), unit), what);
      assert.equal(card.of, ` of ${formatBudget(allowed, unit)}`, what);
      assert.equal(card.sli, formatSli(slo.sli), what);
      assert.equal(card.tte, explainTimeToExhaustion(slo).value, what);
      assert.equal(card.gaugeText, gauge(slo.budget.remainingRatio).text, what);
      assert.equal(card.meter.role, 'meter');
      assert.equal(card.meter['aria-valuemin'], '0');
      assert.equal(card.meter['aria-valuemax'], '100');
      const ratio = slo.budget.remainingRatio;
      if (ratio === null) assert.equal(card.meter['aria-valuenow'], null, what);
      else assert.equal(Number(card.meter['aria-valuenow']), Math.round(Math.min(100, Math.max(0, ratio * 100)) * 10) / 10, what);
      assert.ok(card.meter['aria-valuetext'].includes(gauge(ratio).text) || ratio === null, what);
      assert.deepEqual(card.burn, Object.entries(slo.burnRates).map(([w, r]) => [w, formatRate(r)]), what);
    });
    assert.doesNotMatch(got.all, /NaN|undefined|Infinity|\[object/);
  });
}

function severityOf(report, level) {
  const rank = report.levels.indexOf(level);
  return rank === 0 ? 'ok' : rank === 1 && report.levels.length >= 3 ? 'warn' : 'critical';
}

test('the report the element evaluated is the CLI report', async () => {
  const run = runs[1];
  await update(page, '#gate', { report: null, policy: policyText(run), data: runSeries(run), at: Date.parse(run.at) });
  const report = await page.$eval('#gate', (el) => el.lastReport);
  assert.deepEqual(report, cliReport(run));
});
