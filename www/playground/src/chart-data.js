// One SLO instance of a report as the columns the playground's three charts
// draw (uPlot's `[x, y₁, y₂, …]` arrays, x in epoch ms). Pure: no DOM, no
// uPlot. What a segment or an alert run *is* comes from @slogate/view
// (timelineSegments, alertSegments); this module only lays it out.
//
// Every y value is a finite number or null (uPlot draws null as a gap):
// never NaN, which uPlot would draw as a line to nowhere.

import { alertSegments, formatNumber, pairWindows, plainText, sloTitle, timelineSegments } from '@slogate/view';

/** A finite number, or null for anything else (null, NaN, ±Infinity, a string). */
function finiteOrNull(x) {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** The window as epoch ms. */
export function windowRange(slo) {
  return { start: Date.parse(slo.window.start), end: Date.parse(slo.window.end) };
}

/**
 * The burn-down: remaining budget in percent of the allowed budget at each
 * point (negative when overspent), and the level segments to shade behind it.
 */
export function burndownData(slo, levels) {
  const t = slo.burndown.t;
  const remaining = slo.burndown.remainingRatio.map((r) => {
    const v = finiteOrNull(r);
    return v === null ? null : v * 100;
  });
  return {
    data: [t, remaining],
    window: windowRange(slo),
    segments: timelineSegments(slo, levels),
  };
}

/**
 * The burn-rate windows an SLO's alerts read, in the report's order
 * (shortest first); every window of `burnRates` when it has no alerts.
 */
export function alertWindows(slo) {
  const keys = Object.keys(slo.burnRates);
  const used = new Set();
  for (const alert of slo.alerts) {
    for (const pair of alert.pairs) {
      used.add(pair.long);
      if (pair.short !== null) used.add(pair.short);
    }
  }
  return used.size === 0 ? keys : keys.filter((k) => used.has(k));
}

/**
 * Each alert pair's threshold factor as a line: pairs with the same factor
 * share one line, labelled as the terminal writes a factor and with every
 * pair that uses it ("×14.4 (page 1h/5m, fast 1h/5m)"), highest first.
 */
export function thresholdLines(slo) {
  const byFactor = new Map();
  for (const alert of slo.alerts) {
    for (const pair of alert.pairs) {
      const factor = finiteOrNull(pair.factor);
      if (factor === null) continue;
      const label = `${plainText(alert.name)} ${pairWindows(pair)}`;
      const line = byFactor.get(factor);
      if (line) line.pairs.push(label);
      else byFactor.set(factor, { factor, pairs: [label] });
    }
  }
  return [...byFactor.values()]
    .sort((a, b) => b.factor - a.factor)
    .map((l) => ({ factor: l.factor, label: `×${formatNumber(l.factor, 2)} (${l.pairs.join(', ')})` }));
}

/**
 * Burn rate over time per alert window (`burndown.burnRates`, aligned with
 * `burndown.t`) and the thresholds as constant series. `available` is false
 * when the report carries no burn rates over time (evaluated without them):
 * the windows are then all null, drawn as nothing.
 */
export function burnRateData(slo) {
  const t = slo.burndown.t;
  const over = slo.burndown.burnRates ?? {};
  const windows = alertWindows(slo);
  const available = windows.some((w) => Array.isArray(over[w]));
  const rates = windows.map((w) => {
    const column = over[w];
    return {
      window: w,
      values: Array.isArray(column) ? t.map((_, i) => finiteOrNull(column[i])) : t.map(() => null),
    };
  });
  const thresholds = thresholdLines(slo);
  return {
    available,
    windows: rates.map((r) => r.window),
    thresholds,
    data: [t, ...rates.map((r) => r.values), ...thresholds.map((l) => t.map(() => l.factor))],
    window: windowRange(slo),
  };
}

/**
 * The level and alert timeline as rows of runs: the level first (each
 * segment coloured by severity), then one row per alert (its firing runs,
 * and its pending runs when it has a hold time).
 */
export function timelineData(slo, levels) {
  const levelRow = {
    label: 'level',
    runs: timelineSegments(slo, levels).map((s) => ({
      from: s.from,
      to: s.to,
      severity: s.severity,
      text: s.level,
    })),
  };
  // A held alert's pending runs share its row, in the warning colour.
  const alertRows = alertSegments(slo).map((a) => ({
    label: a.name,
    runs: [
      ...a.runs.map((r) => ({ from: r.from, to: r.to, severity: 'critical', text: `${a.name} firing` })),
      ...a.pendingRuns.map((r) => ({ from: r.from, to: r.to, severity: 'warn', text: `${a.name} pending` })),
    ].sort((x, y) => x.from - y.from),
  }));
  return { rows: [levelRow, ...alertRows], window: windowRange(slo) };
}

/**
 * What decides whether a chart can keep its uPlot instance and only take new
 * data: the series it draws and their labels. Same key → `setData`.
 * `burn`: `burnRateData(slo)` when the caller has it already.
 */
export function chartShape(slo, burn = burnRateData(slo)) {
  return JSON.stringify({
    windows: burn.windows,
    thresholds: burn.thresholds.map((l) => l.label),
    alerts: slo.alerts.map((a) => a.name),
  });
}

/** A key naming one SLO instance of a report (its title: name and group labels). */
export function sloKey(slo) {
  return sloTitle(slo);
}

/**
 * The SLO instance to chart: the one named `key` when the report has it,
 * else the first instance at the report's worst level, else the first.
 */
export function pickSlo(report, key) {
  if (report.slos.length === 0) return null;
  if (key !== null && key !== undefined) {
    const named = report.slos.find((s) => sloKey(s) === key);
    if (named) return named;
  }
  return report.slos.find((s) => s.level === report.level) ?? report.slos[0];
}
