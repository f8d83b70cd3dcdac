// train-worker.js: a module worker that trains the trainer page's run at full speed in a tinygan
// instance of its own, and sends the epochs back in chunks (gan.chunk) for the page's run to take.
//
//   {type: 'run', session, options, target, state}  continue from `state` (the page run's chunk())
//       toward epoch `target`, posting {type: 'chunk', session, chunk} every CHUNK_MS of training,
//       and never more than AHEAD epochs past the last epoch the page has taken
//   {type: 'ack', session, epoch}  the page's run has taken the chunks up to `epoch`
//   {type: 'stop'}  stop training (chunks still on their way are the page's to drop)
// Errors come back as {type: 'error', session, message}.

import { loadTinyGan } from './tinygan.js';

const CHUNK_MS = 4; // of training per chunk: a few chunks per frame keep the page's view fresh
const AHEAD = 1 << 16; // epochs trained beyond what the page has taken, at most

// Loaded when the page chooses full speed, and warmed up: browsers compile wasm in two tiers, and a
// throwaway run gets the model's hot code to the optimized one before the page's first session
// (the first 10,000-epoch runs of a fresh instance measured 3 to 7 times slower per epoch in
// Chromium).
const WARM_EPOCHS = 3000;
const loaded = loadTinyGan().then((tg) => {
  const warm = tg.create();
  warm.step(WARM_EPOCHS);
  warm.chunk(0);
  warm.free();
  return tg;
});
let gan = null;
let made = ''; // the options `gan` was created with, as JSON
let job = null; // {session, target, acked}
let perMs = 50; // epochs per millisecond, learned

// A yield to the event loop (so that 'stop' and 'ack' get through) that is not clamped to 4 ms the
// way nested setTimeout(0) calls are.
const tick = new MessageChannel();
let scheduled = false;
function later() {
  if (scheduled) return;
  scheduled = true;
  tick.port2.postMessage(0);
}
tick.port1.onmessage = () => {
  scheduled = false;
  try {
    work();
  } catch (err) {
    fail(job?.session, err);
  }
};

function work() {
  if (!job || gan.diverged || gan.epoch >= job.target) return;
  if (gan.epoch - job.acked >= AHEAD) return; // the next ack wakes us
  const from = gan.epoch;
  const n = Math.max(1, Math.min(job.target - from, Math.round(perMs * CHUNK_MS)));
  const t0 = performance.now();
  const ran = gan.step(n);
  const ms = performance.now() - t0;
  if (ms > 0.5 && ran > 0) perMs = 0.7 * perMs + 0.3 * (ran / ms);
  const chunk = gan.chunk(from);
  postMessage({ type: 'chunk', session: job.session, chunk }, [chunk.buffer]);
  later();
}

function fail(session, err) {
  job = null;
  postMessage({ type: 'error', session, message: err.message });
}

addEventListener('message', async ({ data }) => {
  let tg;
  try {
    tg = await loaded;
  } catch (err) {
    return fail(data.session, new Error(`could not load the model: ${err.message}`));
  }
  try {
    if (data.type === 'run') {
      const options = JSON.stringify(data.options);
      if (gan === null || options !== made) {
        gan?.free();
        gan = null;
        gan = tg.create(data.options);
        made = options;
      }
      gan.loadState(data.state);
      job = { session: data.session, target: data.target, acked: gan.epoch };
      later();
    } else if (data.type === 'ack') {
      if (job && data.session === job.session) {
        job.acked = data.epoch;
        later();
      }
    } else if (data.type === 'stop') {
      job = null;
    }
  } catch (err) {
    fail(data.session, err);
  }
});
