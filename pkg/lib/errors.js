// SlogateError and the guard every call into WebAssembly goes through.
//
// Errors the engine reports (a bad policy, bad data) arrive from the glue as
// plain `Error`s carrying the CLI's message and their fields as JSON; they
// become `SlogateError`s.
// A `WebAssembly.RuntimeError` (a trap) should never happen: the Rust side
// checks everything and never panics. If one does anyway, the instance is in
// an unknown state, so it is replaced (`restart`) before the error is thrown;
// engines notice the new generation and rebuild themselves from their policy
// text on their next call.

import * as glue from '../dist/slogate_engine.js';
import { SlogateError } from './slogate-error.js';

export { SlogateError };

let generation = 0;

/** Bumps each time the instance is replaced; engines compare it to theirs. */
export function currentGeneration() {
  return generation;
}

/** Replaces the WebAssembly instance (same compiled module, fresh memory). */
export function restart() {
  generation += 1;
  glue.__wbg_reset_state();
}

/**
 * Whether `e` says the instance is broken: a trap, or the JS stack running out
 * inside WebAssembly (V8 reports that as a RangeError).
 */
function isTrap(e) {
  return e instanceof WebAssembly.RuntimeError || e instanceof RangeError;
}

/**
 * Runs the body of a public function: whatever fails inside it (a call into
 * the glue already made a SlogateError by `guard`, or anything the wrapper's
 * own JavaScript throws, e.g. a user's getter or a host limit) leaves it as a
 * SlogateError, the original as its `cause`. The package throws nothing else.
 */
export function surface(fn, what = 'unexpected error', kind = 'unexpected') {
  try {
    return fn();
  } catch (e) {
    throw asSlogateError(e, what, kind);
  }
}

/** `surface` for an asynchronous body: the promise rejects with a SlogateError. */
export async function surfaceAsync(fn, what = 'unexpected error', kind = 'unexpected') {
  try {
    return await fn();
  } catch (e) {
    throw asSlogateError(e, what, kind);
  }
}

/** `e` as it leaves the package; `what` says what failed, before `e`'s own words. */
function asSlogateError(e, what, kind) {
  if (e instanceof SlogateError) return e;
  return new SlogateError(`${what}: ${describe(e)}`, { cause: e, kind });
}

/** `Name: message` of anything thrown, without throwing again. */
function describe(e) {
  try {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } catch {
    return 'a value that cannot be printed';
  }
}

/** Runs `fn` (a call into the glue); rethrows every failure as a SlogateError. */
export function guard(fn) {
  try {
    return fn();
  } catch (e) {
    if (isTrap(e)) {
      restart();
      throw new SlogateError(
        `internal error: the WebAssembly engine trapped (${e.message}); ` +
          'it was restarted and keeps working, please report this input',
        { cause: e, kind: 'internal' },
      );
    }
    if (e instanceof SlogateError) throw e;
    throw new SlogateError(e instanceof Error ? e.message : String(e), { cause: e, ...details(e) });
  }
}

/**
 * The fields the Rust side sends with an error: JSON text in the thrown
 * Error's `slogateDetails` (src/wasm/errors.rs); none for the glue's own.
 */
function details(e) {
  const text = e?.slogateDetails;
  return typeof text === 'string' ? JSON.parse(text) : {};
}
