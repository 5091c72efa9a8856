// Every number can explain itself: the formula with this SLO's own inputs,
// from the report's fields only (docs/arithmetic.md §6–7 budgets, §9 time
// to exhaustion, §10 alert pairs, §12 what is reported). Nothing here
// recomputes an engine number; a figure the report does not carry is named,
// not derived.

import {
  NO_DATA,
  formatBudget,
  formatDuration,
  formatNumber,
  formatObjective,
  formatPercent,
  formatRate,
  formatWindow,
} from './format.js';
import { plainText } from './text.js';
import { formatInstant } from './timeline.js';

/** @typedef {import('@slogate/engine').SloReport} SloReport */
/** @typedef {import('@slogate/engine').AlertReport} AlertReport */
/** @typedef {import('@slogate/engine').PairReport} PairReport */

/**
 * @typedef {object} Explanation
 * @property {string} value the number as shown
 * @property {string} text the sentence behind it, with this SLO's inputs
 * @property {{ name: string, value: string }[]} inputs the figures the sentence uses, for a table
 */

/** The share of bad that the objective allows, 1 − O, as a percentage. */
function allowance(/** @type {SloReport} */ slo) {
  return formatObjective(1 - slo.objective);
}

/**
 * Remaining budget: "12m19.2s left of 40m19.2s (30.6%): 99.9% of the 28d
 * period allows 0.1% of it, 40m19.2s, as bad time; 28m spent".
 * Timeslices: allowed = (1 − O) × P (§7); occurrences: allowed = (1 − O) × N
 * (§6), and N, the window's events, is not in the report.
 * @param {SloReport} slo
 * @returns {Explanation}
 */
export function explainRemaining(slo) {
  const { unit, allowed, consumed, remaining, remainingRatio } = slo.budget;
  const amount = (/** @type {number | null} */ x) => formatBudget(x, unit);
  const objective = formatObjective(slo.objective);
  const period = formatWindow(slo.window.periodSeconds);
  const inputs = [
    { name: 'objective', value: objective },
    { name: 'period', value: period },
    { name: 'allowed', value: amount(allowed) },
    { name: 'consumed', value: amount(consumed) },
    { name: 'remaining', value: amount(remaining) },
    { name: 'remaining share', value: formatPercent(remainingRatio) },
  ];
  if (remaining === null || allowed === null || consumed === null) {
    const why =
      unit === 'seconds'
        ? 'no timeslice of the window has data yet'
        : 'the window has no events yet';
    return { value: NO_DATA, text: `no data: ${why}`, inputs };
  }
  const head =
    remaining < 0
      ? `overspent by ${amount(-remaining)} (${formatPercent(remainingRatio)})`
      : `${amount(remaining)} left of ${amount(allowed)} (${formatPercent(remainingRatio)})`;
  const rule =
    unit === 'seconds'
      ? `${objective} of the ${period} period allows ${allowance(slo)} of it, ${amount(allowed)}, as bad time; ${amount(consumed)} spent`
      : `${objective} allows ${allowance(slo)} of the window's events to fail, ${amount(allowed)} so far; ${amount(consumed)} failed`;
  return { value: amount(remaining), text: `${head}: ${rule}`, inputs };
}

/**
 * Burn rate over `window` (a key of `burnRates`, e.g. "1h"): "burn rate
 * 14.40 over 1h: errors at 14.40× the rate that would spend exactly the
 * budget over the 28d period …" (§6–7: the bad share of the window divided
 * by 1 − O). The window's own bad and total counts are not in the report.
 * @param {SloReport} slo
 * @param {string} window
 * @returns {Explanation}
 */
export function explainBurnRate(slo, window) {
  const shown = plainText(window);
  // Own keys only: "constructor" is not a window.
  const reported = Object.hasOwn(slo.burnRates, window);
  const rate = reported ? slo.burnRates[window] ?? null : null;
  const period = formatWindow(slo.window.periodSeconds);
  const bad = slo.budget.unit === 'seconds' ? 'bad time' : 'bad events';
  const inputs = [
    { name: `burn rate (${shown})`, value: formatRate(rate) },
    { name: 'objective', value: formatObjective(slo.objective) },
    { name: 'allowed bad share', value: allowance(slo) },
    { name: 'period', value: period },
  ];
  if (!reported) {
    return { value: NO_DATA, text: `the report has no burn rate over ${shown}`, inputs };
  }
  if (rate === null) {
    const why =
      slo.budget.unit === 'seconds'
        ? `no good or bad timeslice in the last ${shown}`
        : `no events in the last ${shown}`;
    return { value: NO_DATA, text: `no data: ${why}`, inputs };
  }
  const value = formatRate(rate);
  const definition = `the share of ${bad} in the last ${shown} ÷ ${allowance(slo)}, the share ${formatObjective(slo.objective)} allows`;
  if (rate === 0) {
    return { value, text: `burn rate 0 over ${shown}: no ${bad} in the last ${shown} (${definition})`, inputs };
  }
  const lasts = formatDuration(slo.window.periodSeconds / rate);
  return {
    value,
    text:
      `burn rate ${value} over ${shown}: errors at ${value}× the rate that would spend exactly the budget over the ${period} period ` +
      `(${definition}); at this rate a whole budget lasts ${lasts}`,
    inputs,
  };
}

/**
 * Time to exhaustion (§9): remaining ÷ burn_rate(forecastWindow) × P, with
 * the report's own forecast window and its burn rate. `null` is "never"
 * (burn rate 0) or no data (no remaining budget, or no burn rate over the
 * forecast window).
 * @param {SloReport} slo
 * @returns {Explanation}
 */
export function explainTimeToExhaustion(slo) {
  const seconds = slo.timeToExhaustionSeconds;
  const left = formatPercent(slo.budget.remainingRatio);
  const period = formatWindow(slo.window.periodSeconds);
  const window = plainText(slo.forecastWindow);
  // Own keys only: a window named like `constructor` is not a burn rate.
  const rate = Object.hasOwn(slo.burnRates, slo.forecastWindow) ? (slo.burnRates[slo.forecastWindow] ?? null) : null;
  const inputs = [
    { name: 'remaining share', value: left },
    { name: `burn rate (${window}, the forecast window)`, value: formatRate(rate) },
    { name: 'period', value: period },
    { name: 'time to exhaustion', value: formatDuration(seconds) },
  ];
  if (seconds === null) {
    if (slo.budget.remainingRatio === null || rate === null) {
      const why = slo.budget.remainingRatio === null ? 'the remaining budget is no data' : `no burn rate over the last ${window}`;
      return { value: NO_DATA, text: `no data: ${why}`, inputs };
    }
    return {
      value: 'never',
      text: `never: no errors over the last ${window} (burn rate 0), so the ${left} left is not being spent`,
      inputs,
    };
  }
  if (seconds === 0) {
    return { value: '0s', text: `0s: the budget is spent (${left} left)`, inputs };
  }
  const value = formatDuration(seconds);
  return {
    value,
    text: `${value} at the burn rate of the last ${window}: ${left} of the budget left ÷ burn rate ${formatRate(rate)} × the ${period} period`,
    inputs,
  };
}

/**
 * One burn-rate pair of an alert (§10): it fires iff the burn rates over
 * both windows (or its single window) exceed f = B × P / long, or the
 * fixed factor it gives.
 * @param {SloReport} slo
 * @param {AlertReport} alert
 * @param {PairReport} pair
 * @returns {Explanation}
 */
export function explainAlertPair(slo, alert, pair) {
  const name = plainText(alert.name);
  const long = plainText(pair.long);
  const short = pair.short === null ? null : plainText(pair.short);
  const factor = formatNumber(pair.factor, 2);
  const budget = formatObjective(pair.budget);
  const period = formatWindow(slo.window.periodSeconds);
  const inputs = pair.fixedFactor
    ? [
        { name: 'threshold (fixed)', value: `×${factor}` },
        { name: 'period', value: period },
        { name: 'long window', value: long },
      ]
    : [
        { name: 'budget share', value: budget },
        { name: 'period', value: period },
        { name: 'long window', value: long },
      ];
  if (short !== null) inputs.push({ name: 'short window', value: short });
  if (!pair.fixedFactor) inputs.push({ name: 'threshold', value: `×${factor}` });
  inputs.push({ name: `burn rate (${long})`, value: formatRate(pair.longBurn) });
  if (short !== null) inputs.push({ name: `burn rate (${short})`, value: formatRate(pair.shortBurn) });
  // A held alert's pair says whether its condition holds; the alert fires
  // only once that has lasted its `for` (explainAlertState).
  const held = alert.for !== null && alert.for !== undefined;
  const state = pair.firing ? (held ? 'above' : 'firing') : 'not firing';
  const when =
    short === null
      ? `${name} fires when the burn rate over ${long} exceeds ×${factor}`
      : `${name} fires when the burn rates over ${long} and ${short} both exceed ×${factor}`;
  const why = pair.fixedFactor
    ? `a fixed factor, which spends ${budget} of this ${period} budget in ${long}`
    : `${budget} of the ${period} budget spent in ${long} (${budget} × ${period} ÷ ${long})`;
  const now =
    short === null
      ? `now ${formatRate(pair.longBurn)} over ${long}`
      : `now ${formatRate(pair.longBurn)} over ${long} and ${formatRate(pair.shortBurn)} over ${short}`;
  const hold = held ? ` (and once that has held for ${plainText(String(alert.for))})` : '';
  return { value: state, text: `${when}${hold}: ${why}; ${now}: ${state}`, inputs };
}

/**
 * An alert's state, with its hold time (`for`, docs/arithmetic.md §10):
 * "pending 3m/5m" — its condition (some pair firing) has held since Tue
 * 14:05, 3m of the 5m it must hold before it fires. Without `for`: firing
 * or not firing, as its pairs.
 * @param {SloReport} slo
 * @param {AlertReport} alert
 * @param {import('./timeline.js').TimeOptions} [options] for the instant shown
 * @returns {Explanation}
 */
export function explainAlertState(slo, alert, options = {}) {
  const name = plainText(alert.name);
  const state = alert.state ?? (alert.firing ? 'firing' : 'inactive');
  const hold = alert.for === null || alert.for === undefined ? null : plainText(alert.for);
  const fires = 'any of its pairs fires';
  if (hold === null) {
    const value = state === 'firing' ? 'firing' : 'not firing';
    return { value, text: `${name} fires as soon as ${fires}: ${value}`, inputs: [] };
  }
  const rule = `${name} fires once ${fires} and has at every step of the data for ${hold}`;
  /** @type {{ name: string, value: string }[]} */
  const inputs = [{ name: 'for', value: hold }];
  if (state === 'pending' && alert.pendingSince !== null && alert.pendingSince !== undefined) {
    const at = Date.parse(slo.window.end);
    const since = formatInstant(alert.pendingSince, { ...options, reference: at });
    const held = formatDuration(Math.max(0, (at - alert.pendingSince) / 1000));
    inputs.push({ name: 'condition holds since', value: since }, { name: 'held', value: held });
    return {
      value: `pending ${held}/${hold}`,
      text: `${rule}: its condition has held since ${since}, ${held} of ${hold}; pending until it has held ${hold}, and one step without it starts over`,
      inputs,
    };
  }
  const value = state === 'firing' ? 'firing' : 'not firing';
  const now = state === 'firing' ? `it has held ${hold} or more: firing` : 'no pair fires now: not firing';
  return { value, text: `${rule}: ${now}`, inputs };
}
