// tinygan.js: the JavaScript face of tinygan.wasm (SPEC section 4). One ES module, unchanged in
// browsers and in Node >= 20. It knows nothing of the DOM, and no caller ever sees a pointer or a view
// of wasm memory: every array handed out is a copy.

// The series the C core records per epoch (tg_series in src/tinygan.h), by their JS names.
export const SERIES = Object.freeze(['lossD', 'lossG', 'dReal', 'dFake', 'accuracy', 'w1Slope', 'meanGap', 'sdGap']);

// The fields of a traced epoch (tg_trace_field), and how each is shaped: 'rows' of N node values,
// a flat 'vector', or 'params' ({weights, bias}).
const TRACE_FIELDS = Object.freeze([
  ['real', 'rows'], ['dLatent', 'vector'], ['dFake', 'rows'], ['dYhat', 'vector'], ['dDz', 'vector'],
  ['dGrad', 'params'], ['dBefore', 'params'], ['dAfter', 'params'], ['gLatent', 'vector'], ['gFake', 'rows'],
  ['gYhat', 'vector'], ['gDz', 'vector'], ['gDout', 'rows'], ['gDpre', 'rows'], ['gGrad', 'params'],
  ['gBefore', 'params'], ['gAfter', 'params'], ['losses', 'vector'],
]);

const STATUS = { OK: 0, EINVAL: 1, ENOMEM: 2, EDIVERGED: 3, ESTATE: 4 };
const MAX_STEP_CALL = 0x7fffffff; // tg_step takes a C int
const PARAMS_DOUBLES = 2 * 16 + 2; // [gw[N], b, dw[N], c] for the largest N

// The only import a standalone module asks for: Emscripten tells the host that memory grew. The
// binding re-derives its views on every access, so there is nothing to do here.
const IMPORTS = Object.freeze({ env: { emscripten_notify_memory_growth() {} } });
export const ALLOWED_IMPORTS = Object.freeze(['env.emscripten_notify_memory_growth']);

/** A value as an error message shows it: JSON where it can be (BigInts and symbols cannot). */
function shown(value) {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

async function readBesideModule() {
  const url = new URL('./tinygan.wasm', import.meta.url);
  if (url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    return readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`tinygan: could not load ${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** Instantiate the module. `options.wasm` may hold its bytes; otherwise it is found beside this file. */
export async function loadTinyGan(options = {}) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`loadTinyGan: options must be an object, got ${typeof options}`);
  }
  const bytes = options.wasm ?? (await readBesideModule());
  const { instance } = await WebAssembly.instantiate(bytes, IMPORTS);
  instance.exports._initialize();
  return new TinyGanModule(instance.exports);
}

function readCString(w, ptr) {
  const bytes = new Uint8Array(w.memory.buffer, ptr);
  return new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(0)));
}

// The options, as the C core describes them: name, id, range, integrality, default, choice names.
function describeOptions(w) {
  const options = [];
  for (let id = 0; w.tg_option_name(id) !== 0; id++) {
    const choices = [];
    for (let c = 0; w.tg_option_choice(id, c) !== 0; c++) choices.push(readCString(w, w.tg_option_choice(id, c)));
    const def = w.tg_option_default(id);
    options.push(Object.freeze({
      name: readCString(w, w.tg_option_name(id)),
      id,
      min: w.tg_option_min(id),
      max: w.tg_option_max(id),
      integer: w.tg_option_integer(id) === 1,
      choices: choices.length ? Object.freeze(choices) : null,
      default: choices.length ? choices[def] : def,
    }));
  }
  return Object.freeze(options);
}

class TinyGanModule {
  #wasm;
  #options;
  constructor(exports) {
    this.#wasm = exports;
    this.#options = describeOptions(exports);
  }

  /** A new run with the chapter's defaults overridden by `options`, already at epoch 0. */
  create(options = {}) {
    return new Gan(this.#wasm, this.#options, options);
  }

  /** Every option: { name, min, max, integer, choices (names, or null), default }. */
  get options() {
    return this.#options;
  }

  /** Bytes of wasm memory the module holds now (it grows, never shrinks). */
  get memoryBytes() {
    return this.#wasm.memory.buffer.byteLength;
  }

  /** The chapter's defaults, as create() uses them. */
  get defaults() {
    return Object.fromEntries(this.#options.map((o) => [o.name, o.default]));
  }
}

class Gan {
  #w;
  #ctx;
  #scratch; // PARAMS_DOUBLES doubles owned by this run, for params and snapshots
  #options;

  constructor(wasm, described, options) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new TypeError(`create: options must be an object, got ${options === null ? 'null' : typeof options}`);
    }
    const byName = new Map(described.map((o) => [o.name, o]));
    const values = []; // [id, number] for the C core
    for (const [name, value] of Object.entries(options)) {
      const o = byName.get(name);
      if (!o) throw new TypeError(`create: unknown option '${name}' (known: ${[...byName.keys()].join(', ')})`);
      if (o.choices) {
        if (typeof value !== 'string') {
          throw new TypeError(`create: ${name} must be one of ${o.choices.join(', ')} (a string), got ${typeof value}`);
        }
        if (!o.choices.includes(value)) {
          throw new RangeError(`create: ${name} must be one of ${o.choices.join(', ')}, got '${value}'`);
        }
        values.push([o.id, o.choices.indexOf(value)]);
      } else {
        if (typeof value !== 'number') {
          const kind = o.integer ? 'an integer' : 'a number';
          throw new TypeError(`create: ${name} must be ${kind} from ${o.min} to ${o.max}, got ${value === undefined ? 'undefined' : `${typeof value} ${shown(value)}`}`);
        }
        values.push([o.id, value]);
      }
    }
    this.#w = wasm;
    const ctx = wasm.tg_new();
    const scratch = wasm.malloc(PARAMS_DOUBLES * 8);
    if (!ctx || !scratch) {
      wasm.tg_free(ctx);
      wasm.free(scratch);
      throw new Error('create: out of memory');
    }
    this.#ctx = ctx;
    this.#scratch = scratch;
    try {
      for (const [id, value] of values) this.#check(wasm.tg_set(ctx, id, value), 'create');
      this.#check(wasm.tg_reset(ctx), 'create');
    } catch (err) {
      this.free();
      throw err;
    }
    this.#options = Object.freeze(Object.fromEntries(described.map((o) => {
      const v = wasm.tg_get(ctx, o.id);
      return [o.name, o.choices ? o.choices[v] : v];
    })));
  }

  /** The options this run was created with (defaults filled in). */
  get options() {
    return this.#options;
  }

  get epoch() {
    return this.#live().tg_epoch(this.#ctx);
  }

  get diverged() {
    return this.#live().tg_diverged(this.#ctx) === 1;
  }

  /** The last failure's message ("ok" if none), e.g. "diverged at epoch 138: ...". */
  get message() {
    this.#live();
    return this.#message();
  }

  get nodes() {
    return this.#live().tg_nodes(this.#ctx);
  }

  get batch() {
    return this.#live().tg_batch(this.#ctx);
  }

  /** Run n epochs (an integer >= 0). Returns the epochs actually run: fewer if the run diverged. */
  step(n = 1) {
    const w = this.#live();
    if (typeof n !== 'number') throw new TypeError(`step: n must be a number, got ${typeof n}`);
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`step: n must be an integer >= 0, got ${n}`);
    const start = this.epoch;
    if (this.diverged) this.#check(w.tg_step(this.#ctx, 0), 'step'); // throws, with the C core's message
    for (let left = n; left > 0; ) {
      const chunk = Math.min(left, MAX_STEP_CALL);
      const status = w.tg_step(this.#ctx, chunk);
      if (status === STATUS.EDIVERGED) break;
      this.#check(status, 'step');
      left -= chunk;
    }
    return this.epoch - start;
  }

  /** Back to epoch 0 with the same options: the same run again. */
  reset() {
    this.#check(this.#live().tg_reset(this.#ctx), 'reset');
  }

  params() {
    const w = this.#live();
    this.#check(w.tg_params(this.#ctx, this.#scratch), 'params');
    const N = this.nodes;
    const p = this.#f64(this.#scratch, 2 * N + 2);
    return {
      generator: { weights: Array.from(p.subarray(0, N)), bias: p[N] },
      discriminator: { weights: Array.from(p.subarray(N + 1, 2 * N + 1)), bias: p[2 * N + 1] },
    };
  }

  /** Per-epoch losses from epoch `from` (default: the first kept) to `to` (default: all run), as copies. */
  losses(from = this.keptFrom, to = this.epoch) {
    const h = this.history(from, to, 'losses');
    return { d: h.lossD, g: h.lossG };
  }

  /** The first epoch whose values are still kept one by one: 0 until a run passes 262,144 epochs,
   * then the start of that window (older epochs live on in overview()). */
  get keptFrom() {
    return this.#live().tg_kept_from(this.#ctx);
  }

  /** Every per-epoch series (SERIES: losses and the measures) from `from` to `to`, as copies. */
  history(from = this.keptFrom, to = this.epoch, what = 'history') {
    const w = this.#live();
    for (const [name, v] of [['from', from], ['to', to]]) {
      if (typeof v !== 'number') throw new TypeError(`${what}: ${name} must be a number, got ${typeof v}`);
    }
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to > this.epoch || from > to) {
      throw new RangeError(`${what}: need integers 0 <= from <= to <= ${this.epoch}, got from=${from}, to=${to}`);
    }
    // the core's own check of the range first (an empty copy), so that a refused request allocates
    // nothing: wasm memory never shrinks
    if (w.tg_series_copy(this.#ctx, 0, from, from, 0) === STATUS.EINVAL) {
      throw new RangeError(`${what}: ${this.#message().replace(/^history: /, '')}`);
    }
    const n = to - from;
    const buf = w.malloc(Math.max(1, n) * 8);
    if (!buf) throw new Error(`${what}: out of memory`);
    try {
      const out = {};
      SERIES.forEach((name, id) => {
        this.#check(w.tg_series_copy(this.#ctx, id, from, to, buf), what); // the range was checked above
        out[name] = this.#f64(buf, n).slice();
      });
      return out;
    } finally {
      w.free(buf);
    }
  }

  /** The whole run in at most 1,024 blocks (TG_OVERVIEW) of `block` epochs each, counted from epoch `from` (0, or
   * where a loadState() put the run): per series the mean, min and max of every block (the last may
   * be partial). Bounded however long the run. */
  overview() {
    const w = this.#live();
    const max = 1024; // TG_OVERVIEW
    const buf = w.malloc(3 * max * 8);
    if (!buf) throw new Error('overview: out of memory');
    try {
      const out = { from: w.tg_history_start(this.#ctx), block: w.tg_overview_block(this.#ctx), mean: {}, min: {}, max: {} };
      SERIES.forEach((name, id) => {
        const n = w.tg_series_overview(this.#ctx, id, buf, buf + max * 8, buf + 2 * max * 8);
        out.mean[name] = this.#f64(buf, n).slice();
        out.min[name] = this.#f64(buf + max * 8, n).slice();
        out.max[name] = this.#f64(buf + 2 * max * 8, n).slice();
      });
      return out;
    } finally {
      w.free(buf);
    }
  }

  /** The last epoch's measures: { dReal, dFake, accuracy, w1Slope, meanGap, sdGap } (NaN before the first). */
  measures() {
    const n = this.epoch;
    const h = n > 0 ? this.history(n - 1, n) : null;
    return Object.fromEntries(SERIES.slice(2).map((name) => [name, h ? h[name][0] : NaN]));
  }

  /** Mean D(real) and mean D(fake) of the last epoch (NaN before the first). */
  meanD() {
    const m = this.measures();
    return { real: m.dReal, fake: m.dFake };
  }

  /** Run one epoch, exactly as step(1) would, and return every quantity of it (TRACE_FIELDS), as the
   * C core computed them. With several discriminator steps the d* fields are the last step's. */
  trace() {
    const w = this.#live();
    if (this.diverged) this.#check(w.tg_step(this.#ctx, 0), 'trace');
    const status = w.tg_trace_step(this.#ctx);
    if (status === STATUS.EDIVERGED) return null;
    this.#check(status, 'trace');
    const N = this.nodes;
    const out = { epoch: this.epoch - 1 };
    TRACE_FIELDS.forEach(([name, shape], id) => {
      const ptr = w.tg_trace(this.#ctx, id);
      const len = w.tg_trace_length(this.#ctx, id);
      if (shape === 'rows') out[name] = this.#rows(ptr, len / N, N);
      else if (shape === 'params') {
        const p = this.#f64(ptr, len);
        out[name] = { weights: Array.from(p.subarray(0, N)), bias: p[N] };
      } else out[name] = Array.from(this.#f64(ptr, len));
    });
    return out;
  }

  /** The real images, one array of node values each. */
  real() {
    const w = this.#live();
    return this.#rows(w.tg_real(this.#ctx), this.batch, this.nodes);
  }

  /** Generator snapshots: every 1,000 epochs from 0, and the last epoch run. */
  snapshots() {
    const w = this.#live();
    const N = this.nodes;
    const out = [];
    const count = w.tg_snapshot_count(this.#ctx);
    for (let i = 0; i < count; i++) {
      this.#check(w.tg_snapshot(this.#ctx, i, this.#scratch), 'snapshots');
      const s = this.#f64(this.#scratch, N + 2);
      out.push({ epoch: s[0], generator: { weights: Array.from(s.subarray(1, N + 1)), bias: s[N + 1] } });
    }
    return out;
  }

  /** Draw n latents from the run's own stream (after training: the chapter's L1_test) and their images. */
  sample(n) {
    this.#live();
    if (typeof n !== 'number') throw new TypeError(`sample: n must be a number, got ${typeof n}`);
    if (!Number.isSafeInteger(n) || n < 0 || n > 1e6) {
      throw new RangeError(`sample: n must be an integer from 0 to 1000000, got ${n}`);
    }
    return this.#withBuffers(n, (lat, img) => {
      this.#check(this.#w.tg_sample(this.#ctx, n, lat, img), 'sample');
      return { latent: this.#f64(lat, n).slice(), images: this.#rows(img, n, this.nodes) };
    });
  }

  /** Images of given latents under `generator` ({weights, bias}; default: the current one). Draws
   * nothing from the run's stream, so views can call it freely. */
  generate(latents, generator = null) {
    this.#live();
    const N = this.nodes;
    if (!(Array.isArray(latents) || ArrayBuffer.isView(latents))) {
      throw new TypeError('generate: latents must be an array of numbers');
    }
    const n = latents.length;
    if (n > 1e6) throw new RangeError(`generate: at most 1000000 latents, got ${n}`);
    if (generator !== null && (!Array.isArray(generator?.weights) || generator.weights.length !== N)) {
      throw new TypeError(`generate: generator must be {weights: [${N} numbers], bias}`);
    }
    return this.#withBuffers(n, (lat, img) => {
      this.#f64(lat, n).set(latents);
      let gp = 0;
      if (generator !== null) {
        gp = this.#scratch;
        const p = this.#f64(gp, N + 1);
        p.set(generator.weights);
        p[N] = generator.bias;
      }
      this.#check(this.#w.tg_generate(this.#ctx, gp, n, lat, img), 'generate');
      return this.#rows(img, n, N);
    });
  }

  /** The epochs [from, epoch) of this run and its state after them, as one Float64Array (a copy) that
   * applyChunk() takes into another run of the same configuration standing at epoch `from` (say in a
   * Web Worker's instance of the module), or loadState() continues from. `from` defaults to the
   * current epoch: the state alone. */
  chunk(from = this.epoch) {
    const w = this.#live();
    if (typeof from !== 'number') throw new TypeError(`chunk: from must be a number, got ${typeof from}`);
    const n = w.tg_chunk_length(this.#ctx, from);
    if (n === 0) {
      throw new RangeError(`chunk: from must be an integer from ${this.keptFrom} (the first epoch kept) to ${this.epoch}, got ${from}`);
    }
    const buf = w.malloc(n * 8);
    if (!buf) throw new Error('chunk: out of memory');
    try {
      this.#check(w.tg_chunk_save(this.#ctx, from, buf, n), 'chunk');
      return this.#f64(buf, n).slice();
    } finally {
      w.free(buf);
    }
  }

  /** Take a chunk (another run's chunk(from) with `from` this run's epoch): afterwards this run is as
   * if it had trained those epochs itself. Returns the epochs taken; a run that diverged in them is
   * diverged here too. A chunk of another configuration or epoch throws RangeError, changing nothing. */
  applyChunk(chunk) {
    const start = this.epoch;
    this.#withChunk(chunk, 'applyChunk', (buf, n) => this.#w.tg_chunk_apply(this.#ctx, buf, n));
    return this.epoch - start;
  }

  /** Continue from a chunk's final state (any epoch); history and snapshots begin anew there. */
  loadState(chunk) {
    this.#withChunk(chunk, 'loadState', (buf, n) => this.#w.tg_state_load(this.#ctx, buf, n));
  }

  /** The epoch the history starts at: 0, or the epoch of a loadState(); overview() counts from it. */
  get historyStart() {
    return this.#live().tg_history_start(this.#ctx);
  }

  /** Release the run's memory. Any later use throws. */
  free() {
    if (this.#ctx) {
      this.#w.tg_free(this.#ctx);
      this.#w.free(this.#scratch);
    }
    this.#ctx = 0;
  }

  #live() {
    if (!this.#ctx) throw new Error('tinygan: this run was freed');
    return this.#w;
  }

  // A fresh view each time: the module's memory may have grown (and its old buffer detached).
  #f64(ptr, n) {
    return new Float64Array(this.#w.memory.buffer, ptr, n);
  }

  #rows(ptr, n, N) {
    const flat = this.#f64(ptr, n * N);
    const rows = new Array(n);
    for (let i = 0; i < n; i++) rows[i] = Array.from(flat.subarray(i * N, (i + 1) * N));
    return rows;
  }

  #withBuffers(n, use) {
    const w = this.#w;
    const lat = w.malloc(Math.max(1, n) * 8);
    const img = w.malloc(Math.max(1, n * this.nodes) * 8);
    try {
      if (!lat || !img) throw new Error('tinygan: out of memory');
      return use(lat, img);
    } finally {
      w.free(lat);
      w.free(img);
    }
  }

  #withChunk(chunk, what, call) {
    const w = this.#live();
    if (!(chunk instanceof Float64Array)) throw new TypeError(`${what}: chunk must be a Float64Array from chunk()`);
    const buf = w.malloc(Math.max(1, chunk.length) * 8);
    if (!buf) throw new Error(`${what}: out of memory`);
    try {
      this.#f64(buf, chunk.length).set(chunk);
      const status = call(buf, chunk.length);
      if (status !== STATUS.EDIVERGED) this.#check(status, what);
    } finally {
      w.free(buf);
    }
  }

  #message() {
    return readCString(this.#w, this.#w.tg_message(this.#ctx));
  }

  #check(status, what) {
    if (status === STATUS.OK) return;
    const message = `${what}: ${this.#message()}`;
    if (status === STATUS.EINVAL) throw new RangeError(message);
    throw new Error(message);
  }
}
