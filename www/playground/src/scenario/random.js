// Deterministic noise keyed by (seed, stream, instant), not drawn in sequence.
//
// A sequential generator such as mulberry32 gives each series its own draw
// order, so the `good` and `total` series of one SLO — generated one after the
// other, maybe at different steps or over different ranges — would see
// different noise at the same instant, and good could exceed total. Hashing
// the instant instead gives every series that asks about (stream, t) the same
// number, whatever it asked before: same seed and parameters ⇒ the same data,
// byte for byte, in any order. The mixer is the 32-bit finaliser of
// "lowbias32" (Chris Wellons' hash prospector): two multiply–xorshift rounds,
// a few nanoseconds per sample with Math.imul.

/** A 32-bit avalanche mix of an integer. */
export function mix32(x) {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a of a string: a stream's 32-bit id from its name. */
export function streamId(name) {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The key of (seed, stream): mix it once, then `uniform(key, t)` per sample. */
export function streamKey(seed, stream) {
  return mix32(mix32(seed >>> 0) ^ stream);
}

const TWO_32 = 4_294_967_296;

/**
 * Each instant's own hash, computed once per grid of sample times and
 * shared by every column on it: instants are keyed by their whole second
 * (two series sampled at the same second agree), the high bits folded in so
 * that times beyond 2106 do not repeat.
 */
export function instantHashes(times) {
  const out = new Uint32Array(times.length);
  for (let k = 0; k < times.length; k++) {
    const seconds = Math.floor(times[k] / 1000);
    const low = seconds >>> 0;
    const high = Math.floor(seconds / TWO_32) >>> 0;
    out[k] = mix32((low + Math.imul(high, 0x9e3779b9)) >>> 0);
  }
  return out;
}

/**
 * A uniform number in [0, 1) for (stream key, instant hash). The instant
 * is mixed before the key joins, so two streams never see each other's
 * noise shifted in time (as `mix32(key ^ t)` could).
 */
export function uniform(key, instantHash) {
  return mix32(key ^ instantHash) / TWO_32;
}
