// Headless Chromium from Debian (/usr/bin/chromium) driven by playwright-core:
// `npx playwright install` downloads browsers from outside the registries
// these machines reach and fails (../shared/TOOLCHAIN.md).
import { chromium } from 'playwright-core';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Where tests write screenshots: www/browser/screenshots/ (gitignored). */
export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

// Without the background-networking flags Chromium tries Google's hosts at
// every start, and this machine's closed network refuses them.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A fresh headless Chromium with its own empty profile. Resolves to
 * `{ context, newPage(options), close() }` (`args`: more Chromium flags); `newPage({colorScheme})` opens a
 * page that collects console errors, page errors and CSP violations in
 * `page.problems` (an array of strings) — a test fails on any of them.
 */
export async function launch({ colorScheme = 'light', viewport = { width: 1280, height: 900 }, args = [] } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'slogate-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...FLAGS, ...args],
    colorScheme,
    viewport,
  });
  async function newPage({ colorScheme: scheme } = {}) {
    const page = await context.newPage();
    if (scheme) await page.emulateMedia({ colorScheme: scheme });
    page.problems = [];
    page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') page.problems.push(`console error: ${message.text()}`);
    });
    // Runs before any script of the page, whatever its CSP (the debugging
    // protocol injects it), so a violation is seen even when it stops a script.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}` : '';
        console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}${where}`);
      });
    });
    return page;
  }
  return {
    context,
    newPage,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as screenshots/NAME.png and returns its path. */
export async function screenshot(target, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await target.screenshot({ path, ...(target.url ? { fullPage: true } : {}) });
  return path;
}
