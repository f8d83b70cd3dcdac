// measures-chart.js: the per-epoch measures the C core records, as two Chart.js charts.
//  - "How close are the fakes?": W1 between the slopes of the real images and of the generator's
//    profiles, and the gaps in per-node mean and standard deviation. A log axis: these fall by orders
//    of magnitude when training works, and climb by hundreds of them when it diverges (clipped at 1000).
//  - "What the discriminator sees": mean D(real), mean D(fake) and its accuracy, from 0 to 1, with
//    the undecided ½ dashed.
// Input: DecimatedSeries per measure (bounded, like the loss chart) and the run's target.

import { baseOptions, chartLib, referenceLines, whiteBackground } from './chart-common.js';
import { COLORS } from './palette.js';

// Okabe–Ito hues not used elsewhere on the page, for the three distances.
const CLOSE = Object.freeze([
  { key: 'w1Slope', label: 'W1 of slopes', color: '#009E73' },
  { key: 'meanGap', label: 'Mean gap', color: '#CC79A7' },
  { key: 'sdGap', label: 'SD gap', color: '#E69F00', dash: [5, 3] },
]);
// D's view in the page's own colours: real grey, fakes blue, the discriminator vermillion.
const VIEW = Object.freeze([
  { key: 'dReal', label: 'Mean D(real)', color: COLORS.real },
  { key: 'dFake', label: 'Mean D(fake)', color: COLORS.fake },
  { key: 'accuracy', label: 'Accuracy', color: COLORS.d, dash: [5, 3] },
]);

const LOG_MIN = 1e-4;
const LOG_MAX = 1e3;

function lines(specs) {
  return specs.map((s) => ({ label: s.label, data: [], borderColor: s.color, backgroundColor: s.color,
    borderWidth: 1.5, borderDash: s.dash ?? [], pointRadius: 0, fill: false, key: s.key }));
}

function options(y, yTitle) {
  return {
    ...baseOptions(),
    normalized: true,
    spanGaps: true,
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    scales: {
      x: { type: 'linear', min: 0, max: 10000, title: { display: true, text: 'Epoch' }, ticks: { maxTicksLimit: 6 },
        grid: { color: COLORS.grid } },
      y: { ...y, title: { display: true, text: yTitle }, grid: { color: COLORS.grid } },
    },
    plugins: {
      legend: { position: 'top', align: 'start', labels: { boxWidth: 18, boxHeight: 2 } },
      tooltip: {
        callbacks: {
          title: (items) => (items.length ? `Epoch ${Math.round(items[0].parsed.x)}` : ''),
          label: (item) => `${item.dataset.label}: ${item.parsed.y.toPrecision(4)}`,
        },
      },
    },
  };
}

// The smallest and largest finite mean point of the series, for the log axis's range.
function extent(series, keys) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const k of keys) {
    for (const p of series[k].mean) {
      if (p.y > 0 && p.y < lo) lo = p.y;
      if (p.y > hi && Number.isFinite(p.y)) hi = p.y;
    }
  }
  return [lo, hi];
}

const decade = (v, round) => 10 ** round(Math.log10(v));

// Log axis labels at 0.001, 0.01, 0.1, 1, 10 … only (Chart.js also ticks 2, 3, … 9 times each).
function powerOfTen(v) {
  const e = Math.log10(v);
  return Math.abs(e - Math.round(e)) < 1e-9 ? String(Number(v.toPrecision(1))) : '';
}

export function createMeasuresCharts(closeCanvas, viewCanvas) {
  const Chart = chartLib();
  const close = new Chart(closeCanvas, {
    type: 'line',
    data: { datasets: lines(CLOSE) },
    options: options({ type: 'logarithmic', min: 0.01, max: 1, ticks: { callback: powerOfTen } }, 'Distance (log scale)'),
    plugins: [whiteBackground],
  });
  const view = new Chart(viewCanvas, {
    type: 'line',
    data: { datasets: lines(VIEW) },
    options: options({ min: 0, max: 1, ticks: { stepSize: 0.25 } }, 'D’s output · share right'),
    plugins: [whiteBackground, referenceLines],
  });
  view.options.plugins.referenceLines = { lines: [{ value: 0.5, label: 'undecided: ½', color: COLORS.muted }] };

  return {
    charts: [close, view],
    /** frame: {target, series: {w1Slope, meanGap, sdGap, dReal, dFake, accuracy}} (DecimatedSeries).
     * part: 'close' or 'view' redraws just that chart (the frame loop spreads its drawing at full
     * speed); by default both. */
    update(frame, part = null) {
      for (const chart of part === 'close' ? [close] : part === 'view' ? [view] : [close, view]) {
        for (const set of chart.data.datasets) set.data = frame.series[set.key].mean; // re-attached: see loss-chart.js
        chart.options.scales.x.max = frame.target;
      }
      if (part !== 'view') {
        const [lo, hi] = extent(frame.series, CLOSE.map((s) => s.key));
        const y = close.options.scales.y;
        y.min = lo <= hi ? Math.min(0.01, Math.max(LOG_MIN, decade(lo, Math.floor))) : 0.01;
        y.max = lo <= hi ? Math.max(1, Math.min(LOG_MAX, decade(hi, Math.ceil))) : 1;
        close.update('none');
      }
      if (part !== 'close') view.update('none');
    },
  };
}
