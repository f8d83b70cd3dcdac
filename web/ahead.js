// ahead.js: the trainer page's full speed. A Web Worker (train-worker.js) trains the page's run in a
// tinygan instance of its own, on the other core, while this thread draws; each frame the page's run
// takes the chunks that have arrived (run.take), so everything the views read still comes from the
// page's own run, exactly as if it had trained the epochs itself.
//
// A session is one stretch of full-speed play: start() begins one from the run's current state,
// stop() ends it, and chunks of an ended session are dropped: the run is where the page last took it.

export class Ahead {
  #url;
  #worker = null; // started when full speed is chosen: a page that never plays at it needs none
  #session = 0;
  #chunks = []; // arrived for the current session, not yet taken
  #error = null;

  constructor(url = new URL('./train-worker.js', import.meta.url)) {
    this.#url = url;
  }

  #start() {
    this.#worker = new Worker(this.#url, { type: 'module', name: 'tinygan-trainer' });
    this.#worker.addEventListener('message', (e) => this.#message(e.data));
    this.#worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.#error = e.message || 'the training worker failed to start';
    });
    this.#worker.addEventListener('messageerror', () => {
      this.#error = 'a message from the training worker could not be read';
    });
  }

  /** Start the worker now, so that it has loaded its module by the first session. */
  warm() {
    if (this.#worker === null) this.#start();
  }

  /** Why the worker cannot train (a message), or null while it can. */
  get error() {
    return this.#error;
  }

  /** Begin a session: {options, target, state} of the page's run (state: its chunk()). */
  start({ options, target, state }) {
    this.warm();
    this.#session += 1;
    this.#chunks = [];
    this.#worker.postMessage({ type: 'run', session: this.#session, options, target, state }, [state.buffer]);
  }

  stop() {
    this.#session += 1;
    this.#chunks = [];
    this.#worker?.postMessage({ type: 'stop' });
  }

  /** The chunks that arrived since the last take, in order. */
  take() {
    const chunks = this.#chunks;
    this.#chunks = [];
    return chunks;
  }

  /** Tell the worker the page's run stands at `epoch`: it may train on. */
  ack(epoch) {
    this.#worker?.postMessage({ type: 'ack', session: this.#session, epoch });
  }

  #message(msg) {
    if (msg.session !== this.#session) return; // an ended session's
    if (msg.type === 'chunk') this.#chunks.push(msg.chunk);
    else if (msg.type === 'error') this.#error = msg.message;
  }
}
