// jobs.js: one job of the many-runs page — one complete training run — as a pure function of its
// inputs. The workers run it; nothing in it depends on which worker, or in which order, so the
// results are the same whatever the number of workers.
//
// A job: { options (create()'s), epochs, points }. points > 0 asks for both losses as at most that many
// block means over the target epochs (the ensemble's curves); 0 asks for the final numbers only.

/** Block width and count for `epochs` target epochs in at most `points` blocks. */
export function blocks(epochs, points) {
  const width = Math.max(1, Math.ceil(epochs / points));
  return { width, count: Math.ceil(epochs / width) };
}

/** Means of `values` (epochs 0 … values.length−1) over blocks of `width`; blocks the run never reached are NaN. */
export function blockMeans(values, width, count) {
  const out = new Float64Array(count).fill(NaN);
  for (let k = 0; k < count; k++) {
    const from = k * width;
    if (from >= values.length) break;
    const to = Math.min(values.length, from + width);
    let sum = 0;
    for (let t = from; t < to; t++) sum += values[t];
    out[k] = sum / (to - from);
  }
  return out;
}

/**
 * Train one run with `tg` (a loaded tinygan module). Returns { epochs (run), diverged, divergedAt
 * (the epoch that failed, or null), message, final: {lossD, lossG, dReal, dFake, accuracy, w1Slope,
 * meanGap, sdGap} of the last recorded epoch, and for points > 0: width, lossD, lossG (block means) }.
 */
export function runJob(tg, job) {
  const gan = tg.create(job.options);
  try {
    const ran = gan.step(job.epochs);
    const diverged = gan.diverged;
    const result = {
      epochs: ran,
      diverged,
      divergedAt: diverged ? gan.epoch : null, // epochs 0 … epoch−1 were recorded; epoch failed
      message: diverged ? gan.message : '',
      final: null,
    };
    const n = gan.epoch;
    if (n > 0) {
      const last = gan.history(n - 1, n);
      result.final = Object.fromEntries(Object.entries(last).map(([k, v]) => [k, v[0]]));
    }
    if (job.points > 0) {
      const { width, count } = blocks(job.epochs, job.points);
      const h = gan.losses(0, n); // ≤ 100,000 epochs: all kept one by one
      result.width = width;
      result.lossD = blockMeans(h.d, width, count);
      result.lossG = blockMeans(h.g, width, count);
    }
    return result;
  } finally {
    gan.free();
  }
}
