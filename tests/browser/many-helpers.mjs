// many-helpers.mjs: what the many-runs page's tests (and its benchmark) add to helpers.mjs — opening
// many.html and waiting until it is ready, running one of its two views to the end, reading what it
// drew, and the same runs computed in Node with dist/tinygan.js for comparison.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST } from './helpers.mjs';

/** Open many.html?query (query without the "?") and wait until its workers can take jobs. */
export async function openMany(env, query = '', opts = {}) {
  const entry = await env.open(`many.html${query ? `?${query}` : ''}`, { ...opts, ready: false });
  await waitManyReady(entry.page);
  return entry;
}

export function waitManyReady(page, timeout = 60000) {
  return page.waitForFunction(() => document.getElementById('many')?.dataset.state === 'ready', null, { timeout });
}

/** Click the view's Run button and wait until it is done. view: 'ensemble' | 'map'. */
export async function runView(page, view, timeout = 120000) {
  await page.click(`#run-${view}`);
  await page.waitForFunction((id) => document.getElementById(id).dataset.state === 'done'
    && document.getElementById('many').dataset.state === 'ready', view, { timeout });
}

/** The map's cells as drawn: [{lrG, lrD, state, value, divergedAt, href, fill, crossed}] in index order. */
export function mapCells(page) {
  return page.evaluate(() => [...document.querySelectorAll('#heatmap a.cell')]
    .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
    .map((a) => ({ index: Number(a.dataset.index), lrG: Number(a.dataset.lrG), lrD: Number(a.dataset.lrD),
      state: a.dataset.state, value: a.dataset.value ?? null, divergedAt: a.dataset.divergedAt ?? null,
      href: a.getAttribute('href'), fill: a.querySelector('rect').getAttribute('fill'),
      crossed: a.querySelector('path.cross') !== null })));
}

/** The ensemble's seeds as drawn in the spread: [{seed, state, value, divergedAt, href}] by seed. */
export function spreadSeeds(page) {
  return page.evaluate(() => [...document.querySelectorAll('#spread a.seed')]
    .map((a) => ({ seed: Number(a.dataset.seed), state: a.dataset.state, value: a.dataset.value ?? null,
      divergedAt: a.dataset.divergedAt ?? null, href: a.getAttribute('href') }))
    .sort((a, b) => a.seed - b.seed));
}

/** The loss chart's datasets: [{label, data: [{x, y}]}]. */
export function bandData(page) {
  return page.evaluate(() => globalThis.Chart.getChart(document.getElementById('ensemble-chart')).data.datasets
    .map((d) => ({ label: d.label, data: d.data.map((p) => ({ x: p.x, y: p.y })) })));
}

let tgPromise = null;
/** dist/tinygan.js loaded in Node (once). */
export function nodeTinyGan() {
  tgPromise ??= import(pathToFileURL(join(DIST, 'tinygan.js')).href).then((m) => m.loadTinyGan());
  return tgPromise;
}

/** One run in Node: {diverged, epoch, w1Slope, lossD, lossG (Float64Array per epoch)}. */
export async function nodeRun(options, epochs) {
  const tg = await nodeTinyGan();
  const gan = tg.create(options);
  try {
    gan.step(epochs);
    const m = gan.measures();
    const { d, g } = gan.losses(0, gan.epoch);
    return { diverged: gan.diverged, epoch: gan.epoch, w1Slope: m.w1Slope, lossD: d, lossG: g };
  } finally {
    gan.free();
  }
}
