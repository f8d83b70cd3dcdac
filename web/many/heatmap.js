// heatmap.js: the stability map — one cell per (η_G, η_D), coloured by the final how-close measure
// (viridis, bright = close), diverged cells hatched and crossed, with a legend. Every cell is a link
// that opens its run in the trainer page; the grid is one keyboard stop (arrow keys move between
// cells, Enter opens one) and each cell shows a tooltip on hover and on focus.

import { attachTip, subscripted, svg } from './svg.js';
import { MARKS, closeness, viridis } from './colors.js';
import { fixed, precise, whole } from '../format.js';

const GRID = 360; // the grid's side, in SVG units
const LEFT = 74;
const TOP = 10;
const BOTTOM = 50;
const RIGHT = 12;

const fmtRate = (v) => (v >= 0.001 && v < 1000 ? String(v) : v.toExponential());
const decadeLabel = (p) => (p >= -3 && p <= 2 ? String(10 ** p >= 1 ? 10 ** p : Number((10 ** p).toFixed(-p))) : `1e${p}`);

export function createHeatmap(wrap, tip, legend) {
  let cells = [];
  let n = 0;
  let top = 1;
  let focusIndex = 0;
  const svgEl = svg('svg', { class: 'heatmap-svg', role: 'group',
    'aria-label': 'Stability map: one link per cell; the arrow keys move between cells, Enter opens one in the trainer' });
  wrap.prepend(svgEl);
  const tipper = attachTip(wrap, tip, 'a.cell', (a) => describe(a));

  function describe(a) {
    const d = a.dataset;
    const head = `η_G ${d.lrG} · η_D ${d.lrD}`;
    if (d.state === 'pending') return [head, 'Not trained yet.', 'Click to open this run in the trainer.'];
    if (d.state === 'diverged') {
      return [head, `Diverged at epoch ${whole(Number(d.divergedAt))}: the weights blew up.`,
        'Click to open this run in the trainer.'];
    }
    return [head, `How close: ${precise(Number(d.value))}`,
      `Final loss D ${fixed(Number(d.lossD))}, G ${fixed(Number(d.lossG))}`,
      'Click to open this run in the trainer.'];
  }

  function label(a) {
    a.setAttribute('aria-label', describe(a).join(' ').replace(/η_([GD])/g, 'η $1'));
  }

  /**
   * A new, empty grid. ratesG (columns, left to right) and ratesD (rows, bottom to top); hrefFor(g, d)
   * the link of a cell; mark {lrG, lrD}: where to draw the configuration's own rates (or null);
   * `scaleTop`: the how-close value drawn darkest.
   */
  function layout({ ratesG, ratesD, hrefFor, mark, scaleTop }) {
    n = ratesG.length;
    top = scaleTop;
    const cs = GRID / n;
    const W = LEFT + GRID + RIGHT;
    const H = TOP + GRID + BOTTOM;
    svgEl.setAttribute('viewBox', `0 0 ${W} ${H}`);
    const defs = svg('defs', {}, [
      svg('pattern', { id: 'many-hatch', width: 5, height: 5, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, [
        svg('rect', { width: 5, height: 5, fill: MARKS.divergedBg }),
        svg('line', { x1: 0, y1: 0, x2: 0, y2: 5, stroke: '#6e7781', 'stroke-width': 1.6 }),
      ]),
    ]);
    cells = [];
    const rows = [];
    for (let d = n - 1; d >= 0; d--) {
      const row = svg('g');
      for (let g = 0; g < n; g++) {
        const x = LEFT + g * cs;
        const y = TOP + (n - 1 - d) * cs;
        const a = svg('a', { class: 'cell', href: hrefFor(g, d), tabindex: -1,
          'data-lr-g': ratesG[g], 'data-lr-d': ratesD[d], 'data-state': 'pending' }, [
          svg('rect', { x: x + 0.5, y: y + 0.5, width: cs - 1, height: cs - 1, fill: MARKS.pending }),
        ]);
        a.dataset.index = String(d * n + g);
        label(a);
        cells[d * n + g] = a;
        row.append(a);
      }
      rows.push(row);
    }
    focusIndex = Math.min(focusIndex, n * n - 1);
    cells[focusIndex].setAttribute('tabindex', '0');

    // axes: decades where they fall on the log scale (cell centres are log-spaced)
    const a0 = Math.log10(ratesG[0]);
    const a1 = Math.log10(ratesG[n - 1]);
    const pos = (v) => (n === 1 || a1 === a0 ? 0.5 : 0.5 + ((n - 1) * (Math.log10(v) - a0)) / (a1 - a0)) * cs;
    const ticks = [];
    for (let p = Math.ceil(a0 - 1e-9); p <= Math.floor(a1 + 1e-9); p++) ticks.push(10 ** p);
    if (ticks.length < 2) ticks.splice(0, ticks.length, ratesG[0], ratesG[n - 1]);
    const tickText = (v) => {
      const p = Math.round(Math.log10(v));
      return Math.abs(10 ** p - v) < 1e-12 * v ? decadeLabel(p) : fmtRate(v);
    };
    const axes = svg('g', { class: 'axes', 'aria-hidden': 'true' });
    for (const v of ticks) {
      const x = LEFT + pos(v);
      const y = TOP + GRID - pos(v);
      axes.append(
        svg('line', { x1: x, y1: TOP + GRID, x2: x, y2: TOP + GRID + 5, class: 'tick' }),
        svg('text', { x, y: TOP + GRID + 18, 'text-anchor': 'middle' }, [tickText(v)]),
        svg('line', { x1: LEFT - 5, y1: y, x2: LEFT, y2: y, class: 'tick' }),
        svg('text', { x: LEFT - 8, y: y + 4, 'text-anchor': 'end' }, [tickText(v)]),
      );
    }
    axes.append(
      svg('text', { x: LEFT + GRID / 2, y: TOP + GRID + 42, 'text-anchor': 'middle', class: 'axis-title' },
        subscripted('η_G  generator learning rate →')),
      svg('text', { x: 16, y: TOP + GRID / 2, 'text-anchor': 'middle', class: 'axis-title',
        transform: `rotate(-90 16 ${TOP + GRID / 2})` }, subscripted('η_D  discriminator learning rate →')),
    );
    const marks = svg('g', { class: 'marks', 'aria-hidden': 'true' });
    const inRange = mark && mark.lrG >= ratesG[0] && mark.lrG <= ratesG[n - 1] && mark.lrD >= ratesD[0] && mark.lrD <= ratesD[n - 1];
    if (inRange) {
      const cx = LEFT + pos(mark.lrG);
      const cy = TOP + GRID - pos(mark.lrD);
      marks.append(svg('circle', { cx, cy, r: Math.max(4, cs * 0.32), class: 'own-halo' }),
        svg('circle', { cx, cy, r: Math.max(4, cs * 0.32), class: 'own' }));
    }
    svgEl.replaceChildren(defs, ...rows, axes, marks);
    drawLegend(inRange ? mark : null);
  }

  function drawLegend(mark) {
    if (!legend) return;
    const W = 320;
    const stops = Array.from({ length: 11 }, (_, i) => svg('stop', { offset: `${i * 10}%`, 'stop-color': viridis(1 - i / 10) }));
    const barX = 8;
    const barW = 300;
    const kids = [
      svg('defs', {}, [svg('linearGradient', { id: 'many-scale' }, stops)]),
      svg('text', { x: barX, y: 12, class: 'legend-title' }, ['How close (final W1 of slopes)']),
      svg('rect', { x: barX, y: 18, width: barW, height: 14, fill: 'url(#many-scale)', class: 'scale-bar' }),
    ];
    for (const f of [0, 0.25, 0.5, 0.75, 1]) {
      const x = barX + f * barW;
      kids.push(svg('line', { x1: x, y1: 32, x2: x, y2: 37, class: 'tick' }),
        svg('text', { x, y: 49, 'text-anchor': f === 0 ? 'start' : f === 1 ? 'end' : 'middle' },
          [f === 1 ? `≥ ${precise(top, 3)}` : precise(top * f, 3)]));
    }
    kids.push(
      svg('text', { x: barX, y: 64, class: 'hint' }, ['← closer to the real images']),
      svg('text', { x: barX + barW, y: 64, 'text-anchor': 'end', class: 'hint' }, ['farther →']),
      svg('rect', { x: barX, y: 76, width: 18, height: 18, fill: 'url(#many-hatch)', stroke: '#6e7781' }),
      svg('path', { d: `M${barX + 4} 80 L${barX + 14} 90 M${barX + 14} 80 L${barX + 4} 90`, class: 'cross' }),
      svg('text', { x: barX + 26, y: 90 }, ['diverged: the weights blew up']),
    );
    if (mark) {
      kids.push(svg('circle', { cx: barX + 9, cy: 111, r: 7, class: 'own-halo' }), svg('circle', { cx: barX + 9, cy: 111, r: 7, class: 'own' }),
        svg('text', { x: barX + 26, y: 115 }, subscripted(`the configuration’s own η_G ${mark.lrG}, η_D ${mark.lrD}`)));
    }
    legend.replaceChildren(svg('svg', { viewBox: `0 0 ${W} ${mark ? 124 : 100}`, class: 'legend-svg', role: 'img',
      'aria-label': `Colour scale: how close, from 0 (yellow, closest) to ${precise(top, 3)} or more (dark purple); hatched and crossed: diverged` }, kids));
  }

  /** Fill cell `index` (d·n + g) with its result. */
  function setCell(index, result) {
    const a = cells[index];
    if (!a) return;
    const rect = a.firstChild;
    if (result.diverged) {
      a.dataset.state = 'diverged';
      a.dataset.divergedAt = String(result.divergedAt);
      rect.setAttribute('fill', 'url(#many-hatch)');
      const x = Number(rect.getAttribute('x'));
      const y = Number(rect.getAttribute('y'));
      const s = Number(rect.getAttribute('width'));
      const m = s * 0.2;
      a.append(svg('path', { class: 'cross', d: `M${x + m} ${y + m} L${x + s - m} ${y + s - m} M${x + s - m} ${y + m} L${x + m} ${y + s - m}` }));
    } else {
      a.dataset.state = 'done';
      a.dataset.value = String(result.final.w1Slope);
      a.dataset.lossD = String(result.final.lossD);
      a.dataset.lossG = String(result.final.lossG);
      rect.setAttribute('fill', closeness(result.final.w1Slope, top));
    }
    label(a);
    tipper.refresh(a);
  }

  // arrow keys move the focus between cells (one tab stop for the whole grid)
  svgEl.addEventListener('keydown', (e) => {
    const a = e.target.closest?.('a.cell');
    if (!a) return;
    const i = Number(a.dataset.index);
    const d = Math.floor(i / n);
    const g = i % n;
    const to = {
      ArrowLeft: [d, g - 1], ArrowRight: [d, g + 1], ArrowUp: [d + 1, g], ArrowDown: [d - 1, g],
      Home: [d, 0], End: [d, n - 1], PageUp: [n - 1, g], PageDown: [0, g],
    }[e.key];
    if (!to) return;
    e.preventDefault();
    const [nd, ng] = [Math.min(n - 1, Math.max(0, to[0])), Math.min(n - 1, Math.max(0, to[1]))];
    focusCell(nd * n + ng);
  });
  svgEl.addEventListener('focusin', (e) => {
    const a = e.target.closest?.('a.cell');
    if (a) moveStop(Number(a.dataset.index));
  });

  function moveStop(index) {
    cells[focusIndex]?.setAttribute('tabindex', '-1');
    focusIndex = index;
    cells[index].setAttribute('tabindex', '0');
  }

  function focusCell(index) {
    moveStop(index);
    cells[index].focus();
  }

  return {
    layout,
    setCell,
  };
}
