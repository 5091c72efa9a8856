// Types of @slogate/view (README.md). The report's shape is the engine's:
// report.d.ts of @slogate/engine.

import type { AlertReport, Diagnostic, PairReport, Report, SloReport } from '@slogate/engine';

/** What every view shows for a number the report does not have. */
export const NO_DATA: 'no data';

/** `x` with exactly `decimals` decimals, rounded like Rust's `{:.N}` (ties to even). */
export function fixed(x: number, decimals: number): string;
/** At most `decimals` decimals, trailing zeros dropped: 99.9, 6, 14.4. */
export function formatNumber(x: number | null, decimals: number): string;
/** A share as a percentage with one decimal: 0.30555 → "30.6%". */
export function formatPercent(share: number | null): string;
/** An objective as written: 0.999 → "99.9%". */
export function formatObjective(share: number | null): string;
/** An SLI as a percentage, up to four decimals: 0.9990072 → "99.9007%". */
export function formatSli(sli: number | null): string;
/** A burn rate: 14.4 → "14.40", 0.001234 → "0.00123". */
export function formatRate(x: number | null): string;
/** Seconds to the tenth: 2419.2 → "40m19.2s", 90061 → "1d1h1m1s". */
export function formatDuration(seconds: number | null): string;
/**
 * Milliseconds of a slogate duration (`30s`, `1h30m`; the inverse of
 * `formatWindow`); throws an Error quoting `shown` (default `text`) for
 * anything else, zero included.
 */
export function parseDuration(text: string, shown?: string): number;
/** A window or period in the policy's notation: 2419200 → "28d", 5400 → "1h30m". */
export function formatWindow(seconds: number | null): string;
/** An event count: 1234.5 → "1234.5 events". */
export function formatEvents(x: number | null): string;
/** A budget amount in its unit: events → a count, seconds → a duration. */
export function formatBudget(amount: number | null, unit: SloReport['budget']['unit']): string;
/** A reason's value in the unit of its rule's first term. */
export function formatReasonValue(when: string, value: number | null): string;

/** Text with control, separator and format characters shown as `\u{…}`. */
export function plainText(text: string): string;
/** `name {label="value", …}`, values quoted with `"` and `\` escaped. */
export function sloTitle(slo: Pick<SloReport, 'name' | 'group'>): string;

/** See README.md: rank 0 ok; rank 1 warn when there are ≥ 3 levels; else critical. */
export type Severity = 'ok' | 'warn' | 'critical';
/** The index of `level` in `levels` (the report's `levels`), or null. */
export function levelRank(levels: readonly string[], level: string): number | null;
export function severityOfRank(rank: number | null, count: number): Severity;
export function levelSeverity(
  levels: readonly string[],
  level: string,
): { rank: number | null; severity: Severity };

export interface DisplaySegment {
  /** Epoch ms, exclusive. */
  from: number;
  /** Epoch ms, inclusive. */
  to: number;
  /** `from` as a share of the window, 0..1. */
  start: number;
  /** `to` as a share of the window, 0..1. */
  end: number;
  level: string;
  rank: number | null;
  severity: Severity;
  reasons: string[];
  /** Alerts firing. */
  alerts: string[];
  /** Alerts pending: their condition holds, not yet for their `for`. */
  pending: string[];
}
export function timelineSegments(slo: SloReport, levels: readonly string[]): DisplaySegment[];

/** A run of burn-down points at which an alert fired: `from` exclusive, `to` inclusive. */
export interface AlertRun {
  /** Epoch ms, exclusive. */
  from: number;
  /** Epoch ms, inclusive. */
  to: number;
  /** `from` as a share of the window, 0..1. */
  start: number;
  /** `to` as a share of the window, 0..1. */
  end: number;
}
export interface AlertSegments {
  name: string;
  severity: string;
  /** Firing at the evaluation instant. */
  firing: boolean;
  /** At the evaluation instant. */
  state: 'inactive' | 'pending' | 'firing';
  /** Adjacent firing segments merged; empty when it never fired in the window. */
  runs: AlertRun[];
  /** The same for the points where it was pending (alerts with `for` only). */
  pendingRuns: AlertRun[];
}
/** When each alert of the SLO fired over the window, in document order. */
export function alertSegments(slo: SloReport): AlertSegments[];

export interface TimeOptions {
  /** An IANA time zone; the host's by default. */
  timeZone?: string;
  /** For the names of days and months; "en-GB" by default. */
  locale?: string;
}
export interface CurrentState {
  level: string;
  rank: number | null;
  severity: Severity;
  /** Epoch ms of the first point at this level; null without a timeline. */
  since: number | null;
  /** The level held already at the window's first point. */
  sinceAtLeast: boolean;
  /** The matched rules of this level. */
  reasons: { when: string; value: string; action: string | null }[];
  /** "critical since Fri 14:05, because burn_rate(30m) > 5". */
  text: string;
}
export function currentState(
  slo: SloReport,
  levels: readonly string[],
  options?: TimeOptions,
): CurrentState;
/** "Tue 14:05" within six days before `reference`, else "Tue 3 Feb 14:05". */
export function formatInstant(ms: number, options?: TimeOptions & { reference?: number }): string;

export interface Gauge {
  /** As reported, negative once overspent; null is no data. */
  ratio: number | null;
  /** Filled share of the arc, 0..1. */
  fill: number;
  startAngle: number;
  endAngle: number;
  valueAngle: number;
  /** "30.6%", "-5.3%" or "no data". */
  text: string;
  noData: boolean;
}
/** Angles in degrees, clockwise from 12 o'clock; default −120° → 120°. */
export function gauge(
  ratio: number | null,
  options?: { startAngle?: number; endAngle?: number },
): Gauge;
/** SVG path data of a clockwise arc; "" when empty. */
export function arcPath(cx: number, cy: number, r: number, from: number, to: number): string;

export interface Explanation {
  /** The number as shown. */
  value: string;
  /** The sentence behind it, with this SLO's inputs. */
  text: string;
  /** The figures the sentence uses. */
  inputs: { name: string; value: string }[];
}
export function explainRemaining(slo: SloReport): Explanation;
/** `window` is a key of `slo.burnRates`, e.g. "1h". */
export function explainBurnRate(slo: SloReport, window: string): Explanation;
export function explainTimeToExhaustion(slo: SloReport): Explanation;
export function explainAlertPair(slo: SloReport, alert: AlertReport, pair: PairReport): Explanation;
/** The alert's state with its hold time: "pending 3m/5m", "firing", "not firing". */
export function explainAlertState(slo: SloReport, alert: AlertReport, options?: TimeOptions): Explanation;

export interface ReportSummary {
  /** The worst level of all SLO instances, as text. */
  level: string;
  rank: number | null;
  severity: Severity;
  /** SLO instances in the report. */
  total: number;
  /** Per level, most severe first; levels without an instance left out. */
  counts: { level: string; rank: number; severity: Severity; count: number }[];
  /** "3 of 17 SLOs at breach, 14 at healthy". */
  detail: string;
  /** "breach: 3 of 17 SLOs at breach, 14 at healthy". */
  text: string;
}
export function reportSummary(report: Report): ReportSummary;

export interface SliStatus {
  sli: string;
  objective: string;
  /** Whether the SLI reaches the objective; null without data. */
  met: boolean | null;
  /** "99.9007% ≥ 99.9% objective". */
  text: string;
}
export function sliStatus(slo: SloReport): SliStatus;

/** An SLO instance not at the lowest level (`reportAttention`). */
export interface Attention {
  /** The instance's place in `report.slos`. */
  index: number;
  slo: SloReport;
  /** `sloTitle(slo)`. */
  title: string;
  /** The instance's level, as text. */
  level: string;
  rank: number | null;
  severity: Severity;
}
/** The SLO instances not at the lowest level, most severe first, then in report order. */
export function reportAttention(report: Report): Attention[];
/** The actions of the rules that give the report its level, each once, in report order. */
export function verdictActions(report: Report): string[];

/** The remaining budget in words, share and amount. */
export interface BudgetStatus {
  /** More than the whole budget spent (remaining < 0). */
  overspent: boolean;
  /** "budget left" or "overspent". */
  label: string;
  /** What is left, or by how much it is overspent: "12m19.2s", "1234.5 events", "no data". */
  amount: string;
  /** " of 40m19.2s". */
  of: string;
  /** "30.6% left: 12m19.2s of 40m19.2s" / "overspent by 5m (-12.4%) of 40m19.2s" / "no data". */
  text: string;
}

export function budgetStatus(slo: SloReport): BudgetStatus;

export interface Threshold {
  alert: string;
  /** The alert's severity as the policy writes it (`page`). */
  severity: string;
  alertIndex: number;
  pairIndex: number;
  role: 'long' | 'short';
  factor: number;
  /** "×13.44". */
  text: string;
  /** The burn rate over this window is above the factor. */
  exceeded: boolean;
  /** The whole pair fires. */
  firing: boolean;
  /** What the threshold is, for a tooltip: "page (page) pair long window: fires when both windows exceed ×14.4". */
  title: string;
}
export interface BurnRateRow {
  /** The window as text. */
  window: string;
  /** The `burnRates` key as reported (for `explainBurnRate`). */
  key: string;
  rate: number | null;
  /** "83.33" or "no data". */
  value: string;
  /** This window forecasts the time to exhaustion. */
  forecast: boolean;
  /** Every alert pair that reads this window. */
  thresholds: Threshold[];
}
/** Each reported burn rate, shortest window first, with its alert thresholds. */
export function burnRateRows(slo: SloReport): BurnRateRow[];
/** A pair's windows: "1h/5m", or "1h" for a single-window alert. */
export function pairWindows(pair: PairReport): string;
/** A pair's burn rates against its factor: "1h 83.33 & 5m 1000.00 > ×13.44" (one window: "1h 83.33 > ×13.44"). */
export function pairCondition(pair: PairReport): string;

export interface Band {
  x: number;
  width: number;
  level: string;
  rank: number | null;
  severity: Severity;
  /** Epoch ms, exclusive. */
  from: number;
  /** Epoch ms, inclusive. */
  to: number;
}
export interface BurndownChart {
  width: number;
  height: number;
  /** The lowest remaining ratio the y axis shows (≤ 0). */
  lo: number;
  /** The highest (≥ 1). */
  hi: number;
  /** SVG path data; gaps in the data are gaps in the line; "" without data. */
  path: string;
  /** y of the 0% line. */
  zeroY: number;
  /** y of the 100% line. */
  fullY: number;
  /** The level timeline, adjacent segments of one level merged. */
  bands: Band[];
  last: { x: number; y: number; ratio: number } | null;
}
/** The burn-down in a width × height box, with the level timeline as bands. */
export function burndownChart(
  slo: SloReport,
  levels: readonly string[],
  size: { width: number; height: number },
): BurndownChart;
/** The burn-down chart in words (its text alternative). */
export function burndownText(slo: SloReport, levels: readonly string[], options?: TimeOptions): string;

export interface DiagnosticLine {
  /** "28:5", or "policy" for a finding about the whole document. */
  where: string;
  severity: 'error' | 'warning';
  /** "spec.defaults.windw: unknown key \"windw\" (did you mean \"window\"?)". */
  text: string;
}
export interface ErrorDescription {
  /** One line: what failed. */
  title: string;
  /** Details, each naming the place. */
  lines: string[];
  /** For a bad policy: every finding with line and column. */
  diagnostics: DiagnosticLine[];
}
/**
 * Any error thrown by the engine (`SlogateError`), a Prometheus client
 * (`PrometheusError`), or a host fetching the policy (kinds `policy-http`,
 * `policy-unreachable` with `url`, `status`), in words that name the place.
 */
export function describeError(error: unknown): ErrorDescription;
export function diagnosticLine(d: Diagnostic): DiagnosticLine;
