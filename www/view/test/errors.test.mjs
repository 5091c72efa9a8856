import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeError } from '@slogate/view';

test('a missing series names where the policy names it and what the data has', () => {
  const d = describeError({ name: 'SlogateError', kind: 'missing-series', message: 'no series named "total" …', series: 'total', path: 'spec.slos[0].sli.ratio.total', available: ['good', 'bad'] });
  assert.equal(d.title, 'no data for series `total`');
  assert.deepEqual(d.lines, ["the policy's spec.slos[0].sli.ratio.total names series `total`, the data has: good, bad"]);
  const none = describeError({ kind: 'missing-series', series: 'total', path: null, available: [] });
  assert.deepEqual(none.lines, ['the policy names series `total`, the data has no series']);
});

test('a bad policy lists every diagnostic with line:column, path and the did-you-mean', () => {
  const d = describeError({
    name: 'SlogateError',
    kind: 'bad-policy',
    message: '<policy>:28:5: error: …',
    diagnostics: [
      { line: 28, column: 5, severity: 'error', message: 'unknown key "windw" (did you mean "window"?)', path: 'spec.defaults.windw' },
      { line: null, column: null, severity: 'warning', message: 'no alerts', path: '' },
    ],
  });
  assert.equal(d.title, 'the policy is not valid: 1 error');
  assert.deepEqual(d.diagnostics, [
    { where: '28:5', severity: 'error', text: 'spec.defaults.windw: unknown key "windw" (did you mean "window"?)' },
    { where: 'policy', severity: 'warning', text: 'no alerts' },
  ]);
  assert.deepEqual(d.lines, []);
});

test('a bad series with the sample at fault; text from the data shown as text with escapes', () => {
  const d = describeError({ kind: 'bad-series', message: 'time is not finite', series: 'go\nod', path: 'spec.slos[0].sli.ratio.good', index: 3 });
  assert.equal(d.title, 'the data of series `go\\nod` (spec.slos[0].sli.ratio.good) cannot be read');
  assert.deepEqual(d.lines, ['time is not finite (sample 3)']);
});

test('a data file the readers refuse: the file in the title, the place in the line', () => {
  const d = describeError({ name: 'DataError', kind: 'bad-data', message: 'good.csv:2:5: "abc" is not a number', source: 'good.csv', series: 'good', path: null, line: 2, column: 5 });
  assert.equal(d.title, 'the data in `good.csv` for series `good` cannot be read');
  assert.deepEqual(d.lines, ['good.csv:2:5: "abc" is not a number']);
  assert.equal(describeError({ kind: 'bad-data', message: 'x', source: null, series: null }).title, 'the data cannot be read');
});

test('the policy fetched by URL: the URL and the HTTP status', () => {
  const d = describeError({ kind: 'policy-http', url: 'https://x.test/p.yaml', status: 404, message: 'Not Found' });
  assert.equal(d.title, 'the policy cannot be fetched: HTTP 404');
  assert.deepEqual(d.lines, ['https://x.test/p.yaml answered HTTP 404: Not Found']);
  const u = describeError({ kind: 'policy-unreachable', url: 'https://x.test/p.yaml', message: 'Failed to fetch' });
  assert.deepEqual(u.lines, ['https://x.test/p.yaml: Failed to fetch']);
});

test('Prometheus errors say what the server said and for which series and query', () => {
  const base = { name: 'PrometheusError', series: 'good', path: 'spec.slos[0].sli.ratio.good', query: 'sum(rate(x[5m]))', url: 'http://p:9090', status: null };
  assert.equal(describeError({ ...base, kind: 'unreachable', message: 'Failed to fetch' }).title, 'Prometheus is unreachable');
  assert.deepEqual(describeError({ ...base, kind: 'unreachable', message: 'Failed to fetch' }).lines, ['http://p:9090: Failed to fetch', 'query: sum(rate(x[5m]))']);
  assert.equal(describeError({ ...base, kind: 'http', status: 500, message: 'boom' }).title, 'Prometheus answered HTTP 500 for series `good` (spec.slos[0].sli.ratio.good)');
  const promql = describeError({ ...base, kind: 'promql', message: 'parse error at char 5' });
  assert.equal(promql.title, 'Prometheus rejected the query for series `good` (spec.slos[0].sli.ratio.good)');
  assert.deepEqual(promql.lines, ['parse error at char 5', 'query: sum(rate(x[5m]))']);
  assert.match(describeError({ ...base, kind: 'empty', message: 'no series' }).title, /no samples for series `good`/);
  assert.equal(describeError({ ...base, kind: 'timeout', message: 'after 30s' }).title, 'Prometheus did not answer in time');
  assert.match(describeError({ ...base, kind: 'no-query', message: 'x' }).title, /no PromQL query for series `good`/);
  assert.deepEqual(describeError({ ...base, series: null, kind: 'too-many-requests', message: '1200 requests, at most 1000' }), {
    title: 'the policy needs more Prometheus requests than allowed',
    lines: ['1200 requests, at most 1000'],
    diagnostics: [],
  });
});

test('anything else: its message, never undefined', () => {
  assert.deepEqual(describeError(new TypeError('x is not a function')), { title: 'slogate cannot show this report', lines: ['x is not a function'], diagnostics: [] });
  assert.deepEqual(describeError('plain').lines, ['plain']);
  assert.doesNotMatch(JSON.stringify(describeError({})), /undefined/);
});
