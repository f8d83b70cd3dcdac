// helpers.mjs: what the browser tests share — Debian's chromium driven by playwright-core against
// dist/ served on a free port, with every console error, page error and request outside the page's
// origin recorded so that each test can assert there were none.
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { startServer } from '../support/server.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

/** Start the server and the browser. Returns {url, browser, open(query, opts), close()}. */
export async function setup() {
  const { server, url } = await startServer(DIST, 0);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
    args: ARGS });
  const origin = new URL(url).origin;
  const pages = [];

  /** Open index.html with `query` (e.g. "?seed=42") in a fresh context; waits until the page is ready. */
  async function open(query = '', { width = 1280, height = 800, ready = true } = {}) {
    const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('request', (req) => {
      const u = req.url();
      if (u.startsWith('data:') || u.startsWith(`blob:${origin}/`)) return;
      if (new URL(u).origin !== origin) problems.push(`request outside the origin: ${u}`);
    });
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    await page.goto(`${url}${query}`);
    if (ready) await waitReady(page);
    const entry = { page, context, problems };
    pages.push(entry);
    return entry;
  }

  async function close() {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  }

  return { url, origin, browser, open, close };
}

/** Wait until the model has loaded and the first frame is drawn. */
export async function waitReady(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById('app')?.dataset.state;
    return s && s !== 'loading';
  });
  await page.waitForFunction(() => document.getElementById('epoch-target').textContent.startsWith('of '));
}

/** The readouts as text. */
export function readouts(page) {
  return page.evaluate(() => {
    const t = (id) => document.getElementById(id).textContent.trim();
    return { epoch: t('epoch'), lossD: t('loss-d'), lossG: t('loss-g'), dReal: t('d-real'), dFake: t('d-fake'),
      rate: t('rate'), status: t('status'), state: document.getElementById('app').dataset.state };
  });
}

/** Wait until the #epoch readout shows `n`. */
export async function waitEpoch(page, n, timeout = 30000) {
  await page.waitForFunction((want) => document.getElementById('epoch').textContent.trim() === String(want), n,
    { timeout });
}

/** The page's settings form and speed as the user sees them. */
export function shownSettings(page) {
  return page.evaluate(() => {
    const v = (id) => document.getElementById(id).value;
    return { seed: v('set-seed'), batch: v('set-batch'), lrG: v('set-lrG'), lrD: v('set-lrD'), epochs: v('set-epochs'),
      speed: v('speed') };
  });
}

/** Click `selector` and return the download it starts: {name, body: Buffer}. */
export async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const stream = await dl.createReadStream();
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return { name: dl.suggestedFilename(), body: Buffer.concat(chunks) };
}
