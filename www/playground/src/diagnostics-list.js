// The engine's diagnostics as a list under the editor: each a button
// (keyboard reachable) that moves the editor's cursor to its place.

import { diagnosticLine } from '@slogate/view';
import { diagnosticRange } from './positions.js';

/**
 * Renders `diagnostics` into `root` (an element with a `.count` and an
 * `ol`); `goTo(offset)` moves the editor there; `doc` maps line/column.
 */
export function renderDiagnostics(root, diagnostics, doc, goTo) {
  const list = root.querySelector('ol');
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  root.querySelector('.count').textContent =
    diagnostics.length === 0 ? 'No problems' : [plural(errors, 'error'), plural(warnings, 'warning')].filter(Boolean).join(', ');
  root.dataset.state = errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'clean';
  const items = diagnostics.map((d) => {
    const line = diagnosticLine(d);
    const item = document.createElement('li');
    item.className = line.severity;
    const button = document.createElement('button');
    button.type = 'button';
    const place = document.createElement('span');
    place.className = 'place';
    place.textContent = line.where;
    const severity = document.createElement('span');
    severity.className = 'severity';
    severity.textContent = line.severity;
    const message = document.createElement('span');
    message.className = 'message';
    message.textContent = line.text;
    button.append(place, severity, message);
    button.addEventListener('click', () => goTo(diagnosticRange(doc(), d).from));
    item.append(button);
    return item;
  });
  list.replaceChildren(...items);
}

function plural(n, word) {
  return n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`;
}
