// Screenshots for people to look at (build/screenshots/): the page at 1280×800 and 375×800, full page,
// before, during and after the chapter's run, and the compact embed layout. Each also checks the
// layout does not scroll sideways.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, setup, waitEpoch } from './helpers.mjs';

const OUT = join(ROOT, 'build', 'screenshots');
let env;
before(async () => {
  env = await setup();
  await mkdir(OUT, { recursive: true });
});
after(() => env?.close());

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
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('screenshot of the embed layout (640×480)', async () => {
  const { page, problems, context } = await env.open('?embed=1&speed=max', { width: 640, height: 480 });
  await page.click('#play');
  await waitEpoch(page, 10000);
  await shoot(page, 'embed-640');
  assert.deepEqual(problems, []);
  await context.close();
});
