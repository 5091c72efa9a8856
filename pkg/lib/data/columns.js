// A growing pair of columns (times, values): Float64Arrays doubled as they
// fill, cut to size at the end — memory is the samples' 16 bytes each (and
// at most as much again while growing), never an array of boxed numbers.

import { thousands } from './numbers.js';

export class Columns {
  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
    this.length = 0;
  }

  push(time, value) {
    if (this.length === this.times.length) this.#grow();
    this.times[this.length] = time;
    this.values[this.length] = value;
    this.length++;
  }

  #grow() {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const values = new Float64Array(capacity);
    times.set(this.times);
    values.set(this.values);
    this.times = times;
    this.values = values;
  }

  /** The columns, exactly as long as the samples (copies: the spare capacity is given back). */
  finish() {
    return { times: this.times.slice(0, this.length), values: this.values.slice(0, this.length) };
  }
}

/** What a file over the sample limit is told (before how to raise it), as the CLI says it. */
export function tooManySamples(max) {
  return `more than ${thousands(max)} samples, the limit per data file (series and labels count by their memory)`;
}
