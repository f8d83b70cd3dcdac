// ./build.sh bench: the chapter's 10,000-epoch run timed in one run on this machine: the numpy
// reference (tests/numpy/reference.py, timed in-process), the native CLI (by its own --time clock
// around the training, and as a whole process), the same CLI built for plain x86-64 (SSE2, like for
// like with wasm's two-lane vectors), and the wasm module in Node (gan.step(10000), in-process). The
// runs are interleaved (each numpy run followed by FAST runs of the others, alternating) so that a
// slow spell of this shared machine falls on all of them alike. Medians and bests, and the ratios of
// the medians like for like: training time against training time.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = Number(process.env.TINYGAN_BENCH_RUNS ?? 7);
const FAST = 3; // native and wasm runs per numpy run: they take milliseconds, numpy seconds
const EPOCHS = 10000;
const CLI = `${ROOT}build/native/tinygan`;
const BASELINE = `${ROOT}build/native/tinygan_baseline`; // plain x86-64: two doubles a vector, as wasm
const { loadTinyGan } = await import(`${ROOT}dist/tinygan.js`);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const elapsed = (start) => Number(process.hrtime.bigint() - start) / 1e9;

/** One numpy run, timed inside Python (its start-up and numpy's import not counted). */
function timeNumpy() {
  const out = execFileSync('/usr/bin/python3', [`${ROOT}tests/bench/numpy_time.py`, '1', String(EPOCHS)], { encoding: 'utf8' });
  return JSON.parse(out).seconds[0];
}

/** One CLI run: { training: its --time report, process: the whole process as Node sees it }. */
function timeNative(cli = CLI) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cli, ['train', '--print-every', '0', '--time'], { encoding: 'utf8' });
  const process_ = elapsed(start);
  const m = /trained (\d+) epochs in ([0-9.]+) s/.exec(r.stderr);
  if (r.status !== 0 || !m || Number(m[1]) !== EPOCHS) throw new Error(`tinygan --time failed: ${r.stderr}`);
  return { training: Number(m[2]), process: process_ };
}

const tg = await loadTinyGan();
/** One wasm run in this process: create, step(10000), free. */
function timeWasm() {
  const start = process.hrtime.bigint();
  const gan = tg.create();
  gan.step(EPOCHS);
  gan.free();
  return elapsed(start);
}

// warm-up: the file cache for the CLI, numpy's import, and V8's tiering of the wasm module
timeNative();
tg.create().step(2000);
const t = { numpy: [], training: [], process: [], baseline: [], wasm: [] };
for (let i = 0; i < RUNS; i++) {
  t.numpy.push(timeNumpy());
  for (let j = 0; j < FAST; j++) {
    const n = timeNative();
    t.training.push(n.training);
    t.process.push(n.process);
    t.baseline.push(timeNative(BASELINE).training);
    t.wasm.push(timeWasm());
  }
}
const med = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));
const best = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.min(...v)]));

const rows = [
  ['numpy reference, in-process', 'numpy'],
  ['native CLI, training (--time)', 'training'],
  ['native CLI, whole process', 'process'],
  ['native, plain x86-64 (training)', 'baseline'],
  ['wasm in Node, in-process', 'wasm'],
];
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`tinygan bench: the chapter's run (${EPOCHS} epochs, batch 32); numpy ${RUNS} runs, native and wasm ${RUNS * FAST} runs each, interleaved`);
console.log(`machine: ${cpu}, ${cpus().length} cores, Node ${process.version}\n`);
console.log('| implementation                  | median s   | µs/epoch | best µs/epoch | epochs/s   | vs numpy |');
console.log('|---------------------------------|------------|----------|---------------|------------|----------|');
for (const [name, k] of rows) {
  const s = med[k];
  console.log(`| ${name.padEnd(31)} | ${s.toFixed(5).padStart(10)} | ${(s / EPOCHS * 1e6).toFixed(2).padStart(8)} | ${(best[k] / EPOCHS * 1e6).toFixed(2).padStart(13)} | ${Math.round(EPOCHS / s).toLocaleString('en').padStart(10)} | ${(med.numpy / s).toFixed(0).padStart(7)}× |`);
}
const nativeVsNumpy = med.numpy / med.training;
const wasmVsNative = med.wasm / med.training;
console.log(`\nnative vs numpy (training time): ${nativeVsNumpy.toFixed(0)}× faster (goal ≥ 300×: ${nativeVsNumpy >= 300 ? 'met' : 'NOT met'})`);
console.log(`wasm vs native (training time): ${wasmVsNative.toFixed(2)}× the time (goal ≤ 1.5×: ${wasmVsNative <= 1.5 ? 'met' : 'NOT met'})`);
console.log(`(bests: native ${(best.numpy / best.training).toFixed(0)}× numpy, wasm ${(best.wasm / best.training).toFixed(2)}× native; against the native CLI's whole process, start-up included: native ${(med.numpy / med.process).toFixed(0)}× numpy, wasm ${(med.wasm / med.process).toFixed(2)}× native)`);
console.log(`like for like (wasm's simd128 and plain x86-64 both hold two doubles a vector; the native CLI uses AVX2 and AVX-512 where the CPU has them): wasm ${(med.wasm / med.baseline).toFixed(2)}× the plain x86-64 build's time (best ${(best.wasm / best.baseline).toFixed(2)}×)`);
