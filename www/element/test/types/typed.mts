// @slogate/element as a TypeScript host writes against it; checked by tsc
// (npm run typecheck), never run.
import type { Report } from '@slogate/engine';
import { SloGate, setWasmUrl, type SloGateLevelChangeDetail } from '@slogate/element';

export function host(report: Report): string[] {
  const gate = document.querySelector('slo-gate');
  if (gate === null) return [];
  const same: SloGate = gate; // HTMLElementTagNameMap
  same.report = report;
  same.policy = 'apiVersion: slogate/v1';
  same.data = [{ name: 'good', times: new Float64Array([0]), values: new Float64Array([1]) }];
  same.at = Date.now();
  same.at = new Date();
  same.at = null;
  same.headers = { 'X-Scope-OrgID': 'tenant-1' };
  SloGate.wasmUrl = '/assets/slogate.wasm';
  setWasmUrl(new URL('https://cdn.example/slogate.wasm'));
  const levels: string[] = [];
  gate.addEventListener('slogate-level-change', (e) => {
    const d: SloGateLevelChangeDetail = e.detail;
    levels.push(`${d.previous ?? 'none'} → ${d.level} (${d.severity}, rank ${d.rank ?? '?'})`);
  });
  document.addEventListener('slogate-report', (e) => levels.push(e.detail.report.level));
  gate.addEventListener('slogate-error', (e) => levels.push(String(e.detail.error)));
  const state: 'idle' | 'loading' | 'ready' | 'error' = gate.state;
  return [state, gate.level ?? 'none', gate.lastReport?.policy ?? '', ...levels];
}

// Misuse the declarations must refuse.
// @ts-expect-error level is read-only
document.createElement('slo-gate').level = 'freeze';
// @ts-expect-error headers are strings
document.createElement('slo-gate').headers = { 'X-Scope-OrgID': 1 };
// @ts-expect-error the detail has no such field
document.createElement('slo-gate').addEventListener('slogate-level-change', (e) => e.detail.levle);
