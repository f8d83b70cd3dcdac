// Exports: the CSV of every epoch's losses and measures (the command line's columns and numbers), the
// run JSON (settings, parameters, snapshots), each chart as PNG — caught as downloads, parsed, and
// checked against tinygan.js in Node and the native command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERIES, loadTinyGan } from '../../dist/tinygan.js';
import { download, finish, ROOT, useBrowser, waitEpoch } from './helpers.mjs';

const env = useBrowser();
const tg = await loadTinyGan();

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

test('exports parse: CSV of every epoch, run JSON, both charts as PNG', async () => {
  const EPOCHS = 1500;
  const { page, problems, context } = await env.open(`?seed=42&epochs=${EPOCHS}&speed=max`);
  await page.click('#play');
  await waitEpoch(page, EPOCHS);
  const gan = tg.create({ seed: 42 });
  gan.step(EPOCHS);
  const ref = gan.losses();
  assert.equal(ref.d.length, EPOCHS);

  const csv = await download(page, '#export-csv');
  assert.equal(csv.name, 'tinygan-seed42-b32-g0.001-d0.001-losses.csv');
  const lines = csv.body.toString('utf8').trimEnd().split('\n');
  assert.equal(lines.length, 1 + EPOCHS);
  // the command line's columns, in its order
  assert.equal(lines[0], 'epoch,loss_d,loss_g,d_real,d_fake,accuracy,w1_slope,mean_gap,sd_gap');
  const h = gan.history();
  for (const t of [0, 1, 2, 999, EPOCHS - 1]) {
    const [e, ...values] = lines[t + 1].split(',').map(Number);
    assert.equal(e, t);
    SERIES.forEach((name, i) => assert.equal(values[i], h[name][t], `${name} of epoch ${t}, exactly`));
  }
  assert.equal(Number(lines[1].split(',')[1]), 1.3180919951137648); // SPEC §3
  // …and the command line's numbers, for the same run (it prints 17 significant digits)
  const dir = await mkdtemp(join(tmpdir(), 'tinygan-csv-'));
  const cliCsv = join(dir, 'cli.csv');
  execFileSync(join(ROOT, 'build/native/tinygan'), ['train', '--epochs', String(EPOCHS), '--print-every', '0', '--losses', cliCsv]);
  const cli = (await readFile(cliCsv, 'utf8')).trimEnd().split('\n');
  await rm(dir, { recursive: true });
  assert.equal(cli[0], lines[0]);
  assert.equal(cli.length, lines.length);
  for (const t of [0, 1, 500, EPOCHS - 1]) {
    assert.deepEqual(lines[t + 1].split(',').map(Number), cli[t + 1].split(',').map(Number), `epoch ${t}: page = CLI`);
  }

  const json = await download(page, '#export-json');
  assert.match(json.name, /-run\.json$/);
  const run = JSON.parse(json.body.toString('utf8'));
  assert.deepEqual(run.settings, { seed: 42, batch: 32, lrG: 0.001, lrD: 0.001, epochs: EPOCHS, gOut: 'linear',
    gLoss: 'non-saturating', real: 'fixed', dSteps: 1, optimizer: 'sgd', momentum: 0.9, nodes: 3, latentLo: 0.4, latentHi: 1 });
  assert.deepEqual(run.measures, gan.measures());
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
  await finish({ context, problems });
});
