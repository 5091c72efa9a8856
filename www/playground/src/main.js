// The playground page: a policy editor, a data source, the report as
// <slo-gate> shows it and three charts, all updated on every edit.
//
// Flow: any change (a keystroke, a data source, the instant) schedules one
// update for the next animation frame, so a burst of keystrokes is
// evaluated once and the numbers are drawn in the same frame as the text.
// An update evaluates once (Session), hands the report to the element and
// the charts, and writes the state into the URL's fragment.

import init, { Engine, Memo } from '@slogate/engine';
import '@slogate/element';
import { plainText, sloTitle } from '@slogate/view';
import { pickSlo, sloKey } from './chart-data.js';
import { Charts } from './charts.js';
import { renderDiagnostics } from './diagnostics-list.js';
import { createEditor } from './editor.js';
import { fromInputValue, toInputValue } from './instant.js';
import { PastePanel } from './paste.js';
import { Results } from './results.js';
import { ScenarioSource } from './scenario-source.js';
import { EXAMPLES as examples, SeedData } from './seeds.js';
import { Session } from './session.js';
import { setupTheme } from './theme.js';
import { STATE_VERSION, decodeState, shareableState } from './url-state.js';

const DEFAULT_EXAMPLE = 'mtos';
const $ = (selector) => document.querySelector(selector);

boot().catch((e) => {
  // Nothing else can show: say so where the results would be.
  const note = $('#results .problem');
  note.textContent = `The playground could not start: ${e instanceof Error ? e.message : String(e)}`;
  note.hidden = false;
  throw e;
});

async function boot() {
  const base = new URL('./', import.meta.url);
  const wasm = init(new URL('slogate_engine_bg.wasm', base));
  const seeds = new SeedData(base);
  const byName = (name) => examples.find((e) => e.name === name);

  let restored = null;
  try {
    restored = await decodeState(location.hash);
  } catch (e) {
    notice(`${e.message} — showing the default example instead.`);
  }
  if (restored?.source.kind === 'seed' && !byName(restored.source.example)) {
    notice(`The link's example "${restored.source.example}" is not one of this playground's; showing ${DEFAULT_EXAMPLE}'s data.`);
    restored.source = { kind: 'seed', example: DEFAULT_EXAMPLE };
  }
  // The data starts loading now, beside the policy and the engine.
  const source = restored?.source ?? { kind: 'seed', example: DEFAULT_EXAMPLE };
  if (source.kind === 'seed') seeds.series(byName(source.example)).catch(() => {});
  const app = restored ?? (await defaultState(byName(DEFAULT_EXAMPLE), seeds));
  await wasm;

  const session = new Session(Engine, Memo);
  const results = new Results($('#results'));
  const charts = new Charts($('#charts'));
  const paste = new PastePanel($('#paste-panel'), schedule);
  const scenario = new ScenarioSource($('#scenario-form'), $('#scenario-notes'), schedule);
  restoreSource(app.source);
  const seedSeries = new Map();
  const seedErrors = new Map();

  const editor = createEditor($('#editor'), { text: app.policy, dark: false, onChange: schedule });
  const isDark = setupTheme($('#theme'), (dark) => {
    editor.setDark(dark);
    results.gate.setAttribute('theme', dark ? 'dark' : 'light');
    charts.restyle();
  });
  editor.setDark(isDark());

  // --- data source controls ---------------------------------------------
  const kind = $('#source-kind');
  const exampleSelect = $('#seed-example');
  const runSelect = $('#seed-run');
  const atInput = $('#at');
  for (const example of examples) exampleSelect.append(new Option(example.name, example.name));

  /** A link's data source into the panels (its problems as a notice). */
  function restoreSource(source) {
    if (source.kind === 'paste') paste.restore(source.inputs);
    if (source.kind === 'scenario') {
      const problems = scenario.restore(source.params);
      if (problems.length > 0) notice(`The link's scenario: ${problems.join('; ')}`);
    }
  }

  function showSource() {
    kind.value = app.source.kind;
    $('#seed-controls').hidden = app.source.kind !== 'seed';
    $('#paste-panel').hidden = app.source.kind !== 'paste';
    $('#paste-help').hidden = app.source.kind !== 'paste';
    $('#scenario-panel').hidden = app.source.kind !== 'scenario';
    const example = byName(app.source.kind === 'seed' ? app.source.example : exampleSelect.value) ?? examples[0];
    exampleSelect.value = example.name;
    runSelect.replaceChildren(
      ...example.runs.map((r) => new Option(`${r.at.replace('T', ' ').replace(':00Z', ' UTC')} — ${r.level}`, String(Date.parse(r.at)))),
      new Option('another instant', 'custom'),
    );
    showInstant();
  }
  function showInstant() {
    atInput.value = toInputValue(app.at);
    atInput.removeAttribute('aria-invalid');
    const example = byName(exampleSelect.value);
    const run = app.source.kind === 'seed' ? example?.runs.find((r) => Date.parse(r.at) === app.at) : undefined;
    runSelect.value = run ? String(app.at) : 'custom';
    $('#seed-note').textContent = run ? run.note : '';
  }
  kind.addEventListener('change', () => {
    app.source =
      kind.value === 'seed'
        ? { kind: 'seed', example: exampleSelect.value }
        : kind.value === 'scenario'
          ? { kind: 'scenario', params: scenario.text }
          : { kind: 'paste', inputs: paste.texts };
    showSource();
    schedule();
  });
  exampleSelect.addEventListener('change', async () => {
    const example = byName(exampleSelect.value);
    // The policy first, then the example's data with it: never the old
    // policy on the new data (an update between would show its errors).
    let text = null;
    try {
      text = await seeds.text(example.policy);
    } catch (e) {
      notice(`${example.name}'s policy could not be loaded: ${e.message}`);
    }
    if (exampleSelect.value !== example.name) return; // chosen again meanwhile
    app.source = { kind: 'seed', example: example.name };
    app.at = Date.parse(example.runs.at(-1).at);
    app.slo = null;
    showSource();
    if (text !== null) editor.setText(text);
    schedule();
  });
  runSelect.addEventListener('change', () => {
    if (runSelect.value === 'custom') {
      atInput.focus();
      return;
    }
    app.at = Number(runSelect.value);
    showInstant();
    schedule();
  });
  atInput.addEventListener('change', () => {
    const at = fromInputValue(atInput.value);
    if (at === null) {
      atInput.setAttribute('aria-invalid', 'true');
      return;
    }
    app.at = at;
    showInstant();
    schedule();
  });
  $('#chart-slo').addEventListener('change', (event) => {
    app.slo = event.target.value;
    schedule();
  });
  $('#copy-link').addEventListener('click', () => copyLink());
  window.addEventListener('hashchange', async () => {
    try {
      const state = await decodeState(location.hash);
      if (state === null) return;
      Object.assign(app, state);
      restoreSource(state.source);
      showSource();
      if (editor.text() !== state.policy) editor.setText(state.policy);
      schedule();
    } catch (e) {
      notice(`${e.message} — the page keeps what it shows.`);
    }
  });
  showSource();

  // --- the update --------------------------------------------------------
  let scheduled = false;
  let firstRender = true;
  let shownDiagnostics = null;
  let shownSlos = '';
  let updates = 0;

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(update);
  }

  function seriesFor(engine) {
    if (app.source.kind === 'paste') return paste.series(engine.plan(app.at));
    if (app.source.kind === 'scenario') return scenario.series(engine.plan(app.at));
    const example = byName(app.source.example);
    const loaded = seedSeries.get(example.name);
    if (loaded) return { series: loaded };
    if (seedErrors.has(example.name)) return { error: seedErrors.get(example.name) };
    seeds.series(example).then(
      (series) => {
        seedSeries.set(example.name, series);
        schedule();
      },
      (e) => {
        seedErrors.set(example.name, `the example's data could not be read: ${e.message}`);
        schedule();
      },
    );
    return { pending: `loading ${example.name}'s data…` };
  }

  function update() {
    scheduled = false;
    const start = performance.now();
    app.policy = editor.text();
    const outcome = session.run(app.policy, app.at, seriesFor);
    const evaluated = performance.now();
    results.show(outcome);
    if (outcome.diagnostics !== shownDiagnostics) {
      shownDiagnostics = outcome.diagnostics;
      editor.showDiagnostics(outcome.diagnostics);
      renderDiagnostics($('#diagnostics'), outcome.diagnostics, () => editor.view.state.doc, editor.focusAt);
    }
    $('#charts').classList.toggle('stale', outcome.stale);
    if (outcome.report) {
      showSloChoice(outcome.report);
      charts.update(pickSlo(outcome.report, app.slo), outcome.report.levels);
    }
    // The element renders in a microtask queued when it got the report:
    // this one, queued after it, sees the update drawn.
    queueMicrotask(() => {
      const end = performance.now();
      // For the benchmark (bench/bench.mjs) and the tests: the whole update,
      // and its evaluation (parse + evaluate) apart from the drawing.
      performance.measure('slogate-update', { start, end });
      performance.measure('slogate-evaluate', { start, end: evaluated });
      if (++updates % 500 === 0) {
        performance.clearMeasures('slogate-update');
        performance.clearMeasures('slogate-evaluate');
        performance.clearMeasures('slogate-parse');
      }
      const fresh = outcome.problem === null;
      document.dispatchEvent(new CustomEvent('slogate-playground-update', { detail: { ms: end - start, fresh } }));
      if (firstRender && fresh) {
        firstRender = false;
        performance.mark('slogate-first-render');
      }
    });
    writeHash();
  }

  /** The SLO picker above the charts, rebuilt when the report's instances change. */
  function showSloChoice(report) {
    const select = $('#chart-slo');
    const keys = report.slos.map((s) => `${sloKey(s)}\u0000${s.level}`).join('\u0001');
    if (keys !== shownSlos) {
      shownSlos = keys;
      select.replaceChildren(
        ...report.slos.map((s) => new Option(`${sloTitle(s)} — ${plainText(s.level)}`, sloKey(s))),
      );
    }
    const chosen = pickSlo(report, app.slo);
    if (chosen) select.value = sloKey(chosen);
  }

  // --- the link ------------------------------------------------------------
  let hashTimer = 0;
  function stateNow() {
    return {
      v: STATE_VERSION,
      policy: editor.text(),
      at: app.at,
      slo: app.slo ?? null,
      source:
        app.source.kind === 'paste'
          ? { kind: 'paste', inputs: paste.texts }
          : app.source.kind === 'scenario'
            ? { kind: 'scenario', params: scenario.text }
            : app.source,
    };
  }
  function writeHash() {
    clearTimeout(hashTimer);
    // Compressing takes a few ms for a large policy: not on every keystroke.
    hashTimer = setTimeout(async () => {
      const { hash } = await shareableState(stateNow());
      if (hash !== location.hash) history.replaceState(null, '', hash);
    }, 300);
  }
  async function copyLink() {
    clearTimeout(hashTimer);
    const { hash, droppedData } = await shareableState(stateNow());
    history.replaceState(null, '', hash);
    const status = $('#copy-status');
    try {
      await navigator.clipboard.writeText(location.href);
      status.textContent = droppedData.length
        ? `Link copied, without the pasted data of ${droppedData.join(', ')} (too large for a link).`
        : 'Link copied.';
    } catch {
      status.textContent = 'The browser refused the clipboard: copy the address bar.';
    }
  }

  schedule();
}

/** The first visit: an example's policy at its last instant. */
async function defaultState(example, seeds) {
  return {
    v: STATE_VERSION,
    policy: await seeds.text(example.policy),
    at: Date.parse(example.runs.at(-1).at),
    slo: null,
    source: { kind: 'seed', example: example.name },
  };
}

/** A message above the page (a bad link, …), as text. */
function notice(text) {
  const el = $('#notice');
  el.textContent = text;
  el.hidden = false;
}

