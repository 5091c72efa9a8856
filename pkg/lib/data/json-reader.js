// A JSON reader that reads as serde_json does when the CLI reads a file
// (`serde_json::Deserializer::from_reader`, serde_json 1.0, without its
// float_roundtrip feature), so that a broken file gets the CLI's message at
// the CLI's line and column: the same grammar, the same error for each way
// of breaking it, the same position (serde_json counts the bytes read,
// including one looked at ahead; a column is in bytes), and the same numbers
// (serde_json's own float arithmetic, which is not always JavaScript's
// correctly rounded `Number`).
//
// It builds nothing: like serde's visitors, a *shape* says what to do with
// each value as it is read (query-range.js), and every other value is read
// through, its syntax checked. Memory is what the shapes keep.

/** serde_json's messages (its `ErrorCode` as displayed). */
export const SYNTAX = Object.freeze({
  eofList: 'EOF while parsing a list',
  eofObject: 'EOF while parsing an object',
  eofString: 'EOF while parsing a string',
  eofValue: 'EOF while parsing a value',
  colon: 'expected `:`',
  listCommaOrEnd: 'expected `,` or `]`',
  objectCommaOrEnd: 'expected `,` or `}`',
  ident: 'expected ident',
  value: 'expected value',
  escape: 'invalid escape',
  number: 'invalid number',
  outOfRange: 'number out of range',
  control: 'control character (\\u0000-\\u001F) found while parsing a string',
  keyString: 'key must be a string',
  loneSurrogate: 'lone leading surrogate in hex escape',
  trailingComma: 'trailing comma',
  trailingCharacters: 'trailing characters',
  endOfHexEscape: 'unexpected end of hex escape',
  recursion: 'recursion limit exceeded',
});

/** A JSON syntax error: serde_json's message and position (1-based line, column in bytes). */
export class JsonSyntaxError extends Error {
  constructor(message, line, column) {
    super(message);
    this.line = line;
    this.column = column;
  }
}

/** The text stopped being readable here (text.js's Problem): reported as the CLI reports it. */
export class TextProblemError extends Error {
  constructor(problem) {
    super(problem.what);
    this.problem = problem;
  }
}

/** What `nextElement` and `nextKey` give at the end of an array or object. */
export const NONE = Symbol('none');

/** Scalar types handed to a shape's `scalar(type, value)`. */
export const NULL = 0;
export const BOOL = 1;
export const NUMBER = 2;
export const STRING = 3;

/** A number's type as serde_json keeps it (it shows each differently). */
const U64 = 0;
const I64 = 1;
const F64 = 2;

const SAFE_GROW = 900_719_925_474_099; // ⌊(2^53 − 1 − 9) / 10⌋: ×10 + 9 stays exact
const U64_DIV10 = 1_844_674_407_370_955_161n;
const I64_MAGNITUDE = 2n ** 63n;
const I32_MAX = 2_147_483_647;
const I32_MIN = -2_147_483_648;

/** serde_json's table of powers of ten (each correctly rounded, as Rust's literals are). */
const POW10 = Array.from({ length: 309 }, (_, i) => Number(`1e${i}`));

const decoder = new TextDecoder();

/** A shape without `scalar`: `other()` (called with the shape as `this`). */
function otherScalar() {
  return this.other();
}

export class JsonReader {
  /**
   * Reads `bytes[start, end)`; at `end`, `problem` (a text.js Problem, or
   * null for the true end) is what the next read meets.
   */
  constructor(bytes, start, end, problem) {
    this.b = bytes;
    this.start = start;
    this.pos = start;
    this.limit = end;
    this.problem = problem;
    /** Whether `b[pos]` has been looked at (serde_json has read it from the stream). */
    this.peeked = false;
    this.depth = 128;
    this.numberType = U64;
    this.numberStart = 0;
    this.numberEnd = 0;
  }

  // --- reading bytes, as serde_json's IoRead -------------------------------

  /** The next byte without taking it, or -1 at the end. */
  peek() {
    if (this.pos < this.limit) {
      this.peeked = true;
      return this.b[this.pos];
    }
    return this.#eof();
  }

  /** `peek`, with the end as a NUL byte. */
  peekOrNull() {
    const c = this.peek();
    return c < 0 ? 0 : c;
  }

  /** Takes the byte `peek` gave. */
  eat() {
    this.pos++;
    this.peeked = false;
  }

  /** Takes the next byte, or -1 at the end. */
  next() {
    if (this.pos < this.limit) {
      this.peeked = false;
      return this.b[this.pos++];
    }
    return this.#eof();
  }

  #eof() {
    this.peeked = false;
    if (this.problem) throw new TextProblemError(this.problem);
    return -1;
  }

  /** A syntax error where serde_json would report it: after the last byte read (looked-at included). */
  fail(message) {
    const read = this.pos + (this.peeked ? 1 : 0);
    let line = 1;
    let lineStart = this.start;
    for (let i = this.start; i < read; i++) {
      if (this.b[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    return new JsonSyntaxError(message, line, read - lineStart);
  }

  /** The next byte that is not JSON whitespace, not taken; -1 at the end. */
  whitespace() {
    const b = this.b;
    const end = this.limit;
    let p = this.pos;
    while (p < end) {
      const c = b[p];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        p++;
      } else {
        this.pos = p;
        this.peeked = true;
        return c;
      }
    }
    this.pos = p;
    return this.#eof();
  }

  // --- values ---------------------------------------------------------------

  /** Reads one value through `shape` (serde_json's `deserialize_any`). */
  value(shape) {
    const c = this.whitespace();
    switch (c) {
      case -1:
        throw this.fail(SYNTAX.eofValue);
      case 0x6e: // n
        this.eat();
        this.#ident('ull');
        return (shape.scalar ?? otherScalar).call(shape, NULL, null);
      case 0x74: // t
        this.eat();
        this.#ident('rue');
        return (shape.scalar ?? otherScalar).call(shape, BOOL, true);
      case 0x66: // f
        this.eat();
        this.#ident('alse');
        return (shape.scalar ?? otherScalar).call(shape, BOOL, false);
      case 0x2d: // -
        this.numberStart = this.pos;
        this.eat();
        return (shape.scalar ?? otherScalar).call(shape, NUMBER, this.#integer(false));
      case 0x22: {
        // "
        this.eat();
        if (shape.rawString) {
          // A string without escapes, as bytes: the shape may read it without making it a string.
          const start = this.pos;
          const end = this.#plainString();
          if (end >= 0) return shape.rawString(this.b, start, end);
        }
        return (shape.scalar ?? otherScalar).call(shape, STRING, this.string(!shape.scalar));
      }
      case 0x5b: {
        // [
        if (--this.depth === 0) throw this.fail(SYNTAX.recursion);
        this.eat();
        const seq = { first: true };
        const out = shape.array ? shape.array(this, seq) : (this.skipArray(seq), shape.other());
        this.depth++;
        this.#endArray();
        return out;
      }
      case 0x7b: {
        // {
        if (--this.depth === 0) throw this.fail(SYNTAX.recursion);
        this.eat();
        const map = { first: true };
        const out = shape.object ? shape.object(this, map) : (this.skipObject(map), shape.other());
        this.depth++;
        this.#endObject();
        return out;
      }
      default:
        if (c >= 0x30 && c <= 0x39) {
          this.numberStart = this.pos;
          return (shape.scalar ?? otherScalar).call(shape, NUMBER, this.#integer(true));
        }
        throw this.fail(SYNTAX.value);
    }
  }

  /** After the whole value: only whitespace may follow (serde_json's `end`). */
  end() {
    if (this.whitespace() !== -1) throw this.fail(SYNTAX.trailingCharacters);
  }

  #ident(rest) {
    for (let i = 0; i < rest.length; i++) {
      const c = this.next();
      if (c === -1) throw this.fail(SYNTAX.eofValue);
      if (c !== rest.charCodeAt(i)) throw this.fail(SYNTAX.ident);
    }
  }

  // --- arrays and objects ---------------------------------------------------

  /** The next element of the array `seq` read through `shape`, or NONE after the last. */
  nextElement(seq, shape) {
    const c = this.whitespace();
    if (c === -1) throw this.fail(SYNTAX.eofList);
    if (c === 0x5d) return NONE;
    if (seq.first) {
      seq.first = false;
    } else if (c === 0x2c) {
      this.eat();
      const d = this.whitespace();
      if (d === 0x5d) throw this.fail(SYNTAX.trailingComma);
      if (d === -1) throw this.fail(SYNTAX.eofValue);
    } else {
      throw this.fail(SYNTAX.listCommaOrEnd);
    }
    return this.value(shape);
  }

  /** Reads the rest of the array `seq` through. */
  skipArray(seq) {
    while (this.nextElement(seq, SKIP) !== NONE);
  }

  #endArray() {
    const c = this.whitespace();
    if (c === 0x5d) return this.eat();
    if (c === 0x2c) {
      this.eat();
      throw this.fail(this.whitespace() === 0x5d ? SYNTAX.trailingComma : SYNTAX.trailingCharacters);
    }
    throw this.fail(c === -1 ? SYNTAX.eofList : SYNTAX.trailingCharacters);
  }

  /** The next key of the object `map`, or NONE after the last. */
  nextKey(map) {
    const c = this.whitespace();
    if (c === -1) throw this.fail(SYNTAX.eofObject);
    if (c === 0x7d) return NONE;
    if (map.first) {
      map.first = false;
      if (c !== 0x22) throw this.fail(SYNTAX.keyString);
    } else if (c === 0x2c) {
      this.eat();
      const d = this.whitespace();
      if (d === 0x7d) throw this.fail(SYNTAX.trailingComma);
      if (d === -1) throw this.fail(SYNTAX.eofValue);
      if (d !== 0x22) throw this.fail(SYNTAX.keyString);
    } else {
      throw this.fail(SYNTAX.objectCommaOrEnd);
    }
    this.eat();
    return this.string(false);
  }

  /** The value of the key just read, through `shape`. */
  nextValue(shape) {
    const c = this.whitespace();
    if (c === 0x3a) this.eat();
    else throw this.fail(c === -1 ? SYNTAX.eofObject : SYNTAX.colon);
    return this.value(shape);
  }

  /** Reads the rest of the object `map` through. */
  skipObject(map) {
    while (this.nextKey(map) !== NONE) this.nextValue(SKIP);
  }

  #endObject() {
    const c = this.whitespace();
    if (c === 0x7d) return this.eat();
    throw this.fail(c === 0x2c ? SYNTAX.trailingComma : c === -1 ? SYNTAX.eofObject : SYNTAX.trailingCharacters);
  }

  // --- strings --------------------------------------------------------------

  /** The string after its opening quote; with `discard`, checked but not built. */
  string(discard) {
    const b = this.b;
    const end = this.limit;
    const start = this.pos;
    let p = start;
    let high = 0;
    while (p < end) {
      const c = b[p];
      if (c === 0x22) {
        this.pos = p + 1;
        this.peeked = false;
        return discard ? '' : decode(b, start, p, high);
      }
      if (c === 0x5c || c < 0x20) break;
      high |= c;
      p++;
    }
    // Escapes, a control character or the end: byte by byte, as serde_json.
    this.pos = p;
    const scratch = Array.from(b.subarray(start, p));
    for (;;) {
      const c = this.next();
      if (c === -1) throw this.fail(SYNTAX.eofString);
      if (c === 0x22) return discard ? '' : decoder.decode(Uint8Array.from(scratch));
      if (c === 0x5c) this.#escape(scratch);
      else if (c < 0x20) throw this.fail(SYNTAX.control);
      else scratch.push(c);
    }
  }

  /**
   * Where a string without escapes or control characters ends (its closing
   * quote, then taken); -1, taking nothing, for any other.
   */
  #plainString() {
    const b = this.b;
    const end = this.limit;
    for (let p = this.pos; p < end; p++) {
      const c = b[p];
      if (c === 0x22) {
        this.pos = p + 1;
        this.peeked = false;
        return p;
      }
      if (c === 0x5c || c < 0x20) return -1;
    }
    return -1;
  }

  #nextInString() {
    const c = this.next();
    if (c === -1) throw this.fail(SYNTAX.eofString);
    return c;
  }

  #escape(scratch) {
    const c = this.#nextInString();
    const simple = { 0x22: 0x22, 0x5c: 0x5c, 0x2f: 0x2f, 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09 }[c];
    if (simple !== undefined) return scratch.push(simple);
    if (c !== 0x75) throw this.fail(SYNTAX.escape);
    const n = this.#hex();
    if (n >= 0xdc00 && n <= 0xdfff) throw this.fail(SYNTAX.loneSurrogate);
    if (n < 0xd800 || n > 0xdbff) return pushCodePoint(scratch, n);
    // A leading surrogate: a trailing one must follow, as `\uDC00`.
    if (this.#peekInString() !== 0x5c) {
      this.eat();
      throw this.fail(SYNTAX.endOfHexEscape);
    }
    this.eat();
    if (this.#peekInString() !== 0x75) {
      this.eat();
      throw this.fail(SYNTAX.endOfHexEscape);
    }
    this.eat();
    const n2 = this.#hex();
    if (n2 < 0xdc00 || n2 > 0xdfff) throw this.fail(SYNTAX.loneSurrogate);
    return pushCodePoint(scratch, (((n - 0xd800) << 10) | (n2 - 0xdc00)) + 0x10000);
  }

  #peekInString() {
    const c = this.peek();
    if (c === -1) throw this.fail(SYNTAX.eofString);
    return c;
  }

  /** Four hex digits, all read before any is checked. */
  #hex() {
    const digits = [this.#nextInString(), this.#nextInString(), this.#nextInString(), this.#nextInString()];
    let n = 0;
    for (const d of digits) {
      const v = d >= 0x30 && d <= 0x39 ? d - 0x30 : d >= 0x61 && d <= 0x66 ? d - 0x57 : d >= 0x41 && d <= 0x46 ? d - 0x37 : -1;
      if (v < 0) throw this.fail(SYNTAX.escape);
      n = n * 16 + v;
    }
    return n;
  }

  // --- numbers (serde_json's parse_integer and what follows it) --------------

  /** After an optional `-`: the number as f64 (`as_f64`); its type and text stay for `shownNumber`. */
  #integer(positive) {
    const c = this.next();
    if (c === -1) throw this.fail(SYNTAX.eofValue);
    if (c === 0x30) {
      const p = this.peekOrNull();
      if (p >= 0x30 && p <= 0x39) throw this.fail(SYNTAX.number);
      return this.#number(positive, 0);
    }
    if (c < 0x31 || c > 0x39) throw this.fail(SYNTAX.number);
    let sig = c - 0x30;
    for (;;) {
      const p = this.peekOrNull();
      if (p < 0x30 || p > 0x39) return this.#number(positive, sig);
      const grown = grow(sig, p - 0x30);
      if (grown === null) return this.#float(this.#longInteger(positive, sig));
      this.eat();
      sig = grown;
    }
  }

  #float(value) {
    this.numberType = F64;
    this.numberEnd = this.pos;
    return value;
  }

  #number(positive, sig) {
    const p = this.peekOrNull();
    if (p === 0x2e) return this.#float(this.#decimal(positive, sig, 0));
    if (p === 0x65 || p === 0x45) return this.#float(this.#exponent(positive, sig, 0));
    this.numberEnd = this.pos;
    if (positive) {
      this.numberType = U64;
      return toF64(sig);
    }
    // -0 and magnitudes past i64 are floats; the rest an i64.
    this.numberType = sig === 0 || (typeof sig === 'bigint' && sig > I64_MAGNITUDE) ? F64 : I64;
    return -toF64(sig);
  }

  #decimal(positive, sig, before) {
    this.eat();
    let after = 0;
    for (;;) {
      const p = this.peekOrNull();
      if (p < 0x30 || p > 0x39) break;
      const grown = grow(sig, p - 0x30);
      if (grown === null) return this.#decimalOverflow(positive, sig, before + after);
      this.eat();
      sig = grown;
      after--;
    }
    if (after === 0) throw this.fail(this.peek() === -1 ? SYNTAX.eofValue : SYNTAX.number);
    const p = this.peekOrNull();
    if (p === 0x65 || p === 0x45) return this.#exponent(positive, sig, before + after);
    return this.#fromParts(positive, sig, before + after);
  }

  #exponent(positive, sig, starting) {
    this.eat();
    let positiveExp = true;
    const sign = this.peekOrNull();
    if (sign === 0x2b) this.eat();
    else if (sign === 0x2d) {
      this.eat();
      positiveExp = false;
    }
    const c = this.next();
    if (c === -1) throw this.fail(SYNTAX.eofValue);
    if (c < 0x30 || c > 0x39) throw this.fail(SYNTAX.number);
    let exp = c - 0x30;
    for (;;) {
      const p = this.peekOrNull();
      if (p < 0x30 || p > 0x39) break;
      this.eat();
      const d = p - 0x30;
      if (exp > 214_748_364 || (exp === 214_748_364 && d > 7)) return this.#exponentOverflow(positive, isZero(sig), positiveExp);
      exp = exp * 10 + d;
    }
    const final = Math.min(I32_MAX, Math.max(I32_MIN, positiveExp ? starting + exp : starting - exp));
    return this.#fromParts(positive, sig, final);
  }

  #exponentOverflow(positive, zero, positiveExp) {
    // An error rather than ±infinity.
    if (!zero && positiveExp) throw this.fail(SYNTAX.outOfRange);
    for (let p = this.peekOrNull(); p >= 0x30 && p <= 0x39; p = this.peekOrNull()) this.eat();
    return positive ? 0 : -0;
  }

  #longInteger(positive, sig) {
    let exponent = 0;
    for (;;) {
      const p = this.peekOrNull();
      if (p >= 0x30 && p <= 0x39) {
        this.eat();
        exponent++;
      } else if (p === 0x2e) {
        return this.#decimal(positive, sig, exponent);
      } else if (p === 0x65 || p === 0x45) {
        return this.#exponent(positive, sig, exponent);
      } else {
        return this.#fromParts(positive, sig, exponent);
      }
    }
  }

  #decimalOverflow(positive, sig, exponent) {
    // The next digit would overflow u64: the rest are ignored.
    for (let p = this.peekOrNull(); p >= 0x30 && p <= 0x39; p = this.peekOrNull()) this.eat();
    const p = this.peekOrNull();
    if (p === 0x65 || p === 0x45) return this.#exponent(positive, sig, exponent);
    return this.#fromParts(positive, sig, exponent);
  }

  /** serde_json's f64_from_parts: the significand times or divided by table powers of ten. */
  #fromParts(positive, sig, exponent) {
    let f = toF64(sig);
    for (;;) {
      const index = Math.abs(exponent);
      if (index <= 308) {
        if (exponent >= 0) {
          f *= POW10[index];
          if (!Number.isFinite(f)) throw this.fail(SYNTAX.outOfRange);
        } else {
          f /= POW10[index];
        }
        break;
      }
      if (f === 0) break;
      if (exponent >= 0) throw this.fail(SYNTAX.outOfRange);
      f /= 1e308;
      exponent += 308;
    }
    return positive ? f : -f;
  }

  /** The number just read as serde_json displays it: integers as written, floats its shortest way. */
  shownNumber(value) {
    if (this.numberType === F64) return showFloat(value);
    return decoder.decode(this.b.subarray(this.numberStart, this.numberEnd));
  }
}

/** Reads any value through, its syntax checked (not serde's IgnoredAny, which errs differently). */
export const SKIP = Object.freeze({ other: () => undefined });

/** `sig × 10 + digit`, or null past u64; a Number while exact, a BigInt beyond. */
function grow(sig, digit) {
  if (typeof sig === 'number') {
    if (sig <= SAFE_GROW) return sig * 10 + digit;
    sig = BigInt(sig);
  }
  if (sig > U64_DIV10 || (sig === U64_DIV10 && digit > 5)) return null;
  return sig * 10n + BigInt(digit);
}

/** Rust's `u64 as f64`: round to nearest, ties to even (as `Number(bigint)`). */
function toF64(sig) {
  return typeof sig === 'number' ? sig : Number(sig);
}

function isZero(sig) {
  return typeof sig === 'number' ? sig === 0 : sig === 0n;
}

/** The text of the checked UTF-8 bytes `b[start, end)` (`high`: their bits OR-ed, < 0x80 for ASCII). */
export function decode(b, start, end, high) {
  if (high < 0x80 && end - start <= 64) return String.fromCharCode.apply(null, b.subarray(start, end));
  return decoder.decode(b.subarray(start, end));
}

function pushCodePoint(scratch, n) {
  if (n < 0x80) scratch.push(n);
  else if (n < 0x800) scratch.push(0xc0 | (n >> 6), 0x80 | (n & 63));
  else if (n < 0x10000) scratch.push(0xe0 | (n >> 12), 0x80 | ((n >> 6) & 63), 0x80 | (n & 63));
  else scratch.push(0xf0 | (n >> 18), 0x80 | ((n >> 12) & 63), 0x80 | ((n >> 6) & 63), 0x80 | (n & 63));
}

/**
 * A finite f64 as serde_json displays it (the zmij crate): the shortest
 * digits that read back as the same number — as JavaScript's — written out
 * for decimal exponents −5 to 15 (`1700000000000.0`, `0.001`), else as
 * `1.5e+16`, `1e-7`.
 */
export function showFloat(x) {
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const [digits, e] = shortestDigits(Math.abs(x));
  if (e < -5 || e > 15) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}e${e < 0 ? '-' : '+'}${Math.abs(e)}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const int = digits.slice(0, e + 1).padEnd(e + 1, '0');
  const frac = digits.slice(e + 1);
  return `${sign}${int}.${frac || '0'}`;
}

/**
 * The shortest digits of `x` ≥ 0 and the decimal exponent of the first, as
 * `Number.prototype.toString` chooses them (the closest of the shortest;
 * `toExponential()` may pick another).
 */
function shortestDigits(x) {
  if (x === 0) return ['0', 0];
  const text = String(x);
  const [mantissa, exp = '0'] = text.split('e');
  const [int, frac = ''] = mantissa.split('.');
  const all = int + frac;
  const lead = all.search(/[1-9]/);
  const digits = all.slice(lead).replace(/0+$/, '') || '0';
  return [digits, Number(exp) + int.length - 1 - lead];
}
