// Scenario parameters as text for a shareable URL: compact JSON of what
// differs from DEFAULT_SCENARIO, with a version. The playground puts this text
// into its own (compressed) URL state, so it stays plain JSON: compressing
// or base64-ing it here would only make the whole link longer.

import { checkScenario, DEFAULT_SCENARIO } from './params.js';

/** The format version `encodeScenario` writes; `v` in the text. */
export const SCENARIO_VERSION = 1;

/** `params` (checked first: invalid values are written as their defaults) as short text, e.g. `{"v":1,"seed":7}`. */
export function encodeScenario(input) {
  const { params } = checkScenario(input);
  const delta = { v: SCENARIO_VERSION };
  for (const key of Object.keys(DEFAULT_SCENARIO)) {
    if (JSON.stringify(params[key]) !== JSON.stringify(DEFAULT_SCENARIO[key])) delta[key] = params[key];
  }
  return JSON.stringify(delta);
}

/**
 * Reads `encodeScenario`'s text: `{params, problems}`. Never throws: text
 * that is not a scenario gives the defaults and one problem saying why; a
 * scenario with some bad values keeps the good ones, and each bad one
 * takes its default with a message naming it (`incidents[0].length: …`).
 * Empty text is the defaults, without a problem.
 */
export function parseScenario(text) {
  if (text === undefined || text === null || text === '') return checkScenario(undefined);
  if (typeof text !== 'string') {
    return { ...checkScenario(undefined), problems: ['scenario: expected text from encodeScenario; using the defaults'] };
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { ...checkScenario(undefined), problems: ['scenario: the link\'s scenario is not readable (not JSON); using the defaults'] };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ...checkScenario(undefined), problems: ['scenario: the link\'s scenario is not a set of parameters; using the defaults'] };
  }
  const { v, ...rest } = data;
  if (v !== SCENARIO_VERSION) {
    return {
      ...checkScenario(undefined),
      problems: [`scenario: the link's scenario has version ${JSON.stringify(v ?? null)}, this playground reads version ${SCENARIO_VERSION}; using the defaults`],
    };
  }
  return checkScenario(rest);
}

/** `parseScenario(text).params`: the parameters a text gives, defaults where it is wrong. */
export function decodeScenario(text) {
  return parseScenario(text).params;
}
