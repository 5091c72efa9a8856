// Building DOM without markup: every string becomes a Text node, every
// attribute goes through setAttribute with a name from this code, never
// from data. Nothing here parses HTML, so a policy, a label or a server
// cannot inject an element (the browser tests check it).

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * @typedef {Node | string | number | null | undefined | false} Child
 * @typedef {Record<string, string | number | boolean | null | undefined>} Attrs
 */

/**
 * An HTML element: `h('p', {class: 'x'}, 'text', child)`. `null`,
 * `undefined` and `false` attributes and children are skipped; `true` sets
 * an empty attribute.
 * @param {string} tag
 * @param {Attrs | null} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/**
 * An SVG element, same rules as `h`.
 * @param {string} tag
 * @param {Attrs | null} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs, ...children) {
  return fill(/** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag)), attrs, children);
}

/**
 * @template {Element} E
 * @param {E} el
 * @param {Attrs | null | undefined} attrs
 * @param {(Child | Child[])[]} children
 * @returns {E}
 */
function fill(el, attrs, children) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    // Event handlers and inline styles are never set as attributes: the
    // strict CSP forbids them, and no data may reach them.
    if (/^on/i.test(name) || name === 'style') throw new Error(`refusing attribute ${name}`);
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/**
 * @param {Node} parent
 * @param {(Child | Child[])[]} children
 */
export function append(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

let nextId = 0;
/** A fresh id for aria-controls / aria-labelledby inside one shadow root. */
export function uid(prefix = 'sg') {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
