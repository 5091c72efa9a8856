// The policy attribute: a URL fetched with the page's credentials rules
// (same-origin cookies). A failure names the URL and the HTTP status.

/**
 * An error of fetching the policy; `describeError` of @slogate/view reads
 * its `kind`, `url` and `status`.
 */
export class PolicyFetchError extends Error {
  /**
   * @param {string} message
   * @param {{ kind: 'policy-http' | 'policy-unreachable', url: string, status?: number | null, cause?: unknown }} fields
   */
  constructor(message, { kind, url, status = null, cause }) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'PolicyFetchError';
    this.kind = kind;
    this.url = url;
    this.status = status;
  }
}

/**
 * The text at `url` (resolved against the document).
 * @param {string} url
 * @param {AbortSignal} signal
 * @returns {Promise<string>}
 */
export async function fetchPolicy(url, signal) {
  const absolute = new URL(url, document.baseURI).href;
  let response;
  try {
    response = await fetch(absolute, { signal, headers: { accept: 'application/yaml, application/json, text/plain, */*' } });
  } catch (e) {
    if (signal.aborted) throw e;
    throw new PolicyFetchError(e instanceof Error ? e.message : String(e), { kind: 'policy-unreachable', url: absolute, cause: e });
  }
  if (!response.ok) {
    throw new PolicyFetchError(response.statusText, { kind: 'policy-http', url: absolute, status: response.status });
  }
  return response.text();
}
