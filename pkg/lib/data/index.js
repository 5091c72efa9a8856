// @slogate/engine/data: data files and responses as the CLI reads them —
// CSV `time,value` and Prometheus `query_range` JSON — into the engine's
// series (`SeriesInput`), with the CLI's errors word for word at the same
// line and column. The rules are docs/data.md's; the Rust readers
// (src/data/) follow the same document, and pkg/test/data-parity.test.mjs
// keeps the two equal. Pure JavaScript: the WebAssembly module need not be
// loaded.

import { readCsv } from './csv.js';
import { DataError } from './error.js';
import { readQueryRange } from './query-range.js';
import { isRustWhitespace } from './numbers.js';
import { checkedInputBytes, checkedString, isBytes } from './text.js';

export { DataError };

/** The CLI's default --max-samples: a file or response of more is refused. */
export const DEFAULT_MAX_SAMPLES = 50_000_000;

/** How the sample limit's message ends here (the CLI names its flag). */
const RAISE = ': raise it with the maxSamples option';

/**
 * One series `name` from CSV `time,value` text (a string, or bytes: a
 * Uint8Array or ArrayBuffer, checked as UTF-8 as the CLI checks a file).
 */
export function parseCsv(input, name, options) {
  const { source, maxSamples } = settings('parseCsv(text, name, options)', name, options);
  const { text, problem } = checkedString(input, 'parseCsv(text, name, options)');
  return readCsv(text, problem, { source, name, maxSamples, raise: RAISE });
}

/**
 * One series per result of a Prometheus `query_range` response, each named
 * `name`, labels from `metric`: the response's text (string or bytes) or the
 * object `JSON.parse` made of it.
 */
export function parseQueryRange(input, name, options) {
  const call = 'parseQueryRange(response, name, options)';
  const { source, maxSamples } = settings(call, name, options);
  const { bytes, start, end, problem } = checkedInputBytes(asText(input, call), call);
  return readQueryRange(bytes, start, end, problem, { source, name, maxSamples, raise: RAISE });
}

/**
 * A data file, told apart by its content as the CLI tells `--data` files
 * apart: JSON when its first character other than whitespace is `{`, else
 * CSV. Always a list of series (CSV gives one).
 */
export function parseData(input, name, options) {
  const call = 'parseData(text, name, options)';
  const { source, maxSamples } = settings(call, name, options);
  if (typeof input === 'string') {
    const { text, problem } = checkedString(input, call);
    if (!sniff(text).json) return [readCsv(text, problem, { source, name, maxSamples, raise: RAISE })];
    input = new TextEncoder().encode(input);
  } else if (!isBytes(input)) {
    throw new DataError(`${call}: the data must be a string, a Uint8Array or an ArrayBuffer`, { kind: 'bad-argument' });
  }
  const { bytes, start, end, problem } = checkedInputBytes(input, call);
  const { json, lines, offset } = sniffBytes(bytes, start, end);
  if (json) return readQueryRange(bytes, offset, end, problem, { source, name, linesBefore: lines, maxSamples, raise: RAISE });
  const text = new TextDecoder().decode(bytes.subarray(start, end));
  return [readCsv(text, problem, { source, name, maxSamples, raise: RAISE })];
}

/** Whether the first character that is not whitespace is `{`. */
function sniff(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isRustWhitespace(c)) return { json: c === 0x7b };
  }
  return { json: false };
}

/**
 * `sniff` on bytes, and where the JSON reader starts: after the blank lines
 * before it (`lines` of them), as the CLI consumes them before its JSON
 * reader sees the text.
 */
function sniffBytes(bytes, start, end) {
  let lines = 0;
  let offset = start;
  for (let i = start; i < end; ) {
    const c = bytes[i];
    if (c === 0x0a) {
      lines++;
      offset = i + 1;
      i++;
      continue;
    }
    const [code, size] = c < 0x80 ? [c, 1] : decodeOne(bytes, i);
    if (!isRustWhitespace(code)) return { json: c === 0x7b, lines, offset };
    i += size;
  }
  return { json: false, lines, offset };
}

/** The code point of the (checked) UTF-8 character at `i`, and its size. */
function decodeOne(bytes, i) {
  const c = bytes[i];
  if (c < 0xe0) return [((c & 0x1f) << 6) | (bytes[i + 1] & 0x3f), 2];
  if (c < 0xf0) return [((c & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f), 3];
  return [0x10000, 4]; // astral: never whitespace
}

/** A response given as an object: its JSON text. */
function asText(input, call) {
  if (typeof input === 'string' || isBytes(input)) return input;
  if (input === null || typeof input !== 'object') {
    throw new DataError(`${call}: the response must be its JSON text (a string or bytes) or the object JSON.parse made of it`, { kind: 'bad-argument' });
  }
  try {
    return JSON.stringify(input);
  } catch (e) {
    throw new DataError(`${call}: the response object cannot be written as JSON: ${e.message}`, { kind: 'bad-argument', cause: e });
  }
}

/** The checked name and options: `{source, maxSamples}`. */
function settings(call, name, options = {}) {
  if (typeof name !== 'string') throw new DataError(`${call}: name must be a string (the name the policy uses)`, { kind: 'bad-argument' });
  if (options === null || typeof options !== 'object') throw new DataError(`${call}: options must be an object like {source: 'good.csv'}`, { kind: 'bad-argument' });
  const { source = '(data)', maxSamples = DEFAULT_MAX_SAMPLES } = options;
  if (typeof source !== 'string') throw new DataError(`${call}: source must be a string (a file name or URL for messages)`, { kind: 'bad-argument' });
  if (!Number.isSafeInteger(maxSamples) || maxSamples < 0) {
    throw new DataError(`${call}: maxSamples must be a whole number ≥ 0`, { kind: 'bad-argument' });
  }
  return { source, maxSamples };
}

