// @slogate/engine/data: data files and responses as the CLI reads them.
// The rules: docs/data.md (the Rust readers of src/data/ follow the same
// document; pkg/test/data-parity.test.mjs keeps the two equal).

import { SlogateError, type SeriesInput } from './index.js';

/** Text to read: a string, or bytes checked as UTF-8 as the CLI checks a file (an upload, a response body). */
export type DataText = string | Uint8Array | ArrayBuffer;

export interface ParseOptions {
  /** Names the text in messages (a file name or URL); default `(data)`. */
  source?: string;
  /** Refuse more samples than this (series and labels count by their memory); default `DEFAULT_MAX_SAMPLES`. */
  maxSamples?: number;
}

/** What a series read from data carries: always `labels` (empty for CSV), never `kind` or `stepMs`. */
export interface ParsedSeries extends SeriesInput {
  times: Float64Array;
  values: Float64Array;
  labels: Record<string, string>;
}

/** The CLI's default `--max-samples`, 50,000,000. */
export const DEFAULT_MAX_SAMPLES: number;

/**
 * One series `name` from CSV `time,value`: an optional header line, times in
 * RFC 3339 or epoch seconds, values as numbers, `NaN`, `Inf`, or missing
 * (empty or `null`). Throws a DataError for text the CLI refuses.
 */
export function parseCsv(text: DataText, name: string, options?: ParseOptions): ParsedSeries;

/**
 * One series per result of a Prometheus `query_range` response (`matrix`
 * only), each named `name`, labels from `metric`: the response's text, or
 * the object `JSON.parse` made of it. Throws a DataError for a response the
 * CLI refuses (including Prometheus' own `status: "error"`).
 */
export function parseQueryRange(response: DataText | object, name: string, options?: ParseOptions): ParsedSeries[];

/** A data file told apart by content as `slogate eval --data` does: JSON if it starts with `{`, else CSV. */
export function parseData(text: DataText, name: string, options?: ParseOptions): ParsedSeries[];

/**
 * Data the CLI would refuse, with its message word for word
 * (`good.csv:17:5: "abc" is not a number`) and the place. `kind` is
 * `bad-data` (or `bad-argument` for a call with arguments of the wrong type).
 */
export class DataError extends SlogateError {
  name: 'DataError';
  /** The `source` option: the file or URL, as messages name it; null for a bad argument. */
  readonly source: string | null;
  /** 1-based line of the place; null for a place in the JSON structure (`jsonPath`) or the size limit. */
  readonly line: number | null;
  /**
   * 1-based column of the place: in characters, but for a JSON syntax error
   * in bytes of UTF-8 (as the CLI counts it); null with `line`.
   */
  readonly column: number | null;
  /** The place in a response's structure, e.g. `data.result[2].values[5][1]`; else null. */
  readonly jsonPath: string | null;
}
