// profiles-chart.js: the images as the chapter draws them — each image is a profile, node value on x
// and node index 1…N on y — the real set and the generator's current fakes, overlaid (Chart.js).
// Input: plain arrays of rows. One dataset per set, rows separated by gaps (NaN points). With fresh
// real data the real set shown is the batch of the latest discriminator step.

import { baseOptions, chartLib, chartPng, whiteBackground } from './chart-common.js';
import { COLORS, alpha } from './palette.js';
import { extent, profileRange } from './profile-range.js';
import { precise } from '../format.js';

/** Points of a set of profiles for one Chart.js line dataset: row after row, a NaN gap between rows. */
export function profilePoints(rows) {
  const out = [];
  for (const row of rows) {
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      out.push(Number.isFinite(v) ? { x: v, y: j + 1 } : { x: NaN, y: NaN });
    }
    out.push({ x: NaN, y: NaN });
  }
  return out;
}

export function createProfilesChart(canvas) {
  const Chart = chartLib();
  const set = (label, color) => ({
    label,
    data: [],
    borderColor: alpha(color, 0.35),
    backgroundColor: alpha(color, 0.85),
    pointBorderColor: '#1f2328',
    pointBorderWidth: 0.6,
    pointRadius: 2.5,
    borderWidth: 1.2,
    spanGaps: false,
    fill: false,
  });
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets: [set('Real images', COLORS.real), set('Fakes now', COLORS.fake)] },
    options: {
      ...baseOptions(),
      parsing: true, // rows are separated by NaN points, so the data is not sorted by x: let Chart.js see that
      events: [],
      scales: {
        x: { type: 'linear', title: { display: true, text: 'Value' }, grid: { color: COLORS.grid },
          ticks: { maxTicksLimit: 7 } },
        y: { type: 'linear', min: 0.7, max: 3.3, title: { display: true, text: 'Node' },
          ticks: { stepSize: 1, callback: (v) => (Number.isInteger(v) ? v : '') }, grid: { color: COLORS.grid } },
      },
      plugins: {
        legend: { position: 'top', align: 'start', labels: { boxWidth: 18, boxHeight: 2 } },
        tooltip: { enabled: false },
      },
    },
    plugins: [whiteBackground],
  });

  let run = null;
  let realShown = null;
  let range = null; // sticky within a run: widens to show the fakes, never jumps back and forth
  return {
    chart,
    /** frame: {run, real: rows, realNow: rows (this epoch's batch), fakes: rows, nodes, options, latent}. */
    update(frame) {
      const sets = chart.data.datasets;
      const fresh = frame.options.real === 'fresh';
      if (frame.run !== run) {
        run = frame.run;
        range = null;
        chart.options.scales.y.max = frame.nodes + 0.3;
      }
      if (realShown !== frame.realNow) {
        realShown = frame.realNow;
        sets[0].data = profilePoints(frame.realNow);
        sets[0].label = fresh ? `Real images: this step’s fresh batch (${frame.realNow.length})`
          : `Real images (${frame.realNow.length})`;
      }
      sets[1].data = profilePoints(frame.fakes);
      // the range follows the run's first real batch: a fresh batch each step would make it jitter
      const r = profileRange(frame.real, frame.realNow, frame.fakes);
      range = range ? [Math.min(range[0], r[0]), Math.max(range[1], r[1])] : r;
      // fakes that have run far away (a run blowing up) leave the axis: the legend says where they are
      // (in place of the latents, so that the label stays short enough for a phone's legend)
      const e = extent(frame.fakes);
      sets[1].label = !e || (e[0] >= range[0] && e[1] <= range[1])
        ? `Fakes now (${frame.latent.count} latents, ${frame.latent.lo} to ${frame.latent.hi})`
        : `Fakes now: ${e[1] < range[0] || e[0] > range[1] ? '' : 'partly '}off the scale, ${precise(e[0], 3)} to ${precise(e[1], 3)}`;
      chart.options.scales.x.min = range[0];
      chart.options.scales.x.max = range[1];
      chart.update('none');
    },
    png: () => chartPng(chart),
  };
}
