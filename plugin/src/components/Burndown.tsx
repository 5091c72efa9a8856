// The burn-down with the level timeline shaded behind it: geometry and the
// text alternative from @slogate/view (burndownChart, burndownText).
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import type { SloReport } from '@slogate/engine';
import { burndownChart, burndownText, formatInstant } from '@slogate/view';
import React from 'react';

import { severityColor } from './severity';

const W = 300;
const H = 64;
const PAD = 5;

export function Burndown({ slo, levels, timeZone }: { slo: SloReport; levels: readonly string[]; timeZone?: string }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const c = burndownChart(slo, levels, { width: W, height: H - 2 * PAD });
  const time = timeZone ? { timeZone } : {};
  const text = burndownText(slo, levels, time);
  const end = Date.parse(slo.window.end);
  const when = (ms: number) => formatInstant(ms, { ...time, reference: end });
  return (
    <figure className={styles.figure}>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={text} className={styles.chart}>
        <title>{text}</title>
        {c.bands.map((b, i) => (
          <rect
            key={i}
            x={b.x}
            y={0}
            width={Math.max(b.width, b.rank === 0 ? 0.5 : 2)}
            height={H}
            fill={severityColor(theme, b.severity)}
            opacity={b.rank === 0 ? 0.08 : 0.22}
          />
        ))}
        <g transform={`translate(0 ${PAD})`}>
          <line x1={0} x2={W} y1={c.fullY} y2={c.fullY} className={styles.rule} vectorEffect="non-scaling-stroke" />
          <line x1={0} x2={W} y1={c.zeroY} y2={c.zeroY} className={styles.zero} vectorEffect="non-scaling-stroke" />
          {c.path !== '' && <path d={c.path} className={styles.line} vectorEffect="non-scaling-stroke" />}
        </g>
      </svg>
      <figcaption className={styles.axis} aria-hidden="true">
        <span>{when(Date.parse(slo.window.start))}</span>
        <span>{c.path === '' ? 'no data' : 'remaining budget, level shaded'}</span>
        <span>{when(end)}</span>
      </figcaption>
    </figure>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  figure: css({ margin: theme.spacing(1, 0) }),
  chart: css({
    width: '100%',
    height: H,
    display: 'block',
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
  rule: css({ stroke: theme.colors.border.medium, strokeDasharray: '2 3', strokeWidth: 1 }),
  zero: css({ stroke: theme.colors.error.border, strokeDasharray: '2 3', strokeWidth: 1 }),
  line: css({ fill: 'none', stroke: theme.colors.text.primary, strokeWidth: 1.5 }),
  axis: css({
    display: 'flex',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
