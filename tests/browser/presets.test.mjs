// The experiments (presets): what each one's note says happens is what tinygan.js does with exactly
// its settings (checked in Node, number by number); and each loads by its link in the browser and
// trains, with the note on show and every readout a number. The too-high learning rate diverges: the
// page stops at epoch 138, says so and why, offers Reset, and shows or exports no NaN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTinyGan } from '../../dist/tinygan.js';
import { PRESETS, presetQuery, presetSettings } from '../../web/presets.js';
import { modelOptions } from '../../web/state.js';
import { download, finish, readouts, useBrowser, waitEpoch } from './helpers.mjs';

const env = useBrowser();
const tg = await loadTinyGan();

const preset = (id) => PRESETS.find((p) => p.id === id);
const r2 = (v) => v.toFixed(2);
const r3 = (v) => v.toFixed(3);

/** Train preset `id` (or those settings changed by `change`) in Node: {gan, h (history), settings}. */
function train(id, change = {}) {
  const settings = { ...presetSettings(preset(id)), ...change };
  const gan = tg.create(modelOptions(settings));
  gan.step(settings.epochs);
  return { gan, h: gan.history(), settings };
}
const argmin = (a, from = 0, to = a.length) => {
  let best = from;
  for (let t = from; t < to; t++) if (a[t] < a[best]) best = t;
  return best;
};
const argmax = (a, from = 0, to = a.length) => {
  let best = from;
  for (let t = from; t < to; t++) if (a[t] > a[best]) best = t;
  return best;
};
const firstBelow = (a, v) => a.findIndex((x) => x < v);
const mean = (a) => a.reduce((s, x) => s + x, 0) / a.length;
const says = (id, ...texts) => {
  for (const t of texts) assert.ok(preset(id).watch.includes(t), `${id}'s note says “${t}”`);
};

test('the notes’ numbers are what tinygan.js does with each preset’s settings', () => {
  { // Chapter
    const { gan, h } = train('chapter');
    const low = argmin(h.w1Slope);
    says('chapter', `fall from ${r2(h.w1Slope[0])}`, `low of ${r3(h.w1Slope[low])} at epoch 6,320`,
      `back to ${r2(h.w1Slope[9999])}`, `D ${h.lossD[9999].toFixed(4)} and G ${h.lossG[9999].toFixed(4)}`);
    assert.equal(low, 6320);
    gan.free();
  }
  { // the sigmoid generator
    const { gan, h } = train('sigmoid');
    const real = gan.real();
    const node = (j) => real.map((row) => row[j]);
    says('sigmoid', `between ${r2(Math.min(...node(0)))} and ${r2(Math.max(...node(0)))}`,
      `dips to −${r2(-Math.min(...node(2)))}`, `still ${r2(h.w1Slope[9999])} at epoch 10,000`,
      `${r3(h.w1Slope[99999])} at 100,000`, 'about ±5.5', '3 rows in 4');
    const [l12, , l14] = gan.params().generator.weights;
    assert.ok(l12 > 5 && l12 < 6 && l14 < -5 && l14 > -6, `λ12 ${l12}, λ14 ${l14}`);
    const acc = mean(h.accuracy.subarray(90000));
    assert.ok(acc > 0.7 && acc < 0.8, `accuracy ${acc} over the last 10,000 epochs`);
    gan.free();
  }
  { // the min-max loss, against the same run with the non-saturating loss
    const { gan, h } = train('minimax');
    assert.ok(h.dFake[2000] < 0.002, `D(fake) ${h.dFake[2000]} at epoch 2,000`);
    const probe = tg.create(modelOptions(presetSettings(preset('minimax'))));
    probe.step(2000);
    const dz = mean(probe.trace().gDz.map(Math.abs));
    assert.ok(dz < 0.002, `|dz| ${dz} at epoch 2,000`);
    probe.free();
    const escape = firstBelow(h.w1Slope, 0.1);
    assert.ok(escape > 13500 && escape < 13700, `W1 below 0.1 at ${escape}`);
    says('minimax', 'D ≈ 0.001', `from ${r2(h.w1Slope[0])} to ${r2(h.w1Slope[9999])} over 10,000 epochs`, 'near epoch 13,600');
    const ns = train('minimax', { gLoss: 'non-saturating' });
    says('minimax', `below 0.1 by epoch ${firstBelow(ns.h.w1Slope, 0.1)}`);
    assert.equal(firstBelow(ns.h.w1Slope, 0.1), 163);
    gan.free();
    ns.gan.free();
  }
  { // fresh real data: the same course, measured against a new batch each step
    const { gan, h } = train('fresh');
    const low = argmin(h.w1Slope);
    says('fresh', `at ${r3(h.w1Slope[low])} near epoch 6,190`);
    assert.ok(Math.abs(low - 6190) < 50, `low at ${low}`);
    const chapter = train('chapter');
    const jitter = (a) => mean(a.slice(1).map((v, t) => Math.abs(v - a[t])));
    assert.ok(jitter(h.w1Slope) > 20 * jitter(chapter.h.w1Slope), 'W1 jitters');
    assert.ok(jitter(h.dReal) > 20 * jitter(chapter.h.dReal), 'D(real) jitters');
    gan.free();
    chapter.gan.free();
  }
  { // k = 5
    const { gan, h } = train('k5');
    const low = argmin(h.w1Slope);
    const high = argmax(h.w1Slope, low);
    says('k5', `${Math.round(100 * h.accuracy[2500])}% of rows`, `low of ${r3(h.w1Slope[low])} at epoch ${low.toLocaleString('en-US')}`,
      `back to ${r2(h.w1Slope[high])} by epoch 6,350`);
    assert.ok(Math.abs(high - 6350) < 10, `high at ${high}`);
    gan.free();
  }
  { // Adam
    const { gan, h } = train('adam');
    const low = argmin(h.w1Slope);
    says('adam', `W1 ${r3(h.w1Slope[low])} at epoch ${low.toLocaleString('en-US')}`);
    const after2000 = h.w1Slope.subarray(2000);
    says('adam', `between ${r2(Math.min(...after2000))} and ${r2(Math.max(...after2000))}`);
    gan.free();
  }
  { // the too-high learning rate
    const { gan, h } = train('diverge');
    assert.equal(gan.diverged, true);
    assert.equal(gan.epoch, 138);
    says('diverge', 'at epoch 138', `flips between ${h.lossD[1].toFixed(1)}`, 'about 20 away');
    assert.ok(Math.abs(h.meanGap[0] - 20) < 1, `mean gap ${h.meanGap[0]} after the first step`);
    assert.ok(h.lossD[2] < 1e-6 && h.lossD[3] > 18, 'D loss flips');
    for (let t = 2; t < 137; t++) assert.ok(h.meanGap[t + 1] > 100 * h.meanGap[t], `growth at epoch ${t}`);
    gan.free();
  }
  { // N = 8
    const { gan, h } = train('nodes8');
    const low = argmin(h.w1Slope);
    says('nodes8', `D(real) ≈ ${h.dReal[2000].toFixed(1)}`, `from ${r2(h.w1Slope[0])} to ${r2(h.w1Slope[9999])} by epoch 10,000`,
      `to ${r3(h.w1Slope[low])} near epoch 19,500`);
    assert.equal(h.accuracy[2000], 1);
    assert.ok(Math.abs(low - 19500) < 100, `low at ${low}`);
    gan.free();
  }
});

test('every preset loads by its link and trains: its note on show, every readout a number', async () => {
  for (const p of PRESETS) {
    const entry = await env.open(presetQuery(p));
    const { page } = entry;
    assert.equal(await page.getAttribute(`#preset-links a[data-preset="${p.id}"]`, 'aria-current'), 'true', p.id);
    assert.equal(await page.inputValue('#preset'), p.id);
    assert.equal(await page.inputValue('#speed'), String(p.speed));
    const asShown = p.watch.replace(/_\{([^}]*)\}|_(.)/gu, '$1$2'); // η_D is shown as η with a subscript D
    assert.ok((await page.textContent('#preset-watch')).includes(asShown), `${p.id}: its note is shown`);
    assert.equal(await page.isVisible('#notice'), false, `${p.id}: every parameter of its link was used`);
    await page.click('#play');
    if (p.id === 'diverge') {
      await page.waitForFunction(() => document.getElementById('app').dataset.state === 'diverged');
    } else {
      await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 300);
      await page.click('#play'); // pause
      await page.waitForFunction(() => document.getElementById('app').dataset.state === 'paused');
    }
    const r = await readouts(page);
    for (const k of ['lossD', 'lossG', 'dReal', 'dFake']) assert.match(r[k], /^-?\d+\.\d{4}$/, `${p.id} ${k}: ${r[k]}`);
    for (const id of ['w1-slope', 'mean-gap', 'sd-gap', 'accuracy']) {
      assert.match(await page.textContent(`#${id}`), /^\d+\.\d{4}$|^\d\.\d\de\+\d+$/, `${p.id} #${id}`);
    }
    const n = presetSettings(p).nodes;
    assert.equal(await page.locator('#network .edge').count(), 2 * n + n + 1, `${p.id}: an edge per weight (and b per O)`);
    assert.doesNotMatch(await page.locator('body').innerText(), /NaN|undefined|Infinity/, p.id);
    console.log(`${p.id}: epoch ${r.epoch}, D ${r.lossD}, G ${r.lossG}`);
    await finish(entry);
  }
});

test('the Chapter preset’s link reaches the chapter’s D 1.4460 and G 0.6302', async () => {
  const entry = await env.open(presetQuery(preset('chapter')));
  const { page } = entry;
  await page.selectOption('#speed', 'max');
  await page.click('#play');
  await waitEpoch(page, 10000, 60000);
  const r = await readouts(page);
  assert.equal(r.lossD, '1.4460');
  assert.equal(r.lossG, '0.6302');
  const h = train('chapter').h;
  assert.equal(await page.textContent('#w1-slope'), h.w1Slope[9999].toFixed(4));
  assert.equal(await page.textContent('#accuracy'), h.accuracy[9999].toFixed(4));
  await finish(entry);
});

test('too-high learning rate: the page stops at epoch 138, says why, offers Reset, shows and exports no NaN', async () => {
  const entry = await env.open(presetQuery(preset('diverge')));
  const { page } = entry;
  await page.click('#play');
  await page.waitForFunction(() => document.getElementById('app').dataset.state === 'diverged');
  const r = await readouts(page);
  assert.equal(r.epoch, '138');
  assert.match(r.status, /^Stopped: diverged at epoch 138, most likely because the learning rate is too high\. Press Reset/);
  assert.equal(await page.isVisible('#diverged'), true);
  assert.match(await page.textContent('#diverged-title'), /diverged at epoch 138/);
  assert.match(await page.textContent('#diverged-why'), /learning rates are too high \(here ηG = 10, ηD = 10\)/);
  for (const id of ['#play', '#step', '#trace-step']) assert.equal(await page.isDisabled(id), true, id);
  assert.doesNotMatch(await page.locator('body').innerText(), /NaN|undefined|Infinity/);
  // the gallery's cells the run cannot reach say why
  const empty = await page.locator('#gallery .snap-empty').allTextContents();
  assert.equal(empty.length, 10);
  assert.ok(empty.every((t) => t === 'not reached: the run diverged at epoch 138'), empty.join(' | '));
  // the exports hold the 138 finite epochs and nothing else
  const csv = (await download(page, '#export-csv')).body.toString('utf8').trimEnd().split('\n');
  assert.equal(csv.length, 1 + 138);
  assert.doesNotMatch(csv.join('\n'), /NaN|Infinity|null/);
  const json = (await download(page, '#export-json')).body.toString('utf8');
  assert.doesNotMatch(json, /NaN|Infinity/);
  assert.equal(JSON.parse(json).diverged, true);
  // Reset from the notice starts the same run again; the chapter's rates train
  await page.click('#diverged-reset');
  await waitEpoch(page, 0);
  assert.equal(await page.isVisible('#diverged'), false);
  assert.equal(await page.isDisabled('#play'), false);
  await page.click('#play');
  await page.waitForFunction(() => document.getElementById('app').dataset.state === 'diverged');
  assert.equal((await readouts(page)).epoch, '138');
  await page.click('#diverged-chapter');
  assert.equal(new URL(page.url()).searchParams.get('lrG'), '0.001');
  assert.equal(await page.inputValue('#preset'), 'chapter'); // every run setting is the chapter's again
  await page.click('#step');
  await waitEpoch(page, 1);
  assert.equal((await readouts(page)).lossD, '1.3181');
  await finish(entry);
});
