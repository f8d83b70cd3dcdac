// Screenshots for people to look at (build/screenshots/): the page at 1280×800 and 375×800, full page,
// before, during and after the chapter's run; the model lab (the sigmoid experiment mid-run, a traced
// epoch, a diverged run, 16 nodes per image); and the compact embed layout. Each also checks the
// layout does not scroll sideways.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PRESETS, presetQuery } from '../../web/presets.js';
import { finish, ROOT, useBrowser, waitEpoch } from './helpers.mjs';

const OUT = join(ROOT, 'build', 'screenshots');
const env = useBrowser();
before(async () => {
  await mkdir(OUT, { recursive: true });
});

async function shoot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0)); // a sticky toolbar would otherwise sit mid-picture
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client, `${name}: no sideways scrolling (${scroll} > ${client})`);
}

for (const [label, width] of [['desktop', 1280], ['mobile', 375]]) {
  test(`screenshots at ${width}×800`, async () => {
    const { page, problems, context } = await env.open('?speed=100', { width, height: 800 });
    await shoot(page, `${label}-1-ready`);
    await page.click('#play');
    // pause mid-run (the gallery half filled), from within the page so that no frame is missed
    await page.evaluate(() => new Promise((done) => {
      const check = () => {
        if (Number(document.getElementById('epoch').textContent) < 4000) return requestAnimationFrame(check);
        document.getElementById('play').click();
        done();
      };
      check();
    }));
    await page.waitForFunction(() => document.getElementById('app').dataset.state === 'paused');
    await page.focus('#network .edge'); // a weight's tooltip, as keyboard focus shows it
    await shoot(page, `${label}-2-paused`);
    await page.selectOption('#speed', 'max');
    await page.click('#play');
    await waitEpoch(page, 10000);
    await shoot(page, `${label}-3-done`);
    await finish({ context, problems });
  });
}

const preset = (id) => PRESETS.find((p) => p.id === id);

// One part of the page, cut from a full-page picture taken from the top (where the sticky toolbar
// belongs: an element's own screenshot scrolls, and the toolbar would cover it halfway).
async function shootPart(page, selector, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await page.locator(selector).boundingBox();
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true, clip: box });
}

for (const [label, width] of [['desktop', 1280], ['mobile', 375]]) {
  test(`screenshots of the model lab at ${width}×800`, async () => {
    // the sigmoid generator's experiment, paused mid-run
    let entry = await env.open(presetQuery(preset('sigmoid')), { width, height: 800 });
    let { page } = entry;
    await page.click('#play');
    await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 40000);
    await page.click('#play');
    await page.waitForFunction(() => document.getElementById('app').dataset.state === 'paused');
    await shoot(page, `${label}-4-sigmoid-midrun`);
    await finish(entry);

    // one epoch traced, a few epochs into the chapter's run
    entry = await env.open('?speed=1', { width, height: 800 });
    ({ page } = entry);
    for (let i = 0; i < 5; i++) await page.click('#step');
    await page.click('#trace-step');
    await waitEpoch(page, 6);
    await page.locator('#trace button.more').first().click(); // one table opened in full
    await shoot(page, `${label}-5-trace`);
    await shootPart(page, '#trace-panel', `${label}-5-trace-panel`);
    await finish(entry);

    // a diverged run
    entry = await env.open(presetQuery(preset('diverge')), { width, height: 800 });
    ({ page } = entry);
    await page.click('#play');
    await page.waitForFunction(() => document.getElementById('app').dataset.state === 'diverged');
    await shoot(page, `${label}-6-diverged`);
    await finish(entry);

    // 16 nodes per image: the diagram and the profiles stay readable
    entry = await env.open('?nodes=16&epochs=3000&speed=max', { width, height: 800 });
    ({ page } = entry);
    await page.click('#play');
    await waitEpoch(page, 3000);
    await shoot(page, `${label}-7-nodes16`);
    await shootPart(page, '#network', `${label}-7-nodes16-network`);
    await finish(entry);
  });
}

test('screenshot of the embed layout (640×480)', async () => {
  const { page, problems, context } = await env.open('?embed=1&speed=max', { width: 640, height: 480 });
  await page.click('#play');
  await waitEpoch(page, 10000);
  await shoot(page, 'embed-640');
  await finish({ context, problems });
});
