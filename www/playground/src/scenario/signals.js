// The columns behind a scenario, one Float64Array per (grid, group, SLO):
// traffic in events per second, the error ratio, events counted per sample,
// and gauge levels. Each is a pure function of the instant (and the seed), so
// every series that reads one at the same instant gets the same number.
//
// A grid is `{times, hashes, step}`: the sample instants and their hashes
// (random.js), computed once and shared by every column on them.

import { instantHashes, streamId, streamKey, uniform } from './random.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const HOUR = 3_600_000;
const TAU = 2 * Math.PI;

/** The sample instants `end`, `end − step`, … down to no earlier than `start`, ascending, with their hashes. */
export function grid(start, end, step) {
  const n = Math.floor((end - start) / step) + 1;
  const times = new Float64Array(n);
  const first = end - (n - 1) * step;
  for (let k = 0; k < n; k++) times[k] = first + k * step;
  return { times, hashes: instantHashes(times), step };
}

/**
 * The traffic shape at instant t: 1 (constant); daily, 1 + swing·cos over
 * the UTC day, highest at `peakHour`; weekly, the daily shape times
 * `weekend` on Saturdays and Sundays (UTC).
 */
export function shapeAt(t, { shape, peakHour, swing, weekend }) {
  if (shape === 'constant') return 1;
  const hour = (((t % DAY) + DAY) % DAY) / HOUR;
  let f = 1 + swing * Math.cos((TAU * (hour - peakHour)) / 24);
  if (shape === 'weekly') {
    // 1970-01-01 was a Thursday (4; Sunday is 0).
    const weekday = (((Math.floor(t / DAY) + 4) % 7) + 7) % 7;
    if (weekday === 0 || weekday === 6) f *= weekend;
  }
  return f;
}

/**
 * Events per second for group number `g` (0: the series is not grouped):
 * the base rate times the shape, times 1 ± noise/2 of uniform noise.
 */
export function traffic({ times, hashes, step }, params, noise, seed, g) {
  const { rate } = params;
  const out = new Float64Array(times.length);
  // The shape repeats every day (every week): when the step divides that
  // period, compute one period and copy it — the same numbers, a cosine
  // per period instead of one per sample.
  const period = params.shape === 'constant' ? 1 : params.shape === 'daily' ? DAY : WEEK;
  const every = period % step === 0 ? period / step : times.length;
  for (let k = 0; k < times.length; k++) {
    out[k] = k >= every ? out[k - every] : rate * shapeAt(times[k], params);
  }
  if (noise !== 0) {
    const key = streamKey(seed, streamId(`traffic/${g}`));
    for (let k = 0; k < times.length; k++) out[k] *= 1 + noise * (uniform(key, hashes[k]) - 0.5);
  }
  return out;
}

/**
 * The share of events that fail, for one SLO (`slo`, the path that names
 * it) and group: `base` × (1 ± noise), or during windows (incidents and
 * maintenance) that hit this SLO and group, the largest of their ratios.
 */
export function errorRatio({ times, hashes }, base, noise, seed, slo, g, windows) {
  const out = new Float64Array(times.length);
  if (noise === 0) out.fill(Math.min(1, base));
  else {
    const key = streamKey(seed, streamId(`errors/${slo}/${g}`));
    for (let k = 0; k < times.length; k++) {
      out[k] = Math.min(1, base * (1 + noise * (2 * uniform(key, hashes[k]) - 1)));
    }
  }
  overlay(times, out, windows, (w) => w.errorRatio);
  return out;
}

/**
 * Sets `out[k]` to the largest `value(w)` of the windows `(from, to]` that
 * hold `times[k]` — the convention of the examples: an incident from 10:00
 * to 10:15 is bad from the sample at 10:01 to the one at 10:15.
 */
export function overlay(times, out, windows, value) {
  if (windows.length === 0) return;
  const hit = new Uint8Array(times.length);
  for (const w of windows) {
    const v = value(w);
    for (let k = firstAfter(times, w.from); k < times.length && times[k] <= w.to; k++) {
      out[k] = hit[k] ? Math.max(out[k], v) : v;
      hit[k] = 1;
    }
  }
}

/** The index of the first time `> t` (times ascending). */
export function firstAfter(times, t) {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whole events per sample interval `(t_{k−1}, t_k]` (the first interval
 * is one step long) from a rate in events/s: rounded up or down at random
 * with the fraction as the chance (10.3 is 11 three times in ten), so low
 * rates keep their mean and a whole number of events stays exact.
 */
export function countEvents({ times, hashes, step }, rate, seed, stream) {
  const key = streamKey(seed, streamId(stream));
  const out = new Float64Array(times.length);
  for (let k = 0; k < times.length; k++) {
    const dt = (k === 0 ? step : times[k] - times[k - 1]) / 1000;
    out[k] = Math.floor(rate[k] * dt + uniform(key, hashes[k]));
  }
  return out;
}

/** Failed events of `total` whole events per interval at error ratio `e`, rounded as countEvents. */
export function countFailures({ times, hashes }, total, e, seed, stream) {
  const key = streamKey(seed, streamId(stream));
  const out = new Float64Array(times.length);
  for (let k = 0; k < times.length; k++) {
    out[k] = Math.min(total[k], Math.floor(total[k] * e[k] + uniform(key, hashes[k])));
  }
  return out;
}

/**
 * Running sum of events: a counter from 0 that drops back to 0 at each
 * reset (`resets` ascending): the first sample after a reset counts only
 * its own interval's events.
 */
export function cumulate(times, events, resets) {
  const out = new Float64Array(times.length);
  let sum = 0;
  let r = 0;
  for (let k = 0; k < times.length; k++) {
    while (r < resets.length && resets[r] < times[k]) {
      if (k > 0 && resets[r] >= times[k - 1]) sum = 0;
      r++;
    }
    sum += events[k];
    out[k] = sum;
  }
  return out;
}

/**
 * A gauge against its threshold `{op, value}`: healthy samples sit
 * `1 − level` of the threshold's size (|value|, or 1 for 0) inside the
 * good side (`level` 0.5 and `<= 0.4` → 0.2; `>= 1` → 1.5; `==` → the
 * value; `!=` → at least half a size away); during windows that hit it they
 * sit past the threshold by `gaugeFactor` (`<= 0.4`, factor 3 → 1.2;
 * `>= 1`, factor 3 → 1/3; `!=` → the value). Noise moves a healthy sample by
 * up to 90% of its distance to the threshold, so it never crosses it.
 */
export function gauge({ times, hashes }, threshold, level, noise, seed, name, g, windows) {
  const { op, value: v } = threshold;
  const size = Math.abs(v) || 1;
  const upper = op === '<' || op === '<=';
  const lower = op === '>' || op === '>=';
  let good;
  if (upper) good = v - size * (1 - level);
  else if (lower) good = v + size * (1 - level);
  else if (op === '==') good = v;
  else good = v + size * Math.max(1 - level, 0.5); // '!='
  const out = new Float64Array(times.length).fill(good);
  const jitter = 0.9 * noise * Math.abs(good - v);
  if (jitter !== 0) {
    const key = streamKey(seed, streamId(`gauge/${name}/${g}`));
    for (let k = 0; k < times.length; k++) out[k] = good + jitter * (2 * uniform(key, hashes[k]) - 1);
  }
  overlay(times, out, windows, ({ gaugeFactor: f }) => {
    if (upper || op === '==') return v + size * (f - 1);
    if (lower) return v - size * (1 - 1 / f);
    return v; // '!='
  });
  return out;
}
