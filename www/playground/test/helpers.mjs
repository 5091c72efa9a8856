// Shared by the scenario tests: the engine loaded from pkg/dist (built by
// scripts/build-wasm.sh), the example policies, small hand-made plans.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine, initSync } from '@slogate/engine';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

let loaded = false;
/** Loads the engine's .wasm from pkg/dist, once. */
export function loadEngine() {
  if (loaded) return;
  const wasm = join(root, 'pkg/dist/slogate_engine_bg.wasm');
  assert.ok(existsSync(wasm), `${wasm} is missing: build it with scripts/build-wasm.sh`);
  initSync(readFileSync(wasm));
  loaded = true;
}

/** An Engine of a policy text. */
export function engineOf(text) {
  loadEngine();
  return new Engine(text);
}

/** Every example's policy with the instants runs.json evaluates it at: [{example, policy, text, ats}]. */
export function examples() {
  const runs = JSON.parse(readFileSync(join(root, 'examples/runs.json'), 'utf8'));
  const byPolicy = new Map();
  for (const run of runs) {
    if (!byPolicy.has(run.policy)) {
      byPolicy.set(run.policy, { example: run.example, policy: run.policy, text: readFileSync(join(root, run.policy), 'utf8'), ats: [] });
    }
    byPolicy.get(run.policy).ats.push(Date.parse(run.at));
  }
  return [...byPolicy.values()];
}

export const AT = Date.UTC(2026, 1, 1, 12); // Sunday 2026-02-01 12:00Z
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** A plan as engine.plan gives it, by hand: one SLO's `roles` ({good: kind, total: kind, …}) over `range` before AT. */
export function planOf(roles, { range = HOUR, stepMs = MINUTE, labels = [], slo = 0, at = AT } = {}) {
  return {
    at,
    series: Object.entries(roles).map(([role, kind]) => ({
      name: role,
      query: null,
      kind,
      path: role === 'series' ? `spec.slos[${slo}].sli.threshold.series` : `spec.slos[${slo}].sli.ratio.${role}`,
      labels,
      start: at - range,
      end: at,
      stepMs,
    })),
  };
}

/** The series named `name` (and, when given, with these labels). */
export function pick(data, name, labels) {
  const found = data.filter((s) => s.name === name && (!labels || JSON.stringify(s.labels) === JSON.stringify(labels)));
  assert.equal(found.length, 1, `one series "${name}" ${JSON.stringify(labels ?? {})}`);
  return found[0];
}

/** Constant traffic, no noise, no incidents: what hand-checked numbers start from. */
export const FLAT = { traffic: { shape: 'constant', rate: 10 }, noise: 0, errorRatio: 0.01, incidents: [] };
