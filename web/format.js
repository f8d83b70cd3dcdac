// format.js: how numbers appear on the page. Anything not finite shows as a dash, never "NaN".

export const DASH = '—';

/** Fixed decimals, as the chapter prints losses (toFixed(4)). */
export function fixed(v, digits = 4) {
  return Number.isFinite(v) ? v.toFixed(digits) : DASH;
}

/** A whole number with thin grouping, e.g. 12 345 epochs/s. */
export function whole(v) {
  return Number.isFinite(v) ? Math.round(v).toLocaleString('en-US').replace(/,/g, '\u2009') : DASH;
}

/** A parameter value for a tooltip: 6 significant digits. */
export function precise(v) {
  return Number.isFinite(v) ? Number(v.toPrecision(6)).toString() : DASH;
}
