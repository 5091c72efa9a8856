// DataError: a data file or response slogate cannot read, with the place.

import { SlogateError } from '../slogate-error.js';

/**
 * A SlogateError of kind `bad-data` (or `bad-argument` for an argument of
 * the wrong type): its message is the CLI's for the same file, word for word
 * (`good.csv:17:5: "abc" is not a number`), and its fields say where:
 * `source` (the file or URL as given), `line` and `column` (1-based; null
 * for a place in the JSON structure, which `jsonPath` names instead:
 * `data.result[2].values[5][1]`), `series` (the name the data was read as).
 */
export class DataError extends SlogateError {
  constructor(message, options = {}) {
    super(message, { kind: 'bad-data', ...options });
    this.name = 'DataError';
    this.source = options.source ?? null;
    this.line = options.line ?? null;
    this.column = options.column ?? null;
    this.jsonPath = options.jsonPath ?? null;
  }
}
