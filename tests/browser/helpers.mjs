// helpers.mjs: what the browser tests share — Debian's chromium driven by playwright-core against
// dist/ served on a free port, with every console error, page error, CSP violation, failed request and
// request outside the page's origin recorded so that each test can assert there were none.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { startServer } from '../support/server.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * Record, into `problems`, everything a test of the page must never see: console errors, uncaught
 * errors, Content-Security-Policy violations, failed or 4xx/5xx requests, and any request to an origin
 * not in `allowed` — for every page and frame of the browser context.
 */
export async function watch(context, problems, allowed) {
  const outside = (u) => {
    if (u.startsWith('data:')) return false;
    if (u.startsWith('blob:')) return !allowed.has(new URL(u.slice(5)).origin);
    return !allowed.has(new URL(u).origin);
  };
  // A CSP violation raises a 'securitypolicyviolation' event in the document (and a console error):
  // listen for it from the very start of every document, frames included.
  await context.exposeBinding('__tinyganCspViolation', (_source, text) => problems.push(`CSP violation: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__tinyganCspViolation(`${e.violatedDirective} refused ${e.blockedURI || 'an inline script or style'}`
        + ` (${e.sourceFile || location.href}:${e.lineNumber})`);
    });
  });
  const onPage = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  };
  context.on('page', onPage);
  context.on('request', (req) => {
    if (outside(req.url())) problems.push(`request outside the origin: ${req.url()}`);
  });
  context.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  context.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
}

/** Start the server and the browser. Returns {url, origin, browser, open(query, opts), close()}. */
export async function setup() {
  const { server, url } = await startServer(DIST, 0);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
    args: ARGS });
  const origin = new URL(url).origin;

  /**
   * Open index.html with `query` (e.g. "?seed=42"; or a path such as "many.html?…") in a fresh context
   * whose problems (see watch) are recorded; waits until the page is ready. `origins`: further origins
   * the test itself serves (an embedding host page).
   */
  async function open(query = '', { width = 1280, height = 800, ready = true, origins = [] } = {}) {
    const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
    const problems = [];
    await watch(context, problems, new Set([origin, ...origins]));
    const page = await context.newPage();
    await page.goto(`${url}${query}`);
    if (ready) await waitReady(page);
    return { page, context, problems };
  }

  async function close() {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  }

  return { url, origin, browser, open, close };
}

/** End a test of an opened page: no problems were recorded (see watch), then close its context. */
export async function finish({ context, problems }) {
  try {
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

/** For one test file: setup() before its tests and close() after them. The object returned is filled
 * in by then with setup()'s {url, origin, browser, open, close}. */
export function useBrowser() {
  const env = {};
  before(async () => Object.assign(env, await setup()));
  after(() => env.close?.());
  return env;
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
