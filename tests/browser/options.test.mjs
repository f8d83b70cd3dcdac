// The settings form: a control for every run setting of the table (SPEC §5's options among them), each
// saying what it does; changing one puts it in the address bar and starts a new run from epoch 0,
// which then trains; a value the table refuses (or two that clash) is named and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SETTINGS } from '../../web/state.js';
import { finish, readouts, useBrowser, waitEpoch } from './helpers.mjs';

const env = useBrowser();

// A value other than the default for each run setting, in the order the test changes them (the
// momentum field only matters, and is enabled, with the momentum optimizer).
const CHANGES = [['seed', '7'], ['batch', '16'], ['lrG', '0.002'], ['lrD', '0.003'], ['epochs', '5000'], ['gOut', 'sigmoid'],
  ['gLoss', 'minimax'], ['real', 'fresh'], ['dSteps', '3'], ['optimizer', 'momentum'], ['momentum', '0.5'], ['nodes', '5'],
  ['latentLo', '0.2'], ['latentHi', '1.5']];

async function change(page, name, value) {
  const sel = `#set-${name}`;
  if (await page.evaluate((s) => document.querySelector(s).tagName, sel) === 'SELECT') await page.selectOption(sel, value);
  else {
    await page.fill(sel, value);
    await page.dispatchEvent(sel, 'change');
  }
}

test('every run setting has a control that says what it does', async () => {
  const entry = await env.open('');
  const { page } = entry;
  const runRows = SETTINGS.filter((row) => row.run);
  assert.deepEqual(CHANGES.map(([name]) => name), runRows.map((row) => row.name));
  for (const row of runRows) {
    const info = await page.evaluate((id) => {
      const el = document.getElementById(id);
      const hint = document.getElementById(el.getAttribute('aria-describedby'));
      return { label: el.labels[0]?.textContent.trim(), hint: hint?.textContent, visible: hint?.offsetParent !== null,
        options: el.tagName === 'SELECT' ? [...el.options].map((o) => o.value) : null, min: el.min, max: el.max };
    }, `set-${row.name}`);
    assert.ok(info.label, `${row.name} has a label`);
    assert.equal(info.hint, row.hint, `${row.name} says what it does`);
    assert.equal(info.visible, true, `${row.name}'s hint is shown`);
    if (row.choices) assert.deepEqual(info.options, row.choices.map(String), `${row.name} offers its choices`);
    else assert.deepEqual([info.min, info.max], row.range.map(String), `${row.name} has its range`);
  }
  // momentum is greyed until the momentum optimizer is chosen
  assert.equal(await page.isDisabled('#set-momentum'), true);
  await finish(entry);
});

test('each control changes the address bar and resets the run, which then trains', async () => {
  const entry = await env.open('?speed=max');
  const { page } = entry;
  await page.click('#step');
  for (const [name, value] of CHANGES) {
    await page.click('#step'); // a run under way: epoch 2 (the previous run's check left it at 1)
    await waitEpoch(page, 2);
    await change(page, name, value);
    await waitEpoch(page, 0);
    const row = SETTINGS.find((r) => r.name === name);
    assert.equal(new URL(page.url()).searchParams.get(name), value, `${name} is in the address bar`);
    assert.equal(new URL(await page.inputValue('#share-url')).searchParams.get(name), value, `${name} is in the link`);
    const r = await readouts(page);
    assert.equal(r.status, `${row.label} changed to ${value}: the run was reset to epoch 0.`);
    assert.equal(r.lossD, '—');
    assert.equal(await page.inputValue('#preset'), 'custom');
    // the new run trains
    await page.click('#step');
    await waitEpoch(page, 1);
    assert.match((await readouts(page)).lossD, /^-?\d+\.\d{4}$/, `${name}: a loss after one epoch`);
  }
  // all of them together: a link that reproduces the run
  const q = Object.fromEntries(new URL(page.url()).searchParams);
  assert.deepEqual(q, { ...Object.fromEntries(CHANGES), speed: 'max' });
  assert.equal(await page.isDisabled('#set-momentum'), false);
  assert.equal(await page.locator('#network .edge').count(), 3 * 5 + 1, 'the diagram has 5 nodes per image');
  await page.click('#play');
  await waitEpoch(page, 5000);
  const first = await readouts(page);
  const other = await env.open(new URL(page.url()).search);
  assert.equal(await other.page.isVisible('#notice'), false);
  await other.page.click('#play');
  await waitEpoch(other.page, 5000);
  const second = await readouts(other.page);
  for (const k of ['lossD', 'lossG', 'dReal', 'dFake', 'status']) assert.equal(second[k], first[k], k);
  await finish(other);
  await finish(entry);
});

test('a refused value is named under its field and changes nothing; so is a latent range upside down', async () => {
  const entry = await env.open('');
  const { page } = entry;
  await page.click('#step');
  await waitEpoch(page, 1);
  await change(page, 'dSteps', '11');
  assert.equal(await page.textContent('#error-set-dSteps'), 'D steps per epoch k = “11”: must be a whole number from 1 to 10; kept 1.');
  assert.equal(await page.getAttribute('#set-dSteps', 'aria-invalid'), 'true');
  assert.equal(await page.$eval('#set-dSteps', (el) => getComputedStyle(el).borderTopColor), 'rgb(180, 35, 24)', 'a red border');
  assert.match(await page.getAttribute('#set-dSteps', 'aria-describedby'), /^error-set-dSteps /);
  assert.equal(await page.inputValue('#set-dSteps'), '1');
  await change(page, 'latentLo', '1');
  assert.equal(await page.textContent('#error-set-latentLo'),
    'Latent from = “1”: the latent range needs from < to, got 1 to 1; kept 0.4.');
  assert.equal(await page.inputValue('#set-latentLo'), '0.4');
  await change(page, 'nodes', '2.5');
  assert.equal(await page.textContent('#error-set-nodes'), 'Nodes per image N = “2.5”: must be a whole number from 2 to 16; kept 3.');
  // text that is not a number reads as "" from a number field: named as such, not quoted as “”
  await page.fill('#set-batch', '');
  await page.focus('#set-batch');
  await page.keyboard.type('1-2');
  await page.dispatchEvent('#set-batch', 'change');
  assert.equal(await page.textContent('#error-set-batch'), 'Batch size B: not a number: must be a whole number from 1 to 65536; kept 32.');
  assert.equal(await page.isVisible('#notice'), false, 'the form speaks under its fields, not in the link’s notice');
  assert.equal((await readouts(page)).epoch, '1', 'the run went on untouched');
  assert.equal(new URL(page.url()).search, '');
  // editing a refused field again clears its message (the kept value typed back fires no change)
  await page.fill('#set-batch', '32');
  assert.equal(await page.isVisible('#error-set-batch'), false);
  assert.equal(await page.isVisible('#error-set-dSteps'), true);
  // the next accepted value clears what was said
  await change(page, 'seed', '7');
  assert.equal(await page.locator('.field-error:visible').count(), 0);
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
  await finish(entry);
});
