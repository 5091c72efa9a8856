// Pasted or uploaded data: one row per series the policy's data plan names
// (`engine.plan(at)`), each taking a CSV `time,value` or a Prometheus
// `query_range` JSON response. A row's text is parsed when it changes —
// never when the policy does — and its error names line and column.

import { plainText } from '@slogate/view';
import { parseData } from '@slogate/engine/data';

/** Texts longer than this stay out of the textarea (slow to lay out); the row names the file. */
const SHOWN_CHARS = 200_000;

export class PastePanel {
  #root;
  #onChange;
  #names = [];
  /** name → {text, label, series | null, error | null} */
  #inputs = new Map();

  /** `root`: the panel's list element; `onChange()` after any row's data changes. */
  constructor(root, onChange) {
    this.#root = root;
    this.#onChange = onChange;
  }

  /** The texts by series name, for the shared link. */
  get texts() {
    return Object.fromEntries([...this.#inputs].map(([name, input]) => [name, input.text]));
  }

  /** Restores texts by name (a shared link); rows appear with the next plan. */
  restore(texts) {
    this.#inputs.clear();
    for (const [name, text] of Object.entries(texts)) this.#set(name, text, null);
  }

  /**
   * The series for an evaluation under `plan`: `{series}`, or `{error}`
   * naming the series without data or with bad data.
   */
  series(plan) {
    this.#showPlan(plan);
    const missing = [];
    const bad = [];
    const series = [];
    for (const name of this.#names) {
      const input = this.#inputs.get(name);
      if (!input || input.text.trim() === '') missing.push(name);
      else if (input.error) bad.push(input.error);
      else series.push(...input.series);
    }
    if (bad.length > 0) return { error: `the pasted data cannot be read: ${bad.join('; ')}` };
    if (missing.length > 0) {
      return { error: `paste or upload data for ${missing.map((n) => `"${plainText(n)}"`).join(', ')} (a CSV time,value or a Prometheus query_range JSON each)` };
    }
    return { series };
  }

  #set(name, text, label) {
    const input = { text, label, series: null, error: null };
    if (text.trim() !== '') {
      try {
        input.series = parseData(text, name, { source: label ?? name });
      } catch (e) {
        input.error = dataError(e);
      }
    }
    this.#inputs.set(name, input);
    return input;
  }

  /** Re-renders the rows when the planned series' names change. */
  #showPlan(plan) {
    const names = plan.series.map((s) => s.name);
    if (names.length === this.#names.length && names.every((n, i) => n === this.#names[i])) return;
    this.#names = names;
    this.#root.replaceChildren(...plan.series.map((s) => this.#row(s)));
  }

  #row(planned) {
    const { name } = planned;
    const row = document.createElement('li');
    row.className = 'paste-row';
    row.dataset.series = name;
    const head = document.createElement('div');
    head.className = 'paste-head';
    const title = document.createElement('span');
    title.className = 'series-name';
    title.textContent = plainText(name);
    const query = document.createElement('code');
    query.className = 'series-query';
    query.textContent = planned.query === null ? `${planned.kind}, no query in the policy` : `${planned.kind}: ${plainText(planned.query)}`;
    head.append(title, query);

    const id = `paste-${cssId(name)}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.className = 'visually-hidden';
    label.textContent = `Data for ${plainText(name)}: CSV or query_range JSON`;
    const area = document.createElement('textarea');
    area.id = id;
    area.rows = 3;
    area.spellcheck = false;
    area.placeholder = 'time,value\n2026-02-01T00:00:00Z,12.5\n… or a Prometheus query_range JSON response';
    const file = document.createElement('input');
    file.type = 'file';
    file.accept = '.csv,.json,text/csv,application/json';
    file.setAttribute('aria-label', `Upload a file for ${plainText(name)}`);
    const status = document.createElement('p');
    status.className = 'paste-status';
    status.setAttribute('aria-live', 'polite');

    const show = (input) => {
      if (input.error) {
        status.textContent = input.error;
        status.className = 'paste-status error';
      } else if (input.series) {
        const samples = input.series.reduce((n, s) => n + s.times.length, 0);
        const from = input.label ? `${plainText(input.label)}: ` : '';
        status.textContent = `${from}${input.series.length} series, ${samples.toLocaleString('en')} samples`;
        status.className = 'paste-status ok';
      } else {
        status.textContent = 'no data yet';
        status.className = 'paste-status';
      }
    };
    const existing = this.#inputs.get(name);
    if (existing) {
      if (existing.text.length <= SHOWN_CHARS) area.value = existing.text;
      show(existing);
    } else {
      show({ text: '', series: null, error: null });
    }
    area.addEventListener('input', () => {
      show(this.#set(name, area.value, null));
      this.#onChange();
    });
    file.addEventListener('change', async () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      const text = await chosen.text();
      area.value = text.length <= SHOWN_CHARS ? text : '';
      show(this.#set(name, text, chosen.name));
      this.#onChange();
    });
    row.append(head, label, area, file, status);
    return row;
  }
}

/** A parser's error as the row shows it: the CLI's message, which names the line and column (`good:3:22: …`). */
function dataError(e) {
  return e instanceof Error ? e.message : String(e);
}

/** A name as a stable id fragment (names may hold any character). */
function cssId(name) {
  return [...name].map((c) => (/[A-Za-z0-9_-]/.test(c) ? c : `_${c.codePointAt(0).toString(16)}`)).join('');
}
