// The seed examples' data as columns of float64, parsed once when the page
// is built (with @slogate/engine/data's parseData, the CLI's readers) rather
// than on every visit: MTOS is 3.3 MB of CSV, ~200 ms to read in a browser,
// and the page shows its first numbers in under a second. Pure: build.mjs
// packs, the page unpacks, the node tests check that they agree.
//
// Layout: every series' times then its values, little-endian float64, one
// after another; `index` gives each series' name, labels, sample count and
// where its times start (in float64s). Unpacked columns are views into the
// one buffer: no copy.

/** Packs SeriesInput[] into `{bytes, index}`. */
export function packSeries(series) {
  let total = 0;
  const index = series.map((s) => {
    const entry = { name: s.name, labels: s.labels ?? {}, length: s.times.length, offset: total };
    total += 2 * s.times.length;
    return entry;
  });
  const columns = new Float64Array(total);
  series.forEach((s, i) => {
    const { offset, length } = index[i];
    columns.set(s.times, offset);
    columns.set(s.values, offset + length);
  });
  const bytes = new Uint8Array(columns.buffer);
  if (!LITTLE_ENDIAN) swapEach8(bytes);
  return { bytes, index };
}

/** The SeriesInput[] of `packSeries`' bytes (an ArrayBuffer) and index. */
export function unpackSeries(buffer, index) {
  const bytes = new Uint8Array(buffer);
  const expected = 8 * index.reduce((n, e) => n + 2 * e.length, 0);
  if (bytes.length !== expected) {
    throw new Error(`the seed data has ${bytes.length} bytes where its index describes ${expected}: rebuild the page`);
  }
  if (!LITTLE_ENDIAN) swapEach8(bytes);
  const columns = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
  return index.map(({ name, labels, length, offset }) => ({
    name,
    labels,
    times: columns.subarray(offset, offset + length),
    values: columns.subarray(offset + length, offset + 2 * length),
  }));
}

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

function swapEach8(bytes) {
  for (let i = 0; i < bytes.length; i += 8) bytes.subarray(i, i + 8).reverse();
}
