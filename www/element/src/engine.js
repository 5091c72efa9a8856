// The engine, loaded once per page and shared by every <slo-gate>: the
// engine package memoizes `init`, so the first element to need it starts
// the download and the others wait on the same promise. An element in
// `report` mode never loads it.
//
// Where the .wasm is: in the bundle (dist/slo-gate.js, built with
// SLOGATE_BUNDLE defined) it sits beside the bundle, found from the
// bundle's own URL; from the sources (a host bundling @slogate/element) the
// engine package finds its dist/ itself. A host may override either, before
// the first element loads: `SloGate.wasmUrl = '/assets/slogate.wasm'` or the
// `wasm` attribute of the first element.

import init, { Engine } from '@slogate/engine';

/** @type {string | URL | null} */
let override = null;

/** @param {string | URL | null} url */
export function setWasmUrl(url) {
  override = url;
}

/** @returns {string | URL | null} */
export function wasmUrl() {
  return override;
}

/**
 * The .wasm beside the bundle, when this code runs as the bundle.
 * @returns {URL | undefined}
 */
function besideBundle() {
  // Replaced by `true` at build time (build.mjs); `typeof` keeps the
  // sources runnable unbundled.
  return typeof SLOGATE_BUNDLE !== 'undefined' ? new URL('./slogate_engine_bg.wasm', import.meta.url) : undefined;
}

/**
 * Resolves when the engine can be used.
 * @param {string | null} [attribute] the element's `wasm` attribute
 * @returns {Promise<void>}
 */
export function loadEngine(attribute = null) {
  const url = override ?? (attribute || null) ?? besideBundle();
  return init(url ?? undefined);
}

/**
 * Engines by policy text: elements showing the same policy share one, and
 * an element whose text did not change keeps its engine. Least recently
 * used beyond a few are freed.
 * @type {Map<string, Engine>}
 */
const engines = new Map();
const KEEP = 8;

/**
 * An engine for `text`; throws the engine's `bad-policy` SlogateError.
 * @param {string} text
 * @returns {Engine}
 */
export function engineFor(text) {
  let engine = engines.get(text);
  if (engine) {
    engines.delete(text);
  } else {
    engine = new Engine(text);
  }
  engines.set(text, engine);
  while (engines.size > KEEP) {
    const [oldest, old] = /** @type {[string, Engine]} */ (engines.entries().next().value);
    engines.delete(oldest);
    old.free();
  }
  return engine;
}
