// The top of the element: the worst level of the whole report, how many
// SLO instances are at each level, which ones need attention (buttons that
// move focus to their card), and when the report was computed.

import { formatInstant, plainText, reportAttention, reportSummary } from '@slogate/view';
import { h } from './dom.js';
import { SEVERITY_MARK } from './card.js';

/** At most this many instances are named in the attention list. */
const MAX_NAMED = 12;

/**
 * @param {import('@slogate/engine').Report} report
 * @param {import('./explain.js').RenderContext} ctx
 * @param {(index: number) => void} focusCard
 */
export function renderSummary(report, ctx, focusCard) {
  const s = reportSummary(report);
  const at = Date.parse(report.at);
  const attention = reportAttention(report);
  return h(
    'header',
    { class: `summary sev-${s.severity}`, part: 'summary' },
    h(
      'div',
      { class: 'summary-head' },
      h('h2', { class: 'policy' }, plainText(report.policy)),
      h(
        'p',
        { class: 'evaluated' },
        'evaluated at ',
        h('time', { datetime: report.at }, formatInstant(at, { ...ctx.time, reference: Date.now() })),
        ctx.source ? h('span', { class: 'source' }, ` · ${ctx.source}`) : null,
      ),
    ),
    h(
      'p',
      { class: 'worst' },
      h('span', { class: `worst-level sev-${s.severity}`, part: 'level' }, h('span', { 'aria-hidden': 'true' }, `${SEVERITY_MARK[s.severity]} `), s.level),
      h('span', { class: 'counts' }, s.detail),
    ),
    attention.length === 0
      ? null
      : h(
          'ul',
          { class: 'attention', 'aria-label': 'SLOs not at the lowest level' },
          attention.slice(0, MAX_NAMED).map((x) => {
            const button = h('button', { type: 'button', class: `jump sev-${x.severity}` }, h('span', { class: 'jump-level' }, x.level), ' ', x.title);
            button.addEventListener('click', () => focusCard(x.index));
            return h('li', null, button);
          }),
          attention.length > MAX_NAMED ? h('li', { class: 'muted' }, `and ${attention.length - MAX_NAMED} more`) : null,
        ),
  );
}
