// URL state: settings → "Copy link" → the same settings and the same run; bad parameters fall back to
// their defaults with a notice naming them; ?embed=1 is the compact layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finish, readouts, shownSettings, useBrowser, waitEpoch } from './helpers.mjs';

const env = useBrowser();

async function change(page, id, value) {
  await page.fill(`#${id}`, String(value));
  await page.dispatchEvent(`#${id}`, 'change');
}

test('URL round trip: settings → Copy link → the same settings and the same run', async () => {
  const { page, problems, context } = await env.open('');
  assert.equal(await page.inputValue('#preset'), 'chapter');
  await change(page, 'set-seed', 7);
  assert.equal((await readouts(page)).status, 'Seed changed to 7: the run was reset to epoch 0.');
  await change(page, 'set-batch', 16);
  await change(page, 'set-lrG', 0.002);
  await change(page, 'set-lrD', 0.0005);
  await change(page, 'set-epochs', 2500);
  await page.selectOption('#speed', 'max');
  assert.equal(await page.inputValue('#preset'), 'custom');
  assert.match((await readouts(page)).status, /Target epochs changed to 2500: the run was reset to epoch 0\./);
  assert.equal(await page.textContent('#epoch-target'), 'of 2500');

  await page.click('#copy-link');
  const link = await page.inputValue('#share-url');
  const q = new URL(link).searchParams;
  assert.deepEqual(Object.fromEntries(q), { seed: '7', batch: '16', lrG: '0.002', lrD: '0.0005', epochs: '2500', speed: 'max' });
  assert.equal(new URL(page.url()).search, new URL(link).search, 'the address bar follows the settings');
  await page.click('#play');
  await waitEpoch(page, 2500);
  const first = await readouts(page);

  const other = await env.open(new URL(link).search);
  assert.deepEqual(await shownSettings(other.page), { seed: '7', batch: '16', lrG: '0.002', lrD: '0.0005', epochs: '2500',
    speed: 'max' });
  assert.equal(await other.page.isVisible('#notice'), false);
  await other.page.click('#play');
  await waitEpoch(other.page, 2500);
  const second = await readouts(other.page);
  for (const k of ['epoch', 'lossD', 'lossG', 'dReal', 'dFake', 'status']) assert.equal(second[k], first[k], k);
  assert.notEqual(first.lossD, '1.4460');

  // the Chapter preset brings the defaults back, at its speed (and resets)
  await page.selectOption('#preset', 'chapter');
  assert.deepEqual(await shownSettings(page), { seed: '42', batch: '32', lrG: '0.001', lrD: '0.001', epochs: '10000',
    speed: '10' });
  assert.equal((await readouts(page)).epoch, '0');
  assert.deepEqual(problems, []);
  assert.deepEqual(other.problems, []);
  await context.close();
  await other.context.close();
});

test('a malformed or out-of-range parameter falls back to its default, with a notice naming it', async () => {
  const { page, problems, context } = await env.open('?batch=abc&lrD=-1&seed=1.5&epochs=1e9&speed=fast&lrG=0.01&bogus=1');
  assert.equal(await page.isVisible('#notice'), true);
  const notice = await page.textContent('#notice');
  for (const name of ['batch = “abc”', 'lrD = “-1”', 'seed = “1.5”', 'epochs = “1e9”', 'speed = “fast”', '“bogus” is not a setting']) {
    assert.ok(notice.includes(name), `the notice names ${name}: ${notice}`);
  }
  assert.match(notice, /using the default 32/);
  assert.match(notice, /using the default 0\.001/);
  assert.doesNotMatch(notice, /lrG/); // a good parameter is used, not reported
  assert.deepEqual(await shownSettings(page), { seed: '42', batch: '32', lrG: '0.01', lrD: '0.001', epochs: '10000',
    speed: '10' });
  assert.equal((await readouts(page)).state, 'ready');
  await page.click('#notice-close');
  assert.equal(await page.isVisible('#notice'), false);

  // the same for the form: a bad value is refused, named, and the setting kept
  await change(page, 'set-batch', 0);
  assert.equal(await page.textContent('#error-set-batch'), 'Batch size B = “0”: must be a whole number from 1 to 65536; kept 32.');
  assert.equal(await page.inputValue('#set-batch'), '32');
  await finish({ context, problems });
});

test('?embed=1 keeps the controls, readouts and charts, and hides the rest', async () => {
  const { page, problems, context } = await env.open('?embed=1&speed=max&epochs=2000', { width: 640, height: 480 });
  for (const sel of ['#play', '#step', '#reset', '#speed', '#epoch', '#loss-d', '#loss-g', '#loss-chart', '#profiles-chart', '#full-link']) {
    assert.equal(await page.isVisible(sel), true, `${sel} is shown`);
  }
  for (const sel of ['h1', '#settings', '#network', '#gallery', '#copy-link', '#export-csv']) {
    assert.equal(await page.isVisible(sel), false, `${sel} is hidden`);
  }
  const full = new URL(await page.getAttribute('#full-link', 'href'));
  assert.equal(full.searchParams.get('embed'), null);
  assert.equal(full.searchParams.get('epochs'), '2000');
  await page.click('#play');
  await waitEpoch(page, 2000);
  assert.equal((await readouts(page)).status, 'Done: epochs 0–1999 trained.');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= 640), true, 'no sideways scrolling');
  await finish({ context, problems });
});
