import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeScenario, DEFAULT_SCENARIO, encodeScenario, parseScenario } from '../src/scenario.js';

test('the defaults encode as the version alone; changes as what differs, and decode back', () => {
  assert.equal(encodeScenario(DEFAULT_SCENARIO), '{"v":1}');
  assert.deepEqual(decodeScenario('{"v":1}'), DEFAULT_SCENARIO);
  const params = structuredClone(DEFAULT_SCENARIO);
  params.seed = 42;
  params.traffic.shape = 'weekly';
  params.incidents.push({ start: '2026-02-05T10:00:00Z', length: '1h30m', errorRatio: 1, gaugeFactor: 2, series: 'good', group: 2 });
  params.gaps = [{ start: '-1d', length: '20m', series: 'total' }];
  params.resets = ['-3h'];
  params.maintenance = [{ start: '-6d', length: '2h', every: '7d', errorRatio: 0.5, gaugeFactor: 3 }];
  params.thresholds = { p99: { op: '<=', value: 0.5 } };
  const text = encodeScenario(params);
  assert.ok(!text.includes('"noise"') && text.includes('"seed":42'), text);
  assert.deepEqual(parseScenario(text), { params, problems: [] });
  assert.ok(text.length < 600, `${text.length} characters`);
});

test('empty text is the defaults without a message', () => {
  for (const empty of ['', undefined, null]) assert.deepEqual(parseScenario(empty), { params: DEFAULT_SCENARIO, problems: [] });
});

test('a bad or old link gives the defaults and says why, never throws', () => {
  const cases = [
    ['not json', /not readable/],
    ['[1,2]', /not a set of parameters/],
    ['{"seed":3}', /has version null, this playground reads version 1/],
    ['{"v":2,"seed":3}', /has version 2/],
    [42, /expected text/],
  ];
  for (const [text, message] of cases) {
    const { params, problems } = parseScenario(text);
    assert.deepEqual(params, DEFAULT_SCENARIO);
    assert.equal(problems.length, 1);
    assert.match(problems[0], message);
  }
});

test('a link with some bad values keeps the good ones and names each bad one', () => {
  const { params, problems } = parseScenario(JSON.stringify({
    v: 1,
    seed: 9,
    noise: 'lots',
    traffic: { shape: 'hourly', rate: 5, colour: 'red' },
    incidents: [{ start: 'yesterday', length: '2h' }, 'x', { start: '-1h', length: '5 minutes', errorRatio: 3 }],
    thresholds: { p99: { op: '=<', value: 1 }, p50: { op: '<', value: 0.1 } },
    resets: ['-1h', 5],
    extra: true,
  }));
  assert.equal(params.seed, 9);
  assert.equal(params.noise, DEFAULT_SCENARIO.noise);
  assert.equal(params.traffic.shape, 'daily');
  assert.equal(params.traffic.rate, 5);
  assert.deepEqual(params.incidents.map((i) => [i.start, i.length, i.errorRatio]), [['-4h', '2h', 0.05], ['-1h', '45m', 0.05]]);
  assert.deepEqual(params.thresholds, { p50: { op: '<', value: 0.1 } });
  assert.deepEqual(params.resets, ['-1h', '-12h']);
  assert.deepEqual(problems, [
    'extra: unknown parameter, ignored',
    'traffic.colour: unknown parameter, ignored',
    'traffic.shape: "hourly" is not one of constant, daily, weekly; using daily',
    'noise: "lots" is not a number; using 0.2',
    'thresholds["p99"]: expected {op: one of < <= > >= == !=, value: a number}, found a mapping; left out',
    'incidents[0].start: "yesterday" is not a time: write an offset before the evaluation like -3h, or an instant like 2026-02-05T10:00:00Z; using -4h',
    'incidents[1]: expected a mapping, found "x"; left out',
    'incidents[2].length: "5 minutes" is not a duration like 30m or 1h30m; using 45m',
    'incidents[2].errorRatio: 3 is outside 0…1; using 0.05',
    'resets[1]: 5 is not text; using -12h',
  ]);
});

test('hostile shapes: deep nesting, prototype keys, huge lists', () => {
  const proto = parseScenario('{"v":1,"thresholds":{"__proto__":{"op":"<","value":1}},"__proto__":{"seed":5}}');
  assert.equal(Object.getPrototypeOf(proto.params.thresholds), Object.prototype);
  assert.deepEqual(Object.keys(proto.params.thresholds), ['__proto__']);
  assert.equal(proto.params.seed, 1);
  const many = parseScenario(JSON.stringify({ v: 1, gaps: Array(500).fill({ start: '-1h', length: '1m' }) }));
  assert.equal(many.params.gaps.length, 100);
  assert.match(many.problems[0], /^gaps: 500 entries, at most 100; keeping the first 100$/);
  assert.doesNotThrow(() => parseScenario(`{"v":1,"traffic":${'['.repeat(5000)}${']'.repeat(5000)}}`));
});

test('durations and instants: slogate syntax only', async () => {
  const { parseDuration, parseInstant, formatDuration, resolveWhen } = await import('../src/scenario.js');
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('1500ms'), 1500);
  for (const bad of ['', '30m1h', '1h1h', '1.5h', '1H', '0s', '-1h', '5 m', 'h']) assert.equal(parseDuration(bad), null, bad);
  assert.equal(formatDuration(5_400_000), '1h30m');
  assert.equal(formatDuration(14 * 86_400_000), '2w');
  assert.equal(formatDuration(10 * 86_400_000), '10d');
  assert.equal(parseInstant('2026-02-05T12:00:00+02:00'), Date.UTC(2026, 1, 5, 10));
  assert.equal(parseInstant('2026-02-05T10:00:00.250Z'), Date.UTC(2026, 1, 5, 10, 0, 0, 250));
  for (const bad of ['2026-02-30T00:00:00Z', '2026-02-05', '2026-02-05T10:00:00', '1770000000']) assert.equal(parseInstant(bad), null, bad);
  assert.equal(resolveWhen('-90m', Date.UTC(2026, 0, 1, 12)), Date.UTC(2026, 0, 1, 10, 30));
});
