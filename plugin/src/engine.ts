// The WebAssembly engine, loaded lazily and once per page: the first panel
// that renders starts it, every other panel waits for the same promise.
// The module is served from the plugin's directory (public/plugins/<id>/;
// webpack emits it there as an asset and resolves its URL from the
// plugin's public path). @slogate/engine compiles from the bytes when a
// wrapped `fetch` (Grafana Faro) breaks streaming compilation.

import init from '@slogate/engine';

let loading: Promise<void> | null = null;

export function loadEngine(): Promise<void> {
  if (loading === null) {
    loading = init();
    // A failed load may be tried again (the next panel render).
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}
