// The playground's Content-Security-Policy: the strict one the README
// gives for <slo-gate> (scripts from the page's origin, WebAssembly, nothing
// inline), unrelaxed. CodeMirror's styles would need 'unsafe-inline' as a
// <style> element; the editor lives in a shadow root, where they are
// constructed stylesheets instead (src/editor.js), and uPlot sets styles
// through the CSSOM, which CSP does not govern. scripts/playground serves
// with it, and the browser tests fail on any violation of it.
export { STRICT_CSP as PLAYGROUND_CSP } from '../browser/src/server.mjs';
