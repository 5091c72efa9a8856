// Slogate durations read from text (docs/policy.md, "Durations"; the
// engine's src/time/duration.rs): whole numbers with units ms, s, m, h, d,
// w, largest first, each once — `30s`, `1m`, `1h30m`, `28d`. The inverse of
// `formatWindow`. One reader for every surface: the element's `refresh` and
// `timeout` attributes and the playground's scenario both call it.

/** Units of a slogate duration, largest first (src/time/duration.rs `UNITS`). */
const UNITS = /** @type {const} */ ([
  ['w', 604_800_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
]);

/**
 * A slogate duration in milliseconds: "30s" → 30000, "1h30m" → 5400000.
 * Throws an Error that quotes `shown` (the text as the user wrote it;
 * `text` by default) and says the expected form: for an unknown form, a
 * unit out of order or twice, zero, or a total beyond a safe integer.
 * @param {string} text
 * @param {string} [shown]
 * @returns {number}
 */
export function parseDuration(text, shown = text) {
  const bad = () => new Error(`"${shown}" is not a duration: use a whole number and a unit (ms, s, m, h, d, w), like 30s, 1m or 1h30m`);
  if (text === '') throw bad();
  let total = 0;
  let lastRank = -1;
  const part = /(\d+)([a-z]+)/gy;
  let end = 0;
  for (let m = part.exec(text); m !== null; m = part.exec(text)) {
    const rank = UNITS.findIndex(([unit]) => unit === m?.[2]);
    if (rank < 0) throw bad();
    if (rank <= lastRank) throw new Error(`"${shown}" is not a duration: write each unit once, largest first, like 1h30m`);
    lastRank = rank;
    total += Number(m[1]) * /** @type {number} */ (UNITS[rank]?.[1]);
    end = part.lastIndex;
  }
  if (end !== text.length) throw bad();
  if (!Number.isSafeInteger(total)) throw new Error(`"${shown}" is too long a duration`);
  if (total <= 0) throw new Error(`"${shown}" is not a duration: it must be longer than 0`);
  return total;
}
