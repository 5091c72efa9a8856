// A level's severity follows its rank in the policy's levels (report.d.ts
// `Report.levels`, least severe first), never its name: a policy may call
// its levels anything, in any language.
//
// The mapping is the terminal report's (src/report/text.rs, `Paint`), so a
// level has the same colour on every surface:
//   rank 0                          → "ok"        (green)
//   rank 1 when there are ≥ 3 levels → "warn"      (yellow)
//   every other rank                → "critical"  (red)
// So [healthy, freeze] is ok/critical; [healthy, warning, freeze] is
// ok/warn/critical; [healthy, warning, critical, breach] is
// ok/warn/critical/critical. A level that is not in the list (a report
// cannot produce one) is "critical": an unknown state is never shown as fine.

/** @typedef {'ok' | 'warn' | 'critical'} Severity */

/**
 * The index of `level` in `levels`, or null when it is not there.
 * @param {readonly string[]} levels
 * @param {string} level
 * @returns {number | null}
 */
export function levelRank(levels, level) {
  const i = levels.indexOf(level);
  return i < 0 ? null : i;
}

/**
 * The severity token of a rank among `count` levels (see above).
 * @param {number | null} rank
 * @param {number} count
 * @returns {Severity}
 */
export function severityOfRank(rank, count) {
  if (rank === 0) return 'ok';
  if (rank === 1 && count >= 3) return 'warn';
  return 'critical';
}

/**
 * Rank and severity of `level` in `levels`.
 * @param {readonly string[]} levels
 * @param {string} level
 * @returns {{ rank: number | null, severity: Severity }}
 */
export function levelSeverity(levels, level) {
  const rank = levelRank(levels, level);
  return { rank, severity: severityOfRank(rank, levels.length) };
}
