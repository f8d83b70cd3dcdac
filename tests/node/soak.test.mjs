// Soak: many runs created and freed, and one very long run. The module's memory must stop growing
// (wasm memory never shrinks, so a leak shows as growth after the first rounds) and stay bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTinyGan } from './helpers.mjs';

const MB = 1024 * 1024;

test('10,000 runs created, stepped and freed: memory stops growing', async () => {
  const tg = await loadTinyGan();
  const cycle = (i) => {
    const gan = tg.create({ seed: i, batch: 1 + (i % 64), nodes: 2 + (i % 15) });
    gan.step(3);
    gan.sample(2);
    gan.free();
  };
  for (let i = 0; i < 1000; i++) cycle(i);
  const after1000 = tg.memoryBytes;
  for (let i = 1000; i < 10000; i++) cycle(i);
  assert.equal(tg.memoryBytes, after1000, `memory grew from ${after1000} to ${tg.memoryBytes} bytes`);
  console.log(`# 10,000 create/free cycles: wasm memory ${(tg.memoryBytes / MB).toFixed(1)} MB`);
});

test('one run of 10,000,000 epochs: memory bounded under 64 MB, and flat once the snapshot store is full', async () => {
  const tg = await loadTinyGan();
  const gan = tg.create();
  const sizes = [];
  for (let millions = 1; millions <= 10; millions++) {
    assert.equal(gan.step(1_000_000), 1_000_000);
    sizes.push(tg.memoryBytes);
  }
  assert.equal(gan.epoch, 10_000_000);
  // The history's ring is full at 262,144 epochs and the snapshot store (4,096) at 4,096,000: from
  // the fifth million on nothing may grow.
  assert.ok(sizes.slice(4).every((s) => s === sizes[4]), `memory grew after 5,000,000 epochs: ${sizes.join(', ')}`);
  assert.ok(sizes.at(-1) < 64 * MB, `wasm memory ${sizes.at(-1)} bytes >= 64 MB`);
  // What stays: the last 262,144 epochs one by one, an overview of the whole run, thinned snapshots.
  assert.equal(gan.keptFrom, 10_000_000 - 262_144);
  const before = tg.memoryBytes;
  assert.throws(() => gan.losses(0, 10), /no longer kept/);
  assert.throws(() => gan.losses(0), /no longer kept/); // 10,000,000 epochs asked for: refused before any allocation
  assert.equal(tg.memoryBytes, before, 'a refused history request grew wasm memory');
  const last = gan.losses(gan.keptFrom);
  assert.equal(last.d.length, 262_144);
  const ov = gan.overview();
  assert.ok(ov.mean.lossD.length <= 1024 && ov.mean.lossD.length * ov.block >= 10_000_000);
  const snaps = gan.snapshots();
  assert.ok(snaps.length <= 4097, `${snaps.length} snapshots`);
  assert.equal(snaps[0].epoch, 0);
  assert.equal(snaps.at(-1).epoch, 9_999_999);
  const gap = snaps[1].epoch - snaps[0].epoch;
  assert.ok(gap >= 2000 && snaps.slice(0, -1).every((s, i) => s.epoch === i * gap), `snapshot spacing ${gap}`);
  console.log(`# 10,000,000 epochs: wasm memory ${(sizes.at(-1) / MB).toFixed(1)} MB; overview blocks of ` +
    `${ov.block} epochs; ${snaps.length} snapshots every ${gap} epochs`);
  gan.free();
});
