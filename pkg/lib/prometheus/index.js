// @slogate/engine/prometheus: the series of an engine's data plan, fetched
// from a Prometheus-compatible server (Prometheus, Thanos, Mimir, …) as
// `slogate eval --prometheus` fetches them (docs/data.md, "From a Prometheus
// server"): per planned series its query over the planned range at the
// planned step, ranges of more than 11,000 points in chunks joined by label
// set, every response read by `parseQueryRange`, one deadline for all.

import { DataError, parseQueryRange } from '../data/index.js';
import { SlogateError } from '../slogate-error.js';
import { PrometheusError } from './error.js';
import { MAX_POINTS, chunks, formatDuration, gridStart, queryUrl, redact, rfc3339, splitCredentials } from './requests.js';

export { PrometheusError, MAX_POINTS };

/** The CLI's --max-requests: a plan needing more is refused before any request. */
export const DEFAULT_MAX_REQUESTS = 1000;

/** At most this much of one response (as the CLI). */
const MAX_BODY = 2 ** 30;

/** Prometheus' error types that mean "your query": refused or failed as PromQL. */
const QUERY_ERRORS = new Set(['bad_data', 'execution']);

/** Why the requests were stopped: the deadline, or a failure elsewhere. */
const DEADLINE = Symbol('deadline');
const STOPPED = Symbol('stopped');

/**
 * Fetches every series of `plan` (from `engine.plan(atMs)`, or with the
 * series the caller supplies itself left out of `plan.series`) and resolves
 * to the series for `engine.evaluate(plan.at, series)`: one per label set,
 * each with `stepMs`. Rejects with a PrometheusError (or, when `signal`
 * aborts, with its reason).
 */
export async function fetchPlannedSeries(plan, options) {
  const settings = checked(plan, options);
  const { signal, timeoutMs, maxRequests } = settings;
  signal?.throwIfAborted();
  const { base, authorization } = settings.target;
  const shownBase = redact(settings.url).replace(/\/+$/, '');

  // Everything that can be refused is refused before the first request.
  const tasks = [];
  plan.series.forEach((p, index) => {
    const named = { series: p.name, path: p.path };
    if (typeof p.query !== 'string' || p.query === '') {
      throw new PrometheusError('no-query', `series "${p.name}" has no query for Prometheus: give it one in the policy (${p.path}), or supply its data`, named);
    }
    const start = gridStart(p.start, p.end, p.stepMs);
    chunks(start, p.end, p.stepMs).forEach(([s, e], chunk) => {
      tasks.push({ order: tasks.length, index, chunk, planned: p, url: queryUrl(base, p.query, s, e, p.stepMs), shown: queryUrl(shownBase, p.query, s, e, p.stepMs), shownBase });
    });
  });
  if (tasks.length > maxRequests) {
    const span = Math.max(...plan.series.map((p) => p.end)) - Math.min(...plan.series.map((p) => p.start));
    throw new PrometheusError(
      'too-many-requests',
      `fetching ${plan.series.length} series over ${formatDuration(span)} would take ${tasks.length} requests (at most ${MAX_POINTS.toLocaleString('en-US')} steps a request), more than maxRequests ${maxRequests}: plan at a coarser step, or raise maxRequests`,
    );
  }

  const headers = { Accept: 'application/json', ...(authorization ? { Authorization: authorization } : {}), ...settings.headers };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(DEADLINE), timeoutMs);
  const onAbort = () => controller.abort(signal.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const results = plan.series.map(() => []);
  const failures = [];
  let next = 0;
  const context = { fetch: settings.fetch, headers, signal: controller.signal, timeoutMs };

  async function worker() {
    while (next < tasks.length && !controller.signal.aborted) {
      const task = tasks[next++];
      try {
        results[task.index][task.chunk] = await fetchOne(task, context);
      } catch (e) {
        if (e === STOPPED) continue;
        failures.push({ order: task.order, error: e });
        if (!controller.signal.aborted) controller.abort(STOPPED);
      }
    }
    // A deadline that passed before a request was sent is that request's failure.
    if (next < tasks.length && controller.signal.reason === DEADLINE && failures.length === 0) {
      failures.push({ order: next, error: timeout(tasks[next], timeoutMs, 'not sent') });
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(settings.concurrency, tasks.length) }, worker));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
  if (signal?.aborted) throw signal.reason;
  if (failures.length > 0) throw failures.sort((a, b) => a.order - b.order)[0].error;

  return plan.series.flatMap((p, index) => {
    const merged = mergeByLabels(results[index], p.stepMs);
    if (merged.length === 0) {
      const start = gridStart(p.start, p.end, p.stepMs);
      throw new PrometheusError(
        'empty',
        `no series for ${p.query} from ${rfc3339(start)} to ${rfc3339(p.end)}: check the query (a query that may match no series, e.g. of errors, can end in 'or vector(0)')`,
        { series: p.name, path: p.path, query: p.query, url: shownBase },
      );
    }
    return merged;
  });
}

/** One chunk: its series (named after the planned series), or a PrometheusError. */
async function fetchOne(task, { fetch, headers, signal, timeoutMs }) {
  const { planned } = task;
  const fields = { series: planned.name, path: planned.path, query: planned.query, url: task.shown };
  let response;
  try {
    response = await fetch(task.url, { method: 'GET', headers, signal, cache: 'no-store', redirect: 'follow' });
  } catch (e) {
    // No answer: the server is what is named, not one of its URLs.
    throw interrupted(signal, task, timeoutMs) ?? unreachable(e, { ...fields, url: task.shownBase });
  }
  let bytes;
  try {
    bytes = await readBody(response);
  } catch (e) {
    throw interrupted(signal, task, timeoutMs) ?? brokenBody(e, fields, response.status);
  }
  const status = response.status;
  const answered = { ...fields, status };
  if (status < 200 || status > 299) throw httpError(bytes, response, answered);
  try {
    // `response:1:1: …`: the request is the error's `url`, not repeated in its message.
    return parseQueryRange(bytes, planned.name, { source: 'response' });
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    // `{"status":"error", …}` with a success status: Prometheus' own words still.
    const own = prometheusError(bytes);
    if (own) throw ownError(own, answered, e);
    throw new PrometheusError('bad-response', e.message, { ...answered, cause: e });
  }
}

/** The body, at most MAX_BODY bytes; read as it streams so that a cut-off says how far it got. */
async function readBody(response) {
  if (!response.body || typeof response.body.getReader !== 'function') return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const parts = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_BODY) {
        reader.cancel().catch(() => {});
        throw new BodyError(`the response is larger than 1 GiB`, total);
      }
      parts.push(value);
    }
  } catch (e) {
    if (e instanceof BodyError) throw e;
    throw new BodyError(`the response broke off after ${total.toLocaleString('en-US')} bytes (${describe(e)})`, total, e);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}

class BodyError extends Error {
  constructor(message, bytes, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.bytes = bytes;
  }
}

/** The deadline's or a stop's error when the requests were aborted; null when not. */
function interrupted(signal, task, timeoutMs) {
  if (!signal.aborted) return null;
  if (signal.reason === DEADLINE) return timeout(task, timeoutMs);
  return STOPPED;
}

function timeout(task, timeoutMs, what = 'no answer in time') {
  const { planned } = task;
  return new PrometheusError(
    'timeout',
    `${what === 'not sent' ? 'not sent: ' : ''}no answer in time: all of Prometheus' answers must arrive within ${formatDuration(timeoutMs)} (raise the timeout, or ask for less: a coarser step)`,
    { series: planned.name, path: planned.path, query: planned.query, url: task.shown },
  );
}

function unreachable(e, fields) {
  return new PrometheusError(
    'unreachable',
    `no answer (${describe(e)}): the server is down, the URL is wrong, or it refuses to be read from this page's origin — a browser cannot tell these apart. A page on another origin reads Prometheus only when Prometheus runs with --web.cors.origin='<a regex matching this page's origin>' (or a proxy sends the CORS headers)`,
    { ...fields, cause: e },
  );
}

function brokenBody(e, fields, status) {
  return new PrometheusError('bad-response', e.message, { ...fields, status, cause: e.cause ?? e });
}

/** A non-2xx answer: Prometheus' own error where its body is one, else the status and the body's start. */
function httpError(bytes, response, fields) {
  const own = prometheusError(bytes);
  if (own) return ownError(own, fields);
  const excerpt = Array.from(new TextDecoder().decode(bytes.subarray(0, 800))).slice(0, 200).join('').trim();
  return new PrometheusError('http', `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}: ${excerpt || '(no body)'}`, fields);
}

function ownError({ errorType, error }, fields, cause) {
  const kind = QUERY_ERRORS.has(errorType) ? 'promql' : 'http';
  return new PrometheusError(kind, error, { ...fields, errorType, ...(cause ? { cause } : {}) });
}

/** `{errorType, error}` of a Prometheus JSON error body, or null. */
function prometheusError(bytes) {
  // Error bodies are small; a large body is no error body.
  if (bytes.byteLength > 1 << 20) return null;
  try {
    const body = JSON.parse(new TextDecoder().decode(bytes));
    if (body?.status !== 'error') return null;
    return {
      errorType: typeof body.errorType === 'string' ? body.errorType : 'error',
      error: typeof body.error === 'string' && body.error !== '' ? body.error : '(no message)',
    };
  } catch {
    return null;
  }
}

/** The chunks' series of one planned series, joined per label set in order of first appearance. */
function mergeByLabels(chunkResults, stepMs) {
  const byLabels = new Map();
  for (const found of chunkResults) {
    for (const s of found) {
      const key = JSON.stringify(Object.entries(s.labels));
      const m = byLabels.get(key);
      if (m) {
        m.times.push(s.times);
        m.values.push(s.values);
      } else {
        byLabels.set(key, { name: s.name, labels: s.labels, times: [s.times], values: [s.values] });
      }
    }
  }
  return [...byLabels.values()].map((m) => ({ name: m.name, labels: m.labels, times: concat(m.times), values: concat(m.values), stepMs }));
}

function concat(columns) {
  if (columns.length === 1) return columns[0];
  const out = new Float64Array(columns.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of columns) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** `Name: message (cause)` of a failure, without throwing. */
function describe(e) {
  try {
    const cause = e?.cause?.code ?? e?.cause?.message;
    return `${e?.name ?? 'Error'}: ${e?.message ?? String(e)}${cause ? ` (${cause})` : ''}`;
  } catch {
    return 'an error that cannot be printed';
  }
}

/** The options, checked: a SlogateError of kind `bad-argument` names what is wrong. */
function checked(plan, options) {
  const call = 'fetchPlannedSeries(plan, options)';
  const bad = (what) => new SlogateError(`${call}: ${what}`, { kind: 'bad-argument' });
  if (plan === null || typeof plan !== 'object' || !Array.isArray(plan.series)) throw bad('plan must be a data plan, {at, series: [...]}, as engine.plan(atMs) gives');
  for (const [i, p] of plan.series.entries()) {
    const ok = p && typeof p.name === 'string' && Number.isSafeInteger(p.start) && Number.isSafeInteger(p.end) && Number.isSafeInteger(p.stepMs) && p.stepMs > 0 && p.end >= p.start;
    if (!ok) throw bad(`plan.series[${i}] is not a planned series (name, query, start ≤ end and a positive stepMs, in whole milliseconds)`);
  }
  if (options === null || typeof options !== 'object') throw bad('options must be an object like {url: "http://prometheus:9090"}');
  const { url, headers = {}, timeoutMs = 30_000, signal, fetch = globalThis.fetch, maxRequests = DEFAULT_MAX_REQUESTS, concurrency = 4 } = options;
  if (typeof url !== 'string' || url === '') throw bad('url must be the base URL of a Prometheus-compatible API, e.g. "http://prometheus:9090"');
  let target;
  try {
    target = splitCredentials(url);
  } catch {
    throw bad(`url "${redact(url)}" is not a URL: use e.g. http://prometheus:9090`);
  }
  if (headers === null || typeof headers !== 'object' || Object.values(headers).some((v) => typeof v !== 'string')) {
    throw bad('headers must be an object of strings, e.g. {"X-Scope-OrgID": "tenant-1"}');
  }
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) throw bad('timeoutMs must be a positive number of milliseconds');
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw bad('signal must be an AbortSignal');
  if (typeof fetch !== 'function') throw bad('fetch must be a function like globalThis.fetch');
  if (!Number.isSafeInteger(maxRequests) || maxRequests < 1) throw bad('maxRequests must be a whole number ≥ 1');
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw bad('concurrency must be a whole number ≥ 1');
  return { url, target, headers, timeoutMs, signal, fetch, maxRequests, concurrency };
}
