// gallery.js: the chapter's grid of small figures — the generator's fakes every 1,000 epochs (every
// 2,000, 5,000, 10,000 … in longer runs, so that there are never more than a dozen), filling in as
// training passes them, beside the real set. One small SVG per figure, all on one value axis (the
// real set's, widened to show every fake drawn: cells compare at a glance); a figure is drawn again
// only when that axis widens.
// Input: plain data ({slots: epochs, slotEvery, snapshots: [{epoch, images}], real: rows, nodes}).

import { COLORS } from './palette.js';
import { profileRange } from './profile-range.js';
import { svgEl } from './svg-el.js';

const W = 180;
const H = 120;
const PAD = { left: 22, right: 8, top: 6, bottom: 22 };

const tick = (v) => (Math.abs(v) >= 100 ? v.toExponential(1) : Number(v.toFixed(2)).toString());

/** Draw `rows` (profiles) into a fresh SVG, value on x over `range`, node 1…nodes on y (1 at the bottom). */
export function profileSvg(rows, nodes, range, color, label) {
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label });
  const [lo, hi] = range;
  const x = (v) => PAD.left + ((v - lo) / (hi - lo)) * (W - PAD.left - PAD.right);
  const y = (j) => H - PAD.bottom - (nodes === 1 ? 0.5 : (j / (nodes - 1))) * (H - PAD.top - PAD.bottom - 8) - 4;
  const axes = svgEl('g', { class: 'axes' });
  axes.append(svgEl('rect', { x: PAD.left, y: PAD.top, width: W - PAD.left - PAD.right, height: H - PAD.top - PAD.bottom,
    fill: 'none', stroke: COLORS.grid }));
  for (let j = 0; j < nodes; j++) {
    if (nodes <= 8 || j % 2 === 0 || j === nodes - 1) {
      axes.append(svgEl('text', { x: PAD.left - 5, y: y(j) + 3, 'text-anchor': 'end' }, String(j + 1)));
    }
  }
  axes.append(svgEl('text', { x: PAD.left, y: H - 8, 'text-anchor': 'start' }, tick(lo)));
  axes.append(svgEl('text', { x: W - PAD.right, y: H - 8, 'text-anchor': 'end' }, tick(hi)));
  axes.append(svgEl('text', { x: (PAD.left + W - PAD.right) / 2, y: H - 8, 'text-anchor': 'middle' }, 'value'));
  svg.append(axes);
  const lines = svgEl('g', { fill: 'none', stroke: color, 'stroke-opacity': 0.35, 'stroke-width': 1 });
  const dots = svgEl('g', { fill: color, 'fill-opacity': 0.85, stroke: COLORS.ink, 'stroke-width': 0.4 });
  const clip = (v) => Math.min(Math.max(v, lo), hi);
  for (const row of rows) {
    if (!row.every(Number.isFinite)) continue;
    lines.append(svgEl('polyline', { points: row.map((v, j) => `${x(clip(v)).toFixed(1)},${y(j).toFixed(1)}`).join(' ') }));
    row.forEach((v, j) => {
      if (v >= lo && v <= hi) dots.append(svgEl('circle', { cx: x(v).toFixed(1), cy: y(j).toFixed(1), r: 1.8 }));
    });
  }
  svg.append(lines, dots);
  return svg;
}

const grouped = (n) => n.toLocaleString('en-US');

/** `root` holds the figures; `note` (optional) the sentence saying how far apart they are. */
export function createGallery(root, note = null) {
  let slotsShown = null;
  let realShown = null;
  let snapshotsShown = null;
  let divergedShown = false;
  let rangeShown = null; // the value axis the figures are drawn on
  let realFig = null;
  const cells = new Map(); // epoch -> {figure, drawn}

  function cell(title, cls) {
    const figure = document.createElement('figure');
    figure.className = `snap ${cls}`;
    const caption = document.createElement('figcaption');
    caption.textContent = title;
    figure.append(caption);
    return figure;
  }

  /** An empty cell: not reached yet, or never to be (`diverged`: the epoch the run stopped at). */
  function pending(figure, diverged = null) {
    figure.classList.add('pending');
    const box = document.createElement('div');
    box.className = 'snap-empty';
    box.textContent = diverged === null ? 'not reached yet' : `not reached: the run diverged at epoch ${grouped(diverged)}`;
    figure.replaceChildren(figure.firstChild, box);
  }

  function rebuild(frame) {
    if (note) {
      note.textContent = `The chapter’s figure: the generator’s fakes every ${grouped(frame.slotEvery)} epochs `
        + '(same latents each time), beside the real images. Cells fill in as training passes them.';
    }
    root.replaceChildren();
    cells.clear();
    rangeShown = null;
    realFig = cell('Real images', 'real');
    root.append(realFig);
    const last = frame.slots[frame.slots.length - 1];
    for (const epoch of frame.slots) {
      const figure = cell(`Epoch ${epoch}${epoch === last && epoch % frame.slotEvery !== 0 ? ' (last)' : ''}`, 'fake');
      pending(figure);
      root.append(figure);
      cells.set(epoch, { figure, drawn: null });
    }
  }

  return {
    update(frame) {
      if (frame.slots !== slotsShown || frame.real !== realShown) {
        slotsShown = frame.slots;
        realShown = frame.real;
        snapshotsShown = null;
        divergedShown = false; // the new cells all say "not reached yet"
        rebuild(frame);
      } else if (frame.snapshots === snapshotsShown && frame.diverged === divergedShown) {
        return; // nothing new since the last frame
      }
      const newlyDiverged = frame.diverged && !divergedShown;
      snapshotsShown = frame.snapshots;
      divergedShown = frame.diverged;
      const byEpoch = new Map(frame.snapshots.filter((s) => cells.has(s.epoch)).map((s) => [s.epoch, s]));
      const range = profileRange(frame.real, ...[...byEpoch.values()].map((s) => s.images));
      const widened = !rangeShown || range[0] !== rangeShown[0] || range[1] !== rangeShown[1];
      if (widened) {
        rangeShown = range;
        realFig.replaceChildren(realFig.firstChild, profileSvg(frame.real, frame.nodes, range, COLORS.real,
          `The ${frame.real.length} real images`));
      }
      for (const [epoch, c] of cells) {
        const snap = byEpoch.get(epoch) ?? null;
        if (snap === null ? c.drawn === null && !newlyDiverged : snap === c.drawn && !widened) continue;
        c.drawn = snap;
        if (snap === null) {
          pending(c.figure, frame.diverged ? frame.epoch : null);
        } else {
          c.figure.classList.remove('pending');
          c.figure.replaceChildren(c.figure.firstChild,
            profileSvg(snap.images, frame.nodes, range, COLORS.fake, `Fakes of the generator at epoch ${epoch}`));
        }
      }
    },
  };
}
