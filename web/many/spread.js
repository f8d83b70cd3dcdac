// spread.js: how the final how-close measure spreads over the seeds of an ensemble — a dot histogram
// (one dot per seed, stacked in bins), the median and the 10 % / 90 % quantiles marked, and the
// seeds that diverged counted in a column of their own. Each dot is a link that opens its seed's run
// in the trainer; the dots are one keyboard stop (←/→ move in order of value).

import { attachTip, svg } from './svg.js';
import { COLORS } from '../views/palette.js';
import { niceCeil } from './stats.js';
import { precise, whole } from '../format.js';

const W = 480;
const LEFT = 14;
const PLOT = 350; // width of the value axis
const DIV_X = LEFT + PLOT + 40; // the diverged column
const TOP = 40;
const PLOT_H = 120;
const H = TOP + PLOT_H + 44;
const BINS = 30;

export function createSpread(wrap, tip) {
  const svgEl = svg('svg', { class: 'spread-svg', viewBox: `0 0 ${W} ${H}`, role: 'group',
    'aria-label': 'Final how-close measure per seed: one link per seed; ←/→ move between seeds' });
  wrap.prepend(svgEl);
  let marks = [];
  let stop = 0;
  const tipper = attachTip(wrap, tip, 'a.seed', (a) => {
    const d = a.dataset;
    const lines = [`Seed ${d.seed}`];
    if (d.state === 'diverged') lines.push(`Diverged at epoch ${whole(Number(d.divergedAt))}.`);
    else lines.push(`How close after ${whole(Number(d.epochs))} epochs: ${precise(Number(d.value))}`);
    lines.push('Click to open this run in the trainer.');
    return lines;
  });

  /**
   * seeds: [{seed, result, href}] of the finished runs (in seed order); stats {p10, p50, p90} over
   * the finished, non-diverged ones; epochs: the target per seed; start: the measure where training
   * starts (drawn as a reference if it falls on the axis).
   */
  function update({ seeds, stats, epochs, start }) {
    const ok = seeds.filter((s) => !s.result.diverged);
    const bad = seeds.filter((s) => s.result.diverged);
    const values = ok.map((s) => s.result.final.w1Slope);
    // with no seed finished (every one diverged) the axis spans the start's measure, not a width of 0
    const top = niceCeil((values.length ? Math.max(...values, 1e-9) : Number.isFinite(start) ? start : 1) * 1.02);
    const x = (v) => LEFT + (Math.min(v, top) / top) * PLOT;
    const binW = PLOT / BINS;
    const bins = new Map();
    for (const s of ok) {
      const b = Math.min(BINS - 1, Math.floor((s.result.final.w1Slope / top) * BINS));
      if (!bins.has(b)) bins.set(b, []);
      bins.get(b).push(s);
    }
    const tallest = Math.max(1, bad.length, ...[...bins.values()].map((b) => b.length));
    const dia = Math.min(binW, PLOT_H / tallest);
    const r = Math.max(1.2, dia / 2 - 0.6);
    const base = TOP + PLOT_H;
    const kids = [];

    // axis
    kids.push(svg('line', { x1: LEFT, y1: base + 0.5, x2: LEFT + PLOT, y2: base + 0.5, class: 'axis' }));
    for (let i = 0; i <= 4; i++) {
      const v = (top * i) / 4;
      kids.push(svg('line', { x1: x(v), y1: base, x2: x(v), y2: base + 5, class: 'tick' }),
        svg('text', { x: x(v), y: base + 18, 'text-anchor': i === 0 ? 'start' : 'middle' }, [precise(v, 3)]));
    }
    kids.push(svg('text', { x: LEFT + PLOT / 2, y: base + 38, 'text-anchor': 'middle', class: 'axis-title' },
      ['how close at the end (0 = as the real images)']));

    // quantiles: median on the first label row, 10 % and 90 % on the second
    const q = [['10 %', stats.p10, 'q'], ['median', stats.p50, 'median'], ['90 %', stats.p90, 'q']];
    if (values.length) {
      for (const [name, v, cls] of q) {
        const px = x(v);
        const row = name === 'median' ? 12 : 28;
        const anchor = name === '10 %' ? 'end' : name === '90 %' ? 'start' : 'middle';
        const dx = name === '10 %' ? -3 : name === '90 %' ? 3 : 0;
        kids.push(svg('line', { x1: px, y1: row + 3, x2: px, y2: base, class: `quantile ${cls}` }),
          svg('text', { x: px + dx, y: row, 'text-anchor': anchor, class: `q-label ${cls}` },
            [name === 'median' ? `median ${precise(v, 3)}` : name]));
      }
    }
    if (Number.isFinite(start) && start <= top) {
      kids.push(svg('line', { x1: x(start), y1: TOP, x2: x(start), y2: base, class: 'start' }),
        svg('text', { x: x(start) - 3, y: TOP + 10, 'text-anchor': 'end', class: 'hint' }, ['start']));
    }

    // dots
    marks = [];
    for (const [b, list] of bins) {
      list.forEach((s, k) => {
        const cx = LEFT + (b + 0.5) * binW;
        const cy = base - (k + 0.5) * dia;
        marks.push(link(s, epochs, svg('circle', { cx, cy, r, fill: COLORS.g })));
      });
    }
    marks.sort((a, b) => Number(a.dataset.value) - Number(b.dataset.value) || Number(a.dataset.order) - Number(b.dataset.order));

    // diverged column
    kids.push(svg('line', { x1: DIV_X - 6, y1: TOP - 8, x2: DIV_X - 6, y2: base + 20, class: 'sep' }),
      svg('text', { x: DIV_X + 32, y: base + 18, 'text-anchor': 'middle' }, ['diverged']),
      svg('text', { x: DIV_X + 32, y: base + 34, 'text-anchor': 'middle', class: 'diverged-count' }, [`${bad.length} of ${seeds.length}`]));
    bad.forEach((s, k) => {
      const cx = DIV_X + 32;
      const cy = base - (k + 0.5) * dia;
      const h = Math.max(1.5, r);
      marks.push(link(s, epochs, svg('path', { d: `M${cx - h} ${cy - h} L${cx + h} ${cy + h} M${cx + h} ${cy - h} L${cx - h} ${cy + h}`,
        class: 'cross' })));
    });
    stop = Math.min(stop, Math.max(0, marks.length - 1));
    marks.forEach((m, i) => m.setAttribute('tabindex', i === stop ? '0' : '-1'));
    svgEl.replaceChildren(...kids, ...marks);
    tipper.hide();
  }

  function link(s, epochs, shape) {
    const a = svg('a', { class: 'seed', href: s.href, 'data-seed': s.seed, 'data-order': s.index, 'data-epochs': epochs,
      'data-state': s.result.diverged ? 'diverged' : 'done' }, [shape]);
    if (s.result.diverged) a.dataset.divergedAt = String(s.result.divergedAt);
    else a.dataset.value = String(s.result.final.w1Slope);
    a.setAttribute('aria-label', s.result.diverged ? `Seed ${s.seed}: diverged at epoch ${s.result.divergedAt}`
      : `Seed ${s.seed}: how close ${precise(s.result.final.w1Slope)}`);
    return a;
  }

  svgEl.addEventListener('keydown', (e) => {
    const a = e.target.closest?.('a.seed');
    if (!a) return;
    const i = marks.indexOf(a);
    const to = { ArrowLeft: i - 1, ArrowRight: i + 1, ArrowDown: i - 1, ArrowUp: i + 1, Home: 0, End: marks.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const j = Math.min(marks.length - 1, Math.max(0, to));
    marks[stop]?.setAttribute('tabindex', '-1');
    stop = j;
    marks[j].setAttribute('tabindex', '0');
    marks[j].focus();
  });

  return { update, clear: () => { svgEl.replaceChildren(); marks = []; } };
}
