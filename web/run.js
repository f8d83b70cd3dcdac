// run.js: one training run of the page, wrapping a tinygan.js run. It is the only page module that
// calls the model; everything it hands out is plain data (numbers, arrays, objects), so views never see
// the model or its memory. The fakes it shows come from gan.generate() on a fixed, evenly spaced grid
// of latents: never from gan.sample(), which would consume the run's random stream and change the run.

import { DecimatedSeries } from './series.js';

export const SNAPSHOT_EVERY = 1000; // tinygan.js keeps a generator snapshot every 1,000 epochs
const SHOW_MAX = 64; // at most this many profiles are drawn per set (real, fakes)
const CHART_POINTS = 2000; // loss chart: at most this many points per series

export class Run {
  #gan;
  #target;
  #fetched = 0; // epochs whose losses are in the series
  #snapBlock = -1; // last epoch / SNAPSHOT_EVERY the gallery was synced at
  #snapshots = [];
  #snapCache = new Map(); // epoch -> the gallery's snapshot object, stable within a run
  #real;
  #grid;
  #slots;
  #why = ''; // the divergence message, read right after the step (later calls reset gan.message)

  /** `tg` from loadTinyGan(); `options` for tg.create(); `target` epochs to train. */
  constructor(tg, options, target) {
    this.#gan = tg.create(options); // throws RangeError / TypeError naming a bad option
    this.#target = target;
    this.series = { d: new DecimatedSeries(CHART_POINTS), g: new DecimatedSeries(CHART_POINTS) };
    const { latentLo: lo, latentHi: hi } = this.#gan.options;
    const n = Math.min(this.#gan.batch, SHOW_MAX);
    this.#grid = Array.from({ length: n }, (_, k) => (n === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * k) / (n - 1)));
    this.#real = this.#gan.real().slice(0, SHOW_MAX);
    this.#slots = [];
    for (let t = 0; t < target; t += SNAPSHOT_EVERY) this.#slots.push(t);
    if ((target - 1) % SNAPSHOT_EVERY !== 0) this.#slots.push(target - 1);
  }

  get epoch() {
    return this.#gan.epoch;
  }
  get target() {
    return this.#target;
  }
  get done() {
    return this.#gan.epoch >= this.#target;
  }
  get diverged() {
    return this.#gan.diverged;
  }
  /** Why the run stopped early ('' unless it diverged). */
  get message() {
    return this.#gan.diverged ? this.#why : '';
  }
  get options() {
    return this.#gan.options;
  }

  /** Run up to n epochs, never past the target nor a divergence. Returns the epochs run. */
  advance(n) {
    const want = Math.min(n, this.#target - this.#gan.epoch);
    if (want <= 0 || this.#gan.diverged) return 0;
    const ran = this.#gan.step(want);
    if (ran < want && this.#gan.diverged) this.#why = this.#gan.message;
    return ran;
  }

  /** Back to epoch 0 with the same options (the same run again). */
  reset() {
    this.#gan.reset();
    this.#why = '';
    this.series.d.clear();
    this.series.g.clear();
    this.#fetched = 0;
    this.#snapBlock = -1;
    this.#snapshots = [];
    this.#snapCache.clear();
  }

  free() {
    this.#gan.free();
  }

  /** Everything the views draw, as plain data. Cost is bounded: only new epochs' losses are read. */
  frame() {
    const gan = this.#gan;
    const epoch = gan.epoch;
    if (epoch > this.#fetched) {
      const { d, g } = gan.losses(this.#fetched, epoch);
      this.series.d.push(d, this.#fetched);
      this.series.g.push(g, this.#fetched);
      this.#fetched = epoch;
    }
    const last = epoch > 0 ? gan.losses(epoch - 1, epoch) : null;
    this.#syncSnapshots(epoch);
    const lo = this.#grid[0];
    const hi = this.#grid[this.#grid.length - 1];
    return {
      epoch,
      target: this.#target,
      done: epoch >= this.#target,
      diverged: gan.diverged,
      message: this.message,
      nodes: gan.nodes,
      batch: gan.batch,
      lossD: last ? last.d[0] : NaN,
      lossG: last ? last.g[0] : NaN,
      meanD: gan.meanD(),
      params: gan.params(),
      real: this.#real,
      fakes: gan.generate(this.#grid),
      latent: { lo, hi, count: this.#grid.length },
      series: this.series,
      snapshots: this.#snapshots,
      slots: this.#slots,
    };
  }

  // The gallery's snapshots: every SNAPSHOT_EVERY epochs passed, and the last epoch once the target is
  // reached (the chapter's figure: 0, 1000, …, 9000 and 9999). Read only when a new one appears.
  #syncSnapshots(epoch) {
    const block = epoch >= this.#target ? Infinity : Math.floor((epoch - 1) / SNAPSHOT_EVERY);
    if (epoch === 0 || block === this.#snapBlock) return;
    this.#snapBlock = block;
    const finalEpoch = this.#target - 1;
    const seen = new Set();
    this.#snapshots = this.#gan
      .snapshots()
      .filter((s) => s.epoch % SNAPSHOT_EVERY === 0 || (epoch >= this.#target && s.epoch === finalEpoch))
      .filter((s) => !seen.has(s.epoch) && seen.add(s.epoch))
      .map((s) => {
        if (!this.#snapCache.has(s.epoch)) {
          const images = this.#gan.generate(this.#grid, s.generator);
          this.#snapCache.set(s.epoch, { epoch: s.epoch, generator: s.generator, images });
        }
        return this.#snapCache.get(s.epoch);
      });
  }

  /** The data of the exports: every epoch's losses, the parameters and the snapshots. */
  exportData() {
    const gan = this.#gan;
    const { d, g } = gan.losses();
    return {
      epoch: gan.epoch,
      options: gan.options,
      losses: { d, g },
      params: gan.params(),
      meanD: gan.meanD(),
      real: gan.real(),
      snapshots: gan.snapshots().filter((s) => s.epoch % SNAPSHOT_EVERY === 0 || s.epoch === gan.epoch - 1),
      diverged: gan.diverged,
      message: this.message,
    };
  }
}
