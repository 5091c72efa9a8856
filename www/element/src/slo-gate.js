// <slo-gate>: an SLO policy's error budgets, burn rates, alerts and freeze
// level, from a report, from data, or from a Prometheus-compatible server.
// README.md is the contract (attributes, properties, events, CSS custom
// properties, CSP). What is shown comes from @slogate/view; this file holds
// the inputs, the state machine and the events.

import { fetchPlannedSeries } from './prometheus.js';
import { formatWindow, levelSeverity, plainText } from '@slogate/view';
import { atProperty, headersProperty, parseAt, parseRefresh, parseTheme, parseTimeout } from './attributes.js';
import { engineFor, loadEngine, setWasmUrl, wasmUrl } from './engine.js';
import { fetchPolicy } from './policy.js';
import { renderCard, sameSlo } from './render/card.js';
import { h } from './render/dom.js';
import { renderError, renderLoading, renderNotice, renderStale } from './render/status.js';
import { renderSummary } from './render/summary.js';
import { styles } from './styles.js';

/** @typedef {import('@slogate/engine').Report} Report */
/** @typedef {import('@slogate/engine').SeriesInput} SeriesInput */
/** @typedef {'idle' | 'loading' | 'ready' | 'error'} State */

/** More SLO instances than this: compact cards (secondary sections closed). */
const COMPACT_FROM = 5;

export class SloGate extends HTMLElement {
  static observedAttributes = ['policy', 'prometheus', 'refresh', 'timeout', 'at', 'theme', 'time-zone'];

  /** Where the engine's .wasm is fetched from; set before the first element loads it. */
  static get wasmUrl() {
    return wasmUrl();
  }
  static set wasmUrl(url) {
    setWasmUrl(url);
  }

  /** @type {string | null} */ #policyText = null;
  /** @type {readonly SeriesInput[] | null} */ #data = null;
  /** @type {Report | null} */ #report = null;
  /** @type {number | null} */ #atProperty = null;
  #atPropertySet = false;
  /** @type {Record<string, string>} */ #headers = {};

  /** @type {State} */ #state = 'idle';
  /** @type {unknown} */ #error = null;
  /** @type {Report | null} */ #lastReport = null;
  /** The worst level of the last report an event was sent for. */
  /** @type {string | null} */ #lastLevel = null;
  /** Epoch ms when #lastReport was computed (or received). */
  #computedAt = 0;
  /** Disclosures and sections open now, kept across re-renders. */
  #open = new Set();
  /** The report drawn last: its parts, and its cards by position with the SLO reports they show. */
  /** @type {{ context: string, root: HTMLElement, summary: HTMLElement, banner: HTMLElement | null, grid: HTMLElement, slos: import('@slogate/engine').SloReport[], nodes: HTMLElement[] } | null} */
  #shown = null;

  /** A fetched policy: the URL and its text, so a re-render does not refetch. */
  /** @type {{ url: string, text: string } | null} */ #fetched = null;
  /** Bumped by every update; an async step of an older update gives up. */
  #generation = 0;
  /** @type {AbortController | null} */ #abort = null;
  /** @type {ReturnType<typeof setTimeout> | null} */ #timer = null;
  /** When the next Prometheus refresh is due (epoch ms). */
  #due = 0;
  /** @type {(() => Promise<void>) | null} */ #refreshNow = null;
  /** What the last report was computed from (Prometheus mode), and how to say it. */
  /** @type {string | null} */ #source = null;
  /** @type {string | null} */ #sourceText = null;
  #scheduled = false;

  /** @type {ShadowRoot} */ #root;
  /** @type {HTMLElement} */ #frame;
  /** @type {HTMLElement} */ #announcer;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [styles()];
    this.#frame = h('div', { class: 'frame', part: 'frame' });
    // Outside the frame, which every render replaces: announces a change of
    // the worst level once, not every refresh.
    this.#announcer = h('div', { class: 'visually-hidden', 'aria-live': 'polite' });
    this.#root.append(this.#frame, this.#announcer);
  }

  // --- properties --------------------------------------------------------

  /** The policy text; overrides the `policy` attribute (a URL). */
  get policy() {
    return this.#policyText ?? this.#fetched?.text ?? null;
  }
  set policy(text) {
    if (text !== null && text !== undefined && typeof text !== 'string') throw new TypeError('policy: expected the policy text (a string) or null');
    this.#policyText = text ?? null;
    this.#schedule();
  }

  /** The series to evaluate, as `Engine.evaluate` takes them. */
  get data() {
    return this.#data;
  }
  set data(series) {
    if (series !== null && series !== undefined && !Array.isArray(series)) throw new TypeError('data: expected an array of series ({name, times, values, labels?}) or null');
    this.#data = series ?? null;
    this.#schedule();
  }

  /** A report to render as is: no evaluation. */
  get report() {
    return this.#report;
  }
  set report(report) {
    if (report !== null && report !== undefined && (typeof report !== 'object' || !Array.isArray(report.slos))) {
      throw new TypeError('report: expected a slogate report ({policy, at, level, levels, slos}) or null');
    }
    this.#report = report ?? null;
    this.#schedule();
  }

  /** The evaluation instant in epoch ms; null = now at each evaluation. */
  get at() {
    if (this.#atPropertySet) return this.#atProperty;
    try {
      return parseAt(this.getAttribute('at'));
    } catch {
      return null;
    }
  }
  set at(value) {
    this.#atProperty = atProperty(value);
    this.#atPropertySet = value !== null && value !== undefined;
    this.#schedule();
  }

  /** Headers for Prometheus requests, e.g. {'X-Scope-OrgID': 'tenant-1'}. */
  get headers() {
    return { ...this.#headers };
  }
  set headers(value) {
    this.#headers = headersProperty(value);
    this.#schedule();
  }

  /** The worst level of the report shown, or null. */
  get level() {
    return this.#lastReport?.level ?? null;
  }
  /** @returns {State} */
  get state() {
    return this.#state;
  }
  get error() {
    return this.#error;
  }
  get lastReport() {
    return this.#lastReport;
  }

  // --- lifecycle ---------------------------------------------------------

  connectedCallback() {
    this.#applyTheme();
    document.addEventListener('visibilitychange', this.#onVisible);
    this.#schedule();
  }

  disconnectedCallback() {
    document.removeEventListener('visibilitychange', this.#onVisible);
    this.#stop();
  }

  /**
   * @param {string} name
   * @param {string | null} old
   * @param {string | null} value
   */
  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === 'theme') return this.#applyTheme();
    if (name === 'policy') this.#fetched = null;
    this.#schedule();
  }

  #applyTheme() {
    this.#frame.className = `frame theme-${parseTheme(this.getAttribute('theme'))}`;
  }

  /** Cancels what is in flight and the refresh timer. */
  #stop() {
    this.#generation += 1;
    this.#abort?.abort();
    this.#abort = null;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#refreshNow = null;
  }

  /** Coalesces the changes of one task (setting policy, data and at) into one update. */
  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) void this.#update();
    });
  }

  /** Re-evaluates from the current inputs. */
  async #update() {
    this.#stop();
    const generation = this.#generation;
    const abort = new AbortController();
    this.#abort = abort;
    const current = () => generation === this.#generation;

    if (this.#report !== null) {
      this.#show(this.#report, Date.now());
      return;
    }
    let at;
    try {
      at = this.#atPropertySet ? this.#atProperty : parseAt(this.getAttribute('at'));
    } catch (e) {
      return this.#fail(e, 'reading the at attribute');
    }

    const url = this.getAttribute('policy');
    let text = this.#policyText;
    if (text === null && (url === null || url.trim() === '')) {
      this.#setState('idle');
      return this.#paint(renderNotice('No policy yet.', ['Set the policy attribute to the URL of a policy, or the policy property to its text.']));
    }
    if (text === null) {
      const known = this.#fetched;
      if (known !== null && known.url === url) {
        text = known.text;
      } else {
        this.#loading('Fetching the policy…');
        try {
          text = await fetchPolicy(/** @type {string} */ (url), abort.signal);
        } catch (e) {
          if (!current()) return;
          return this.#fail(e, null);
        }
        if (!current()) return;
        this.#fetched = { url: /** @type {string} */ (url), text };
      }
    }

    if (this.#state !== 'ready') this.#loading('Loading the slogate engine…');
    try {
      await loadEngine(this.getAttribute('wasm'));
    } catch (e) {
      if (current()) this.#fail(e, null);
      return;
    }
    if (!current()) return;

    let engine;
    try {
      engine = engineFor(text);
    } catch (e) {
      return this.#fail(e, null);
    }

    const prometheus = this.getAttribute('prometheus');
    if (prometheus !== null && prometheus.trim() !== '') {
      return this.#prometheus(text, prometheus.trim(), at, generation, abort.signal);
    }
    if (this.#data === null) {
      this.#setState('idle');
      const slos = engine.sloNames.length;
      return this.#paint(
        renderNotice(`The policy "${engine.name}" is loaded (${slos === 1 ? '1 SLO' : `${slos} SLOs`}), but there is no data to evaluate it on.`, [
          'Give the data property the series the policy names, or the prometheus attribute a Prometheus-compatible server.',
        ]),
      );
    }
    try {
      const report = engine.evaluate(at ?? Date.now(), this.#data);
      this.#show(report, Date.now());
    } catch (e) {
      this.#fail(e, null);
    }
  }

  /**
   * Prometheus mode: per evaluation, the engine's data plan says what to
   * fetch (every planned series' query over its range at its step);
   * `fetchPlannedSeries` runs the query_range requests (split to stay under
   * Prometheus' 11,000 points). Then again every `refresh`. A refresh that
   * fails keeps the last report of the same source on screen, marked stale
   * with the time it was computed and the error: never shown as current.
   * @param {string} text
   * @param {string} base
   * @param {number | null} at
   * @param {number} generation
   * @param {AbortSignal} signal
   */
  async #prometheus(text, base, at, generation, signal) {
    let refreshMs;
    let timeoutMs;
    try {
      refreshMs = parseRefresh(this.getAttribute('refresh'));
      timeoutMs = parseTimeout(this.getAttribute('timeout'));
    } catch (e) {
      return this.#fail(e, 'reading the refresh and timeout attributes');
    }
    const headers = this.#headers;
    // Reports of the same policy, server, instant and headers may stand in
    // for each other (marked stale); any other change starts afresh.
    const source = JSON.stringify([text, base, at, headers]);
    const every = refreshMs === null ? 'no refresh' : `refreshed every ${formatWindow(refreshMs / 1000)}`;
    const current = () => generation === this.#generation;
    const once = async () => {
      this.#timer = null;
      if (!current()) return;
      if (this.#source !== source) this.#loading(`Querying Prometheus at ${base}…`, { replace: true });
      else this.#setState('loading');
      try {
        const plan = engineFor(text).plan(at ?? Date.now());
        const series = await fetchPlannedSeries(plan, { url: base, headers, timeoutMs, signal });
        if (!current()) return;
        // engineFor again: another element may have evicted the engine meanwhile.
        const report = engineFor(text).evaluate(plan.at, series);
        this.#show(report, Date.now(), { source, text: `Prometheus ${base}, ${every}` });
      } catch (e) {
        // Aborted by a newer update or by disconnecting: not an error to show.
        if (!current()) return;
        this.#fail(e, null, { stale: this.#source === source });
      }
      if (refreshMs !== null && current()) {
        this.#due = Date.now() + refreshMs;
        this.#timer = setTimeout(once, refreshMs);
      }
    };
    this.#refreshNow = once;
    await once();
  }

  /**
   * A hidden tab's timers are throttled: when it is shown again after the
   * refresh was due, refresh at once rather than show an old report.
   */
  #onVisible = () => {
    if (document.visibilityState !== 'visible' || this.#timer === null || Date.now() < this.#due) return;
    clearTimeout(this.#timer);
    this.#timer = null;
    void this.#refreshNow?.();
  };

  // --- output ------------------------------------------------------------

  /** @param {State} state */
  #setState(state) {
    this.#state = state;
    this.setAttribute('aria-busy', String(state === 'loading'));
  }

  /**
   * @param {string} text
   * @param {{ replace?: boolean }} [options] replace a report on screen (it is not what is loading)
   */
  #loading(text, { replace = false } = {}) {
    this.#setState('loading');
    // A report on screen stays while its own successor loads (no flicker);
    // otherwise the element says what it waits for.
    if (replace) {
      this.#lastReport = null;
      this.#source = null;
      this.#sourceText = null;
    }
    if (this.#lastReport === null) this.#paint(renderLoading(text));
  }

  /**
   * @param {unknown} error
   * @param {string | null} context
   * @param {{ stale?: boolean }} [options] keep the last report, marked stale
   */
  #fail(error, context, { stale = false } = {}) {
    this.#error = error;
    this.#setState('error');
    if (stale && this.#lastReport !== null) {
      this.#paintReport(this.#lastReport, renderStale(this.#computedAt, error, this.#timeOptions()));
    } else {
      this.#lastReport = null;
      this.#source = null;
      this.#sourceText = null;
      this.#paint(renderError(error, context ?? undefined));
    }
    this.#emit('slogate-error', { error });
  }

  /**
   * @param {Report} report
   * @param {number} computedAt
   * @param {{ source: string, text: string } | null} [from] Prometheus mode: what it was computed from
   */
  #show(report, computedAt, from = null) {
    this.#error = null;
    this.#lastReport = report;
    this.#computedAt = computedAt;
    this.#source = from?.source ?? null;
    this.#sourceText = from?.text ?? null;
    this.#setState('ready');
    try {
      this.#paintReport(report, null);
    } catch (e) {
      // A report this code cannot draw (a malformed `report` property):
      // say so rather than leave half a view.
      this.#lastReport = null;
      return this.#fail(e, 'drawing the report');
    }
    this.#emit('slogate-report', { report });
    if (report.level !== this.#lastLevel) {
      const previous = this.#lastLevel;
      this.#lastLevel = report.level;
      this.#emit('slogate-level-change', { level: report.level, previous, ...levelSeverity(report.levels, report.level) });
      if (previous !== null) this.#announcer.textContent = `${plainText(report.policy)}: level changed from ${plainText(previous)} to ${plainText(report.level)}`;
    }
  }

  #timeOptions() {
    const timeZone = this.getAttribute('time-zone');
    return timeZone ? { timeZone } : {};
  }

  /**
   * @param {Report} report
   * @param {HTMLElement | null} banner
   */
  #paintReport(report, banner) {
    const ctx = {
      levels: report.levels,
      time: this.#timeOptions(),
      open: this.#open,
      compact: report.slos.length >= COMPACT_FROM,
      source: this.#sourceText,
    };
    // A card whose SLO report and context did not change is kept as it is,
    // in place: an edit or a refresh usually changes a few SLOs of many,
    // and the browser then lays out only what changed.
    const context = JSON.stringify([ctx.levels, ctx.time, ctx.compact, banner !== null]);
    const shown = this.#shown;
    const reuse = shown !== null && shown.context === context && this.#frame.firstChild === shown.root;
    const nodes = report.slos.map((slo, i) => {
      const before = reuse ? shown.slos[i] : undefined;
      const node = reuse ? shown.nodes[i] : undefined;
      return before !== undefined && node !== undefined && sameSlo(before, slo) ? node : renderCard(slo, i, ctx);
    });
    const focusCard = (/** @type {number} */ i) => {
      const card = nodes[i];
      card?.scrollIntoView({ block: 'nearest' });
      card?.focus();
    };
    const summary = renderSummary(report, ctx, focusCard);
    if (reuse && report.slos.length > 0 && shown.slos.length > 0) {
      const key = this.#focusedKey();
      shown.summary.replaceWith(summary);
      if (shown.banner && banner) shown.banner.replaceWith(banner);
      const { grid } = shown;
      nodes.forEach((node, i) => {
        const at = grid.children[i];
        if (at !== node) {
          if (at) grid.replaceChild(node, at);
          else grid.append(node);
        }
      });
      while (grid.children.length > nodes.length) grid.lastElementChild?.remove();
      this.#shown = { ...shown, summary, banner, slos: report.slos, nodes };
      this.#refocus(key);
      return;
    }
    const grid = h('div', { class: `grid${ctx.compact ? ' compact' : ''}` }, nodes);
    const root = h('div', { class: `report${banner ? ' is-stale' : ''}` }, banner, summary, report.slos.length === 0 ? renderNotice('The policy has no SLO instances to show.') : grid);
    this.#shown = { context, root, summary, banner, grid, slos: report.slos, nodes };
    this.#paint(root);
  }

  /**
   * Replaces what is shown. A control that had the focus (an explain
   * button, a section) gets it back in the new content, so a refresh does
   * not throw a keyboard user back to the top.
   * @param {Node} content
   */
  #paint(content) {
    const key = this.#focusedKey();
    this.#frame.replaceChildren(content);
    this.#refocus(key);
  }

  /** The `data-key` of the control that has the focus, if any. */
  #focusedKey() {
    return /** @type {HTMLElement | null} */ (this.#root.activeElement)?.dataset?.key;
  }

  /** @param {string | undefined} key */
  #refocus(key) {
    if (key === undefined || this.#focusedKey() === key) return;
    /** @type {HTMLElement | null} */ (this.#frame.querySelector(`[data-key="${CSS.escape(key)}"]`))?.focus();
  }

  /**
   * @param {string} type
   * @param {object} detail
   */
  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
