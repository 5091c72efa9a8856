// The seed examples (examples/runs.json), as build.mjs bundles them: each
// example's policy (copied beside the page at its repository path), its
// data files (`files`, read at build time as the CLI reads them and written
// as columns: `data` = {path, index}, src/seed-columns.js) and its
// evaluation instants (`slogate:seeds`).
//
// An example's data is fetched once per page (its instants share it):
// switching instants or editing the policy reads nothing again.

import seeds from 'slogate:seeds';
import { unpackSeries } from './seed-columns.js';

/** The examples: `[{name, policy, files: {series: path}, data: {path, index}, runs: [{at, level, note}]}]`. */
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

  /** Every series of `example` (SeriesInput[]), fetched once. */
  series(example) {
    let series = this.#series.get(example.name);
    if (!series) {
      const { path, index } = example.data;
      series = fetch(new URL(path, this.#base))
        .then((r) => {
          if (!r.ok) throw new Error(`cannot load ${path}: HTTP ${r.status}`);
          return r.arrayBuffer();
        })
        .then((buffer) => unpackSeries(buffer, index));
      series.catch(() => this.#series.delete(example.name));
      this.#series.set(example.name, series);
    }
    return series;
  }
}
