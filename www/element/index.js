// @slogate/element: `import '@slogate/element'` registers <slo-gate>.
// README.md is the contract; index.d.ts the types.

import { SloGate } from './src/slo-gate.js';

if (!customElements.get('slo-gate')) customElements.define('slo-gate', SloGate);

export { SloGate };
export { setWasmUrl } from './src/engine.js';
export { PolicyFetchError } from './src/policy.js';
