import { GrafanaTheme2 } from '@grafana/data';
import type { Severity } from '@slogate/view';

/** A severity's colour in the theme (@slogate/view decides the severity, by rank). */
export function severityColor(theme: GrafanaTheme2, severity: Severity): string {
  return severity === 'ok'
    ? theme.colors.success.text
    : severity === 'warn'
      ? theme.colors.warning.text
      : theme.colors.error.text;
}

/** A mark that says the severity without colour (as the web component's). */
export const SEVERITY_MARK: Record<Severity, string> = { ok: '✓', warn: '!', critical: '✕' };
