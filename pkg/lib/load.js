// Loading the WebAssembly module from whatever the host has: a URL, a
// `fetch` Response (or a promise of one), bytes, or a compiled Module.
//
// Compiling is done here, not by the glue, so that a `fetch` wrapped by an
// observability library (Grafana Faro) or a server sending the wrong MIME type
// cannot break loading: streaming compilation is tried on a clone of a genuine
// Response, and any failure falls back to compiling the bytes.

import initGlue, { initSync as initGlueSync } from '../dist/slogate_engine.js';
import { SlogateError, surface, surfaceAsync } from './errors.js';

let loading = null;

/** What a loading failure's message starts with, before the host's own words. */
const CANNOT_LOAD = 'cannot load the WebAssembly module';
let loaded = false;

/** Whether `init` or `initSync` has finished. */
export function isLoaded() {
  return loaded;
}

export function requireLoaded() {
  if (!loaded) {
    throw new SlogateError(
      'the WebAssembly module is not loaded: await init() (or call initSync(bytes)) first',
      { kind: 'not-loaded' },
    );
  }
}

/**
 * The smallest module that uses WebAssembly SIMD (one function returning a
 * `v128.const`). The engine is built with SIMD; without this check an engine
 * that cannot run it would fail with the browser's opaque CompileError.
 */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, // magic, version
  1, 5, 1, 96, 0, 1, 123, // type: () -> v128
  3, 2, 1, 0, // function 0 has type 0
  10, 22, 1, 20, 0, 253, 12, ...new Array(16).fill(0), 11, // body: v128.const 0
]);

/** Throws a SlogateError when the host's WebAssembly lacks SIMD (exported for the tests). */
export function requireSimd(validate = (bytes) => WebAssembly.validate(bytes)) {
  if (!validate(SIMD_PROBE)) {
    throw new SlogateError(
      'this browser\'s WebAssembly lacks SIMD, which @slogate/engine needs (Chrome and Edge 91+, Firefox 89+, Safari 16.4+, Node 16.4+)',
      { kind: 'cannot-load' },
    );
  }
}

/** Asynchronous loading; later calls return the first call's promise. */
export function init(input) {
  if (loading === null) {
    loading = surfaceAsync(async () => {
      requireSimd();
      await initGlue({ module_or_path: await compile(input) });
      loaded = true;
    }, CANNOT_LOAD, 'cannot-load');
    // A failed load may be retried (e.g. with another URL).
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/** Synchronous loading from bytes or a compiled Module (workers, Node). */
export function initSync(input) {
  surface(() => {
    if (loaded) return;
    requireSimd();
    const module = input instanceof WebAssembly.Module ? input : new WebAssembly.Module(bytesOf(input));
    initGlueSync({ module });
    loaded = true;
  }, CANNOT_LOAD, 'cannot-load');
}

/** The compiled module from any `init` input (exported for the tests). */
export async function compile(input) {
  input = await input;
  if (input === undefined) input = new URL('../dist/slogate_engine_bg.wasm', import.meta.url);
  if (input instanceof WebAssembly.Module) return input;
  if (typeof input === 'string' || input instanceof URL || isRequest(input)) {
    input = await fetch(input);
  }
  if (isBytes(input)) return WebAssembly.compile(input);
  if (input && typeof input.arrayBuffer === 'function') return compileResponse(input);
  throw new SlogateError(
    'init(input): expected a URL, a Response, bytes (ArrayBuffer or typed array) or a WebAssembly.Module',
    { kind: 'bad-argument' },
  );
}

async function compileResponse(response) {
  if (response.ok === false) {
    throw new SlogateError(
      `cannot load the WebAssembly module: HTTP ${response.status} ${response.statusText ?? ''} (${response.url ?? ''})`.trim(),
      { kind: 'cannot-load' },
    );
  }
  if (typeof WebAssembly.compileStreaming === 'function' && typeof Response === 'function' && response instanceof Response) {
    try {
      return await WebAssembly.compileStreaming(response.clone());
    } catch {
      // Wrong MIME type or a wrapped fetch: compile from the bytes below.
    }
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

function isRequest(x) {
  return typeof Request === 'function' && x instanceof Request;
}

function isBytes(x) {
  return x instanceof ArrayBuffer || ArrayBuffer.isView(x);
}

function bytesOf(x) {
  if (isBytes(x)) return x;
  throw new SlogateError('initSync(input): expected bytes (ArrayBuffer or typed array) or a WebAssembly.Module', {
    kind: 'bad-argument',
  });
}
