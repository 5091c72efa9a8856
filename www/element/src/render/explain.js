// "Every number can explain itself": a button beside the number
// (aria-expanded, aria-controls) opens a panel with the view's sentence and
// the inputs it uses as a table. Which panels are open survives a
// re-render (a Prometheus refresh must not close what the reader opened):
// the element keeps their keys in `ctx.open`.

import { h, uid } from './dom.js';

/**
 * @typedef {object} RenderContext
 * @property {readonly string[]} levels the report's levels
 * @property {{ timeZone?: string }} time options for formatInstant
 * @property {Set<string>} open keys of the disclosures open now
 * @property {boolean} compact many instances: secondary sections start closed
 * @property {string | null} [source] where the data came from, e.g. "Prometheus http://…, refreshed every 1m"
 */

/**
 * A disclosure for `explanation` (an `Explanation` of @slogate/view).
 * `wrap` places the panel (e.g. in a table row); the returned `panel` is
 * what gets hidden.
 * @param {RenderContext} ctx
 * @param {string} key stable across re-renders: SLO title + what
 * @param {string} label what the number is, for the button's accessible name
 * @param {{ value: string, text: string, inputs: { name: string, value: string }[] }} explanation
 * @param {(content: HTMLElement) => HTMLElement} [wrap]
 */
export function disclosure(ctx, key, label, explanation, wrap = (c) => c) {
  const id = uid('why');
  const open = ctx.open.has(key);
  // The panel's content is built when first opened: a report of many SLOs
  // has hundreds of explanations, and building them all hidden would cost
  // more than drawing the cards.
  const holder = h('div');
  const panel = wrap(holder);
  panel.id = id;
  panel.hidden = !open;
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    holder.append(explanationContent(label, explanation));
  };
  if (open) build();
  const button = h(
    'button',
    {
      type: 'button',
      class: 'why',
      'data-key': key,
      'aria-expanded': String(open),
      'aria-controls': id,
      'aria-label': `Explain ${label}: ${explanation.value}`,
      title: `How is ${label} computed?`,
    },
    '?',
  );
  button.addEventListener('click', () => {
    const nowOpen = panel.hidden;
    if (nowOpen) build();
    panel.hidden = !nowOpen;
    button.setAttribute('aria-expanded', String(nowOpen));
    if (nowOpen) ctx.open.add(key);
    else ctx.open.delete(key);
  });
  return { button, panel };
}

/**
 * The sentence and the inputs table of an explanation.
 * @param {string} label
 * @param {{ value: string, text: string, inputs: { name: string, value: string }[] }} explanation
 */
function explanationContent(label, explanation) {
  return h(
    'div',
    { class: 'explain', 'data-explains': label },
    h('p', { class: 'explain-text' }, explanation.text),
    explanation.inputs.length === 0
      ? null
      : h(
          'table',
          { class: 'inputs' },
          h('caption', { class: 'visually-hidden' }, `Inputs of ${label}`),
          h('tbody', null, explanation.inputs.map((i) => h('tr', null, h('th', { scope: 'row' }, i.name), h('td', null, i.value)))),
        ),
  );
}

/**
 * A <details> section whose open state survives re-renders. Its content is
 * built when it first opens (folded sections of many cards cost nothing).
 * @param {RenderContext} ctx
 * @param {string} key
 * @param {string} summary
 * @param {boolean} openByDefault
 * @param {() => HTMLElement[]} content
 */
export function section(ctx, key, summary, openByDefault, content) {
  const known = ctx.open.has(key) || ctx.open.has(`!${key}`);
  const open = known ? ctx.open.has(key) : openByDefault;
  const details = /** @type {HTMLDetailsElement} */ (
    h('details', { class: 'section', open }, h('summary', { 'data-key': key }, summary))
  );
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    details.append(...content());
  };
  if (open) build();
  details.addEventListener('toggle', () => {
    if (details.open) build();
    ctx.open.delete(details.open ? `!${key}` : key);
    ctx.open.add(details.open ? key : `!${key}`);
  });
  return details;
}
