// Defined by build.mjs (esbuild `define`) in the bundle only; `typeof`
// guards its use in src/engine.js.
declare const SLOGATE_BUNDLE: boolean | undefined;
