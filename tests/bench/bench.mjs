// ./build.sh bench: the chapter's 10,000-epoch run timed three ways in one run on this machine: the
// numpy reference (tests/numpy/reference.py, in-process), the native CLI (whole process), and the
// wasm module in Node (gan.step(10000) in-process). Medians of RUNS runs each, and their ratios.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = Number(process.env.TINYGAN_BENCH_RUNS ?? 7);
const EPOCHS = 10000;
const { loadTinyGan } = await import(`${ROOT}dist/tinygan.js`);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timeNumpy() {
  const out = execFileSync('/usr/bin/python3', [`${ROOT}tests/bench/numpy_time.py`, String(RUNS), String(EPOCHS)], { encoding: 'utf8' });
  return JSON.parse(out).seconds;
}

function timeNative() {
  const cli = `${ROOT}build/native/tinygan`;
  execFileSync(cli, ['train', '--print-every', '0']); // warm the file cache
  const seconds = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    execFileSync(cli, ['train', '--print-every', '0']);
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return seconds;
}

async function timeWasm() {
  const tg = await loadTinyGan();
  tg.create().step(2000); // let the engine tier up, as a page would after its first frames
  const seconds = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const gan = tg.create();
    gan.step(EPOCHS);
    gan.free();
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return seconds;
}

const rows = [
  ['numpy reference', timeNumpy()],
  ['native CLI', timeNative()],
  ['wasm in Node', await timeWasm()],
];
const med = Object.fromEntries(rows.map(([name, s]) => [name, median(s)]));
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`tinygan bench: the chapter's run (${EPOCHS} epochs, batch 32), median of ${RUNS} runs each`);
console.log(`machine: ${cpu}, ${cpus().length} cores, Node ${process.version}\n`);
console.log('| implementation  | median s   | µs/epoch | epochs/s   | vs numpy |');
console.log('|-----------------|------------|----------|------------|----------|');
for (const [name] of rows) {
  const s = med[name];
  console.log(`| ${name.padEnd(15)} | ${s.toFixed(5).padStart(10)} | ${(s / EPOCHS * 1e6).toFixed(2).padStart(8)} | ${Math.round(EPOCHS / s).toLocaleString('en').padStart(10)} | ${(med['numpy reference'] / s).toFixed(0).padStart(7)}× |`);
}
const nativeVsNumpy = med['numpy reference'] / med['native CLI'];
const wasmVsNative = med['wasm in Node'] / med['native CLI'];
console.log(`\nnative vs numpy: ${nativeVsNumpy.toFixed(0)}× faster (goal ≥ 300×: ${nativeVsNumpy >= 300 ? 'met' : 'NOT met'})`);
console.log(`wasm vs native: ${wasmVsNative.toFixed(2)}× the time (goal ≤ 1.5×: ${wasmVsNative <= 1.5 ? 'met' : 'NOT met'})`);
