// The many-runs page (many.html): its DOM-free modules in Node, then the seed ensemble and the
// stability map end to end in headless chromium — numbers checked against the same runs in Node with
// dist/tinygan.js, diverged cells marked, a cell's link loading that run in the trainer, Cancel, the
// same numbers on 1 and 2 workers, bad URL parameters, and screenshots (build/screenshots/many-*.png).
// Every page test also asserts zero console errors and zero requests outside the page's origin.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { download, finish, ROOT, shownSettings, useBrowser, waitReady } from './helpers.mjs';
import { bandData, mapCells, nodeRun, nodeTinyGan, openMany, runView, spreadSeeds } from './many-helpers.mjs';
import {
  defaults, ensembleSeed, fromQuery, gridRates, modelOptions, settingsTable, toQuery, trainerQuery, workerCount,
} from '../../web/many/settings.js';
import { bands, niceCeil, quantileSorted, spread } from '../../web/many/stats.js';
import { blockMeans, blocks } from '../../web/many/jobs.js';
import { summarize } from '../../web/many/frames.js';

const SHOTS = join(ROOT, 'build', 'screenshots');
const SMALL_ENSEMBLE = 'seeds=6&epochs=2000';
const SMALL_MAP = 'grid=4&lrMin=0.01&lrMax=10&mapEpochs=1000'; // η = 0.01, 0.1, 1, 10: three cells diverge

const env = useBrowser();
let table;
before(async () => {
  table = settingsTable((await nodeTinyGan()).options);
  await mkdir(SHOTS, { recursive: true });
});

// ---- DOM-free modules ------------------------------------------------------------------------------------

test('settings: the trainer’s names and ranges, the page’s defaults, and fallbacks with a notice', () => {
  const d = defaults(table);
  assert.equal(d.seed, 42);
  assert.equal(d.lrG, 0.001);
  assert.equal(d.optimizer, 'sgd');
  assert.equal(d.epochs, 10000);
  assert.equal(d.seeds, 50);
  assert.equal(d.grid, 20);
  assert.equal(d.mapEpochs, 5000);
  assert.equal(d.lrMin, 1e-4);
  assert.equal(d.lrMax, 1);
  assert.equal(d.workers, null);
  assert.deepEqual(Object.keys(modelOptions(d, table)).sort(),
    ['batch', 'dSteps', 'gLoss', 'gOut', 'latentHi', 'latentLo', 'lrD', 'lrG', 'momentum', 'nodes', 'optimizer', 'real', 'seed']);

  const custom = fromQuery('?seed=7&batch=16&lrG=0.002&lrD=5e-4&epochs=300&optimizer=ADAM&nodes=5&seeds=3&grid=5&speed=max', table);
  assert.deepEqual(custom.problems, []);
  assert.equal(custom.settings.optimizer, 'adam');
  assert.equal(custom.settings.lrD, 0.0005);
  assert.equal(custom.settings.speed, 'max');
  assert.deepEqual(fromQuery(toQuery(custom.settings, table), table).settings, custom.settings);
  assert.equal(toQuery(d, table), '?seed=42&batch=32&lrG=0.001&lrD=0.001&epochs=10000');

  const bad = fromQuery('?seeds=0&grid=abc&epochs=1e3&lrG=0&optimizer=rmsprop&colour=red&workers=99', table);
  assert.deepEqual(bad.problems.map((p) => p.name), ['seeds', 'grid', 'epochs', 'lrG', 'optimizer', 'colour', 'workers']);
  assert.deepEqual(bad.settings, d);
  const swapped = fromQuery('?lrMin=1&lrMax=0.1', table);
  assert.equal(swapped.problems.length, 1);
  assert.equal(swapped.settings.lrMin, 1e-4);
  // a combination the C core refuses: the model options fall back, and say why
  const refused = fromQuery('?latentLo=2&latentHi=1', table, (o) => {
    if (!(o.latentLo < o.latentHi)) throw new Error(`create: latentLo must be below latentHi, got ${o.latentLo} and ${o.latentHi}`);
  });
  assert.match(refused.problems[0].message, /^latentLo must be below latentHi.*using the default model options/);
  assert.equal(refused.settings.latentLo, 0.4);
});

test('settings: grid rates, ensemble seeds, links to the trainer, worker count', () => {
  const r = gridRates(1e-4, 1, 20);
  assert.equal(r.length, 20);
  assert.equal(r[0], 0.0001);
  assert.equal(r[19], 1);
  assert.equal(r[1], 0.000162);
  for (let i = 1; i < 20; i++) {
    assert.ok(r[i] > r[i - 1]);
    assert.equal(Number(r[i].toPrecision(3)), r[i], 'rounded to 3 significant digits');
    assert.ok(Math.abs(Math.log10(r[i] / r[i - 1]) - 4 / 19) < 0.01, 'log-spaced');
  }
  assert.deepEqual(gridRates(0.01, 10, 4), [0.01, 0.1, 1, 10]);
  assert.equal(ensembleSeed(42, 7), 49);
  assert.equal(ensembleSeed(4294967295, 1), 0);
  const s = { ...defaults(table), optimizer: 'adam', speed: 100 };
  assert.equal(trainerQuery(s, table, { lrG: 0.5, lrD: 0.0316, epochs: 5000 }),
    '?seed=42&batch=32&lrG=0.5&lrD=0.0316&epochs=5000&optimizer=adam&speed=100');
  assert.equal(trainerQuery(defaults(table), table, { seed: 50 }), '?seed=50&batch=32&lrG=0.001&lrD=0.001&epochs=10000');
  assert.equal(workerCount(null, 2), 2);
  assert.equal(workerCount(null, 64), 8);
  assert.equal(workerCount(null, undefined), 1);
  assert.equal(workerCount(1, 2), 1);
});

test('statistics: quantiles as numpy’s default, per-block bands, block means, frame summary', () => {
  assert.equal(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
  assert.ok(Math.abs(quantileSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.1) - 1.9) < 1e-12);
  assert.ok(Number.isNaN(quantileSorted([], 0.5)));
  const sp = spread([3, NaN, 1, 2]);
  assert.deepEqual([sp.p50, sp.n], [2, 3]);
  const b = bands([Float64Array.of(1, 5), Float64Array.of(3, NaN), Float64Array.of(2, 7)]);
  assert.deepEqual([...b.p50], [2, 6]);
  assert.deepEqual(blocks(2000, 1000), { width: 2, count: 1000 });
  assert.deepEqual(blocks(10000, 1000), { width: 10, count: 1000 });
  assert.deepEqual(blocks(1001, 1000), { width: 2, count: 501 });
  assert.deepEqual(blocks(7, 1000), { width: 1, count: 7 });
  assert.deepEqual([...blockMeans([1, 2, 3, 4, 5], 2, 4)], [1.5, 3.5, 5, NaN]);
  assert.equal(niceCeil(0.566), 0.6);
  assert.equal(niceCeil(0.042), 0.05);
  const f = summarize(Array.from({ length: 100 }, (_, i) => i + 1));
  assert.deepEqual([f.frames, f.p50, f.p95, f.max], [100, 50, 95, 100]);
});

// ---- the seed ensemble ---------------------------------------------------------------------------------------

test('an ensemble whose every seed diverges says so, and its axis still spans the starting measure', async () => {
  const { page, problems, context } = await openMany(env, 'seeds=3&epochs=3000&lrG=5&lrD=5');
  await runView(page, 'ensemble');
  assert.match(await page.textContent('#status'), /^Done: 3 seeds × 3\u2009000 epochs \(every one diverged before the end\) in \d+\.\d+ s\.$/);
  assert.match(await page.textContent('#ensemble-summary'), /3 of 3 seeds diverged .*every seed diverged/);
  const ticks = (await page.locator('#spread svg text').allTextContents()).map(Number).filter(Number.isFinite);
  assert.ok(Math.max(...ticks) >= 0.5, `the how-close axis ends at ${Math.max(...ticks)}`);
  assert.equal(await page.textContent('#spread .diverged-count'), '3 of 3');
  await finish({ context, problems });
});

test('seed ensemble end to end: medians and bands drawn, every seed’s final measure equals a Node run', async () => {
  const { page, problems, context } = await openMany(env, SMALL_ENSEMBLE);
  assert.match(await page.textContent('#status'), /^Ready: 2 workers/);
  await runView(page, 'ensemble');
  assert.match(await page.textContent('#status'), /^Done: 6 seeds × 2\u2009000 epochs in/);
  assert.match(await page.textContent('#ensemble-caption'), /^Seeds 42–47 · 2\u2009000 epochs each · B 32 · ηG 0\.001 · ηD 0\.001\./);

  // Node: the six runs, their block means (2 epochs per block) and the per-block quantiles
  const runs = [];
  for (let i = 0; i < 6; i++) runs.push(await nodeRun({ seed: 42 + i }, 2000));
  assert.ok(runs.every((r) => !r.diverged));
  const drawn = await spreadSeeds(page);
  assert.deepEqual(drawn.map((s) => s.seed), [42, 43, 44, 45, 46, 47]);
  drawn.forEach((s, i) => {
    assert.equal(s.state, 'done');
    assert.equal(Number(s.value), runs[i].w1Slope, `seed ${s.seed}: final w1Slope`);
    assert.equal(new URL(s.href, 'http://x/').search, `?seed=${s.seed}&batch=32&lrG=0.001&lrD=0.001&epochs=2000`);
  });

  const sets = await bandData(page);
  assert.deepEqual(sets.map((d) => d.label), ['Discriminator 10 %', 'Discriminator 90 %', 'Discriminator loss, median',
    'Generator 10 %', 'Generator 90 %', 'Generator loss, median', 'D at equilibrium: 2·ln 2 ≈ 1.386',
    'G at equilibrium: ln 2 ≈ 0.693']);
  for (const d of sets.slice(0, 6)) assert.equal(d.data.length, 1000, `${d.label}: one point per block of 2 epochs`);
  assert.deepEqual(sets[6].data, [{ x: 0, y: 2 * Math.LN2 }, { x: 2000, y: 2 * Math.LN2 }]);
  const q = (values, p) => {
    const s = [...values].sort((a, b) => a - b);
    const h = (s.length - 1) * p;
    return s[Math.floor(h)] + (h - Math.floor(h)) * (s[Math.ceil(h)] - s[Math.floor(h)]);
  };
  for (const [series, offset] of [['lossD', 0], ['lossG', 3]]) {
    for (const k of [0, 1, 499, 999]) {
      const means = runs.map((r) => (r[series][2 * k] + r[series][2 * k + 1]) / 2);
      assert.equal(sets[offset + 2].data[k].x, 2 * k + 0.5);
      assert.ok(Math.abs(sets[offset + 2].data[k].y - q(means, 0.5)) < 1e-12, `${series} median, block ${k}`);
      assert.ok(Math.abs(sets[offset].data[k].y - q(means, 0.1)) < 1e-12, `${series} 10 %, block ${k}`);
      assert.ok(Math.abs(sets[offset + 1].data[k].y - q(means, 0.9)) < 1e-12, `${series} 90 %, block ${k}`);
      assert.ok(sets[offset].data[k].y <= sets[offset + 2].data[k].y && sets[offset + 2].data[k].y <= sets[offset + 1].data[k].y);
    }
  }
  // the spread's median line and the summary say the same as the runs
  const w = runs.map((r) => r.w1Slope);
  const label = await page.textContent('#spread .q-label.median');
  assert.equal(label, `median ${Number(q(w, 0.5).toPrecision(3))}`);
  assert.match(await page.textContent('#ensemble-summary'), /No seed diverged \(6 of 6 done\)\./);

  // the CSV holds the same numbers at full precision
  const file = await download(page, '#ensemble-csv');
  assert.equal(file.name, 'tinygan-ensemble-seed42x6-b32-g0.001-d0.001-e2000.csv', 'the name says the configuration');
  const csv = file.body.toString().trim().split('\n');
  assert.equal(csv[0], 'seed,epochs_run,diverged_at,w1_slope,loss_d,loss_g,d_real,d_fake,accuracy,mean_gap,sd_gap');
  csv.slice(1).forEach((line, i) => {
    const f = line.split(',');
    assert.equal(Number(f[0]), 42 + i);
    assert.equal(Number(f[3]), runs[i].w1Slope);
    assert.equal(Number(f[4]), runs[i].lossD[1999]);
  });

  // a seed's tooltip on keyboard focus
  await page.focus('#spread a.seed[tabindex="0"]');
  assert.match(await page.textContent('#spread .tip'), /^Seed \d+How close after 2\u2009000 epochs: 0\.\d+/);
  await finish({ context, problems });
});

test('seed ensemble: diverged seeds are counted apart and left out of the bands', async () => {
  const { page, problems, context } = await openMany(env, 'seeds=4&epochs=400&lrG=3&lrD=3');
  await runView(page, 'ensemble');
  const nodeRuns = [];
  for (let i = 0; i < 4; i++) nodeRuns.push(await nodeRun({ seed: 42 + i, lrG: 3, lrD: 3 }, 400));
  const drawn = await spreadSeeds(page);
  drawn.forEach((s, i) => {
    assert.equal(s.state, nodeRuns[i].diverged ? 'diverged' : 'done', `seed ${s.seed}`);
    if (nodeRuns[i].diverged) assert.equal(Number(s.divergedAt), nodeRuns[i].epoch);
  });
  const bad = nodeRuns.filter((r) => r.diverged).length;
  assert.ok(bad > 0, 'η = 3 diverges within 400 epochs for some seed');
  assert.equal(await page.locator('#spread a.seed[data-state="diverged"] path.cross').count(), bad);
  assert.match(await page.textContent('#spread svg'), new RegExp(`diverged${bad} of 4`));
  assert.match(await page.textContent('#ensemble-summary'), new RegExp(`${bad} of 4 seeds diverged`));
  await finish({ context, problems });
});

test('seed ensemble: the min-max generator loss gets the trainer’s scale, down to −1 with G’s reference at ln ½', async () => {
  const { page, problems, context } = await openMany(env, 'seeds=2&epochs=200&gLoss=minimax');
  await runView(page, 'ensemble');
  const sets = await bandData(page);
  assert.equal(sets[7].label, 'G at equilibrium: ln ½ ≈ −0.693');
  assert.deepEqual(sets[7].data, [{ x: 0, y: -Math.LN2 }, { x: 200, y: -Math.LN2 }]);
  const gMedian = sets[5].data.map((p) => p.y);
  assert.ok(gMedian.length > 0 && gMedian.every((y) => y < 0), 'the min-max generator loss is negative throughout');
  const yMin = await page.evaluate(() => globalThis.Chart.getChart(document.getElementById('ensemble-chart')).scales.y.min);
  assert.equal(yMin, -1);
  await finish({ context, problems });
});

// ---- the stability map ------------------------------------------------------------------------------------

test('stability map end to end: values equal Node runs, diverged cells marked, tooltips, keyboard, link to the trainer', async () => {
  const { page, problems, context } = await openMany(env, SMALL_MAP);
  // before a run: the grid is laid out, every cell pending and already a link
  let cells = await mapCells(page);
  assert.equal(cells.length, 16);
  assert.ok(cells.every((c) => c.state === 'pending'));
  await runView(page, 'map');
  assert.match(await page.textContent('#status'), /^Done: 16 cells × 1\u2009000 epochs in/);
  cells = await mapCells(page);
  const rates = [0.01, 0.1, 1, 10];
  let diverged = 0;
  for (const c of cells) {
    assert.equal(c.lrG, rates[c.index % 4]);
    assert.equal(c.lrD, rates[Math.floor(c.index / 4)]);
    const run = await nodeRun({ lrG: c.lrG, lrD: c.lrD }, 1000);
    if (run.diverged) {
      diverged++;
      assert.equal(c.state, 'diverged', `cell η_G ${c.lrG}, η_D ${c.lrD}`);
      assert.equal(Number(c.divergedAt), run.epoch);
      assert.equal(c.fill, 'url(#many-hatch)');
      assert.ok(c.crossed);
      assert.equal(c.value, null);
    } else {
      assert.equal(c.state, 'done');
      assert.equal(Number(c.value), run.w1Slope, `cell η_G ${c.lrG}, η_D ${c.lrD}`);
      assert.match(c.fill, /^rgb\(/);
      assert.ok(!c.crossed);
    }
    assert.equal(new URL(c.href, 'http://x/').search, `?seed=42&batch=32&lrG=${c.lrG}&lrD=${c.lrD}&epochs=1000`);
  }
  assert.equal(diverged, 3, 'η_G × η_D = 1 × 10, 10 × 1 and 10 × 10 diverge within 1,000 epochs');
  assert.equal((await mapCells(page)).find((c) => c.lrG === 10 && c.lrD === 10).divergedAt, '138');
  assert.match(await page.textContent('#map-summary'), /^16 of 16 cells trained; 3 diverged\. Closest: /);

  // the legend names the scale and the diverged marking
  assert.match(await page.textContent('#legend'), /How close.*diverged/);

  // one tab stop; arrow keys move; the tooltip follows the focus
  assert.equal(await page.locator('#heatmap a.cell[tabindex="0"]').count(), 1);
  await page.focus('#heatmap a.cell[tabindex="0"]'); // cell 0: η_G 0.01, η_D 0.01
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp'); // η_G 10, η_D 10
  assert.equal(await page.evaluate(() => document.activeElement.dataset.index), '15');
  assert.equal(await page.isVisible('#heatmap .tip'), true);
  assert.equal(await page.textContent('#heatmap .tip'), 'ηG 10 · ηD 10Diverged at epoch 138: the weights blew up.Click to open this run in the trainer.');
  assert.match(await page.getAttribute('#heatmap a.cell[data-index="15"]', 'aria-label'), /Diverged at epoch 138/);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowDown'); // η_G 1, η_D 1
  assert.match(await page.textContent('#heatmap .tip'), /^ηG 1 · ηD 1How close: 0\.04\d+Final loss D \d\.\d{4}, G \d\.\d{4}/);
  await page.keyboard.press('Escape'); // dismisses the tip; the focus stays on the cell
  assert.equal(await page.isVisible('#heatmap .tip'), false);
  assert.equal(await page.evaluate(() => document.activeElement.matches('a.cell')), true);

  // Enter opens that run in the trainer page, which loads it
  await Promise.all([page.waitForURL(/\/index\.html\?/), page.keyboard.press('Enter')]);
  const q = Object.fromEntries(new URL(page.url()).searchParams);
  assert.deepEqual(q, { seed: '42', batch: '32', lrG: '1', lrD: '1', epochs: '1000' });
  await waitReady(page);
  const shown = await shownSettings(page);
  assert.deepEqual([shown.lrG, shown.lrD, shown.epochs], ['1', '1', '1000']);
  assert.equal(await page.isVisible('#notice'), false, 'the trainer took every parameter');
  await finish({ context, problems });
});

test('stability map: clicking a cell navigates to the trainer with that cell’s rates', async () => {
  const { page, problems, context } = await openMany(env, 'grid=3&lrMin=0.001&lrMax=0.1&mapEpochs=200&optimizer=momentum&seeds=2&epochs=300');
  // (the trainer loading a run is checked above; here only the link, so a stand-in answers for it)
  await context.route((url) => url.pathname.endsWith('/index.html'),
    (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>trainer</title>' }));
  await runView(page, 'ensemble');
  assert.match(page.url(), /&run=ensemble$/);
  await runView(page, 'map');
  assert.match(page.url(), /&run=both$/);
  await Promise.all([page.waitForURL(/\/index\.html\?/), page.click('#heatmap a.cell[data-index="5"]')]);
  assert.deepEqual(Object.fromEntries(new URL(page.url()).searchParams),
    { seed: '42', batch: '32', lrG: '0.1', lrD: '0.01', epochs: '200', optimizer: 'momentum' });
  // Back: the address says run=both, so both finished views are drawn again
  await Promise.all([page.waitForURL(/\/many\.html\?.*&run=both$/), page.goBack()]);
  await page.waitForFunction(() => document.getElementById('map').dataset.state === 'done'
    && document.getElementById('ensemble').dataset.state === 'done');
  assert.equal(await page.locator('#heatmap a.cell[data-state="done"]').count(), 9);
  assert.equal((await spreadSeeds(page)).length, 2);
  await finish({ context, problems });
});

// ---- Cancel, determinism, URL -----------------------------------------------------------------------------

test('Cancel stops the default map at once, keeps what finished, and the page is ready for the next run', async () => {
  const { page, problems, context } = await openMany(env, '');
  await page.click('#run-map');
  assert.equal(await page.getAttribute('#many', 'data-state'), 'running');
  assert.equal(await page.isDisabled('#run-ensemble'), true);
  assert.equal(await page.isDisabled('#set-seed'), true);
  await page.waitForFunction(() => document.querySelectorAll('#heatmap a.cell[data-state="done"]').length >= 12);
  // the page stays responsive while the workers run: a click is handled within a frame or two
  const t0 = Date.now();
  await page.click('#cancel');
  await page.waitForFunction(() => document.getElementById('many').dataset.state === 'ready', null, { timeout: 2000 });
  assert.ok(Date.now() - t0 < 2000);
  assert.equal(await page.getAttribute('#map', 'data-state'), 'partial');
  const done = await page.locator('#heatmap a.cell[data-state="done"]').count();
  assert.ok(done >= 12 && done < 400, `${done} cells done`);
  assert.match(await page.textContent('#status'), new RegExp(`^Cancelled after ${done} of 400 cells`));
  assert.equal(await page.isDisabled('#cancel'), true);
  assert.equal(await page.isEnabled('#run-map'), true);
  await page.waitForTimeout(400);
  assert.equal(await page.locator('#heatmap a.cell[data-state="done"]').count(), done, 'no result arrives after Cancel');

  // the fresh workers take the next run
  await page.fill('#set-seeds', '3');
  await page.dispatchEvent('#set-seeds', 'change');
  await page.fill('#set-epochs', '500');
  await page.dispatchEvent('#set-epochs', 'change');
  assert.equal(new URL(page.url()).search, '?seed=42&batch=32&lrG=0.001&lrD=0.001&epochs=500&seeds=3');
  await runView(page, 'ensemble');
  assert.equal((await spreadSeeds(page)).length, 3);
  await finish({ context, problems });
});

test('Cancel of an ensemble: its caption says how many of the seeds the pictures show', async () => {
  const { page, problems, context } = await openMany(env, 'seeds=200&epochs=100000');
  await page.click('#run-ensemble');
  await page.waitForFunction(() => /^[1-9]\d* \//.test(document.getElementById('progress-count').textContent));
  await page.click('#cancel');
  await page.waitForFunction(() => document.getElementById('many').dataset.state === 'ready');
  const status = await page.textContent('#status');
  const n = Number(/^Cancelled after (\d+) of 200 seeds/.exec(status)?.[1]);
  assert.ok(n >= 1 && n < 200, status);
  assert.match(await page.textContent('#ensemble-caption'),
    new RegExp(`^${n} of seeds 42–241 \\(the rest were cancelled\\) · 100\u2009000 epochs each`));
  await finish({ context, problems });
});

test('the same settings give the same numbers on 1 and on 2 workers', async () => {
  const outputs = [];
  for (const workers of [1, 2]) {
    const { page, problems, context } = await openMany(env, `${SMALL_ENSEMBLE}&${SMALL_MAP}&workers=${workers}`);
    assert.match(await page.textContent('#status'), new RegExp(`^Ready: ${workers} worker${workers > 1 ? 's' : ''}`));
    await runView(page, 'ensemble');
    await runView(page, 'map');
    const cells = await download(page, '#map-csv');
    assert.equal(cells.name, 'tinygan-map-seed42-b32-4x4-eta0.01-10-e1000.csv');
    assert.match(cells.body.toString(), /^lr_g,lr_d,epochs_run,diverged_at,w1_slope,/);
    outputs.push({
      seeds: (await download(page, '#ensemble-csv')).body.toString(),
      cells: cells.body.toString(),
      bands: JSON.stringify(await bandData(page)),
      drawn: JSON.stringify(await mapCells(page)),
    });
    await finish({ context, problems });
  }
  assert.equal(outputs[0].seeds.split('\n').length, 8);
  assert.equal(outputs[0].cells.split('\n').length, 18);
  assert.equal(outputs[1].seeds, outputs[0].seeds);
  assert.equal(outputs[1].cells, outputs[0].cells);
  assert.equal(outputs[1].bands, outputs[0].bands);
  assert.equal(outputs[1].drawn, outputs[0].drawn);
});

test('every request, the workers’ included, goes to the page’s own origin', async () => {
  const context = await env.browser.newContext();
  const urls = [];
  context.on('request', (r) => urls.push(r.url()));
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${env.url}many.html?seeds=4&epochs=300&workers=2`);
  await page.waitForFunction(() => document.getElementById('many').dataset.state === 'ready');
  await runView(page, 'ensemble');
  const own = (u) => new URL(u.startsWith('blob:') ? u.slice(5) : u).origin === env.origin;
  assert.deepEqual(urls.filter((u) => !own(u)), []);
  const count = (path) => urls.filter((u) => new URL(u).pathname === path).length;
  assert.equal(count('/many/worker.js'), 2, 'one module worker per worker');
  assert.equal(count('/tinygan.wasm'), 3, 'the page’s own instance (for the option table) and one per worker');
  assert.deepEqual(errors, []);
  await context.close();
});

test('bad URL parameters fall back to their defaults with a notice naming each', async () => {
  const { page, problems, context } = await openMany(env, 'seeds=0&grid=abc&lrMin=1&lrMax=0.01&optimizer=rmsprop&colour=red&speed=100&seed=1&seed=3');
  assert.equal(await page.isVisible('#notice'), true);
  const items = await page.locator('#notice-list li').allTextContents();
  assert.equal(items.length, 6);
  assert.match(items.join('\n'), /seed is given 2 times: only the first \(“1”\) is used\./);
  assert.match(items.join('\n'), /seeds = “0”: must be a whole number from 1 to 1000; using the default 50\./);
  assert.match(items.join('\n'), /“colour” is not a setting of this page: ignored\./);
  assert.equal(await page.inputValue('#set-seeds'), '50');
  assert.equal(await page.inputValue('#set-grid'), '20');
  assert.equal(await page.inputValue('#set-lrMin'), '0.0001');
  assert.equal(await page.inputValue('#set-optimizer'), 'sgd');
  assert.equal(await page.locator('#heatmap a.cell').count(), 400);
  // speed is the trainer's: handed on in the links
  assert.match(await page.getAttribute('#heatmap a.cell[data-index="0"]', 'href'), /&speed=100$/);
  // a field that the C core refuses is put back, and said so under it
  await page.click('#notice-close');
  await page.click('.more summary');
  await page.fill('#set-latentLo', '5');
  await page.dispatchEvent('#set-latentLo', 'change');
  assert.equal(await page.inputValue('#set-latentLo'), '0.4');
  assert.match(await page.textContent('#error-set-latentLo'), /^Latent from = “5”: latentLo must be below latentHi.*; kept 0\.4\.$/);
  assert.equal(await page.isVisible('#notice'), false);
  await page.fill('#set-lrG', '200000');
  await page.dispatchEvent('#set-lrG', 'change');
  assert.equal(await page.textContent('#error-set-lrG'), 'ηG (generator rate) = “200000”: must be a number from 1e-12 to 100; kept 0.001.');
  await page.fill('#set-lrG', '0.002');
  await page.dispatchEvent('#set-lrG', 'change');
  assert.equal(await page.locator('.field-error:visible').count(), 0, 'an accepted value clears what was said');
  await finish({ context, problems });
});

// ---- screenshots -----------------------------------------------------------------------------------------------

for (const [label, width] of [['1280', 1280], ['375', 375]]) {
  test(`screenshots of the default ensemble and map at ${width}×800`, async () => {
    const { page, problems, context } = await openMany(env, '', { width, height: 800 });
    await runView(page, 'ensemble');
    await runView(page, 'map');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, `many-${label}-page.png`), fullPage: true });
    // the sections alone, without the sticky toolbar over them, the pointer out of the way
    await page.evaluate(() => {
      document.querySelector('.toolbar').style.position = 'static';
    });
    await page.mouse.move(0, 0);
    await page.locator('#ensemble').screenshot({ path: join(SHOTS, `many-${label}-ensemble.png`) });
    await page.focus('#heatmap a.cell[data-index="0"]');
    for (let i = 0; i < 13; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowUp');
    await page.locator('#map').screenshot({ path: join(SHOTS, `many-${label}-map.png`) });
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth }));
    assert.ok(scroll <= client, `no sideways scrolling (${scroll} > ${client})`);
    await finish({ context, problems });
  });
}
