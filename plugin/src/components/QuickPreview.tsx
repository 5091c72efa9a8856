// Quick mode's policy as text, under its fields: what the panel evaluates,
// ready to copy into the Policy field.
import { css } from '@emotion/css';
import { GrafanaTheme2, StandardEditorProps } from '@grafana/data';
import { ClipboardButton, useStyles2 } from '@grafana/ui';
import React from 'react';

import { DEFAULT_QUICK, quickPolicy } from '../data/quick';
import { SlogateOptions } from '../types';

export function QuickPreview({ context }: StandardEditorProps<unknown, unknown, SlogateOptions>) {
  const styles = useStyles2(getStyles);
  const text = quickPolicy({ ...DEFAULT_QUICK, ...context.options?.quick });
  return (
    <div>
      <pre className={styles.pre} aria-label="the policy quick mode writes">
        {text}
      </pre>
      <ClipboardButton icon="copy" variant="secondary" size="sm" getText={() => text}>
        Copy the policy
      </ClipboardButton>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  pre: css({ fontSize: theme.typography.bodySmall.fontSize, maxHeight: 240, overflow: 'auto', whiteSpace: 'pre-wrap' }),
});
