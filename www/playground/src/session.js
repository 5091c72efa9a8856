// One evaluation of what the playground shows: policy text → engine →
// report, keeping the last valid report to show (dimmed) while the policy
// or the data is broken. No DOM: the node tests drive it with the engine.

import { describeError } from '@slogate/view';
//
// The engine is rebuilt only when the text changes (one parse per edit,
// whose diagnostics are the editor's lint: `new Engine` throws them for an
// unusable policy; a usable one carries its warnings), and evaluated once
// per update — the element is handed the report, never asked to evaluate.
// Every evaluation goes through one Memo: an edit re-evaluates only the
// SLOs it changed. The memo builds on the engine of the last evaluation,
// so the engine an edit replaces is freed one edit later, not at once.

export class Session {
  #Engine;
  #memo;
  #text = null;
  #engine = null;
  /** The engine before the current one: the memo's, until the next evaluation. */
  #retired = null;
  #diagnostics = [];
  #policyError = null;
  #last = null;

  /** `Engine`, `Memo`: the @slogate/engine classes (the page's or a test's instance). */
  constructor(Engine, Memo) {
    this.#Engine = Engine;
    this.#memo = new Memo();
  }

  /** How many SLOs the last evaluation took from the memo (for the benchmark). */
  get reused() {
    return this.#memo.reused;
  }

  /** The engine of the current text, or null while it is unusable. */
  get engine() {
    return this.#engine;
  }

  /** Errors and warnings of the current text (engine diagnostics). */
  get diagnostics() {
    return this.#diagnostics;
  }

  /** The last report evaluated from a valid policy and data, or null. */
  get lastReport() {
    return this.#last;
  }

  /** Parses `text` when it differs from the current text. */
  setPolicy(text) {
    if (text === this.#text) return;
    this.#text = text;
    if (this.#engine !== null) {
      this.#retired?.free();
      this.#retired = this.#engine;
    }
    this.#engine = null;
    try {
      this.#engine = new this.#Engine(text);
      this.#diagnostics = [...this.#engine.warnings];
      this.#policyError = null;
    } catch (e) {
      this.#diagnostics = Array.isArray(e?.diagnostics) ? e.diagnostics : [];
      this.#policyError = e;
    }
  }

  /**
   * Evaluates `text` at `at` on the data `series(engine)` gives (a function:
   * the scenario and pasted data follow the engine's plan). Returns
   * `{report, stale, diagnostics, problem}`: `stale` when `report` is the
   * last valid one because this policy or data cannot be evaluated, and
   * `problem` `{kind, message}` saying why (null when fresh). `series` may
   * return `{pending: message}` while data loads, or `{error: message}`.
   */
  run(text, at, series) {
    const start = performance.now();
    this.setPolicy(text);
    performance.measure('slogate-parse', { start, end: performance.now() });
    const diagnostics = this.#diagnostics;
    if (this.#engine === null) {
      return this.#stale(diagnostics, 'policy', policyProblem(this.#policyError, diagnostics));
    }
    let data;
    try {
      data = series(this.#engine);
    } catch (e) {
      return this.#stale(diagnostics, 'data', problemText(e));
    }
    if (data.pending) return this.#stale(diagnostics, 'pending', data.pending);
    if (data.error) return this.#stale(diagnostics, 'data', data.error);
    try {
      // Burn rates at every burn-down point: the burn-rate chart's lines.
      const report = this.#engine.evaluate(at, data.series, { burnRates: true, memo: this.#memo });
      this.#last = report;
      return { report, stale: false, diagnostics, problem: null };
    } catch (e) {
      return this.#stale(diagnostics, e?.kind === 'bad-instant' ? 'instant' : 'data', problemText(e));
    }
  }

  #stale(diagnostics, kind, message) {
    return { report: this.#last, stale: this.#last !== null, diagnostics, problem: { kind, message } };
  }

  /** Frees the engine. */
  dispose() {
    this.#engine?.free();
    this.#retired?.free();
    this.#engine = null;
    this.#retired = null;
    this.#text = null;
  }
}

function policyProblem(error, diagnostics) {
  const text = problemText(error);
  return diagnostics.length > 0 ? `${text} (listed under the editor)` : text;
}

/** An error in @slogate/view's words (what <slo-gate> would say): its title and details in one line. */
export function problemText(error) {
  const { title, lines } = describeError(error);
  return lines.length > 0 ? `${title}: ${lines.join('; ')}` : title;
}
