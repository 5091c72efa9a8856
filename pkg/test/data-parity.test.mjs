// @slogate/engine/data against the CLI's own readers (src/data/): the same
// file gives the same series — the same report, byte for byte — or the same
// error, word for word, at the same line and column.
//
// - every data file of examples/ (examples/runs.json), read here and
//   evaluated by the WebAssembly engine, against `slogate eval --data`;
// - a table of bad files (CSV, JSON, text), each run through the CLI;
// - a deterministic stream of mutations of valid files (bytes deleted,
//   inserted, repeated, cut), each run through both.
//
// The CLI writes messages to a terminal with control and bidi characters
// escaped (src/report/terminal.rs); `terminal` below does the same to ours.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Engine } from '@slogate/engine';
import { DataError, parseCsv, parseData, parseQueryRange } from '@slogate/engine/data';
import { POLICY, cliRun, load, root } from './helpers.mjs';

const runs = JSON.parse(readFileSync(join(root, 'examples/runs.json'), 'utf8'));

/** The evaluation instant of the small policy's data: an hour of minutes from the epoch. */
const AT = '1970-01-01T01:00:00Z';
const AT_MS = 3_600_000;

/** A valid `total` for the small policy: 10 events a minute. */
const TOTAL = `time,value\n${Array.from({ length: 61 }, (_, i) => `${i * 60},10`).join('\n')}\n`;
/** One sample: a `total` within any sample limit a test sets. */
const TOTAL_ONE = '0,10\n';

let dir;
let policyPath;
let totalPath;
let totalOnePath;
let engine;
let counter = 0;

before(() => {
  load();
  dir = mkdtempSync(join(tmpdir(), 'slogate-data-parity-'));
  policyPath = join(dir, 'policy.yaml');
  totalPath = join(dir, 'total.csv');
  writeFileSync(policyPath, POLICY);
  writeFileSync(totalPath, TOTAL);
  totalOnePath = join(dir, 'total-one.csv');
  writeFileSync(totalOnePath, TOTAL_ONE);
  engine = new Engine(POLICY);
});

after(() => {
  engine?.free();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Rust's `{:?}`-style escapes of what must not reach a terminal (src/report/terminal.rs, `is_unsafe`). */
function terminal(text) {
  return text.replace(/[\0-\x1f\x7f-\x9f\u2028\u2029\u00ad\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u{${c.codePointAt(0).toString(16)}}`,
  );
}

/**
 * Writes `content` (string or bytes) as a file and reads it both ways:
 * `{cli, js}`, each `{error}` (the message) or `{report}` (the JSON report
 * of the small policy with this file as `good`). `maxSamples` is passed to
 * both.
 */
function both(content, { maxSamples } = {}) {
  const path = join(dir, `case-${counter++}`);
  writeFileSync(path, content);
  const total = maxSamples === undefined ? TOTAL : TOTAL_ONE;
  const args = ['eval', policyPath, '--at', AT, '--format', 'json', '--data', `good=${path}`, '--data', `total=${maxSamples === undefined ? totalPath : totalOnePath}`];
  if (maxSamples !== undefined) args.push('--max-samples', String(maxSamples));
  const run = cliRun(args);
  const cli = run.status === 0 ? { report: JSON.stringify(JSON.parse(run.stdout)) } : { error: run.stderr.split('\n')[0] };
  let js;
  try {
    const good = parseData(typeof content === 'string' ? content : new Uint8Array(content), 'good', { source: path, maxSamples });
    // Bytes and text read alike.
    if (typeof content !== 'string') assert.deepEqual(parseData(new Uint8Array(content).buffer, 'good', { source: path, maxSamples }), good);
    if (good.length === 0) {
      // The CLI warns of a file without series, then misses it.
      js = { error: `warning: ${path}: no series in this file` };
    } else {
      js = { report: engine.evaluateJson(AT_MS, [...good, ...parseData(total, 'total')]) };
    }
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    js = { error: terminal(e.message.replace(': raise it with the maxSamples option', ': raise it with --max-samples')) };
  }
  return { cli, js, path };
}

/** Asserts both read `content` alike; returns the JS side's error message (or null). */
function same(content, options) {
  const { cli, js, path } = both(content, options);
  if (js.report === undefined || js.report !== cli.report) {
    // A failure shows the file and both outcomes, reports cut short.
    const shown = (side) => side.error ?? `report ${side.report.slice(0, 300)}…`;
    const file = JSON.stringify(typeof content === 'string' ? content : Buffer.from(content).toString('latin1'));
    assert.equal(shown(js), shown(cli), `the readers differ on ${file.length > 2000 ? `${file.slice(0, 2000)}…` : file}`);
  }
  return js.error?.replace(path, 'FILE') ?? null;
}

describe('the examples: every data file read here gives the CLI report', () => {
  for (const run of runs) {
    test(`${run.example} at ${run.at}`, () => {
      const policy = new Engine(readFileSync(join(root, run.policy), 'utf8'));
      try {
        const series = Object.entries(run.data).flatMap(([name, path]) => parseData(readFileSync(join(root, path)), name, { source: path }));
        const cli = cliRun(['eval', run.policy, '--at', run.at, '--format', 'json', ...Object.entries(run.data).flatMap(([n, p]) => ['--data', `${n}=${p}`])]);
        assert.equal(cli.status, 0, cli.stderr);
        assert.equal(policy.evaluateJson(Date.parse(run.at), series), JSON.stringify(JSON.parse(cli.stdout)));
      } finally {
        policy.free();
      }
    });
  }
});

const ok = (result) => `{"status":"success","data":{"resultType":"matrix","result":[${result}]}}`;
const minutes = (n, value = (i) => `"${9 + (i % 2)}"`) => Array.from({ length: n }, (_, i) => `[${i * 60},${value(i)}]`).join(',');

/** [title, content, expected message with the file as FILE (null: a valid file)]. */
const CASES = [
  // CSV: fields, times, values.
  ['a bad value', '0,1\n60,abc\n', 'FILE:2:4: "abc" is not a number'],
  ['padding before a bad value', '0,1\n60,  abc\n', 'FILE:2:6: "abc" is not a number'],
  ['one field', '0,1\n60\n', 'FILE:2:3: expected 2 fields (time,value), found 1'],
  ['three fields', '0,1,1\n', 'FILE:1:5: expected 2 fields (time,value), found 3'],
  ['five fields, padded', '0, 1 ,  2,3,4\n', 'FILE:1:9: expected 2 fields (time,value), found 5'],
  ['an impossible date', '2026-02-30T00:00:00Z,1\n', 'FILE:1:1: "2026-02-30T00:00:00Z" is not an RFC 3339 time: write it like 2026-02-05T10:00:00Z or 2026-02-05T12:00:00+02:00'],
  ['epoch milliseconds', '1770285600000,1\n', 'FILE:1:1: "1770285600000" is out of range for epoch seconds (milliseconds are not accepted: divide by 1000)'],
  ['a dot without decimals', '1.,1\n', 'FILE:1:1: "1." is not a time: use RFC 3339 (2026-02-05T10:00:00Z) or epoch seconds (1770285600)'],
  ['an exponent', '1e9,1\n', 'FILE:1:1: "1e9" is not a time: use RFC 3339 (2026-02-05T10:00:00Z) or epoch seconds (1770285600)'],
  ['a lone minus', '-,1\n', 'FILE:1:1: "-" is not a time: use RFC 3339 (2026-02-05T10:00:00Z) or epoch seconds (1770285600)'],
  ['a leading dot', '.5,1\n', 'FILE:1:1: ".5" is not a time: use RFC 3339 (2026-02-05T10:00:00Z) or epoch seconds (1770285600)'],
  ['a header with an accent, then a bad value', 'é,1\n0,x\n', 'FILE:2:3: "x" is not a number'],
  ['a header after line 1', '0,2\ntime,value\n', 'FILE:2:1: "time" is not a time: use RFC 3339 (2026-02-05T10:00:00Z) or epoch seconds (1770285600)'],
  ['blank lines before a header', '\n \ntime,value\n', 'FILE:3:1: "time" is not a time: use RFC 3339 (2026-02-05T10:00:00Z) or epoch seconds (1770285600)'],
  ['nul is not null', '0,null\n60,NULL\n120, Null \n180,\n240,nul\n', 'FILE:5:5: "nul" is not a number'],
  ['no time zone', '1970-01-01T00:01:00,1\n', 'FILE:1:1: "1970-01-01T00:01:00" is not an RFC 3339 time: write it like 2026-02-05T10:00:00Z or 2026-02-05T12:00:00+02:00'],
  ['hour 24', '1970-01-01T24:00:00Z,1\n', 'FILE:1:1: "1970-01-01T24:00:00Z" is not an RFC 3339 time: write it like 2026-02-05T10:00:00Z or 2026-02-05T12:00:00+02:00'],
  ['a leap second', '1970-01-01T00:00:60Z,1\n', 'FILE:1:1: "1970-01-01T00:00:60Z" is not an RFC 3339 time: write it like 2026-02-05T10:00:00Z or 2026-02-05T12:00:00+02:00'],
  ['ten decimals of a second', '1970-01-01T00:00:00.1234567890Z,1\n', 'FILE:1:1: "1970-01-01T00:00:00.1234567890Z" is not an RFC 3339 time: write it like 2026-02-05T10:00:00Z or 2026-02-05T12:00:00+02:00'],
  ['a one-digit offset hour', '1970-01-01T02:00:00+2:00,1\n', 'FILE:1:1: "1970-01-01T02:00:00+2:00" is not an RFC 3339 time: write it like 2026-02-05T10:00:00Z or 2026-02-05T12:00:00+02:00'],
  ['a dash at the fifth byte after an accent', 'é12-x,1\n0,1\n', null],
  ['a dash at the fifth byte after an accent (not a header)', '0,1\né12-x,1\n', 'FILE:2:1: "é12-x" is not an RFC 3339 time: write it like 2026-02-05T10:00:00Z or 2026-02-05T12:00:00+02:00'],
  ['a no-break space pads', '\u00a00,1\n60,\u00a0x\n', 'FILE:2:5: "x" is not a number'],
  ['a next-line character pads (Rust: whitespace; JavaScript \\s: not)', '0,1\n60,\u0085x\n', 'FILE:2:5: "x" is not a number'],
  ['a byte order mark inside is no padding', '0,1\n60,\ufeffx\n', 'FILE:2:4: "\\u{feff}x" is not a number'],
  ['CRLF', '0,1\r\n60,x\r\n', 'FILE:2:4: "x" is not a number'],
  ['a last line with CR and no LF', '0,1\n60\r', 'FILE:2:4: expected 2 fields (time,value), found 1'],
  ['an emoji counts one column', '0,1\n60,\u{1f600},2\n', 'FILE:2:6: expected 2 fields (time,value), found 3'],
  ['an emoji time', '\u{1f600},1\n', 'FILE:1:1: "\u{1f600}" is not a time: use RFC 3339 (2026-02-05T10:00:00Z) or epoch seconds (1770285600)'],
  ['a control character in a value', '0,1\n60,a\u0001b\n', 'FILE:2:4: "a\\u{1}b" is not a number'],
  ['a line over 64 KiB', `0,1\n0,${' '.repeat(65_536)}1\n`, 'FILE:2:1: a line longer than 65,536 bytes: this is not a CSV file of time,value lines'],
  ['a line of exactly 64 KiB', `0,${' '.repeat(65_533)}1\n`, null],
  ['a line over 64 KiB in bytes, not in characters', `0,1\n0,${'é'.repeat(32_768)}\n`, 'FILE:2:1: a line longer than 65,536 bytes: this is not a CSV file of time,value lines'],
  ['Rust float forms', '0,+1.5\n60,1.\n120,.5\n180,1e1\n240,-0\n300,inf\n360,-Infinity\n420,nan\n480,+NaN\n540,1_0\n', 'FILE:10:5: "1_0" is not a number'],
  ['JavaScript-only forms', '0,0x10\n', 'FILE:1:3: "0x10" is not a number'],
  ['JavaScript Infinity is Rust too', '0,Infinity\n60, 1e400\n120,-1e-400\n', null],
  ['fractional and negative epochs', '-1.5,1\n0.0005,1\n0.25,1\n3599.9995,1\n', null],
  ['RFC 3339 forms', '1970-01-01T00:00:00Z,1\n1970-01-01t00:01:00z,1\n1970-01-01 00:02:00Z,1\n1970-01-01T01:03:00+01:00,1\n1969-12-31T23:04:00.5-01:00,1\n1970-01-01T00:05:00.123456789Z,1\n', null],
  // Text.
  ['Latin-1', Buffer.from('time,value\n0,caf\xe9 1\n', 'latin1'), 'FILE:2:6: not UTF-8 text (byte 0xE9): save the file as UTF-8'],
  ['an error before bad bytes wins', Buffer.concat([Buffer.from('0,x\n'), Buffer.from([0xff])]), 'FILE:1:3: "x" is not a number'],
  ['a character cut at the end', Buffer.from([0x30, 0x2c, 0x31, 0x0a, 0x36, 0x30, 0x2c, 0xc3]), 'FILE:2:4: not UTF-8 text: the file ends inside a character (byte 0xC3)'],
  ['an overlong form', Buffer.from([0x30, 0x2c, 0xc0, 0x80, 0x0a]), 'FILE:1:3: not UTF-8 text (byte 0xC0): save the file as UTF-8'],
  ['a surrogate in UTF-8', Buffer.from([0x30, 0x2c, 0xed, 0xa0, 0x80, 0x0a]), 'FILE:1:3: not UTF-8 text (byte 0xED): save the file as UTF-8'],
  ['a NUL', '0,1\n\0', 'FILE:2:1: a NUL byte: this is not a text file'],
  ['a NUL in leading blank lines', '  \n  \0', 'FILE:2:3: a NUL byte: this is not a text file'],
  ['UTF-16 LE with a BOM', Buffer.from('\ufeff0,1\n', 'utf16le'), 'FILE:1:1: the file is UTF-16 (little-endian, byte order mark FF FE); slogate reads UTF-8 text: convert it, e.g. with iconv -f UTF-16 -t UTF-8'],
  ['UTF-16 LE without a BOM', Buffer.from('0,1\n', 'utf16le'), 'FILE:1:1: the file looks like UTF-16 (little-endian: every other byte is NUL); slogate reads UTF-8 text: convert it, e.g. with iconv -f UTF-16LE -t UTF-8'],
  ['UTF-16 BE without a BOM', Buffer.from([0, 0x30, 0, 0x2c, 0, 0x31]), 'FILE:1:1: the file looks like UTF-16 (big-endian: every other byte is NUL); slogate reads UTF-8 text: convert it, e.g. with iconv -f UTF-16BE -t UTF-8'],
  ['UTF-32 BE', Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x30]), 'FILE:1:1: the file is UTF-32 (big-endian, byte order mark 00 00 FE FF); slogate reads UTF-8 text: convert it, e.g. with iconv -f UTF-32 -t UTF-8'],
  ['a UTF-8 BOM is skipped', '\ufefftime,value\n0,x\n', 'FILE:2:3: "x" is not a number'],
  ['a UTF-8 BOM before JSON', `\ufeff${ok(`{"values":[[0,"x"]]}`)}`, 'FILE: data.result[0].values[0][1]: "x" is not a number'],
  ['an empty file: a series without samples', '', null],
  // JSON structure.
  ['a syntax error on line 3', '{\n  "status": "success",\n  "data": ,\n}', 'FILE:3:11: invalid JSON: expected value'],
  ['a top level array', '{}', 'FILE: status: missing: is this a Prometheus query_range response?'],
  ['status partial', '{"status":"partial"}', 'FILE: status: "partial" is neither "success" nor "error"'],
  ['no data', '{"status":"success"}', 'FILE: data: missing or not an object'],
  ['a vector', '{"status":"success","data":{"resultType":"vector","result":[]}}', 'FILE: data.resultType: is "vector"; slogate needs a range query\'s "matrix" (use /api/v1/query_range)'],
  ['no resultType', '{"status":"success","data":{"result":[]}}', 'FILE: data.resultType: missing'],
  ['no result', '{"status":"success","data":{"resultType":"matrix"}}', 'FILE: data.result: missing or not an array'],
  ['a result that is a number', ok('1'), 'FILE: data.result[0]: expected an object with metric and values'],
  ['metric an array', ok('{"metric":[]}'), 'FILE: data.result[0].metric: expected an object of labels'],
  ['a label a number', ok('{"metric":{"a":1}}'), 'FILE: data.result[0].metric.a: a label value must be a string'],
  ['the first bad label in key order', ok('{"metric":{"b":1,"a":2},"values":[]}'), 'FILE: data.result[0].metric.a: a label value must be a string'],
  ['no values', ok('{"metric":{}}'), 'FILE: data.result[0].values: missing'],
  ['histograms', ok('{"metric":{},"histograms":[]}'), 'FILE: data.result[0].values: native histogram samples are not supported: query a rate or a ratio instead'],
  ['values an object', ok('{"values":{}}'), 'FILE: data.result[0].values: expected an array of [time, "value"]'],
  ['a sample of one', ok('{"values":[[0,"1"],[60]]}'), 'FILE: data.result[0].values[1]: expected [time, "value"]'],
  ['a sample of three', ok('{"values":[[0,"1",2]]}'), 'FILE: data.result[0].values[0]: expected [time, "value"]'],
  ['a time as a string', ok('{"values":[["1","1"]]}'), 'FILE: data.result[0].values[0][0]: "1" is not a time in epoch seconds'],
  ['a time in milliseconds', ok('{"values":[[1700000000000,"1"]]}'), 'FILE: data.result[0].values[0][0]: 1700000000000 is not a time in epoch seconds'],
  ['a float time past year 9999', ok('{"values":[[1.7e12,"1"]]}'), 'FILE: data.result[0].values[0][0]: 1700000000000.0 is not a time in epoch seconds'],
  ['a time of 1e16', ok('{"values":[[1e16,"1"]]}'), 'FILE: data.result[0].values[0][0]: 1e+16 is not a time in epoch seconds'],
  ['a negative time far back', ok('{"values":[[-5000000000000,"1"]]}'), 'FILE: data.result[0].values[0][0]: -5000000000000 is not a time in epoch seconds'],
  ['a time past u64', ok('{"values":[[123456789012345678901234,"1"]]}'), 'FILE: data.result[0].values[0][0]: 1.2345678901234567e+23 is not a time in epoch seconds'],
  ['a time of -9223372036854775808', ok('{"values":[[-9223372036854775808,"1"]]}'), 'FILE: data.result[0].values[0][0]: -9223372036854775808 is not a time in epoch seconds'],
  ['a time of -9223372036854775809', ok('{"values":[[-9223372036854775809,"1"]]}'), 'FILE: data.result[0].values[0][0]: -9.223372036854776e+18 is not a time in epoch seconds'],
  ['a time of true, null, an array, an object', ok('{"values":[[true,"1"]]},{"values":[[null,"1"]]}'), 'FILE: data.result[0].values[0][0]: true is not a time in epoch seconds'],
  ['a time of null', ok('{"values":[[null,"1"]]}'), 'FILE: data.result[0].values[0][0]: null is not a time in epoch seconds'],
  ['a time array', ok('{"values":[[[1],"1"]]}'), 'FILE: data.result[0].values[0][0]: […] is not a time in epoch seconds'],
  ['a value object', ok('{"values":[[0,{"a":1}]]}'), 'FILE: data.result[0].values[0][1]: {…} is not a number'],
  ['a value true', ok('{"values":[[0,true]]}'), 'FILE: data.result[0].values[0][1]: true is not a number'],
  ['a value string', ok('{"values":[[0,"abc"]]}'), 'FILE: data.result[0].values[0][1]: "abc" is not a number'],
  ['a value with escapes', ok('{"values":[[0," a\\u00e9\\n"]]}'), 'FILE: data.result[0].values[0][1]: "aé" is not a number'],
  ['a time error before a value error', ok('{"values":[["x","y"]]}'), 'FILE: data.result[0].values[0][0]: "x" is not a time in epoch seconds'],
  ['a structural error, then a syntax error: the syntax error wins', `${ok('{"values":[[0,"x"]]}').slice(0, -2)},}}`, 'FILE:1:83: invalid JSON: trailing comma'],
  ['a Prometheus error', '{"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected \\"}\\""}', 'FILE: Prometheus error (bad_data): 1:5: parse error: unexpected "}"'],
  ['a Prometheus error without words', '{"status":"error"}', 'FILE: Prometheus error (error): (no message)'],
  ['repeated keys: the last wins', '{"data":{"result":[{"values":[[0,"x"]],"metric":{"b":"2","a":1,"a":"1"},"values":[[0,"5"]]}],"resultType":"vector","resultType":"matrix"},"status":"error","status":"success"}', null],
  ['values as numbers and nulls', ok(`{"values":[${minutes(61, (i) => (i % 7 === 0 ? 'null' : i % 5 === 0 ? '"null"' : `${9.5 + (i % 3) / 4}`))}]}`), null],
  ['Prometheus strings', ok(`{"metric":{"__name__":"x","job":"a"},"values":[${minutes(61, (i) => ['"NaN"', '"+Inf"', '"-Inf"', '"9.75"', '" 9 "', '"1e1"'][i % 6])}]}`), null],
  ['two series with labels, labels sorted', ok(`{"metric":{"z":"1","a":"é"},"values":[${minutes(30)}]},{"metric":{"a":"\\ud83d\\ude00"},"values":[${minutes(61)}]}`), null],
  ['an empty result', ok(''), 'warning: FILE: no series in this file'],
  ['a series without samples', ok('{"metric":{},"values":[]}'), null],
  ['blank lines, then JSON with an error', `\n \u00a0\r\n${ok('{"values":[[0,1]]').slice(0, -3)}`, 'FILE:3:77: invalid JSON: EOF while parsing an object'],
  // JSON syntax, each error at serde_json's place.
  ['a trailing comma in an array', ok(`{"values":[[0,"1"],]}`), 'FILE:1:80: invalid JSON: trailing comma'],
  ['a trailing comma in an object', '{"status":"success",}', 'FILE:1:21: invalid JSON: trailing comma'],
  ['a missing colon', '{"status" "success"}', 'FILE:1:11: invalid JSON: expected `:`'],
  ['a missing comma', '{"status":"success" "data":1}', 'FILE:1:21: invalid JSON: expected `,` or `}`'],
  ['a missing comma in an array', ok('{"values":[[0 "1"]]}'), 'FILE:1:75: invalid JSON: expected `,` or `]`'],
  ['a key that is no string', '{status:1}', 'FILE:1:2: invalid JSON: key must be a string'],
  ['a second key that is no string', '{"a":1,2:1}', 'FILE:1:8: invalid JSON: key must be a string'],
  ['an unterminated string', '{"status":"succ', 'FILE:1:15: invalid JSON: EOF while parsing a string'],
  ['an invalid escape', '{"status":"a\\x"}', 'FILE:1:14: invalid JSON: invalid escape'],
  ['a bad hex escape', '{"status":"\\u12g4"}', 'FILE:1:17: invalid JSON: invalid escape'],
  ['a lone trailing surrogate', '{"status":"\\udc00"}', 'FILE:1:17: invalid JSON: lone leading surrogate in hex escape'],
  ['a leading surrogate then text', '{"status":"\\ud800x"}', 'FILE:1:18: invalid JSON: unexpected end of hex escape'],
  ['a leading surrogate then another escape', '{"status":"\\ud800\\n"}', 'FILE:1:19: invalid JSON: unexpected end of hex escape'],
  ['a leading surrogate then a non-surrogate', '{"status":"\\ud800\\u0041"}', 'FILE:1:23: invalid JSON: lone leading surrogate in hex escape'],
  ['a control character in a string', '{"status":"a\tb"}', 'FILE:1:13: invalid JSON: control character (\\u0000-\\u001F) found while parsing a string'],
  ['a leading zero', ok('{"values":[[01,"1"]]}'), 'FILE:1:74: invalid JSON: invalid number'],
  ['a minus alone', ok('{"values":[[-,"1"]]}'), 'FILE:1:74: invalid JSON: invalid number'],
  ['a dot without digits', ok('{"values":[[1.,"1"]]}'), 'FILE:1:75: invalid JSON: invalid number'],
  ['an exponent without digits', ok('{"values":[[1e,"1"]]}'), 'FILE:1:75: invalid JSON: invalid number'],
  ['a signed exponent without digits', ok('{"values":[[1e+]]}'), 'FILE:1:76: invalid JSON: invalid number'],
  ['a number out of range', ok('{"values":[[1e400,"1"]]}'), 'FILE:1:78: invalid JSON: number out of range'],
  ['an exponent past i32', ok('{"values":[[1e99999999999,"1"]]}'), 'FILE:1:84: invalid JSON: number out of range'],
  ['a tiny number is zero', ok(`{"values":[[1e-99999999999,"1"],${minutes(61)}]}`), null],
  ['serde_json float arithmetic (not correctly rounded)', ok(`{"values":[${minutes(61, (i) => ['9.000000000000001e-310', '0.30000000000000004', '1234567890123456789012e-10', '7.0e-10', '123456.789e3', '2.2250738585072011e-308'][i % 6])}]}`), null],
  ['times with many digits', ok(`{"values":[${Array.from({ length: 61 }, (_, i) => `[${i * 60}.000499999999999999999${i},"10"]`).join(',')}]}`), null],
  ['a misspelled true', ok('{"values":[[0,tru]]}'), 'FILE:1:78: invalid JSON: expected ident'],
  ['null cut off', '{"status":nu', 'FILE:1:12: invalid JSON: EOF while parsing a value'],
  ['an accent before an error counts its bytes', '{"é":[}', 'FILE:1:8: invalid JSON: expected value'],
  ['an unexpected non-ASCII character', '{"status":é}', 'FILE:1:11: invalid JSON: expected value'],
  ['trailing characters', `${ok('')} x`, 'FILE:1:65: invalid JSON: trailing characters'],
  ['a second value', `${ok('')}{}`, 'FILE:1:64: invalid JSON: trailing characters'],
  ['an object cut off', '{"status":"success"', 'FILE:1:19: invalid JSON: EOF while parsing an object'],
  ['an array cut off', ok('{"values":[[0,"1"]').slice(0, -3), 'FILE:1:78: invalid JSON: EOF while parsing a list'],
  ['after a comma, the end', '{"a":[1,', 'FILE:1:8: invalid JSON: EOF while parsing a value'],
  ['128 levels deep', `{"a":${'['.repeat(127)}${']'.repeat(127)}}`, 'FILE:1:132: invalid JSON: recursion limit exceeded'],
  ['127 levels deep', `{"a":${'['.repeat(126)}${']'.repeat(126)}}`, 'FILE: status: missing: is this a Prometheus query_range response?'],
  ['a NUL after the JSON', Buffer.concat([Buffer.from(ok('')), Buffer.from([0])]), 'FILE:1:64: a NUL byte: this is not a text file'],
  ['bad bytes in a JSON string', Buffer.concat([Buffer.from('{"status":"a'), Buffer.from([0xe9]), Buffer.from('"}')]), 'FILE:1:13: not UTF-8 text (byte 0xE9): save the file as UTF-8'],
  ['a syntax error before bad bytes wins', Buffer.concat([Buffer.from('{"a":x'), Buffer.from([0xff])]), 'FILE:1:6: invalid JSON: expected value'],
];

describe('bad and odd files: the same error as the CLI, at the same place', () => {
  for (const [title, content, expected] of CASES) {
    test(title, () => {
      assert.equal(same(content), expected);
    });
  }
});

describe('the sample limit, as the CLI counts it', () => {
  test('CSV: the sample past the limit is named by its line', () => {
    assert.equal(same('0,1\n60,1\n\n120,1\n', { maxSamples: 2 }), 'FILE:4:1: more than 2 samples, the limit per data file (series and labels count by their memory): raise it with --max-samples');
    assert.equal(same('0,1\n60,1\n\n', { maxSamples: 2 }), null);
    assert.equal(same('0,1\n60,x\n120,1\n', { maxSamples: 1 }), 'FILE:2:4: "x" is not a number');
  });

  test('JSON: series and labels count by their memory', () => {
    const labels = `{"${'k'.repeat(40)}":"${'v'.repeat(40)}"}`;
    for (const max of [1, 9, 10, 14, 15, 16, 20, 21, 22, 40, 41, 100]) {
      same(ok(`{"metric":${labels},"values":[[0,"1"],[60,"1"]]},{"metric":{},"values":[[0,"1"]]}`), { maxSamples: max });
    }
    assert.equal(same(ok('{"metric":{},"values":[[0,"1"],[60,"1"]]}'), { maxSamples: 11 }), 'FILE: data.result[0].values[1]: more than 11 samples, the limit per data file (series and labels count by their memory): raise it with --max-samples');
  });

  test('a syntax error after the limit is not reached: the limit stops the reading', () => {
    assert.match(same(`${ok('{"metric":{},"values":[[0,"1"],[60,"1"]]}')} x`, { maxSamples: 11 }), /more than 11 samples/);
  });
});

/** Mutations per seed file; SLOGATE_PARITY_MUTATIONS=5000 for a longer hunt. */
const MUTATIONS = Number(process.env.SLOGATE_PARITY_MUTATIONS ?? 60);

describe('mutations of valid files: both readers agree on each', () => {
  const seeds = [
    ['CSV', `time,value\n${Array.from({ length: 61 }, (_, i) => `${i * 60},${9 + (i % 3) * 0.25}`).join('\n')}\n`],
    ['CSV with RFC 3339 and gaps', `time , value\r\n${Array.from({ length: 61 }, (_, i) => `1970-01-01T${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z, ${i % 9 === 0 ? '' : i % 10 === 0 ? 'null' : 9.5}`).join('\r\n')}\r\n`],
    ['JSON', ok(`{"metric":{"__name__":"good","job":"api"},"values":[${minutes(61)}]}`)],
    ['JSON, two series, escapes', `{\n "status": "success",\n "data": {"resultType": "matrix", "result": [\n  {"metric": {"a": "x\\u00e9\\"y"}, "values": [${minutes(20, () => '"9.5"')}]},\n  {"metric": {}, "values": [${minutes(61, (i) => (i % 2 ? '9' : '"NaN"'))}]}]}}\n`],
  ];
  // Bytes that break things in interesting ways.
  const alphabet = Buffer.from(',\n\r"\\{}[]:.-+0123456789eEnNaIf \t\x00\xc3\xa9\xff');

  /** A small deterministic PRNG (mulberry32), so the cases are the same on every run. */
  function prng(seed) {
    let a = seed;
    return (n) => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n | 0;
    };
  }

  function mutate(bytes, random) {
    const b = Buffer.from(bytes);
    const at = random(b.length + 1);
    switch (random(6)) {
      case 0:
        return Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + random(3))]);
      case 1:
        return Buffer.concat([b.subarray(0, at), alphabet.subarray(random(alphabet.length)).subarray(0, 1), b.subarray(at)]);
      case 2: {
        const copy = Buffer.from(b);
        if (at < copy.length) copy[at] = alphabet[random(alphabet.length)];
        return copy;
      }
      case 3:
        return b.subarray(0, at);
      case 4: {
        const len = 1 + random(20);
        return Buffer.concat([b.subarray(0, at + len), b.subarray(at, at + len), b.subarray(at + len)]);
      }
      default:
        return Buffer.concat([b.subarray(0, at), Buffer.from(String(random(1e6) / (1 + random(1000)))), b.subarray(at)]);
    }
  }

  for (const [name, text] of seeds) {
    test(`${name}: ${MUTATIONS} mutations`, () => {
      const random = prng(name.length * 7919);
      let errors = 0;
      for (let i = 0; i < MUTATIONS; i++) {
        let bytes = Buffer.from(text);
        for (let k = 1 + random(2); k > 0; k--) bytes = mutate(bytes, random);
        if (same(bytes) !== null) errors++;
      }
      // Both kinds of outcome are exercised.
      assert.ok(errors > MUTATIONS / 10 && errors < MUTATIONS, `${errors} of ${MUTATIONS} mutations were errors`);
    });
  }
});

describe('the readers on their own', () => {
  test('parseCsv and parseQueryRange read what parseData reads', () => {
    const csv = '0,1\n60,2\n';
    assert.deepEqual([parseCsv(csv, 'good')], parseData(csv, 'good'));
    const json = ok('{"metric":{"a":"b"},"values":[[0,"1"]]}');
    assert.deepEqual(parseQueryRange(json, 'good'), parseData(json, 'good'));
    assert.deepEqual(parseQueryRange(JSON.parse(json), 'good'), parseData(json, 'good'));
  });

  test('errors carry the place and the names', () => {
    const e = (() => {
      try {
        parseCsv('0,1\n60, abc\n', 'good', { source: 'good.csv' });
      } catch (error) {
        return error;
      }
    })();
    assert.ok(e instanceof DataError);
    assert.deepEqual(
      { name: e.name, kind: e.kind, source: e.source, line: e.line, column: e.column, jsonPath: e.jsonPath, series: e.series, message: e.message },
      { name: 'DataError', kind: 'bad-data', source: 'good.csv', line: 2, column: 5, jsonPath: null, series: 'good', message: 'good.csv:2:5: "abc" is not a number' },
    );
    assert.throws(() => parseQueryRange(ok('{"values":[[0,"x"]]}'), 'good', { source: 'u' }), { jsonPath: 'data.result[0].values[0][1]', line: null });
    assert.throws(() => parseCsv(42, 'good'), { kind: 'bad-argument' });
    assert.throws(() => parseCsv('', 7), { kind: 'bad-argument' });
    assert.throws(() => parseCsv('', 'good', { maxSamples: -1 }), { kind: 'bad-argument' });
    assert.throws(() => parseQueryRange(7, 'good'), { kind: 'bad-argument' });
  });

  test('a CSV header is only a header on line 1, and only with a letter or quote first', () => {
    assert.equal(parseCsv('"time","value"\n0,2\n', 'g').values[0], 2);
    assert.equal(parseCsv('\u00e9,x\n0,2\n', 'g').values[0], 2);
    assert.equal(parseCsv('', 'g').times.length, 0);
  });
});
