// @slogate/view as a TypeScript user writes against it, over the engine's
// declared report types; checked by `tsc` (npm run typecheck), never run.
// A change to index.d.ts or report.d.ts that breaks a caller fails here.

import type { Report, SloReport } from '@slogate/engine';
import {
  NO_DATA,
  arcPath,
  currentState,
  explainAlertPair,
  explainBurnRate,
  explainRemaining,
  explainTimeToExhaustion,
  formatBudget,
  formatDuration,
  formatInstant,
  formatPercent,
  formatRate,
  formatSli,
  formatWindow,
  gauge,
  levelSeverity,
  plainText,
  sloTitle,
  timelineSegments,
  type CurrentState,
  type DisplaySegment,
  type Explanation,
  type Gauge,
  type Severity,
  burnRateRows,
  burndownChart,
  burndownText,
  describeError,
  reportSummary,
  sliStatus,
  type BurndownChart,
  type BurnRateRow,
  type ErrorDescription,
} from '@slogate/view';

/** The report-wide header, the chart and an error, as text. */
export function extras(report: Report, slo: SloReport, error: unknown): string[] {
  const chart: BurndownChart = burndownChart(slo, report.levels, { width: 300, height: 80 });
  const rows: BurnRateRow[] = burnRateRows(slo);
  const described: ErrorDescription = describeError(error);
  return [
    reportSummary(report).text,
    sliStatus(slo).text,
    chart.path,
    ...chart.bands.map((b) => `${b.x} ${b.width} ${b.severity}`),
    burndownText(slo, report.levels, { timeZone: 'UTC' }),
    ...rows.flatMap((r) => [r.value, ...r.thresholds.map((t) => `${t.text} ${t.exceeded}`)]),
    described.title,
    ...described.lines,
    ...described.diagnostics.map((d) => `${d.where} ${d.text}`),
  ];
}

/** Everything one SLO's card shows, as text. */
export function card(report: Report, slo: SloReport): string[] {
  const state: CurrentState = currentState(slo, report.levels, { timeZone: 'UTC', locale: 'en-GB' });
  const severity: Severity = levelSeverity(report.levels, slo.level).severity;
  const g: Gauge = gauge(slo.budget.remainingRatio);
  const segments: DisplaySegment[] = timelineSegments(slo, report.levels);
  const explanations: Explanation[] = [
    explainRemaining(slo),
    explainTimeToExhaustion(slo),
    ...Object.keys(slo.burnRates).map((w) => explainBurnRate(slo, w)),
    ...slo.alerts.flatMap((a) => a.pairs.map((p) => explainAlertPair(slo, a, p))),
  ];
  const noData: 'no data' = NO_DATA;
  return [
    state.text,
    severity,
    g.text,
    arcPath(50, 50, 40, g.startAngle, g.valueAngle),
    formatBudget(slo.budget.remaining, slo.budget.unit),
    formatDuration(slo.timeToExhaustionSeconds),
    formatWindow(slo.window.periodSeconds),
    formatSli(slo.sli),
    formatPercent(slo.coverage),
    formatRate(slo.burnRates['1h'] ?? null),
    formatInstant(Date.parse(report.at), { reference: Date.parse(report.at) }),
    plainText(slo.name),
    sloTitle(slo),
    noData,
    ...segments.map((s) => `${s.start}-${s.end} ${s.severity} ${s.rank ?? '-'}`),
    ...explanations.flatMap((e) => [e.value, e.text, ...e.inputs.map((i) => `${i.name}: ${i.value}`)]),
  ];
}

// Misuse the declarations must refuse.
// @ts-expect-error a budget unit is 'events' or 'seconds'
formatBudget(1, 'minutes');
// @ts-expect-error a severity is one of three tokens
export const bad: Severity = 'green';
// @ts-expect-error the gauge takes a share, not text
gauge('30%');
// @ts-expect-error an SLO report, not the whole report
explainRemaining({} as Report);
// @ts-expect-error the chart needs its size
burndownChart({} as SloReport, [], { width: 1 });
