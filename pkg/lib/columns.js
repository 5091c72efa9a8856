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

export function pack(series) {
  if (!Array.isArray(series)) {
    throw new SlogateError('evaluate(atMs, series): series must be an array of {name, times, values}');
  }
  const meta = new Float64Array(series.length * STRIDE);
  const strings = [];
  const columns = [];
  let total = 0;
  series.forEach((s, i) => {
    if (s === null || typeof s !== 'object') throw new SlogateError(`series #${i} is not an object`);
    const { name } = s;
    if (typeof name !== 'string') throw new SlogateError(`series #${i}: name must be a string`);
    const t = column(s.times, name, 'times');
    const v = column(s.values, name, 'values');
    total += t.length + v.length;
    if (total > MAX_SAMPLES) {
      throw new SlogateError(`too many samples: at most ${MAX_SAMPLES} times and values in all per evaluation`);
    }
    const kind = s.kind ?? '';
    if (typeof kind !== 'string') throw new SlogateError(`series "${name}": kind must be a string`);
    const step = s.stepMs ?? NaN;
    if (typeof step !== 'number') throw new SlogateError(`series "${name}": stepMs must be a number`);
    const labels = labelPairs(s.labels, name);
    meta.set([t.length, v.length, step, labels.length / 2], i * STRIDE);
    strings.push(name, kind, ...labels);
    columns.push(t, v);
  });
  return { meta, strings, columns };
}

/** A column as a Float64Array: as given when it is one (no copy), else converted. */
function column(x, name, what) {
  if (x instanceof Float64Array) return x;
  if (Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView))) {
    if (x.length > MAX_SAMPLES) {
      throw new SlogateError(`too many samples: at most ${MAX_SAMPLES} times and values in all per evaluation`);
    }
    return Float64Array.from(x, Number);
  }
  throw new SlogateError(`series "${name}": ${what} must be a Float64Array (or an array of numbers)`);
}

function labelPairs(labels, name) {
  if (labels === undefined || labels === null) return [];
  if (typeof labels !== 'object' || Array.isArray(labels)) {
    throw new SlogateError(`series "${name}": labels must be an object of strings`);
  }
  const pairs = [];
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value !== 'string') {
      throw new SlogateError(`series "${name}": label "${key}" must be a string`);
    }
    pairs.push(key, value);
  }
  return pairs;
}
