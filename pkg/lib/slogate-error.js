// SlogateError on its own, apart from the WebAssembly glue: the data
// adapters (lib/data, lib/prometheus) throw it without loading the engine.

/**
 * An error of slogate: a message as the CLI prints it, and fields a host can
 * point at. `kind` is one of `SlogateErrorKind` (index.d.ts says when each
 * is thrown; the data's kinds are the engine's, `EvalErrorKind::as_str`);
 * `series`, `path` and `index` are `null` when they do not apply,
 * `available` and `diagnostics` empty.
 */
export class SlogateError extends Error {
  constructor(message, options = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SlogateError';
    this.kind = options.kind ?? 'unexpected';
    /** The series concerned, by the name the policy refers to it by. */
    this.series = options.series ?? null;
    /** Where the policy names it, e.g. `spec.slos[0].sli.ratio.total`. */
    this.path = options.path ?? null;
    /** The sample at fault, as an index into the series' columns as given. */
    this.index = options.index ?? null;
    /** For a missing series: the names the data has, sorted, each once. */
    this.available = options.available ?? [];
    /** Every diagnostic of the policy text when the policy is unusable. */
    this.diagnostics = options.diagnostics ?? [];
  }
}
