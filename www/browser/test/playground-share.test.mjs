// The playground's state as a link: what one page shows, a second page
// opened with its URL shows again, number for number; a bad link shows a
// message and the defaults.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RUNS, afterUpdate, choose, gate, noProblems, pasteInto, shownReport, startPlayground } from './support/playground.mjs';

/** The page's fragment once it has stopped changing (it is written 300 ms after an update). */
async function writtenHash(page) {
  let last = null;
  for (let i = 0; i < 50; i += 1) {
    const hash = await page.evaluate(() => location.hash);
    if (hash !== '' && hash === last) return hash;
    last = hash;
    await page.waitForTimeout(200);
  }
  throw new Error('the page did not write its state into the URL');
}

/** What must be equal on both pages. */
async function state(page) {
  return {
    report: await shownReport(page),
    level: (await gate(page)).level,
    kind: await page.inputValue('#source-kind'),
    at: await page.inputValue('#at'),
    slo: await page.inputValue('#chart-slo'),
    diagnostics: await page.textContent('#diagnostics .count'),
    captions: await page.locator('#charts .summary').allTextContents(),
  };
}

describe('a shared link', () => {
  let playground;
  before(async () => {
    playground = await startPlayground();
  });
  after(async () => {
    await playground?.close();
  });

  test('restores a seed, an edited policy, another instant and the charted SLO', async () => {
    const page = await playground.open();
    await choose(page, '#seed-example', 'astra');
    // An instant between two of the example's, typed into the input.
    await afterUpdate(page, async () => {
      await page.fill('#at', '2026-06-12T08:30:00');
      await page.dispatchEvent('#at', 'change');
    });
    assert.equal(await page.inputValue('#seed-run'), 'custom');
    const slos = await page.locator('#chart-slo option').evaluateAll((os) => os.map((o) => o.value));
    await choose(page, '#chart-slo', slos[2]);
    // Into the policy's name: `"name": "astra-control-plane",`, before `",`.
    await page.locator('.cm-line', { hasText: '"astra-control-plane",' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await afterUpdate(page, () => page.keyboard.type('-edited'));
    const shown = await state(page);
    assert.equal(shown.slo, slos[2]);
    assert.match(shown.report, /-edited/);
    const hash = await writtenHash(page);

    const copy = await playground.open(hash);
    assert.deepEqual(await state(copy), shown);
    assert.equal(await copy.inputValue('#seed-example'), 'astra');
    assert.equal(await writtenHash(copy), hash, 'the restored page writes the same state back');
    noProblems(page);
    noProblems(copy);
    await page.close();
    await copy.close();
  });

  test('restores generated and pasted data', async () => {
    const page = await playground.open();
    await choose(page, '#source-kind', 'scenario');
    await afterUpdate(page, () => page.fill('#scenario-form input[name="seed"]', '42'));
    const scenario = await state(page);
    const scenarioCopy = await playground.open(await writtenHash(page));
    assert.deepEqual(await state(scenarioCopy), scenario);
    assert.equal(await scenarioCopy.inputValue('#scenario-form input[name="seed"]'), '42');

    await choose(page, '#source-kind', 'seed');
    await choose(page, '#seed-example', 'ai-slot-build');
    await choose(page, '#source-kind', 'paste');
    const csv = (start, count, perStep) =>
      ['time,value', ...Array.from({ length: count }, (_, i) => `${new Date(start + i * 300_000).toISOString()},${i * perStep}`)].join('\n');
    const start = Date.parse('2026-02-25T00:00:00Z');
    await pasteInto(page, '#paste-build_jobs_succeeded', csv(start, 2000, 99));
    await pasteInto(page, '#paste-build_jobs_total', csv(start, 2000, 100));
    assert.equal(await page.locator('#results.stale').count(), 0);
    const pasted = await state(page);
    const pastedCopy = await playground.open(await writtenHash(page));
    assert.deepEqual(await state(pastedCopy), pasted);
    assert.equal(await pastedCopy.inputValue('#paste-build_jobs_total'), csv(start, 2000, 100));
    for (const p of [page, scenarioCopy, pastedCopy]) {
      noProblems(p);
      await p.close();
    }
  });

  test('a link pasted into the address bar of an open page takes effect there', async () => {
    const source = await playground.open();
    await choose(source, '#seed-example', 'orchestra');
    const shown = await state(source);
    const hash = await writtenHash(source);
    const page = await playground.open();
    assert.notDeepEqual(await state(page), shown);
    await afterUpdate(page, () => page.evaluate((h) => (location.hash = h), hash));
    // The policy arrives first; its data follows in the next update.
    await page.waitForFunction(() => document.querySelector('#results').dataset.state === 'fresh');
    assert.deepEqual(await state(page), shown);
    noProblems(source);
    noProblems(page);
    await source.close();
    await page.close();
  });

  test('a damaged link says so and shows the default example', async () => {
    // The example's latest run (runs.json appends new runs; the playground sorts them).
    const defaults = RUNS.filter((r) => r.example === 'mtos').sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).at(-1);
    for (const hash of ['#state=not-really-a-state', '#something-else', '#state=' + 'A'.repeat(41)]) {
      const page = await playground.open(hash);
      assert.equal(await page.isVisible('#notice'), true, hash);
      assert.match(await page.textContent('#notice'), /showing the default example instead/);
      assert.equal((await gate(page)).level, defaults.expect.level);
      assert.equal(await page.inputValue('#seed-example'), 'mtos');
      noProblems(page);
      await page.close();
    }
  });

  test('the copy button puts the link on the clipboard', async () => {
    await playground.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: playground.url });
    const page = await playground.open();
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Home');
    await afterUpdate(page, () => page.keyboard.type('# shared\n'));
    await page.click('#copy-link');
    await page.locator('#copy-status', { hasText: 'Link copied.' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await page.evaluate(() => location.href));
    const copy = await playground.open(new URL(copied).hash);
    assert.deepEqual(await state(copy), await state(page));
    noProblems(page);
    await page.close();
    await copy.close();
  });
});

