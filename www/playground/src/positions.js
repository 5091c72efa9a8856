// The engine's diagnostics (1-based line and column, the column counted in
// characters, i.e. Unicode scalar values as Rust counts them) as ranges of
// an editor document (UTF-16 offsets, CodeMirror's positions). Pure: `doc`
// only needs `lines` and `line(n) → {from, text}` (CodeMirror's `Text`).
// Their words are @slogate/view's (`diagnosticLine`), as <slo-gate> shows them.

import { diagnosticLine } from '@slogate/view';

/**
 * The UTF-16 index in `text` of the 1-based character column `column`,
 * clamped to the line's end (a column past it points after its last
 * character).
 */
export function indexOfColumn(text, column) {
  let index = 0;
  for (let c = 1; c < column && index < text.length; c += 1) {
    const code = text.charCodeAt(index);
    // A surrogate pair is one character of two UTF-16 units.
    index += code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1;
  }
  return index;
}

/**
 * The end of the token starting at `index`: the run of characters up to the
 * next space, comma, colon or bracket, at least one character when the line
 * has one there, so a marked range is never empty.
 */
export function tokenEnd(text, index) {
  let end = index;
  while (end < text.length && !/[\s,:[\]{}]/.test(text[end])) end += 1;
  return end === index && index < text.length ? index + 1 : end;
}

/**
 * One diagnostic as `{from, to, severity, message}` in `doc`'s offsets.
 * Without a line (about the whole document) it marks the first line; a line
 * past the end (the text changed since) marks the last.
 */
export function diagnosticRange(doc, diagnostic) {
  if (diagnostic.line === null || diagnostic.line === undefined) {
    const first = doc.line(1);
    return { from: first.from, to: first.from + first.text.length };
  }
  const n = Math.min(Math.max(1, diagnostic.line), doc.lines);
  const line = doc.line(n);
  const index = indexOfColumn(line.text, diagnostic.column ?? 1);
  return { from: line.from + index, to: line.from + tokenEnd(line.text, index) };
}

/**
 * The engine's diagnostics as CodeMirror lint diagnostics: the view's text,
 * the field path in front when there is one ("spec.slos[0].objectiv:
 * unknown key … (did you mean "objective"?)"), sorted by position as
 * CodeMirror requires.
 */
export function editorDiagnostics(doc, diagnostics) {
  return diagnostics
    .map((d) => {
      const { severity, text } = diagnosticLine(d);
      return { ...diagnosticRange(doc, d), severity, message: text, source: 'slogate' };
    })
    .sort((a, b) => a.from - b.from || a.to - b.to);
}
