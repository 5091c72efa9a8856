// A real Prometheus for tests (Debian's package, ../shared/TOOLCHAIN.md), as
// scripts/prometheus-test.sh runs one for the Rust suite: history backfilled
// with `promtool tsdb create-blocks-from openmetrics` into a scratch TSDB,
// served on a free port of 127.0.0.1 with retention far beyond the data's
// age, optionally with `--web.cors.origin` for pages on another origin;
// stopped and its directory removed by `stop()` — and, should a test run end
// without calling it, when the Node process exits.
//
//   const prometheus = await startPrometheus({ openMetrics: testHistory(), corsOrigin: '.*' });
//   … prometheus.url …
//   await prometheus.stop();

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Servers started and not stopped yet, and their scratch directories. */
const running = new Set();
const scratch = new Set();

// A test file that fails before its `after` hook, or is interrupted, still
// stops what it started: the child is killed and its directory removed as
// the process exits.
function cleanUp() {
  for (const child of running) child.kill('SIGKILL');
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
}
process.once('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

/** Whether Debian's prometheus and promtool are installed. */
export function havePrometheus() {
  return ['prometheus', 'promtool'].every((tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0);
}

/**
 * Starts Prometheus on `openMetrics` (an OpenMetrics document ending in
 * `# EOF`; samples in the past, as backfilled blocks must be). `corsOrigin`:
 * a regex of the origins allowed to read it from a page (Prometheus'
 * `--web.cors.origin`, given explicitly: `.*`, Prometheus' own default,
 * unless set). Resolves to `{url, port, version, stop()}` (`close` is
 * `stop`).
 */
export async function startPrometheus({ openMetrics, corsOrigin = '.*', retention = '100y', readyTimeoutMs = 30_000 } = {}) {
  if (!havePrometheus()) {
    throw new Error("prometheus and promtool are missing: install Debian's package (apt-get install -y prometheus)");
  }
  const dir = await mkdtemp(join(tmpdir(), 'slogate-prometheus-'));
  scratch.add(dir);
  try {
    const tsdb = join(dir, 'tsdb');
    if (openMetrics !== undefined) {
      await writeFile(join(dir, 'data.om'), openMetrics);
      // Blocks of up to 30 days, not promtool's default 2 hours: 20 days of
      // history are then 2 blocks written in a quarter of a second rather
      // than 240 in 20 seconds, and serve the same samples.
      await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=720h', join(dir, 'data.om'), tsdb], 120_000);
    }
    // No scrape targets: the server only answers queries on the backfilled data.
    await writeFile(join(dir, 'prometheus.yml'), 'global:\n  evaluation_interval: 1m\nscrape_configs: []\n');
    const version = spawnSync('prometheus', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
    // A free port, asked of the kernel; another process may take it before
    // Prometheus does: then try another.
    for (let attempt = 0; attempt < 5; attempt++) {
      const port = await freePort();
      const started = await serve({ dir, tsdb, port, corsOrigin, retention, readyTimeoutMs });
      if (started) {
        const done = () => stop(started, dir);
        return { url: `http://127.0.0.1:${port}`, port, version, stop: done, close: done };
      }
    }
    throw new Error('found no free port for Prometheus in 5 attempts');
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    scratch.delete(dir);
    throw e;
  }
}

/** Starts the server; the child when ready, null when its port was taken. */
async function serve({ dir, tsdb, port, corsOrigin, retention, readyTimeoutMs }) {
  const log = join(dir, `prometheus-${port}.log`);
  const args = [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${tsdb}`,
    // Far beyond the data's age: time-based retention must never delete the backfilled blocks.
    `--storage.tsdb.retention.time=${retention}`,
    `--web.listen-address=127.0.0.1:${port}`,
    `--web.cors.origin=${corsOrigin}`,
  ];
  const fd = openSync(log, 'w');
  const child = spawn('prometheus', args, { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  running.add(child);
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 'signal')));
  child.exited = exited;
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    const code = await Promise.race([exited, sleep(100).then(() => undefined)]);
    if (code !== undefined) {
      running.delete(child);
      const text = await readFile(log, 'utf8');
      if (text.includes('address already in use')) return null;
      throw new Error(`Prometheus exited (${code}) before it was ready:\n${text}`);
    }
    if (await ready(`http://127.0.0.1:${port}/-/ready`)) return child;
  }
  await stop(child, null);
  throw new Error(`Prometheus on port ${port} was not ready within ${readyTimeoutMs} ms:\n${await readFile(log, 'utf8')}`);
}

async function ready(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Stops the child (SIGTERM, then SIGKILL after 5 s) and removes `dir`. */
async function stop(child, dir) {
  if (running.has(child)) {
    child.kill('SIGTERM');
    const killed = await Promise.race([child.exited, sleep(5000).then(() => null)]);
    if (killed === null) {
      child.kill('SIGKILL');
      await child.exited;
    }
    running.delete(child);
  }
  if (dir) {
    await rm(dir, { recursive: true, force: true });
    scratch.delete(dir);
  }
}

/** A port of 127.0.0.1 nothing listens on, as the kernel picks one. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(command, args, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`))));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
