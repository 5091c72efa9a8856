// The WebAssembly engine, loaded lazily and once per page: the first panel
// that renders starts it, every other panel waits for the same promise
// (@slogate/engine's `init` keeps it, and lets a failed load be tried
// again). The module is served from the plugin's directory
// (public/plugins/<id>/; webpack emits it there as an asset and resolves
// its URL from the plugin's public path). @slogate/engine compiles from the
// bytes when a wrapped `fetch` (Grafana Faro) breaks streaming compilation.

import init from '@slogate/engine';

export function loadEngine(): Promise<void> {
  return init();
}
