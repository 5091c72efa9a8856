// Text from a policy, a label or a server, made safe to show: the view
// returns plain strings (the DOM layer sets them as text, never as markup),
// and characters that could forge a line or reorder what a reader sees
// are shown as escapes, as the terminal report does (src/report/terminal.rs
// `is_unsafe`): controls, line and paragraph separators, and format
// characters but the joiners U+200C/U+200D and the tag characters.

const UNSAFE = /[\p{Cc}\u2028\u2029]|(?![\u200c\u200d\u{e0020}-\u{e007f}])\p{Cf}/gu;

/**
 * `text` with every unsafe character as `\u{…}` (`\n`, `\r`, `\t` by name):
 * "x\u202e" → "x\\u{202e}".
 * @param {string} text
 * @returns {string}
 */
export function plainText(text) {
  return String(text).replace(UNSAFE, (c) => NAMED[c] ?? `\\u{${c.codePointAt(0)?.toString(16)}}`);
}

/** @type {Record<string, string>} */
const NAMED = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * An SLO instance's title: its name and its `groupBy` labels, values
 * quoted with `"` and `\` escaped so a value cannot end its quotes early:
 * `workflow-completion {repository="akosha"}` (text.rs `group_suffix`).
 * @param {{ name: string, group: Record<string, string> }} slo
 * @returns {string}
 */
export function sloTitle(slo) {
  const labels = Object.entries(slo.group).map(
    ([k, v]) => `${plainText(k)}="${plainText(v.replace(/["\\]/g, '\\$&'))}"`,
  );
  return labels.length === 0 ? plainText(slo.name) : `${plainText(slo.name)} {${labels.join(', ')}}`;
}
