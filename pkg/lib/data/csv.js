// CSV `time,value`, one sample a line: the rules of src/data/csv.rs
// (docs/data.md), line for line, so that a file read here and by the CLI
// gives the same samples or the same error at the same line and column.

import { Columns, tooManySamples } from './columns.js';
import { DataError } from './error.js';
import { ValueError, charCount, isRustWhitespace, leadingWhitespace, parseTime, parseValue, rustTrim, thousands, utf8Length } from './numbers.js';

/** The longest line, in bytes of UTF-8: a sample takes under 100 bytes even padded. */
export const MAX_LINE = 64 * 1024;

/** A first field starting with a letter or a quote makes line 1 a header. */
const HEADER = /^[\p{Alphabetic}"]/u;

/**
 * Reads `text` (checked: see text.js; `problem` is where it stops being
 * readable, or null) into one series `name`. `source` names it in messages;
 * `raise` ends the message of the sample limit.
 */
export function readCsv(text, problem, { source, name, maxSamples, raise }) {
  const columns = new Columns();
  const fail = (line, column, what) => new DataError(`${source}:${line}:${column}: ${what}`, { source, series: name, line, column });
  let pos = 0;
  let lineNo = 0;
  for (;;) {
    const newline = text.indexOf('\n', pos);
    if (newline < 0 && pos >= text.length && problem === null) break;
    let line = newline < 0 ? text.slice(pos) : text.slice(pos, newline);
    pos = newline < 0 ? text.length : newline + 1;
    lineNo++;
    // The CLI reads at most this much of a line, whatever follows.
    if (line.length * 3 > MAX_LINE && utf8Length(line) > MAX_LINE) {
      throw fail(lineNo, 1, `a line longer than ${thousands(MAX_LINE)} bytes: this is not a CSV file of time,value lines`);
    }
    if (newline < 0 && problem !== null) throw problem.error(source, name);
    // `\r\n` line ends; a last line without `\n` keeps its `\r` (a space to trim).
    if (newline >= 0 && line.endsWith('\r')) line = line.slice(0, -1);
    if (isBlank(line)) continue;
    const comma = line.indexOf(',');
    const second = comma < 0 ? -1 : line.indexOf(',', comma + 1);
    const first = rustTrim(comma < 0 ? line : line.slice(0, comma));
    if (lineNo === 1 && HEADER.test(first)) continue;
    if (comma < 0 || second >= 0) {
      const fields = splitFields(line);
      const column = fields.count > 2 ? fields.column(2) : charCount(line) + 1;
      throw fail(lineNo, column, `expected 2 fields (time,value), found ${fields.count}`);
    }
    let time;
    let value;
    try {
      time = parseTime(first);
      value = parseValue(rustTrim(line.slice(comma + 1)));
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      // Which field, and where its text starts (computed only now: columns count characters).
      const k = time === undefined ? 0 : 1;
      throw fail(lineNo, splitFields(line).column(k), e.message);
    }
    if (columns.length >= maxSamples) throw fail(lineNo, 1, `${tooManySamples(maxSamples)}${raise}`);
    columns.push(time, value);
  }
  const { times, values } = columns.finish();
  return { name, times, values, labels: {} };
}

function isBlank(line) {
  for (let i = 0; i < line.length; i++) if (!isRustWhitespace(line.charCodeAt(i))) return false;
  return true;
}

/**
 * The comma-separated fields of `line`: how many, each one's text, and the
 * 1-based column (in characters) where its text starts after its padding.
 * Only the first three are located: no line with more is read further.
 */
function splitFields(line) {
  const commas = [];
  for (let i = line.indexOf(','); i >= 0 && commas.length < 3; i = line.indexOf(',', i + 1)) commas.push(i);
  let count = commas.length + 1;
  if (commas.length === 3) for (let i = line.indexOf(',', commas[2] + 1); i >= 0; i = line.indexOf(',', i + 1)) count++;
  const start = (k) => (k === 0 ? 0 : commas[k - 1] + 1);
  const end = (k) => (k < commas.length ? commas[k] : line.length);
  return {
    count,
    text: (k) => line.slice(start(k), end(k)),
    // Whitespace is all in the BMP: its code units are its characters.
    column: (k) => charCount(line.slice(0, start(k))) + 1 + leadingWhitespace(line.slice(start(k), end(k))),
  };
}
