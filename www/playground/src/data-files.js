// A data file as the CLI reads one (src/data/): told apart by its content —
// a Prometheus `query_range` response is JSON (one series per result, with
// its labels), anything else is CSV `time,value`. The parsers are
// @slogate/engine/data's, with the CLI's rules and errors (line:column).

import { parseCsv, parseQueryRange } from '@slogate/engine/data';

/** Whether `text` is a query_range JSON response rather than CSV. */
export function isJson(text) {
  return /^\s*[{[]/.test(text);
}

/** `text` as the series named `name` (SeriesInput[]); `source` names it in errors. */
export function parseDataFile(text, name, source) {
  return isJson(text) ? parseQueryRange(text, name, { source }) : [parseCsv(text, name, { source })];
}
