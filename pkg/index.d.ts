// @slogate/engine: the slogate error-budget policy engine in WebAssembly.

import type { Report } from './report.js';
export type * from './report.js';

/** What `init` accepts: where the .wasm is, its bytes, or the compiled module. */
export type InitInput =
  | string
  | URL
  | Request
  | Response
  | BufferSource
  | WebAssembly.Module;

/**
 * Loads the WebAssembly module; call (and await) once before anything else.
 * Without an argument it fetches `dist/slogate_engine_bg.wasm` next to this
 * module. Streaming compilation is used when possible, compiling the bytes
 * when not (wrong MIME type, a wrapped `fetch`). Later calls return the first
 * call's promise.
 */
export default function init(input?: InitInput | Promise<InitInput>): Promise<void>;
export { init };

/** Loads synchronously from bytes or a compiled module (Node, workers). */
export function initSync(input: BufferSource | WebAssembly.Module): void;

/** What a series' samples mean (docs/policy.md, "Series references"); absent = the policy's kind. */
export type SeriesKind = 'rate' | 'increase' | 'counter' | 'gauge';

/** One series handed to an evaluation: a name the policy refers to and two columns. */
export interface SeriesInput {
  /** The name the policy refers to (`good`, `total`, a Grafana refId, …). */
  name: string;
  /**
   * Epoch milliseconds: finite whole numbers within ±8.64e15, any order
   * (the engine sorts; duplicates keep the last). A Float64Array is passed
   * without a copy in JS; arrays of numbers are converted.
   */
  times: Float64Array | ArrayLike<number>;
  /** Same length as `times`; NaN and ±Infinity are missing samples. */
  values: Float64Array | ArrayLike<number>;
  /** Labels, used by the policy's `groupBy`. */
  labels?: Record<string, string>;
  /** Overrides the kind the policy gives this series. */
  kind?: SeriesKind;
  /** The series' resolution in ms (a query's step); inferred from the samples when absent. */
  stepMs?: number;
}

/** A finding about a policy document, for editors. */
export interface Diagnostic {
  /** 1-based; `null` for findings about the whole document. */
  line: number | null;
  /** 1-based, in characters; `null` with `line`. */
  column: number | null;
  severity: 'error' | 'warning';
  message: string;
  /** The field, e.g. `spec.slos[0].objective`; may be empty. */
  path: string;
}

/**
 * What a SlogateError is about:
 * - `bad-policy`: `new Engine(text)` with an unusable policy; `diagnostics`
 *   lists every finding of that parse.
 * - `missing-series`: the policy names a series the data lacks; `series`,
 *   `path` (where the policy names it) and `available` (the names the data
 *   has).
 * - `bad-series`: a series the engine cannot read (columns of different
 *   lengths or types, a time that is not a finite whole number in range, an
 *   unknown kind, a bad step, a gauge where events are counted); `series`,
 *   `path` when the policy names it, `index` when one sample is at fault.
 * - `bad-data`: a data file or response that `@slogate/engine/data` reads
 *   and the CLI would refuse (a `DataError`: `source`, `line`, `column`,
 *   `jsonPath`, and `series` the name it was read as).
 * - `bad-instant`: `atMs` is not a finite whole number within ±8.64e15.
 * - `too-much-data`: more samples, text or report than one evaluation
 *   takes (`MAX_SAMPLES`, `MAX_TEXT_CHARS`, 100,000 SLO instances, a JSON
 *   text longer than a JavaScript string).
 * - `bad-argument`: an argument of the wrong type (policy text, init input,
 *   the series list).
 * - `not-loaded`: called before `init`/`initSync` finished.
 * - `freed`: the engine was freed.
 * - `cannot-load`: `init`/`initSync` failed (no WebAssembly SIMD, HTTP
 *   error, bytes that are not the module).
 * - `internal`: the WebAssembly instance trapped (it was restarted; please
 *   report the input).
 * - `unexpected`: anything else thrown inside the package, e.g. a getter of
 *   the caller's objects; the original is the `cause`.
 */
export type SlogateErrorKind =
  | 'bad-policy'
  | 'missing-series'
  | 'bad-series'
  | 'bad-data'
  | 'bad-instant'
  | 'too-much-data'
  | 'bad-argument'
  | 'not-loaded'
  | 'freed'
  | 'cannot-load'
  | 'internal'
  | 'unexpected';

/**
 * Every error slogate throws. `message` is the CLI's (for policy errors one
 * line per diagnostic, `<policy>:LINE:COL: error: PATH: message`); the other
 * fields say it for a host that points at the place ("query B returned no
 * series for `total`").
 */
export class SlogateError extends Error {
  /** `DataError` for the data readers' subclass (`@slogate/engine/data`). */
  name: 'SlogateError' | 'DataError';
  readonly kind: SlogateErrorKind;
  /** The series concerned, by the name the policy refers to it by; else `null`. */
  readonly series: string | null;
  /** Where the policy names that series, e.g. `spec.slos[0].sli.ratio.total`; else `null`. */
  readonly path: string | null;
  /** The sample at fault, as an index into the series' columns as given; else `null`. */
  readonly index: number | null;
  /** For `missing-series`: the names the data has, sorted, each once; else empty. */
  readonly available: string[];
  /** For `bad-policy`: every diagnostic of the policy text; else empty. */
  readonly diagnostics: Diagnostic[];
}

/** What an evaluation at `at` reads (`Engine.plan`). */
export interface DataPlan {
  /** The evaluation instant, epoch milliseconds. */
  at: number;
  /** Every series the policy names, in the order it first names them, each once. */
  series: PlannedSeries[];
}

/** One series of a DataPlan: what to fetch, over which range, at what step. */
export interface PlannedSeries {
  /** The name to supply the data under (`SeriesInput.name`). */
  name: string;
  /** The PromQL the policy gives, if any. */
  query: string | null;
  kind: SeriesKind;
  /** Where the policy first names it, e.g. `spec.slos[0].sli.ratio.good`. */
  path: string;
  /** The labels `groupBy` splits it by; the data must carry them. */
  labels: string[];
  /**
   * Epoch milliseconds: samples at `start ..= end` give the same report as
   * any longer history (the burn-down and level timeline included).
   */
  start: number;
  /** Epoch milliseconds: the evaluation instant; later samples are not read. */
  end: number;
  /**
   * The coarsest resolution in ms that keeps every reported window
   * meaningful: fetch at this step or finer (`SeriesInput.stepMs`).
   */
  stepMs: number;
}

/** At most this many samples (times and values together) per evaluation. */
export const MAX_SAMPLES: number;

/** At most this many characters of series names, kinds and labels (names and values) per evaluation. */
export const MAX_TEXT_CHARS: number;

/**
 * Which histories a report carries; both by default. Left out, a history is
 * empty (`burndown: {t: [], remainingRatio: [], burnRates: {}}`, `timeline: []`) and every
 * other number of the report is unchanged: an overview of thousands of
 * `groupBy` instances needs neither, and they are most of its size and time.
 */
export interface EvaluateOptions {
  /** The remaining ratio at up to 500 points of the window. */
  burndown?: boolean;
  /** The level and firing alerts at the same points, as segments. */
  timeline?: boolean;
  /**
   * Every reported window's burn rate at the burn-down's points
   * (`burndown.burnRates`), for charts of burn rate against the alert
   * thresholds; false by default (the CLI's report leaves them out). Needs
   * the burn-down.
   */
  burnRates?: boolean;
  /**
   * Keep this evaluation in `memo`, and take from it every SLO unchanged
   * since its last evaluation: the same SLO (as decoded, defaults applied),
   * levels and rules, and the same instant, options and data (bit for bit).
   * The report is the one a fresh evaluation gives; an editor that builds
   * one Engine per version of the text and evaluates each with one Memo
   * computes only the SLOs an edit changed. `evaluate` only.
   */
  memo?: Memo;
}

/**
 * One evaluation kept for the next (`evaluate(…, {memo})`). It holds no
 * WebAssembly memory: a copy of the data and the last report's SLOs, and
 * the engine of that evaluation (freeing that engine only makes the next
 * evaluation compute every SLO). Reports evaluated through a memo share
 * the objects of their unchanged SLOs with the earlier reports: treat
 * reports as read-only.
 */
export class Memo {
  constructor();
  /** How many SLOs the last evaluation took from the memo (0: it computed all). */
  readonly reused: number;
}

/** An engine built once from policy text (YAML or JSON), evaluated many times. */
export class Engine {
  /** Throws a `bad-policy` SlogateError with `diagnostics` when the policy is unusable. */
  constructor(policyText: string);
  /** `metadata.name`. */
  readonly name: string;
  /** The policy's levels, least severe first. */
  readonly levels: readonly string[];
  /** The SLO names, in document order. */
  readonly sloNames: readonly string[];
  /** Warnings found in the policy (it is usable). */
  readonly warnings: readonly Diagnostic[];
  /**
   * Evaluates the policy at `atMs` (epoch milliseconds) on `series`.
   * Same policy and data as `slogate eval` ⇒ the same report.
   * Throws a SlogateError for bad input; the engine keeps working.
   */
  evaluate(atMs: number, series: readonly SeriesInput[], options?: EvaluateOptions): Report;
  /** The report as compact JSON text, byte for byte `JSON.stringify` of the CLI's. */
  evaluateJson(atMs: number, series: readonly SeriesInput[], options?: EvaluateOptions): string;
  /**
   * The data an evaluation at `atMs` reads: per series the range and the
   * coarsest step to fetch. Data trimmed to it gives the same report.
   */
  plan(atMs: number): DataPlan;
  /** Releases the engine's WebAssembly memory; later calls throw. */
  free(): void;
  [Symbol.dispose](): void;
}

/** Every diagnostic (errors and warnings) of a policy text. Never throws for bad text. */
export function validate(text: string): Diagnostic[];
