// The host page of the panel's browser test and benchmark: its bundles, one
// per host (test/host/host.tsx built with esbuild against that host's React
// and @grafana/* packages), and a server for them and for what Grafana
// serves beside a plugin — the plugin's directory, @grafana/ui's icons.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

import { serve } from '../../../www/browser/src/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const plugin = join(here, '..', '..');
const built = join(here, 'dist');
const ID = 'slogate-errorbudget-panel';
const ICONS = '/public/build/img/icons/';
const UI_ICONS = join(plugin, '..', 'node_modules/@grafana/ui/dist/public/img/icons');

/** The hosts: React 18 with the workspace's @grafana/* 13.1, React 19 with 13.2 installed apart. */
export const HOSTS = [
  { name: 'React 18, @grafana/* 13.1', react: '18', modules: null },
  { name: 'React 19, @grafana/* 13.2', react: '19', modules: join(here, '..', 'host-react19') },
];

/** Builds `host`'s bundle, served at `/react<N>/`. */
export async function buildHost(host) {
  await esbuild.build({
    entryPoints: [join(here, 'host.tsx')],
    bundle: true,
    format: 'iife',
    outdir: join(built, `react${host.react}`),
    minify: true,
    // The same entry; the second host's packages resolved from its own
    // node_modules (subpaths and package exports included).
    plugins: host.modules ? [resolveFrom(host.modules)] : [],
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: { '.svg': 'text', '.woff2': 'file', '.woff': 'file', '.png': 'file', '.ttf': 'file' },
    logLevel: 'error',
  });
}

/** Serves every built host at `/react<N>/`, the plugin's dist/ at public/plugins/<id>/, and icons. */
export function serveHosts() {
  const prefix = `/public/plugins/${ID}/`;
  return serve({
    root: built,
    handle: async (req, res) => {
      const url = new URL(req.url, 'http://host');
      if (/^\/react\d+\/$/.test(url.pathname)) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(await readFile(join(here, 'index.html')));
        return true;
      }
      if (url.pathname.startsWith(ICONS)) {
        // Grafana serves @grafana/ui's icons from its build; the npm package
        // ships most of them (not its spinner: that one is drawn blank here).
        const file = join(UI_ICONS, url.pathname.slice(ICONS.length));
        const svg =
          file.startsWith(UI_ICONS) && existsSync(file)
            ? await readFile(file)
            : '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"></svg>';
        res.writeHead(200, { 'content-type': 'image/svg+xml' });
        res.end(svg);
        return true;
      }
      if (url.pathname.startsWith(prefix)) {
        const file = join(plugin, 'dist', url.pathname.slice(prefix.length));
        if (!file.startsWith(join(plugin, 'dist')) || !existsSync(file)) {
          return false;
        }
        const type = file.endsWith('.wasm')
          ? 'application/wasm'
          : file.endsWith('.js')
            ? 'text/javascript'
            : 'application/octet-stream';
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(await readFile(file));
        return true;
      }
      return false;
    },
  });
}

/** An esbuild plugin resolving the host's shared packages from `dir` instead of the workspace. */
function resolveFrom(dir) {
  return {
    name: 'host-packages',
    setup(build) {
      build.onResolve(
        { filter: /^(react|react-dom|@grafana\/(data|ui|runtime)|@emotion\/css)(\/.*)?$/ },
        async (args) => {
          if (args.pluginData === 'host') {
            return undefined;
          }
          return build.resolve(args.path, { kind: args.kind, resolveDir: dir, pluginData: 'host' });
        }
      );
    },
  };
}
