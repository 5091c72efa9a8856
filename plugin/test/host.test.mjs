// The built plugin in headless Chromium, loaded by a host page as Grafana
// loads it (test/host/host.tsx says what the host is and is not): each case
// asserts the levels and numbers the panel shows, and saves screenshots
// (www/browser/screenshots/panel-*.png, dark and light). Needs
// `npm run build` first (scripts/test runs it).
//
// Two hosts, one dist/: React 18 with @grafana/* 13.1 (Grafana up to 13.1,
// the versions the plugin builds against: the workspace's packages) and
// React 19 with @grafana/* 13.2 (Grafana 13.2 and later:
// test/host-react19/, installed apart by scripts/test).

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { launch, screenshot } from '../../www/browser/src/browser.mjs';
import { HOSTS, buildHost, serveHosts } from './host/host-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const plugin = join(here, '..');
const ID = 'slogate-errorbudget-panel';
const DASHBOARDS = ['slogate-quick.json', 'slogate-routes.json'];
const DAYS_60 = 60 * 24 * 60;

const MINUTE = 60_000;
const AT = Date.UTC(2026, 2, 2, 12);
const DAYS_4 = 4 * 24 * 60;

let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(plugin, 'dist/module.js')), 'dist/module.js: run npm run build first');
  for (const host of HOSTS) {
    await buildHost(host);
  }
  server = await serveHosts();
  browser = await launch({ viewport: { width: 1100, height: 800 } });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const VIEWS = { figures: true, burndown: true, burnRates: true };

/** Minutes of 1-minute samples ending at AT: `value(i)` per minute (i = 0 is the oldest). */
function minutes(n, value) {
  const times = Array.from({ length: n + 1 }, (_, i) => AT - (n - i) * MINUTE);
  return { times, values: times.map((_, i) => value(i)) };
}

function ratioFrames(goodRate, { n = DAYS_4 } = {}) {
  const total = minutes(n, () => 10);
  const good = minutes(n, () => goodRate);
  return [
    { refId: 'total', times: total.times, intervalMs: MINUTE, fields: [{ name: 'Value', values: total.values }] },
    { refId: 'good', times: good.times, intervalMs: MINUTE, fields: [{ name: 'Value', values: good.values }] },
  ];
}

const RATIO_POLICY = `apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: checkout}
spec:
  slos:
    - name: checkout-availability
      objective: 99%
      window: {rolling: 1h}
      sli: {ratio: {good: good, total: total}}
  policy:
    levels: [healthy, warning, freeze]
    rules:
      - {level: warning, when: "remaining < 75%", action: "Prioritise reliability"}
      - {level: freeze, when: "remaining < 50%", action: "Feature freeze: only fixes ship"}
`;

/** The dotted paths of an options object's leaves (arrays as `[i]`). */
function leafPaths(value, prefix = '') {
  if (Array.isArray(value)) {
    return value.length === 0 ? [prefix] : value.flatMap((v, i) => leafPaths(v, `${prefix}[${i}]`));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

async function show(c, host) {
  const page = await browser.newPage({ colorScheme: c.theme });
  await page.addInitScript((hostCase) => {
    window.__hostCase = hostCase;
  }, c);
  await page.goto(`${server.url}react${host.react}/`);
  await page.waitForFunction(() => window.__hostDone !== undefined, null, { timeout: 30_000 });
  const done = await page.evaluate(() => window.__hostDone);
  assert.ok(done.ok, done.error);
  assert.equal(done.react.split('.')[0], host.react, `the host runs React ${host.react}`);
  return page;
}

function hostCase(options, frames, theme = 'light', extra = {}) {
  return {
    options: { mode: 'policy', quick: {}, mappings: [], views: VIEWS, runbooks: [], ...options },
    frames,
    from: AT - DAYS_4 * MINUTE,
    to: AT,
    theme,
    width: 1060,
    height: 700,
    ...extra,
  };
}

for (const host of HOSTS) {
  const shot = (page, name) => screenshot(page, `panel-react${host.react}-${name}`);
  describe(`the built panel in a Grafana-like host (${host.name})`, () => {
    for (const theme of ['light', 'dark']) {
      test(`a ratio SLO in budget (${theme})`, async () => {
        const page = await show(hostCase({ policy: RATIO_POLICY }, ratioFrames(9.99), theme), host);
        const verdict = page.getByRole('region', { name: /^verdict: / });
        await verdict.waitFor();
        assert.equal(await verdict.getAttribute('aria-label'), 'verdict: healthy: all 1 SLO at healthy');
        // 0.1% errors of a 1% budget: 90% left.
        assert.equal(await page.getByRole('meter').getAttribute('aria-valuenow'), '90');
        assert.equal(
          await page.getByRole('meter').getAttribute('aria-valuetext'),
          '90.0% left: 324 events of 360 events'
        );
        await shot(page, `ratio-healthy-${theme}`);
        assert.deepEqual(page.problems, []);
        await page.close();
      });
    }

    test('a ratio SLO frozen, with the rule, its action and the runbook', async () => {
      const runbooks = [{ level: 'freeze', url: 'https://runbooks.example/freeze' }];
      const page = await show(hostCase({ policy: RATIO_POLICY, runbooks }, ratioFrames(9.94), 'dark'), host);
      const card = page.getByRole('article', { name: 'checkout-availability: freeze' });
      await card.waitFor();
      assert.match(await card.textContent(), /remaining < 50%.*Feature freeze: only fixes ship/);
      assert.equal(await page.getByRole('meter').getAttribute('aria-valuenow'), '40');
      const link = page.getByRole('link', { name: 'Runbook for freeze' }).first();
      assert.equal(await link.getAttribute('href'), 'https://runbooks.example/freeze');
      // The explanation of the remaining budget, with this SLO's inputs.
      await page.getByRole('button', { name: /^Explain remaining budget/ }).click();
      assert.match(await page.locator('[data-explains="remaining budget"]').textContent(), /360/);
      // The burn rates against the alert thresholds, built when opened.
      await page.getByText('Burn rates and alerts').click();
      const row = page.locator('tr[data-window="1h"]');
      await row.waitFor();
      // 0.6% errors of a 1% budget burn at 0.6; the 1h/5m page pair of a 1-hour window watches for 0.02.
      assert.match(await row.textContent(), /^1h forecast0\.60.*page ×0\.02 exceeded$/);
      await shot(page, 'ratio-freeze-dark');
      await page.close();
    });

    for (const theme of ['light', 'dark']) {
      test(`held alerts: one pending, one firing, and a rule on an alert alone (${theme})`, async () => {
        // All good until 30 minutes before AT, then 0.6% failing: the 5m burn
        // rate exceeds 0.5 once all five of its minutes fail (0.6 × k/5 > 0.5
        // needs k = 5), 25 minutes before AT, so both alerts' conditions have
        // held for 25 minutes (one-minute steps): `ticket` (for 20m) fires,
        // `page` (for 1h) is pending 25m of 1h.
        const policy = RATIO_POLICY.replace(
          '      sli: {ratio: {good: good, total: total}}',
          `      sli: {ratio: {good: good, total: total}}
      alerting:
        - {name: page, severity: page, for: 1h, windows: [{long: 5m, factor: 0.5}]}
        - {name: ticket, severity: ticket, for: 20m, windows: [{long: 5m, factor: 0.5}]}`
        ).replace(
          '      - {level: warning, when: "remaining < 75%", action: "Prioritise reliability"}',
          '      - {level: warning, when: "alert(ticket)", action: "Look at the ticket"}'
        );
        const total = minutes(DAYS_4, () => 10);
        const good = minutes(DAYS_4, (i) => (i > DAYS_4 - 30 ? 9.94 : 10));
        const frames = [
          { refId: 'total', times: total.times, intervalMs: MINUTE, fields: [{ name: 'Value', values: total.values }] },
          { refId: 'good', times: good.times, intervalMs: MINUTE, fields: [{ name: 'Value', values: good.values }] },
        ];
        const page = await show(hostCase({ policy }, frames, theme), host);
        const why = page.getByRole('list', { name: 'why warning' });
        await why.waitFor();
        // Matched by the alert alone: the rule and its action, no value.
        assert.equal(await why.textContent(), 'alert(ticket)→ Look at the ticket');
        await page.getByText('Burn rates and alerts').click();
        const alerts = page.getByRole('list', { name: 'alerts' });
        await alerts.waitFor();
        const text = await alerts.textContent();
        assert.match(text, /page \(page\) pending 25m\/1h/);
        assert.match(text, /ticket \(ticket\) firing/);
        // The panel scrolls within its height: the alerts into view for the picture.
        await alerts.scrollIntoViewIfNeeded();
        await shot(page, `held-alerts-${theme}`);
        assert.deepEqual(page.problems, []);
        await page.close();
      });
    }

    test('one grid cell across (90 × 40): the level alone, readable', async () => {
      const page = await show(
        hostCase({ policy: RATIO_POLICY }, ratioFrames(9.94), 'dark', { width: 90, height: 40 }),
        host
      );
      const verdict = page.getByRole('region', { name: 'verdict: freeze: all 1 SLO at freeze' });
      await verdict.waitFor();
      const box = await verdict.boundingBox();
      assert.ok(box.width <= 90 && box.height <= 40, `${box.width} × ${box.height}`);
      await shot(page.locator('#panel'), 'tiny-dark');
      await page.close();
    });

    test('an invalid policy: its findings at line and column', async () => {
      const page = await show(
        hostCase({ policy: RATIO_POLICY.replace('objective: 99%', 'objectiv: 99%') }, ratioFrames(9.99)),
        host
      );
      await page.getByText(/unknown key "objectiv" \(did you mean "objective"\?\)/).waitFor();
      assert.equal(await page.getByText('7:7').count(), 1);
      await shot(page, 'invalid-light');
      await page.close();
    });

    test('a range too short for the window: the fix, no numbers', async () => {
      const page = await show(
        hostCase({ policy: RATIO_POLICY }, ratioFrames(9.99, { n: 120 }), 'light', { from: AT - 120 * MINUTE }),
        host
      );
      await page.getByText(/set this panel's Relative time to now-4d \(Query options\)/).waitFor();
      assert.equal(await page.getByRole('meter').count(), 0);
      await shot(page, 'short-range-light');
      await page.close();
    });

    test("a timeslice uptime SLO (a threshold on up): ten minutes down overspend a day's 99.9%", async () => {
      const policy = `apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: probes}
spec:
  slos:
    - name: uptime
      objective: 99.9%
      window: {rolling: 1d}
      budgeting: timeslices
      slice: 1m
      sli: {threshold: {series: {name: up, kind: gauge}, op: ">=", value: 1}}
  policy:
    levels: [healthy, freeze, breach]
    rules:
      - {level: freeze, when: "remaining < 25%"}
      - {level: breach, when: "remaining <= 0", action: "Incident review"}
`;
      // A day's window reads four days and three minutes back (the burn-down, the 3d burn rate).
      const days5 = 5 * 24 * 60;
      const up = minutes(days5, (i) => (i > days5 - 130 && i <= days5 - 120 ? 0 : 1));
      const frames = [
        {
          refId: 'up',
          times: up.times,
          intervalMs: MINUTE,
          fields: [{ name: 'Value', values: up.values, labels: { job: 'probe' } }],
        },
      ];
      for (const theme of ['light', 'dark']) {
        const page = await show(hostCase({ policy }, frames, theme, { from: AT - days5 * MINUTE }), host);
        const card = page.getByRole('article', { name: 'uptime: breach' });
        await card.waitFor();
        // 600 bad seconds of a 86.4-second budget.
        assert.equal(
          await page.getByRole('meter').getAttribute('aria-valuetext'),
          'overspent by 8m33.6s (-594.4%) of 1m26.4s'
        );
        await shot(page, `timeslice-breach-${theme}`);
        await page.close();
      }
    });

    test('grouped SLOs: one card per route, the worst first in the verdict', async () => {
      const policy = RATIO_POLICY.replace(
        '      sli: {ratio: {good: good, total: total}}',
        '      sli: {ratio: {good: good, total: total}}\n      groupBy: [route]'
      );
      const routes = { '/api': 9.99, '/checkout': 9.94, '/search': 9.97 };
      const frames = Object.entries(routes).flatMap(([route, goodRate]) => {
        const total = minutes(DAYS_4, () => 10);
        const good = minutes(DAYS_4, () => goodRate);
        return [
          {
            refId: 'total',
            times: total.times,
            intervalMs: MINUTE,
            fields: [{ name: 'Value', values: total.values, labels: { route } }],
          },
          {
            refId: 'good',
            times: good.times,
            intervalMs: MINUTE,
            fields: [{ name: 'Value', values: good.values, labels: { route } }],
          },
        ];
      });
      const page = await show(hostCase({ policy }, frames, 'light'), host);
      const verdict = page.getByRole('region', { name: /^verdict: / });
      await verdict.waitFor();
      assert.equal(
        await verdict.getAttribute('aria-label'),
        'verdict: freeze: 1 of 3 SLOs at freeze, 1 at warning, 1 at healthy'
      );
      assert.equal(await page.getByRole('article').count(), 3);
      const named = await page
        .getByRole('list', { name: 'SLOs not at the lowest level' })
        .getByRole('listitem')
        .allTextContents();
      assert.deepEqual(named, [
        'freeze checkout-availability {route="/checkout"}',
        'warning checkout-availability {route="/search"}',
      ]);
      assert.equal(
        await page.getByRole('list', { name: 'what freeze asks' }).textContent(),
        '→ Feature freeze: only fixes ship'
      );
      assert.equal(
        await page.getByRole('article', { name: 'checkout-availability {route="/checkout"}: freeze' }).count(),
        1
      );
      assert.equal(
        await page.getByRole('article', { name: 'checkout-availability {route="/search"}: warning' }).count(),
        1
      );
      const meters = await page.getByRole('meter').evaluateAll((ms) => ms.map((m) => m.getAttribute('aria-valuenow')));
      assert.deepEqual(meters, ['90', '40', '70']);
      await shot(page, 'grouped-light');
      await page.close();
    });

    test("no data: Grafana's no-data view with what the policy reads", async () => {
      const page = await show(hostCase({ policy: RATIO_POLICY }, [], 'dark'), host);
      await page.getByText("Unable to render data: no data for the policy's series good, total.").waitFor();
      await shot(page, 'no-data-dark');
      await page.close();
    });

    test('fifty groups: the verdict names the worst twelve, the cards scroll under it, drawn as they come near', async () => {
      const policy = RATIO_POLICY.replace(
        '      sli: {ratio: {good: good, total: total}}',
        '      sli: {ratio: {good: good, total: total}}\n      groupBy: [route]'
      );
      const c = { ...hostCase({ policy }, [], 'dark'), generate: { groups: 50, minutes: DAYS_4, stepMs: MINUTE } };
      const page = await show(c, host);
      const verdict = page.getByRole('region', { name: /^verdict: / });
      await verdict.waitFor();
      assert.match(await verdict.getAttribute('aria-label'), /^verdict: freeze: \d+ of 50 SLOs at freeze/);
      assert.equal(await page.getByRole('article').count(), 50);
      const named = page.getByRole('list', { name: 'SLOs not at the lowest level' }).getByRole('listitem');
      assert.equal(await named.count(), 13);
      assert.match(await named.last().textContent(), /^and \d+ more$/);
      // Only the cards near the panel's view are drawn in full: the first
      // has its gauge, the last not yet.
      const meters = page.getByRole('meter', { name: 'remaining error budget' });
      const drawn = await meters.count();
      assert.ok(drawn >= 4 && drawn < 50, `${drawn} cards drawn in full before scrolling`);
      const last = page.getByRole('article').last();
      assert.equal(await last.getByRole('meter').count(), 0);
      assert.equal(await page.getByRole('article').first().getByRole('meter').count(), 1);
      // Scrolled to the last card: it is drawn, and the verdict is still at the top of the panel.
      await last.scrollIntoViewIfNeeded();
      await last.getByRole('meter').waitFor();
      const box = await verdict.boundingBox();
      assert.ok(box.y >= 0 && box.y < 20, `the verdict at y=${box.y}`);
      await shot(page, 'fifty-groups-dark');
      await page.close();
    });

    for (const file of DASHBOARDS) {
      test(`the provisioned dashboard ${file}: the build's id and exactly its options, rendered`, async () => {
        const dashboard = JSON.parse(await readFile(join(plugin, 'provisioning/dashboards', file), 'utf8'));
        const panels = dashboard.panels.filter((p) => p.type === ID);
        assert.ok(panels.length > 0, `${file} has a panel of type ${ID}`);
        for (const panel of panels) {
          const grouped = panel.targets.some((t) => /sum by \(route\)/.test(t.expr));
          const refIds = panel.targets.map((t) => t.refId);
          // The targets' answers, as Prometheus would give them for a healthy service.
          const frames = (grouped ? ['/api', '/checkout'] : [null]).flatMap((route) =>
            refIds.map((refId, i) => {
              const m = minutes(DAYS_60, () => (i === 0 ? 599.9 : 600));
              return {
                refId,
                times: m.times,
                intervalMs: MINUTE,
                fields: [{ name: 'Value', values: m.values, labels: route ? { route } : {} }],
              };
            })
          );
          const c = { ...hostCase(panel.options, frames, 'light', { from: AT - DAYS_60 * MINUTE }), listOptions: true };
          c.options = panel.options;
          const page = await show(c, host);
          const { options } = await page.evaluate(() => window.__hostDone);
          // Every option the dashboard sets is one the build defines, and it
          // sets every option that has a default (as Grafana saves them).
          const known = new Set(options.map((o) => o.path));
          const set = leafPaths(panel.options);
          const unknown = set.filter(
            (p) => !known.has(p) && ![...known].some((k) => p.startsWith(`${k}.`) || p.startsWith(`${k}[`))
          );
          assert.deepEqual(unknown, [], `${file}: options the build does not define`);
          const missing = options.filter(
            (o) =>
              o.defaultValue !== undefined &&
              !set.some((p) => p === o.path || p.startsWith(`${o.path}.`) || p.startsWith(`${o.path}[`)) &&
              !(o.path in panel.options)
          );
          assert.deepEqual(
            missing.map((o) => o.path),
            [],
            `${file}: options left unset`
          );
          const verdict = page.getByRole('region', { name: /^verdict: / });
          await verdict.waitFor();
          assert.match(await verdict.getAttribute('aria-label'), /^verdict: healthy: all \d+ SLOs? at healthy$/);
          await shot(page, `dashboard-${file.replace('.json', '')}-light`);
          assert.deepEqual(page.problems, []);
          await page.close();
        }
      });
    }

    test("a fetch wrapped as Grafana Faro wraps it: the module still loads from the plugin's directory", async () => {
      const page = await show(
        hostCase({ policy: RATIO_POLICY }, ratioFrames(9.94), 'light', { wrapFetch: true }),
        host
      );
      await page.getByRole('article', { name: 'checkout-availability: freeze' }).waitFor();
      assert.deepEqual(page.problems, []);
      await page.close();
    });
  });
}
