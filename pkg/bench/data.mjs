// The data readers of @slogate/engine/data on a million samples: a
// Prometheus query_range response (4 series, 17-character values, ms
// timestamps, as Prometheus writes them) from bytes, and CSV `time,value`
// from a string. Prints CPU milliseconds (process time: steadier than the
// wall clock on a shared machine), MB/s, ns a sample, and the bytes the
// columns hold; the best of five runs.
//
//   node --expose-gc pkg/bench/data.mjs [samples]   (or: npm run bench:data -w @slogate/engine)

import { parseCsv, parseQueryRange } from '@slogate/engine/data';

const n = Number(process.argv[2] ?? 1_000_000);
const t0 = 1_700_000_000;
const perSeries = n / 4;
const result = Array.from({ length: 4 }, (_, s) => {
  const values = Array.from({ length: perSeries }, (_, i) => `[${t0 + i * 15}.${String(i % 1000).padStart(3, '0')},"${(Math.sin(i + s) * 1000).toFixed(6)}"]`);
  return `{"metric":{"__name__":"http_requests_total","job":"api","instance":"host-${s}:9090"},"values":[${values.join(',')}]}`;
});
const json = new TextEncoder().encode(`{"status":"success","data":{"resultType":"matrix","result":[${result.join(',')}]}}`);
const csv = `time,value\n${Array.from({ length: n }, (_, i) => `${t0 + i * 15},${(Math.cos(i) * 100).toFixed(4)}`).join('\n')}\n`;

function measure(what, bytes, parse) {
  let best = Infinity;
  let held = 0;
  for (let k = 0; k < 5; k++) {
    globalThis.gc?.();
    const start = process.cpuUsage();
    const out = [parse()].flat();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
    if (out.reduce((m, s) => m + s.times.length, 0) !== n) throw new Error('not every sample was read');
    held = out.reduce((m, s) => m + s.times.byteLength + s.values.byteLength, 0);
  }
  console.log(
    `${what}: ${(bytes / 1e6).toFixed(1)} MB, ${n.toLocaleString('en-US')} samples: ${best.toFixed(0)} ms CPU, ` +
      `${(bytes / 1e6 / (best / 1000)).toFixed(0)} MB/s, ${((best * 1e6) / n).toFixed(0)} ns a sample; the columns hold ${(held / n).toFixed(1)} B a sample`,
  );
}

measure('query_range JSON (bytes)', json.length, () => parseQueryRange(json, 'x'));
measure('CSV (string)', csv.length, () => parseCsv(csv, 'x'));
