// Chunks between two module instances (as between a page and its Web Worker): a run trained partly
// elsewhere and taken back chunk by chunk is the same run, bit for bit; bad chunks change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTinyGan, SERIES, CHAPTER_TABLE } from './helpers.mjs';

const here = await loadTinyGan();
const there = await loadTinyGan(); // a second instance: its own memory, as a worker's would be

/** Everything tinygan.js shows of a run. */
function seen(gan) {
  return {
    epoch: gan.epoch, keptFrom: gan.keptFrom, diverged: gan.diverged, params: gan.params(), real: gan.real(),
    history: gan.history(), overview: gan.overview(), snapshots: gan.snapshots(),
  };
}

/** Train `n` epochs of `gan` in the other instance, `pieces` chunks, each taken back at once. */
function trainThere(gan, n, pieces) {
  const worker = there.create(gan.options);
  worker.loadState(gan.chunk());
  assert.equal(worker.epoch, gan.epoch);
  assert.equal(worker.historyStart, gan.epoch);
  for (let p = 0; p < pieces; p++) {
    const from = worker.epoch;
    worker.step(Math.ceil(n / pieces));
    const chunk = worker.chunk(from);
    assert.equal(gan.applyChunk(structuredClone(chunk)), worker.epoch - from);
  }
  worker.free();
}

for (const [name, options] of [
  ['the chapter', {}],
  ['fresh real data, Adam, 2 D steps, sigmoid output', { real: 'fresh', optimizer: 'adam', dSteps: 2, gOut: 'sigmoid' }],
]) {
  test(`${name}: trained here and there in chunks = trained here`, () => {
    const ref = here.create(options);
    ref.step(10000);
    const gan = here.create(options);
    gan.step(1234);
    trainThere(gan, 5000, 4);
    gan.step(66);
    trainThere(gan, 10000 - gan.epoch, 2);
    assert.deepEqual(seen(gan), seen(ref));
    assert.deepEqual(gan.sample(32), ref.sample(32)); // and the stream goes on the same
    ref.free();
    gan.free();
  });
}

test("the chapter's table from a run trained entirely in chunks", () => {
  const gan = here.create();
  trainThere(gan, 10000, 10);
  const d = gan.losses().d;
  const g = gan.losses().g;
  const rows = [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 9999]
    .map((t) => `Epoch ${t}: D_loss = ${d[t].toFixed(4)}, G_loss = ${g[t].toFixed(4)}`);
  assert.equal(`${rows.join('\n')}\n`, CHAPTER_TABLE);
  assert.equal(SERIES.length, Object.keys(gan.history()).length);
  gan.free();
});

test('a run that diverges in a chunk diverges here at the same epoch, with the same message', () => {
  const ref = here.create({ lrG: 10, lrD: 10 });
  ref.step(1000);
  const gan = here.create({ lrG: 10, lrD: 10 });
  trainThere(gan, 1000, 1);
  assert.equal(gan.diverged, true);
  assert.equal(gan.epoch, 138);
  assert.equal(gan.message, ref.message);
  assert.deepEqual(seen(gan), seen(ref));
  ref.free();
  gan.free();
});

test('bad chunks are refused with a message naming what is wrong, and change nothing', () => {
  const gan = here.create();
  gan.step(100);
  const before = seen(gan);
  const other = there.create({ seed: 43 });
  other.step(100);
  const worker = there.create();
  worker.step(150);
  const good = worker.chunk(100);
  const cases = [
    [() => gan.applyChunk(other.chunk(100)), RangeError, /another configuration/],
    [() => gan.applyChunk(worker.chunk(120)), RangeError, /starts at epoch 120, this run is at epoch 100/],
    [() => gan.applyChunk(good.subarray(0, good.length - 1)), RangeError, /expected/],
    [() => gan.applyChunk(Float64Array.from(good, (v, i) => (i === good.length - 9 ? NaN : v))), RangeError, /not finite/],
    [() => gan.applyChunk(new Float64Array(50)), RangeError, /not a tinygan chunk/],
    [() => gan.applyChunk([1, 2, 3]), TypeError, /Float64Array/],
    [() => gan.loadState(other.chunk()), RangeError, /another configuration/],
    [() => worker.chunk(99.5), RangeError, /from must be an integer from 0/],
    [() => worker.chunk(151), RangeError, /to 150/],
  ];
  for (const [call, type, message] of cases) {
    assert.throws(call, (err) => err instanceof type && message.test(err.message), String(message));
  }
  assert.deepEqual(seen(gan), before);
  assert.equal(gan.applyChunk(good), 50); // and the good one still applies
  for (const g of [gan, other, worker]) g.free();
});
