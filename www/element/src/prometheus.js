// Prometheus mode's fetcher: the engine package's own, the same requests
// `slogate eval --prometheus` makes (query_range per planned series, at
// most 11,000 points a request, chunks joined per label set).
export { fetchPlannedSeries } from '@slogate/engine/prometheus';
