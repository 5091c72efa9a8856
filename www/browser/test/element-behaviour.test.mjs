// <slo-gate> in headless Chromium under the strict CSP: editing the
// policy, errors with their place, markup as text, events, keyboard
// disclosures, the policy attribute, report mode without the engine, the
// .wasm found beside the bundle, and many groups laid out in a grid.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { explainAlertPair, explainBurnRate, explainRemaining, formatBudget } from '@slogate/view';
import { launch } from '../src/browser.mjs';
import { cliReport, pageHtml, policyText, root, runs, runSeries, serveElement, setProps, update, waitForState } from './element-support.mjs';
import { MARKUP_POLICY, markupSeries, manyGroups } from './element-fixtures.mjs';

let server;
let browser;
let scratch;

const pages = {
  '/one.html': pageHtml('<slo-gate id="gate" time-zone="UTC"></slo-gate>'),
  '/by-url.html': pageHtml('<slo-gate id="gate" time-zone="UTC" policy="/examples/mtos/policy.yaml" at="2026-02-20T14:05:00Z"></slo-gate>'),
  '/missing-policy.html': pageHtml('<slo-gate id="gate" policy="/no/such/policy.yaml"></slo-gate>'),
  '/elsewhere.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>elsewhere</title>
<script type="module" src="/assets/deep/path/slo-gate.js"></script></head>
<body><slo-gate id="gate" time-zone="UTC"></slo-gate></body></html>`,
  '/two.html': pageHtml('<slo-gate id="a" time-zone="UTC"></slo-gate><slo-gate id="b" time-zone="UTC"></slo-gate>'),
  '/override.html': pageHtml('<slo-gate id="gate" time-zone="UTC" wasm="/assets/elsewhere/engine.wasm"></slo-gate>'),
  '/slow.html': pageHtml('<slo-gate id="gate" time-zone="UTC" policy="/slow/policy.yaml"></slo-gate>'),
};

// The bundle and its .wasm served from another directory: the bundle must
// find the .wasm beside itself, wherever that is.
async function handle(req, res) {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/slow/policy.yaml') {
    // Slow enough to see the loading state.
    await new Promise((ok) => setTimeout(ok, 1500));
    const { readFile } = await import('node:fs/promises');
    res.writeHead(200, { 'content-type': 'text/yaml' });
    res.end(await readFile(join(root, 'examples/mtos/policy.yaml')));
    return true;
  }
  if (path === '/assets/elsewhere/engine.wasm') {
    const { readFile } = await import('node:fs/promises');
    res.writeHead(200, { 'content-type': 'application/wasm' });
    res.end(await readFile(join(root, 'www/element/dist/slogate_engine_bg.wasm')));
    return true;
  }
  const file = { '/assets/deep/path/slo-gate.js': 'slo-gate.js', '/assets/deep/path/slogate_engine_bg.wasm': 'slogate_engine_bg.wasm' }[path];
  if (!file) return false;
  const { readFile } = await import('node:fs/promises');
  const body = await readFile(join(root, 'www/element/dist', file));
  res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'application/wasm', 'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'" });
  res.end(body);
  return true;
}

before(async () => {
  server = await serveElement({ pages, handle });
  browser = await launch();
  scratch = await mkdtemp(join(tmpdir(), 'slogate-element-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function open(path = 'one.html') {
  const page = await browser.newPage();
  await page.goto(`${server.url}${path}`);
  await page.waitForFunction(() => customElements.get('slo-gate') !== undefined);
  return page;
}

const shadowText = (page, sel = '#gate') => page.$eval(sel, (el) => el.shadowRoot.textContent);
const cardFact = (page, index, fact) =>
  page.$eval('#gate', (el, [i, f]) => el.shadowRoot.querySelector(`.card[data-slo-index="${i}"] .fact-${f} .value`)?.textContent, [index, fact]);

test('editing the policy property updates the numbers as the CLI computes them', async () => {
  const page = await open();
  const run = runs[1];
  await update(page, '#gate', { policy: policyText(run), data: runSeries(run), at: Date.parse(run.at) });
  const before = cliReport(run);
  assert.equal(await cardFact(page, 0, 'remaining'), formatBudget(before.slos[0].budget.remaining, 'seconds'));

  // task-availability from 99.9% to 99.5%: five times the budget.
  const edited = policyText(run).replace(/(- name: task-availability\n(?:.*\n)*?\s+objective: )99\.9%/, '$199.5%');
  assert.notEqual(edited, policyText(run));
  const path = join(scratch, 'edited.yaml');
  await writeFile(path, edited);
  const after = cliReport(run, path);
  assert.notEqual(after.slos[0].budget.remaining, before.slos[0].budget.remaining);
  await update(page, '#gate', { policy: edited });
  assert.equal(await cardFact(page, 0, 'remaining'), formatBudget(after.slos[0].budget.remaining, 'seconds'));
  assert.equal(await page.$eval('#gate', (el) => el.level), after.level);
  assert.deepEqual(await page.$eval('#gate', (el) => el.lastReport), after);
  assert.deepEqual(page.problems, []);
});

test('an invalid policy shows each diagnostic with line and column and the did-you-mean', async () => {
  const page = await open();
  const run = runs[1];
  const text = policyText(run);
  const typo = text.replace('objective: 99.9%', 'objectve: 99.9%');
  const line = typo.split('\n').findIndex((l) => l.includes('objectve:')) + 1;
  const column = typo.split('\n')[line - 1].indexOf('objectve') + 1;
  const state = await update(page, '#gate', { policy: typo, data: runSeries(run), at: Date.parse(run.at) });
  assert.equal(state, 'error');
  const shown = await page.$eval('#gate', (el) => ({
    title: el.shadowRoot.querySelector('.error-title')?.textContent,
    diagnostics: [...el.shadowRoot.querySelectorAll('.diagnostic')].map((d) => [d.querySelector('.where').textContent, d.querySelector('.text').textContent]),
    kind: el.error?.kind,
    level: el.level,
  }));
  assert.equal(shown.kind, 'bad-policy');
  assert.equal(shown.level, null);
  assert.match(shown.title, /^the policy is not valid: \d+ errors?$/);
  assert.ok(
    shown.diagnostics.some(([where, t]) => where === `${line}:${column}` && t === 'spec.slos[0].objectve: unknown key "objectve" (did you mean "objective"?)'),
    JSON.stringify(shown.diagnostics),
  );
  // Fixed again: the numbers come back.
  assert.equal(await update(page, '#gate', { policy: text }), 'ready');
  assert.equal(await page.$eval('#gate', (el) => el.level), run.expect.level);
  assert.deepEqual(page.problems, []);
});

test('a series the data lacks: where the policy names it and what the data has', async () => {
  const page = await open();
  const run = runs[3]; // agentaskit
  const data = runSeries(run).filter((s) => s.name !== 'http_requests_total');
  assert.equal(await update(page, '#gate', { policy: policyText(run), data, at: Date.parse(run.at) }), 'error');
  const lines = await page.$eval('#gate', (el) => [...el.shadowRoot.querySelectorAll('.error-line')].map((p) => p.textContent));
  const names = [...new Set(data.map((s) => s.name))].sort();
  const error = await page.$eval('#gate', (el) => ({ kind: el.error.kind, path: el.error.path }));
  assert.equal(error.kind, 'missing-series');
  assert.deepEqual(lines, [`the policy's ${error.path} names series \`http_requests_total\`, the data has: ${names.join(', ')}`]);
  assert.deepEqual(page.problems, []);
});

test('names, actions, levels and labels containing markup render as text', async () => {
  const page = await open();
  assert.equal(await update(page, '#gate', { policy: MARKUP_POLICY, data: markupSeries(), at: 3_600_000 }), 'ready');
  const seen = await page.$eval('#gate', (el) => ({
    elements: [...el.shadowRoot.querySelectorAll('img, b, i, script, iframe')].length,
    text: el.shadowRoot.textContent,
    level: el.level,
  }));
  assert.equal(seen.elements, 0);
  assert.equal(seen.level, '<b>freeze</b>');
  for (const literal of ['<b>policy</b>', '<i>page</i>', '(<b>sev</b>)', '<img src=x onerror=alert(1)>', 'svc="<img src=y onerror=alert(2)>"', '<script>alert(1)</script> <b>stop</b>', '<b>freeze</b>']) {
    assert.ok(seen.text.includes(literal), literal);
  }
  // Nothing ran: no dialog opened, no error, no CSP violation.
  assert.deepEqual(page.problems, []);
  // Markup in an error: a missing series named with markup.
  assert.equal(await update(page, '#gate', { data: markupSeries().filter((s) => s.name !== 'good') }), 'error');
  assert.equal(await page.$eval('#gate', (el) => el.shadowRoot.querySelectorAll('img, b, i, script').length), 0);
});

test('slogate-level-change fires with the right detail, on the first report too, and only on a change', async () => {
  const page = await open();
  await page.$eval('#gate', (el) => {
    window.seen = [];
    for (const type of ['slogate-level-change', 'slogate-report', 'slogate-error']) {
      // Listened on the document: the events bubble out of the shadow root.
      document.addEventListener(type, (e) => window.seen.push([type, type === 'slogate-level-change' ? e.detail : type === 'slogate-report' ? e.detail.report.level : e.detail.error.kind, e.target === el]));
    }
  });
  const healthy = runs[0];
  const breach = runs[1];
  await update(page, '#gate', { policy: policyText(healthy), data: runSeries(healthy), at: Date.parse(healthy.at) });
  await update(page, '#gate', { at: Date.parse(breach.at) });
  await update(page, '#gate', { at: Date.parse(breach.at) + 60_000 });
  await update(page, '#gate', { policy: 'not: a policy' });
  const seen = await page.evaluate(() => window.seen);
  assert.deepEqual(seen, [
    ['slogate-report', 'healthy', true],
    ['slogate-level-change', { level: 'healthy', previous: null, rank: 0, severity: 'ok' }, true],
    ['slogate-report', 'breach', true],
    ['slogate-level-change', { level: 'breach', previous: 'healthy', rank: 3, severity: 'critical' }, true],
    ['slogate-report', cliReport({ ...breach, at: new Date(Date.parse(breach.at) + 60_000).toISOString() }).level, true],
    ['slogate-error', 'bad-policy', true],
  ]);
  assert.equal(seen[4][1], 'breach', 'a minute later it is still breach: no level-change');
  // Announced once to assistive technology, outside the re-rendered frame.
  assert.equal(
    await page.$eval('#gate', (el) => el.shadowRoot.lastElementChild.textContent),
    'mtos-task-orchestration: level changed from healthy to breach',
  );
  assert.equal(await page.$eval('#gate', (el) => el.shadowRoot.lastElementChild.getAttribute('aria-live')), 'polite');
});

test('explanations open by keyboard and show the view\'s sentence and inputs', async () => {
  const page = await open();
  const run = runs[1];
  await update(page, '#gate', { policy: policyText(run), data: runSeries(run), at: Date.parse(run.at) });
  const report = cliReport(run);
  const slo = report.slos[0];

  // Tab from the top of the page reaches an explain button.
  await page.focus('body');
  let focused = null;
  for (let i = 0; i < 40 && focused?.cls !== 'why'; i += 1) {
    await page.keyboard.press('Tab');
    focused = await page.$eval('#gate', (el) => {
      const a = el.shadowRoot.activeElement;
      return a ? { cls: a.className, label: a.getAttribute('aria-label'), expanded: a.getAttribute('aria-expanded') } : null;
    });
  }
  assert.equal(focused?.cls, 'why', 'an explain button is reachable with Tab');
  assert.equal(focused.label, `Explain remaining budget: ${explainRemaining(slo).value}`);
  assert.equal(focused.expanded, 'false');
  await page.keyboard.press('Enter');
  const panel = await page.$eval('#gate', (el) => {
    const button = el.shadowRoot.activeElement;
    const p = el.shadowRoot.getElementById(button.getAttribute('aria-controls'));
    return {
      expanded: button.getAttribute('aria-expanded'),
      hidden: p.hidden,
      visible: p.getBoundingClientRect().height > 0,
      text: p.querySelector('.explain-text').textContent,
      inputs: [...p.querySelectorAll('.inputs tr')].map((tr) => ({ name: tr.querySelector('th').textContent, value: tr.querySelector('td').textContent })),
    };
  });
  const x = explainRemaining(slo);
  assert.deepEqual(panel, { expanded: 'true', hidden: false, visible: true, text: x.text, inputs: x.inputs });
  await page.keyboard.press(' ');
  assert.equal(await page.$eval('#gate', (el) => el.shadowRoot.activeElement.getAttribute('aria-expanded')), 'false');

  // A burn rate's and an alert pair's explanation.
  // 17 cards: the section starts folded and builds its content when opened.
  assert.equal(await page.$eval('#gate', (el) => el.shadowRoot.querySelector('.card[data-slo-index="0"] details.section').open), false);
  assert.equal(await page.$eval('#gate', (el) => el.shadowRoot.querySelector('.card[data-slo-index="0"] .burn')), null);
  await page.$eval('#gate', (el) => el.shadowRoot.querySelector('.card[data-slo-index="0"] details.section summary').click());
  await page.waitForFunction(() => document.querySelector('#gate').shadowRoot.querySelector('.card[data-slo-index="0"] .burn') !== null);
  const burn = await page.$eval('#gate', (el) => {
    const card = el.shadowRoot.querySelector('.card[data-slo-index="0"]');
    const b = card.querySelector('.burn-row[data-window="1h"] .why');
    b.focus();
    return b.getAttribute('aria-label');
  });
  assert.equal(burn, `Explain burn rate over 1h: ${explainBurnRate(slo, '1h').value}`);
  await page.keyboard.press('Enter');
  const burnPanel = await page.$eval('#gate', (el) => {
    const p = el.shadowRoot.getElementById(el.shadowRoot.activeElement.getAttribute('aria-controls'));
    return { hidden: p.hidden, text: p.querySelector('.explain-text').textContent, inputs: [...p.querySelectorAll('.inputs td')].map((td) => td.textContent) };
  });
  assert.deepEqual(burnPanel, { hidden: false, text: explainBurnRate(slo, '1h').text, inputs: explainBurnRate(slo, '1h').inputs.map((i) => i.value) });
  const pair = await page.$eval('#gate', (el) => {
    const b = el.shadowRoot.querySelector('.card[data-slo-index="0"] .alert[data-alert="0"] .pair .why');
    b.click();
    return el.shadowRoot.getElementById(b.getAttribute('aria-controls')).querySelector('.explain-text').textContent;
  });
  assert.equal(pair, explainAlertPair(slo, slo.alerts[0], slo.alerts[0].pairs[0]).text);

  // Open disclosures survive a re-render with new numbers, and the focus
  // goes back to the button that had it.
  await page.$eval('#gate', (el) => el.shadowRoot.querySelector('.card[data-slo-index="0"] .burn-row[data-window="1h"] .why').focus());
  await update(page, '#gate', { at: Date.parse(run.at) + 60_000 });
  assert.equal(await page.$eval('#gate', (el) => el.shadowRoot.querySelector('.card[data-slo-index="0"] .burn-row[data-window="1h"] .why').getAttribute('aria-expanded')), 'true');
  assert.deepEqual(
    await page.$eval('#gate', (el) => {
      const a = el.shadowRoot.activeElement;
      return [a?.className, a?.closest('.burn-row')?.dataset.window, a?.closest('.card')?.dataset.sloIndex];
    }),
    ['why', '1h', '0'],
  );
  assert.deepEqual(page.problems, []);
});

test('the policy attribute: fetched from its URL; a 404 names the URL and the status', async () => {
  const page = await open('by-url.html');
  assert.equal(await waitForState(page, '#gate'), 'idle');
  const notice = await shadowText(page);
  assert.match(notice, /The policy "mtos-task-orchestration" is loaded \(15 SLOs\), but there is no data/);
  const run = runs[1];
  assert.equal(await update(page, '#gate', { data: runSeries(run) }), 'ready');
  assert.equal(await page.$eval('#gate', (el) => el.level), 'breach');
  assert.equal(await page.$eval('#gate', (el) => el.policy), policyText(run));
  assert.deepEqual(page.problems, []);

  const missing = await open('missing-policy.html');
  assert.equal(await waitForState(missing, '#gate'), 'error');
  const error = await missing.$eval('#gate', (el) => ({
    title: el.shadowRoot.querySelector('.error-title').textContent,
    line: el.shadowRoot.querySelector('.error-line').textContent,
    kind: el.error.kind,
    status: el.error.status,
  }));
  assert.deepEqual(error, {
    title: 'the policy cannot be fetched: HTTP 404',
    line: `${server.url}no/such/policy.yaml answered HTTP 404: Not Found`,
    kind: 'policy-http',
    status: 404,
  });
  // The 404 itself is the only console error (Chromium logs failed loads).
  assert.ok(missing.problems.every((p) => p.includes('404')), missing.problems.join('\n'));
});

test('report mode renders a given report without loading the engine', async () => {
  const page = await browser.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`${server.url}one.html`);
  await page.waitForFunction(() => customElements.get('slo-gate') !== undefined);
  const report = cliReport(runs[8]); // orchestra breach
  assert.equal(await update(page, '#gate', { report }), 'ready');
  assert.equal(await page.$eval('#gate', (el) => el.level), report.level);
  assert.equal(await page.$eval('#gate', (el) => el.shadowRoot.querySelectorAll('.card').length), report.slos.length);
  assert.deepEqual(requested.filter((p) => p.endsWith('.wasm')), []);
  assert.deepEqual(page.problems, []);
});

test('the bundle finds its .wasm beside itself, wherever it is served; both elements share one engine', async () => {
  const page = await browser.newPage();
  const wasm = [];
  page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname));
  await page.goto(`${server.url}elsewhere.html`);
  await page.waitForFunction(() => customElements.get('slo-gate') !== undefined);
  const run = runs[4];
  assert.equal(await update(page, '#gate', { policy: policyText(run), data: runSeries(run), at: Date.parse(run.at) }), 'ready');
  assert.deepEqual(wasm, ['/assets/deep/path/slogate_engine_bg.wasm']);
  assert.deepEqual(page.problems, []);

  const two = await browser.newPage();
  const wasm2 = [];
  two.on('request', (r) => r.url().endsWith('.wasm') && wasm2.push(r.url()));
  await two.goto(`${server.url}two.html`);
  await two.waitForFunction(() => customElements.get('slo-gate') !== undefined);
  await setProps(two, '#a', { policy: policyText(runs[4]), data: runSeries(runs[4]), at: Date.parse(runs[4].at) });
  await setProps(two, '#b', { policy: policyText(runs[9]), data: runSeries(runs[9]), at: Date.parse(runs[9].at) });
  assert.equal(await waitForState(two, '#a', ['ready']), 'ready');
  assert.equal(await waitForState(two, '#b', ['ready']), 'ready');
  assert.equal(await two.$eval('#a', (el) => el.level), runs[4].expect.level);
  assert.equal(await two.$eval('#b', (el) => el.level), runs[9].expect.level);
  assert.equal(wasm2.length, 1);
  assert.deepEqual(two.problems, []);
});

test('50 groups lay out in a grid without overflow; the summary counts them', async () => {
  const page = await open();
  const { policy, series, at } = manyGroups(50);
  assert.equal(await update(page, '#gate', { policy, data: series, at }), 'ready');
  const layout = await page.$eval('#gate', (el) => {
    const cards = [...el.shadowRoot.querySelectorAll('.card')];
    const lefts = new Set(cards.map((c) => Math.round(c.getBoundingClientRect().left)));
    const overflowing = cards.filter((c) => c.scrollWidth > c.clientWidth + 1).length;
    return {
      cards: cards.length,
      columns: lefts.size,
      overflowing,
      pageOverflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      counts: el.shadowRoot.querySelector('.counts').textContent,
      jumps: el.shadowRoot.querySelectorAll('.jump').length,
      folded: cards.every((c) => !c.querySelector('details.section').open),
    };
  });
  assert.equal(layout.cards, 50);
  assert.ok(layout.columns >= 3, `${layout.columns} columns at 1280px`);
  assert.equal(layout.overflowing, 0);
  assert.equal(layout.pageOverflow, false);
  assert.match(layout.counts, /of 50 SLOs at /);
  assert.ok(layout.jumps > 0 && layout.jumps <= 12);
  assert.equal(layout.folded, true);
  // A jump button moves focus to its card.
  const moved = await page.$eval('#gate', (el) => {
    el.shadowRoot.querySelector('.jump').click();
    const a = el.shadowRoot.activeElement;
    return a?.classList.contains('card') ? a.querySelector('.title').textContent : null;
  });
  assert.ok(moved && moved.startsWith('api {service='), moved);
  assert.deepEqual(page.problems, []);
});

test('no data and no policy: a notice, never a blank box; an invalid at attribute names itself', async () => {
  const page = await open();
  assert.equal(await waitForState(page, '#gate'), 'idle');
  assert.match(await shadowText(page), /No policy yet\./);
  await page.$eval('#gate', (el) => el.setAttribute('at', 'yesterday'));
  await update(page, '#gate', { policy: policyText(runs[0]) });
  assert.equal(await page.$eval('#gate', (el) => el.state), 'error');
  assert.match(await shadowText(page), /at="yesterday" is not an RFC 3339 instant/);
  await page.$eval('#gate', (el) => el.setAttribute('at', '2026-02-14T12:00:00Z'));
  assert.equal(await update(page, '#gate', { data: runSeries(runs[0]) }), 'ready');
  assert.equal(await page.$eval('#gate', (el) => el.lastReport.at), '2026-02-14T12:00:00Z');
  assert.equal(await page.$eval('#gate', (el) => el.at), Date.parse('2026-02-14T12:00:00Z'));
});

test('while the policy loads, the element says so', async () => {
  const page = await open('slow.html');
  await page.waitForFunction(() => document.querySelector('#gate').state === 'loading');
  const loading = await page.$eval('#gate', (el) => ({ text: el.shadowRoot.textContent, busy: el.getAttribute('aria-busy') }));
  assert.deepEqual(loading, { text: 'Fetching the policy…', busy: 'true' });
  assert.equal(await waitForState(page, '#gate'), 'idle');
  assert.equal(await page.$eval('#gate', (el) => el.getAttribute('aria-busy')), 'false');
  assert.deepEqual(page.problems, []);
});

test('the wasm attribute, or SloGate.wasmUrl, points the engine at another URL', async () => {
  const page = await browser.newPage();
  const wasm = [];
  page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname));
  await page.goto(`${server.url}override.html`);
  await page.waitForFunction(() => customElements.get('slo-gate') !== undefined);
  const run = runs[12];
  assert.equal(await update(page, '#gate', { policy: policyText(run), data: runSeries(run), at: Date.parse(run.at) }), 'ready');
  assert.equal(await page.$eval('#gate', (el) => el.level), run.expect.level);
  assert.deepEqual(wasm, ['/assets/elsewhere/engine.wasm']);
  assert.deepEqual(page.problems, []);

  // The same through the class, before the first element needs the engine.
  const other = await browser.newPage();
  const wasm2 = [];
  other.on('request', (r) => r.url().endsWith('.wasm') && wasm2.push(new URL(r.url()).pathname));
  await other.goto(`${server.url}one.html`);
  await other.waitForFunction(() => customElements.get('slo-gate') !== undefined);
  await other.evaluate(() => {
    customElements.get('slo-gate').wasmUrl = '/assets/elsewhere/engine.wasm';
  });
  assert.equal(await update(other, '#gate', { policy: policyText(run), data: runSeries(run), at: Date.parse(run.at) }), 'ready');
  assert.deepEqual(wasm2, ['/assets/elsewhere/engine.wasm']);
  assert.equal(await other.evaluate(() => customElements.get('slo-gate').wasmUrl), '/assets/elsewhere/engine.wasm');
});
