// The report, as `slogate eval --format json` prints it and
// `Engine.evaluate` returns it. Instants are RFC 3339 strings (UTC, `Z`),
// except the burn-down's `t`, epoch milliseconds for charts. Durations used
// as keys or pair windows are slogate durations (`5m`, `1h`, `3d`). `null`
// is *no data*: never NaN, never a made-up 100%.

/** A slogate duration as text: `5m`, `1h`, `30d`. */
export type DurationText = string;

export interface Report {
  /** `metadata.name` of the policy. */
  policy: string;
  /** The evaluation instant, RFC 3339. */
  at: string;
  /** The worst level of all SLO instances. */
  level: string;
  /**
   * The policy's levels, least severe first: rank a level by its index
   * here, never by its name.
   */
  levels: string[];
  slos: SloReport[];
}

/** One SLO instance (one per `groupBy` label set). */
export interface SloReport {
  name: string;
  /** The `groupBy` labels of this instance, in `groupBy` order. */
  group: Record<string, string>;
  /** A fraction, e.g. 0.999. */
  objective: number;
  window: {
    /** RFC 3339. */
    start: string;
    /** RFC 3339: the evaluation instant. */
    end: string;
    /** The period's full length P in seconds. */
    periodSeconds: number;
  };
  /** Share of the window with data, 0..1. */
  coverage: number | null;
  sli: number | null;
  budget: {
    /** `events` (occurrences) or `seconds` (timeslices). */
    unit: 'events' | 'seconds';
    allowed: number | null;
    consumed: number | null;
    remaining: number | null;
    remainingRatio: number | null;
  };
  /** Burn rate per window (at least 5m, 30m, 1h, 2h, 6h, 1d, 3d), shortest first. */
  burnRates: Record<DurationText, number | null>;
  /** `consumed(W)` per window a rule names, as a share of the period's budget. */
  consumedIn: Record<DurationText, number | null>;
  alerts: AlertReport[];
  /** The window whose burn rate forecasts exhaustion (the policy's `forecastWindow`, 1h by default); its burn rate is in `burnRates`. */
  forecastWindow: DurationText;
  /** `null` = never (burn rate 0) or no data. */
  timeToExhaustionSeconds: number | null;
  level: string;
  /** Every matched rule, with the value that matched. */
  reasons: Reason[];
  burndown: Burndown;
  /**
   * The level and the firing alerts at every burn-down point, run-length
   * encoded: segments tile the window `(window.start, window.end]`.
   */
  timeline: Segment[];
  warnings: Warning[];
}

/** Something the numbers rest on that a reader should know. */
export interface Warning {
  kind:
    | 'low-coverage'
    | 'window-before-data'
    | 'window-without-data'
    | 'window-shorter-than-slice'
    | 'negative-events';
  message: string;
}

export interface AlertReport {
  name: string;
  severity: string;
  /** Some pair fires, and has held for `for` (docs/arithmetic.md §10). */
  firing: boolean;
  /**
   * Prometheus' words: `pending` while some pair fires but not yet for the
   * hold time `for`; `inactive` when no pair fires.
   */
  state: 'inactive' | 'pending' | 'firing';
  /** The hold time (`for`), e.g. `"5m"`; `null` when the alert fires at once. */
  for: DurationText | null;
  /** Epoch milliseconds: when a pending alert's condition began to hold; else `null`. */
  pendingSince: number | null;
  /** Each pair's own condition now, before the hold time. */
  pairs: PairReport[];
}

export interface PairReport {
  long: DurationText;
  /** `null` for a single-window alert (it fires on the long window alone). */
  short: DurationText | null;
  /** Budget share B of the pair, e.g. 0.02 (for a fixed factor F, F × long / P). */
  budget: number;
  /** f = B × P / long, or the fixed factor. */
  factor: number;
  /** The policy gives the factor itself (`factor: F`), not the budget share. */
  fixedFactor: boolean;
  longBurn: number | null;
  /** `null` for no data, and for a single-window alert. */
  shortBurn: number | null;
  firing: boolean;
}

export interface Reason {
  level: string;
  /** The rule's expression as written. */
  when: string;
  value: number | null;
  action: string | null;
}

/** Remaining budget ratio over the window, at most 500 points. */
export interface Burndown {
  /** Epoch milliseconds. */
  t: number[];
  remainingRatio: (number | null)[];
  /**
   * Each reported window's burn rate at every point of `t`, keyed like
   * `SloReport.burnRates` (docs/arithmetic.md §12). `{}` unless asked for
   * (`EvaluateOptions.burnRates`).
   */
  burnRates: Record<DurationText, (number | null)[]>;
}

/**
 * Burn-down points `(from, to]` at one level: the points after `from` up to
 * and including `to` (`from` is the previous segment's `to`, or the window
 * start for the first segment).
 */
export interface Segment {
  /** Epoch milliseconds. */
  from: number;
  /** Epoch milliseconds. */
  to: number;
  level: string;
  /** The `when` of every rule that matched, in document order. */
  reasons: string[];
  /** The names of the alerts that fired, in document order. */
  alerts: string[];
  /** The names of the alerts pending (not yet held for their `for`), in document order. */
  pending: string[];
}
