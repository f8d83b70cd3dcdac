// Shared by the Node tests: the built module (dist/), the native CLI, the chapter's numbers.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = `${ROOT}build/native/tinygan`;
export const { loadTinyGan, ALLOWED_IMPORTS, SERIES } = await import(`${ROOT}dist/tinygan.js`);

export const CHAPTER_TABLE = `Epoch 0: D_loss = 1.3181, G_loss = 0.6909
Epoch 1000: D_loss = 1.2445, G_loss = 0.6723
Epoch 2000: D_loss = 1.2650, G_loss = 0.6292
Epoch 3000: D_loss = 1.2955, G_loss = 0.6195
Epoch 4000: D_loss = 1.2948, G_loss = 0.6584
Epoch 5000: D_loss = 1.3010, G_loss = 0.6991
Epoch 6000: D_loss = 1.3335, G_loss = 0.6973
Epoch 7000: D_loss = 1.4199, G_loss = 0.6486
Epoch 8000: D_loss = 1.4667, G_loss = 0.5782
Epoch 9000: D_loss = 1.5111, G_loss = 0.5936
Epoch 9999: D_loss = 1.4460, G_loss = 0.6302
`;

/** Run the native CLI; returns its stdout. */
export function cli(...args) {
  return execFileSync(CLI, args, { encoding: 'utf8' });
}

/** Flatten {generator, discriminator} parameters into [gw..., b, dw..., c]. */
export function flatParams(p) {
  return [...p.generator.weights, p.generator.bias, ...p.discriminator.weights, p.discriminator.bias];
}

/** Assert |got[i] - want[i]| <= tol for all i, failing with the worst index and difference. */
export function assertClose(got, want, tol, what) {
  assert.equal(got.length, want.length, `${what}: length ${got.length} != ${want.length}`);
  let worst = -1;
  let at = -1;
  for (let i = 0; i < got.length; i++) {
    const d = Math.abs(got[i] - want[i]);
    if (!(d <= worst)) [worst, at] = [d, i];
  }
  assert.ok(worst <= tol, `${what}: worst |diff| ${worst} at [${at}] (got ${got[at]}, want ${want[at]}) > ${tol}`);
  return worst;
}
