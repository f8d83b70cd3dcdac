// chart-common.js: what both Chart.js views share. Chart.js is the UMD build loaded by a classic
// <script> (the global `Chart`); animations are off and every update is chart.update('none').

import { COLORS, alpha } from './palette.js';

export function chartLib() {
  const lib = globalThis.Chart;
  if (typeof lib !== 'function') throw new Error('Chart.js did not load (vendor/chart.umd.min.js)');
  return lib;
}

/** Paints the canvas white under the chart, so exported PNGs are not transparent. */
export const whiteBackground = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Options every chart of the page starts from. */
export function baseOptions() {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    events: ['mousemove', 'mouseout', 'click', 'touchstart', 'touchmove'],
    font: { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
    color: COLORS.ink,
  };
}

/** The chart as a PNG data URL (for the export buttons). */
export function chartPng(chart) {
  return chart.toBase64Image('image/png', 1);
}

/**
 * Horizontal reference lines with labels (options.plugins.referenceLines.lines: [{value, label, color}]),
 * drawn behind the data, labels at the left, so that no curve is ever hidden by them.
 */
export const referenceLines = {
  id: 'referenceLines',
  beforeDatasetsDraw(chart, _args, opts) {
    const { ctx, chartArea: a, scales } = chart;
    ctx.save();
    ctx.lineWidth = 1.5;
    ctx.setLineDash([6, 4]);
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    for (const r of opts.lines ?? []) {
      const y = Math.round(scales.y.getPixelForValue(r.value)) + 0.5;
      if (!(y >= a.top && y <= a.bottom)) continue;
      ctx.strokeStyle = alpha(r.color, 0.8);
      ctx.beginPath();
      ctx.moveTo(a.left, y);
      ctx.lineTo(a.right, y);
      ctx.stroke();
      ctx.fillStyle = r.color;
      ctx.fillText(r.label, a.left + 6, y - 4);
    }
    ctx.restore();
  },
};
