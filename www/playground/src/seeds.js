// The seed examples (examples/runs.json), as build.mjs bundles them: each
// example's policy, data files and evaluation instants (`slogate:seeds`),
// the files copied beside the page at their repository paths.
//
// Each file is fetched and parsed once per page (an example's instants share
// its data): switching instants or editing the policy re-parses nothing.
// `parseData` reads it as the CLI reads a --data file (CSV, or a
// query_range JSON response when it starts with `{`).

import { parseData } from '@slogate/engine/data';

import seeds from 'slogate:seeds';

/** The examples: `[{name, policy, data: {series: path}, runs: [{at, level, note}]}]`. */
export const EXAMPLES = seeds.examples;

export class SeedData {
  #base;
  #texts = new Map();
  #series = new Map();

  constructor(base) {
    this.#base = base;
  }

  /** A file's text (a policy or data), fetched once. */
  text(path) {
    let text = this.#texts.get(path);
    if (!text) {
      text = fetch(new URL(path, this.#base)).then((r) => {
        if (!r.ok) throw new Error(`cannot load ${path}: HTTP ${r.status}`);
        return r.text();
      });
      // A failed fetch may be tried again.
      text.catch(() => this.#texts.delete(path));
      this.#texts.set(path, text);
    }
    return text;
  }

  /** Every series of `example` (SeriesInput[]), fetched and parsed once. */
  series(example) {
    let series = this.#series.get(example.name);
    if (!series) {
      series = Promise.all(
        Object.entries(example.data).map(async ([name, path]) => parseData(await this.text(path), name, { source: path })),
      ).then((lists) => lists.flat());
      series.catch(() => this.#series.delete(example.name));
      this.#series.set(example.name, series);
    }
    return series;
  }
}
