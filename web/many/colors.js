// colors.js: the sequential scale of the stability map. Viridis (perceptually uniform, readable with
// the common colour-vision deficiencies and in greyscale), run so that bright yellow is "close to the
// real images" and dark purple "far": the good region is the one that stands out.

const VIRIDIS = ['#440154', '#482475', '#414487', '#355f8d', '#2a788e', '#21918c', '#22a884', '#44bf70',
  '#7ad151', '#bddf26', '#fde725'].map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));

/** Viridis at t in [0, 1] (0 dark purple, 1 yellow). */
export function viridis(t) {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(u));
  const f = u - i;
  const [a, b] = [VIRIDIS[i], VIRIDIS[i + 1]];
  const c = a.map((v, k) => Math.round(v + (b[k] - v) * f));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** The colour of a how-close value v on a scale from 0 (yellow) to `top` (purple; above it too). */
export function closeness(v, top) {
  return viridis(1 - v / top);
}

/** Colours of marks that are not values. */
export const MARKS = Object.freeze({
  pending: '#eceef1',
  divergedBg: '#f4f4f4',
});
