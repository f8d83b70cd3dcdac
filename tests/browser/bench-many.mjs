// bench-many.mjs: a benchmark, not a test (it asserts nothing about time). It opens many.html in
// headless chromium and runs the default stability map (20 × 20 cells × 5,000 epochs = 2,000,000
// epochs) and the default seed ensemble (50 seeds × 10,000 epochs), and prints for each the elapsed
// seconds, the epochs per second, and the 95th-percentile interval between animation frames while it
// ran (the page's responsiveness). Run after ./build.sh:  node tests/browser/bench-many.mjs [--repeat N]
// [--workers N] [--only map|ensemble]
import { cpus, loadavg } from 'node:os';
import { setup } from './helpers.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const repeat = Math.max(1, Number(opt('repeat', 1)));
const workers = opt('workers', null);
const only = opt('only', null);

const env = await setup();
try {
  const query = workers ? `?workers=${workers}` : '';
  const { page, problems } = await env.open(`many.html${query}`, { ready: false });
  await page.waitForFunction(() => document.getElementById('many').dataset.state === 'ready', null, { timeout: 30000 });
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const status = await page.evaluate(() => document.getElementById('status').textContent);
  console.log(`many.html in headless chromium: navigator.hardwareConcurrency = ${cores}; ${status}`);
  // Other work on the machine slows the workers and the frames alike: say how busy it was.
  const load = () => loadavg()[0].toFixed(2);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; 1-minute load average before: ${load()}`);

  const rows = [];
  for (const [kind, button, section, what] of [
    ['map', '#run-map', 'map', '20 × 20 cells × 5,000 epochs'],
    ['ensemble', '#run-ensemble', 'ensemble', '50 seeds × 10,000 epochs'],
  ]) {
    if (only && only !== kind) continue;
    for (let r = 0; r < repeat; r++) {
      await page.click(button);
      await page.waitForFunction((id) => document.getElementById(id).dataset.state === 'done', section, { timeout: 600000 });
      const d = await page.evaluate(() => ({ ...document.getElementById('many').dataset }));
      const s = Number(d.elapsedMs) / 1000;
      rows.push({ run: `${kind} (${what})`, seconds: s.toFixed(2), 'epochs/s': Math.round(Number(d.epochsRun) / s),
        'frame p95 ms': Number(d.frameP95).toFixed(1), frames: Number(d.frames) });
    }
  }
  console.table(rows);
  console.log(`1-minute load average after: ${load()} (the runs themselves add about 2; more means other processes shared the cores)`);
  if (problems.length) console.log('problems on the page:', problems);
} finally {
  await env.close();
}
