// Memo: one evaluation kept for the next, so that a host re-evaluating on
// every keystroke — one Engine per version of the policy text, one Memo for
// all — computes only the SLOs the keystroke changed (`evaluate(…, {memo})`).
//
// Who decides what: this module checks that the next evaluation has the
// same instant, options and data (bit for bit) as the kept one; the engine
// (`Engine::evaluate_after`, src/eval/mod.rs) decides which SLOs are
// unchanged — the SLO as decoded and the policy's levels and rules equal —
// and leaves them out of its report; this module puts the kept instance
// reports back in their place and the report's level with them. The result
// equals a fresh evaluation's report (pkg/test/memo.test.mjs; the engine's
// side by a property test, tests/properties.rs).

/** Module-private method names: the Engine calls them, users do not. */
export const PREVIOUS = Symbol('previous');
export const KEEP = Symbol('keep');

export class Memo {
  /** The engine of the kept evaluation, or null. */
  #engine = null;
  #atMs = NaN;
  #mode = 0;
  /** Copies of the kept evaluation's packed data (columns.js `pack`). */
  #data = null;
  /** Per SLO of `#engine`'s policy, in its order: that SLO's instance reports. */
  #slos = [];
  #reused = 0;

  /** How many SLOs the last evaluation took from the memo (0 when it computed all). */
  get reused() {
    return this.#reused;
  }

  /**
   * The engine whose kept evaluation one at `atMs` with `mode` (history
   * bits) on `packed` data may build on, or null: the instant, the options
   * and the data must be the same.
   */
  [PREVIOUS](atMs, mode, packed) {
    if (this.#engine === null || atMs !== this.#atMs || mode !== this.#mode) return null;
    return sameData(this.#data, packed) ? this.#engine : null;
  }

  /**
   * Completes `report` of `engine` — `reused[i]`: the index, in the kept
   * evaluation's SLOs, of the SLO standing for SLO `i`, or −1 (its
   * instances are in the report); `reused` null: nothing reused — and
   * keeps it. `unchanged`: `[PREVIOUS]` found the same inputs (the kept
   * copy of the data stays). Returns the report.
   */
  [KEEP](engine, atMs, mode, packed, unchanged, report, reused) {
    const names = engine.sloNames;
    const fresh = report.slos;
    const slos = [];
    const perSlo = [];
    let k = 0;
    let count = 0;
    for (let i = 0; i < names.length; i += 1) {
      let instances;
      if (reused !== null && reused[i] >= 0) {
        instances = this.#slos[reused[i]];
        count += 1;
      } else {
        // An SLO's instances follow one another and carry its name (SLO names are unique).
        instances = [];
        while (k < fresh.length && fresh[k].name === names[i]) instances.push(fresh[k++]);
      }
      perSlo.push(instances);
      for (const instance of instances) slos.push(instance);
    }
    if (k !== fresh.length) throw new Error(`the engine's report has ${fresh.length} instances, ${k} of them placed`);
    report.slos = slos;
    // The engine's level is that of the SLOs it evaluated; the report's is
    // the most severe of all (docs/arithmetic.md: the report's level).
    if (reused !== null) report.level = worstLevel(report.levels, slos);
    if (!unchanged) this.#data = copyData(packed);
    this.#engine = engine;
    this.#atMs = atMs;
    this.#mode = mode;
    this.#slos = perSlo;
    this.#reused = count;
    return report;
  }
}

/** The most severe level of `slos` (the first level when there are none). */
function worstLevel(levels, slos) {
  let worst = 0;
  for (const slo of slos) worst = Math.max(worst, levels.indexOf(slo.level));
  return levels[worst];
}

function copyData({ meta, strings, columns }) {
  return { meta: meta.slice(), strings: strings.slice(), columns: columns.map((c) => c.slice()) };
}

/** Whether two packed data are the same, numbers compared bit for bit. */
function sameData(a, b) {
  if (a === null || a.strings.length !== b.strings.length || a.columns.length !== b.columns.length) return false;
  if (!sameBits(a.meta, b.meta)) return false;
  for (let i = 0; i < a.strings.length; i += 1) if (a.strings[i] !== b.strings[i]) return false;
  for (let i = 0; i < a.columns.length; i += 1) if (!sameBits(a.columns[i], b.columns[i])) return false;
  return true;
}

/** Two Float64Arrays with the same bits (-0 is not 0, NaNs by payload). */
function sameBits(x, y) {
  if (x.length !== y.length) return false;
  const a = new Uint32Array(x.buffer, x.byteOffset, 2 * x.length);
  const b = new Uint32Array(y.buffer, y.byteOffset, 2 * y.length);
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
