// format.js: how numbers (and values quoted back) appear on the page. Anything not finite shows as a
// dash, never "NaN".

export const DASH = '—';

/** Fixed decimals, as the chapter prints losses (toFixed(4)); a value beyond a million (a measure of
 * a run on its way to diverging) in short exponent form, e.g. 4.71e+307, instead of 300 digits. */
export function fixed(v, digits = 4) {
  if (!Number.isFinite(v)) return DASH;
  if (Math.abs(v) >= 1e6) return v.toExponential(2);
  const s = v.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s; // −0.00000001 rounds to 0.0000, not "-0.0000"
}

/** A whole number with thin grouping, e.g. 12 345 epochs/s. */
export function whole(v) {
  return Number.isFinite(v) ? Math.round(v).toLocaleString('en-US').replace(/,/g, '\u2009') : DASH;
}

/** A value with `digits` significant digits (6: a tooltip's, the trace's), trailing zeros dropped. */
export function precise(v, digits = 6) {
  return Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : DASH;
}

/** How the epoch trace shows a quantity: 6 significant digits. */
export const traced = (v) => precise(v, 6);

/** How the epoch trace shows a parameter before and after its step: 10 significant digits, enough to
 * see an update of η·gradient even when η is tiny. */
export const tracedParam = (v) => precise(v, 10);

// Values quoted back to the user are cut short: a link or a field may hold anything, of any length.
const MAX_QUOTE = 40;
export function quote(raw) {
  const chars = [...String(raw)];
  return chars.length > MAX_QUOTE ? `${chars.slice(0, MAX_QUOTE).join('')}…` : String(raw);
}
