// The panel: the worst level first and unmissable, with its reasons and
// actions, then a card per SLO instance. Loading, no data, a policy or data
// the engine refuses, and data that does not cover what the policy reads
// each have their own state; a number is never shown that the engine did
// not compute from data that covers it.
import { css } from '@emotion/css';
import { GrafanaTheme2, LoadingState, PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { Alert, LoadingPlaceholder, useStyles2, useTheme2 } from '@grafana/ui';
import { Engine } from '@slogate/engine';
import { describeError, levelSeverity, plainText, reportAttention, reportSummary, verdictActions } from '@slogate/view';
import React, { useEffect, useMemo, useState } from 'react';

import { ColumnPool } from '../data/columns';
import { EditMemo, evaluatePanel, Outcome } from '../data/evaluate';
import { runbookFor } from '../data/runbooks';
import { DEFAULT_QUICK, quickPolicy } from '../data/quick';
import { loadEngine } from '../engine';
import { SlogateOptions } from '../types';
import { CARD_GAP, CARD_MIN_WIDTH, ScrollRoot, firstViewCards } from './drawn';
import { SloCard, cardHeight } from './SloCard';
import { SEVERITY_MARK, severityColor } from './severity';

/** At most this many SLO instances are named in the verdict. */
const MAX_NAMED = 12;

/** Below this size only the verdict is shown (a 1×1 grid cell). */
const COMPACT = { width: 320, height: 180 };
/** Below this size only the level itself: a panel a grid cell or two across. */
const TINY = { width: 200, height: 100 };

type Load = { state: 'loading' } | { state: 'ready' } | { state: 'failed'; error: unknown };

function useEngineLoaded(): Load {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    loadEngine().then(
      () => live && setLoad({ state: 'ready' }),
      (error) => live && setLoad({ state: 'failed', error })
    );
    return () => {
      live = false;
    };
  }, []);
  return load;
}

type Built = { engine: Engine; error: null } | { engine: null; error: unknown };

/**
 * The engine of the policy text, rebuilt when the text changes. The engine
 * it replaces is freed after the next evaluation: the memo builds on it.
 */
function useEngine(text: string, ready: boolean): Built | null {
  const built = useMemo<Built | null>(() => {
    if (!ready) {
      return null;
    }
    try {
      return { engine: new Engine(text), error: null };
    } catch (error) {
      return { engine: null, error };
    }
  }, [text, ready]);
  useEffect(() => () => built?.engine?.free(), [built]);
  return built;
}

export function SlogatePanel({
  data,
  options,
  width,
  height,
  replaceVariables,
  id,
  fieldConfig,
  timeZone,
}: PanelProps<SlogateOptions>) {
  const styles = useStyles2(getStyles);
  const load = useEngineLoaded();
  const text = policyText(options, replaceVariables);
  const built = useEngine(text, load.state === 'ready');
  // An edit of the policy re-evaluates only what it changed; a refresh all.
  const [memos] = useState(() => new EditMemo());
  // The columns' arrays, kept from one refresh to the next.
  const [columns] = useState(() => new ColumnPool());
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const at = data.timeRange.to.valueOf();
  const from = data.timeRange.from.valueOf();
  const outcome = useMemo<Outcome | null>(
    () =>
      built?.engine
        ? evaluatePanel(built.engine, data.series, options.mappings ?? [], at, from, memos.for(data.series), columns)
        : null,
    [built, data.series, options.mappings, at, from, memos, columns]
  );
  const zone = timeZone === 'browser' || !timeZone ? undefined : timeZone === 'utc' ? 'UTC' : timeZone;

  if (load.state === 'failed') {
    return (
      <Alert severity="error" title="slogate's WebAssembly engine could not load">
        {describeError(load.error).title}
      </Alert>
    );
  }
  if (load.state === 'loading' || built === null || (data.state === LoadingState.Loading && data.series.length === 0)) {
    return <LoadingPlaceholder text="Computing error budgets…" />;
  }
  if (built.engine === null) {
    return <PolicyProblem error={built.error} />;
  }
  if (outcome === null) {
    return null;
  }
  switch (outcome.kind) {
    case 'no-data':
      return (
        <PanelDataErrorView
          panelId={id}
          fieldConfig={fieldConfig}
          data={data}
          message={noDataMessage(
            outcome.unused.length,
            built.engine.plan(at).series.map((s) => s.name)
          )}
        />
      );
    case 'short':
      return (
        <Alert severity="warning" title="The panel's data does not cover what the policy reads">
          {outcome.advice.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </Alert>
      );
    case 'error': {
      const d = describeError(outcome.error);
      return (
        <Alert severity="error" title={d.title}>
          {d.lines.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </Alert>
      );
    }
    case 'report': {
      const first = firstViewCards(width, height, cardHeight(options.views));
      return (
        <div className={styles.panel} style={{ width, height }} ref={setScroller}>
          {width < TINY.width || height < TINY.height ? (
            <TinyVerdict report={outcome.report} height={height} />
          ) : (
            <Verdict report={outcome.report} runbooks={options.runbooks ?? []} />
          )}
          {outcome.problems.map((p, i) => (
            <p key={i} className={styles.problem}>
              {p}
            </p>
          ))}
          {width >= COMPACT.width && height >= COMPACT.height && (
            <ScrollRoot.Provider value={scroller}>
              <div className={styles.grid}>
                {outcome.report.slos.map((slo, i) => (
                  <SloCard
                    key={i}
                    slo={slo}
                    levels={outcome.report.levels}
                    views={options.views}
                    runbooks={options.runbooks ?? []}
                    timeZone={zone}
                    drawn={i < first}
                  />
                ))}
              </div>
            </ScrollRoot.Provider>
          )}
        </div>
      );
    }
  }
}

/** The policy the panel evaluates: quick mode's, or the Policy field's with dashboard variables replaced. */
export function policyText(options: SlogateOptions, replaceVariables: (s: string) => string): string {
  return options.mode === 'quick'
    ? quickPolicy({ ...DEFAULT_QUICK, ...options.quick })
    : replaceVariables(options.policy ?? '');
}

/** The no-data view's message: Grafana's view frames it, so no closing period. */
export function noDataMessage(unused: number, names: string[]): string {
  const wanted = names.join(', ');
  return unused > 0
    ? `none of the ${unused} series the queries returned is one the policy reads (${wanted}): name the queries after them (refId) or map them under Series mappings`
    : `no data for the policy's series ${wanted}`;
}

function Verdict({
  report,
  runbooks,
}: {
  report: NonNullable<Extract<Outcome, { kind: 'report' }>['report']>;
  runbooks: SlogateOptions['runbooks'];
}) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const summary = reportSummary(report);
  const { severity } = levelSeverity(report.levels, report.level);
  const color = severityColor(theme, severity);
  const runbook = runbookFor(runbooks, report.level);
  const actions = verdictActions(report);
  const attention = reportAttention(report);
  return (
    <section className={styles.verdict} style={{ borderLeftColor: color }} aria-label={`verdict: ${summary.text}`}>
      <div className={styles.head}>
        <span className={styles.level} style={{ color }}>
          <span aria-hidden="true">{SEVERITY_MARK[severity]}</span> {summary.level}
        </span>
        <span className={styles.policy}>{plainText(report.policy)}</span>
      </div>
      <div className={styles.detail}>{summary.detail}</div>
      {actions.length > 0 && (
        <ul className={styles.actions} aria-label={`what ${summary.level} asks`}>
          {actions.map((a) => (
            <li key={a}>→ {a}</li>
          ))}
        </ul>
      )}
      {attention.length > 0 && (
        <ul className={styles.attention} aria-label="SLOs not at the lowest level">
          {attention.slice(0, MAX_NAMED).map((x) => (
            <li key={x.index} className={styles.chip} style={{ borderColor: severityColor(theme, x.severity) }}>
              <strong style={{ color: severityColor(theme, x.severity) }}>{x.level}</strong> {x.title}
            </li>
          ))}
          {attention.length > MAX_NAMED && <li className={styles.detail}>and {attention.length - MAX_NAMED} more</li>}
        </ul>
      )}
      {runbook && (
        <a className={styles.detail} href={runbook.url} target="_blank" rel="noreferrer noopener">
          Runbook for {summary.level}
        </a>
      )}
    </section>
  );
}

/** The level alone, as large as the panel allows, the counts as its accessible name. */
function TinyVerdict({ report, height }: { report: Extract<Outcome, { kind: 'report' }>['report']; height: number }) {
  const theme = useTheme2();
  const summary = reportSummary(report);
  const { severity } = levelSeverity(report.levels, report.level);
  const color = severityColor(theme, severity);
  return (
    <section
      aria-label={`verdict: ${summary.text}`}
      title={summary.text}
      style={{
        color,
        fontWeight: theme.typography.fontWeightBold,
        fontSize: Math.max(12, Math.min(32, height * 0.5)),
        lineHeight: 1.1,
        whiteSpace: 'nowrap',
        overflow: 'hidden',
        textOverflow: 'ellipsis',
      }}
    >
      <span aria-hidden="true">{SEVERITY_MARK[severity]}</span> {summary.level}
    </section>
  );
}

function PolicyProblem({ error }: { error: unknown }) {
  const d = describeError(error);
  return (
    <Alert severity="error" title={d.title}>
      <ul>
        {d.diagnostics.map((line, i) => (
          <li key={i}>
            <code>{line.where}</code> {line.severity}: {line.text}
          </li>
        ))}
        {d.diagnostics.length === 0 && d.lines.map((line, i) => <li key={i}>{line}</li>)}
      </ul>
    </Alert>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({ overflow: 'auto', display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  // The verdict stays in view while many cards scroll under it.
  verdict: css({
    position: 'sticky',
    top: 0,
    zIndex: 1,
    borderLeft: '6px solid',
    padding: theme.spacing(0.5, 1.5),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
  }),
  head: css({ display: 'flex', alignItems: 'baseline', gap: theme.spacing(1.5), flexWrap: 'wrap' }),
  level: css({ fontSize: theme.typography.h2.fontSize, fontWeight: theme.typography.fontWeightBold, lineHeight: 1.2 }),
  policy: css({ color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium }),
  actions: css({
    listStyle: 'none',
    margin: theme.spacing(0.5, 0),
    padding: 0,
    fontWeight: theme.typography.fontWeightBold,
  }),
  attention: css({
    listStyle: 'none',
    margin: theme.spacing(0.5, 0),
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  }),
  chip: css({
    border: '1px solid',
    borderRadius: theme.shape.radius.pill,
    padding: theme.spacing(0, 1),
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  detail: css({ color: theme.colors.text.secondary }),
  problem: css({ color: theme.colors.warning.text, margin: 0 }),
  grid: css({
    display: 'grid',
    gridTemplateColumns: `repeat(auto-fill, minmax(${CARD_MIN_WIDTH}px, 1fr))`,
    gap: CARD_GAP,
    alignItems: 'start',
  }),
});
