// parse.js: the rules both pages' settings tables use to read a URL parameter or a form field. Each
// returns a parser: string -> value, or throws an Error saying what is accepted (the page shows it).

const INTEGER = /^[+]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function integer(min, max) {
  return (text) => {
    const s = String(text).trim();
    const v = Number(s);
    if (!INTEGER.test(s) || !Number.isSafeInteger(v) || v < min || v > max) {
      throw new Error(`must be a whole number from ${min} to ${max}`);
    }
    return v;
  };
}

export function decimal(min, max) {
  return (text) => {
    const s = String(text).trim();
    const v = Number(s);
    if (!DECIMAL.test(s) || !Number.isFinite(v) || v < min || v > max) {
      throw new Error(`must be a number from ${min} to ${max}`);
    }
    return v;
  };
}

/** One of `values`, matched without regard to case; returns the value as listed. */
export function choice(values) {
  return (text) => {
    const s = String(text).trim().toLowerCase();
    const hit = values.find((v) => String(v).toLowerCase() === s);
    if (hit === undefined) throw new Error(`must be one of ${values.join(', ')}`);
    return hit;
  };
}

export const plain = (v) => String(v);
