// run.js: one training run of the page, wrapping a tinygan.js run. It is the only page module that
// calls the model; everything it hands out is plain data (numbers, arrays, objects), so views never see
// the model or its memory. The fakes it shows come from gan.generate() on a fixed, evenly spaced grid
// of latents: never from gan.sample(), which would consume the run's random stream and change the run.

import { SERIES } from './tinygan.js';
import { DecimatedSeries } from './series.js';

export const SNAPSHOT_EVERY = 1000; // tinygan.js keeps a generator snapshot every 1,000 epochs (or 2^k·1,000)
const GALLERY_CELLS = 10; // the gallery shows at most this many snapshots, plus the last epoch
const SHOW_MAX = 64; // at most this many profiles are drawn per set (real, fakes)
const CHART_POINTS = 500; // charts: at most this many points per series (a chart is ~500 px wide; each point costs
// Chart.js work on every update, and at full speed the charts are what the page spends its frames on)

/**
 * Epochs between the gallery's snapshots for a run of `target` epochs: the chapter's 1,000, or the
 * smallest 2,000, 5,000, 10,000, 20,000, … that keeps the gallery to GALLERY_CELLS cells (plus the
 * last epoch). Each is a multiple of the model's own snapshot interval (1,000 doubled beyond 4,096,000
 * epochs: at most 4,000 for the 10,000,000-epoch cap), so every cell has its snapshot.
 */
export function galleryEvery(target) {
  for (let scale = SNAPSHOT_EVERY; ; scale *= 10) {
    for (const m of [1, 2, 5]) {
      if (Math.ceil(target / (m * scale)) <= GALLERY_CELLS) return m * scale;
    }
  }
}

let runs = 0; // each Run (and each reset) gets a new id: views restart their sticky state on a new one

export class Run {
  #gan;
  #target;
  #fetched = 0; // epochs whose values are in the series
  #snapBlock = -1; // last epoch / every the gallery was synced at
  #snapshots = [];
  #snapCache = new Map(); // epoch -> the gallery's snapshot object, stable within a run
  #real;
  #grid;
  #every;
  #slots;
  #why = ''; // the divergence message
  #last = {}; // series name -> the last epoch's value, read along with the series

  /** `tg` from loadTinyGan(); `options` for tg.create(); `target` epochs to train. */
  constructor(tg, options, target) {
    this.#gan = tg.create(options); // throws RangeError / TypeError naming a bad option
    this.#target = target;
    this.id = ++runs;
    this.series = Object.fromEntries(SERIES.map((name) => [name, new DecimatedSeries(CHART_POINTS)]));
    const { latentLo: lo, latentHi: hi } = this.#gan.options;
    const n = Math.min(this.#gan.batch, SHOW_MAX);
    this.#grid = Array.from({ length: n }, (_, k) => (n === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * k) / (n - 1)));
    this.#real = this.#gan.real().slice(0, SHOW_MAX);
    this.#every = galleryEvery(target);
    this.#slots = [];
    for (let t = 0; t < target; t += this.#every) this.#slots.push(t);
    if ((target - 1) % this.#every !== 0) this.#slots.push(target - 1);
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

  /** The run's state now (a Float64Array), for a worker to train on from here (ahead.js). */
  stateChunk() {
    return this.#gan.chunk();
  }

  /**
   * Take chunks a worker trained from this run's state (each starts where the one before ended):
   * afterwards the run is as if it had trained their epochs itself. Returns the epochs taken. Throws
   * RangeError, taking nothing more, if a chunk does not start at the run's epoch.
   */
  take(chunks) {
    const start = this.#gan.epoch;
    for (const chunk of chunks) {
      if (this.#gan.diverged || this.done) break;
      this.#gan.applyChunk(chunk);
      if (this.#gan.diverged) this.#why = this.#gan.message;
    }
    return this.#gan.epoch - start;
  }

  /**
   * Run ONE epoch, exactly as advance(1) would, and return every quantity the C core computed in it
   * (gan.trace(): latents, fakes, D's outputs, dz, gradients, parameters before and after, losses).
   * Null if the run is done, or diverged (then, in that very epoch: it is not recorded).
   */
  trace() {
    if (this.done || this.#gan.diverged) return null;
    const t = this.#gan.trace();
    if (t === null) this.#why = this.#gan.message;
    return t;
  }

  /** Back to epoch 0 with the same options (the same run again). */
  reset() {
    this.#gan.reset();
    this.id = ++runs;
    this.#why = '';
    this.#last = {};
    for (const s of Object.values(this.series)) s.clear();
    this.#fetched = 0;
    this.#snapBlock = -1;
    this.#snapshots = [];
    this.#snapCache.clear();
  }

  free() {
    this.#gan.free();
  }

  /** Everything the views draw, as plain data. Cost is bounded: only new epochs' values are read. */
  frame() {
    const gan = this.#gan;
    const epoch = gan.epoch;
    this.#syncSeries(epoch);
    this.#syncSnapshots(epoch);
    const lo = this.#grid[0];
    const hi = this.#grid[this.#grid.length - 1];
    const value = (name) => this.#last[name] ?? NaN; // the last epoch's losses and measures
    const measures = Object.fromEntries(SERIES.slice(2).map((name) => [name, value(name)]));
    return {
      run: this.id,
      epoch,
      target: this.#target,
      done: epoch >= this.#target,
      diverged: gan.diverged,
      options: gan.options,
      nodes: gan.nodes,
      lossD: value('lossD'),
      lossG: value('lossG'),
      measures,
      params: gan.params(),
      real: this.#real, // the first real batch: fixed for the run (the gallery's reference)
      realNow: gan.options.real === 'fresh' ? gan.real().slice(0, SHOW_MAX) : this.#real, // this epoch's
      fakes: gan.generate(this.#grid),
      latent: { lo, hi, count: this.#grid.length },
      series: this.series,
      snapshots: this.#snapshots,
      slots: this.#slots,
      slotEvery: this.#every,
    };
  }

  // New epochs' losses and measures into the bounded chart series. A frame runs a few thousand
  // epochs at most, far fewer than the 262,144 the model keeps one by one; should epochs ever be
  // dropped before they were read all the same, the series restart at the first kept one (nothing
  // is invented to fill the hole).
  #syncSeries(epoch) {
    if (epoch <= this.#fetched) return;
    const gan = this.#gan;
    const from = Math.max(this.#fetched, gan.keptFrom);
    if (from > this.#fetched) for (const s of Object.values(this.series)) s.clear(from);
    const h = gan.history(from, epoch);
    for (const name of SERIES) {
      this.series[name].push(h[name], from);
      this.#last[name] = h[name][h[name].length - 1];
    }
    this.#fetched = epoch;
  }

  // The gallery's snapshots: one every `slotEvery` epochs passed, and the last epoch once the target
  // is reached (the chapter's figure: 0, 1000, …, 9000 and 9999). Read only when a new one appears.
  #syncSnapshots(epoch) {
    const every = this.#every;
    const block = epoch >= this.#target ? Infinity : Math.floor((epoch - 1) / every);
    if (epoch === 0 || block === this.#snapBlock) return;
    this.#snapBlock = block;
    const finalEpoch = this.#target - 1;
    const seen = new Set();
    this.#snapshots = this.#gan
      .snapshots()
      .filter((s) => s.epoch % every === 0 || (epoch >= this.#target && s.epoch === finalEpoch))
      .filter((s) => !seen.has(s.epoch) && seen.add(s.epoch))
      .map((s) => {
        if (!this.#snapCache.has(s.epoch)) {
          const images = this.#gan.generate(this.#grid, s.generator);
          this.#snapCache.set(s.epoch, { epoch: s.epoch, generator: s.generator, images });
        }
        return this.#snapCache.get(s.epoch);
      });
  }

  /** The data of the exports: every kept epoch's losses and measures, the parameters, the snapshots. */
  exportData() {
    const gan = this.#gan;
    const from = gan.keptFrom;
    return {
      epoch: gan.epoch,
      options: gan.options,
      from,
      history: gan.history(from, gan.epoch),
      params: gan.params(),
      measures: gan.measures(),
      real: gan.real(),
      snapshots: gan.snapshots().filter((s) => s.epoch % SNAPSHOT_EVERY === 0 || s.epoch === gan.epoch - 1),
      diverged: gan.diverged,
      message: this.message,
    };
  }
}
