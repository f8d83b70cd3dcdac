// Exports: the losses CSV (every epoch), the run JSON (settings, parameters, snapshots), each chart
// as PNG — caught as downloads, parsed, and checked against tinygan.js in Node.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTinyGan } from '../../dist/tinygan.js';
import { download, setup, waitEpoch } from './helpers.mjs';

let env;
let tg;
before(async () => {
  env = await setup();
  tg = await loadTinyGan();
});
after(() => env?.close());

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

test('exports parse: CSV of every epoch, run JSON, both charts as PNG', async () => {
  const EPOCHS = 1500;
  const { page, problems, context } = await env.open(`?seed=42&epochs=${EPOCHS}&speed=max`);
  await page.click('#play');
  await waitEpoch(page, EPOCHS);
  const gan = tg.create({ seed: 42 });
  gan.step(EPOCHS);
  const ref = gan.losses();

  const csv = await download(page, '#export-csv');
  assert.equal(csv.name, 'tinygan-seed42-b32-g0.001-d0.001-losses.csv');
  const lines = csv.body.toString('utf8').trimEnd().split('\n');
  assert.equal(lines.length, 1 + EPOCHS);
  assert.equal(lines[0], 'epoch,loss_d,loss_g');
  for (const t of [0, 1, 2, 999, EPOCHS - 1]) {
    const [e, d, g] = lines[t + 1].split(',').map(Number);
    assert.equal(e, t);
    assert.equal(d, ref.d[t], `loss_d of epoch ${t}, exactly`);
    assert.equal(g, ref.g[t], `loss_g of epoch ${t}, exactly`);
  }
  assert.equal(Number(lines[1].split(',')[1]), 1.3180919951137648); // SPEC §3

  const json = await download(page, '#export-json');
  assert.match(json.name, /-run\.json$/);
  const run = JSON.parse(json.body.toString('utf8'));
  assert.deepEqual(run.settings, { seed: 42, batch: 32, lrG: 0.001, lrD: 0.001, epochs: EPOCHS });
  assert.equal(run.epoch, EPOCHS);
  assert.deepEqual(run.params, gan.params());
  assert.equal(run.loss_d, ref.d[EPOCHS - 1]);
  assert.deepEqual(run.snapshots.map((s) => s.epoch), [0, 1000, EPOCHS - 1]);
  assert.deepEqual(run.snapshots[1].generator, gan.snapshots()[1].generator);
  assert.equal(run.real.length, 32);
  assert.equal(new URL(run.url).searchParams.get('epochs'), String(EPOCHS));
  gan.free();

  for (const [button, suffix] of [['#export-loss-png', '-losses.png'], ['#export-profiles-png', '-profiles.png']]) {
    const png = await download(page, button);
    assert.ok(png.name.endsWith(suffix), png.name);
    assert.deepEqual(png.body.subarray(0, 8), PNG, `${png.name} starts with the PNG signature`);
    assert.ok(png.body.length > 5000, `${png.name} holds a picture (${png.body.length} bytes)`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
