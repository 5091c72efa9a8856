// Prometheus mode's fetcher. @slogate/engine/prometheus (the "data"
// helper's fetchPlannedSeries) has not landed yet: until it does, Prometheus
// mode reports that it is unavailable rather than guessing at requests.
// Replaced by `export { fetchPlannedSeries } from '@slogate/engine/prometheus'`.

/**
 * @param {import('@slogate/engine').DataPlan} plan
 * @param {{ url: string, headers: Record<string, string>, timeoutMs: number, signal: AbortSignal }} options
 * @returns {Promise<import('@slogate/engine').SeriesInput[]>}
 */
export async function fetchPlannedSeries(plan, options) {
  void plan;
  throw new Error(`Prometheus mode (${options.url}) is not available in this build yet`);
}
