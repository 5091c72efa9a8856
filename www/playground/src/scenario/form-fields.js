// The scenario form's building blocks: elements made with createElement and
// textContent only (never innerHTML: series names come from the policy), one
// labelled control per parameter with its hint and its error message, and the
// readers that turn what a person typed into a parameter or a message.

import { isWhen, parseDuration } from './time.js';

/**
 * An element: `attrs` become attributes (`text` the text content); children
 * are nodes or strings (as text). Event handler and style attributes are
 * refused: handlers are added with addEventListener, styles live in
 * scenario-form.css (the page's CSP allows no inline code or style).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (/^on|^style$/i.test(key)) throw new Error(`scenario form: no inline ${key} attributes`);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** A number as a person reads it: no float noise (0.07 × 100 shows as 7, not 7.000000000000001). */
export function plain(n) {
  return String(Number(n.toPrecision(12)));
}

// Readers: text → {value} or {error}. Messages say what to write.

export function numberReader(min, max, { scale = 1, integer = false, unit = '' } = {}) {
  return (text) => {
    const t = text.trim();
    const n = t === '' ? NaN : Number(t);
    if (!Number.isFinite(n)) return { error: `write a number${unit ? ` (${unit})` : ''}` };
    if (integer && !Number.isInteger(n)) return { error: 'write a whole number' };
    if (n < min || n > max) return { error: `between ${plain(min)} and ${plain(max)}${unit ? ` ${unit}` : ''}` };
    return { value: scale === 1 ? n : Number((n / scale).toPrecision(15)) };
  };
}

export function durationReader({ optional = false } = {}) {
  return (text) => {
    const t = text.trim();
    if (optional && t === '') return { value: '' };
    return parseDuration(t) !== null ? { value: t } : { error: 'write a duration like 45m, 1h30m or 7d' };
  };
}

export function whenReader() {
  return (text) => {
    const t = text.trim();
    return isWhen(t) ? { value: t } : { error: 'write an offset before the evaluation like -3h, or an instant like 2026-02-05T10:00:00Z' };
  };
}

export const textReader = () => (text) => ({ value: text });
export const choiceReader = () => (text) => ({ value: text });

/**
 * One labelled control. `spec`: {name (the parameter's path, also the
 * control's name), label, value (its text), read, hint?, options?
 * ([value, text] pairs: a select), disabled?, inputmode?, wide?}.
 * `commit(value)` is called with what `read` made of each input that reads
 * cleanly; otherwise the control is marked invalid, its message shown
 * beside it, and its text kept in `drafts` (name → text) so that redrawing
 * the form does not throw away what a person is still typing.
 */
export function control(ids, drafts, spec, commit) {
  const id = ids.next(spec.name);
  let input;
  if (spec.options) {
    input = el('select', { id, name: spec.name, disabled: spec.disabled });
    for (const [value, text] of spec.options) {
      const option = el('option', { value, text });
      if (value === spec.value) option.selected = true;
      input.append(option);
    }
  } else {
    input = el('input', {
      id,
      name: spec.name,
      type: 'text',
      inputmode: spec.inputmode,
      autocomplete: 'off',
      spellcheck: 'false',
      disabled: spec.disabled,
    });
    input.value = spec.value;
  }
  const hint = spec.hint ? el('span', { id: `${id}-hint`, class: 'scenario-hint', text: spec.hint }) : null;
  const error = el('span', { id: `${id}-error`, class: 'scenario-error', 'aria-live': 'polite' });
  input.setAttribute('aria-describedby', [hint && hint.id, error.id].filter(Boolean).join(' '));
  const show = (result) => {
    if ('error' in result) {
      input.setAttribute('aria-invalid', 'true');
      error.textContent = result.error;
    } else {
      input.removeAttribute('aria-invalid');
      error.textContent = '';
    }
  };
  if (!spec.options && drafts.has(spec.name)) {
    input.value = drafts.get(spec.name);
    show(spec.read(input.value));
  }
  input.addEventListener(spec.options ? 'change' : 'input', () => {
    const result = spec.read(input.value);
    show(result);
    if ('error' in result) {
      drafts.set(spec.name, input.value);
      return;
    }
    drafts.delete(spec.name);
    commit(result.value);
  });
  const className = spec.wide ? 'scenario-field scenario-wide' : 'scenario-field';
  return el('div', { class: className }, el('label', { for: id, text: spec.label }), input, hint, error);
}

/** Unique element ids per form: `scenario-3-traffic-rate`. */
export class Ids {
  static #forms = 0;

  constructor() {
    this.prefix = `scenario-${++Ids.#forms}`;
    this.used = new Map();
  }

  next(name) {
    const base = `${this.prefix}-${name.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
    const n = (this.used.get(base) ?? 0) + 1;
    this.used.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  }

  reset() {
    this.used.clear();
  }
}
