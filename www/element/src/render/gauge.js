// The remaining-budget gauge: the arc geometry is @slogate/view's (gauge,
// arcPath); this draws it, with role="meter" and its values for assistive
// technology (the percentage, or "no data"; an overspent budget reads as
// such rather than as a clamped 0).

import { arcPath, gauge as gaugeView } from '@slogate/view';
import { h, svg } from './dom.js';

/**
 * @param {import('@slogate/engine').SloReport} slo
 * @param {string} severity ok | warn | critical
 * @param {string} valuetext the budget in words, e.g. "30.6% left: 12m19.2s of 40m19.2s"
 */
export function renderGauge(slo, severity, valuetext) {
  const g = gaugeView(slo.budget.remainingRatio);
  const meter = h('div', {
    class: `gauge sev-${severity}`,
    role: 'meter',
    'aria-label': 'remaining error budget',
    'aria-valuemin': 0,
    'aria-valuemax': 100,
    // A negative remaining has no place on the 0..100 scale: valuenow is
    // clamped, and valuetext says "overspent".
    'aria-valuenow': g.noData ? null : Math.round(Math.min(100, Math.max(0, /** @type {number} */ (g.ratio) * 100)) * 10) / 10,
    'aria-valuetext': valuetext,
  });
  meter.append(
    svg(
      'svg',
      { viewBox: '0 0 100 84', width: 104, height: 88, 'aria-hidden': 'true', focusable: 'false' },
      svg('path', { class: 'track', d: arcPath(50, 48, 38, g.startAngle, g.endAngle) }),
      g.fill > 0 ? svg('path', { class: 'fill', d: arcPath(50, 48, 38, g.startAngle, g.valueAngle) }) : null,
      // Long figures ("-1636.1%", "no data") get a smaller font to stay inside the arc.
      svg('text', { class: `gauge-value${g.text.length > 6 ? ' long' : ''}`, x: 50, y: 52, 'text-anchor': 'middle' }, g.text),
      svg('text', { class: 'gauge-label', x: 50, y: 80, 'text-anchor': 'middle' }, g.noData ? 'budget' : 'left'),
    ),
  );
  return meter;
}
