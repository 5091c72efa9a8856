// Light and dark: the system's preference (prefers-color-scheme) unless the
// reader picks one with the toggle; the choice is remembered on this
// browser. `data-theme` on <html> drives the page's CSS custom properties.

const KEY = 'slogate-playground-theme';
const CHOICES = ['auto', 'light', 'dark'];
const media = matchMedia('(prefers-color-scheme: dark)');

/** The stored choice: auto, light or dark. */
function stored() {
  try {
    const value = localStorage.getItem(KEY);
    return CHOICES.includes(value) ? value : 'auto';
  } catch {
    return 'auto';
  }
}

/**
 * Wires `button` to cycle auto → light → dark; `onChange(dark)` runs
 * whenever the effective theme changes (and once now). Returns `isDark()`.
 */
export function setupTheme(button, onChange) {
  let choice = stored();
  const isDark = () => (choice === 'auto' ? media.matches : choice === 'dark');
  const apply = () => {
    document.documentElement.dataset.theme = isDark() ? 'dark' : 'light';
    button.textContent = `Theme: ${choice}`;
    button.setAttribute('aria-label', `Colour theme: ${choice} (change)`);
    onChange(isDark());
  };
  button.addEventListener('click', () => {
    choice = CHOICES[(CHOICES.indexOf(choice) + 1) % CHOICES.length];
    try {
      localStorage.setItem(KEY, choice);
    } catch {
      // Storage may be off; the choice still holds for this page.
    }
    apply();
  });
  media.addEventListener('change', () => {
    if (choice === 'auto') apply();
  });
  apply();
  return isDark;
}
