// Option lists edited as rows of text inputs: the series mappings (name,
// refId, field, label matcher) and the runbook links per level.
import { css } from '@emotion/css';
import { GrafanaTheme2, StandardEditorProps } from '@grafana/data';
import { Button, IconButton, Input, useStyles2 } from '@grafana/ui';
import React from 'react';

import type { SeriesMapping } from '../data/frames';
import { parseMatchers } from '../data/matcher';
import { isWebLink } from '../data/runbooks';
import type { Runbook } from '../types';

interface Column<T> {
  key: keyof T & string;
  label: string;
  placeholder: string;
  /** A problem with the value, shown under the row. */
  check?: (value: string) => string | null;
}

function ListEditor<T extends object>({
  value,
  onChange,
  columns,
  empty,
  noun,
}: {
  value: T[] | undefined;
  onChange: (v: T[]) => void;
  columns: Array<Column<T>>;
  empty: T;
  noun: string;
}) {
  const styles = useStyles2(getStyles);
  const rows = value ?? [];
  const set = (i: number, key: keyof T, v: string) => onChange(rows.map((r, j) => (j === i ? { ...r, [key]: v } : r)));
  return (
    <div>
      {rows.map((row, i) => {
        // Each value checked once: its problem marks the input and is said under the row.
        const checked = columns.map((c) => c.check?.(String(row[c.key] ?? '')) ?? null);
        const problems = checked.filter((p): p is string => p !== null);
        return (
          <div key={i} className={styles.row}>
            <div className={styles.inputs}>
              {columns.map((c, k) => (
                <Input
                  key={c.key}
                  aria-label={`${noun} ${i + 1}: ${c.label}`}
                  placeholder={c.placeholder}
                  value={String(row[c.key] ?? '')}
                  invalid={checked[k] !== null}
                  onChange={(e) => set(i, c.key, e.currentTarget.value)}
                />
              ))}
              <IconButton
                name="trash-alt"
                tooltip={`Remove ${noun} ${i + 1}`}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              />
            </div>
            {problems.map((p) => (
              <div key={p} className={styles.problem}>
                {p}
              </div>
            ))}
          </div>
        );
      })}
      <Button variant="secondary" size="sm" icon="plus" onClick={() => onChange([...rows, { ...empty }])}>
        Add {noun}
      </Button>
    </div>
  );
}

function matcherProblem(text: string): string | null {
  try {
    parseMatchers(text);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function MappingsEditor({ value, onChange }: StandardEditorProps<SeriesMapping[]>) {
  return (
    <ListEditor<SeriesMapping>
      value={value}
      onChange={onChange}
      noun="mapping"
      empty={{ series: '', refId: '', field: '', labels: '' }}
      columns={[
        { key: 'series', label: 'policy series', placeholder: 'series (good)' },
        { key: 'refId', label: 'query', placeholder: 'refId (A)' },
        { key: 'field', label: 'field', placeholder: 'field name' },
        { key: 'labels', label: 'labels', placeholder: '{code=~"5.."}', check: matcherProblem },
      ]}
    />
  );
}

export function RunbooksEditor({ value, onChange }: StandardEditorProps<Runbook[]>) {
  return (
    <ListEditor<Runbook>
      value={value}
      onChange={onChange}
      noun="runbook"
      empty={{ level: '', url: '' }}
      columns={[
        { key: 'level', label: 'level', placeholder: 'level (freeze)' },
        {
          key: 'url',
          label: 'link',
          placeholder: 'https://…',
          check: (u) => (u === '' || isWebLink(u) ? null : 'a runbook link starts with https:// or http://'),
        },
      ]}
    />
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  row: css({ marginBottom: theme.spacing(1) }),
  inputs: css({ display: 'flex', gap: theme.spacing(0.5), alignItems: 'center' }),
  problem: css({ color: theme.colors.error.text, fontSize: theme.typography.bodySmall.fontSize }),
});
