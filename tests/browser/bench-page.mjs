// bench-page.mjs (not a test: `./build.sh bench` runs it): the trainer page at speed=max on the
// chapter's configuration in headless chromium, charts live. Prints the epochs per second it trains
// and the distribution of frame intervals (requestAnimationFrame to requestAnimationFrame) over a
// fixed measuring window, after a short warm-up.
import { summarize } from '../../web/many/frames.js';
import { setup } from './helpers.mjs';

const WARMUP_MS = 1500;
const MEASURE_MS = 6000;

const env = await setup();
try {
  const { page, problems } = await env.open('?speed=max&epochs=10000000');
  await page.click('#play');
  await page.waitForTimeout(WARMUP_MS);
  const result = await page.evaluate(async (ms) => {
    const epoch = () => Number(document.getElementById('epoch').textContent.replace(/[^0-9]/g, ''));
    const intervals = [];
    const e0 = epoch();
    const t0 = performance.now();
    let last = t0;
    await new Promise((done) => {
      const tick = (t) => {
        intervals.push(t - last);
        last = t;
        if (t - t0 < ms) requestAnimationFrame(tick);
        else done();
      };
      requestAnimationFrame(tick);
    });
    return { epochs: epoch() - e0, seconds: (performance.now() - t0) / 1000, intervals: intervals.slice(1) };
  }, MEASURE_MS);
  const rate = result.epochs / result.seconds;
  const { p50, p95 } = summarize(result.intervals); // the same quantiles as the many-runs page reports
  console.log(`trainer page, chapter's configuration, speed=max, charts live (headless chromium, ${MEASURE_MS / 1000} s window):`);
  console.log(`  ${Math.round(rate).toLocaleString('en')} epochs/s (goal ≥ 300,000: ${rate >= 300000 ? 'met' : 'NOT met'})`);
  console.log(`  frame interval p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${result.intervals.length} frames ` +
    `(goal p95 ≤ 20 ms: ${p95 <= 20 ? 'met' : 'NOT met'})`);
  if (problems.length) console.log(`  page problems: ${problems.join('; ')}`);
} finally {
  await env.close();
}
