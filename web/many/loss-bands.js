// loss-bands.js: the ensemble's losses over epochs (Chart.js) — per loss the median over the seeds as
// a line and the 10–90 % band shaded, on the trainer's loss scale with its equilibrium references
// (loss_D = 2·ln 2, loss_G = ln 2, or ln ½ for the min-max generator loss).

import { baseOptions, chartLib, chartPng, whiteBackground } from '../views/chart-common.js';
import { fixed } from '../format.js';
import { lossScale } from '../views/loss-chart.js';
import { COLORS, alpha } from '../views/palette.js';

const points = (x, y) => {
  const out = [];
  for (let k = 0; k < y.length; k++) if (Number.isFinite(y[k])) out.push({ x: x[k], y: y[k] });
  return out;
};

export function createLossBands(canvas) {
  const Chart = chartLib();
  const band = (who, color) => [
    { label: `${who} 10 %`, data: [], borderWidth: 0, pointRadius: 0, fill: false, band: true },
    { label: `${who} 90 %`, data: [], borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: alpha(color, 0.2), band: true },
    { label: `${who} loss, median`, data: [], borderColor: color, backgroundColor: color, borderWidth: 1.8, pointRadius: 0,
      fill: false },
  ];
  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      // Where a discriminator that says ½ to everything puts the losses: dashed lines, named in the
      // legend (labels on the chart would collide with the curves wherever they cross).
      datasets: [...band('Discriminator', COLORS.d), ...band('Generator', COLORS.g), ...lossScale().references.map((r) => ({
        label: r.label, data: [], borderColor: alpha(r.color, 0.75), backgroundColor: alpha(r.color, 0.75), borderWidth: 1.2,
        borderDash: [6, 4], pointRadius: 0, fill: false, reference: r.value }))],
    },
    options: {
      ...baseOptions(),
      normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: { type: 'linear', min: 0, max: 10000, title: { display: true, text: 'Epoch' }, ticks: { maxTicksLimit: 6 },
          grid: { color: COLORS.grid } },
        y: { min: 0, suggestedMax: 2, title: { display: true, text: 'Loss' }, grid: { color: COLORS.grid } },
      },
      plugins: {
        legend: { position: 'top', align: 'start',
          labels: { boxWidth: 18, boxHeight: 2, filter: (item, data) => !data.datasets[item.datasetIndex].band } },
        tooltip: {
          filter: (item) => item.dataset.reference === undefined,
          callbacks: {
            title: (items) => (items.length ? `Epochs around ${Math.round(items[0].parsed.x)}` : ''),
            label: (item) => `${item.dataset.label}: ${fixed(item.parsed.y)}`,
          },
        },
      },
    },
    plugins: [whiteBackground],
  });

  return {
    chart,
    /** x: block centres (epochs); d, g: {p10, p50, p90} per block; epochs: the target; gLoss: the
     * generator loss, which sets the scale. */
    update({ x, d, g, epochs, gLoss }) {
      const s = chart.data.datasets;
      [d.p10, d.p90, d.p50, g.p10, g.p90, g.p50].forEach((y, i) => {
        s[i].data = points(x, y);
      });
      const scale = lossScale(gLoss);
      scale.references.forEach((r, i) => {
        Object.assign(s[6 + i], { label: r.label, reference: r.value, data: [{ x: 0, y: r.value }, { x: epochs, y: r.value }] });
      });
      chart.options.scales.y.min = scale.min;
      chart.options.scales.x.max = epochs;
      chart.update('none');
    },
    clear() {
      for (const s of chart.data.datasets) s.data = [];
      chart.update('none');
    },
    png: () => chartPng(chart),
  };
}
