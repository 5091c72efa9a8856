// The element's CSS, adopted by its shadow root as a constructable
// stylesheet: no <style> element and no style attribute, so it works under
// a CSP without style-src 'unsafe-inline'. Every colour and font comes
// from a documented custom property (README.md) with a light and a dark
// default; `theme="light"|"dark"` forces one, `auto` follows
// prefers-color-scheme.

// The dark palette: forced by theme="dark", or followed under theme="auto".
const DARK = `
  --_bg: var(--slogate-background, #0d1117);
  --_fg: var(--slogate-text, #e6edf3);
  --_muted: var(--slogate-muted, #9198a1);
  --_card: var(--slogate-card-background, #151b23);
  --_border: var(--slogate-border, #3d444d);
  --_ok: var(--slogate-ok, #3fb950);
  --_warn: var(--slogate-warn, #d29922);
  --_critical: var(--slogate-critical, #f85149);
  --_accent: var(--slogate-accent, #4493f8);
  --_tint: 22%;
  color-scheme: dark;
`;

const CSS = String.raw`
:host {
  display: block;
  container-type: inline-size;
}
:host([hidden]) { display: none; }

.frame {
  /* Light defaults. */
  --_bg: var(--slogate-background, #ffffff);
  --_fg: var(--slogate-text, #1f2328);
  --_muted: var(--slogate-muted, #59636e);
  --_card: var(--slogate-card-background, #f6f8fa);
  --_border: var(--slogate-border, #d1d9e0);
  --_ok: var(--slogate-ok, #1a7f37);
  --_warn: var(--slogate-warn, #9a6700);
  --_critical: var(--slogate-critical, #cf222e);
  --_accent: var(--slogate-accent, #0969da);
  --_tint: 14%;
  color-scheme: light;
  background: var(--_bg);
  color: var(--_fg);
  font-family: var(--slogate-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: var(--slogate-font-size, 14px);
  line-height: 1.4;
  padding: var(--slogate-padding, 12px);
  border-radius: var(--slogate-radius, 8px);
  min-height: 3em;
}
.frame.theme-dark {${DARK}}
@media (prefers-color-scheme: dark) {
  .frame.theme-auto {${DARK}}
}

.sev-ok { --_sev: var(--_ok); }
.sev-warn { --_sev: var(--_warn); }
.sev-critical { --_sev: var(--_critical); }

h2, h3, h4, p, ul, ol, dl, dd, figure { margin: 0; }
ul, ol { padding: 0; list-style: none; }
code { font-family: var(--slogate-mono-font, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace); font-size: 0.92em; }
.muted { color: var(--_muted); }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
button { font: inherit; color: inherit; }
:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }

/* --- states ------------------------------------------------------------ */
.status { padding: 12px 14px; border-radius: 6px; border: 1px solid var(--_border); background: var(--_card); }
.status p + p { margin-top: 4px; }
.loading { display: flex; gap: 10px; align-items: center; color: var(--_muted); }
.spinner {
  width: 14px; height: 14px; border-radius: 50%;
  border: 2px solid var(--_border); border-top-color: var(--_accent);
  animation: spin 0.9s linear infinite;
}
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
.error { border-color: var(--_critical); border-left-width: 6px; }
.error-title { font-size: 1.1em; color: var(--_critical); margin-bottom: 6px; overflow-wrap: anywhere; }
.error-line { overflow-wrap: anywhere; }
.diagnostics { margin-top: 8px; display: grid; gap: 4px; }
.diagnostic { display: grid; grid-template-columns: max-content max-content 1fr; gap: 10px; align-items: baseline; }
.diagnostic .where { font-family: var(--slogate-mono-font, ui-monospace, monospace); font-weight: 600; }
.diagnostic .severity { font-size: 0.85em; text-transform: uppercase; letter-spacing: 0.03em; color: var(--_critical); }
.diagnostic.warning .severity { color: var(--_warn); }
.diagnostic .text { overflow-wrap: anywhere; }
.stale { border-color: var(--_warn); border-left-width: 6px; margin-bottom: 12px; }
.stale-title { font-weight: 600; }
.report.is-stale .summary, .report.is-stale .grid { opacity: 0.6; filter: grayscale(0.6); }

/* --- summary ------------------------------------------------------------ */
.summary {
  display: grid; gap: 6px; margin-bottom: 12px; padding: 12px 14px;
  border-radius: 6px; border: 1px solid var(--_border); border-left: 8px solid var(--_sev);
  background: color-mix(in srgb, var(--_sev) var(--_tint), var(--_bg));
}
.summary-head { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; justify-content: space-between; }
.policy { font-size: 1em; font-weight: 600; overflow-wrap: anywhere; }
.evaluated { color: var(--_muted); font-size: 0.9em; }
.worst { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: baseline; }
.worst-level { font-size: 1.9em; font-weight: 700; line-height: 1.1; color: var(--_sev); overflow-wrap: anywhere; }
.counts { color: var(--_fg); }
.attention { display: flex; flex-wrap: wrap; gap: 6px; }
.jump {
  cursor: pointer; border: 1px solid var(--_sev); border-radius: 999px; padding: 1px 10px;
  background: var(--_bg); max-width: 100%; text-align: left; overflow-wrap: anywhere;
}
.jump-level { font-weight: 600; color: var(--_sev); }

/* --- cards ---------------------------------------------------------------- */
.grid { display: grid; gap: 12px; grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--slogate-card-min-width, 340px)), 1fr)); align-items: start; }
.card {
  background: var(--_card); border: 1px solid var(--_border); border-top: 6px solid var(--_sev);
  border-radius: 6px; padding: 10px 12px; display: grid; gap: 8px; min-width: 0;
}
/* Off-screen cards skip layout and paint until scrolled to: a report of
   many SLOs re-renders in a frame. */
.card { content-visibility: auto; contain-intrinsic-size: auto 340px; }
.card:focus { outline: 2px solid var(--_accent); outline-offset: 2px; }
.card-head { display: flex; gap: 8px; align-items: flex-start; justify-content: space-between; }
.title { font-size: 1em; font-weight: 600; overflow-wrap: anywhere; }
.badge {
  flex: none; font-weight: 700; font-size: 0.9em; padding: 1px 8px; border-radius: 999px;
  color: var(--_sev); border: 1px solid var(--_sev);
  background: color-mix(in srgb, var(--_sev) var(--_tint), var(--_bg));
  max-width: 50%; overflow-wrap: anywhere;
}
.state { font-weight: 600; overflow-wrap: anywhere; }
.card.sev-ok .state { font-weight: 400; color: var(--_muted); }
.reasons { display: grid; gap: 4px; border-left: 3px solid var(--_sev); padding-left: 8px; }
.reasons li { overflow-wrap: anywhere; }
.reason-value { color: var(--_muted); }
.action { display: block; font-weight: 600; }
.action::before { content: "→ "; color: var(--_sev); }

.figures { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; align-items: center; }
.panels { grid-column: 1 / -1; display: grid; gap: 6px; }
.panels:empty { display: none; }
.gauge svg { display: block; }
.gauge .track { fill: none; stroke: var(--_border); stroke-width: 9; stroke-linecap: round; }
.gauge .fill { fill: none; stroke: var(--_sev); stroke-width: 9; stroke-linecap: round; }
.gauge-value { fill: var(--_fg); font-size: 15px; font-weight: 700; }
.gauge-value.long { font-size: 11.5px; }
.gauge-label { fill: var(--_muted); font-size: 11px; }
.facts { display: grid; gap: 2px; min-width: 0; }
.fact { display: grid; grid-template-columns: 7.5em 1fr; gap: 6px; align-items: baseline; }
.fact dt { color: var(--_muted); font-size: 0.9em; }
.fact dd { overflow-wrap: anywhere; }
.fact .value { font-weight: 700; font-variant-numeric: tabular-nums; }
.fact .value.miss { color: var(--_critical); }
.fact .of { color: var(--_muted); }

.why {
  cursor: pointer; margin-left: 6px; padding: 0; width: 1.35em; height: 1.35em; line-height: 1.2em;
  border-radius: 50%; border: 1px solid var(--_border); background: var(--_bg); color: var(--_accent);
  font-size: 0.8em; font-weight: 700; vertical-align: 0.1em;
}
.why[aria-expanded="true"] { background: var(--_accent); color: var(--_bg); border-color: var(--_accent); }
.explain {
  border: 1px solid var(--_border); border-left: 3px solid var(--_accent); border-radius: 4px;
  background: var(--_bg); padding: 6px 8px; font-size: 0.92em; overflow-wrap: anywhere;
}
.inputs { margin-top: 6px; border-collapse: collapse; font-variant-numeric: tabular-nums; }
.inputs th, .inputs td { text-align: left; padding: 1px 10px 1px 0; vertical-align: top; }
.inputs th { font-weight: 400; color: var(--_muted); }

.burndown { display: grid; gap: 2px; }
.chart { display: block; width: 100%; height: 64px; border: 1px solid var(--_border); border-radius: 4px; background: var(--_bg); }
.band { opacity: 0.22; }
.band.sev-ok { fill: var(--_ok); opacity: 0.10; }
.band.sev-warn { fill: var(--_warn); }
.band.sev-critical { fill: var(--_critical); }
.rule { stroke: var(--_muted); stroke-width: 1; stroke-dasharray: 3 3; opacity: 0.6; }
.line { fill: none; stroke: var(--_fg); stroke-width: 2; stroke-linejoin: round; }
.axis { display: flex; justify-content: space-between; gap: 8px; color: var(--_muted); font-size: 0.78em; }
.warnings { font-size: 0.9em; color: var(--_warn); display: grid; gap: 2px; }
.warnings li::before { content: "⚠ "; }

.section > summary { cursor: pointer; color: var(--_muted); font-size: 0.9em; }
.section[open] > summary { margin-bottom: 6px; }
.burn { width: 100%; table-layout: fixed; border-collapse: collapse; font-variant-numeric: tabular-nums; }
.burn col.w { width: 5.2em; }
.burn col.r { width: 6.4em; }
.burn caption { text-align: left; color: var(--_muted); font-size: 0.85em; padding-bottom: 2px; }
.burn > * > tr > th, .burn > * > tr > td { text-align: left; padding: 2px 6px 2px 0; border-top: 1px solid var(--_border); vertical-align: baseline; }
.burn > thead > tr > th { border-top: none; color: var(--_muted); font-weight: 400; font-size: 0.85em; }
.burn > tbody > tr > th { font-weight: 600; white-space: nowrap; }
.burn .num { white-space: nowrap; }
.burn > tbody > .explain-row > td { border-top: none; padding-bottom: 6px; }
.burn-row.hot .value { color: var(--_critical); font-weight: 700; }
.tag { font-weight: 400; font-size: 0.8em; color: var(--_accent); }
.chips { display: flex; flex-wrap: wrap; gap: 4px; }
.threshold { font-size: 0.85em; border: 1px solid var(--_border); border-radius: 4px; padding: 0 4px; overflow-wrap: anywhere; min-width: 0; }
.threshold.exceeded { border-color: var(--_critical); color: var(--_critical); font-weight: 600; }
.alerts { display: grid; gap: 6px; margin-top: 8px; }
.alert-head { display: flex; gap: 6px; align-items: baseline; flex-wrap: wrap; }
.alert-name { font-weight: 600; overflow-wrap: anywhere; }
.alert-severity { color: var(--_muted); }
.alert-state { margin-left: auto; font-size: 0.85em; border-radius: 999px; padding: 0 8px; border: 1px solid var(--_border); color: var(--_muted); }
.alert-state.on { border-color: var(--_critical); color: var(--_critical); font-weight: 700; background: color-mix(in srgb, var(--_critical) var(--_tint), var(--_bg)); }
.alert-state.pending { border-color: var(--_warn); color: var(--_warn); font-weight: 600; border-style: dashed; }
.pairs { display: grid; gap: 2px; padding-left: 10px; font-size: 0.92em; font-variant-numeric: tabular-nums; }
.pair.firing strong { color: var(--_critical); }

/* Many instances: smaller cards, more columns; the gauge sits beside the
   burn-down and the figures run full width below them. */
.grid.compact { grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--slogate-card-min-width, 290px)), 1fr)); gap: 10px; }
.compact .card {
  padding: 8px 10px; gap: 6px 10px;
  grid-template-columns: auto minmax(0, 1fr);
  grid-template-areas: "head head" "state state" "reasons reasons" "gauge chart" "facts facts" "panels panels" "warnings warnings" "section section";
}
.compact .card-head { grid-area: head; }
.compact .state { grid-area: state; }
.compact .reasons { grid-area: reasons; gap: 2px; }
.compact .figures { display: contents; }
.compact .gauge { grid-area: gauge; }
.compact .gauge svg { width: 80px; height: 68px; }
.compact .facts { grid-area: facts; }
.compact .panels { grid-area: panels; }
.compact .burndown { grid-area: chart; align-self: center; }
.compact .chart { height: 56px; }
.compact .axis { display: none; }
.compact .warnings { grid-area: warnings; }
.compact .fact { grid-template-columns: 6.8em 1fr; }
.compact .section { grid-area: section; }

@container (max-width: 420px) {
  .figures { grid-template-columns: 1fr; justify-items: start; }
  .fact { grid-template-columns: 6.5em 1fr; }
}
`;

/** @type {CSSStyleSheet | null} */
let sheet = null;

/** One sheet shared by every element of the page. */
export function styles() {
  if (sheet === null) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}
