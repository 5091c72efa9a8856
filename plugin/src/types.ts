import type { SeriesMapping } from './data/frames';
import type { QuickOptions } from './data/quick';

/** Which parts of each SLO the panel shows. */
export interface ViewOptions {
  /** The remaining-budget gauge and the figures beside it. */
  figures: boolean;
  /** The burn-down with the level timeline shaded. */
  burndown: boolean;
  /** Burn rates with their alert thresholds, and the alerts. */
  burnRates: boolean;
}

/** A runbook per level: shown beside the level's actions. */
export interface Runbook {
  level: string;
  url: string;
}

export interface SlogateOptions {
  /** `quick`: the policy is written from `quick`; `policy`: the text in `policy`. */
  mode: 'quick' | 'policy';
  quick: QuickOptions;
  /** The slogate policy (YAML or JSON); dashboard variables are interpolated. */
  policy: string;
  /** Which query results are which of the policy's series (else: by refId). */
  mappings: SeriesMapping[];
  views: ViewOptions;
  runbooks: Runbook[];
}
