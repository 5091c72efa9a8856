// The playground's whole state as a URL fragment, so a link shows someone
// else exactly what you see: `#state=` + base64url(deflate-raw(JSON)).
// The fragment never reaches a server; CompressionStream('deflate-raw') is in
// every current browser (and Node ≥ 20, where the tests run this module).
//
// State (version 1):
//   { v: 1, policy: string, at: epoch ms, slo: string | null,
//     source: { kind: 'seed', example: string }
//           | { kind: 'scenario', params: string }      (encodeScenario's text)
//           | { kind: 'paste', inputs: { [series]: string } } }
// Pure: no DOM, no globals but the streams and TextEncoder/Decoder.

export const STATE_VERSION = 1;
const PREFIX = 'state=';

/**
 * Decompressed state larger than this is refused: a link is typed or pasted
 * by a person, and a small fragment must not inflate into gigabytes.
 */
export const MAX_STATE_BYTES = 64 * 1024 * 1024;

/**
 * Fragments longer than this are not written: browsers keep URLs up to ~2 MB
 * (Chromium) and chat tools cut far shorter ones. `encodeState`'s caller
 * drops pasted data first (see `shareableState`).
 */
export const MAX_FRAGMENT_CHARS = 1_000_000;

/** The fragment (with its leading `#`) that carries `state`. */
export async function encodeState(state) {
  const json = JSON.stringify(checkState(state));
  const bytes = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  return `#${PREFIX}${toBase64Url(bytes)}`;
}

/**
 * The state a fragment carries; `null` for an empty fragment (no state:
 * the page starts from its defaults). Throws an Error whose message says
 * what is wrong with the link for anything else.
 */
export async function decodeState(hash) {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (fragment === '') return null;
  if (!fragment.startsWith(PREFIX)) {
    throw new StateError('the link\'s fragment is not a playground state (it should start with "#state=")');
  }
  const bytes = fromBase64Url(fragment.slice(PREFIX.length));
  let json;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(
      await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_STATE_BYTES),
    );
  } catch (e) {
    if (e instanceof StateError) throw e;
    throw new StateError('the link\'s state is damaged (it does not decompress); was it cut short?');
  }
  let value;
  try {
    value = JSON.parse(json);
  } catch {
    throw new StateError('the link\'s state is damaged (not JSON)');
  }
  return checkState(value);
}

/** A message about a link the page cannot restore. */
export class StateError extends Error {
  constructor(message) {
    super(message);
    this.name = 'StateError';
  }
}

/**
 * The state checked field by field; throws a StateError naming the first
 * bad field. Returns a fresh object with only the known fields.
 */
export function checkState(state) {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) {
    throw new StateError('the link\'s state is not an object');
  }
  if (state.v !== STATE_VERSION) {
    throw new StateError(`the link's state has version ${JSON.stringify(state.v)}; this playground reads version ${STATE_VERSION}`);
  }
  if (typeof state.policy !== 'string') throw new StateError('the link\'s state has no policy text');
  if (typeof state.at !== 'number' || !Number.isSafeInteger(state.at) || Math.abs(state.at) > 8.64e15) {
    throw new StateError('the link\'s evaluation instant is not a time');
  }
  const slo = state.slo ?? null;
  if (slo !== null && typeof slo !== 'string') throw new StateError('the link\'s chosen SLO is not a name');
  return { v: STATE_VERSION, policy: state.policy, at: state.at, slo, source: checkSource(state.source) };
}

function checkSource(source) {
  if (source === null || typeof source !== 'object') throw new StateError('the link\'s state has no data source');
  switch (source.kind) {
    case 'seed':
      if (typeof source.example !== 'string') throw new StateError('the link\'s seed example has no name');
      return { kind: 'seed', example: source.example };
    case 'scenario':
      if (typeof source.params !== 'string') throw new StateError('the link\'s scenario has no parameters');
      return { kind: 'scenario', params: source.params };
    case 'paste': {
      const inputs = source.inputs;
      if (inputs === null || typeof inputs !== 'object' || Array.isArray(inputs)) {
        throw new StateError('the link\'s pasted data is not a map of series to text');
      }
      const out = {};
      for (const [name, text] of Object.entries(inputs)) {
        if (typeof text !== 'string') throw new StateError(`the link's pasted data for "${name}" is not text`);
        out[name] = text;
      }
      return { kind: 'paste', inputs: out };
    }
    default:
      throw new StateError(`the link's data source ${JSON.stringify(source.kind)} is not one of seed, scenario, paste`);
  }
}

/**
 * The fragment to share for `state`: pasted data too when the fragment stays
 * within MAX_FRAGMENT_CHARS, else without it. Resolves to
 * `{hash, droppedData}` (droppedData: the pasted series left out).
 */
export async function shareableState(state, limit = MAX_FRAGMENT_CHARS) {
  const hash = await encodeState(state);
  if (hash.length <= limit || state.source.kind !== 'paste') return { hash, droppedData: [] };
  const droppedData = Object.keys(state.source.inputs);
  const smaller = await encodeState({ ...state, source: { kind: 'paste', inputs: {} } });
  return { hash: smaller, droppedData };
}

/** `bytes` through a transform stream, at most `limit` bytes out. */
async function pipe(bytes, transform, limit = Infinity) {
  const writer = transform.writable.getWriter();
  // Not awaited: with a full queue `write` waits for the reader below.
  const written = writer.write(bytes).then(() => writer.close());
  written.catch(() => {});
  const chunks = [];
  let length = 0;
  const reader = transform.readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      throw new StateError(`the link's state is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  await written;
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** RFC 4648 §5 base64url without padding. */
export function toBase64Url(bytes) {
  let binary = '';
  // In chunks: one String.fromCharCode call per byte is slow, all at once
  // overflows the argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Bytes of base64url text (padding optional); a StateError for other characters. */
export function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) {
    throw new StateError('the link\'s state is damaged (not base64url); was it cut short or edited?');
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
