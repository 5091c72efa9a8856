// Screenshots of the playground, light and dark (www/browser/screenshots/,
// gitignored): the default example, an invalid policy with its diagnostics,
// a held alert's pending runs on the timeline, the pasted-data panel and
// the scenario form. Each page must also run without a console
// error or CSP violation.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { screenshot } from '../src/browser.mjs';
import { choose, noProblems, root, setPolicy, shownReport, startPlayground } from './support/playground.mjs';

describe('playground screenshots', () => {
  let playground;
  before(async () => {
    playground = await startPlayground();
  });
  after(async () => {
    await playground?.close();
  });

  for (const scheme of ['light', 'dark']) {
    test(`${scheme}: the default example, an invalid policy, pasted data, a scenario`, async () => {
      const page = await playground.open('', { colorScheme: scheme });
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), scheme);
      assert.equal(await page.evaluate(() => document.querySelector('slo-gate').getAttribute('theme')), scheme);
      await screenshot(page, `playground-${scheme}`);

      const policy = readFileSync(join(root, 'examples/ai-slot-build/policy.yaml'), 'utf8');
      await choose(page, '#seed-example', 'ai-slot-build');
      await setPolicy(page, policy.replace('objective: 99.0%', 'objectiv: 99.0%').replace('{long: 1h, short: 5m', '{long: 1hour, short: 5m'));
      await page.locator('.cm-lintRange-error').first().scrollIntoViewIfNeeded();
      await screenshot(page, `playground-${scheme}-invalid`);

      // MTOS at 14:05 on Feb 20: its budget-burn alerts hold for 10m and 5m
      // and are pending; the timeline draws their pending runs in the
      // warning colour on their rows.
      await choose(page, '#seed-example', 'mtos');
      await choose(page, '#seed-run', String(Date.parse('2026-02-20T14:05:00Z')));
      const key = await page.evaluate(
        () => [...document.querySelector('#chart-slo').options].find((o) => o.text.startsWith('task-availability'))?.value
      );
      assert.ok(key, 'task-availability among the charted SLOs');
      await choose(page, '#chart-slo', key);
      // What the timeline draws is the report's.
      const report = JSON.parse(await shownReport(page));
      const slo = report.slos.find((x) => x.name === 'task-availability');
      assert.deepEqual(
        slo.alerts.filter((a) => a.state === 'pending').map((a) => a.name),
        ['budget-burn-warning', 'budget-burn-critical']
      );
      const timeline = page.locator('figure[data-chart="timeline"]');
      await timeline.scrollIntoViewIfNeeded();
      await screenshot(timeline, `playground-${scheme}-held-timeline`);

      await choose(page, '#seed-example', 'ai-slot-build');
      await setPolicy(page, policy);
      await choose(page, '#source-kind', 'paste');
      await screenshot(page, `playground-${scheme}-paste`);
      await choose(page, '#source-kind', 'scenario');
      await screenshot(page, `playground-${scheme}-scenario`);
      noProblems(page);
      await page.close();
    });
  }

  test('a phone-sized window (390 px): one column, nothing wider than the window', async () => {
    const page = await playground.open();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: innerWidth }));
    assert.ok(widths.page <= widths.window, `the page is ${widths.page} px wide in a ${widths.window} px window`);
    const columns = await page.evaluate(() => getComputedStyle(document.querySelector('.layout')).gridTemplateColumns.split(' ').length);
    assert.equal(columns, 1);
    await screenshot(page, 'playground-narrow');
    noProblems(page);
    await page.close();
  });

  test('the theme toggle cycles auto → light → dark and restyles editor, element and charts', async () => {
    const page = await playground.open('', { colorScheme: 'light' });
    const editorBackground = () =>
      page.evaluate(() => getComputedStyle(document.querySelector('#editor').shadowRoot.querySelector('.cm-editor')).backgroundColor);
    const light = await editorBackground();
    assert.equal(await page.textContent('#theme'), 'Theme: auto');
    await page.click('#theme');
    assert.equal(await page.textContent('#theme'), 'Theme: light');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
    await page.click('#theme');
    assert.equal(await page.textContent('#theme'), 'Theme: dark');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    assert.equal(await page.evaluate(() => document.querySelector('slo-gate').getAttribute('theme')), 'dark');
    assert.notEqual(await editorBackground(), light);
    // Remembered on this browser.
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.click('#theme');
    assert.equal(await page.textContent('#theme'), 'Theme: auto');
    noProblems(page);
    await page.close();
  });
});
