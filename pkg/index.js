// @slogate/engine: the slogate error-budget policy engine in WebAssembly.
// See README.md for the contract; index.d.ts for the types.
//
//   import init, { Engine, validate } from '@slogate/engine';
//   await init();                       // or init(url | Response | bytes | Module)
//   const engine = new Engine(policyYaml);
//   const report = engine.evaluate(Date.now(), [{ name: 'good', times, values }, …]);
//   engine.free();

import { init } from './lib/load.js';

export { init as default, initSync } from './lib/load.js';
export { Engine, validate } from './lib/engine.js';
export { Memo } from './lib/memo.js';
export { SlogateError } from './lib/errors.js';
export { MAX_SAMPLES, MAX_TEXT_CHARS } from './lib/columns.js';
export { init };
