// stats.js: the few statistics the many-runs views draw, DOM-free. Quantiles interpolate linearly
// between order statistics (numpy's default), so that the numbers can be checked anywhere.

/** The q-quantile (0..1) of an ascending array (NaN if empty). */
export function quantileSorted(sorted, q) {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** {p10, p50, p90, n} of the finite values. */
export function spread(values) {
  const sorted = Float64Array.from(values.filter(Number.isFinite)).sort();
  return { p10: quantileSorted(sorted, 0.1), p50: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9),
    n: sorted.length };
}

/**
 * Per-block 10 %, 50 % and 90 % quantiles over runs: `curves` is an array of Float64Arrays (block
 * means, NaN where a run has no value). Returns {p10, p50, p90} as Float64Arrays of the longest
 * curve's length (NaN where no run has a value).
 */
export function bands(curves) {
  const len = Math.max(0, ...curves.map((c) => c.length));
  const out = { p10: new Float64Array(len), p50: new Float64Array(len), p90: new Float64Array(len) };
  const column = new Float64Array(curves.length);
  for (let k = 0; k < len; k++) {
    let m = 0;
    for (const c of curves) {
      const v = c[k];
      if (Number.isFinite(v)) column[m++] = v;
    }
    const sorted = column.subarray(0, m).sort();
    out.p10[k] = quantileSorted(sorted, 0.1);
    out.p50[k] = quantileSorted(sorted, 0.5);
    out.p90[k] = quantileSorted(sorted, 0.9);
  }
  return out;
}

/** A "nice" upper bound ≥ v for an axis: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten. */
export function niceCeil(v) {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    const top = Number((m * p).toPrecision(3));
    if (top >= v * (1 - 1e-12)) return top;
  }
  return Number((10 * p).toPrecision(3));
}
