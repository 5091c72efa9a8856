// The results beside the editor: the report as `<slo-gate>` shows it (the
// page evaluated it once; the element gets it through its `report`
// property and evaluates nothing), dimmed with a note when the policy or
// the data is broken and it is the last valid report.

export class Results {
  #root;
  #gate;
  #note;

  /** `root` holds a `.problem` note and the `<slo-gate>` element. */
  constructor(root) {
    this.#root = root;
    this.#gate = root.querySelector('slo-gate');
    this.#note = root.querySelector('.problem');
  }

  /** Shows `outcome` of Session.run. */
  show({ report, stale, problem }) {
    if (report) this.#gate.report = report;
    const fresh = problem === null;
    this.#root.classList.toggle('stale', stale);
    this.#root.dataset.state = fresh ? 'fresh' : stale ? 'stale' : problem.kind === 'pending' ? 'loading' : 'empty';
    const text = fresh
      ? ''
      : stale
        ? `Showing the last valid results: ${problem.message}`
        : problem.message;
    if (this.#note.textContent !== text) this.#note.textContent = text;
    this.#note.hidden = fresh;
    this.#note.classList.toggle('pending', !fresh && problem.kind === 'pending');
  }

  /** The element, for the theme. */
  get gate() {
    return this.#gate;
  }
}
