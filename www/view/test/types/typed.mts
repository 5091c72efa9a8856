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
} from '@slogate/view';

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
