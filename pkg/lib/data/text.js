// Data text as the CLI reads a file (src/data/text.rs, `TextReader`): UTF-8
// (a byte order mark skipped), no NUL byte, at most 1 GiB; UTF-16 and UTF-32
// named as such. A reader gets the text up to the first problem and the
// problem itself, which it reports only when its reading gets there — as the
// CLI does, reading a stream: an error earlier in the file comes first.
//
// Input is a string, or bytes (Uint8Array, ArrayBuffer: an uploaded file, a
// response body) checked as the CLI checks a file's bytes. A string is text
// already; only its NULs and its size can be wrong.

import { DataError } from './error.js';
import { charCount } from './numbers.js';

/** A data file's size limit, in bytes (the CLI's default --max-data-size). */
export const MAX_BYTES = 2 ** 30;

/** The CLI's words for it, less the flag that raises it. */
const TOO_LARGE = 'larger than 1 GiB, the limit for a data file';

/**
 * Where the text stops being readable and why: `line` and `column` (1-based,
 * in characters) or none for the size limit, and what to say.
 */
export class Problem {
  constructor(what, line = null, column = null) {
    this.what = what;
    this.line = line;
    this.column = column;
  }

  /** The DataError of this problem in `source` (series `name`). */
  error(source, name) {
    const place = this.line === null ? source : `${source}:${this.line}:${this.column}`;
    return new DataError(`${place}: ${this.what}`, { source, series: name, line: this.line, column: this.column });
  }
}

/** Whether `input` is bytes the reader checks itself. */
export function isBytes(input) {
  return input instanceof ArrayBuffer || ArrayBuffer.isView(input);
}

/** `input` as a Uint8Array (no copy), or a `bad-argument` error. */
function bytesOf(input, call) {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new DataError(`${call}: the data must be a string, a Uint8Array or an ArrayBuffer`, { kind: 'bad-argument' });
}

/**
 * The text of `input` for a reader of characters (CSV): `{text, problem}`,
 * `text` up to the problem (BOM removed), `problem` a Problem or null.
 */
export function checkedString(input, call) {
  if (typeof input === 'string') return checkedJsString(input);
  const { bytes, start, end, problem } = checkedBytes(bytesOf(input, call));
  return { text: new TextDecoder().decode(bytes.subarray(start, end)), problem };
}

function checkedJsString(input) {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // The first two bytes of the UTF-8: an ASCII character and a NUL is UTF-16 read as bytes.
  const [a, b] = [text.charCodeAt(0), text.charCodeAt(1)];
  const encoding = a > 0 && a < 0x80 && b === 0 ? 'UTF-16LE' : a === 0 && b > 0 && b < 0x80 ? 'UTF-16BE' : null;
  if (encoding) return { text: '', problem: new Problem(utf16Message(encoding), 1, 1) };
  let end = text.length;
  let problem = null;
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    end = nul;
    problem = placed(text, nul, 'a NUL byte: this is not a text file');
  }
  // Only a string this long can pass 1 GiB of UTF-8 (3 bytes a code unit at most).
  if (text.length * 3 > MAX_BYTES) {
    const cut = cutAtBytes(text, MAX_BYTES);
    if (cut < end) {
      end = cut;
      problem = new Problem(TOO_LARGE);
    }
  }
  return { text: end === text.length ? text : text.slice(0, end), problem };
}

/** The index of the first character of `text` that ends past `limit` bytes of UTF-8. */
function cutAtBytes(text, limit) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + n > limit) return i;
    bytes += n;
    if (pair) i++;
  }
  return text.length;
}

/** A Problem at string index `index` of `text`, placed in characters. */
function placed(text, index, what) {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  return new Problem(what, line, charCount(before.slice(lineStart)) + 1);
}

function utf16Message(encoding) {
  const found = {
    'UTF-16LE': 'looks like UTF-16 (little-endian: every other byte is NUL)',
    'UTF-16BE': 'looks like UTF-16 (big-endian: every other byte is NUL)',
  }[encoding];
  return encodingMessage(found, encoding);
}

function encodingMessage(found, encoding) {
  return `the file ${found}; slogate reads UTF-8 text: convert it, e.g. with iconv -f ${encoding} -t UTF-8`;
}

/**
 * The bytes of `input` for a reader of bytes (JSON): `{bytes, start, end,
 * problem}` — readable text is `bytes[start, end)` (after a byte order
 * mark, before the first problem).
 */
export function checkedInputBytes(input, call) {
  if (typeof input === 'string') return checkedBytes(new TextEncoder().encode(input));
  return checkedBytes(bytesOf(input, call));
}

/** The checks of src/data/text.rs on `bytes`. */
export function checkedBytes(bytes) {
  const head = bytes.subarray(0, 4);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return checkedFrom(bytes, 3);
  }
  const found = encodingOf(head);
  if (found) {
    return { bytes, start: 0, end: 0, problem: new Problem(encodingMessage(...found), 1, 1) };
  }
  return checkedFrom(bytes, 0);
}

/** UTF-16 and UTF-32 by their byte order marks, or ASCII with every other byte NUL. */
function encodingOf([a, b, c, d]) {
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return ['is UTF-32 (little-endian, byte order mark FF FE 00 00)', 'UTF-32'];
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return ['is UTF-32 (big-endian, byte order mark 00 00 FE FF)', 'UTF-32'];
  if (a === 0xff && b === 0xfe) return ['is UTF-16 (little-endian, byte order mark FF FE)', 'UTF-16'];
  if (a === 0xfe && b === 0xff) return ['is UTF-16 (big-endian, byte order mark FE FF)', 'UTF-16'];
  if (a !== undefined && a !== 0 && a < 0x80 && b === 0) return ['looks like UTF-16 (little-endian: every other byte is NUL)', 'UTF-16LE'];
  if (a === 0 && b !== undefined && b !== 0 && b < 0x80) return ['looks like UTF-16 (big-endian: every other byte is NUL)', 'UTF-16BE'];
  return null;
}

function checkedFrom(bytes, start) {
  const eof = bytes.length <= MAX_BYTES;
  const scanEnd = eof ? bytes.length : MAX_BYTES;
  const bad = firstBadUtf8(bytes, start, scanEnd);
  let end = scanEnd;
  let problem = eof ? null : new Problem(TOO_LARGE);
  if (bad !== null) {
    end = bad.at;
    if (bad.incomplete && !eof) {
      // The limit cut a character: the CLI stops before it, at the limit.
      problem = new Problem(TOO_LARGE);
    } else {
      const byte = bytes[bad.at].toString(16).toUpperCase().padStart(2, '0');
      const what = bad.incomplete
        ? `not UTF-8 text: the file ends inside a character (byte 0x${byte})`
        : `not UTF-8 text (byte 0x${byte}): save the file as UTF-8`;
      problem = placedBytes(bytes, start, end, what);
    }
  }
  const nul = bytes.subarray(start, end).indexOf(0);
  if (nul >= 0) {
    end = start + nul;
    problem = placedBytes(bytes, start, end, 'a NUL byte: this is not a text file');
  }
  return { bytes, start, end, problem };
}

/** A Problem at byte `at` (after `start`), placed in characters. */
function placedBytes(bytes, start, at, what) {
  let line = 1;
  let lineStart = start;
  for (let i = start; i < at; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  // A character starts at every byte that is not a continuation byte (10xxxxxx).
  for (let i = lineStart; i < at; i++) if ((bytes[i] & 0xc0) !== 0x80) column++;
  return new Problem(what, line, column);
}

/**
 * The first byte of `bytes[start, end)` that is not UTF-8 text: `{at,
 * incomplete}` (`incomplete`: a character that the end cuts off), or null.
 * As Rust's `str::from_utf8`: no overlong forms, no surrogates, nothing past
 * U+10FFFF.
 */
function firstBadUtf8(bytes, start, end) {
  // ASCII is checked four bytes at a time, through a view of the aligned words.
  const base = (4 - (bytes.byteOffset % 4)) % 4;
  const words = bytes.length - base >= 4 ? new Uint32Array(bytes.buffer, bytes.byteOffset + base, (bytes.length - base) >> 2) : null;
  const lastWord = (end - base) >> 2;
  let i = start;
  while (i < end) {
    if (words !== null && i >= base && ((i - base) & 3) === 0) {
      let w = (i - base) >> 2;
      while (w < lastWord && (words[w] & 0x80808080) === 0) w++;
      i = base + w * 4;
      if (i >= end) break;
    }
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b === 0xe0) [need, low] = [2, 0xa0];
    else if (b === 0xed) [need, high] = [2, 0x9f];
    else if (b >= 0xe1 && b <= 0xef) need = 2;
    else if (b === 0xf0) [need, low] = [3, 0x90];
    else if (b === 0xf4) [need, high] = [3, 0x8f];
    else if (b >= 0xf1 && b <= 0xf3) need = 3;
    else return { at: i, incomplete: false };
    for (let k = 1; k <= need; k++) {
      if (i + k >= end) return { at: i, incomplete: true };
      const c = bytes[i + k];
      const [lo, hi] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (c < lo || c > hi) return { at: i, incomplete: false };
    }
    i += need + 1;
  }
  return null;
}
