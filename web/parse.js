// parse.js: the rules both pages' settings tables use to read a URL parameter or a form field. Each
// returns a parser: string -> value, or throws an Error saying what is accepted (the page shows it).

import { quote } from './format.js';

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

/** The parameters of `params` (URLSearchParams) given more than once that `known(name)` accepts, as
 * problems {name, raw, message}: both pages take the first of them. */
export function repeatedParams(params, known) {
  const counts = new Map();
  for (const name of params.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].filter(([name, n]) => n > 1 && known(name)).map(([name, n]) => ({ name, raw: params.get(name),
    message: `${name} is given ${n} times: only the first (“${quote(params.get(name))}”) is used.` }));
}
