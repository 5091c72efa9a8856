// What the element shows when there is no report to show, or beside a
// stale one: loading, an error (with the policy's diagnostics by line and
// column), no data yet, and the stale banner. Never a blank box.

import { describeError, formatInstant } from '@slogate/view';
import { h } from './dom.js';

/** @param {string} text */
export function renderLoading(text) {
  return h('div', { class: 'status loading', role: 'status', 'aria-live': 'polite' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

/**
 * @param {unknown} error
 * @param {string} [context] what the element was doing: "evaluating the policy"
 */
export function renderError(error, context) {
  const d = describeError(error);
  return h(
    'div',
    { class: 'status error', role: 'alert', part: 'error' },
    h('h2', { class: 'error-title' }, d.title),
    context ? h('p', { class: 'muted' }, context) : null,
    d.lines.map((line) => h('p', { class: 'error-line' }, line)),
    d.diagnostics.length === 0
      ? null
      : h(
          'ol',
          { class: 'diagnostics' },
          d.diagnostics.map((x) =>
            h('li', { class: `diagnostic ${x.severity}` }, h('span', { class: 'where' }, x.where), h('span', { class: 'severity' }, x.severity), h('span', { class: 'text' }, x.text)),
          ),
        ),
  );
}

/**
 * @param {string} text
 * @param {string[]} [details]
 */
export function renderNotice(text, details = []) {
  return h('div', { class: 'status notice', role: 'status' }, h('p', null, text), details.map((d) => h('p', { class: 'muted' }, d)));
}

/**
 * The banner over a report kept after a failed refresh: never shown as
 * current.
 * @param {number} computedAt epoch ms of the report's computation
 * @param {unknown} error
 * @param {{ timeZone?: string }} time
 */
export function renderStale(computedAt, error, time) {
  const d = describeError(error);
  return h(
    'div',
    { class: 'status stale', role: 'alert', part: 'stale' },
    h('p', { class: 'stale-title' }, `Stale: these numbers were computed at ${formatInstant(computedAt, { ...time, reference: Date.now() })}; the last refresh failed.`),
    h('p', null, d.title),
    d.lines.map((line) => h('p', { class: 'muted' }, line)),
  );
}
