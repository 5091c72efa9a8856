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

/** What a series' samples mean (SPEC §1); absent = the policy's kind. */
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
 * Every error slogate throws. `message` is the CLI's (for policy errors one
 * line per diagnostic, `<policy>:LINE:COL: error: PATH: message`).
 */
export class SlogateError extends Error {
  name: 'SlogateError';
  /** Every diagnostic of the policy text when the policy is unusable, else empty. */
  readonly diagnostics: Diagnostic[];
}

/** At most this many samples (times and values together) per evaluation. */
export const MAX_SAMPLES: number;

/** At most this many characters of series names, kinds and labels (names and values) per evaluation. */
export const MAX_TEXT_CHARS: number;

/** An engine built once from policy text (YAML or JSON), evaluated many times. */
export class Engine {
  /** Throws a SlogateError with `diagnostics` when the policy is unusable. */
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
  evaluate(atMs: number, series: readonly SeriesInput[]): Report;
  /** The report as compact JSON text, byte for byte `JSON.stringify` of the CLI's. */
  evaluateJson(atMs: number, series: readonly SeriesInput[]): string;
  /** Releases the engine's WebAssembly memory; later calls throw. */
  free(): void;
  [Symbol.dispose](): void;
}

/** Every diagnostic (errors and warnings) of a policy text. Never throws for bad text. */
export function validate(text: string): Diagnostic[];
