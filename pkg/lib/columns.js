// Packs `[{name, times, values, labels?, kind?, stepMs?}]` into the flat
// arguments the Rust side decodes (src/wasm/columns.rs, `evaluateColumns`):
// one Float64Array of per-series header numbers, one small array of strings,
// and the columns as given (`[times₀, values₀, times₁, …]`, Float64Arrays,
// not concatenated). Each column crosses into WebAssembly as one bulk copy,
// never as one JS call per sample.
//
// Only the shape is checked here (what the Rust side cannot see: types,
// sizes); the values (finite, whole milliseconds, in range, known kind, …)
// are checked in Rust, so the messages are the engine's.

import { SlogateError } from './errors.js';

/** Numbers of header per series: [timesLen, valuesLen, stepMs | NaN, labelCount]. */
const STRIDE = 4;

/**
 * At most this many samples (times + values) per evaluation: 2 × 2^24, i.e.
 * 256 MiB of columns. Beyond it an evaluation would exhaust WebAssembly's
 * 4 GiB of memory in the engine's working copies rather than fail cleanly.
 */
export const MAX_SAMPLES = 2 ** 25;

/**
 * At most this many characters of text per evaluation: series names, kinds,
 * label names and values, all together (64 Mi, ~100× a 100,000-label
 * series). Each string is copied into WebAssembly memory as UTF-8; far
 * beyond this, the copies would exhaust its 4 GiB rather than fail cleanly.
 */
export const MAX_TEXT_CHARS = 2 ** 26;

export function pack(series) {
  if (!Array.isArray(series)) {
    throw new SlogateError('evaluate(atMs, series): series must be an array of {name, times, values}', { kind: 'bad-argument' });
  }
  const meta = new Float64Array(series.length * STRIDE);
  const strings = [];
  const columns = [];
  let total = 0;
  let chars = 0;
  /** Appends one string, counted against MAX_TEXT_CHARS. */
  const pushString = (x) => {
    chars += x.length;
    if (chars > MAX_TEXT_CHARS) {
      throw new SlogateError(
        `too much text: at most ${MAX_TEXT_CHARS} characters of series names, kinds and labels in all per evaluation`,
        { kind: 'too-much-data' },
      );
    }
    strings.push(x);
  };
  series.forEach((s, i) => {
    if (s === null || typeof s !== 'object') throw new SlogateError(`series #${i} is not an object`, { kind: 'bad-series' });
    const { name } = s;
    if (typeof name !== 'string') throw new SlogateError(`series #${i}: name must be a string`, { kind: 'bad-series' });
    const t = column(s.times, name, 'times');
    const v = column(s.values, name, 'values');
    total += t.length + v.length;
    if (total > MAX_SAMPLES) throw tooManySamples();
    const kind = s.kind ?? '';
    if (typeof kind !== 'string') throw badSeries(name, 'kind must be a string');
    const step = s.stepMs ?? NaN;
    if (typeof step !== 'number') throw badSeries(name, 'stepMs must be a number');
    pushString(name);
    pushString(kind);
    const labelCount = pushLabels(s.labels, name, pushString);
    meta.set([t.length, v.length, step, labelCount], i * STRIDE);
    columns.push(t, v);
  });
  return { meta, strings, columns };
}

/** A column as a Float64Array: as given when it is one (no copy), else converted. */
function column(x, name, what) {
  if (x instanceof Float64Array) return x;
  if (Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView))) {
    if (x.length > MAX_SAMPLES) throw tooManySamples();
    return Float64Array.from(x, Number);
  }
  throw badSeries(name, `${what} must be a Float64Array (or an array of numbers)`);
}

/**
 * Hands each label's name and value to `pushString` and returns how many
 * labels there are. One string at a time: spreading a user-sized array into
 * arguments (`push(...pairs)`) overflows the stack at ~100,000 labels.
 */
function pushLabels(labels, name, pushString) {
  if (labels === undefined || labels === null) return 0;
  if (typeof labels !== 'object' || Array.isArray(labels)) {
    throw badSeries(name, 'labels must be an object of strings');
  }
  let count = 0;
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value !== 'string') {
      throw badSeries(name, `label "${key}" must be a string`);
    }
    pushString(key);
    pushString(value);
    count += 1;
  }
  return count;
}

/** A `bad-series` error about the series named `name`. */
function badSeries(name, what) {
  return new SlogateError(`series "${name}": ${what}`, { kind: 'bad-series', series: name });
}

function tooManySamples() {
  return new SlogateError(`too many samples: at most ${MAX_SAMPLES} times and values in all per evaluation`, {
    kind: 'too-much-data',
  });
}
