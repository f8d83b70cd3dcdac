// scheduler.js: owns the page's Web Workers — `size` of them, each with its own wasm instance — and
// hands out jobs from a queue: the next job goes to whichever worker is free, so a slow job never holds
// up the others. Results come back by job index; the caller places them by index, so the outcome does
// not depend on the number of workers or on the order results arrive in.
//
// Cancel terminates the workers at once (a job may be a long run: waiting for it would not feel like
// Cancel) and starts fresh ones, so that the next run starts without the wasm load.

const WORKER_URL = new URL('./worker.js', import.meta.url);

export class Scheduler {
  #size;
  #url;
  #pool = []; // {worker, ready: Promise}
  #active = null; // the run in progress: {jobs, next, done, onResult, resolve, reject}

  constructor(size, url = WORKER_URL) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`Scheduler: size must be an integer >= 1, got ${size}`);
    this.#size = size;
    this.#url = url;
  }

  get size() {
    return this.#size;
  }

  /** Start the workers now (they load their wasm in the background); resolves when all are ready. */
  warm() {
    while (this.#pool.length < this.#size) this.#pool.push(this.#spawn(this.#pool.length));
    return Promise.all(this.#pool.map((p) => p.ready));
  }

  #spawn(id) {
    const worker = new Worker(this.#url, { type: 'module', name: `tinygan-${id}` });
    const slot = { id, worker, busy: false, ready: null };
    slot.ready = new Promise((ok, fail) => {
      slot.readyOk = ok;
      slot.readyFail = fail;
    });
    slot.ready.catch(() => {}); // reported through the run that uses it
    worker.addEventListener('message', (e) => this.#message(slot, e.data));
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.#fail(slot, new Error(`worker ${id}: ${e.message || 'failed to start'}`));
    });
    worker.addEventListener('messageerror', () => this.#fail(slot, new Error(`worker ${id}: a message could not be read`)));
    return slot;
  }

  /**
   * Run `jobs` (an array). onResult(index, result) is called as each finishes. Resolves to
   * {cancelled: false} when all are done, {cancelled: true} after cancel(); rejects on a worker error.
   */
  run(jobs, { onResult }) {
    if (this.#active) return Promise.reject(new Error('Scheduler: a run is already in progress'));
    this.warm();
    return new Promise((resolve, reject) => {
      this.#active = { jobs, next: 0, done: 0, onResult, resolve, reject };
      if (jobs.length === 0) return this.#finish({ cancelled: false });
      for (const slot of this.#pool) this.#feed(slot);
    });
  }

  #feed(slot) {
    const a = this.#active;
    if (!a || slot.busy || a.next >= a.jobs.length) return;
    const index = a.next++;
    slot.busy = true;
    slot.worker.postMessage({ type: 'job', index, job: a.jobs[index] });
  }

  #message(slot, msg) {
    if (msg.type === 'ready') {
      slot.readyOk();
      return;
    }
    if (msg.type === 'error') {
      this.#fail(slot, new Error(msg.message));
      return;
    }
    if (msg.type !== 'result') return;
    slot.busy = false;
    const a = this.#active;
    if (!a) return;
    a.done++;
    try {
      a.onResult(msg.index, msg.result);
    } catch (err) {
      this.#reset();
      this.#finish(null, err);
      return;
    }
    if (a.done === a.jobs.length) this.#finish({ cancelled: false });
    else this.#feed(slot);
  }

  #fail(slot, err) {
    slot.readyFail(err);
    this.#reset();
    this.#finish(null, err);
  }

  #finish(value, err) {
    const a = this.#active;
    this.#active = null;
    if (!a) return;
    if (err) a.reject(err);
    else a.resolve(value);
  }

  /** Stop the run in progress (if any) now: its promise resolves to {cancelled: true}. */
  cancel() {
    if (!this.#active) return;
    this.#reset();
    this.#finish({ cancelled: true });
    this.warm();
  }

  #reset() {
    for (const slot of this.#pool) slot.worker.terminate();
    this.#pool = [];
  }
}
