// Builds the playground into www/playground/dist/: the page, one bundled ES
// module and one stylesheet (esbuild), the engine's .wasm, and the seed
// examples it preloads (examples/runs.json, bundled as the module
// `slogate:seeds`; each example's policy at its repository path, its data
// read once here and written as columns, src/seed-columns.js). Stable names,
// and the output depends only on the inputs: running it twice changes nothing.
//
//   node www/playground/build.mjs        (needs pkg/dist: scripts/build-wasm.sh)
//   PLAYGROUND_NO_MINIFY=1 node www/playground/build.mjs   (for profiling)

import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { parseData } from '@slogate/engine/data';
import { packSeries } from './src/seed-columns.js';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const dist = join(here, 'dist');
const wasm = join(root, 'pkg/dist/slogate_engine_bg.wasm');

if (!existsSync(wasm)) {
  console.error(`${wasm} is missing: build the WebAssembly package first (scripts/build-wasm.sh)`);
  process.exit(1);
}

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
const seeds = await copySeeds();

await build({
  entryPoints: { playground: join(here, 'src/main.js') },
  outdir: dist,
  bundle: true,
  format: 'esm',
  target: ['chrome111', 'firefox113', 'safari16.4'],
  // PLAYGROUND_NO_MINIFY=1 keeps names and source files readable in a CPU profile.
  minify: !process.env.PLAYGROUND_NO_MINIFY,
  sourcemap: true,
  legalComments: 'linked',
  // The seed list is part of the module: the page starts fetching an
  // example's files without waiting for a list first.
  plugins: [virtualModule('slogate:seeds', { examples: seeds })],
  logLevel: 'warning',
});
await build({
  entryPoints: { playground: join(here, 'src/playground.css') },
  outdir: dist,
  bundle: true,
  minify: true,
  logLevel: 'warning',
});
await copyFile(join(here, 'index.html'), join(dist, 'index.html'));
await copyFile(wasm, join(dist, 'slogate_engine_bg.wasm'));
console.log(`built ${dist}: the page, its module and stylesheet, the engine's .wasm, ${seeds.length} seed examples`);

/** An esbuild plugin: `import x from '<name>'` gives `value` (JSON). */
function virtualModule(name, value) {
  const filter = new RegExp(`^${name}$`); // names of letters and a colon
  return {
    name,
    setup(b) {
      b.onResolve({ filter }, () => ({ path: name, namespace: 'virtual' }));
      b.onLoad({ filter, namespace: 'virtual' }, () => ({ contents: JSON.stringify(value), loader: 'json' }));
    },
  };
}

/**
 * examples/runs.json grouped by example — its policy, data files (the same
 * for all its runs) and instants with the CLI's expected level and the
 * run's note — for the module. Copies each policy, and writes each
 * example's data read as the CLI reads it (parseData) as float64 columns,
 * `examples/<name>/data.bin`, whose index goes into the module.
 */
async function copySeeds() {
  const runs = JSON.parse(await readFile(join(root, 'examples/runs.json'), 'utf8'));
  const examples = new Map();
  for (const run of runs) {
    let example = examples.get(run.example);
    if (!example) {
      example = { name: run.example, policy: run.policy, files: run.data, runs: [] };
      examples.set(run.example, example);
    }
    if (example.policy !== run.policy || JSON.stringify(example.files) !== JSON.stringify(run.data)) {
      throw new Error(`examples/runs.json: the runs of ${run.example} differ in policy or data; the playground shows one of each per example`);
    }
    example.runs.push({ at: run.at, level: run.expect.level, note: run.note ?? '' });
  }
  for (const example of examples.values()) {
    // In time order, whatever order runs.json lists them in (it appends).
    example.runs.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    await mkdir(dirname(join(dist, example.policy)), { recursive: true });
    await copyFile(join(root, example.policy), join(dist, example.policy));
    const series = [];
    for (const [name, file] of Object.entries(example.files)) {
      series.push(...parseData(await readFile(join(root, file), 'utf8'), name, { source: file }));
    }
    const { bytes, index } = packSeries(series);
    example.data = { path: `examples/${example.name}/data.bin`, index };
    await writeFile(join(dist, example.data.path), bytes);
  }
  return [...examples.values()];
}
