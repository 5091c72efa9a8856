// Shared by the tests: loading the module as a Node user would, the data
// loaders for examples/ (CSV and Prometheus query_range JSON, read the way the
// CLI reads them: src/data/), and running the native CLI for parity checks.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSync } from '@slogate/engine';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Loads the .wasm from disk (Node has no fetch for file: URLs). */
export function load() {
  initSync(readFileSync(join(root, 'pkg/dist/slogate_engine_bg.wasm')));
}

/** A small valid policy: 99% of requests good over a rolling hour. */
export const POLICY = `
apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: demo}
spec:
  slos:
    - name: availability
      objective: 99%
      window: {rolling: 1h}
      sli: {ratio: {good: good, total: total}}
  policy:
    levels: [healthy, freeze]
    rules:
      - {level: freeze, when: "remaining < 50%"}
`;

/** An hour of minutes: 10 requests/s, `goodRate` of them good. */
export function hour(goodRate = 9.94) {
  const times = Float64Array.from({ length: 61 }, (_, i) => i * 60_000);
  return [
    { name: 'total', times, values: new Float64Array(61).fill(10) },
    { name: 'good', times, values: new Float64Array(61).fill(goodRate) },
  ];
}

/** The error `fn` throws. */
export function captured(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected an exception');
}

// --- data files, as src/data/ reads them ---------------------------------

/** Epoch seconds to ms, rounded half away from zero like Rust's `round`. */
function secondsToMs(seconds) {
  const ms = seconds * 1000;
  return Math.sign(ms) * Math.round(Math.abs(ms));
}

function parseValue(text) {
  const t = text.trim();
  if (t === '') return NaN;
  const lower = t.toLowerCase();
  if (lower === 'nan') return NaN;
  if (['inf', '+inf', 'infinity', '+infinity'].includes(lower)) return Infinity;
  if (['-inf', '-infinity'].includes(lower)) return -Infinity;
  const n = Number(t);
  if (Number.isNaN(n)) throw new Error(`"${t}" is not a number`);
  return n;
}

function parseTime(text) {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return secondsToMs(Number(t));
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) throw new Error(`"${t}" is not a time`);
  return ms;
}

/** CSV `time,value` (optional header) to one series. */
export function parseCsv(text, name) {
  const times = [];
  const values = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const [time, value] = line.split(',');
    if (index === 0 && /^[\p{L}"]/u.test(time.trim())) return;
    times.push(parseTime(time));
    values.push(parseValue(value));
  });
  return { name, times: Float64Array.from(times), values: Float64Array.from(values) };
}

/** A Prometheus query_range response to one series per result. */
export function parsePrometheus(text, name) {
  const body = JSON.parse(text);
  return body.data.result.map((r) => ({
    name,
    labels: Object.fromEntries(Object.entries(r.metric).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    times: Float64Array.from(r.values, ([t]) => secondsToMs(Number(t))),
    values: Float64Array.from(r.values, ([, v]) => (typeof v === 'number' ? v : parseValue(v))),
  }));
}

/** A data file (told apart by content, as the CLI does) to series named `name`. */
export function loadData(path, name) {
  const text = readFileSync(join(root, path), 'utf8');
  return text.trimStart().startsWith('{') ? parsePrometheus(text, name) : [parseCsv(text, name)];
}

// --- the native CLI --------------------------------------------------------

/** The release `slogate` binary (built by scripts/test-wasm.sh), or SLOGATE_BIN. */
export function cliPath() {
  const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
  const bin = process.env.SLOGATE_BIN ?? join(target, 'release/slogate');
  if (!existsSync(bin)) {
    throw new Error(`${bin} is missing: run 'cargo build --release --bin slogate' (or set SLOGATE_BIN)`);
  }
  return bin;
}

/** `slogate eval --format json`'s stdout, exactly. Paths are relative to the repository. */
export function cliEval(policyPath, at, data) {
  const args = ['eval', policyPath, '--at', at, '--format', 'json'];
  for (const [name, path] of Object.entries(data)) args.push('--data', `${name}=${path}`);
  return execFileSync(cliPath(), args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
