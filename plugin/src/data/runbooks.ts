// A level's runbook link, only ever an http(s) URL: a link from the panel's
// options is shown on the dashboard, and a `javascript:` one would run
// there when clicked.

import type { Runbook } from '../types';

/** The first runbook for `level` whose link is an absolute http(s) URL, else null. */
export function runbookFor(runbooks: Runbook[] | undefined, level: string): Runbook | null {
  for (const r of runbooks ?? []) {
    if (r.level === level && isWebLink(r.url)) {
      return r;
    }
  }
  return null;
}

export function isWebLink(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
