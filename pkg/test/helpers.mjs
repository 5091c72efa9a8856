// Shared by the tests: loading the module as a Node user would, the data
// files of examples/ (read by @slogate/engine/data, as the CLI reads them),
// and running the native CLI for parity checks.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSync } from '@slogate/engine';
import { parseData } from '@slogate/engine/data';

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

// --- data files, read by the package's own reader -------------------------

/**
 * A data file of examples/ as series named `name`: told apart by content and
 * read as the CLI reads it (`@slogate/engine/data`, whose parity with the CLI
 * data-parity.test.mjs checks).
 */
export function loadData(path, name) {
  return parseData(readFileSync(join(root, path)), name, { source: path });
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

/** Runs the CLI with `args` (in the repository): `{status, stdout, stderr}`, whatever the exit status. */
export function cliRun(args) {
  const { status, stdout, stderr, error } = spawnSync(cliPath(), args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (error) throw error;
  return { status, stdout, stderr };
}
