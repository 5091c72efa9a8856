// What Grafana's plugin validator checks (its npm wrapper downloads a Go
// binary and cannot run here), checked on the built dist/ and the release
// zip: plugin.json's fields and id, logos, README and LICENSE, module.js
// with its source map, one version everywhere, one root folder in the zip,
// SVGs without script, and a source without console calls, @ts-ignore or
// direct CSS imports. Run after `npm run build` (scripts/test does).

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const read = (path) => readFile(join(root, path), 'utf8');
const pkg = JSON.parse(await read('package.json'));
const plugin = JSON.parse(await read('dist/plugin.json'));

test('plugin.json: a panel with the id pattern, its fields, the package version, a Grafana range', async () => {
  assert.equal(plugin.type, 'panel');
  assert.match(plugin.id, /^[0-9a-z]+-([0-9a-z]+-)?panel$/);
  assert.equal(plugin.id, 'slogate-errorbudget-panel');
  assert.ok(plugin.name && plugin.name !== 'Errorbudget', 'a name of its own');
  assert.ok(plugin.info.description.length > 20);
  assert.ok(plugin.info.author.name);
  assert.ok(plugin.info.keywords.length > 1);
  assert.equal(plugin.info.version, pkg.version, 'package.json and plugin.json versions');
  assert.match(plugin.info.updated, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(plugin.dependencies.grafanaDependency, /^>=\d+\.\d+\.\d+$/);
  for (const logo of [plugin.info.logos.small, plugin.info.logos.large]) {
    assert.ok(existsSync(join(dist, logo)), `${logo} in dist/`);
  }
  assert.deepEqual(JSON.parse(await read('src/plugin.json')).id, plugin.id);
});

test("dist/: module.js (AMD, Grafana's externals only) and its map, the .wasm, README, CHANGELOG, LICENSE", async () => {
  const files = await readdir(dist);
  for (const f of ['module.js', 'module.js.map', 'plugin.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
    assert.ok(files.includes(f), `dist/${f}`);
  }
  const module = await read('dist/module.js');
  const deps = JSON.parse(/define\((\[[^\]]*\])/.exec(module)[1]);
  const allowed = new Set([
    '@emotion/css',
    '@grafana/data',
    '@grafana/runtime',
    '@grafana/ui',
    'module',
    'react',
    'react/jsx-runtime',
    'react-dom',
  ]);
  assert.deepEqual(
    deps.filter((d) => !allowed.has(d)),
    [],
    'AMD dependencies Grafana provides'
  );
  assert.match(module, /\/\/# sourceMappingURL=module\.js\.map/);
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, 'one WebAssembly module');
  const bytes = await readFile(join(dist, wasm[0]));
  assert.deepEqual([...bytes.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d]);
  const readme = await read('dist/README.md');
  assert.doesNotMatch(readme, /<!--|Errorbudget|To help maximize the impact/, 'not the template');
  assert.match(readme, /^# slogate error budget/m);
  assert.match(await read('dist/LICENSE'), /Apache License/);
  assert.doesNotMatch(await read('dist/CHANGELOG.md'), /Initial release\.$/m);
});

test('the release zip: one root folder named after the id, holding dist/', async () => {
  const zipPath = join(root, 'artifacts', `${plugin.id}-${plugin.info.version}.zip`);
  const names = await zipEntries(zipPath);
  const roots = new Set(names.map((n) => n.split('/')[0]));
  assert.deepEqual([...roots], [plugin.id]);
  const expected = (await walk(dist)).map((f) => `${plugin.id}/${relative(dist, f)}`).sort();
  assert.deepEqual([...names].sort(), expected);
});

test('SVGs without script, event handlers or external references', async () => {
  for (const file of (await walk(join(root, 'src'))).filter((f) => f.endsWith('.svg'))) {
    const svg = await readFile(file, 'utf8');
    assert.doesNotMatch(
      svg,
      /<script|\son\w+\s*=|javascript:|<foreignObject|(?:xlink:)?href\s*=\s*["']https?:/i,
      relative(root, file)
    );
  }
});

test('the source: no console calls, no @ts-ignore, no direct CSS imports', async () => {
  const sources = (await walk(join(root, 'src'))).filter((f) => /\.(ts|tsx|js|jsx)$/.test(f));
  assert.ok(sources.length > 5);
  for (const file of sources) {
    const text = await readFile(file, 'utf8');
    const where = relative(root, file);
    assert.doesNotMatch(text, /\bconsole\.\w+\(/, `${where}: console call`);
    assert.doesNotMatch(text, /@ts-ignore/, `${where}: @ts-ignore`);
    assert.doesNotMatch(text, /^import\s+['"][^'"]+\.(css|scss|sass)['"]/m, `${where}: direct CSS import`);
  }
  assert.ok(existsSync(join(root, '.config/webpack/webpack.config.ts')), "create-plugin's webpack config");
});

async function walk(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      out.push(...(await walk(path)));
    } else {
      out.push(path);
    }
  }
  return out;
}

function zipEntries(path) {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err) {
        return reject(err);
      }
      const names = [];
      zip.on('entry', (entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
