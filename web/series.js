// series.js: a per-epoch series kept at bounded size for drawing. Values arrive in epoch order; each
// plotted point stands for a bucket of `width` consecutive epochs (its mean, min and max). When the
// points would exceed `maxPoints`, neighbouring buckets merge in pairs and the width doubles, so the
// chart never holds more than maxPoints points per series however long the run: its draw cost is
// bounded. The arrays of {x, y} objects are handed to Chart.js as they are (parsing: false).

export class DecimatedSeries {
  constructor(maxPoints = 2000) {
    if (!Number.isInteger(maxPoints) || maxPoints < 2 || maxPoints % 2) {
      throw new RangeError(`DecimatedSeries: maxPoints must be an even integer >= 2, got ${maxPoints}`);
    }
    this.maxPoints = maxPoints;
    this.clear();
  }

  /** Empty; the next value pushed is epoch `origin` (0: the run's first). */
  clear(origin = 0) {
    this.width = 1; // epochs per complete bucket
    this.mean = []; // {x: bucket centre epoch, y: mean}
    this.min = [];
    this.max = [];
    this.count = origin; // the next epoch expected (epochs pushed, when origin is 0)
    this.#open = null;
  }

  // The bucket being filled: {first, n, sum, lo, hi}; it is drawn too, as the last point.
  #open = null;

  /** Append the values of epochs start, start+1, … (start must equal the epochs pushed so far). */
  push(values, start = this.count) {
    if (start !== this.count) {
      throw new RangeError(`DecimatedSeries: expected epoch ${this.count} next, got ${start}`);
    }
    for (let i = 0; i < values.length; i++) this.#add(values[i]);
    const b = this.#open; // the open bucket is drawn too: write it once per push, not per value
    if (b !== null) this.#write(this.mean.length - 1, b.first, b.n, b.sum / b.n, b.lo, b.hi);
  }

  #add(v) {
    let b = this.#open;
    if (b === null) {
      b = this.#open = { first: this.count, n: 0, sum: 0, lo: Infinity, hi: -Infinity };
      // Appended by index, not push(): Chart.js hooks push() on the arrays it draws and would redo its
      // elements for every point; it catches up with the new length in its next update() instead.
      const at = this.mean.length;
      this.mean[at] = { x: 0, y: 0 };
      this.min[at] = { x: 0, y: 0 };
      this.max[at] = { x: 0, y: 0 };
    }
    b.n += 1;
    b.sum += v;
    if (v < b.lo) b.lo = v;
    if (v > b.hi) b.hi = v;
    this.count += 1;
    if (b.n === this.width) {
      this.#write(this.mean.length - 1, b.first, b.n, b.sum / b.n, b.lo, b.hi);
      this.#open = null;
      if (this.mean.length >= this.maxPoints) this.#merge();
    }
  }

  #write(i, first, n, mean, lo, hi) {
    const x = first + (n - 1) / 2;
    this.mean[i].x = x;
    this.mean[i].y = mean;
    this.min[i].x = x;
    this.min[i].y = lo;
    this.max[i].x = x;
    this.max[i].y = hi;
  }

  // Called with only complete buckets, an even number of them: pairs become one bucket of twice the width.
  #merge() {
    const half = this.mean.length / 2;
    const w = this.width;
    for (let j = 0; j < half; j++) {
      const a = 2 * j;
      const b = a + 1;
      const first = this.mean[a].x - (w - 1) / 2;
      const mean = (this.mean[a].y + this.mean[b].y) / 2;
      this.#write(j, first, 2 * w, mean, Math.min(this.min[a].y, this.min[b].y), Math.max(this.max[a].y, this.max[b].y));
    }
    this.mean.length = half;
    this.min.length = half;
    this.max.length = half;
    this.width = 2 * w;
  }
}
