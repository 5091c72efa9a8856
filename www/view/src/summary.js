// Report-wide and per-SLO facts a surface shows beside the numbers: the
// worst level with how many SLO instances are at each level, whether the
// SLI meets its objective, and each burn rate with the alert thresholds
// that watch its window (docs/arithmetic.md §10: a pair fires iff both of
// its burn rates exceed f = B × P / long).

import { formatBudget, formatNumber, formatObjective, formatPercent, formatRate, formatSli } from './format.js';
import { levelSeverity, severityOfRank } from './severity.js';
import { plainText, sloTitle } from './text.js';

/** @typedef {import('@slogate/engine').Report} Report */
/** @typedef {import('@slogate/engine').SloReport} SloReport */
/** @typedef {import('@slogate/engine').PairReport} PairReport */
/** @typedef {import('./severity.js').Severity} Severity */

/**
 * @typedef {object} ReportSummary
 * @property {string} level the worst level of all SLO instances (`report.level`), as text
 * @property {number | null} rank
 * @property {Severity} severity
 * @property {number} total SLO instances
 * @property {{ level: string, rank: number, severity: Severity, count: number }[]} counts per level of `report.levels`, most severe first, levels without an instance left out
 * @property {string} detail "3 of 17 SLOs at breach, 2 at warning"
 * @property {string} text "breach: 3 of 17 SLOs at breach, 2 at warning"
 */

/**
 * The report's worst level and how many SLO instances are at each level.
 * @param {Report} report
 * @returns {ReportSummary}
 */
export function reportSummary(report) {
  const { levels, slos } = report;
  const counts = levels
    .map((level, rank) => ({
      level: plainText(level),
      rank,
      severity: severityOfRank(rank, levels.length),
      count: slos.filter((s) => s.level === level).length,
    }))
    .filter((c) => c.count > 0)
    .reverse();
  const total = slos.length;
  const level = plainText(report.level);
  const noun = total === 1 ? 'SLO' : 'SLOs';
  let detail;
  if (total === 0) detail = 'the policy has no SLO instances';
  else if (counts.length === 1) detail = `all ${total} ${noun} at ${counts[0]?.level}`;
  else detail = counts.map((c, i) => (i === 0 ? `${c.count} of ${total} ${noun} at ${c.level}` : `${c.count} at ${c.level}`)).join(', ');
  return { level, ...levelSeverity(levels, report.level), total, counts, detail, text: `${level}: ${detail}` };
}

/**
 * @typedef {object} Attention
 * @property {number} index the instance's place in `report.slos`
 * @property {SloReport} slo
 * @property {string} title `sloTitle(slo)`
 * @property {string} level the instance's level, as text
 * @property {number | null} rank
 * @property {Severity} severity
 */

/**
 * The SLO instances not at the lowest level, most severe first (then in
 * report order): what a summary names, and the cards it leads to.
 * @param {Report} report
 * @returns {Attention[]}
 */
export function reportAttention(report) {
  return report.slos
    .map((slo, index) => ({ index, slo, title: sloTitle(slo), level: plainText(slo.level), ...levelSeverity(report.levels, slo.level) }))
    .filter((x) => x.rank !== 0)
    .sort((a, b) => (b.rank ?? Infinity) - (a.rank ?? Infinity) || a.index - b.index);
}

/**
 * The actions of the rules that give the report its level (`report.level`),
 * each once, as text, in report order: what to do now, for a verdict shown
 * without its cards.
 * @param {Report} report
 * @returns {string[]}
 */
export function verdictActions(report) {
  /** @type {string[]} */
  const out = [];
  for (const slo of report.slos) {
    if (slo.level !== report.level) continue;
    for (const reason of slo.reasons) {
      if (reason.level !== report.level || reason.action === null) continue;
      const action = plainText(reason.action);
      if (!out.includes(action)) out.push(action);
    }
  }
  return out;
}

/**
 * @typedef {object} SliStatus
 * @property {string} sli "99.9007%" or "no data"
 * @property {string} objective "99.9%"
 * @property {boolean | null} met whether the SLI reaches the objective; null without data
 * @property {string} text "99.9007% ≥ 99.9% objective" / "98.5% < 99.9% objective" / "no data (objective 99.9%)"
 */

/**
 * The SLI against its objective.
 * @param {SloReport} slo
 * @returns {SliStatus}
 */
export function sliStatus(slo) {
  const sli = formatSli(slo.sli);
  const objective = formatObjective(slo.objective);
  if (slo.sli === null || !Number.isFinite(slo.sli)) {
    return { sli, objective, met: null, text: `${sli} (objective ${objective})` };
  }
  const met = slo.sli >= slo.objective;
  return { sli, objective, met, text: `${sli} ${met ? '≥' : '<'} ${objective} objective` };
}

/**
 * @typedef {object} BudgetStatus
 * @property {boolean} overspent more than the whole budget spent (remaining < 0)
 * @property {string} label "budget left" or "overspent"
 * @property {string} amount what is left, or by how much it is overspent: "12m19.2s", "1234.5 events", "no data"
 * @property {string} of the budget: " of 40m19.2s"
 * @property {string} text in one line: "30.6% left: 12m19.2s of 40m19.2s" / "overspent by 5m (-12.4%) of 40m19.2s" / "no data"
 */

/**
 * The remaining budget in words, share and amount (a gauge's text
 * alternative, a card's figure).
 * @param {SloReport} slo
 * @returns {BudgetStatus}
 */
export function budgetStatus(slo) {
  const { unit, remaining, allowed, remainingRatio } = slo.budget;
  const of = ` of ${formatBudget(allowed, unit)}`;
  if (remaining === null || !Number.isFinite(remaining)) {
    return { overspent: false, label: 'budget left', amount: formatBudget(null, unit), of, text: formatBudget(null, unit) };
  }
  const overspent = remaining < 0;
  const amount = formatBudget(overspent ? -remaining : remaining, unit);
  const text = overspent
    ? `overspent by ${amount} (${formatPercent(remainingRatio)})${of}`
    : `${formatPercent(remainingRatio)} left: ${amount}${of}`;
  return { overspent, label: overspent ? 'overspent' : 'budget left', amount, of, text };
}

/**
 * @typedef {object} Threshold
 * @property {string} alert the alert's name, as text
 * @property {string} severity the alert's severity as the policy writes it (`page`), as text
 * @property {number} alertIndex index into `slo.alerts`
 * @property {number} pairIndex index into that alert's `pairs`
 * @property {'long' | 'short'} role which of the pair's windows this is
 * @property {number} factor
 * @property {string} text "×13.44"
 * @property {boolean} exceeded the burn rate over this window is above the factor
 * @property {boolean} firing the whole pair fires (both windows above, or its single window)
 * @property {string} title what the threshold is, for a tooltip
 */

/**
 * @typedef {object} BurnRateRow
 * @property {string} window "1h", as text
 * @property {string} key the `burnRates` key as reported (for `explainBurnRate`)
 * @property {number | null} rate
 * @property {string} value "83.33" or "no data"
 * @property {boolean} forecast this window forecasts the time to exhaustion
 * @property {Threshold[]} thresholds every alert pair that reads this window
 */

/**
 * Each reported burn rate, shortest window first, with the thresholds of
 * the alert pairs whose long or short window it is.
 * @param {SloReport} slo
 * @returns {BurnRateRow[]}
 */
export function burnRateRows(slo) {
  return Object.entries(slo.burnRates).map(([key, rate]) => {
    /** @type {Threshold[]} */
    const thresholds = [];
    slo.alerts.forEach((alert, alertIndex) => {
      alert.pairs.forEach((pair, pairIndex) => {
        for (const role of /** @type {const} */ (['long', 'short'])) {
          if (pair[role] !== key) continue;
          thresholds.push({
            alert: plainText(alert.name),
            severity: plainText(alert.severity),
            alertIndex,
            pairIndex,
            role,
            factor: pair.factor,
            text: `×${formatNumber(pair.factor, 2)}`,
            exceeded: rate !== null && Number.isFinite(rate) && rate > pair.factor,
            firing: pair.firing,
            title:
              pair.short === null
                ? `${plainText(alert.name)} (${plainText(alert.severity)}) single window: fires when it exceeds ×${formatNumber(pair.factor, 2)}`
                : `${plainText(alert.name)} (${plainText(alert.severity)}) pair ${role} window: fires when both windows exceed ×${formatNumber(pair.factor, 2)}`,
          });
        }
      });
    });
    return {
      window: plainText(key),
      key,
      rate,
      value: formatRate(rate),
      forecast: key === slo.forecastWindow,
      thresholds,
    };
  });
}

/**
 * A pair's windows as text: "1h/5m", or "1h" for a single-window alert.
 * @param {PairReport} pair
 * @returns {string}
 */
export function pairWindows(pair) {
  return pair.short === null ? plainText(pair.long) : `${plainText(pair.long)}/${plainText(pair.short)}`;
}

/**
 * A pair's burn rates against its factor, as text:
 * "1h 83.33 & 5m 1000.00 > ×13.44", or "1h 83.33 > ×13.44" for one window.
 * @param {PairReport} pair
 * @returns {string}
 */
export function pairCondition(pair) {
  const long = `${plainText(pair.long)} ${formatRate(pair.longBurn)}`;
  const short = pair.short === null ? '' : ` & ${plainText(pair.short)} ${formatRate(pair.shortBurn)}`;
  return `${long}${short} > ×${formatNumber(pair.factor, 2)}`;
}
