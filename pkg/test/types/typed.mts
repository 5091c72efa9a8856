// The package as a TypeScript user writes against it, checked by `tsc`
// (npm run typecheck) and never run: every read below goes through the
// declared types, over real reports and plans of every example
// (generated/values.mts, written by generate.mjs), so renaming a field in
// report.d.ts or index.d.ts without the code that produces it fails here.

import init, {
  Engine,
  Memo,
  SlogateError,
  validate,
  type DataPlan,
  type Diagnostic,
  type Report,
  type SeriesInput,
  type SlogateErrorKind,
} from '@slogate/engine';
import { DEFAULT_MAX_SAMPLES, DataError, parseCsv, parseData, parseQueryRange, type ParsedSeries } from '@slogate/engine/data';
import { DEFAULT_MAX_REQUESTS, MAX_POINTS, PrometheusError, fetchPlannedSeries, type FetchedSeries, type PrometheusErrorKind } from '@slogate/engine/prometheus';
import { dataErrors, errors, plans, reports, type DataErrorFields, type ErrorFields } from './generated/values.mjs';

/** What a dashboard shows of a report: every figure, by its declared name. */
export function summary(report: Report): string[] {
  const rank = (level: string): number => report.levels.indexOf(level);
  return report.slos.map((slo) => {
    const group = Object.entries(slo.group).map(([k, v]) => `${k}=${v}`);
    const burns = Object.entries(slo.burnRates).map(([w, r]) => `${w}:${r ?? '-'}`);
    const consumed = Object.entries(slo.consumedIn).map(([w, c]) => `${w}:${c ?? '-'}`);
    const alerts = slo.alerts.map(
      (a) =>
        `${a.name}/${a.severity}/${a.firing}:` +
        a.pairs.map((p) => `${p.long}/${p.short}/${p.budget}/${p.factor}/${p.longBurn}/${p.shortBurn}/${p.firing}`).join(','),
    );
    const reasons = slo.reasons.map((r) => `${r.level}:${r.when}:${r.value}:${r.action ?? ''}`);
    const { unit, allowed, consumed: used, remaining, remainingRatio } = slo.budget;
    const points = slo.burndown.t.map((t, i) => `${t}:${slo.burndown.remainingRatio[i]}`);
    const timeline = slo.timeline.map((s) => `${s.from}-${s.to}:${rank(s.level)}:${s.reasons.join('|')}:${s.alerts.join('|')}`);
    const warnings = slo.warnings.map((w) => `${w.kind}:${w.message}`);
    return [
      report.policy, report.at, rank(report.level), slo.name, group, slo.objective,
      slo.window.start, slo.window.end, slo.window.periodSeconds, slo.coverage, slo.sli,
      unit, allowed, used, remaining, remainingRatio, burns, consumed, alerts,
      slo.timeToExhaustionSeconds, rank(slo.level), reasons, points, timeline, warnings,
    ].join(' ');
  });
}

/** What a host fetches by a plan: one range query per series. */
export function queries(plan: DataPlan): string[] {
  return plan.series.map(
    (s) => `${s.name} ${s.kind} ${s.path} ${s.query ?? '(data supplied as is)'} by (${s.labels.join(',')}) ` +
      `[${new Date(s.start).toISOString()}, ${new Date(s.end).toISOString()}] step ${s.stepMs / 1000}s at ${plan.at}`,
  );
}

/** What a panel says about an error: every kind is handled (`never` below). */
export function explain(e: ErrorFields): string {
  const kind: SlogateErrorKind = e.kind;
  switch (kind) {
    case 'bad-policy':
      return e.diagnostics.map((d: Diagnostic) => `${d.line ?? '-'}:${d.column ?? '-'} ${d.severity} ${d.path} ${d.message}`).join('\n');
    case 'missing-series':
      return `no series for ${e.series} (${e.path}); the data has ${e.available.join(', ')}`;
    case 'bad-series':
      return `series ${e.series} (${e.path ?? 'not in the policy'}), sample ${e.index ?? '-'}: ${e.message}`;
    case 'bad-data':
      return `data for ${e.series}: ${e.message}`;
    case 'bad-instant':
    case 'too-much-data':
    case 'bad-argument':
    case 'not-loaded':
    case 'freed':
    case 'cannot-load':
    case 'internal':
    case 'unexpected':
      return `${e.name} ${kind}: ${e.message}`;
    default: {
      const unhandled: never = kind;
      return unhandled;
    }
  }
}

/** An editor's loop: one engine per version of the text, one memo for all. */
export function evaluateEdits(texts: readonly string[], at: number, series: readonly SeriesInput[]): { report: Report; reused: number }[] {
  const memo = new Memo();
  const out: { report: Report; reused: number }[] = [];
  let previous: Engine | null = null;
  for (const text of texts) {
    const engine: Engine = new Engine(text);
    const report: Report = engine.evaluate(at, series, { burnRates: true, memo });
    // Freed once its successor has evaluated: the memo builds on it until then.
    previous?.free();
    previous = engine;
    out.push({ report, reused: memo.reused });
  }
  (previous as Engine | null)?.free();
  return out;
}

/** The API's own signatures, as a caller uses them. */
export async function evaluateByPlan(policy: string, fetch: (s: DataPlan['series'][number]) => SeriesInput[]): Promise<Report> {
  await init();
  using engine = new Engine(policy);
  const warnings: readonly Diagnostic[] = engine.warnings;
  const plan = engine.plan(Date.now());
  try {
    return engine.evaluate(plan.at, plan.series.flatMap(fetch));
  } catch (e) {
    if (e instanceof SlogateError) throw new Error(`${explain(e)} (${warnings.length} warnings, ${validate(policy).length} diagnostics)`);
    throw e;
  }
}

/** What an editor shows of a data error: the place by line and column, or in the JSON. */
export function placeOf(e: DataErrorFields): string {
  const where = e.line !== null ? `${e.line}:${e.column ?? '-'}` : e.jsonPath ?? '(the whole text)';
  return `${e.source ?? '(argument)'} ${where} ${e.kind}: ${explain(e)}`;
}

/** Data from a file a user drops, any format the CLI reads, as the engine takes it. */
export function dropped(bytes: ArrayBuffer, text: string, name: string): ParsedSeries[] {
  try {
    const csv: ParsedSeries = parseCsv(text, name, { source: 'paste.csv' });
    const fromObject: ParsedSeries[] = parseQueryRange(JSON.parse(text) as object, name, { maxSamples: DEFAULT_MAX_SAMPLES });
    return [csv, ...fromObject, ...parseData(new Uint8Array(bytes), name), ...parseData(bytes, name)];
  } catch (e) {
    if (e instanceof DataError) throw new Error(placeOf(e));
    throw e;
  }
}

/** What a portal does with Prometheus: fetch by the plan, evaluate, or say which kind of failure. */
export async function fromPrometheus(policy: string, url: string, tenant: string, signal: AbortSignal): Promise<Report | string> {
  await init();
  using engine = new Engine(policy);
  const plan = engine.plan(Date.now());
  try {
    const series: FetchedSeries[] = await fetchPlannedSeries(plan, {
      url,
      headers: { 'X-Scope-OrgID': tenant },
      timeoutMs: 30_000,
      signal,
      fetch: globalThis.fetch,
      maxRequests: DEFAULT_MAX_REQUESTS,
      concurrency: 4,
    });
    const steps: number[] = series.map((s) => s.stepMs + s.times.length + Object.keys(s.labels).length);
    return steps.length > MAX_POINTS ? engine.evaluate(plan.at, series, { burndown: false }) : engine.evaluate(plan.at, series);
  } catch (e) {
    if (!(e instanceof PrometheusError)) throw e;
    return prometheusProblem(e);
  }
}

/** Every kind of PrometheusError is handled (`never` below). */
export function prometheusProblem(e: PrometheusError): string {
  const kind: PrometheusErrorKind = e.kind;
  const where = `${e.series ?? '-'} ${e.path ?? '-'} ${e.query ?? '-'} ${e.url ?? '-'} ${e.status ?? '-'} ${e.errorType ?? '-'}`;
  switch (kind) {
    case 'unreachable':
    case 'http':
    case 'promql':
    case 'empty':
    case 'timeout':
    case 'bad-response':
    case 'no-query':
    case 'too-many-requests':
      return `${e.name} ${kind} ${where}: ${e.message}`;
    default: {
      const unhandled: never = kind;
      return unhandled;
    }
  }
}

export const checked = [dataErrors.map(placeOf), reports.flatMap(summary), plans.flatMap(queries), errors.map(explain)];
