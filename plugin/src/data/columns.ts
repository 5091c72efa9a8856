// The Float64Arrays the panel's columns are copied into, kept from one
// evaluation for the next: pure, no React.
//
// A refresh of 50 groups copies ~4.4 million numbers into 200 columns.
// Allocated afresh each time, the arrays cost more than the copying: each
// new backing store is memory the browser has not touched yet (a page
// fault at every first write) and garbage for the next collection. A
// refresh brings the same number of samples per series (the range moves
// with the clock), so the last evaluation's arrays fit the next one's
// columns length for length. In the panel's benchmark (50 groups, 30 days
// at 1 minute) reading the frames of a refresh went from 38–48 ms to
// 27–28 ms (docs/performance.md, session 10).
//
// Safe to reuse because nothing keeps a column past its evaluation: the
// engine copies each into WebAssembly memory, a Memo keeps its own copy,
// and outcomes hold numbers, not columns.

/** Float64Arrays by length: the last evaluation's, handed to the next. */
export class ColumnPool {
  /** The last evaluation's arrays not yet handed out again, by length. */
  #free = new Map<number, Float64Array[]>();
  /** This evaluation's. */
  #taken = new Map<number, Float64Array[]>();

  /**
   * Starts an evaluation: the last one's arrays are handed out again, and
   * those this one does not ask for are let go at the next reset.
   */
  reset(): void {
    this.#free = this.#taken;
    this.#taken = new Map();
  }

  /** An array of `n` numbers, not zeroed: the caller writes every one. */
  take(n: number): Float64Array {
    const column = this.#free.get(n)?.pop() ?? new Float64Array(n);
    const taken = this.#taken.get(n);
    if (taken) {
      taken.push(column);
    } else {
      this.#taken.set(n, [column]);
    }
    return column;
  }
}
