// profile-range.js: the value axis shared by the profile views (the chart and the gallery).

/** [lo, hi] of the finite values of rows, or null. */
export function extent(rows) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of rows) {
    for (const v of row) {
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** The x range for profiles: the real set's range with a margin, widened to show `others` (within reason). */
export function profileRange(real, ...others) {
  const r = extent(real) ?? [0, 1];
  const span = Math.max(r[1] - r[0], 0.1);
  let lo = r[0] - 0.15 * span;
  let hi = r[1] + 0.15 * span;
  for (const rows of others) {
    const e = extent(rows);
    if (e) {
      lo = Math.max(Math.min(lo, e[0] - 0.05 * span), r[0] - 4 * span);
      hi = Math.min(Math.max(hi, e[1] + 0.05 * span), r[1] + 4 * span);
    }
  }
  return [lo, hi];
}
