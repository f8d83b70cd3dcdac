// loss-chart.js: the losses of D and G per epoch (Chart.js), y from 0 to 2 like the chapter's figure,
// with labelled reference lines at the equilibrium values: loss_D = 2·ln 2 (D outputs ½ everywhere)
// and loss_G = ln 2. The min-max generator loss, log(1 − D(G(L))), is negative (−ln 2 at equilibrium):
// then the y axis reaches down to −1. Input: DecimatedSeries lossD and lossG (bounded in size).

import { fixed } from '../format.js';
import { baseOptions, chartLib, chartPng, referenceLines, whiteBackground } from './chart-common.js';
import { COLORS, alpha } from './palette.js';

const REFERENCES = Object.freeze([
  { value: 2 * Math.LN2, label: 'D at equilibrium: 2·ln 2 ≈ 1.386', color: COLORS.d },
  { value: Math.LN2, label: 'G at equilibrium: ln 2 ≈ 0.693', color: COLORS.g },
]);
const MINIMAX_REFERENCES = Object.freeze([
  REFERENCES[0],
  { value: -Math.LN2, label: 'G at equilibrium: ln ½ ≈ −0.693', color: COLORS.g },
]);

/** The y axis's lower end and the equilibrium references for a generator loss (gLoss): the min-max
 * loss is negative. The ensemble's chart (many/loss-bands.js) follows the same scale. */
export const lossScale = (gLoss) => (gLoss === 'minimax' ? { min: -1, references: MINIMAX_REFERENCES }
  : { min: 0, references: REFERENCES });

export function createLossChart(canvas) {
  const Chart = chartLib();
  const band = (series, color) => [
    { label: `${series} max`, data: [], borderWidth: 0, pointRadius: 0, fill: false, band: true },
    { label: `${series} min`, data: [], borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: alpha(color, 0.18),
      band: true },
  ];
  const line = (label, color) => ({
    label, data: [], borderColor: color, backgroundColor: color, borderWidth: 1.5, pointRadius: 0, fill: false,
  });
  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      datasets: [
        ...band('D', COLORS.d),
        line('Discriminator loss', COLORS.d),
        ...band('G', COLORS.g),
        line('Generator loss', COLORS.g),
      ],
    },
    options: {
      ...baseOptions(),
      normalized: true,
      spanGaps: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: { type: 'linear', min: 0, max: 10000, title: { display: true, text: 'Epoch' },
          ticks: { maxTicksLimit: 6 }, grid: { color: COLORS.grid } },
        y: { min: 0, max: 2, title: { display: true, text: 'Loss' }, ticks: { stepSize: 0.5 },
          grid: { color: COLORS.grid } },
      },
      plugins: {
        legend: { position: 'top', align: 'start',
          labels: { boxWidth: 18, boxHeight: 2, filter: (item, data) => !data.datasets[item.datasetIndex].band } },
        tooltip: {
          filter: (item) => !item.dataset.band,
          callbacks: {
            title: (items) => (items.length ? `Epoch ${Math.round(items[0].parsed.x)}` : ''),
            label: (item) => `${item.dataset.label}: ${fixed(item.parsed.y)}`,
          },
        },
        referenceLines: { lines: REFERENCES },
      },
    },
    plugins: [whiteBackground, referenceLines],
  });

  let minimax = null;
  return {
    chart,
    /** frame: {target, options: {gLoss}, series: {lossD, lossG}} (DecimatedSeries). */
    update(frame) {
      const { lossD: d, lossG: g } = frame.series;
      const sets = chart.data.datasets;
      // The series mutate their arrays in place and replace them when they merge: re-attach each time.
      sets[0].data = d.max;
      sets[1].data = d.min;
      sets[2].data = d.mean;
      sets[3].data = g.max;
      sets[4].data = g.min;
      sets[5].data = g.mean;
      const mm = frame.options.gLoss === 'minimax';
      if (mm !== minimax) {
        minimax = mm;
        const scale = lossScale(frame.options.gLoss);
        chart.options.scales.y.min = scale.min;
        chart.options.plugins.referenceLines.lines = scale.references;
        sets[5].label = mm ? 'Generator loss (min-max)' : 'Generator loss';
      }
      chart.options.scales.x.max = frame.target;
      chart.update('none');
    },
    png: () => chartPng(chart),
  };
}
