// A table of bad calls into tinygan.js: each throws the right error, naming the option (or method),
// and changes nothing: the run goes on exactly as an untouched twin does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { loadTinyGan } from './helpers.mjs';

const tg = await loadTinyGan();

// [options, error class, words the message must contain]
const BAD_OPTIONS = [
  [{ seed: -1 }, RangeError, ['seed', '4294967295', '-1']],
  [{ seed: 2 ** 32 }, RangeError, ['seed', '4294967296']],
  [{ seed: 1.5 }, RangeError, ['seed', '1.5']],
  [{ seed: NaN }, RangeError, ['seed', 'nan']],
  [{ seed: '42' }, TypeError, ['seed', '0 to 4294967295', 'string "42"']],
  [{ seed: 42n }, TypeError, ['seed', '4294967295', 'bigint 42']],
  [{ lrG: undefined }, TypeError, ['lrG', '1e-12 to 100', 'undefined']],
  [{ seed: null }, TypeError, ['seed']],
  [{ batch: 0 }, RangeError, ['batch', '1', '65536', '0']],
  [{ batch: 65537 }, RangeError, ['batch', '65537']],
  [{ batch: 3.2 }, RangeError, ['batch', '3.2']],
  [{ batch: Infinity }, RangeError, ['batch', 'inf']],
  [{ batch: [32] }, TypeError, ['batch']],
  [{ lrG: 0 }, RangeError, ['lrG', '100', '0']],
  [{ lrG: -1e-3 }, RangeError, ['lrG', '-0.001']],
  [{ lrG: 1e6 }, RangeError, ['lrG', '1000000']],
  [{ lrD: -Infinity }, RangeError, ['lrD', 'inf']],
  [{ lrD: true }, TypeError, ['lrD', 'boolean']],
  [{ nodes: 1 }, RangeError, ['nodes', '16', '1']],
  [{ nodes: 17 }, RangeError, ['nodes', '17']],
  [{ latentLo: 1.5 }, RangeError, ['latentLo', 'latentHi']],
  [{ latentHi: 200 }, RangeError, ['latentHi', '200']],
  [{ gOut: 'tanh' }, RangeError, ['gOut', 'linear', 'sigmoid', 'tanh']],
  [{ gOut: 1 }, TypeError, ['gOut']],
  [{ gLoss: 'MINIMAX' }, RangeError, ['gLoss', 'MINIMAX']],
  [{ real: '' }, RangeError, ['real', 'fixed', 'fresh']],
  [{ dSteps: 0 }, RangeError, ['dSteps', '10', '0']],
  [{ dSteps: 2.5 }, RangeError, ['dSteps', '2.5']],
  [{ optimizer: 'rmsprop' }, RangeError, ['optimizer', 'adam', 'rmsprop']],
  [{ momentum: 1 }, RangeError, ['momentum', '1']],
  [{ momentum: '0.9' }, TypeError, ['momentum']],
  [{ bacth: 32 }, TypeError, ["unknown option 'bacth'"]],
  [{ lr: 0.1 }, TypeError, ["unknown option 'lr'"]],
  [{ __proto__: null, toString: 1 }, TypeError, ["unknown option 'toString'"]],
];

test(`create() rejects ${BAD_OPTIONS.length} bad option sets, naming the option, range and value`, () => {
  for (const [options, type, words] of BAD_OPTIONS) {
    assert.throws(() => tg.create(options), (err) => {
      assert.ok(err instanceof type, `${inspect(options)}: ${err.name} is not ${type.name}: ${err.message}`);
      for (const w of words) assert.ok(err.message.includes(w), `${inspect(options)}: '${err.message}' lacks '${w}'`);
      return true;
    });
  }
  for (const notAnObject of [null, 42, 'batch=3', [1]]) assert.throws(() => tg.create(notAnObject), TypeError);
});

// [call, error class, words]
const BAD_CALLS = [
  [(g) => g.step(-1), RangeError, ['step', '-1']],
  [(g) => g.step(1.5), RangeError, ['step', '1.5']],
  [(g) => g.step(NaN), RangeError, ['step', 'NaN']],
  [(g) => g.step(Infinity), RangeError, ['step', 'Infinity']],
  [(g) => g.step(2 ** 60), RangeError, ['step']],
  [(g) => g.step('3'), TypeError, ['step', 'string']],
  [(g) => g.step(null), TypeError, ['step']],
  [(g) => g.sample(-1), RangeError, ['sample', '-1']],
  [(g) => g.sample(0.5), RangeError, ['sample']],
  [(g) => g.sample('2'), TypeError, ['sample']],
  [(g) => g.losses(-1), RangeError, ['losses', '-1']],
  [(g) => g.losses(0, 999), RangeError, ['losses', '999']],
  [(g) => g.losses(3, 2), RangeError, ['losses']],
  [(g) => g.history(0.5), RangeError, ['history']],
  [(g) => g.generate('abc'), TypeError, ['generate']],
  [(g) => g.generate([0.5, NaN]), RangeError, ['generate', 'finite']],
  [(g) => g.generate([0.5], { weights: [1, 2], bias: 0 }), TypeError, ['generate']],
  [(g) => g.generate([0.5], { weights: [1, 2, NaN], bias: 0 }), RangeError, ['generate', 'finite']],
];

test(`${BAD_CALLS.length} bad calls throw and change nothing (epoch, parameters, random stream)`, () => {
  const gan = tg.create({ seed: 9 });
  const twin = tg.create({ seed: 9 });
  gan.step(7);
  twin.step(7);
  for (const [call, type, words] of BAD_CALLS) {
    assert.throws(() => call(gan), (err) => {
      assert.ok(err instanceof type, `${call}: ${err.name} is not ${type.name}: ${err.message}`);
      for (const w of words) assert.ok(err.message.includes(w), `${call}: '${err.message}' lacks '${w}'`);
      return true;
    });
    assert.equal(gan.epoch, twin.epoch);
    assert.deepEqual(gan.params(), twin.params());
  }
  gan.step(5);
  twin.step(5);
  assert.deepEqual(gan.history(), twin.history());
  assert.deepEqual(gan.sample(3), twin.sample(3));
  gan.free();
  twin.free();
});
