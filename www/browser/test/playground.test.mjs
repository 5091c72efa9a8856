// The playground in headless Chromium, served with its CSP: every seed's
// level, edits that update the numbers, diagnostics with line and column,
// markup shown as text, pasted data. Each test fails on any console error
// or CSP violation of its page.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  RUNS,
  afterUpdate,
  choose,
  gate,
  noProblems,
  pasteInto,
  root,
  setPolicy,
  shownReport,
  startPlayground,
} from './support/playground.mjs';
import { cliReport } from './element-support.mjs';

const AI_SLOT = 'examples/ai-slot-build/policy.yaml';
const aiSlotPolicy = readFileSync(join(root, AI_SLOT), 'utf8');
const read = (path) => readFileSync(join(root, path), 'utf8');

/** An SLO instance as runs.json's `expect.slos` names it: `name{label=value}`. */
function expectKey(slo) {
  const labels = Object.entries(slo.group).map(([k, v]) => `${k}=${v}`);
  return labels.length === 0 ? slo.name : `${slo.name}{${labels.join(',')}}`;
}

describe('the playground', () => {
  let playground;
  before(async () => {
    playground = await startPlayground();
  });
  after(async () => {
    await playground?.close();
  });

  test('every seed example at every instant: the element shows the CLI\'s levels, from the CLI\'s report', async () => {
    const page = await playground.open();
    const examples = [...new Set(RUNS.map((r) => r.example))];
    for (const example of examples) {
      if ((await page.inputValue('#seed-example')) !== example) await choose(page, '#seed-example', example);
      for (const run of RUNS.filter((r) => r.example === example)) {
        const value = String(Date.parse(run.at));
        if ((await page.inputValue('#seed-run')) !== value) await choose(page, '#seed-run', value);
        const shown = await gate(page);
        assert.equal(shown.level, run.expect.level, `${example} at ${run.at}`);
        assert.ok(shown.text.includes(run.expect.level), `${example} at ${run.at}: the element's text names the level`);
        const report = JSON.parse(await shownReport(page));
        assert.equal(report.at, run.at);
        const levels = Object.fromEntries(report.slos.map((s) => [expectKey(s), s.level]));
        assert.deepEqual(levels, run.expect.slos, `${example} at ${run.at}: every SLO's level`);
        // Number for number `slogate eval --format json` of the same files,
        // but for the burn rates over time the page asks for (the CLI leaves them out).
        for (const slo of report.slos) {
          assert.equal(Object.keys(slo.burndown.burnRates).length, Object.keys(slo.burnRates).length);
          slo.burndown.burnRates = {};
        }
        assert.deepEqual(report, cliReport(run), `${example} at ${run.at}: the CLI's report`);
        assert.equal(await page.locator('#results.stale').count(), 0);
        assert.equal(await page.textContent('#diagnostics .count'), 'No problems');
      }
    }
    noProblems(page);
    await page.close();
  });

  test('typing in the policy updates the numbers', async () => {
    const page = await playground.open();
    await choose(page, '#seed-example', 'ai-slot-build');
    await choose(page, '#seed-run', String(Date.parse('2026-03-02T13:00:00Z')));
    const before = JSON.parse(await shownReport(page)).slos[0];
    assert.equal(before.objective, 0.99);
    const textBefore = (await gate(page)).text;

    // 99.0% → 99.% (invalid for a moment) → 99.5%, key by key.
    await page.locator('.cm-line', { hasText: 'objective: 99.0%' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await afterUpdate(page, () => page.keyboard.press('Backspace'));
    await afterUpdate(page, () => page.keyboard.type('5'));

    const after = JSON.parse(await shownReport(page)).slos[0];
    assert.equal(after.objective, 0.995);
    // Half the failures allowed, the same spent.
    assert.ok(Math.abs(after.budget.allowed - before.budget.allowed / 2) < 1e-6, `${after.budget.allowed} vs ${before.budget.allowed}`);
    assert.equal(after.budget.consumed, before.budget.consumed);
    assert.ok(after.budget.remainingRatio < before.budget.remainingRatio);
    const textAfter = (await gate(page)).text;
    assert.notEqual(textAfter, textBefore);
    assert.ok(textAfter.includes('99.5%'), 'the element shows the new objective');
    assert.equal(await page.locator('#results.stale').count(), 0);
    // The charts follow: the burn-down's caption gives the new remaining share.
    const caption = await page.textContent('[data-chart="burndown"] .summary');
    assert.match(caption, new RegExp(`${(after.budget.remainingRatio * 100).toFixed(1).replace('.', '\\.')}% now`));
    // Burn rates over time are in the report: the chart draws them, with no note.
    assert.equal(await page.isVisible('[data-chart="burn"] .note'), false);
    assert.match(await page.textContent('[data-chart="burn"] .summary'), /^Burn rate now: 5m /);
    noProblems(page);
    await page.close();
  });

  test('an invalid policy: line and column in the list and in the editor\'s lint; the last results stay, dimmed', async () => {
    const page = await playground.open();
    await choose(page, '#seed-example', 'ai-slot-build');
    const valid = await gate(page);
    const line = aiSlotPolicy.split('\n').findIndex((l) => l.includes('objective: 99.0%')) + 1;
    const column = aiSlotPolicy.split('\n')[line - 1].indexOf('objective') + 1;
    await setPolicy(page, aiSlotPolicy.replace('objective: 99.0%', 'objectiv: 99.0%'));

    const items = page.locator('#diagnostics li');
    const typo = items.filter({ hasText: 'did you mean "objective"' });
    assert.equal(await typo.count(), 1);
    assert.equal(await typo.locator('.place').textContent(), `${line}:${column}`);
    assert.match(await typo.textContent(), /error.*spec\.slos\[0\]\.objectiv: unknown key "objectiv" \(did you mean "objective"\?\)/);
    assert.match(await page.textContent('#diagnostics .count'), /^\d+ errors?$/);

    // The editor marks the word and its line in the gutter; hovering shows the message.
    const mark = page.locator('.cm-lintRange-error', { hasText: 'objectiv' });
    assert.equal(await mark.count(), 1);
    assert.ok((await page.locator('.cm-lint-marker-error').count()) >= 1);
    await mark.hover();
    await page.locator('.cm-tooltip-lint').waitFor();
    assert.match(await page.textContent('.cm-tooltip-lint'), /did you mean "objective"/);

    // The last valid results stay, marked as such.
    assert.equal(await page.locator('#results.stale').count(), 1);
    assert.match(await page.textContent('#results .problem'), /^Showing the last valid results: the policy is not valid: \d+ errors? \(listed under the editor\)$/);
    assert.equal((await gate(page)).level, valid.level);
    assert.equal(await page.locator('#charts.stale').count(), 1);

    // The list is keyboard reachable and moves the cursor to the place.
    await typo.locator('button').focus();
    await page.keyboard.press('Enter');
    assert.match(await page.locator('.cm-activeLine').textContent(), /objectiv: 99\.0%/);

    // Fixed: fresh again.
    await setPolicy(page, aiSlotPolicy);
    assert.equal(await page.locator('#results.stale').count(), 0);
    assert.equal(await page.textContent('#diagnostics .count'), 'No problems');
    noProblems(page);
    await page.close();
  });

  test('names, labels and actions with markup are shown as text', async () => {
    const page = await playground.open();
    await page.evaluate(() => {
      window.alert = () => {
        window.__alerted = true;
      };
    });
    await choose(page, '#seed-example', 'ai-slot-build');
    await choose(page, '#seed-run', String(Date.parse('2026-03-04T12:00:00Z')));
    const hostile = aiSlotPolicy
      .replace('name: ai-slot-build\n', 'name: "<img src=x onerror=alert(1)>"\n')
      .replace('- name: build-availability', '- name: "<b>bold</b>"')
      .replace('name: AI_SLOT_BUILD_FAILURE_BURST', 'name: "<i>burst</i>"')
      .replace(
        'action: "More than 80% of the budget spent: stabilisation/hardening tasks only until the budget recovers"',
        'action: "<script>alert(2)</script> stabilise"',
      );
    assert.notEqual(hostile, aiSlotPolicy);
    await setPolicy(page, hostile);
    assert.equal(await page.locator('#results.stale').count(), 0);
    const shown = await page.evaluate(() => {
      const el = document.querySelector('slo-gate');
      return {
        text: el.shadowRoot.textContent,
        elements: [...el.shadowRoot.querySelectorAll('img, b, i, script')].map((e) => e.outerHTML),
        pageElements: [...document.querySelectorAll('body img, body b, body i, body script')].map((e) => e.outerHTML),
        option: document.querySelector('#chart-slo option').textContent,
        captions: [...document.querySelectorAll('#charts .summary')].map((e) => e.textContent).join(' '),
        alerted: window.__alerted === true,
      };
    });
    assert.ok(shown.text.includes('<b>bold</b>'), 'the SLO name as text');
    assert.ok(shown.text.includes('<script>alert(2)</script> stabilise'), 'the action as text');
    assert.deepEqual(shown.elements, []);
    assert.deepEqual(shown.pageElements, []);
    assert.equal(shown.option, '<b>bold</b> — stabilisation-only');
    assert.ok(shown.captions.length > 0);
    assert.equal(shown.alerted, false);
    noProblems(page);
    await page.close();
  });

  test('pasted CSV and query_range JSON evaluate as the CLI reads the same files; bad data names its line', async () => {
    const page = await playground.open();
    await choose(page, '#seed-example', 'ai-slot-build');
    const run = RUNS.find((r) => r.example === 'ai-slot-build' && r.at === '2026-03-02T13:00:00Z');
    await choose(page, '#seed-run', String(Date.parse(run.at)));
    await choose(page, '#source-kind', 'paste');
    // One row per planned series; no data yet: the last results stay, dimmed.
    assert.deepEqual(await page.locator('.paste-row .series-name').allTextContents(), ['build_jobs_succeeded', 'build_jobs_total']);
    assert.match(await page.textContent('#results .problem'), /paste or upload data for "build_jobs_succeeded", "build_jobs_total"/);

    const good = read(run.data.build_jobs_succeeded);
    const total = read(run.data.build_jobs_total);
    await pasteInto(page, '#paste-build_jobs_succeeded', good);
    // The total as Prometheus would answer a query_range, uploaded as a file.
    const rows = total.trim().split('\n').slice(1).map((l) => l.split(','));
    const json = JSON.stringify({
      status: 'success',
      data: { resultType: 'matrix', result: [{ metric: {}, values: rows.map(([t, v]) => [Date.parse(t) / 1000, v]) }] },
    });
    await afterUpdate(page, () =>
      page.locator('.paste-row[data-series="build_jobs_total"]').locator('input[type=file]').setInputFiles({
        name: 'total.json',
        mimeType: 'application/json',
        buffer: Buffer.from(json),
      }),
    );
    assert.match(await page.locator('.paste-row[data-series="build_jobs_total"]').locator('.paste-status').textContent(), /^total\.json: 1 series, 3,745 samples$/);
    assert.equal(await page.locator('#results.stale').count(), 0);
    assert.equal((await gate(page)).level, run.expect.level);
    assert.deepEqual(
      Object.fromEntries(JSON.parse(await shownReport(page)).slos.map((s) => [s.name, s.level])),
      run.expect.slos,
    );

    // A bad sample: the row names its line and column; the last results stay.
    const bad = good.replace(/\n(2026-02-20T00:05:00Z),47938\n/, '\n$1,many\n');
    assert.notEqual(bad, good);
    await pasteInto(page, '#paste-build_jobs_succeeded', bad);
    const status = await page.locator('.paste-row[data-series="build_jobs_succeeded"]').locator('.paste-status').textContent();
    // The CLI's message for the same file: the source, line 3, the value's column.
    assert.equal(status, 'build_jobs_succeeded:3:22: "many" is not a number');
    assert.equal(await page.locator('#results.stale').count(), 1);
    assert.match(await page.textContent('#results .problem'), /build_jobs_succeeded/);
    noProblems(page);
    await page.close();
  });

  test('the scenario generator fills whatever the policy names', async () => {
    const page = await playground.open();
    await choose(page, '#source-kind', 'scenario');
    assert.equal(await page.locator('#results.stale').count(), 0);
    const report = JSON.parse(await shownReport(page));
    assert.equal(report.slos.length, 17);
    assert.ok(report.levels.includes((await gate(page)).level));
    // The form's parameters: a higher error ratio spends more budget.
    const calm = JSON.parse(await shownReport(page)).slos[0];
    await afterUpdate(page, () => page.fill('#scenario-form input[name="errorRatio"]', '5'));
    const burning = JSON.parse(await shownReport(page)).slos[0];
    assert.ok(burning.budget.consumed > calm.budget.consumed, `${burning.budget.consumed} > ${calm.budget.consumed}`);
    // A new SLO in the policy gets data too.
    await setPolicy(page, aiSlotPolicy.replaceAll('build_jobs_total', 'jobs_total_renamed'));
    assert.equal(await page.locator('#results.stale').count(), 0);
    assert.equal(JSON.parse(await shownReport(page)).slos[0].name, 'build-availability');
    noProblems(page);
    await page.close();
  });
});
