// A real Prometheus for the browser tests: Debian's package
// (`apt-get install -y prometheus`, which brings promtool), history
// backfilled from OpenMetrics text with `promtool tsdb create-blocks-from
// openmetrics`, served on a free loopback port with no scrape targets and
// `--web.cors.origin` set so a page on another origin may read it. The
// caller stops it (`close()`); the scratch directory goes with it.
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A port nothing listens on now (the kernel's choice). */
async function freePort() {
  const server = createServer();
  await new Promise((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/**
 * Starts Prometheus on `openMetrics` (text ending in `# EOF`). Resolves to
 * `{ url, version, close() }`. Fails with Prometheus' own log when it does
 * not become ready within 30 s.
 */
export async function startPrometheus({ openMetrics, corsOrigin = '.*' }) {
  for (const tool of ['prometheus', 'promtool']) {
    await run(tool, ['--version']).catch(() => {
      throw new Error(`${tool} is missing: apt-get install -y prometheus`);
    });
  }
  const dir = await mkdtemp(join(tmpdir(), 'slogate-prom-'));
  let child = null;
  const close = async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await writeFile(join(dir, 'data.om'), openMetrics);
    await mkdir(join(dir, 'tsdb'));
    await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'data.om'), join(dir, 'tsdb')], { timeout: 120_000 });
    await writeFile(join(dir, 'prometheus.yml'), 'global:\n  evaluation_interval: 1m\nscrape_configs: []\n');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const log = join(dir, 'prometheus.log');
    const { openSync } = await import('node:fs');
    const out = openSync(log, 'w');
    child = spawn(
      'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'tsdb')}`,
        // Backfilled blocks lie in the past: retention must never delete them.
        '--storage.tsdb.retention.time=100y',
        `--web.listen-address=127.0.0.1:${port}`,
        `--web.cors.origin=${corsOrigin}`,
      ],
      { stdio: ['ignore', out, out] },
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Prometheus exited:\n${await readFile(log, 'utf8')}`);
      const ready = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`Prometheus at ${url} not ready in 30 s:\n${await readFile(log, 'utf8')}`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
    const { stdout, stderr } = await run('prometheus', ['--version']);
    const version = /version (\S+)/.exec(`${stdout}${stderr}`)?.[1] ?? 'unknown';
    return { url, version, close };
  } catch (e) {
    await close();
    throw e;
  }
}
