// Generated data as a source: the scenario generator (scenario.js) fills
// whatever series the policy's data plan names, with the parameters of its
// form (scenario-form.js). The data is generated again only when the plan or
// the parameters change — a keystroke that leaves the plan as it was (most
// of them) reuses the last series.

import { DEFAULT_SCENARIO, encodeScenario, generateScenario, parseScenario, scenarioNotes } from './scenario.js';
import { scenarioForm } from './scenario-form.js';

export class ScenarioSource {
  #params = DEFAULT_SCENARIO;
  #notes;
  #form;
  #planKey = null;
  #key = null;
  #result = null;

  /**
   * `formHost`: where the form goes; `notes`: the list of the generator's
   * notes for this plan; `onChange()` after the reader changes a parameter.
   */
  constructor(formHost, notes, onChange) {
    this.#notes = notes;
    this.#form = scenarioForm(this.#params, (params) => {
      this.params = params;
      onChange();
    });
    formHost.replaceChildren(this.#form);
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
    this.#form.setParams(params);
    return problems;
  }

  /** The series for `plan`: `{series}`, or `{error}` naming the parameter at fault. */
  series(plan) {
    const planKey = JSON.stringify(plan);
    if (planKey !== this.#planKey) {
      this.#planKey = planKey;
      // The form offers the policy's series and asks for unknown gauge thresholds.
      this.#form.setPlan(plan);
    }
    const key = `${this.text}\u0000${planKey}`;
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
