// The burn-down as a small SVG line chart with the level timeline shaded
// behind it. Geometry and words are @slogate/view's (burndownChart,
// burndownText); this only turns them into elements. The SVG stretches to
// the card's width (preserveAspectRatio none, strokes that do not scale).

import { burndownChart, burndownText, formatInstant } from '@slogate/view';
import { h, svg } from './dom.js';

const W = 300;
const H = 64;
/** Room above 100% and below the lowest value, so the line never sits on the border. */
const PAD = 5;

/**
 * @param {import('@slogate/engine').SloReport} slo
 * @param {import('./explain.js').RenderContext} ctx
 */
export function renderBurndown(slo, ctx) {
  const c = burndownChart(slo, ctx.levels, { width: W, height: H - 2 * PAD });
  const text = burndownText(slo, ctx.levels, ctx.time);
  const end = Date.parse(slo.window.end);
  const when = (/** @type {number} */ ms) => formatInstant(ms, { ...ctx.time, reference: end });
  return h(
    'figure',
    { class: 'burndown' },
    svg(
      'svg',
      { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': text, class: 'chart' },
      svg('title', null, text),
      // A short spell at a higher level stays visible: at least 2 of 300 units.
      c.bands.map((b) => svg('rect', { class: `band sev-${b.severity}`, x: b.x, y: 0, width: Math.max(b.width, b.rank === 0 ? 0.5 : 2), height: H })),
      svg(
        'g',
        { transform: `translate(0 ${PAD})` },
        svg('line', { class: 'rule', x1: 0, x2: W, y1: c.fullY, y2: c.fullY, 'vector-effect': 'non-scaling-stroke' }),
        svg('line', { class: 'rule zero', x1: 0, x2: W, y1: c.zeroY, y2: c.zeroY, 'vector-effect': 'non-scaling-stroke' }),
        c.path === '' ? null : svg('path', { class: 'line', d: c.path, 'vector-effect': 'non-scaling-stroke' }),
      ),
    ),
    h(
      'figcaption',
      { class: 'axis', 'aria-hidden': 'true' },
      h('span', null, when(Date.parse(slo.window.start))),
      h('span', null, c.path === '' ? 'no data' : 'remaining budget, level shaded'),
      h('span', null, when(end)),
    ),
  );
}
