// What went wrong, in words that point at the place: an error of the
// engine (`SlogateError`: a bad policy with its diagnostics, a series the
// data lacks), of a Prometheus-compatible server (`PrometheusError` of
// `@slogate/engine/prometheus`), or of a host fetching the policy, as a
// title, sentences and the policy's diagnostics with line and column.
// Duck-typed on the fields (`kind`, `series`, `path`, …), so errors that
// crossed a bundle or a worker boundary read the same.

import { plainText } from './text.js';

/**
 * @typedef {object} DiagnosticLine
 * @property {string} where "28:5", or "policy" for a finding about the whole document
 * @property {'error' | 'warning'} severity
 * @property {string} text "spec.defaults.windw: unknown key \"windw\" (did you mean \"window\"?)"
 */

/**
 * @typedef {object} ErrorDescription
 * @property {string} title one line: what failed
 * @property {string[]} lines the details, each a sentence naming the place
 * @property {DiagnosticLine[]} diagnostics for a bad policy, every finding
 */

/**
 * @typedef {object} ErrorLike
 * @property {string} [name]
 * @property {string} [kind]
 * @property {string} [message]
 * @property {string | null} [series]
 * @property {string | null} [path]
 * @property {number | null} [index]
 * @property {string[]} [available]
 * @property {import('@slogate/engine').Diagnostic[]} [diagnostics]
 * @property {string | null} [url]
 * @property {number | null} [status]
 * @property {string | null} [query]
 * @property {string | null} [source]
 */

const q = (/** @type {unknown} */ x) => `\`${plainText(String(x))}\``;

/**
 * @param {import('@slogate/engine').Diagnostic} d
 * @returns {DiagnosticLine}
 */
export function diagnosticLine(d) {
  const where = d.line === null || d.line === undefined ? 'policy' : `${d.line}:${d.column ?? 1}`;
  const text = d.path ? `${plainText(d.path)}: ${plainText(d.message)}` : plainText(d.message);
  return { where, severity: d.severity === 'warning' ? 'warning' : 'error', text };
}

/**
 * @param {unknown} error anything thrown
 * @returns {ErrorDescription}
 */
export function describeError(error) {
  /** @type {ErrorLike} */
  const e = typeof error === 'object' && error !== null ? /** @type {ErrorLike} */ (error) : { message: String(error) };
  const message = plainText(e.message ?? String(error));
  const series = e.series ?? null;
  const path = e.path ?? null;
  const named = series === null ? '' : path === null ? ` series ${q(series)}` : ` series ${q(series)} (${plainText(path)})`;
  if (e.name === 'PrometheusError') return describePrometheus(e, message, named);
  switch (e.kind) {
    case 'bad-policy': {
      const diagnostics = (e.diagnostics ?? []).map(diagnosticLine);
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      return {
        title: `the policy is not valid: ${errors === 1 ? '1 error' : `${errors} errors`}`,
        lines: diagnostics.length === 0 ? [message] : [],
        diagnostics,
      };
    }
    case 'missing-series': {
      const has = (e.available ?? []).length === 0 ? 'the data has no series' : `the data has: ${(e.available ?? []).map((a) => plainText(a)).join(', ')}`;
      const where = path === null ? 'the policy' : `the policy's ${plainText(path)}`;
      return { title: `no data for series ${q(series)}`, lines: [`${where} names series ${q(series)}, ${has}`], diagnostics: [] };
    }
    case 'bad-series':
      return {
        title: `the data of${named || ' a series'} cannot be read`,
        lines: [e.index === null || e.index === undefined ? message : `${message} (sample ${e.index})`],
        diagnostics: [],
      };
    case 'bad-data':
      // A DataError of @slogate/engine/data: its message names the file, line and column.
      return { title: `the data${e.source ? ` in ${q(e.source)}` : ''}${named ? ` for${named}` : ''} cannot be read`, lines: [message], diagnostics: [] };
    case 'bad-instant':
      return { title: 'the evaluation instant is not valid', lines: [message], diagnostics: [] };
    case 'too-much-data':
      return { title: 'too much data for one evaluation', lines: [message], diagnostics: [] };
    case 'cannot-load':
      return { title: 'the slogate engine (WebAssembly) cannot load', lines: [message], diagnostics: [] };
    case 'policy-http':
      return {
        title: `the policy cannot be fetched: HTTP ${e.status ?? '?'}`,
        lines: [`${plainText(String(e.url))} answered HTTP ${e.status ?? '?'}${message ? `: ${message}` : ''}`],
        diagnostics: [],
      };
    case 'policy-unreachable':
      return { title: 'the policy cannot be fetched', lines: [`${plainText(String(e.url))}: ${message}`], diagnostics: [] };
    default:
      return { title: 'slogate cannot show this report', lines: [message], diagnostics: [] };
  }
}

/**
 * @param {ErrorLike} e
 * @param {string} message Prometheus' own words, or the client's
 * @param {string} named " series `good` (spec.slos[0]…)" or ""
 * @returns {ErrorDescription}
 */
function describePrometheus(e, message, named) {
  const url = e.url ? plainText(e.url) : 'the server';
  const query = e.query ? [`query: ${plainText(e.query)}`] : [];
  switch (e.kind) {
    case 'unreachable':
      return { title: 'Prometheus is unreachable', lines: [`${url}: ${message}`, ...query], diagnostics: [] };
    case 'http':
      return { title: `Prometheus answered HTTP ${e.status ?? '?'}${named ? ` for${named}` : ''}`, lines: [message, ...query], diagnostics: [] };
    case 'promql':
      return { title: `Prometheus rejected the query for${named || ' a series'}`, lines: [message, ...query], diagnostics: [] };
    case 'empty':
      return { title: `Prometheus returned no samples for${named || ' a series'}`, lines: [message, ...query], diagnostics: [] };
    case 'timeout':
      return { title: 'Prometheus did not answer in time', lines: [message, ...query], diagnostics: [] };
    case 'bad-response':
      return { title: `Prometheus sent a response slogate cannot read${named ? ` for${named}` : ''}`, lines: [message, ...query], diagnostics: [] };
    case 'too-many-requests':
      return { title: 'the policy needs more Prometheus requests than allowed', lines: [message], diagnostics: [] };
    case 'no-query':
      return { title: `the policy gives no PromQL query for${named || ' a series'}`, lines: [message], diagnostics: [] };
    default:
      return { title: 'Prometheus request failed', lines: [message, ...query], diagnostics: [] };
  }
}
