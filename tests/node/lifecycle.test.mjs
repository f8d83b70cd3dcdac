// Runs as objects: independence, reset, freeing, memory growth, and errors that change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTinyGan, flatParams } from './helpers.mjs';

const tg = await loadTinyGan();

test('two runs in one module do not interfere', () => {
  const alone = tg.create({ seed: 7 });
  alone.step(300);
  const a = tg.create({ seed: 7 });
  const b = tg.create({ seed: 8, batch: 5 });
  for (let i = 0; i < 30; i++) {
    a.step(10);
    b.step(7);
    b.sample(3); // draws from b's stream only
  }
  assert.deepEqual(a.params(), alone.params());
  assert.deepEqual(a.losses(), alone.losses());
  const fresh = tg.create({ seed: 8, batch: 5 });
  fresh.step(7);
  assert.deepEqual(b.losses(0, 7), fresh.losses());
  for (const g of [alone, a, b, fresh]) g.free();
});

test('reset replays the same run', () => {
  const gan = tg.create({ seed: 123, batch: 16, lrG: 0.01, lrD: 0.02 });
  gan.step(500);
  const first = { p: gan.params(), l: gan.losses() };
  gan.reset();
  assert.equal(gan.epoch, 0);
  assert.equal(gan.losses().d.length, 0);
  gan.step(500);
  assert.deepEqual(gan.params(), first.p);
  assert.deepEqual(gan.losses(), first.l);
  gan.free();
});

test('free() then any use is an error; free() twice is harmless', () => {
  const gan = tg.create();
  gan.step(5);
  gan.free();
  for (const use of [() => gan.step(1), () => gan.params(), () => gan.losses(), () => gan.sample(1), () => gan.epoch, () => gan.reset()]) {
    assert.throws(use, /freed/);
  }
  gan.free();
});

test('results survive wasm memory growth (views are re-derived)', () => {
  const small = tg.create();
  small.step(100);
  const before = small.losses();
  const big = tg.create({ batch: 65536, nodes: 16 }); // several MB: memory must grow
  big.step(1);
  assert.deepEqual(small.losses(), before);
  small.step(100);
  const ref = tg.create();
  ref.step(200);
  assert.deepEqual(small.losses(), ref.losses());
  for (const g of [small, big, ref]) g.free();
});

test('bad options and arguments throw, naming what was wrong, and change nothing', () => {
  assert.throws(() => tg.create({ batch: 0 }), { name: 'RangeError', message: /batch.*1.*65536.*0/ });
  assert.throws(() => tg.create({ lrG: -1 }), { name: 'RangeError', message: /lrG/ });
  assert.throws(() => tg.create({ seed: 2 ** 32 }), { name: 'RangeError', message: /seed/ });
  assert.throws(() => tg.create({ seed: 1.5 }), { name: 'RangeError', message: /seed/ });
  assert.throws(() => tg.create({ lrD: NaN }), { name: 'RangeError', message: /lrD/ });
  assert.throws(() => tg.create({ batch: '32' }), { name: 'TypeError', message: /batch/ });
  assert.throws(() => tg.create({ bacth: 32 }), { name: 'TypeError', message: /unknown option 'bacth'/ });
  assert.throws(() => tg.create({ latentLo: 1, latentHi: 0.5 }), { name: 'RangeError', message: /latentLo/ });
  const gan = tg.create();
  gan.step(3);
  const before = { p: gan.params(), e: gan.epoch };
  assert.throws(() => gan.step(-1), { name: 'RangeError', message: /step/ });
  assert.throws(() => gan.step(1.5), { name: 'RangeError', message: /step/ });
  assert.throws(() => gan.step('2'), { name: 'TypeError', message: /step/ });
  assert.throws(() => gan.sample(-2), { name: 'RangeError', message: /sample/ });
  assert.deepEqual({ p: gan.params(), e: gan.epoch }, before);
  gan.step(1); // the stream was not touched: same as an uninterrupted run
  const ref = tg.create();
  ref.step(4);
  assert.deepEqual(flatParams(gan.params()), flatParams(ref.params()));
  gan.free();
  ref.free();
});

test('a diverging run stops at the first non-finite epoch and says so', () => {
  const gan = tg.create({ lrG: 10, lrD: 10 });
  const ran = gan.step(100000);
  assert.ok(ran < 100000, 'lr 10 should diverge');
  assert.equal(gan.diverged, true);
  assert.equal(gan.epoch, ran);
  assert.match(gan.message, new RegExp(`diverged at epoch ${ran}`));
  const { d, g } = gan.losses();
  assert.ok([...d, ...g].every(Number.isFinite), 'no non-finite loss is recorded');
  assert.ok(flatParams(gan.params()).every(Number.isFinite), 'parameters stay finite');
  assert.throws(() => gan.step(1), /diverged/);
  gan.reset();
  assert.equal(gan.diverged, false);
  assert.equal(gan.step(10), 10);
  console.log(`# lr 10 diverged at epoch ${ran}`);
  gan.free();
});
