// A run longer than the model keeps one by one (262,144 epochs): the page stays bounded — every chart
// at most 2,000 points per series, a gallery of at most a dozen snapshots — and its CSV holds the kept
// epochs, saying so. The target may go up to 10,000,000 epochs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTinyGan } from '../../dist/tinygan.js';
import { download, finish, readouts, useBrowser, waitEpoch } from './helpers.mjs';

const env = useBrowser();
const tg = await loadTinyGan();

test('300,000 epochs: bounded charts and gallery, and a CSV of the last 262,144 epochs', async () => {
  const EPOCHS = 300000;
  const entry = await env.open(`?batch=4&epochs=${EPOCHS}&speed=max`);
  const { page } = entry;
  await page.click('#play');
  await waitEpoch(page, EPOCHS, 120000);
  const r = await readouts(page);
  assert.equal(r.status, `Done: epochs 0–${EPOCHS - 1} trained.`);

  const gan = tg.create({ batch: 4 });
  gan.step(EPOCHS);
  assert.equal(r.lossD, gan.losses(EPOCHS - 1, EPOCHS).d[0].toFixed(4));

  const points = await page.evaluate(() => ['loss-chart', 'close-chart', 'view-chart', 'profiles-chart']
    .map((id) => Math.max(...window.Chart.getChart(document.getElementById(id)).data.datasets.map((d) => d.data.length))));
  // at most 500 points a series, and more than half that once buckets have merged
  for (const n of points.slice(0, 3)) assert.ok(n > 250 && n <= 500, `${n} points`);
  // the gallery: every 50,000 epochs, and the last
  const captions = await page.locator('#gallery figcaption').allTextContents();
  assert.deepEqual(captions, ['Real images', 'Epoch 0', 'Epoch 50000', 'Epoch 100000', 'Epoch 150000', 'Epoch 200000',
    'Epoch 250000', 'Epoch 299999 (last)']);
  assert.equal(await page.locator('#gallery .snap.pending').count(), 0);
  assert.match(await page.textContent('#gallery-note'), /every 50,000 epochs/);

  const csv = (await download(page, '#export-csv')).body.toString('utf8').trimEnd().split('\n');
  const from = gan.keptFrom;
  assert.equal(from, EPOCHS - 262144);
  assert.equal(csv.length, 1 + 262144);
  assert.equal(Number(csv[1].split(',')[0]), from);
  assert.equal(Number(csv[1].split(',')[1]), gan.losses(from, from + 1).d[0]);
  assert.match((await readouts(page)).status, new RegExp(`^The CSV holds epochs ${from} to ${EPOCHS - 1}`));
  gan.free();
  await finish(entry);
});

test('the target may be 10,000,000 epochs, and no more', async () => {
  const entry = await env.open('?epochs=10000000&speed=max');
  const { page } = entry;
  assert.equal(await page.textContent('#epoch-target'), 'of 10000000');
  assert.equal(await page.locator('#gallery figcaption').count(), 1 + 11);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) > 20000);
  await page.click('#play');
  await page.waitForFunction(() => document.getElementById('app').dataset.state === 'paused');
  await finish(entry);
  const over = await env.open('?epochs=10000001');
  assert.match(await over.page.textContent('#notice'), /epochs = “10000001”: must be a whole number from 1 to 10000000/);
  await finish(over);
});
