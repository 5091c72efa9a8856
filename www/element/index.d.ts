// Types of @slogate/element (README.md): the <slo-gate> custom element.

import type { Report, SeriesInput } from '@slogate/engine';
import type { Severity } from '@slogate/view';

export type SloGateState = 'idle' | 'loading' | 'ready' | 'error';

/** `slogate-level-change`: the worst level of the report changed (also on the first report, with `previous` null). */
export interface SloGateLevelChangeDetail {
  level: string;
  previous: string | null;
  /** Index of `level` in `report.levels` (least severe first). */
  rank: number | null;
  severity: Severity;
}
/** `slogate-report`: a report was rendered (evaluated, fetched, or given). */
export interface SloGateReportDetail {
  report: Report;
}
/** `slogate-error`: the element shows an error (a SlogateError, PrometheusError, or a policy fetch error). */
export interface SloGateErrorDetail {
  error: unknown;
}

/** A failure fetching the `policy` attribute's URL. */
export class PolicyFetchError extends Error {
  name: 'PolicyFetchError';
  kind: 'policy-http' | 'policy-unreachable';
  url: string;
  status: number | null;
}

export class SloGate extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Where the engine's .wasm is fetched from (default: beside the bundle); set before the first element loads it. */
  static wasmUrl: string | URL | null;
  /** The policy text; overrides the `policy` attribute (a URL). Reads the fetched text when only the attribute is set. */
  policy: string | null;
  /** The series the policy names, as `Engine.evaluate` takes them. */
  data: readonly SeriesInput[] | null;
  /** A report to render as is, without evaluating. */
  report: Report | null;
  /** The evaluation instant, epoch ms (a Date is accepted); null = now at each evaluation. */
  get at(): number | null;
  set at(value: number | Date | null);
  /** Headers for Prometheus requests, e.g. {'X-Scope-OrgID': 'tenant-1'}. */
  headers: Record<string, string>;
  /** The worst level of the report shown, or null. */
  readonly level: string | null;
  readonly state: SloGateState;
  /** The error shown, or null. */
  readonly error: unknown;
  /** The report shown (in Prometheus mode possibly stale: see README). */
  readonly lastReport: Report | null;

  addEventListener<K extends keyof SloGateEventMap>(
    type: K,
    listener: (this: SloGate, ev: SloGateEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof SloGateEventMap>(
    type: K,
    listener: (this: SloGate, ev: SloGateEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

export interface SloGateEventMap extends HTMLElementEventMap {
  'slogate-level-change': CustomEvent<SloGateLevelChangeDetail>;
  'slogate-report': CustomEvent<SloGateReportDetail>;
  'slogate-error': CustomEvent<SloGateErrorDetail>;
}

/** Same as `SloGate.wasmUrl = url`. */
export function setWasmUrl(url: string | URL | null): void;

declare global {
  interface HTMLElementTagNameMap {
    'slo-gate': SloGate;
  }
  // The events bubble and are composed: listeners on ancestors and the
  // document see them too.
  interface HTMLElementEventMap {
    'slogate-level-change': CustomEvent<SloGateLevelChangeDetail>;
    'slogate-report': CustomEvent<SloGateReportDetail>;
    'slogate-error': CustomEvent<SloGateErrorDetail>;
  }
  interface DocumentEventMap {
    'slogate-level-change': CustomEvent<SloGateLevelChangeDetail>;
    'slogate-report': CustomEvent<SloGateReportDetail>;
    'slogate-error': CustomEvent<SloGateErrorDetail>;
  }
}
