// Generated data as a source: the scenario generator (scenario.js) fills
// whatever series the policy's data plan names. The data is generated again
// only when the plan or the parameters change — a keystroke that leaves the
// plan as it was (most of them) reuses the last series.

import { DEFAULT_SCENARIO, encodeScenario, generateScenario, parseScenario, scenarioNotes } from './scenario.js';

export class ScenarioSource {
  #params = DEFAULT_SCENARIO;
  #notes;
  #key = null;
  #result = null;

  /** `notes`: the element listing the generator's notes for this plan. */
  constructor(notes) {
    this.#notes = notes;
  }

  get params() {
    return this.#params;
  }

  /** The parameters as the link stores them. */
  get text() {
    return encodeScenario(this.#params);
  }

  set params(params) {
    this.#params = params;
    this.#key = null;
  }

  /** Restores a link's parameters; returns the problems with them (each names the parameter). */
  restore(text) {
    const { params, problems } = parseScenario(text);
    this.params = params;
    return problems;
  }

  /** The series for `plan`: `{series}`, or `{error}` naming the parameter at fault. */
  series(plan) {
    const key = `${this.text}\u0000${JSON.stringify(plan)}`;
    if (key !== this.#key) {
      this.#key = key;
      try {
        this.#result = { series: generateScenario(plan, this.#params) };
      } catch (e) {
        this.#result = { error: `the scenario cannot be generated: ${e instanceof Error ? e.message : String(e)}` };
      }
      const notes = scenarioNotes(plan, this.#params);
      this.#notes.replaceChildren(
        ...notes.map((n) => {
          const li = document.createElement('li');
          li.textContent = n;
          return li;
        }),
      );
      this.#notes.hidden = notes.length === 0;
    }
    return this.#result;
  }
}
