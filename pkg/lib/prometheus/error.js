// PrometheusError: why the data of a plan could not be fetched, by kind,
// naming the series, its query and the request (credentials never shown).

/**
 * `kind`: `unreachable` (no answer: down, wrong URL, or a cross-origin read
 * the server refuses — a browser cannot tell these apart), `http` (an error
 * status), `promql` (Prometheus refused the query), `empty` (no series),
 * `timeout` (the deadline of the whole refresh passed), `bad-response` (not
 * a `query_range` matrix slogate can read), `no-query` (the policy gives the
 * series no query), `too-many-requests` (the plan needs more requests than
 * allowed). `message` is Prometheus' own words where it gave some (`error`
 * of its JSON error body), else the client's.
 */
export class PrometheusError extends Error {
  constructor(kind, message, fields = {}) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = 'PrometheusError';
    this.kind = kind;
    /** The planned series concerned, by the name the policy uses; null for the whole plan. */
    this.series = fields.series ?? null;
    /** Where the policy names it, e.g. `spec.slos[0].sli.ratio.good`. */
    this.path = fields.path ?? null;
    /** Its PromQL, as the policy gives it. */
    this.query = fields.query ?? null;
    /** The request, credentials redacted; for `unreachable` and `empty` the server's base URL. */
    this.url = fields.url ?? null;
    /** The HTTP status of the answer, or null without one. */
    this.status = fields.status ?? null;
    /** Prometheus' `errorType` (`bad_data`, `execution`, `timeout`, …) when it sent one. */
    this.errorType = fields.errorType ?? null;
  }
}
