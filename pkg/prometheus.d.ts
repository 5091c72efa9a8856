// @slogate/engine/prometheus: the series of a data plan from a
// Prometheus-compatible server, as `slogate eval --prometheus` fetches them
// (docs/data.md, "From a Prometheus server").

import type { DataPlan, PlannedSeries } from './index.js';
import type { ParsedSeries } from './data.js';

/** Prometheus' limit on points per series in one range query: 11,000. */
export const MAX_POINTS: number;

/** The CLI's `--max-requests` default, 1,000. */
export const DEFAULT_MAX_REQUESTS: number;

export interface FetchOptions {
  /** The base URL of the API (`http://prometheus:9090`, or with a path prefix); credentials in it are sent as basic authentication and never shown. */
  url: string;
  /**
   * Sent with every request, e.g. `{'X-Scope-OrgID': 'tenant-1'}` for Mimir
   * or Cortex. Cross-origin, the server's CORS answer must allow them
   * (Prometheus' own allows `Accept`, `Authorization`, `Content-Type`, `Origin`).
   */
  headers?: Record<string, string>;
  /** One deadline for all the requests of this fetch, from the call to the last byte; default 30,000. */
  timeoutMs?: number;
  /** Aborts every request; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The fetch to use (a wrapped one, a test's); default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Refuse, before sending any, a plan that needs more requests; default `DEFAULT_MAX_REQUESTS`. */
  maxRequests?: number;
  /** Requests in flight at once; default 4. */
  concurrency?: number;
}

/** A fetched series: `name` the planned series', `labels` from Prometheus, `stepMs` the step it was fetched at. */
export interface FetchedSeries extends ParsedSeries {
  stepMs: number;
}

/**
 * Fetches every series of `plan` (`engine.plan(atMs)`; leave out of
 * `plan.series` those you supply yourself): per planned series its `query`
 * over `start ..= end` at `stepMs`, the grid ending at `end`, at most
 * 11,000 points a request, chunks joined per label set. Resolves to the
 * series for `engine.evaluate(plan.at, series)`; rejects with a
 * PrometheusError, or with `signal`'s reason when it aborts.
 */
export function fetchPlannedSeries(plan: DataPlan | { at?: number; series: readonly PlannedSeries[] }, options: FetchOptions): Promise<FetchedSeries[]>;

/**
 * - `unreachable`: no answer — the server is down, the URL is wrong, or it
 *   refuses this page's origin (a browser cannot tell these apart; a page on
 *   another origin needs Prometheus' `--web.cors.origin`).
 * - `http`: an error status; `message` is Prometheus' own `error` when its
 *   body is a Prometheus error (`errorType` set), else the status and the
 *   body's start.
 * - `promql`: Prometheus refused or failed the query (`bad_data`,
 *   `execution`); `message` is its own words.
 * - `empty`: the query matched no series over the range.
 * - `timeout`: the deadline (`timeoutMs`) passed.
 * - `bad-response`: an answer that is not a `query_range` matrix slogate can
 *   read (garbage, a `vector`, a body cut off); `message` says where (the
 *   `DataError` is the `cause`).
 * - `no-query`: the policy gives the series no `query`.
 * - `too-many-requests`: the plan needs more than `maxRequests` requests.
 */
export type PrometheusErrorKind = 'unreachable' | 'http' | 'promql' | 'empty' | 'timeout' | 'bad-response' | 'no-query' | 'too-many-requests';

/** Why the data of a plan could not be fetched; messages never show credentials. */
export class PrometheusError extends Error {
  name: 'PrometheusError';
  readonly kind: PrometheusErrorKind;
  /** The planned series concerned; null for the whole plan. */
  readonly series: string | null;
  /** Where the policy names it, e.g. `spec.slos[0].sli.ratio.good`; else null. */
  readonly path: string | null;
  /** Its PromQL; else null. */
  readonly query: string | null;
  /** The request's URL, credentials redacted (for `unreachable` and `empty`, the server's base URL); else null. */
  readonly url: string | null;
  /** The HTTP status of the answer; null without one. */
  readonly status: number | null;
  /** Prometheus' `errorType` when it sent an error body; else null. */
  readonly errorType: string | null;
}
