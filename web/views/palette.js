// palette.js: the page's colours, chosen to stay distinguishable with colour-vision deficiencies
// (Okabe–Ito hues; a purple–orange diverging scale for signed weights).

export const COLORS = Object.freeze({
  d: '#D55E00', // discriminator: vermillion
  g: '#0072B2', // generator: blue
  real: '#4d4d4d', // real images: neutral grey
  fake: '#0072B2', // fakes come from the generator: blue
  negative: '#5e3c99', // weight < 0: purple
  positive: '#e66101', // weight > 0: orange
  zero: '#c8c8c8',
  ink: '#1f2328',
  muted: '#59636e',
  grid: '#e6e8eb',
});

/** `hex` with alpha a (0..1) as rgba(). */
export function alpha(hex, a) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

/** Colour for a signed value: grey at 0, fading into purple (< 0) or orange (> 0) as |v| reaches `scale`. */
export function diverging(v, scale) {
  if (!Number.isFinite(v)) return COLORS.zero;
  const t = Math.min(1, Math.abs(v) / scale);
  const end = parseInt((v < 0 ? COLORS.negative : COLORS.positive).slice(1), 16);
  const start = parseInt(COLORS.zero.slice(1), 16);
  const mix = (shift) => Math.round(((start >> shift) & 255) * (1 - t) + ((end >> shift) & 255) * t);
  return `rgb(${mix(16)}, ${mix(8)}, ${mix(0)})`;
}
