// "Explain this number": a button beside a number opens the formula with
// this SLO's own inputs (@slogate/view's explanations, the web
// component's too).
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import type { Explanation } from '@slogate/view';
import React, { useId, useState } from 'react';

export function useDisclosure(label: string, explanation: Explanation) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const styles = useStyles2(getStyles);
  const button = (
    <button
      type="button"
      className={styles.why}
      aria-expanded={open}
      aria-controls={id}
      aria-label={`Explain ${label}: ${explanation.value}`}
      title={`How is ${label} computed?`}
      onClick={() => setOpen(!open)}
    >
      ?
    </button>
  );
  const panel = open ? (
    <div id={id} className={styles.panel} data-explains={label}>
      <p>{explanation.text}</p>
      {explanation.inputs.length > 0 && (
        <table className={styles.inputs}>
          <tbody>
            {explanation.inputs.map((input) => (
              <tr key={input.name}>
                <th scope="row">{input.name}</th>
                <td>{input.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  ) : null;
  return { button, panel };
}

const getStyles = (theme: GrafanaTheme2) => ({
  why: css({
    marginLeft: theme.spacing(0.5),
    width: 18,
    height: 18,
    borderRadius: '50%',
    border: `1px solid ${theme.colors.border.medium}`,
    background: theme.colors.background.secondary,
    color: theme.colors.text.secondary,
    fontSize: 11,
    lineHeight: '16px',
    padding: 0,
    cursor: 'pointer',
    verticalAlign: 'middle',
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}` },
  }),
  panel: css({
    margin: theme.spacing(0.5, 0),
    padding: theme.spacing(1),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    fontSize: theme.typography.bodySmall.fontSize,
    p: { margin: 0, marginBottom: theme.spacing(0.5) },
  }),
  inputs: css({
    th: { fontWeight: theme.typography.fontWeightMedium, paddingRight: theme.spacing(1), textAlign: 'left' },
  }),
});
