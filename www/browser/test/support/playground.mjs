// The playground for the browser tests: built once per test process from
// the current sources (www/playground/build.mjs), served with its CSP, and
// helpers that wait for the page's updates (the `slogate-playground-update`
// event it dispatches after each one).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../../src/browser.mjs';
import { serve } from '../../src/server.mjs';
import { PLAYGROUND_CSP } from '../../../playground/csp.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

let built = false;
/** Builds www/playground/dist once per process. */
export function buildPlayground() {
  if (built) return;
  const result = spawnSync(process.execPath, [join(root, 'www/playground/build.mjs')], { encoding: 'utf8' });
  assert.equal(result.status, 0, `the playground's build failed:\n${result.stdout}${result.stderr}`);
  built = true;
}

/** examples/runs.json: the CLI's expected levels per example and instant. */
export const RUNS = JSON.parse(readFileSync(join(root, 'examples/runs.json'), 'utf8'));

/**
 * Builds, serves (with the playground's CSP) and launches Chromium.
 * Resolves to `{url, open(hash, {colorScheme}), close()}`; pages from `open`
 * count updates in `window.__updates` / `window.__lastUpdate`.
 */
export async function startPlayground() {
  buildPlayground();
  const server = await serve({
    root: join(root, 'www/playground/dist'),
    headers: { 'content-security-policy': PLAYGROUND_CSP },
  });
  const browser = await launch();
  async function open(hash = '', { colorScheme } = {}) {
    const page = await browser.newPage({ colorScheme });
    await page.addInitScript(() => {
      window.__updates = 0;
      window.__lastUpdate = null;
      document.addEventListener('slogate-playground-update', (e) => {
        window.__updates += 1;
        window.__lastUpdate = e.detail;
      });
    });
    await page.goto(server.url + hash);
    await settled(page);
    return page;
  }
  return {
    url: server.url,
    browser,
    open,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** How many updates the page has run. */
export function updates(page) {
  return page.evaluate(() => window.__updates);
}

/**
 * Waits until an update after the `after`-th has run with nothing left to
 * load (the data of a seed arrives after the first update), then two
 * frames: an update scheduled by the last key pressed runs in the next one.
 */
export async function settled(page, after = 0) {
  await page.waitForFunction(
    (n) => window.__updates > n && document.querySelector('#results').dataset.state !== 'loading',
    after,
    { timeout: 30_000 },
  );
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));
}

/** Does `action` and waits for the update it causes. */
export async function afterUpdate(page, action) {
  const n = await updates(page);
  await action();
  await settled(page, n);
}

/** The report the element shows (its `lastReport`), as JSON text. */
export function shownReport(page) {
  return page.evaluate(() => JSON.stringify(document.querySelector('slo-gate').lastReport));
}

/** The element's level and its visible text (shadow root). */
export function gate(page) {
  return page.evaluate(() => {
    const el = document.querySelector('slo-gate');
    return { level: el.level, text: el.shadowRoot.textContent, state: el.state };
  });
}

/**
 * Replaces the editor's whole text as a person pasting a policy does:
 * select all, then a paste event CodeMirror handles itself. (Playwright's
 * `insertText` goes through Chromium's native contenteditable editing,
 * which writes inline styles of its own — a CSP violation no person's
 * paste or typing causes.)
 */
export async function setPolicy(page, text) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await afterUpdate(page, () =>
    page.locator('.cm-content').evaluate((content, pasted) => {
      const data = new DataTransfer();
      data.setData('text/plain', pasted);
      content.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text),
  );
}

/**
 * Pastes `text` into the textarea `selector` (its value and the `input`
 * event a paste fires; Playwright's `fill` types large texts through the
 * browser's editing, far slower than a paste).
 */
export async function pasteInto(page, selector, text) {
  await afterUpdate(page, () =>
    page.locator(selector).evaluate((area, pasted) => {
      area.value = pasted;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }, text),
  );
}

/** Selects `value` in the <select> `selector` and waits for its update. */
export async function choose(page, selector, value) {
  await afterUpdate(page, () => page.selectOption(selector, value));
}

/** Fails with the page's console errors and CSP violations, if any. */
export function noProblems(page) {
  assert.deepEqual(page.problems, [], `the page reported problems:\n${page.problems.join('\n')}`);
}
