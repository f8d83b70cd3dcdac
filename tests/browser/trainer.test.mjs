// The trainer page trains the chapter's GAN: the golden numbers, Step, Reset, keyboard, divergence —
// with zero console errors and zero requests outside the page's origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTinyGan } from '../../dist/tinygan.js';
import { finish, readouts, useBrowser, waitEpoch } from './helpers.mjs';

const env = useBrowser();
const tg = await loadTinyGan();

const noNaN = async (page) => assert.doesNotMatch(await page.locator('body').innerText(), /NaN|undefined|Infinity/);

test('loads quickly, with dashes (not NaN) before the first epoch', async () => {
  const { page, problems, context } = await env.open('');
  const loadMs = await page.evaluate(() => performance.now());
  console.log(`page ready ${loadMs.toFixed(0)} ms after navigation start`);
  assert.ok(loadMs < 3000, `page took ${loadMs} ms to be ready`);
  const r = await readouts(page);
  assert.equal(r.epoch, '0');
  for (const k of ['lossD', 'lossG', 'dReal', 'dFake', 'rate']) assert.equal(r[k], '—', k);
  assert.match(r.status, /press Play/);
  assert.equal(r.state, 'ready');
  await noNaN(page);
  // the CSP meta is there and the favicon is linked
  assert.match(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'), /default-src 'self'/);
  assert.equal(await page.getAttribute('link[rel="icon"]', 'href'), 'favicon.svg');
  // every control has a label
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, button')]
    .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
    .map((el) => el.id));
  assert.deepEqual(unlabelled, []);
  await finish({ context, problems });
});

test('?seed=42&speed=max reaches epoch 10,000 with the chapter’s D 1.4460 and G 0.6302', async () => {
  const { page, problems, context } = await env.open('?seed=42&speed=max');
  const t0 = Date.now();
  await page.click('#play');
  await waitEpoch(page, 10000, 60000);
  const seconds = (Date.now() - t0) / 1000;
  const r = await readouts(page);
  console.log(`10,000 epochs at speed=max in ${seconds.toFixed(2)} s; the page shows ${r.rate} epochs/s`);
  assert.equal(r.lossD, '1.4460');
  assert.equal(r.lossG, '0.6302');
  assert.equal(r.status, 'Done: epochs 0–9999 trained.');
  assert.equal(r.state, 'done');
  // full speed trained in the page's worker (ahead.js), not in the frames
  assert.ok(page.workers().some((w) => w.url().endsWith('/train-worker.js')), 'a train-worker.js worker runs');
  // the gallery: the real set and the 11 snapshots of the chapter's figure (0, 1000, …, 9000, 9999)
  const captions = await page.locator('#gallery figcaption').allTextContents();
  assert.equal(captions.length, 12);
  assert.equal(captions[0], 'Real images');
  assert.equal(captions[1], 'Epoch 0');
  assert.equal(captions[11], 'Epoch 9999 (last)');
  assert.equal(await page.locator('#gallery .snap.pending').count(), 0);
  assert.equal(await page.locator('#gallery svg').count(), 12);
  // the network diagram shows the final weights: λ_1,2 = 1.2725 (SPEC §3)
  const first = await page.locator('#network .edge').first().getAttribute('aria-label');
  assert.match(first, /^λ1,2 = 1\.2725/);
  // Step is disabled at the target; Play offers a replay
  assert.equal(await page.isDisabled('#step'), true);
  assert.equal((await page.textContent('#play')).trim(), 'Replay');
  await noNaN(page);
  await finish({ context, problems });
});

test('full speed without its worker (it cannot load): the frames train, to the same numbers, and the console says so', async () => {
  const { page, problems, context } = await env.open('?seed=42&epochs=3000');
  await context.route('**/train-worker.js', (route) => route.abort());
  await page.selectOption('#speed', 'max'); // starts the worker, which cannot load
  await page.click('#play');
  await waitEpoch(page, 3000, 60000);
  const gan = tg.create({ seed: 42 });
  gan.step(3000);
  const r = await readouts(page);
  assert.equal(r.lossD, gan.losses().d[2999].toFixed(4));
  assert.equal(r.lossG, gan.losses().g[2999].toFixed(4));
  assert.equal(r.status, 'Done: epochs 0–2999 trained.');
  gan.free();
  // the failed load, and one console error that names what happened
  assert.ok(problems.some((p) => /request failed: .*train-worker\.js/.test(p)), problems.join('\n'));
  const said = problems.filter((p) => p.startsWith('console error:'));
  assert.equal(said.length, 1, said.join('\n'));
  assert.match(said[0], /full speed trains on the page from now on \(its worker failed/);
  await context.close();
});

test('Step advances exactly one epoch, and the readouts are tinygan.js’s losses for it', async () => {
  const { page, problems, context } = await env.open('?seed=42');
  const gan = tg.create({ seed: 42 });
  for (let t = 0; t < 3; t++) {
    await page.click('#step');
    await waitEpoch(page, t + 1);
    gan.step(1);
    const { d, g } = gan.losses(t, t + 1);
    const m = gan.meanD();
    const r = await readouts(page);
    assert.equal(r.epoch, String(t + 1));
    assert.equal(r.lossD, d[0].toFixed(4), `loss D of epoch ${t}`);
    assert.equal(r.lossG, g[0].toFixed(4), `loss G of epoch ${t}`);
    assert.equal(r.dReal, m.real.toFixed(4));
    assert.equal(r.dFake, m.fake.toFixed(4));
    assert.equal(r.status, `Paused at epoch ${t + 1}.`);
  }
  assert.equal((await readouts(page)).lossD, '1.3178'); // the chapter's epoch 2: 1.317840591114468
  gan.free();

  await page.click('#reset');
  await waitEpoch(page, 0);
  const r = await readouts(page);
  assert.equal(r.lossD, '—');
  assert.equal(r.lossG, '—');
  assert.equal(r.status, 'Reset to epoch 0.');
  // after a reset the run is the same run again
  await page.click('#step');
  await waitEpoch(page, 1);
  assert.equal((await readouts(page)).lossD, '1.3181');
  await finish({ context, problems });
});

test('keyboard: Space plays and pauses, → steps, R resets; not while typing in a field', async () => {
  const { page, problems, context } = await env.open('?speed=1&epochs=100000');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.getElementById('app').dataset.state === 'running');
  assert.equal((await page.textContent('#play')).trim(), 'Pause');
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 3);
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.getElementById('app').dataset.state === 'paused');
  const paused = Number((await readouts(page)).epoch);
  assert.match((await readouts(page)).status, new RegExp(`^Paused at epoch ${paused}\\.$`));
  await page.keyboard.press('ArrowRight');
  await waitEpoch(page, paused + 1);
  await page.keyboard.press('r');
  await waitEpoch(page, 0);
  // Space on the focused Step button still means play/pause
  await page.focus('#step');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.getElementById('app').dataset.state === 'running');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.getElementById('app').dataset.state === 'paused');
  await page.keyboard.press('R');
  await waitEpoch(page, 0);
  // typing in a field is typing
  await page.focus('#set-seed');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('r');
  await page.keyboard.press('Space');
  await page.waitForTimeout(100);
  const r = await readouts(page);
  assert.equal(r.epoch, '0');
  assert.equal(r.state, 'ready');
  // an edge of the network diagram is reachable by keyboard and shows its value
  await page.focus('#network .edge');
  assert.equal(await page.isVisible('#tip'), true);
  assert.match(await page.textContent('#tip'), /^λ1,2 = -?\d/);
  await finish({ context, problems });
});

test('a diverging run stops, says why, offers Reset, and shows no NaN', async () => {
  const { page, problems, context } = await env.open('?lrG=10&lrD=10&speed=max');
  await page.click('#play');
  await page.waitForFunction(() => document.getElementById('app').dataset.state === 'diverged');
  const r = await readouts(page);
  assert.equal(r.epoch, '138'); // SPEC: the chapter's model at η = 10 diverges near epoch 138
  assert.match(r.status, /diverged at epoch 138/);
  assert.match(r.status, /Reset/);
  assert.equal(await page.isDisabled('#play'), true);
  assert.equal(await page.isDisabled('#step'), true);
  await noNaN(page);
  await page.click('#reset');
  await waitEpoch(page, 0);
  assert.equal(await page.isDisabled('#play'), false);
  await finish({ context, problems });
});
