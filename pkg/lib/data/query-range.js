// Prometheus `query_range` responses, read straight into columns: the rules
// of src/data/prometheus_json.rs and its response.rs (docs/data.md), part for
// part. Each part of the response is a shape (see json-reader.js) whose
// result carries the part's first error (a JSON path and a message) as a
// value, so that the reading goes on to the end and a later syntax error
// still wins, as in the CLI; only the sample limit stops it early.

import { Columns, tooManySamples } from './columns.js';
import { DataError } from './error.js';
import { BOOL, JsonReader, JsonSyntaxError, NONE, NULL, NUMBER, SKIP, STRING, TextProblemError, decode } from './json-reader.js';
import { decimalFromBytes, parseRustFloat, rustTrim, secondsToInstant, utf8Length } from './numbers.js';

/** A series with its name takes about 150 bytes: 10 samples' worth. */
const SERIES_COST = 10;

/** A label: two strings and their allocations, then its text (UTF-8 bytes). */
function labelCost(key, value) {
  return 7 + Math.floor((utf8Length(key) + (value === null ? 0 : utf8Length(value))) / 16);
}

const NOT_A_SAMPLE = Object.freeze({ part: '', message: 'expected [time, "value"]' });

/** Thrown (and caught below) where the sample budget runs out; `overAt` says where. */
const OVER = new Error('over the sample limit');

/** A string, or null for any other value. */
const TEXT = Object.freeze({
  other: () => null,
  scalar: (type, value) => (type === STRING ? value : null),
});

/**
 * Reads `bytes[start, end)` (checked: text.js; `problem` is what lies at
 * `end`), the response's first line being line `linesBefore + 1` of its
 * source, into one series per result, each named `name`.
 */
export function readQueryRange(bytes, start, end, problem, { source, name, linesBefore = 0, maxSamples, raise }) {
  const reader = new JsonReader(bytes, start, end, problem);
  let budget = maxSamples;
  let overAt = null;
  const spend = (cost, place) => {
    if (budget < cost) {
      overAt = place();
      throw OVER;
    }
    budget -= cost;
  };
  const shapes = responseShapes(reader, name, spend);
  let root;
  try {
    root = reader.value(shapes.root);
    reader.end();
  } catch (e) {
    if (overAt !== null) {
      return fail(`${source}: ${overAt}: ${tooManySamples(maxSamples)}${raise}`, { jsonPath: overAt });
    }
    if (e instanceof TextProblemError) throw e.problem.error(source, name);
    if (e instanceof JsonSyntaxError) {
      const line = e.line + linesBefore;
      return fail(`${source}:${line}:${e.column}: invalid JSON: ${e.message}`, { line, column: e.column });
    }
    throw e;
  }

  function fail(message, place) {
    throw new DataError(message, { source, series: name, ...place });
  }
  const at = (path, message) => fail(`${source}: ${path}: ${message}`, { jsonPath: path });

  if (root === null) at('(top level)', 'expected a Prometheus query_range response object');
  switch (root.status) {
    case 'success':
      break;
    case 'error':
      fail(`${source}: Prometheus error (${root.errorType ?? 'error'}): ${root.error ?? '(no message)'}`, {});
      break;
    case null:
      at('status', 'missing: is this a Prometheus query_range response?');
      break;
    default:
      at('status', `"${root.status}" is neither "success" nor "error"`);
  }
  const { data } = root;
  if (data === null) at('data', 'missing or not an object');
  if (data.resultType === null) at('data.resultType', 'missing');
  if (data.resultType !== 'matrix') {
    at('data.resultType', `is "${data.resultType}"; slogate needs a range query's "matrix" (use /api/v1/query_range)`);
  }
  if (data.result === null) at('data.result', 'missing or not an array');
  if (data.result.err) at(...data.result.err);
  return data.result.ok;
}

/** The shapes of one response's parts, sharing its reader, name and budget. */
function responseShapes(reader, name, spend) {
  const shown = (type, value) =>
    type === NULL ? 'null' : type === BOOL ? String(value) : type === NUMBER ? reader.shownNumber(value) : JSON.stringify(value);

  /** A sample's time: epoch seconds, a JSON number; a message when it is not one. */
  const time = {
    other: () => '? is not a time in epoch seconds',
    scalar(type, value) {
      if (type === NUMBER) {
        const ms = secondsToInstant(value);
        if (ms !== undefined) return ms;
      }
      return `${shown(type, value)} is not a time in epoch seconds`;
    },
    array(r, seq) {
      r.skipArray(seq);
      return '[…] is not a time in epoch seconds';
    },
    object(r, map) {
      r.skipObject(map);
      return '{…} is not a time in epoch seconds';
    },
  };

  /** A sample's value: a string as Prometheus writes it, a number, or null (missing). */
  const value = {
    other: () => '? is not a number',
    scalar(type, v) {
      if (type === NUMBER) return v;
      if (type === NULL) return NaN;
      if (type === BOOL) return `${v} is not a number`;
      const text = rustTrim(v);
      if (text === '' || (text.length === 4 && text.toLowerCase() === 'null')) return NaN;
      const x = parseRustFloat(text);
      return x === undefined ? `"${text}" is not a number` : x;
    },
    /** The common case, read from the bytes: a plain decimal between ASCII spaces. */
    rawString(b, start, end) {
      let s = start;
      let e = end;
      while (s < e && isAsciiSpace(b[s])) s++;
      while (e > s && isAsciiSpace(b[e - 1])) e--;
      const x = decimalFromBytes(b, s, e);
      if (x !== undefined) return x;
      let high = 0;
      for (let i = start; i < end; i++) high |= b[i];
      return this.scalar(STRING, decode(b, start, end, high));
    },
    array(r, seq) {
      r.skipArray(seq);
      return '[…] is not a number';
    },
    object(r, map) {
      r.skipObject(map);
      return '{…} is not a number';
    },
  };

  // The last sample read well (one at a time: no object per sample).
  let sampleTime = 0;
  let sampleValue = 0;
  const SAMPLE_OK = Symbol('sample');

  /** `[time, "value"]`: SAMPLE_OK, or `{part, message}` naming `""`, `"[0]"` or `"[1]"`. */
  const sample = {
    other: () => NOT_A_SAMPLE,
    array(r, seq) {
      const t = r.nextElement(seq, time);
      if (t === NONE) return NOT_A_SAMPLE;
      const v = r.nextElement(seq, value);
      if (v === NONE) return NOT_A_SAMPLE;
      if (r.nextElement(seq, SKIP) !== NONE) {
        r.skipArray(seq);
        return NOT_A_SAMPLE;
      }
      if (typeof t === 'string') return { part: '[0]', message: t };
      if (typeof v === 'string') return { part: '[1]', message: v };
      sampleTime = t;
      sampleValue = v;
      return SAMPLE_OK;
    },
  };

  /** `data.result[index].values`: `{ok: columns}` or the first bad sample. */
  const values = (index) => ({
    other: () => ({ err: [`data.result[${index}].values`, 'expected an array of [time, "value"]'] }),
    array(r, seq) {
      const columns = new Columns();
      const here = () => `data.result[${index}].values[${columns.length}]`;
      for (;;) {
        const s = r.nextElement(seq, sample);
        if (s === NONE) break;
        if (s !== SAMPLE_OK) {
          r.skipArray(seq);
          return { err: [`${here()}${s.part}`, s.message] };
        }
        spend(1, here);
        columns.push(sampleTime, sampleValue);
      }
      return { ok: columns.finish() };
    },
  });

  /** `data.result[index].metric`: `{ok: labels}` sorted by key, or the first bad label in that order. */
  const metric = (index) => ({
    other: () => ({ err: [`data.result[${index}].metric`, 'expected an object of labels'] }),
    object(r, map) {
      const labels = new Map();
      for (let key = r.nextKey(map); key !== NONE; key = r.nextKey(map)) {
        const v = r.nextValue(TEXT);
        spend(labelCost(key, v), () => `data.result[${index}].metric`);
        labels.set(key, v);
      }
      const keys = [...labels.keys()].sort(byCodePoint);
      const bad = keys.find((k) => labels.get(k) === null);
      if (bad !== undefined) return { err: [`data.result[${index}].metric.${bad}`, 'a label value must be a string'] };
      return { ok: Object.fromEntries(keys.map((k) => [k, labels.get(k)])) };
    },
  });

  /** `data.result[index]`: `{"metric": {…}, "values": [[t, "v"], …]}`. */
  const series = (index) => ({
    other: () => ({ err: [`data.result[${index}]`, 'expected an object with metric and values'] }),
    object(r, map) {
      spend(SERIES_COST, () => `data.result[${index}]`);
      let labels;
      let samples;
      let histograms = false;
      for (let key = r.nextKey(map); key !== NONE; key = r.nextKey(map)) {
        if (key === 'metric') labels = r.nextValue(metric(index));
        else if (key === 'values') samples = r.nextValue(values(index));
        else {
          if (key === 'histograms') histograms = true;
          r.nextValue(SKIP);
        }
      }
      // Checked in the order of the fields' meaning, whatever their order in the text.
      if (labels?.err) return labels;
      if (samples === undefined) {
        const why = histograms ? 'native histogram samples are not supported: query a rate or a ratio instead' : 'missing';
        return { err: [`data.result[${index}].values`, why] };
      }
      if (samples.err) return samples;
      return { ok: { name, labels: labels?.ok ?? {}, times: samples.ok.times, values: samples.ok.values } };
    },
  });

  /** `data.result`: `{ok: series}` or the first error among them; null when not an array. */
  const result = {
    other: () => null,
    array(r, seq) {
      const all = [];
      for (let index = 0; ; index++) {
        const s = r.nextElement(seq, series(index));
        if (s === NONE) break;
        if (s.err) {
          r.skipArray(seq);
          return s;
        }
        all.push(s.ok);
      }
      return { ok: all };
    },
  };

  const data = {
    other: () => null,
    object(r, map) {
      const fields = { resultType: null, result: null };
      for (let key = r.nextKey(map); key !== NONE; key = r.nextKey(map)) {
        if (key === 'resultType') fields.resultType = r.nextValue(TEXT);
        else if (key === 'result') fields.result = r.nextValue(result);
        else r.nextValue(SKIP);
      }
      return fields;
    },
  };

  const root = {
    other: () => null,
    object(r, map) {
      const fields = { status: null, errorType: null, error: null, data: null };
      for (let key = r.nextKey(map); key !== NONE; key = r.nextKey(map)) {
        if (key === 'status') fields.status = r.nextValue(TEXT);
        else if (key === 'errorType') fields.errorType = r.nextValue(TEXT);
        else if (key === 'error') fields.error = r.nextValue(TEXT);
        else if (key === 'data') fields.data = r.nextValue(data);
        else r.nextValue(SKIP);
      }
      return fields;
    },
  };

  return { root };
}

/** Code point order (Rust's and UTF-8's), not JavaScript's UTF-16 code unit order. */
function byCodePoint(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return unitRank(x) - unitRank(y);
  }
  return a.length - b.length;
}

/** Surrogates (astral code points) after the rest of the BMP. */
function unitRank(u) {
  return u >= 0xd800 && u <= 0xdfff ? u + 0x2000 : u >= 0xe000 ? u - 0x800 : u;
}

/** ASCII whitespace as Rust's `trim` removes it (tab, LF, VT, FF, CR, space). */
function isAsciiSpace(c) {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}
