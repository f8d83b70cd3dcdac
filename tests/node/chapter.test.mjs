// The chapter's run through tinygan.js: the table, SPEC section 3's values, the sample after training,
// and the same run by the native CLI to 1e-12.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTinyGan, SERIES, CHAPTER_TABLE, cli, flatParams, assertClose } from './helpers.mjs';

const TOL = 1e-12;
const tg = await loadTinyGan();

test('the chapter run prints the chapter table and SPEC values', () => {
  const gan = tg.create();
  assertClose(
    flatParams(gan.params()),
    [0.04967141530112327, -0.013826430117118467, 0.06476885381006925, 0, 0.15230298564080255,
      -0.023415337472333597, -0.023413695694918055, 0],
    TOL, 'params after init');
  assertClose(gan.real()[0], [0.8971437890889281, 0.528798401373235, 0.0740578095378377], TOL, 'first real image');
  assert.equal(gan.step(10000), 10000);
  assert.equal(gan.epoch, 10000);
  const { d, g } = gan.losses();
  assert.equal(d.length, 10000);
  assertClose(Array.from(d.subarray(0, 3)), [1.3180919951137648, 1.318151555169224, 1.317840591114468], TOL, 'loss_D 0..2');
  let table = '';
  for (let t = 0; t < 10000; t++) {
    if (t % 1000 === 0 || t === 9999) table += `Epoch ${t}: D_loss = ${d[t].toFixed(4)}, G_loss = ${g[t].toFixed(4)}\n`;
  }
  assert.equal(table, CHAPTER_TABLE);
  const final = [1.2724957973143578, 0.06647173330268544, -1.1105228801897191, 0.17715771812068573,
    0.2801465200016475, 0.12343066157818416, -0.24578866741766076, -0.3560303553164916];
  assertClose(flatParams(gan.params()), final, TOL, 'params after 10000 epochs');

  const snaps = gan.snapshots();
  assert.deepEqual(snaps.map((s) => s.epoch), [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 9999]);
  assert.deepEqual(snaps.at(-1).generator, gan.params().generator);

  // The chapter's L1_test: the next 32 latents of the same stream.
  const s = gan.sample(32);
  assert.equal(s.latent.length, 32);
  assert.equal(s.images.length, 32);
  assertClose(Array.from(s.latent.subarray(0, 2)), [0.9792579695681579, 0.7104391859412003], TOL, 'L1_test[0..1]');
  assertClose(s.images[0], [1.423259368882758, 0.2422506927083496, -0.9103306626928814], TOL, 'image of L1_test[0]');
  assertClose(s.images[1], [1.0811885964782966, 0.22438184221634616, -0.6118012528503755], TOL, 'image of L1_test[1]');
  // generate() draws nothing: the same latents under the same generator give the same images.
  assert.deepEqual(gan.generate(s.latent), s.images);
  gan.free();
});

test('native CLI and wasm agree to 1e-12 after 10,000 epochs, sample included', () => {
  const native = JSON.parse(cli('train', '--print-every', '0', '--json', '--sample', '32').trim());
  const gan = tg.create();
  gan.step(10000);
  const wasmFlat = flatParams(gan.params());
  const nativeFlat = flatParams(native); // the CLI's JSON has the same {generator, discriminator} shape
  const worst = assertClose(wasmFlat, nativeFlat, TOL, 'parameters, wasm vs native');
  const { d, g } = gan.losses(9999);
  assertClose([d[0], g[0]], [native.loss_d, native.loss_g], TOL, 'final losses, wasm vs native');
  const s = gan.sample(32);
  assertClose(Array.from(s.latent), native.sample.latent, TOL, 'sample latents');
  assertClose(s.images.flat(), native.sample.images.flat(), TOL, 'sample images');
  console.log(`# wasm vs native: worst parameter |diff| ${worst}`);
  gan.free();
});

test('CLI --losses writes every epoch and measure, equal to the wasm history', async () => {
  const { mkdtemp, readFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(`${tmpdir()}/tinygan-`);
  cli('train', '--epochs', '1500', '--print-every', '0', '--losses', `${dir}/l.csv`);
  const lines = (await readFile(`${dir}/l.csv`, 'utf8')).trim().split('\n');
  assert.equal(lines[0], 'epoch,loss_d,loss_g,d_real,d_fake,accuracy,w1_slope,mean_gap,sd_gap');
  assert.equal(lines.length, 1501);
  const gan = tg.create();
  gan.step(1500);
  const h = gan.history();
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  assert.deepEqual(rows.map((r) => r[0]), Array.from({ length: 1500 }, (_, i) => i));
  SERIES.forEach((name, i) => assertClose(rows.map((r) => r[i + 1]), Array.from(h[name]), TOL, `${name}: csv vs wasm`));
  assert.deepEqual(gan.losses(), { d: h.lossD, g: h.lossG });
  gan.free();
});
