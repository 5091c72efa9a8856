// The release zip of dist/: one root folder named after the plugin id, as
// Grafana's catalog and `grafana cli plugins install --pluginUrl` expect
// (slogate-errorbudget-panel-<version>.zip beside dist/, in artifacts/).
//
//   node scripts/zip.mjs          (run by `npm run build`)

import { createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const plugin = JSON.parse(await readFile(join(dist, 'plugin.json'), 'utf8'));
const out = join(root, 'artifacts', `${plugin.id}-${plugin.info.version}.zip`);

const zip = new yazl.ZipFile();
for (const file of await walk(dist)) {
  // Fixed times: the same dist gives the same zip.
  zip.addFile(file, `${plugin.id}/${relative(dist, file)}`, { mtime: new Date(Date.UTC(2026, 0, 1)), mode: 0o100644 });
}
zip.end();
await rm(join(root, 'artifacts'), { recursive: true, force: true });
await mkdir(dirname(out), { recursive: true });
await new Promise((resolve, reject) => {
  zip.outputStream.pipe(createWriteStream(out)).on('close', resolve).on('error', reject);
});
console.log(`wrote ${relative(root, out)}`);

async function walk(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      files.push(...(await walk(path)));
    } else {
      files.push(path);
    }
  }
  return files;
}
