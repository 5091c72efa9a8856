// One SLO instance: the level with its reasons and actions first, then the
// remaining budget (gauge, share and amount), SLI against objective, time
// to exhaustion, the burn-down with the level timeline, burn rates with
// the alert thresholds, and the alerts. Every number explains itself. All
// text comes from @slogate/view, as the web component's does.
import { css, cx } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { TextLink, useStyles2, useTheme2 } from '@grafana/ui';
import type { SloReport } from '@slogate/engine';
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
  type TimeOptions,
} from '@slogate/view';
import React, { useState } from 'react';

import { runbookFor } from '../data/runbooks';
import { Runbook, ViewOptions } from '../types';
import { Burndown } from './Burndown';
import { useDrawn } from './drawn';
import { useDisclosure } from './Explain';
import { Gauge } from './Gauge';
import { SEVERITY_MARK, severityColor } from './severity';

interface Props {
  slo: SloReport;
  levels: readonly string[];
  views: ViewOptions;
  runbooks: Runbook[];
  timeZone?: string;
  /** Drawn in full at once (in the panel's first view), else when scrolled near. */
  drawn: boolean;
}

/** A card's height before it is drawn in full: its figures and burn-down take about this. */
export function cardHeight(views: ViewOptions): number {
  return 110 + (views.figures ? 120 : 0) + (views.burndown ? 110 : 0) + (views.burnRates ? 30 : 0);
}

export function SloCard({ slo, levels, views, runbooks, timeZone, drawn: initially }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const time = timeZone ? { timeZone } : {};
  const state = currentState(slo, levels, time);
  const { severity } = levelSeverity(levels, slo.level);
  const color = severityColor(theme, severity);
  const title = sloTitle(slo);
  const runbook = runbookFor(runbooks, slo.level);
  const [open, setOpen] = useState(false);
  const [ref, drawn] = useDrawn<HTMLElement>(initially);
  return (
    <article
      ref={ref}
      className={styles.card}
      style={{ borderTopColor: color, minHeight: drawn ? undefined : cardHeight(views) }}
      aria-label={`${title}: ${state.level}`}
      data-level={slo.level}
    >
      <header className={styles.head}>
        <h3 className={styles.title}>{title}</h3>
        <span className={styles.badge} style={{ color, borderColor: color }}>
          <span aria-hidden="true">{SEVERITY_MARK[severity]}</span> {state.level}
        </span>
      </header>
      <p className={styles.state}>{state.text}</p>
      {state.reasons.length > 0 && (
        <ul className={styles.reasons} aria-label={`why ${state.level}`}>
          {state.reasons.map((r, i) => (
            <li key={i} style={{ borderLeftColor: color }}>
              <code>{r.when}</code>
              {r.value !== null && <span className={styles.muted}> (value {r.value})</span>}
              {r.action !== null && <div className={styles.action}>→ {r.action}</div>}
            </li>
          ))}
        </ul>
      )}
      {runbook && (
        <p className={styles.runbook}>
          <TextLink href={runbook.url} external>
            Runbook for {state.level}
          </TextLink>
        </p>
      )}
      {drawn && views.figures && <Figures slo={slo} color={color} />}
      {drawn && views.burndown && <Burndown slo={slo} levels={levels} timeZone={timeZone} />}
      {slo.warnings.length > 0 && (
        <ul className={styles.warnings} aria-label="warnings">
          {slo.warnings.map((w, i) => (
            <li key={i}>{plainText(w.message)}</li>
          ))}
        </ul>
      )}
      {drawn && views.burnRates && (
        <details className={styles.section} onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>Burn rates and alerts</summary>
          {/* Built when first opened: fifty closed sections cost nothing. */}
          {open && (
            <>
              <BurnRates slo={slo} />
              <Alerts slo={slo} time={time} />
            </>
          )}
        </details>
      )}
    </article>
  );
}

function Figures({ slo, color }: { slo: SloReport; color: string }) {
  const styles = useStyles2(getStyles);
  const budget = budgetStatus(slo);
  const sli = sliStatus(slo);
  const remaining = useDisclosure('remaining budget', explainRemaining(slo));
  const tte = useDisclosure('time to exhaustion', explainTimeToExhaustion(slo));
  return (
    <div className={styles.figures}>
      <Gauge ratio={slo.budget.remainingRatio} color={color} valueText={budget.text} />
      <dl className={styles.facts}>
        <dt>{budget.label}</dt>
        <dd>
          <strong>{budget.amount}</strong>
          <span className={styles.muted}>{budget.of}</span>
          {remaining.button}
        </dd>
        <dt>SLI</dt>
        <dd>
          <strong className={cx(sli.met === false && styles.miss)}>{sli.sli}</strong>
          <span className={styles.muted}>
            {' '}
            {sli.met === null ? 'vs' : sli.met ? '≥' : '<'} {sli.objective} objective
          </span>
        </dd>
        <dt>exhausted in</dt>
        <dd>
          <strong>{explainTimeToExhaustion(slo).value}</strong>
          {tte.button}
        </dd>
        <dt>window</dt>
        <dd>
          <strong>{formatWindow(slo.window.periodSeconds)}</strong>
          <span className={styles.muted}>, {formatPercent(slo.coverage)} with data</span>
        </dd>
      </dl>
      <div className={styles.panels}>
        {remaining.panel}
        {tte.panel}
      </div>
    </div>
  );
}

function BurnRates({ slo }: { slo: SloReport }) {
  const styles = useStyles2(getStyles);
  const rows = burnRateRows(slo);
  return (
    <table className={styles.table}>
      <caption>Burn rates (1 = spending exactly the budget over the period)</caption>
      <thead>
        <tr>
          <th scope="col">window</th>
          <th scope="col">burn rate</th>
          <th scope="col">alert thresholds</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <BurnRow key={row.key} slo={slo} row={row} />
        ))}
      </tbody>
    </table>
  );
}

function BurnRow({ slo, row }: { slo: SloReport; row: ReturnType<typeof burnRateRows>[number] }) {
  const styles = useStyles2(getStyles);
  const why = useDisclosure(`burn rate over ${row.window}`, explainBurnRate(slo, row.key));
  return (
    <>
      <tr className={cx(row.thresholds.some((t) => t.exceeded) && styles.hot)} data-window={row.key}>
        <th scope="row">
          {row.window}
          {row.forecast && <span className={styles.muted}> forecast</span>}
        </th>
        <td>
          {row.value}
          {why.button}
        </td>
        <td>
          {row.thresholds.length === 0
            ? '—'
            : row.thresholds.map((t, i) => (
                <span key={i} className={cx(styles.chip, t.exceeded && styles.exceeded)} title={t.title}>
                  {t.alert} {t.text}
                  {t.exceeded && <span className={styles.hidden}> exceeded</span>}
                </span>
              ))}
        </td>
      </tr>
      {why.panel && (
        <tr>
          <td colSpan={3}>{why.panel}</td>
        </tr>
      )}
    </>
  );
}

function Alerts({ slo, time }: { slo: SloReport; time: TimeOptions }) {
  const styles = useStyles2(getStyles);
  if (slo.alerts.length === 0) {
    return <p className={styles.muted}>No burn-rate alerts.</p>;
  }
  return (
    <ul className={styles.alerts} aria-label="alerts">
      {slo.alerts.map((alert, a) => (
        <li key={a}>
          <AlertHead slo={slo} alertIndex={a} time={time} />
          <ul>
            {alert.pairs.map((pair, p) => (
              <Pair key={p} slo={slo} alertIndex={a} pairIndex={p} />
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** The alert's name, severity and state; a held alert (`for`) explains how long it has held. */
function AlertHead({ slo, alertIndex, time }: { slo: SloReport; alertIndex: number; time: TimeOptions }) {
  const styles = useStyles2(getStyles);
  const alert = slo.alerts[alertIndex];
  const x = explainAlertState(slo, alert, time);
  const why = useDisclosure(`${plainText(alert.name)} state`, x);
  const held = alert.for !== null;
  return (
    <>
      <strong>{plainText(alert.name)}</strong> <span className={styles.muted}>({plainText(alert.severity)})</span>{' '}
      <span className={cx(styles.chip, alert.firing && styles.exceeded, alert.state === 'pending' && styles.pending)}>
        {x.value}
      </span>
      {held && why.button}
      {held && why.panel}
    </>
  );
}

function Pair({ slo, alertIndex, pairIndex }: { slo: SloReport; alertIndex: number; pairIndex: number }) {
  const alert = slo.alerts[alertIndex];
  const pair = alert.pairs[pairIndex];
  const x = explainAlertPair(slo, alert, pair);
  const why = useDisclosure(`${plainText(alert.name)} ${pairWindows(pair)}`, x);
  return (
    <li>
      {pairCondition(pair)}: <strong>{x.value}</strong>
      {why.button}
      {why.panel}
    </li>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    border: `1px solid ${theme.colors.border.weak}`,
    borderTop: '4px solid',
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.primary,
    padding: theme.spacing(1, 1.5),
    minWidth: 0,
    // Cards scrolled out of the panel are neither laid out nor painted.
    contentVisibility: 'auto',
    containIntrinsicSize: 'auto 420px',
  }),
  head: css({ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: theme.spacing(1) }),
  title: css({ fontSize: theme.typography.h5.fontSize, margin: 0, overflowWrap: 'anywhere' }),
  badge: css({
    border: '1px solid',
    borderRadius: theme.shape.radius.pill,
    padding: theme.spacing(0, 1),
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
    fontWeight: theme.typography.fontWeightMedium,
  }),
  state: css({ margin: theme.spacing(0.5, 0), fontWeight: theme.typography.fontWeightMedium }),
  reasons: css({
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(0.5, 0),
    li: { borderLeft: '3px solid', paddingLeft: theme.spacing(1), marginBottom: theme.spacing(0.5) },
  }),
  action: css({ fontWeight: theme.typography.fontWeightBold }),
  runbook: css({ margin: theme.spacing(0.5, 0) }),
  muted: css({ color: theme.colors.text.secondary }),
  miss: css({ color: theme.colors.error.text }),
  figures: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: theme.spacing(1) }),
  facts: css({
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    gap: theme.spacing(0.25, 1),
    margin: 0,
    flex: '1 1 160px',
    dt: { color: theme.colors.text.secondary },
    dd: { margin: 0 },
  }),
  panels: css({ flexBasis: '100%' }),
  warnings: css({
    color: theme.colors.warning.text,
    fontSize: theme.typography.bodySmall.fontSize,
    paddingLeft: theme.spacing(2),
  }),
  section: css({ marginTop: theme.spacing(1), summary: { cursor: 'pointer', color: theme.colors.text.secondary } }),
  table: css({
    width: '100%',
    fontSize: theme.typography.bodySmall.fontSize,
    borderCollapse: 'collapse',
    caption: { textAlign: 'left', color: theme.colors.text.secondary, captionSide: 'top' },
    'th, td': {
      textAlign: 'left',
      padding: theme.spacing(0.25, 0.5),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      verticalAlign: 'top',
    },
  }),
  hot: css({ background: theme.colors.error.transparent }),
  chip: css({
    display: 'inline-block',
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.pill,
    padding: theme.spacing(0, 0.75),
    margin: theme.spacing(0, 0.5, 0.25, 0),
    whiteSpace: 'nowrap',
  }),
  exceeded: css({ borderColor: theme.colors.error.border, color: theme.colors.error.text }),
  pending: css({ borderColor: theme.colors.warning.border, color: theme.colors.warning.text, borderStyle: 'dashed' }),
  hidden: css({
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  }),
  alerts: css({ paddingLeft: theme.spacing(2), fontSize: theme.typography.bodySmall.fontSize }),
});
