// The policy option: Grafana's code editor, with the engine's diagnostics
// as editor markers at their line and column and as a list below (the
// message, the field path, the "did you mean").
import { css } from '@emotion/css';
import { GrafanaTheme2, StandardEditorProps } from '@grafana/data';
import { CodeEditor, useStyles2 } from '@grafana/ui';
import { type Diagnostic, validate } from '@slogate/engine';
import { diagnosticLine } from '@slogate/view';
import React, { useEffect, useRef, useState } from 'react';

import { loadEngine } from '../engine';

type Monaco = Parameters<NonNullable<React.ComponentProps<typeof CodeEditor>['onEditorDidMount']>>[1];
type MonacoEditor = Parameters<NonNullable<React.ComponentProps<typeof CodeEditor>['onEditorDidMount']>>[0];

/** The engine's findings for `text` (null until the engine has loaded). */
export function useDiagnostics(text: string): Diagnostic[] | null {
  const [diagnostics, setDiagnostics] = useState<Diagnostic[] | null>(null);
  useEffect(() => {
    let live = true;
    loadEngine().then(
      () => live && setDiagnostics(validate(text)),
      () => live && setDiagnostics(null)
    );
    return () => {
      live = false;
    };
  }, [text]);
  return diagnostics;
}

/** The findings under the editor: place, severity, field path and message. */
export function DiagnosticsList({ diagnostics }: { diagnostics: Diagnostic[] }) {
  const styles = useStyles2(getStyles);
  return (
    <ul className={styles.list} aria-label="policy diagnostics">
      {diagnostics.length === 0 && <li className={styles.ok}>No problems</li>}
      {diagnostics.map(diagnosticLine).map((d, i) => (
        <li key={i} className={d.severity === 'error' ? styles.error : styles.warning}>
          <code>{d.where}</code> {d.severity}: {d.text}
        </li>
      ))}
    </ul>
  );
}

export function PolicyEditor({ value, onChange }: StandardEditorProps<string>) {
  const editor = useRef<{ editor: MonacoEditor; monaco: Monaco } | null>(null);
  const text = value ?? '';
  const diagnostics = useDiagnostics(text);

  useEffect(() => {
    const e = editor.current;
    const model = e?.editor.getModel();
    if (!e || !model || diagnostics === null) {
      return;
    }
    e.monaco.editor.setModelMarkers(
      model,
      'slogate',
      diagnostics.map((d) => {
        // A finding about the whole document has no place: the first line.
        const line = Math.min(Math.max(1, d.line ?? 1), model.getLineCount());
        return {
          startLineNumber: line,
          startColumn: Math.max(1, d.column ?? 1),
          endLineNumber: line,
          endColumn: model.getLineMaxColumn(line),
          message: d.message,
          severity: d.severity === 'error' ? e.monaco.MarkerSeverity.Error : e.monaco.MarkerSeverity.Warning,
        };
      })
    );
  }, [diagnostics]);

  return (
    <div>
      <CodeEditor
        value={text}
        language="yaml"
        height={320}
        showLineNumbers
        showMiniMap={false}
        onBlur={(v) => onChange(v)}
        onChange={(v) => onChange(v)}
        onEditorDidMount={(ed, monaco) => {
          editor.current = { editor: ed, monaco };
        }}
      />
      {diagnostics !== null && <DiagnosticsList diagnostics={diagnostics} />}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0),
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  ok: css({ color: theme.colors.success.text }),
  error: css({ color: theme.colors.error.text }),
  warning: css({ color: theme.colors.warning.text }),
});
