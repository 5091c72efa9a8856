// The Engine: built once from policy text, evaluated many times.

import * as glue from '../dist/slogate_engine.js';
import { pack } from './columns.js';
import { SlogateError, currentGeneration, guard, surface } from './errors.js';
import { requireLoaded } from './load.js';
import { KEEP, Memo, PREVIOUS } from './memo.js';

export class Engine {
  #text;
  #raw;
  #generation;

  /**
   * Parses and validates `policyText` (YAML or JSON). Throws a SlogateError
   * of kind `bad-policy` whose message is the CLI's and whose `diagnostics`
   * list every finding of that parse.
   */
  constructor(policyText) {
    surface(() => {
      requireLoaded();
      if (typeof policyText !== 'string') {
        throw new SlogateError('new Engine(policyText): policyText must be a string', { kind: 'bad-argument' });
      }
      this.#text = policyText;
      this.#raw = build(policyText);
      this.#generation = currentGeneration();
      const raw = this.#raw;
      // Immutable for the engine's life: read once.
      this.name = guard(() => raw.name());
      this.levels = Object.freeze(JSON.parse(guard(() => raw.levels())));
      this.sloNames = Object.freeze(JSON.parse(guard(() => raw.sloNames())));
      this.warnings = Object.freeze(JSON.parse(guard(() => raw.warnings())));
      Object.freeze(this);
    });
  }

  /**
   * Evaluates at `atMs` (epoch milliseconds) on `series`; returns the
   * report, the same as `slogate eval --format json` prints. `options`
   * `{burndown: false}` / `{timeline: false}` leave those histories out
   * (empty): every other number is the same, and an overview of many
   * `groupBy` instances is then far smaller and faster. `{burnRates: true}`
   * adds every reported window's burn rate at each burn-down point
   * (`burndown.burnRates`), for charts. `{memo}`, a `Memo`: the evaluation
   * is kept there, and every SLO unchanged since the memo's last
   * evaluation (same SLO, levels and rules, and the same instant, options
   * and data) is taken from it — the same report, sooner (see memo.js).
   */
  evaluate(atMs, series, options) {
    return surface(() => {
      const memo = memoOption(options);
      const mode = historyBits(options, true);
      instantArgument('evaluate(atMs, series)', atMs);
      const packed = this.#pack(series);
      if (memo === undefined) {
        const [json, burndowns] = this.#evaluate(atMs, packed, SPLIT | mode, null);
        return withBurndowns(JSON.parse(json), burndowns, 0);
      }
      const previous = memo[PREVIOUS](atMs, mode, packed);
      const [json, numbers, after] = this.#evaluate(atMs, packed, SPLIT | mode, previous);
      // With `after`, the numbers start with which SLOs were reused.
      const reused = after ? numbers.subarray(1, 1 + numbers[0]) : null;
      const report = withBurndowns(JSON.parse(json), numbers, after ? 1 + numbers[0] : 0);
      return memo[KEEP](this, atMs, mode, packed, previous !== null, report, reused);
    });
  }

  /** Like `evaluate`, but the report's compact JSON text, byte for byte the CLI's. */
  evaluateJson(atMs, series, options) {
    return surface(() => {
      const mode = historyBits(options, false);
      instantArgument('evaluate(atMs, series)', atMs);
      return this.#evaluate(atMs, this.#pack(series), mode, null);
    });
  }

  /**
   * The data an evaluation at `atMs` reads: every series the policy names,
   * with its query, kind, policy path, `groupBy` labels, the range
   * `[start, end]` (epoch ms) to fetch and the coarsest step (`stepMs`).
   * Data trimmed to that range gives the same report as any longer history.
   */
  plan(atMs) {
    return surface(() => {
      instantArgument('plan(atMs)', atMs);
      return JSON.parse(this.#call((raw) => raw.plan(atMs)));
    });
  }

  /**
   * Evaluates `packed` data (columns.js `pack`): the report's JSON, or
   * with `SPLIT` in `mode` `[json, burndowns, after]` (see
   * `withBurndowns`); `after`: evaluated as an edit of `previous`, an
   * Engine whose last evaluation a memo kept, when that engine is still
   * usable (not freed, not of a replaced instance).
   */
  #evaluate(atMs, { meta, strings, columns }, mode, previous) {
    try {
      return this.#call((raw) => {
        // Not `previous?.#usableRaw()`: transpilers (swc in Grafana's
        // webpack build) mis-compile an optional call of a private method.
        const before = previous === null ? null : previous.#usableRaw();
        const flags = mode | (before ? AFTER : 0);
        const out = raw.evaluateColumns(atMs, meta, strings, columns, flags, before ?? raw);
        return flags & SPLIT ? [out[0], out[1], before !== null] : out;
      });
    } catch (e) {
      throw this.#located(e);
    }
  }

  #pack(series) {
    try {
      return pack(series);
    } catch (e) {
      throw this.#located(e);
    }
  }

  /** The raw engine when it is of the current instance, else null. */
  #usableRaw() {
    return this.#raw !== null && this.#generation === currentGeneration() ? this.#raw : null;
  }

  /**
   * `e` with the policy path of its series when it is about a bad series
   * the engine refused before knowing which SLO reads it: the path the data
   * plan gives (where the policy first names the series).
   */
  #located(e) {
    if (e instanceof SlogateError && e.kind === 'bad-series' && e.series !== null && e.path === null) {
      // Any instant gives the same paths.
      const planned = this.plan(0).series.find((s) => s.name === e.series);
      if (planned) e.path = planned.path;
    }
    return e;
  }

  /** Releases the engine's WebAssembly memory; the engine is unusable afterwards. */
  free() {
    surface(() => {
      const raw = this.#raw;
      this.#raw = null;
      // An engine of a replaced instance has nothing left to free.
      if (raw && this.#generation === currentGeneration()) guard(() => raw.free());
    });
  }

  [Symbol.dispose]() {
    this.free();
  }

  #call(fn) {
    if (this.#raw === null) throw new SlogateError('this engine was freed', { kind: 'freed' });
    if (this.#generation !== currentGeneration()) {
      // The instance was replaced after a trap: rebuild from the policy text.
      this.#raw = build(this.#text);
      this.#generation = currentGeneration();
    }
    const raw = this.#raw;
    return guard(() => fn(raw));
  }
}

/**
 * Puts each SLO instance's burn-down back into the report: `burndowns` holds
 * them in order as `n, t₁…tₙ, r₁…rₙ`, a null ratio as NaN (see
 * `evaluateColumns` with `split` in src/wasm/mod.rs). The result equals
 * `JSON.parse(evaluateJson(…))`: -0 becomes 0 as it would through JSON.
 */
function withBurndowns(report, burndowns, from) {
  const numbers = (at, n) => Array.from(burndowns.subarray(at, at + n), (r) => (Number.isNaN(r) ? null : r + 0));
  let k = from;
  for (const slo of report.slos) {
    const n = burndowns[k++];
    slo.burndown.t = Array.from(burndowns.subarray(k, k + n));
    k += n;
    slo.burndown.remainingRatio = numbers(k, n);
    k += n;
    // The burn rates over time, in the order of the report's burnRates.
    const windows = burndowns[k++];
    const rates = {};
    for (const window of Object.keys(slo.burnRates).slice(0, windows)) {
      rates[window] = numbers(k, n);
      k += n;
    }
    slo.burndown.burnRates = rates;
  }
  return report;
}

/** Bits of `evaluateColumns`' `mode` (src/wasm/mod.rs). */
const SPLIT = 1;
const NO_BURNDOWN = 2;
const NO_TIMELINE = 4;
const BURN_RATES = 8;
const AFTER = 16;

/**
 * The `mode` bits of evaluate's `options`: `{burndown, timeline}`, each
 * true unless given as false, and `{burnRates}`, false unless given as true.
 */
function historyBits(options, memoAllowed) {
  if (options === undefined) return 0;
  if (options === null || typeof options !== 'object') {
    throw new SlogateError('evaluate(atMs, series, options): options must be an object like {burndown: false, timeline: false}', { kind: 'bad-argument' });
  }
  for (const key of Object.keys(options)) {
    if (key === 'memo' && memoAllowed) continue;
    if (key === 'memo') {
      throw new SlogateError('evaluateJson(atMs, series, options): memo is an option of evaluate() only', { kind: 'bad-argument' });
    }
    if (key !== 'burndown' && key !== 'timeline' && key !== 'burnRates') {
      throw new SlogateError(`evaluate(atMs, series, options): unknown option ${JSON.stringify(key)} (the options are burndown, timeline, burnRates and memo)`, { kind: 'bad-argument' });
    }
    if (typeof options[key] !== 'boolean') {
      throw new SlogateError(`evaluate(atMs, series, options): ${key} must be true or false`, { kind: 'bad-argument' });
    }
  }
  if (options.burnRates === true && options.burndown === false) {
    throw new SlogateError('evaluate(atMs, series, options): burnRates are given at the burn-down\'s points: they need the burn-down (leave out burndown: false)', { kind: 'bad-argument' });
  }
  return (
    (options.burndown === false ? NO_BURNDOWN : 0) |
    (options.timeline === false ? NO_TIMELINE : 0) |
    (options.burnRates === true ? BURN_RATES : 0)
  );
}

/** `options.memo`: undefined, or a Memo. */
function memoOption(options) {
  const memo = options?.memo;
  if (memo === undefined || memo instanceof Memo) return memo;
  throw new SlogateError('evaluate(atMs, series, options): memo must be a Memo (new Memo())', { kind: 'bad-argument' });
}

/**
 * The raw engine of `text`; an unusable policy throws a `bad-policy`
 * SlogateError that carries the diagnostics of this one parse.
 */
function build(text) {
  return guard(() => new glue.RawEngine(text));
}

/** Throws a `bad-instant` SlogateError when `atMs` is not a number. */
function instantArgument(call, atMs) {
  if (typeof atMs !== 'number') {
    throw new SlogateError(`${call}: atMs must be a number (epoch milliseconds)`, { kind: 'bad-instant' });
  }
}

/**
 * Every diagnostic of a policy text — errors and warnings, each with line,
 * column, severity, message and field path — for editors. Never throws for
 * bad text.
 */
export function validate(text) {
  return surface(() => {
    requireLoaded();
    if (typeof text !== 'string') throw new SlogateError('validate(text): text must be a string', { kind: 'bad-argument' });
    return JSON.parse(guard(() => glue.validate(text)));
  });
}

/** Test hook: traps the instance on purpose to exercise the recovery path. */
export function __trapForTests() {
  surface(() => {
    requireLoaded();
    guard(() => glue.__trapForTests());
  });
}
