// @slogate/view: what a person sees of a slogate report, apart from any
// DOM (README.md). Pure functions; every string returned is plain text.

export {
  NO_DATA,
  fixed,
  formatBudget,
  formatDuration,
  formatEvents,
  formatNumber,
  formatObjective,
  formatPercent,
  formatRate,
  formatReasonValue,
  formatSli,
  formatWindow,
} from './src/format.js';
export { plainText, sloTitle } from './src/text.js';
export { levelRank, levelSeverity, severityOfRank } from './src/severity.js';
export { alertSegments, currentState, formatInstant, timelineSegments } from './src/timeline.js';
export { arcPath, gauge } from './src/gauge.js';
export {
  explainAlertPair,
  explainAlertState,
  explainBurnRate,
  explainRemaining,
  explainTimeToExhaustion,
} from './src/explain.js';
export {
  budgetStatus,
  burnRateRows,
  pairCondition,
  pairWindows,
  reportAttention,
  reportSummary,
  sliStatus,
  verdictActions,
} from './src/summary.js';
export { burndownChart, burndownText } from './src/chart.js';
export { describeError, diagnosticLine } from './src/errors.js';
export { parseDuration } from './src/duration.js';
