// The remaining-budget gauge: geometry from @slogate/view (gauge, arcPath),
// role="meter" with its values; an overspent budget reads as such.
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { arcPath, gauge } from '@slogate/view';
import React from 'react';

export function Gauge({ ratio, color, valueText }: { ratio: number | null; color: string; valueText: string }) {
  const styles = useStyles2(getStyles);
  const g = gauge(ratio);
  const now =
    g.noData || g.ratio === null ? undefined : Math.round(Math.min(100, Math.max(0, g.ratio * 100)) * 10) / 10;
  return (
    <div
      role="meter"
      aria-label="remaining error budget"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={now}
      aria-valuetext={valueText}
      className={styles.gauge}
    >
      <svg viewBox="0 0 100 84" width={96} height={80} aria-hidden="true" focusable="false">
        <path className={styles.track} d={arcPath(50, 48, 38, g.startAngle, g.endAngle)} />
        {g.fill > 0 && (
          <path d={arcPath(50, 48, 38, g.startAngle, g.valueAngle)} stroke={color} className={styles.fill} />
        )}
        <text x={50} y={52} textAnchor="middle" className={g.text.length > 6 ? styles.valueLong : styles.value}>
          {g.text}
        </text>
        <text x={50} y={80} textAnchor="middle" className={styles.label}>
          {g.noData ? 'budget' : 'left'}
        </text>
      </svg>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  gauge: css({ flex: 'none' }),
  track: css({ fill: 'none', stroke: theme.colors.border.weak, strokeWidth: 9, strokeLinecap: 'round' }),
  fill: css({ fill: 'none', strokeWidth: 9, strokeLinecap: 'round' }),
  value: css({ fill: theme.colors.text.primary, fontSize: 15, fontWeight: theme.typography.fontWeightBold }),
  valueLong: css({ fill: theme.colors.text.primary, fontSize: 11, fontWeight: theme.typography.fontWeightBold }),
  label: css({ fill: theme.colors.text.secondary, fontSize: 10 }),
});
