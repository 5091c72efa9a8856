// The three charts under the results, drawn with uPlot for one SLO
// instance: (1) the burn-down with the level timeline shaded behind it,
// (2) burn rate over time per alert window with each pair's threshold
// factor as a dashed line, (3) the level and alert timeline as bands.
//
// The columns come from chart-data.js; this module only draws. A chart
// keeps its uPlot instance and takes new columns with `setData` while the
// series it draws stay the same (chart-data `chartShape`); it is rebuilt
// when they change or the theme does. Times are shown in UTC (see the
// README): the examples' instants are UTC and a shared link must read
// the same everywhere.

import uPlot from 'uplot';
import { currentState, formatInstant, formatPercent, formatRate } from '@slogate/view';
import { burnRateData, burndownData, chartShape, timelineData } from './chart-data.js';

export const TIME_ZONE = 'UTC';
const HEIGHT = 220;

/** The theme's colours, read from the page's CSS custom properties. */
function palette() {
  const css = getComputedStyle(document.documentElement);
  const v = (name) => css.getPropertyValue(name).trim();
  return {
    text: v('--pg-text'),
    muted: v('--pg-muted'),
    grid: v('--pg-grid'),
    ok: v('--pg-ok'),
    warn: v('--pg-warn'),
    critical: v('--pg-critical'),
    line: v('--pg-accent'),
    threshold: v('--pg-threshold'),
    windows: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => v(`--pg-series-${i}`)),
    // uPlot scales axis fonts by the pixel ratio itself; `canvasFont` is for
    // text this module draws on the canvas, in device pixels.
    font: '12px sans-serif',
    canvasFont: `${Math.round(12 * devicePixelRatio)}px sans-serif`,
  };
}

function axis(colors, extra = {}) {
  return {
    stroke: colors.muted,
    grid: { stroke: colors.grid, width: 1 },
    ticks: { stroke: colors.grid, width: 1 },
    font: colors.font,
    ...extra,
  };
}

/** Fills `[from, to]` (epoch ms) between canvas heights `top` and `top + height`. */
function fillRun(u, from, to, top, height) {
  const x0 = u.valToPos(from, 'x', true);
  const x1 = u.valToPos(to, 'x', true);
  const left = Math.max(u.bbox.left, Math.min(x0, x1));
  const right = Math.min(u.bbox.left + u.bbox.width, Math.max(x0, x1));
  if (right > left) u.ctx.fillRect(left, top, right - left, height);
}

const severityColor = (colors, severity) => colors[severity] ?? colors.critical;

/** The point the legend shows: the cursor's, or the last (now) while the cursor is off the chart. */
const legendIndex = (u, idx) => (idx === null || idx === undefined ? u.data[0].length - 1 : idx);

/**
 * A `value` formatter for uPlot's legend: never NaN; "no data" for a gap
 * under the cursor; the value now while the cursor is off the chart.
 */
const legendValue = (format) => (u, v, seriesIdx, idx) => {
  const at = legendIndex(u, idx);
  const value = at < 0 ? null : u.data[seriesIdx][at];
  return value === null || value === undefined ? 'no data' : format(value);
};
/** The legend's time: "Fri 14:05" near the window's end, with the date further back. */
const legendTime = (window) => (u, v, seriesIdx, idx) => {
  const at = legendIndex(u, idx);
  return at < 0 ? '' : formatInstant(u.data[0][at], { timeZone: TIME_ZONE, reference: window().end });
};

const timeOptions = {
  ms: 1,
  tzDate: (ts) => uPlot.tzDate(new Date(ts), TIME_ZONE === 'UTC' ? 'Etc/UTC' : TIME_ZONE),
};

export class Charts {
  #root;
  #figures;
  #plots = { burndown: null, burn: null, timeline: null };
  #shape = null;
  #current = null;
  #resize;

  /** `root`: the element holding three `<figure data-chart=…>` with a `.plot` and a `figcaption`. */
  constructor(root) {
    this.#root = root;
    this.#figures = {
      burndown: root.querySelector('[data-chart="burndown"]'),
      burn: root.querySelector('[data-chart="burn"]'),
      timeline: root.querySelector('[data-chart="timeline"]'),
    };
    this.#resize = new ResizeObserver(() => this.#fit());
    this.#resize.observe(root);
  }

  /** Draws `slo` of a report with `levels`; `null` clears nothing (keeps the last). */
  update(slo, levels) {
    if (slo === null) return;
    const burndown = burndownData(slo, levels);
    const burn = burnRateData(slo);
    const rows = timelineData(slo, levels);
    this.#current = { burndown, burn, rows };
    const shape = `${chartShape(slo, burn)}|${rows.rows.length}`;
    if (shape !== this.#shape || this.#plots.burndown === null) {
      this.#shape = shape;
      this.#rebuild();
    } else {
      this.#plots.burndown.setData(burndown.data);
      this.#plots.burn.setData(burn.data);
      this.#plots.timeline.setData([[rows.window.start, rows.window.end]]);
    }
    this.#captions(slo, levels);
  }

  /** Rebuilds with the theme's colours (after a theme change). */
  restyle() {
    if (this.#current) this.#rebuild();
  }

  #rebuild() {
    for (const key of Object.keys(this.#plots)) {
      this.#plots[key]?.destroy();
      this.#plots[key] = null;
    }
    const colors = palette();
    const width = this.#width();
    const { burndown, burn, rows } = this.#current;
    const current = () => this.#current;
    this.#plots.burndown = new uPlot(burndownOptions(colors, width, current), burndown.data, this.#plot('burndown'));
    this.#plots.burn = new uPlot(burnOptions(colors, width, current, burn), burn.data, this.#plot('burn'));
    this.#plots.timeline = new uPlot(
      timelineOptions(colors, width, current, rows.rows.length),
      [[rows.window.start, rows.window.end]],
      this.#plot('timeline'),
    );
    this.#figures.burn.querySelector('.note').hidden = burn.available;
  }

  #plot(name) {
    const plot = this.#figures[name].querySelector('.plot');
    plot.replaceChildren();
    return plot;
  }

  #width() {
    return Math.max(320, this.#figures.burndown.querySelector('.plot').clientWidth || this.#root.clientWidth);
  }

  #fit() {
    const width = this.#width();
    for (const [name, plot] of Object.entries(this.#plots)) {
      if (plot && plot.width !== width) plot.setSize({ width, height: name === 'timeline' ? plot.height : HEIGHT });
    }
  }

  /** Text for each chart: what it shows now, for readers who cannot see it. */
  #captions(slo, levels) {
    const { burndown, burn } = this.#current;
    const remaining = burndown.data[1];
    const first = remaining.find((v) => v !== null) ?? null;
    const last = remaining.findLast((v) => v !== null) ?? null;
    setText(this.#figures.burndown, '.summary',
      `Budget left over the window: ${formatPercent(first === null ? null : first / 100)} at its first point, ${formatPercent(last === null ? null : last / 100)} now. Shading: the level at each point.`);
    const now = burn.windows.map((w) => `${w} ${formatRate(slo.burnRates[w] ?? null)}`).join(', ');
    const lines = burn.thresholds.map((l) => l.label).join('; ');
    setText(this.#figures.burn, '.summary',
      burn.available
        ? `Burn rate now: ${now || 'no alert windows'}. Thresholds: ${lines || 'none (no alerts)'}.`
        : `This report carries no burn rates over time. Burn rate now: ${now}. Thresholds: ${lines || 'none'}.`);
    setText(this.#figures.timeline, '.summary', `${currentState(slo, levels, { timeZone: TIME_ZONE }).text}.`);
  }
}

function setText(figure, selector, text) {
  const el = figure.querySelector(selector);
  if (el.textContent !== text) el.textContent = text;
}

function burndownOptions(colors, width, current) {
  return {
    ...timeOptions,
    width,
    height: HEIGHT,
    scales: {
      x: { time: true, range: () => windowOf(current().burndown.window) },
      y: {
        range: (u, min, max) => [Math.min(0, min ?? 0), Math.max(100, max ?? 100)],
      },
    },
    axes: [axis(colors), axis(colors, { label: '% of budget left', labelFont: colors.font, values: (u, vals) => vals.map((v) => `${v}%`) })],
    series: [
      { label: 'at', value: legendTime(() => current().burndown.window) },
      {
        label: 'budget left',
        stroke: colors.line,
        width: 2,
        value: legendValue((v) => formatPercent(v / 100)),
      },
    ],
    hooks: {
      drawClear: [
        (u) => {
          const { ctx } = u;
          ctx.save();
          ctx.globalAlpha = 0.18;
          for (const s of current().burndown.segments) {
            ctx.fillStyle = severityColor(colors, s.severity);
            fillRun(u, s.from, s.to, u.bbox.top, u.bbox.height);
          }
          ctx.restore();
        },
      ],
      draw: [
        (u) => {
          // The line where the budget runs out.
          const y = u.valToPos(0, 'y', true);
          const { ctx } = u;
          ctx.save();
          ctx.strokeStyle = colors.critical;
          ctx.setLineDash([4, 4]);
          ctx.beginPath();
          ctx.moveTo(u.bbox.left, y);
          ctx.lineTo(u.bbox.left + u.bbox.width, y);
          ctx.stroke();
          ctx.restore();
        },
      ],
    },
  };
}

function burnOptions(colors, width, current, burn) {
  const windows = burn.windows.map((w, i) => ({
    label: `burn rate ${w}`,
    stroke: colors.windows[i % colors.windows.length],
    width: 1.5,
    value: legendValue(formatRate),
  }));
  // Thresholds: one colour, told apart by their dashes (and the legend).
  const dashes = [[6, 4], [2, 3], [10, 3, 2, 3], [1, 4]];
  const thresholds = burn.thresholds.map((l, i) => ({
    label: l.label,
    stroke: colors.threshold,
    width: 1.25,
    dash: dashes[i % dashes.length],
    points: { show: false },
    value: legendValue(formatRate),
  }));
  return {
    ...timeOptions,
    width,
    height: HEIGHT,
    scales: {
      x: { time: true, range: () => windowOf(current().burn.window) },
      // asinh: linear near 0, logarithmic far from it — a burn rate of 0, the
      // thresholds (~1–15) and an outage's 1,000 all stay readable.
      y: { distr: 4, asinh: 1, range: (u, min, max) => [0, Math.max(1, max ?? 1) * 1.6] },
    },
    axes: [
      axis(colors),
      axis(colors, {
        label: 'burn rate (× budget pace)',
        labelFont: colors.font,
        splits: (u, axisIdx, min, max) => burnTicks(max),
      }),
    ],
    series: [{ label: 'at', value: legendTime(() => current().burn.window) }, ...windows, ...thresholds],
  };
}

function timelineOptions(colors, width, current, rowCount) {
  const rowHeight = 26;
  return {
    ...timeOptions,
    width,
    height: rowCount * rowHeight + 56,
    legend: { show: false },
    cursor: { y: false },
    scales: {
      x: { time: true, range: () => windowOf(current().rows.window) },
      rows: { auto: false, range: [0, rowCount] },
    },
    axes: [
      axis(colors),
      axis(colors, {
        scale: 'rows',
        // Wide enough for the longest row name (alert names run long).
        size: (u, values) => {
          if (!values) return 60;
          u.ctx.font = colors.canvasFont;
          const widest = Math.max(...values.map((v) => u.ctx.measureText(v).width)) / devicePixelRatio;
          return Math.min(Math.ceil(widest) + 24, Math.round(u.width * 0.4));
        },
        grid: { show: false },
        ticks: { show: false },
        splits: () => Array.from({ length: rowCount }, (_, i) => i + 0.5),
        // Row 0 (the level) on top.
        values: (u, splits) => splits.map((s) => current().rows.rows[rowCount - 1 - Math.floor(s)]?.label ?? ''),
      }),
    ],
    series: [{}],
    hooks: {
      draw: [
        (u) => {
          const { ctx } = u;
          const { rows } = current().rows;
          ctx.save();
          ctx.font = colors.canvasFont;
          ctx.textAlign = 'left';
          ctx.textBaseline = 'middle';
          rows.forEach((row, i) => {
            const top = u.valToPos(rowCount - i, 'rows', true);
            const bottom = u.valToPos(rowCount - i - 1, 'rows', true);
            const height = bottom - top - 4 * devicePixelRatio;
            for (const run of row.runs) {
              ctx.fillStyle = severityColor(colors, run.severity);
              ctx.globalAlpha = i === 0 ? 0.55 : 0.75;
              fillRun(u, run.from, run.to, top + 2 * devicePixelRatio, height);
            }
            // Each level's name once per stretch at that level (segments
            // split where reasons or alerts change), where it fits.
            if (i !== 0) return;
            ctx.globalAlpha = 1;
            ctx.fillStyle = colors.text;
            let k = 0;
            while (k < row.runs.length) {
              let j = k;
              while (j + 1 < row.runs.length && row.runs[j + 1].text === row.runs[k].text) j += 1;
              const x0 = Math.max(u.bbox.left, u.valToPos(row.runs[k].from, 'x', true));
              const x1 = Math.min(u.bbox.left + u.bbox.width, u.valToPos(row.runs[j].to, 'x', true));
              const label = row.runs[k].text;
              if (x1 - x0 > ctx.measureText(label).width + 8 * devicePixelRatio) {
                ctx.fillText(label, x0 + 4 * devicePixelRatio, (top + bottom) / 2);
              }
              k = j + 1;
            }
          });
          ctx.restore();
        },
      ],
    },
  };
}

/**
 * Ticks for the asinh burn-rate axis: 0, then 1-2-5 steps up to `max`, or
 * decades alone when the range spans more than three (uPlot's own splits
 * crowd near the top on this scale).
 */
export function burnTicks(max) {
  const ticks = [0];
  const steps = max > 1000 ? [1] : [1, 2, 5];
  for (let decade = 1; decade <= max; decade *= 10) {
    for (const step of steps) if (step * decade <= max) ticks.push(step * decade);
  }
  return ticks;
}

function windowOf(w) {
  // A zero-length window still needs a range to draw.
  return w.end > w.start ? [w.start, w.end] : [w.start - 1, w.end + 1];
}
