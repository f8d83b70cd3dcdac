// worker.js: a module worker with its own tinygan wasm instance. It runs one job at a time, as the
// scheduler hands them out: {type: 'job', index, job} -> {type: 'result', index, result}. It
// says {type: 'ready'} once the module has loaded, and {type: 'error', index, message} if a job throws.

import { loadTinyGan } from '../tinygan.js';
import { runJob } from './jobs.js';

const loaded = loadTinyGan();
loaded.then(
  () => postMessage({ type: 'ready' }),
  (err) => postMessage({ type: 'error', index: -1, message: `could not load the model: ${err.message}` }),
);

addEventListener('message', async (e) => {
  const { type, index, job } = e.data;
  if (type !== 'job') return;
  try {
    const tg = await loaded;
    const result = runJob(tg, job);
    const transfer = result.lossD ? [result.lossD.buffer, result.lossG.buffer] : [];
    postMessage({ type: 'result', index, result }, transfer);
  } catch (err) {
    postMessage({ type: 'error', index, message: err.message });
  }
});
