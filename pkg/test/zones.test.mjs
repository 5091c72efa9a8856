// Calendar windows in IANA time zones: the browser build asks `Intl`, the
// CLI uses jiff's bundled database; the reports must be identical, DST
// transitions included.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Engine } from '@slogate/engine';
import { cliEval, load } from './helpers.mjs';

const dir = mkdtempSync(join(tmpdir(), 'slogate-zones-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const policy = (unit, zone) => `
apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: zones}
spec:
  slos:
    - name: availability
      objective: 99.9%
      window: {calendar: ${unit}, timeZone: ${zone}}
      sli: {ratio: {good: good, total: total}}
      exclude:
        - {start: 2026-03-01T01:30:00Z, duration: 1h, rrule: "FREQ=DAILY", timeZone: ${zone}, reason: nightly}
`;

/** 10-minute samples over 70 days ending at `at`, with an incident each week. */
function data(atMs) {
  const step = 600_000;
  const n = 70 * 144;
  const times = Float64Array.from({ length: n }, (_, i) => atMs - (n - 1 - i) * step);
  const total = new Float64Array(n).fill(5);
  const good = total.map((v, i) => (i % 1008 < 6 ? 4 : 5));
  return { times, total, good };
}

function csv(times, values) {
  return `time,value\n${Array.from(times, (t, i) => `${t / 1000},${values[i]}`).join('\n')}\n`;
}

const cases = [
  ['month', 'Europe/Berlin', '2026-03-29T01:30:00Z'], // the spring-forward hour
  ['month', 'Europe/Berlin', '2026-03-31T22:30:00Z'], // after the month ends locally
  ['week', 'America/New_York', '2026-11-01T06:30:00Z'], // the fall-back fold
  ['day', 'Australia/Lord_Howe', '2026-04-04T15:15:00Z'], // a 30-minute DST shift
  ['quarter', 'Asia/Kolkata', '2026-06-30T18:29:00Z'],
  ['year', 'Pacific/Apia', '2026-12-31T10:59:00Z'],
];

describe('calendar windows in IANA zones match the CLI', () => {
  before(load);

  for (const [unit, zone, at] of cases) {
    test(`${unit} in ${zone} at ${at}`, () => {
      const atMs = Date.parse(at);
      const { times, total, good } = data(atMs);
      const name = `${unit}-${zone.replace('/', '_')}`;
      const files = { policy: join(dir, `${name}.yaml`), total: join(dir, `${name}-total.csv`), good: join(dir, `${name}-good.csv`) };
      writeFileSync(files.policy, policy(unit, zone));
      writeFileSync(files.total, csv(times, total));
      writeFileSync(files.good, csv(times, good));

      const engine = new Engine(policy(unit, zone));
      const report = engine.evaluate(atMs, [
        { name: 'total', times, values: total },
        { name: 'good', times, values: good },
      ]);
      engine.free();
      const cli = cliEval(files.policy, at, { total: files.total, good: files.good });
      assert.equal(`${JSON.stringify(report, null, 2)}\n`, cli);
    });
  }
});
