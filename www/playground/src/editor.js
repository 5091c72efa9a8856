// The policy editor: CodeMirror 6 with YAML highlighting (a JSON policy is
// YAML too and highlights the same), the engine's diagnostics as lint marks
// and a lint gutter.
//
// It lives in a shadow root, and that is what keeps the page's strict CSP
// (`default-src 'self'`, so `style-src 'self'`, no 'unsafe-inline'):
// CodeMirror's styles come from style-mod, which writes a <style> element
// into a document (blocked as an inline style) but, inside a shadow root,
// a constructed stylesheet (`adoptedStyleSheets`), which CSP does not
// govern. CodeMirror's `EditorView.cspNonce` would need a fresh nonce per
// response, which a static page served from any file server cannot have.

import { basicSetup } from 'codemirror';
import { EditorView } from '@codemirror/view';
import { Compartment, EditorState } from '@codemirror/state';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { oneDark } from '@codemirror/theme-one-dark';
import { editorDiagnostics } from './positions.js';

/** Sizes and fonts; colours come from the light default or One Dark. */
const layout = EditorView.theme({
  '&': { height: '100%', fontSize: '13px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', lineHeight: '1.45' },
  '&.cm-focused': { outline: '2px solid var(--pg-focus, #3b82f6)', outlineOffset: '-2px' },
});

/**
 * The lint marks without images: @codemirror/lint draws its squiggles and
 * gutter dots as `data:` SVG images, which `default-src 'self'` blocks
 * (img-src). A wavy text decoration and a round dot say the same.
 */
const lintMarks = EditorView.theme({
  '.cm-lintRange': { backgroundImage: 'none', textDecorationLine: 'underline', textDecorationStyle: 'wavy', textDecorationSkipInk: 'none', textUnderlineOffset: '3px' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecorationColor: 'var(--pg-critical, #dc2626)' },
  '.cm-lintRange-warning': { backgroundImage: 'none', textDecorationColor: 'var(--pg-warn, #b45309)' },
  '.cm-lintRange-info, .cm-lintRange-hint': { backgroundImage: 'none', textDecorationColor: 'var(--pg-muted, #5b6575)' },
  '.cm-lint-marker': { content: 'none', width: '0.6em', height: '0.6em', margin: '0.35em 0.2em', borderRadius: '50%' },
  '.cm-lint-marker-error': { content: 'none', backgroundColor: 'var(--pg-critical, #dc2626)' },
  '.cm-lint-marker-warning': { content: 'none', backgroundColor: 'var(--pg-warn, #b45309)' },
  '.cm-lint-marker-info': { content: 'none', backgroundColor: 'var(--pg-muted, #5b6575)' },
});

/**
 * Mounts an editor into `host` (an element it gives a shadow root).
 * `onChange(text)` runs after every change of the document.
 * Returns `{view, text(), setText(text), showDiagnostics(list), setDark(dark), focusAt(line, column)}`.
 */
export function createEditor(host, { text, dark, onChange, label = 'Policy (YAML or JSON)' }) {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const parent = document.createElement('div');
  parent.className = 'editor';
  root.replaceChildren(parent);
  const theme = new Compartment();
  const view = new EditorView({
    parent,
    root,
    state: EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        yaml(),
        lintGutter(),
        layout,
        lintMarks,
        theme.of(dark ? oneDark : []),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  // The host sizes the editor (page CSS); the shadow root fills it.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(':host { display: block; } .editor { height: 100%; }');
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];

  return {
    view,
    text: () => view.state.doc.toString(),
    /** Replaces the whole document (a seed's policy, a restored link). */
    setText(next) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    /** The engine's diagnostics (line/column) as lint marks. */
    showDiagnostics(list) {
      view.dispatch(setDiagnostics(view.state, editorDiagnostics(view.state.doc, list)));
    },
    setDark(isDark) {
      view.dispatch({ effects: theme.reconfigure(isDark ? oneDark : []) });
    },
    /** Moves the cursor to a diagnostic's place and focuses the editor. */
    focusAt(from) {
      const at = Math.min(from, view.state.doc.length);
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      view.focus();
    },
  };
}
