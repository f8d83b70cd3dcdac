// The standalone module itself: what it imports and exports, and that it loads both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { ROOT, loadTinyGan, ALLOWED_IMPORTS } from './helpers.mjs';

const bytes = await readFile(`${ROOT}dist/tinygan.wasm`);

test('tinygan.wasm imports nothing beyond the allow-list', () => {
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(bytes)).map((i) => `${i.module}.${i.name}`);
  const extra = imports.filter((name) => !ALLOWED_IMPORTS.includes(name));
  assert.deepEqual(extra, [], `unexpected imports: ${extra.join(', ')}`);
});

test('tinygan.wasm exports the C API, step and sample among it', () => {
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
  for (const name of ['tg_new', 'tg_set', 'tg_reset', 'tg_step', 'tg_sample', 'tg_generate', 'tg_message', 'tg_free']) {
    assert.ok(exports.includes(name), `missing export ${name}`);
  }
});

test('loadTinyGan finds the module beside itself, or takes its bytes', async () => {
  const fromFile = await loadTinyGan();
  const fromBytes = await loadTinyGan({ wasm: bytes });
  const a = fromFile.create();
  const b = fromBytes.create();
  a.step(10);
  b.step(10);
  assert.deepEqual(a.params(), b.params());
  assert.deepEqual(fromFile.defaults, {
    seed: 42, batch: 32, lrG: 0.001, lrD: 0.001, nodes: 3, latentLo: 0.4, latentHi: 1,
    gOut: 'linear', gLoss: 'non-saturating', real: 'fixed', dSteps: 1, optimizer: 'sgd', momentum: 0.9,
  });
});
