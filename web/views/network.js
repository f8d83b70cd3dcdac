// network.js: the chapter's network diagram as live SVG — latent L1 → generator outputs O → the
// discriminator's inputs I → decision D, the real images' path dashed, the biases b and c. Each weight
// is an edge whose width and colour follow its current value (purple < 0 < orange); hovering or
// focusing an edge (Tab) shows its value. Input: plain parameters {generator, discriminator}.
// Up to 6 nodes per image every node is drawn and labelled as in the chapter's figure; beyond (up to
// SPEC's 16) the columns pack tighter, nodes shrink, only each column's first and last node carry a
// label, and the real images enter from one box: every weight stays an edge of its own.

import { COLORS, diverging } from './palette.js';
import { precise } from '../format.js';
import { svgEl as el } from './svg-el.js';

const SCALE = 1.5; // |value| at which an edge reaches full width and colour
const X = { L: 70, O: 220, R: 220, I: 400, D: 545 };
const WIDTH = 660;

// A label like L₁ or λ₁,₂: base letter and a subscript tspan.
function subscripted(attrs, base, sub) {
  const t = el('text', attrs);
  t.append(document.createTextNode(base));
  t.append(el('tspan', { 'baseline-shift': 'sub', 'font-size': '0.72em' }, sub));
  return t;
}

// A point a fraction t along (x1,y1)->(x2,y2), moved `off` px to the upper side of the line.
function along(x1, y1, x2, y2, t, off) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len = Math.hypot(dx, dy) || 1;
  let nx = dy / len;
  let ny = -dx / len;
  if (ny > 0) {
    nx = -nx;
    ny = -ny;
  }
  // text extends away from the line: leftwards above a rising edge, rightwards above a falling one
  const anchor = dy < -1 ? 'end' : dy > 1 ? 'start' : 'middle';
  return { x: x1 + t * dx + off * nx, y: y1 + t * dy + off * ny, anchor };
}

/** Geometry of the diagram for N nodes per image (the chapter: N = 3, nodes numbered 1…8). */
export function layout(N) {
  const compact = N > 6;
  const gap = Math.min(56, 300 / N);
  const r = compact ? Math.min(18, gap * 0.42) : 18; // node radius in the O and I columns
  const top = compact ? 70 : 64;
  const rows = Array.from({ length: N }, (_, j) => top + j * gap);
  const mid = (rows[0] + rows[N - 1]) / 2;
  const genBottom = rows[N - 1] + 58;
  const realGap = Math.min(34, 220 / N);
  const realRows = compact ? [] : Array.from({ length: N }, (_, j) => genBottom + 40 + j * realGap);
  const realBox = compact ? { x: X.R - 70, y: genBottom + 26, width: 116, height: 40 } : null;
  const legendY = compact ? genBottom + 36 : realRows[0] - 10;
  const height = compact ? Math.max(realBox.y + realBox.height, legendY + 76) + 12 : realRows[N - 1] + 36;
  return {
    N, compact, r, labelsInside: r >= 14, rows, mid, genBottom, realRows, realBox, legendY, height,
    names: {
      latent: '1',
      out: rows.map((_, j) => String(j + 2)),
      inp: rows.map((_, j) => String(j + N + 2)),
      dec: String(2 * N + 2),
    },
  };
}

export function createNetwork(root, tip) {
  let shownN = 0;
  let edges = []; // {g, line, get: (params) => value, name, what}
  let active = null; // the edge whose tooltip is showing
  let params = null;

  function showTip(edge, anchor) {
    active = edge;
    refreshTip();
    tip.hidden = false;
    // position in the tip's offset parent (outside the diagram's sideways scroller, so never clipped)
    const box = (tip.offsetParent ?? root).getBoundingClientRect();
    const r = anchor.getBoundingClientRect();
    const half = tip.offsetWidth / 2 + 4;
    const centre = r.left + r.width / 2 - box.left;
    tip.style.left = `${Math.max(half, Math.min(centre, box.width - half))}px`;
    tip.style.top = `${r.top - box.top + r.height / 2 - 10}px`;
  }

  function hideTip(edge) {
    if (active === edge) {
      active = null;
      tip.hidden = true;
    }
  }

  function refreshTip() {
    if (active && params) tip.textContent = `${active.name} = ${precise(active.get(params))} · ${active.what}`;
  }

  function build(N) {
    const L = layout(N);
    const n = L.names;
    const svg = el('svg', { viewBox: `0 0 ${WIDTH} ${L.height}`, class: 'network-svg', role: 'group',
      'aria-label': 'The network: weights as edges, coloured and sized by value' });
    const defs = el('defs');
    const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7,
      orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse' });
    marker.append(el('path', { d: 'M0,0 L10,5 L0,10 z', fill: COLORS.muted }));
    const grad = el('linearGradient', { id: 'weight-scale' });
    grad.append(el('stop', { offset: '0', 'stop-color': COLORS.negative }), el('stop', { offset: '0.5', 'stop-color': COLORS.zero }),
      el('stop', { offset: '1', 'stop-color': COLORS.positive }));
    defs.append(marker, grad);
    svg.append(defs);

    // group boxes and captions
    svg.append(el('rect', { x: 14, y: 14, width: 248, height: L.genBottom - 14, rx: 12, class: 'group-box' }));
    svg.append(el('rect', { x: 352, y: 14, width: 246, height: L.genBottom - 14, rx: 12, class: 'group-box' }));
    svg.append(el('text', { x: 26, y: 34, class: 'group-label' }, 'Generator'));
    svg.append(el('text', { x: 364, y: 34, class: 'group-label' }, 'Discriminator'));
    svg.append(el('text', { x: X.L, y: L.mid - 30, class: 'part-label', 'text-anchor': 'middle' }, 'Latent'));
    svg.append(el('text', { x: X.D, y: L.mid - 30, class: 'part-label', 'text-anchor': 'middle' }, 'Classification'));
    svg.append(el('text', { x: X.O + 28, y: L.genBottom - 12, class: 'part-label', 'text-anchor': 'middle' }, 'fake images'));
    if (!L.compact) {
      svg.append(el('text', { x: X.R - 30, y: L.realRows[0] - 20, class: 'part-label', 'text-anchor': 'middle' }, 'real images'));
    }

    const edgeLayer = el('g', { class: 'edges' });
    const nodeLayer = el('g', { class: 'nodes' });
    const labels = el('g', { class: 'labels' });
    svg.append(edgeLayer, nodeLayer, labels);
    const list = [];

    const plain = (x1, y1, x2, y2, dashed) => {
      edgeLayer.append(el('line', { x1, y1, x2: x2 - 20, y2, class: dashed ? 'path real' : 'path fake', 'marker-end': 'url(#arrow)' }));
    };
    const weighted = (x1, y1, x2, y2, name, sub, what, get) => {
      const g = el('g', { class: 'edge', tabindex: 0, role: 'img' });
      const title = el('title');
      const line = el('line', { x1, y1, x2, y2, class: 'weight', 'stroke-linecap': 'round' });
      const hit = el('line', { x1, y1, x2, y2, class: 'hit' });
      g.append(title, line, hit);
      edgeLayer.append(g);
      const edge = { g, line, title, name: `${name}${sub}`, what, get };
      g.addEventListener('pointerenter', () => showTip(edge, line));
      g.addEventListener('pointerleave', () => hideTip(edge));
      g.addEventListener('focus', () => showTip(edge, line));
      g.addEventListener('blur', () => hideTip(edge));
      list.push(edge);
      return edge;
    };

    // generator: L1 -> O_j (λ_1,j), bias b -> every O_j
    const bY = L.genBottom - 30;
    const bX = X.L + 20;
    for (let j = 0; j < N; j++) {
      const y = L.rows[j];
      weighted(X.L + 18, L.mid, X.O - L.r, y, 'λ', `1,${n.out[j]}`, `generator weight, L${n.latent} → O${n.out[j]}`,
        (p) => p.generator.weights[j]);
      if (N <= 6) {
        const at = along(X.L + 18, L.mid, X.O - 18, y, 0.72, 7);
        labels.append(subscripted({ x: at.x, y: at.y, class: 'edge-label', 'text-anchor': at.anchor }, 'λ', `1,${n.out[j]}`));
      }
    }
    for (let j = 0; j < N; j++) {
      const e = weighted(bX + 9, bY - 4, X.O - L.r + 1, L.rows[j] + L.r / 3, 'b', '', 'generator bias, shared by every O',
        (p) => p.generator.bias);
      if (j > 0) e.g.removeAttribute('tabindex'); // one tab stop for the one bias
    }
    // fakes O_j -> I_j (solid), real images -> I_j (dashed)
    const arrowTo = X.I + 20 - L.r; // plain() stops 20 short of x2: at the I node's rim
    for (let j = 0; j < N; j++) plain(X.O + L.r, L.rows[j], arrowTo, L.rows[j], false);
    if (L.compact) {
      const b = L.realBox;
      for (let j = 0; j < N; j++) plain(b.x + b.width, b.y + b.height / 2, arrowTo, L.rows[j], true);
    } else {
      for (let j = 0; j < N; j++) plain(X.R + 18, L.realRows[j], arrowTo, L.rows[j], true);
    }
    // discriminator: I_j -> D (λ_j,D), bias c -> D
    for (let j = 0; j < N; j++) {
      const y = L.rows[j];
      weighted(X.I + L.r, y, X.D - 18, L.mid, 'λ', `${n.inp[j]},${n.dec}`,
        `discriminator weight, I${n.inp[j]} → D${n.dec}`, (p) => p.discriminator.weights[j]);
      if (N <= 6) {
        const at = along(X.I + 18, y, X.D - 18, L.mid, 0.35, 7);
        labels.append(subscripted({ x: at.x, y: at.y, class: 'edge-label', 'text-anchor': at.anchor }, 'λ', `${n.inp[j]},${n.dec}`));
      }
    }
    const cY = L.mid + 70;
    weighted(X.D, cY - 9, X.D, L.mid + 18, 'c', '', 'discriminator bias', (p) => p.discriminator.bias);
    // D -> output
    edgeLayer.append(el('line', { x1: X.D + 18, y1: L.mid, x2: X.D + 50, y2: L.mid, class: 'path fake', 'marker-end': 'url(#arrow)' }));
    nodeLayer.append(el('text', { x: X.D + 54, y: L.mid - 4, class: 'part-label' }, 'P(real)'));

    // nodes
    const node = (x, y, base, sub, cls = '', r = 18, inside = true) => {
      nodeLayer.append(el('circle', { cx: x, cy: y, r, class: `node ${cls}` }));
      if (inside) {
        nodeLayer.append(subscripted({ x, y: y + (r < 18 ? 4 : 5), class: `node-label${r < 18 ? ' tight' : ''}`,
          'text-anchor': 'middle' }, base, sub));
      }
    };
    // a packed column: labels outside, on its first node (above) and its last (below)
    const ends = (x, base, subs) => {
      labels.append(subscripted({ x, y: L.rows[0] - L.r - 6, class: 'node-label small', 'text-anchor': 'middle' }, base, subs[0]));
      labels.append(subscripted({ x, y: L.rows[N - 1] + L.r + 15, class: 'node-label small', 'text-anchor': 'middle' },
        base, subs[N - 1]));
    };
    node(X.L, L.mid, 'L', n.latent);
    for (let j = 0; j < N; j++) node(X.O, L.rows[j], 'O', n.out[j], '', L.r, L.labelsInside);
    for (let j = 0; j < N; j++) node(X.I, L.rows[j], 'I', n.inp[j], '', L.r, L.labelsInside);
    if (!L.labelsInside) {
      ends(X.O, 'O', n.out);
      ends(X.I, 'I', n.inp);
    }
    if (L.compact) {
      const b = L.realBox;
      nodeLayer.append(el('rect', { x: b.x, y: b.y, width: b.width, height: b.height, rx: 8, class: 'node real' }));
      const t = el('text', { x: b.x + b.width / 2, y: b.y + 16, class: 'part-label', 'text-anchor': 'middle' }, 'real image');
      const u = subscripted({ x: b.x + b.width / 2, y: b.y + 32, class: 'part-label', 'text-anchor': 'middle' }, 'x', '1');
      u.append(document.createTextNode(' … '), 'x');
      u.append(el('tspan', { 'baseline-shift': 'sub', 'font-size': '0.72em' }, String(N)));
      nodeLayer.append(t, u);
    } else {
      for (let j = 0; j < N; j++) node(X.R, L.realRows[j], 'x', String(j + 1), 'real');
    }
    node(X.D, L.mid, 'D', n.dec);
    const bias = (x, y, name) => {
      nodeLayer.append(el('rect', { x: x - 9, y: y - 9, width: 18, height: 18, rx: 3, class: 'node bias' }));
      nodeLayer.append(el('text', { x, y: y + 5, class: 'node-label', 'text-anchor': 'middle' }, name));
    };
    bias(bX, bY, 'b');
    bias(X.D, cY, 'c');

    // legend
    const lg = el('g', { class: 'legend', transform: `translate(400 ${L.legendY})` });
    lg.append(el('text', { x: 0, y: 0 }, 'weight value'));
    lg.append(el('rect', { x: 0, y: 8, width: 200, height: 10, fill: 'url(#weight-scale)', rx: 2 }));
    lg.append(el('text', { x: 0, y: 32, 'text-anchor': 'start' }, `−${SCALE}`));
    lg.append(el('text', { x: 100, y: 32, 'text-anchor': 'middle' }, '0'));
    lg.append(el('text', { x: 200, y: 32, 'text-anchor': 'end' }, `+${SCALE}`));
    lg.append(el('text', { x: 0, y: 52 }, 'thicker = larger |value|'));
    lg.append(el('text', { x: 0, y: 70 }, 'hover or Tab to an edge for its value'));
    svg.append(lg);

    root.replaceChildren(svg);
    tip.hidden = true;
    active = null;
    return list;
  }

  return {
    /** frame: {nodes, params: {generator: {weights, bias}, discriminator: {weights, bias}}}. */
    update(frame) {
      if (frame.nodes !== shownN) {
        shownN = frame.nodes;
        edges = build(frame.nodes);
      }
      params = frame.params;
      for (const e of edges) {
        const v = e.get(params);
        const width = Number.isFinite(v) ? 1 + 7 * Math.min(1, Math.abs(v) / SCALE) : 1;
        e.line.setAttribute('stroke-width', width.toFixed(2));
        e.line.setAttribute('stroke', diverging(v, SCALE));
        const text = `${e.name} = ${precise(v)} (${e.what})`;
        if (e.title.textContent !== text) {
          e.title.textContent = text;
          e.g.setAttribute('aria-label', text);
        }
      }
      refreshTip();
    },
  };
}
