// Serves the built playground (www/playground/dist) on 127.0.0.1 with its
// Content-Security-Policy, prints the URL and runs until Ctrl-C. Port: PORT
// (default 8080), or a free one when that is taken. scripts/playground runs
// it after building what is missing.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLAYGROUND_CSP } from './csp.mjs';
import { serve } from '../browser/src/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), 'dist');
const wanted = process.env.PORT === undefined || process.env.PORT === '' ? 8080 : Number(process.env.PORT);
if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) {
  console.error(`PORT=${process.env.PORT} is not a port number (0–65535)`);
  process.exit(1);
}

const headers = { 'content-security-policy': PLAYGROUND_CSP };
let server;
try {
  server = await serve({ root, headers, port: wanted });
} catch (e) {
  if (e.code !== 'EADDRINUSE') throw e;
  server = await serve({ root, headers, port: 0 });
  console.log(`port ${wanted} is taken; using ${server.port}`);
}
console.log(`\nslogate playground: ${server.url}\n(Ctrl-C stops it)`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await server.close();
    process.exit(0);
  });
}
