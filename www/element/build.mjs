// Builds the one-file embed: dist/slo-gate.js (the element, @slogate/view
// and the engine's glue, one ES module) with the engine's .wasm beside it,
// where the bundle looks for it (src/engine.js). `node build.mjs`; run
// scripts/build-wasm.sh first (pkg/dist/).
import { build } from 'esbuild';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const wasm = join(here, '../../pkg/dist/slogate_engine_bg.wasm');

export async function buildElement({ quiet = false } = {}) {
  if (!(await stat(wasm).catch(() => null))) {
    throw new Error(`${relative(process.cwd(), wasm)} is missing: run scripts/build-wasm.sh first`);
  }
  await mkdir(dist, { recursive: true });
  const result = await build({
    entryPoints: [join(here, 'index.js')],
    outfile: join(dist, 'slo-gate.js'),
    bundle: true,
    format: 'esm',
    target: ['chrome91', 'firefox89', 'safari16.4'],
    // SLOGATE_NO_MINIFY=1 keeps names readable for a profiler.
    minify: !process.env.SLOGATE_NO_MINIFY,
    sourcemap: true,
    legalComments: 'none',
    define: { SLOGATE_BUNDLE: 'true' },
    metafile: true,
    logLevel: quiet ? 'silent' : 'warning',
  });
  await copyFile(wasm, join(dist, 'slogate_engine_bg.wasm'));
  const bytes = result.metafile.outputs[relative(process.cwd(), join(dist, 'slo-gate.js'))]?.bytes;
  if (!quiet) console.log(`dist/slo-gate.js${bytes ? ` (${bytes} bytes)` : ''} and dist/slogate_engine_bg.wasm`);
  return dist;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildElement().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
