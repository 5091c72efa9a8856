// One SLO instance as a card: the level with its reasons and actions
// first, then the remaining budget (gauge, share and amount), SLI against
// objective, time to exhaustion, the burn-down with the level timeline,
// burn rates with the alert thresholds, and the alerts. Every number has a
// disclosure with its explanation. All text comes from @slogate/view.

import {
  budgetStatus,
  burnRateRows,
  currentState,
  explainAlertPair,
  explainAlertState,
  explainBurnRate,
  explainRemaining,
  explainTimeToExhaustion,
  formatPercent,
  formatWindow,
  levelSeverity,
  pairCondition,
  pairWindows,
  plainText,
  sliStatus,
  sloTitle,
} from '@slogate/view';
import { renderBurndown } from './chart.js';
import { h, uid } from './dom.js';
import { disclosure, section } from './explain.js';
import { renderGauge } from './gauge.js';

/** @typedef {import('@slogate/engine').SloReport} SloReport */
/** @typedef {import('./explain.js').RenderContext} RenderContext */

/** A mark that says the severity without colour. */
export const SEVERITY_MARK = { ok: '✓', warn: '!', critical: '✕' };

/**
 * @param {SloReport} slo
 * @param {number} index the instance's place in `report.slos`
 * @param {RenderContext} ctx
 */
export function renderCard(slo, index, ctx) {
  const title = sloTitle(slo);
  // U+001F separates: CSS.escape (used to find the key again after a
  // re-render) would turn a NUL into U+FFFD and never match.
  const key = (/** @type {string} */ what) => `${title}\u001f${what}`;
  const state = currentState(slo, ctx.levels, ctx.time);
  const { severity } = levelSeverity(ctx.levels, slo.level);
  const headingId = uid('slo');
  const card = h('article', {
    class: `card sev-${severity}`,
    part: `card card-${severity}`,
    'aria-labelledby': headingId,
    'data-slo-index': index,
    'data-level': slo.level,
    tabindex: -1,
  });

  card.append(
    h(
      'header',
      { class: 'card-head' },
      h('h3', { id: headingId, class: 'title' }, title),
      h('span', { class: `badge sev-${severity}`, part: 'badge' }, h('span', { 'aria-hidden': 'true' }, SEVERITY_MARK[severity]), ' ', state.level),
    ),
    h('p', { class: 'state' }, state.text),
  );
  if (state.reasons.length > 0) {
    card.append(
      h(
        'ul',
        { class: 'reasons', 'aria-label': `why ${state.level}` },
        state.reasons.map((r) =>
          h('li', null, h('code', null, r.when), r.value === null ? null : h('span', { class: 'reason-value' }, ` (value ${r.value})`), r.action === null ? null : h('span', { class: 'action' }, r.action)),
        ),
      ),
    );
  }

  card.append(renderFigures(slo, ctx, key, severity));
  card.append(renderBurndown(slo, ctx));
  if (slo.warnings.length > 0) {
    card.append(h('ul', { class: 'warnings', 'aria-label': 'warnings' }, slo.warnings.map((w) => h('li', null, plainText(w.message)))));
  }
  card.append(
    section(ctx, key('burn'), 'Burn rates and alerts', !ctx.compact, () => [renderBurnRates(slo, ctx, key), renderAlerts(slo, ctx, key)]),
  );
  return card;
}

/**
 * The gauge beside the figures: remaining, SLI, time to exhaustion, coverage.
 * @param {SloReport} slo
 * @param {RenderContext} ctx
 * @param {(what: string) => string} key
 * @param {string} severity
 */
function renderFigures(slo, ctx, key, severity) {
  const remainingX = explainRemaining(slo);
  const tteX = explainTimeToExhaustion(slo);
  const sli = sliStatus(slo);
  const budget = budgetStatus(slo);

  /** @type {HTMLElement[]} */
  const panels = [];
  const fact = (/** @type {string} */ cls, /** @type {string} */ label, /** @type {(string | HTMLElement | null)[]} */ value, /** @type {any} */ why) => {
    if (why) panels.push(why.panel);
    return h('div', { class: `fact fact-${cls}` }, h('dt', null, label), h('dd', null, ...value, why ? why.button : null));
  };
  const remainingWhy = disclosure(ctx, key('remaining'), 'remaining budget', remainingX);
  const tteWhy = disclosure(ctx, key('tte'), 'time to exhaustion', tteX);
  const facts = h(
    'dl',
    { class: 'facts' },
    fact('remaining', budget.label, [h('span', { class: 'value' }, budget.amount), h('span', { class: 'of' }, budget.of)], remainingWhy),
    fact('sli', 'SLI', [h('span', { class: `value${sli.met === false ? ' miss' : ''}` }, sli.sli), h('span', { class: 'of' }, ` ${sli.met === null ? 'vs' : sli.met ? '≥' : '<'} ${sli.objective} objective`)], null),
    fact('tte', 'exhausted in', [h('span', { class: 'value' }, tteX.value)], tteWhy),
    fact('window', 'window', [h('span', { class: 'value' }, formatWindow(slo.window.periodSeconds)), h('span', { class: 'of' }, `, ${formatPercent(slo.coverage)} with data`)], null),
  );
  return h('div', { class: 'figures' }, renderGauge(slo, severity, budget.text), facts, h('div', { class: 'panels' }, panels));
}

/**
 * Burn rates, shortest window first, with the thresholds that watch each.
 * @param {SloReport} slo
 * @param {RenderContext} ctx
 * @param {(what: string) => string} key
 */
function renderBurnRates(slo, ctx, key) {
  const rows = burnRateRows(slo);
  const body = h('tbody');
  for (const row of rows) {
    const why = disclosure(ctx, key(`burn:${row.key}`), `burn rate over ${row.window}`, explainBurnRate(slo, row.key), (c) =>
      h('tr', { class: 'explain-row' }, h('td', { colspan: 3 }, c)),
    );
    const hot = row.thresholds.some((t) => t.exceeded);
    body.append(
      h(
        'tr',
        { class: `burn-row${hot ? ' hot' : ''}`, 'data-window': row.key },
        h('th', { scope: 'row' }, row.window, row.forecast ? h('span', { class: 'tag', title: 'forecasts the time to exhaustion' }, ' forecast') : null),
        h('td', { class: 'num' }, h('span', { class: 'value' }, row.value), why.button),
        h(
          'td',
          { class: 'thresholds' },
          row.thresholds.length === 0
            ? h('span', { class: 'muted' }, '—')
            : h('div', { class: 'chips' }, row.thresholds.map((t) =>
                h(
                  'span',
                  { class: `threshold${t.exceeded ? ' exceeded' : ''}`, title: t.title },
                  `${t.alert} ${t.text}`,
                  t.exceeded ? h('span', { class: 'visually-hidden' }, ' exceeded') : null,
                ),
              )),
        ),
      ),
      why.panel,
    );
  }
  return h(
    'table',
    { class: 'burn' },
    h('caption', null, 'Burn rates (1 = spending exactly the budget over the period)'),
    h('colgroup', null, h('col', { class: 'w' }), h('col', { class: 'r' }), h('col')),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'window'), h('th', { scope: 'col' }, 'burn rate'), h('th', { scope: 'col' }, 'alert thresholds'))),
    body,
  );
}

/**
 * The alert's name, severity and state; a held alert (`for`) says how long
 * it has held, with the explanation behind it.
 * @param {SloReport} slo
 * @param {import('@slogate/engine').AlertReport} alert
 * @param {RenderContext} ctx
 * @param {string} disclosureKey
 */
function renderAlertHead(slo, alert, ctx, disclosureKey) {
  const x = explainAlertState(slo, alert, ctx.time);
  const state = alert.firing ? ' on' : alert.state === 'pending' ? ' pending' : '';
  const held = alert.for !== null;
  const why = held ? disclosure(ctx, disclosureKey, `${plainText(alert.name)} state`, x) : null;
  return [
    h(
      'div',
      { class: 'alert-head' },
      h('span', { class: 'alert-name' }, plainText(alert.name)),
      h('span', { class: 'alert-severity' }, ` (${plainText(alert.severity)})`),
      h('span', { class: `alert-state${state}` }, x.value),
      why?.button ?? null,
    ),
    why?.panel ?? null,
  ];
}

/**
 * Each alert: firing, pending or not, with its burn-rate pairs.
 * @param {SloReport} slo
 * @param {RenderContext} ctx
 * @param {(what: string) => string} key
 */
function renderAlerts(slo, ctx, key) {
  if (slo.alerts.length === 0) return h('p', { class: 'muted alerts' }, 'No burn-rate alerts.');
  return h(
    'ul',
    { class: 'alerts', 'aria-label': 'alerts' },
    slo.alerts.map((alert, a) =>
      h(
        'li',
        { class: `alert${alert.firing ? ' firing' : ''}`, 'data-alert': a },
        renderAlertHead(slo, alert, ctx, key(`alert:${a}`)),
        h(
          'ul',
          { class: 'pairs' },
          alert.pairs.map((pair, p) => {
            const x = explainAlertPair(slo, alert, pair);
            const why = disclosure(ctx, key(`alert:${a}:${p}`), `${plainText(alert.name)} ${pairWindows(pair)}`, x);
            return h(
              'li',
              { class: `pair${pair.firing ? ' firing' : ''}` },
              h(
                'span',
                null,
                `${pairCondition(pair)}: `,
                h('strong', null, x.value),
              ),
              why.button,
              why.panel,
            );
          }),
        ),
      ),
    ),
  );
}

/**
 * Whether two SLO reports show the same in a card: every field it draws
 * equal, the burn-down compared number by number (it is most of what a
 * card draws; stringifying it on every render would cost more than the
 * comparison saves).
 * @param {SloReport} a
 * @param {SloReport} b
 */
export function sameSlo(a, b) {
  if (a === b) return true;
  const at = a.burndown.t;
  const bt = b.burndown.t;
  const ar = a.burndown.remainingRatio;
  const br = b.burndown.remainingRatio;
  if (at.length !== bt.length || ar.length !== br.length) return false;
  for (let i = 0; i < at.length; i += 1) if (at[i] !== bt[i] || ar[i] !== br[i]) return false;
  // Everything else but the burn rates over time, which a card does not
  // draw (a host's charts do: 7 windows × 500 points, most of the report).
  const rest = (/** @type {SloReport} */ s) =>
    JSON.stringify({ ...s, burndown: { ...s.burndown, t: null, remainingRatio: null, burnRates: null } });
  return rest(a) === rest(b);
}
