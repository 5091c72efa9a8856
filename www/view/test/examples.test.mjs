// Every evaluation of examples/runs.json through the native CLI: the views'
// numbers must be the terminal report's (`slogate eval`, text), digit for
// digit, and no view of a real report may show NaN, Infinity or undefined.
// The expected texts are the Rust binary's output, not this package's.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  currentState,
  explainAlertPair,
  explainAlertState,
  explainBurnRate,
  explainRemaining,
  explainTimeToExhaustion,
  formatBudget,
  formatNumber,
  formatPercent,
  formatRate,
  formatReasonValue,
  formatSli,
  formatWindow,
  gauge,
  pairWindows,
  sloTitle,
  timelineSegments,
} from '@slogate/view';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The release `slogate` (scripts/test-wasm.sh builds it), or SLOGATE_BIN. */
function cli() {
  const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
  const bin = process.env.SLOGATE_BIN ?? join(target, 'release/slogate');
  if (!existsSync(bin)) {
    throw new Error(`${bin} is missing: run 'cargo build --release --bin slogate' (or set SLOGATE_BIN)`);
  }
  return bin;
}

/** @param {{ policy: string, at: string, data: Record<string, string> }} run */
function evaluate(run, /** @type {string} */ format) {
  const args = ['eval', run.policy, '--at', run.at, '--format', format, '--color', 'never'];
  for (const [name, path] of Object.entries(run.data)) args.push('--data', `${name}=${path}`);
  return execFileSync(cli(), args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The text report's SLO blocks: each starts at a line that is not indented. */
function blocks(/** @type {string} */ text) {
  /** @type {string[][]} */
  const out = [];
  for (const line of text.split('\n').slice(1)) {
    if (/^\S/.test(line)) out.push([line]);
    else if (line !== '') out.at(-1)?.push(line);
  }
  return out;
}

/** The value of a "  key   value" field line. */
function field(/** @type {string[]} */ block, /** @type {string} */ key) {
  const line = block.find((l) => l.startsWith(`  ${key}  `));
  assert.ok(line, `no "${key}" line`);
  return line.slice(2 + key.length).trim();
}

/** The cells of a table row: columns are two or more spaces apart. */
const cells = (/** @type {string} */ line) => line.trim().split(/ {2,}/);

const runs = JSON.parse(readFileSync(join(root, 'examples/runs.json'), 'utf8'));

for (const run of runs) {
  test(`${run.example} at ${run.at}: the terminal report's numbers`, () => {
    /** @type {import('@slogate/engine').Report} */
    const report = JSON.parse(evaluate(run, 'json'));
    const text = blocks(evaluate(run, 'text'));
    assert.equal(text.length, report.slos.length);
    report.slos.forEach((slo, i) => {
      const block = /** @type {string[]} */ (text[i]);
      const b = slo.budget;
      // The CLI writes "1 events"; the views say "1 event".
      const cliAmount = (/** @type {string} */ key) => field(block, key).replace(/^(-?1) events$/, '$1 event');
      assert.equal(block[0], `${sloTitle(slo)}: ${slo.level.toUpperCase()}`);
      assert.equal(formatSli(slo.sli), field(block, 'sli'));
      assert.equal(formatBudget(b.allowed, b.unit), cliAmount('budget allowed'));
      assert.equal(formatBudget(b.consumed, b.unit), cliAmount('budget consumed'));
      assert.equal(formatBudget(b.remaining, b.unit), cliAmount('budget remaining'));
      assert.equal(formatPercent(b.remainingRatio), field(block, 'remaining'));
      assert.equal(gauge(b.remainingRatio).text, field(block, 'remaining'));
      assert.equal(explainTimeToExhaustion(slo).value, field(block, 'time to exhaustion'));
      assert.equal(formatPercent(slo.coverage), field(block, 'coverage'));
      assert.ok(field(block, 'window').endsWith(`(period ${formatWindow(slo.window.periodSeconds)})`));
      for (const [window, rate] of Object.entries(slo.burnRates)) {
        const row = block.find((l) => cells(l)[0] === window);
        assert.equal(formatRate(rate), cells(row ?? '')[1], `burn rate ${window}`);
      }
      for (const reason of slo.reasons) {
        const formatted = formatReasonValue(reason.when, reason.value);
        const line = block.find((l) => l.includes(reason.when));
        assert.ok(line, reason.when);
        // The value in the CLI's words, or none at all where there is none.
        if (formatted === null) assert.ok(!line.includes('(value'), line);
        else assert.ok(line.includes(`(value ${formatted})`), `${reason.when} ${formatted}`);
      }
      for (const pair of slo.alerts.flatMap((a) => a.pairs)) {
        // A single-window pair: its one window, and "-" for the short burn.
        const short = pair.short === null ? '-' : formatRate(pair.shortBurn);
        const row = [pairWindows(pair), `×${formatNumber(pair.factor, 2)}`, formatRate(pair.longBurn), short];
        assert.ok(
          block.some((l) => row.every((c) => cells(l).includes(c))),
          `alert pair ${row.join(' ')}`,
        );
      }
      // The alert's state: the CLI's words, a pending one as the views say it.
      for (const alert of slo.alerts) {
        const value = explainAlertState(slo, alert).value;
        const state = alert.state === 'firing' ? 'FIRING' : alert.state === 'pending' ? value : 'ok';
        assert.ok(
          block.some((l) => cells(l)[0] === alert.name && cells(l)[2] === state),
          `alert ${alert.name} ${state}`,
        );
      }
    });
  });

  test(`${run.example} at ${run.at}: every view of the real report, never NaN`, () => {
    /** @type {import('@slogate/engine').Report} */
    const report = JSON.parse(evaluate(run, 'json'));
    for (const slo of report.slos) {
      const state = currentState(slo, report.levels, { timeZone: 'UTC' });
      assert.ok(state.text.startsWith(slo.level));
      assert.notEqual(state.since, null);
      const segments = timelineSegments(slo, report.levels);
      assert.equal(segments.at(-1)?.end, 1);
      assert.equal(segments.at(-1)?.level, slo.level);
      const shown = [
        state.text,
        ...state.reasons.map((r) => r.value),
        ...segments.flatMap((s) => [s.start, s.end, s.rank, s.severity]),
        ...Object.values(gauge(slo.budget.remainingRatio)),
        ...[
          explainRemaining(slo),
          explainTimeToExhaustion(slo),
          ...Object.keys(slo.burnRates).map((w) => explainBurnRate(slo, w)),
          ...slo.alerts.flatMap((a) => a.pairs.map((p) => explainAlertPair(slo, a, p))),
          ...slo.alerts.map((a) => explainAlertState(slo, a, { timeZone: 'UTC' })),
        ].flatMap((e) => [e.value, e.text, ...e.inputs.map((x) => x.value)]),
      ].map(String);
      for (const s of shown) assert.doesNotMatch(s, /NaN|Infinity|undefined|\[object/, `${slo.name}: ${s}`);
    }
  });
}
