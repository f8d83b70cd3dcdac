// Shared by the Node tests: the built module (dist/), the native CLI, the chapter's numbers.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = `${ROOT}build/native/tinygan`;
export const { loadTinyGan, ALLOWED_IMPORTS, SERIES } = await import(`${ROOT}dist/tinygan.js`);

// the chapter's printed table: the one copy every test of it reads (C, CLI, Node, numpy)
export const CHAPTER_TABLE = readFileSync(`${ROOT}tests/c/chapter_table.txt`, 'utf8');

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
