// A host page that loads the BUILT plugin (dist/module.js) the way Grafana
// does: an AMD module whose dependencies — react, react-dom,
// react/jsx-runtime, @grafana/data, @grafana/ui, @grafana/runtime,
// @emotion/css — come from the host (the real npm packages, bundled here),
// and `module` gives its URL under public/plugins/<id>/ (webpack's public
// path: the .wasm is fetched from there). It renders the exported
// PanelPlugin's panel with real PanelProps built by @grafana/data, inside
// @grafana/ui's theme (dark or light).
//
// What it does not have of Grafana: the app around the panel (panel chrome,
// query runner, options pane, the app's registered PanelDataErrorView —
// @grafana/runtime's default renders instead), Grafana's own SystemJS
// loader (this `define` resolves the same names), and its CSP and fetch
// wrappers unless a case installs one.

import * as emotion from '@emotion/css';
import * as data from '@grafana/data';
import * as runtime from '@grafana/runtime';
import * as ui from '@grafana/ui';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as ReactDOMClient from 'react-dom/client';
import * as jsxRuntime from 'react/jsx-runtime';

/** One case: the policy and options, frames as columns, the range, the theme, the size. */
export interface HostCase {
  options: Record<string, unknown>;
  frames: Array<{
    refId: string;
    times: number[];
    fields: Array<{ name: string; values: Array<number | null>; labels?: Record<string, string> }>;
    intervalMs?: number;
  }>;
  from: number;
  to: number;
  theme: 'dark' | 'light';
  width: number;
  height: number;
  /** Replace window.fetch by a wrapper, as Grafana Faro does. */
  wrapFetch?: boolean;
  /** The benchmark: frames generated in the page (too many to send), and how many timed renders. */
  generate?: { groups: number; minutes: number; stepMs: number };
  benchRuns?: number;
  /** Report the plugin's option paths and defaults, as Grafana's options builder lists them. */
  listOptions?: boolean;
}

declare global {
  interface Window {
    __hostCase?: HostCase;
    __hostDone?: {
      ok: boolean;
      error?: string;
      react: string;
      mount?: Timings;
      refresh?: Timings;
      verdict?: string | null;
      options?: Array<{ path: string; defaultValue: unknown }>;
    };
    define?: ((deps: string[], factory: (...args: unknown[]) => unknown) => void) & { amd?: object };
  }
}

const PLUGIN_ID = 'slogate-errorbudget-panel';
const MODULE_URL = `/public/plugins/${PLUGIN_ID}/module.js`;

const shared: Record<string, unknown> = {
  react: React,
  'react-dom': ReactDOM,
  'react/jsx-runtime': jsxRuntime,
  '@grafana/data': data,
  '@grafana/ui': ui,
  '@grafana/runtime': runtime,
  '@emotion/css': emotion,
  module: { uri: MODULE_URL, id: MODULE_URL },
};

/** Loads the plugin's AMD module and resolves to its exports. */
function loadPlugin(): Promise<{ plugin: data.PanelPlugin }> {
  return new Promise((resolve, reject) => {
    const define = (deps: string[], factory: (...args: unknown[]) => unknown) => {
      const missing = deps.filter((d) => !(d in shared));
      if (missing.length > 0) {
        reject(new Error(`the plugin needs modules the host does not provide: ${missing.join(', ')}`));
        return;
      }
      resolve(factory(...deps.map((d) => shared[d])) as { plugin: data.PanelPlugin });
    };
    define.amd = {};
    window.define = define;
    const script = document.createElement('script');
    script.src = MODULE_URL;
    script.onerror = () => reject(new Error(`cannot load ${MODULE_URL}`));
    document.head.append(script);
  });
}

function framesOf(c: HostCase): data.DataFrame[] {
  if (c.generate) {
    return generated(c);
  }
  return c.frames.map((f) =>
    data.createDataFrame({
      refId: f.refId,
      fields: [
        {
          name: 'Time',
          type: data.FieldType.time,
          values: f.times,
          config: f.intervalMs ? { interval: f.intervalMs } : {},
        },
        ...f.fields.map((x) => ({
          name: x.name,
          type: data.FieldType.number,
          values: x.values,
          labels: x.labels,
          config: {},
        })),
      ],
    })
  );
}

/** Prometheus-shaped frames, `good` and `total` per group (label `route`), ending at `c.to`. */
function generated(c: HostCase): data.DataFrame[] {
  const { groups, minutes, stepMs } = c.generate!;
  const n = Math.floor((minutes * 60_000) / stepMs) + 1;
  const time = Array.from({ length: n }, (_, i) => c.to - (n - 1 - i) * stepMs);
  const frames: data.DataFrame[] = [];
  for (let g = 0; g < groups; g += 1) {
    const route = `/route-${g}`;
    // Every group its own error rate, a few bad spells.
    const bad = (i: number) => ((i + g * 97) % 1009 < 3 ? 2 : 0.01 * (g % 5));
    for (const [refId, value] of [
      ['total', () => 10],
      ['good', (i: number) => 10 - bad(i)],
    ] as const) {
      frames.push(
        data.createDataFrame({
          refId,
          fields: [
            // Its own copy of the times, as Grafana decodes each frame of a response.
            { name: 'Time', type: data.FieldType.time, values: time.slice(), config: { interval: stepMs } },
            {
              name: 'Value',
              type: data.FieldType.number,
              values: time.map((_, i) => value(i)),
              labels: { route },
              config: {},
            },
          ],
        })
      );
    }
  }
  return frames;
}

/** Renders `c` with `frames` into a fresh root; resolves once its verdict or a state is on the page. */
function renderCase(plugin: data.PanelPlugin, c: HostCase, frames: data.DataFrame[]) {
  const el = document.getElementById('panel')!;
  el.style.width = `${c.width}px`;
  el.style.height = `${c.height}px`;
  const root = ReactDOMClient.createRoot(el);
  root.render(panelElement(plugin, c, frames));
  return root;
}

/** The panel of `c` showing `frames`, in the theme of `c`, as Grafana's panel renderer passes props. */
function panelElement(plugin: data.PanelPlugin, c: HostCase, frames: data.DataFrame[], renderCounter = 0) {
  const theme = data.createTheme({ colors: { mode: c.theme } });
  document.body.style.background = theme.colors.background.canvas;
  document.body.style.color = theme.colors.text.primary;
  const timeRange = {
    from: data.dateTime(c.from),
    to: data.dateTime(c.to),
    raw: { from: data.dateTime(c.from), to: data.dateTime(c.to) },
  };
  const Panel = plugin.panel!;
  const props = {
    id: 1,
    data: { series: frames, state: data.LoadingState.Done, timeRange },
    timeRange,
    timeZone: 'utc',
    options: c.options,
    onOptionsChange: () => {},
    onFieldConfigChange: () => {},
    replaceVariables: (s: string) => s,
    eventBus: new data.EventBusSrv(),
    width: c.width,
    height: c.height,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter,
    title: 'SLOs',
    transparent: false,
    onChangeTimeRange: () => {},
  } as unknown as data.PanelProps;
  return React.createElement(ui.ThemeContext.Provider, { value: theme }, React.createElement(Panel, props));
}

/** Resolves when the panel shows a verdict, then after the frame that paints it. */
function rendered(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => painted().then(resolve);
    const found = () => document.querySelector('[aria-label^="verdict:"]') !== null;
    if (found()) {
      done();
      return;
    }
    const observer = new MutationObserver(() => {
      if (found()) {
        observer.disconnect();
        done();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
}

/** Resolves after the next frame is painted. */
function painted(): Promise<void> {
  return new Promise((resolve) => {
    // A message posted in the next animation frame arrives after it is painted.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  });
}

/** Timed renders: each render's time and the plugin's User Timing measures (`slogate: …`, data/evaluate.ts). */
export interface Timings {
  times: number[];
  parts: Record<string, number[]>;
}

/**
 * The benchmark (plugin/bench/render.mjs): the engine loaded by one render
 * first (not timed), then `runs` mounts of `c` in fresh roots (a dashboard
 * opened) and `runs` refreshes of one mounted panel (new frames as new
 * props, what a dashboard's refresh does), each timed from handing the
 * frames to React to the painted verdict. New frames each time: nothing is
 * kept from the last render but what the panel itself keeps.
 */
async function bench(
  plugin: data.PanelPlugin,
  c: HostCase,
  runs: number
): Promise<{ mount: Timings; refresh: Timings; verdict: string | null }> {
  const gc = () => (window as unknown as { gc?: () => void }).gc?.();
  const frames = framesOf(c);
  const warm = renderCase(plugin, c, frames);
  await rendered();
  warm.unmount();
  const record = (into: Timings, start: number) => {
    into.times.push(performance.now() - start);
    for (const m of performance.getEntriesByType('measure')) {
      if (m.name.startsWith('slogate: ') && m.startTime >= start) {
        (into.parts[m.name] ??= []).push(m.duration);
      }
    }
  };
  const mount: Timings = { times: [], parts: {} };
  for (let i = 0; i < runs; i += 1) {
    const fresh = framesOf(c);
    gc();
    const start = performance.now();
    const root = renderCase(plugin, c, fresh);
    await rendered();
    record(mount, start);
    root.unmount();
  }
  const refresh: Timings = { times: [], parts: {} };
  const root = renderCase(plugin, c, framesOf(c));
  await rendered();
  for (let i = 0; i < runs; i += 1) {
    const fresh = framesOf(c);
    gc();
    const start = performance.now();
    // Synchronously, so that the paint awaited is this render's.
    ReactDOM.flushSync(() => root.render(panelElement(plugin, c, fresh, i + 1)));
    await painted();
    record(refresh, start);
  }
  const verdict = document.querySelector('[aria-label^="verdict:"]')?.getAttribute('aria-label') ?? null;
  root.unmount();
  return { mount, refresh, verdict };
}

async function main() {
  const c = window.__hostCase!;
  if (c.wrapFetch) {
    // As Grafana Faro instruments fetch: a wrapper whose Response is rebuilt.
    const original = window.fetch.bind(window);
    window.fetch = async (...args: Parameters<typeof fetch>) => {
      const r = await original(...args);
      return new Response(await r.blob(), { status: r.status, statusText: r.statusText });
    };
  }
  const { plugin } = await loadPlugin();
  if (c.benchRuns) {
    const { mount, refresh, verdict } = await bench(plugin, c, c.benchRuns);
    window.__hostDone = { ok: true, react: React.version, mount, refresh, verdict };
    return;
  }
  let options: Array<{ path: string; defaultValue: unknown }> | undefined;
  if (c.listOptions) {
    // What Grafana's panel editor builds from the plugin: every option's path
    // and default. Grafana registers its standard editors at start-up (its own
    // code, not a package): stand-ins with their ids suffice to list options.
    data.standardEditorsRegistry.setInit(() =>
      [
        'text',
        'number',
        'boolean',
        'radio',
        'select',
        'color',
        'slider',
        'unit',
        'multi-select',
        'stats-picker',
        'fieldName',
      ].map((id) => ({
        id,
        name: id,
        editor: () => null,
      }))
    );
    const builder = new data.PanelOptionsEditorBuilder<Record<string, unknown>>();
    plugin.getPanelOptionsSupplier()(builder, { data: [] });
    options = builder.getItems().map((item) => ({ path: item.path, defaultValue: item.defaultValue }));
  }
  renderCase(plugin, c, framesOf(c));
  window.__hostDone = { ok: true, react: React.version, options };
}

main().catch((e) => {
  window.__hostDone = {
    ok: false,
    error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e),
    react: React.version,
  };
});
