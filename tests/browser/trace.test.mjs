// The "Trace one epoch" panel: its numbers are gan.trace()'s for the same settings at the same epoch
// (as the page formats them), the page advances by exactly that one epoch, and the equations follow
// the options (sigmoid output, min-max loss, optimizer, k discriminator steps).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTinyGan } from '../../dist/tinygan.js';
import { traced, tracedParam } from '../../web/format.js';
import { modelOptions, fromQuery } from '../../web/state.js';
import { download, finish, readouts, useBrowser, waitEpoch } from './helpers.mjs';

const env = useBrowser();
const tg = await loadTinyGan();

const shown = (page, key) => page.textContent(`#trace [data-key="${key}"]`);

/** The trace of epoch `epoch` in Node for the settings of `query`. */
function nodeTrace(query, epoch) {
  const { settings } = fromQuery(query);
  const gan = tg.create(modelOptions(settings));
  gan.step(epoch);
  const t = gan.trace();
  const after = { epoch: gan.epoch, losses: gan.losses(epoch, epoch + 1) };
  gan.free();
  return { t, after };
}

// A trace field by its data-key path, e.g. "dGrad.weights.1" or "real.0.2".
const at = (t, key) => key.split('.').reduce((v, k) => v[k], t);

test('the chapter: the traced numbers are gan.trace()’s, and the page advances exactly one epoch', async () => {
  const query = '?seed=42';
  const entry = await env.open(query);
  const { page } = entry;
  for (let i = 0; i < 3; i++) await page.click('#step');
  await waitEpoch(page, 3);
  assert.equal(await page.isHidden('#trace'), true);
  await page.click('#trace-step');
  await waitEpoch(page, 4);
  assert.equal((await readouts(page)).status, 'Traced epoch 3: its numbers are below. Paused at epoch 4.');
  assert.equal(await page.textContent('#trace-epoch'), '3');

  const { t, after: a } = nodeTrace(query, 3);
  assert.equal(t.epoch, 3);
  assert.equal(a.epoch, 4);
  const B = 32;
  const fields = ['dLatent.0', 'dLatent.3', 'real.0.0', 'real.0.2', 'real.3.1', 'dFake.1.1', 'dYhat.0', `dYhat.${B}`,
    `dYhat.${B + 3}`, 'dDz.0', `dDz.${B + 2}`, 'dGrad.weights.0', 'dGrad.weights.2', 'dGrad.bias', 'gLatent.2', 'gFake.0.2',
    'gYhat.1', 'gDz.1', 'gDout.0.0', 'gDout.3.2', 'gGrad.weights.1', 'gGrad.bias', 'losses.0', 'losses.1'];
  for (const key of fields) assert.equal(await shown(page, key), traced(at(t, key)), key);
  for (const key of ['dBefore.weights.0', 'dAfter.weights.0', 'dAfter.bias', 'gBefore.bias', 'gAfter.weights.2', 'gAfter.bias']) {
    assert.equal(await shown(page, key), tracedParam(at(t, key)), key);
  }
  // the epoch's losses in the readouts are the traced ones
  const r = await readouts(page);
  assert.equal(r.lossD, t.losses[0].toFixed(4));
  assert.equal(r.lossG, t.losses[1].toFixed(4));
  assert.equal(t.losses[0], a.losses.d[0]);
  // the chapter's equations for this configuration
  const text = await page.textContent('#trace');
  for (const eq of ['dz = ŷ − y', 'Oj = λ1,j·L + b', '∂L/∂λk,8 = mean(dz·Ik)', 'θ ← θ − ηD·∂L/∂θ', 'dz = ŷ − 1',
    'dL/dOj = dz·λk,8', 'lossG = −mean(log(D(G(L)) + 10−8))']) {
    assert.ok(text.includes(eq), `the trace shows ${eq}`);
  }
  assert.ok(!text.includes('O(1 − O)') && !text.includes('Oj(1 − Oj)'), 'no sigmoid factor for a linear generator');
  // long arrays: 4 rows, then "… 28 more rows" that expands to all 32
  const realRows = page.locator('#trace table').first().locator('tbody tr');
  assert.equal(await realRows.count(), 4);
  await page.locator('#trace button.more').first().click();
  assert.equal(await realRows.count(), 32);
  assert.equal(await shown(page, 'real.31.2'), traced(t.real[31][2]));
  // the trace as JSON: gan.trace() as it came
  const json = JSON.parse((await download(page, '#trace-json')).body.toString('utf8'));
  assert.deepEqual(json.trace, t);
  // a Step after the trace continues the same run; a reset forgets the trace
  await page.click('#step');
  await waitEpoch(page, 5);
  await page.click('#reset');
  await waitEpoch(page, 0);
  assert.equal(await page.isHidden('#trace'), true);
  assert.equal(await page.isDisabled('#trace-json'), true);
  await finish(entry);
});

test('the equations follow the options: sigmoid output, min-max loss, Adam, k = 3, fresh data, N = 5', async () => {
  const query = '?seed=7&batch=8&lrG=0.01&lrD=0.02&gOut=sigmoid&gLoss=minimax&optimizer=adam&dSteps=3&real=fresh&nodes=5'
    + '&latentLo=-0.5&latentHi=2';
  const entry = await env.open(query);
  const { page } = entry;
  assert.equal(await page.isVisible('#notice'), false);
  await page.keyboard.press('t'); // the T key traces too
  await waitEpoch(page, 1);
  const { t } = nodeTrace(query, 0);
  for (const key of ['dLatent.3', 'real.3.4', 'dYhat.11', 'dDz.8', 'dGrad.weights.4', 'gDz.0', 'gDout.2.3', 'gDpre.2.3',
    'gDpre.0.0', 'gGrad.weights.4', 'gGrad.bias', 'losses.0', 'losses.1']) {
    assert.equal(await shown(page, key), traced(at(t, key)), key);
  }
  assert.equal(await shown(page, 'gAfter.weights.4'), tracedParam(t.gAfter.weights[4]));
  const text = await page.textContent('#trace');
  for (const eq of ['Oj = σ(λ1,j·L + b)', 'dz = −ŷ', 'dL/dzj = dL/dOj · Oj(1 − Oj)', 'L ~ U(-0.5, 2)', 'λ7,12',
    'the last of this epoch’s k = 3 discriminator steps', 'fresh batch', '√v̂ + ε', 'lossG = mean(log(1 − D(G(L)) + 10−8))']) {
    assert.ok(text.toLowerCase().includes(eq.toLowerCase()), `the trace shows ${eq}`);
  }
  // 8 rows: 4 shown, "… 4 more rows"
  assert.match(await page.locator('#trace button.more').first().textContent(), /… 4 more rows/);
  await finish(entry);
});

test('tracing the last epoch ends the run; a done run cannot be traced', async () => {
  const entry = await env.open('?epochs=2');
  const { page } = entry;
  await page.click('#trace-step');
  await waitEpoch(page, 1);
  await page.click('#trace-step');
  await waitEpoch(page, 2);
  const r = await readouts(page);
  assert.equal(r.status, 'Traced epoch 1: its numbers are below. Done: epochs 0–1 trained.');
  assert.equal(r.state, 'done');
  assert.equal(await page.isDisabled('#trace-step'), true);
  await page.keyboard.press('t');
  assert.equal((await readouts(page)).epoch, '2');
  await finish(entry);
});
