// SPEC section 5's options through tinygan.js: each agrees with the native CLI, choices are checked
// by name, the defaults are the chapter's, and a traced epoch is a normal epoch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTinyGan, cli, flatParams, assertClose } from './helpers.mjs';

const tg = await loadTinyGan();

// JS option -> CLI flag: the kebab-case of its name.
const flag = (name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

const MIXES = [
  { gOut: 'sigmoid' },
  { gLoss: 'minimax' },
  { real: 'fresh' },
  { dSteps: 5 },
  { optimizer: 'momentum', momentum: 0.5 },
  { optimizer: 'adam', lrG: 0.01, lrD: 0.01 },
  { nodes: 8 },
  { latentLo: -1, latentHi: 2 },
  { gOut: 'sigmoid', gLoss: 'minimax', real: 'fresh', dSteps: 3, optimizer: 'adam', nodes: 5, batch: 17, seed: 4294967295 },
];

for (const mix of MIXES) {
  test(`wasm equals native for ${JSON.stringify(mix)}`, () => {
    const args = Object.entries(mix).flatMap(([k, v]) => [flag(k), String(v)]);
    const native = JSON.parse(cli('train', '--epochs', '700', '--print-every', '0', '--json', ...args).trim());
    const gan = tg.create(mix);
    assert.equal(gan.step(700), 700);
    const p = gan.params();
    const nativeFlat = flatParams(native); // the CLI's JSON has the same {generator, discriminator} shape
    assertClose(flatParams(p), nativeFlat, 1e-12, 'parameters');
    const m = gan.measures();
    const nm = native.measures;
    assertClose([m.dReal, m.dFake, m.accuracy, m.w1Slope, m.meanGap, m.sdGap],
      [nm.d_real, nm.d_fake, nm.accuracy, nm.w1_slope, nm.mean_gap, nm.sd_gap], 1e-12, 'measures');
    for (const [k, v] of Object.entries(mix)) assert.equal(gan.options[k], v);
    gan.free();
  });
}

test('options are described by the C core; choices go by name', () => {
  const names = tg.options.map((o) => o.name);
  assert.deepEqual(names, ['seed', 'batch', 'lrG', 'lrD', 'nodes', 'latentLo', 'latentHi', 'gOut', 'gLoss', 'real',
    'dSteps', 'optimizer', 'momentum']);
  assert.deepEqual(tg.options.find((o) => o.name === 'optimizer').choices, ['sgd', 'momentum', 'adam']);
  assert.deepEqual(tg.options.find((o) => o.name === 'dSteps'), { name: 'dSteps', id: 10, min: 1, max: 10, integer: true, choices: null, default: 1 });
  assert.throws(() => tg.create({ gOut: 'tanh' }), { name: 'RangeError', message: /gOut must be one of linear, sigmoid, got 'tanh'/ });
  assert.throws(() => tg.create({ optimizer: 2 }), { name: 'TypeError', message: /optimizer/ });
  assert.throws(() => tg.create({ dSteps: 11 }), { name: 'RangeError', message: /dSteps.*1.*10.*11/ });
  assert.throws(() => tg.create({ nodes: 1 }), { name: 'RangeError', message: /nodes/ });
  assert.throws(() => tg.create({ momentum: 1 }), { name: 'RangeError', message: /momentum/ });
  // Spelling out the chapter's defaults changes nothing.
  const a = tg.create(tg.defaults);
  const b = tg.create();
  a.step(200);
  b.step(200);
  assert.deepEqual(a.history(), b.history());
  a.free();
  b.free();
});

test('a traced epoch is the epoch step(1) runs, and its numbers hang together', () => {
  for (const mix of [{}, { gOut: 'sigmoid', gLoss: 'minimax', dSteps: 2, optimizer: 'momentum' }]) {
    const a = tg.create(mix);
    const b = tg.create(mix);
    a.step(25);
    b.step(26);
    const before = a.params();
    const t = a.trace();
    assert.equal(t.epoch, 25);
    assert.equal(a.epoch, 26);
    assert.deepEqual(a.params(), b.params());
    assert.deepEqual(a.history(), b.history());
    assert.deepEqual(t.gBefore, before.generator);
    assert.deepEqual(t.gAfter, a.params().generator);
    assert.deepEqual(t.dAfter, a.params().discriminator);
    assert.deepEqual(t.losses, [a.losses(25).d[0], a.losses(25).g[0]]);
    assert.equal(t.real.length, 32);
    assert.equal(t.dYhat.length, 64);
    assert.deepEqual(t.dDz, t.dYhat.map((y, i) => y - (i < 32 ? 1 : 0)));
    if (!mix.optimizer) {
      // plain SGD: after = before - lr * grad, parameter by parameter
      const lr = a.options.lrD;
      t.dAfter.weights.forEach((w, k) => assert.equal(w, t.dBefore.weights[k] - lr * t.dGrad.weights[k]));
    }
    a.step(10);
    b.step(10);
    assert.deepEqual(a.params(), b.params());
    a.free();
    b.free();
  }
});

test("the chapter run's how-close measures fall from their start as the generator learns", () => {
  const gan = tg.create();
  gan.step(10000);
  const h = gan.history();
  // W1 between slope distributions: 0.536 at epoch 0, lowest around epoch 6000, then the generator
  // overshoots and it rises again (the chapter's run ends with steeper fakes than the reals).
  const at = (t) => h.w1Slope[t];
  assert.ok(at(6000) < at(0) / 5, `w1 ${at(0)} -> ${at(6000)}`);
  assert.ok(h.meanGap[6000] < h.meanGap[0] / 3, `mean gap ${h.meanGap[0]} -> ${h.meanGap[6000]}`);
  assert.ok(at(9999) > at(6000), 'the overshoot after epoch 6000');
  for (const name of ['dReal', 'dFake', 'accuracy']) {
    assert.ok(h[name].every((v) => v >= 0 && v <= 1), `${name} within [0, 1]`);
  }
  gan.free();
});
