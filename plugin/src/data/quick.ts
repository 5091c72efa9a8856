// Quick mode: the panel's few fields written as a slogate policy, for
// people who never saw the YAML. The text is shown beside the fields, so
// that a team can copy it into the Policy field and grow it from there.
// Every value is written as a YAML double-quoted string or a number the
// policy format reads (JSON strings are valid YAML flow scalars): nothing a
// user types can change the document's structure.

export type QuickSli = 'good-total' | 'bad-total' | 'good-bad' | 'threshold';

export interface QuickOptions {
  /** The SLO's name. */
  name: string;
  /** A percentage, e.g. "99.9". */
  objective: string;
  /** `28d`, `30d`, … (rolling) or `month`, `week` (calendar, in `timeZone`). */
  window: string;
  timeZone: string;
  /** Whether events or time are budgeted. */
  budgeting: 'occurrences' | 'timeslices';
  sli: QuickSli;
  /** refIds of the queries (the series names): the two the SLI form uses, or `series` for a threshold. */
  good: string;
  bad: string;
  total: string;
  series: string;
  /** What a ratio query's samples are: `increase` (events per step), `rate` (per second) or a `counter`. */
  kind: 'increase' | 'rate' | 'counter';
  /** Threshold SLI: a slice is good iff the value `op` `value`, e.g. "<=" "500ms". */
  op: '<' | '<=' | '>' | '>=';
  value: string;
  /** Percent of budget left below which the level is freeze (and warning below twice that); empty: no rules. */
  freezeBelow: string;
}

export const DEFAULT_QUICK: QuickOptions = {
  name: 'availability',
  objective: '99.9',
  window: '28d',
  timeZone: 'UTC',
  budgeting: 'occurrences',
  sli: 'good-total',
  good: 'good',
  bad: 'bad',
  total: 'total',
  series: 'p99',
  kind: 'increase',
  op: '<=',
  value: '500ms',
  freezeBelow: '10',
};

const CALENDAR = new Set(['day', 'week', 'month', 'quarter', 'year']);

/** The policy `quick` describes, as YAML text. */
export function quickPolicy(quick: QuickOptions): string {
  const q = { ...DEFAULT_QUICK, ...quick };
  const s = (x: string) => JSON.stringify(x.trim());
  const ref = (name: string) => `{name: ${s(name)}, kind: ${q.kind}}`;
  const window = CALENDAR.has(q.window.trim())
    ? `{calendar: ${q.window.trim()}, timeZone: ${s(q.timeZone || 'UTC')}}`
    : `{rolling: ${s(q.window)}}`;
  let sli: string;
  switch (q.sli) {
    case 'bad-total':
      sli = `{ratio: {bad: ${ref(q.bad)}, total: ${ref(q.total)}}}`;
      break;
    case 'good-bad':
      sli = `{ratio: {good: ${ref(q.good)}, bad: ${ref(q.bad)}}}`;
      break;
    case 'threshold':
      sli = `{threshold: {series: {name: ${s(q.series)}, kind: gauge}, op: ${s(q.op)}, value: ${s(q.value)}}}`;
      break;
    default:
      sli = `{ratio: {good: ${ref(q.good)}, total: ${ref(q.total)}}}`;
  }
  const lines = [
    "# Written by the panel's quick mode: copy it into the Policy field to extend it.",
    'apiVersion: slogate/v1',
    'kind: ServiceLevelPolicy',
    'metadata:',
    `  name: ${s(q.name || 'slo')}`,
    'spec:',
    '  slos:',
    `    - name: ${s(q.name || 'slo')}`,
    `      objective: ${s(`${q.objective.trim().replace(/%$/, '')}%`)}`,
    `      window: ${window}`,
    // A threshold SLI always budgets time.
    `      budgeting: ${q.sli === 'threshold' ? 'timeslices' : q.budgeting}`,
    `      sli: ${sli}`,
  ];
  const freeze = q.freezeBelow.trim().replace(/%$/, '');
  if (freeze !== '') {
    const warning = Number(freeze) * 2;
    lines.push('  policy:', '    levels: [healthy, warning, freeze]', '    rules:');
    if (Number.isFinite(warning) && warning > 0 && warning < 100) {
      lines.push(`      - {level: warning, when: ${s(`remaining < ${warning}%`)}}`);
    }
    lines.push(`      - {level: freeze, when: ${s(`remaining < ${freeze}%`)}}`);
  }
  return `${lines.join('\n')}\n`;
}
