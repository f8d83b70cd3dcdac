// The page is locked down (issue 6): a Content-Security-Policy that allows scripts only from the site's
// own files (no inline scripts or handlers, no eval), no request ever leaves the origin (every browser
// test asserts that through helpers.mjs), and the page works inside an iframe of another origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../support/server.mjs';
import { DIST, finish, useBrowser, waitEpoch, watch } from './helpers.mjs';

const env = useBrowser();

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:";

/** Every file of dist/ with one of these extensions, as [path, text]. */
async function sources(exts) {
  const out = [];
  for (const entry of await readdir(DIST, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath ?? entry.path, entry.name);
    if (entry.isFile() && exts.some((e) => entry.name.endsWith(e)) && !path.includes(`${join(DIST, 'vendor')}`)) {
      out.push([path.slice(DIST.length), await readFile(path, 'utf8')]);
    }
  }
  return out;
}

test('the CSP: scripts only from files — no inline script, handler or style, no eval — and it is enforced', async () => {
  const pages = await sources(['.html']);
  assert.ok(pages.some(([p]) => p === 'index.html'));
  for (const [path, html] of pages) {
    const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    assert.ok(meta, `${path} has the CSP meta`);
    assert.equal(meta[1], CSP, path);
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      assert.match(m[1], /\ssrc="[^"]+"/, `${path}: every script is a file`);
      assert.equal(m[2].trim(), '', `${path}: no inline script`);
    }
    assert.doesNotMatch(html, /<[^>]+\son[a-z]+\s*=/i, `${path}: no inline event handler`);
    assert.doesNotMatch(html, /<[^>]+\sstyle\s*=|<style\b/i, `${path}: no inline style`);
    assert.doesNotMatch(html, /javascript:/i, `${path}: no javascript: URL`);
    assert.doesNotMatch(html, /\b(src|href)="(https?:)?\/\//i, `${path}: nothing from another origin`);
  }
  for (const [path, js] of await sources(['.js'])) {
    const code = js.replace(/\/\/.*$/gm, ''); // comments may name what the code must not do
    assert.doesNotMatch(code, /\beval\s*\(|new\s+Function\s*\(|setTimeout\s*\(\s*['"`]/, `${path}: no eval`);
    assert.doesNotMatch(code, /setAttribute\(\s*['"]style['"]|\.innerHTML\s*=|insertAdjacentHTML/, `${path}: no HTML or style strings`);
    assert.doesNotMatch(code, /\bfetch\s*\(\s*['"`]https?:|new\s+WebSocket|navigator\.sendBeacon/, `${path}: nothing sent away`);
  }

  // the page obeys it (no violation on load, a run, the trace and the exports: watch() would record
  // them), and the browser enforces it: an injected inline script is refused and reported
  const entry = await env.open('?speed=max&epochs=1500');
  const { page, problems } = entry;
  await page.click('#play');
  await waitEpoch(page, 1500);
  await page.click('#reset');
  await page.click('#trace-step');
  await waitEpoch(page, 1);
  assert.deepEqual(problems, []);
  const ran = await page.evaluate(() => new Promise((done) => {
    window.injectedRan = false;
    document.addEventListener('securitypolicyviolation', () => done(window.injectedRan), { once: true });
    const s = document.createElement('script');
    s.textContent = 'window.injectedRan = true';
    document.body.append(s);
  }));
  assert.equal(ran, false, 'the inline script did not run');
  assert.ok(problems.some((p) => p.startsWith('CSP violation: script-src')), problems.join('\n'));
  problems.length = 0; // that one was the test's own
  await finish(entry);
});

test('embedded in an iframe of another origin, a run completes inside it', async () => {
  // the host page lives on a server of its own: another port, another origin
  const dir = await mkdtemp(join(tmpdir(), 'tinygan-host-'));
  const src = `${env.url}index.html?embed=1&speed=max&epochs=2000`;
  await writeFile(join(dir, 'index.html'), `<!doctype html><html lang="en"><meta charset="utf-8">
<title>An e-book page</title><link rel="icon" href="data:,">
<h1>A chapter that embeds tinygan</h1>
<iframe id="lab" title="tinygan" src="${src}" width="660" height="520"></iframe>\n`);
  const host = await startServer(dir, 0);
  const hostOrigin = new URL(host.url).origin;
  assert.notEqual(hostOrigin, env.origin);
  const context = await env.browser.newContext({ viewport: { width: 900, height: 700 } });
  const problems = [];
  await watch(context, problems, new Set([env.origin, hostOrigin]));
  try {
    const page = await context.newPage();
    await page.goto(host.url);
    const frame = page.frame({ url: (u) => u.href.startsWith(env.url) });
    assert.ok(frame, 'the iframe loaded the page');
    await frame.waitForFunction(() => document.getElementById('app')?.dataset.state === 'ready');
    assert.equal(await frame.evaluate(() => document.getElementById('app').classList.contains('embed')), true);
    assert.equal(await frame.isVisible('#settings'), false, 'the compact layout');
    await frame.click('#play');
    await frame.waitForFunction(() => document.getElementById('epoch').textContent === '2000', null, { timeout: 30000 });
    assert.equal(await frame.textContent('#status'), 'Done: epochs 0–1999 trained.');
    assert.match(await frame.textContent('#loss-d'), /^\d\.\d{4}$/);
    // the host is untouched: its own address, and no scrollbars from the frame's content
    assert.equal(page.url(), host.url);
    assert.equal(await frame.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true);
    // the link out of the frame opens the full page (at the page's own origin) in a new tab
    const full = new URL(await frame.getAttribute('#full-link', 'href'));
    assert.equal(full.origin, env.origin);
    assert.equal(full.searchParams.get('embed'), null);
    assert.equal(await frame.getAttribute('#full-link', 'target'), '_blank');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await new Promise((ok) => host.server.close(ok));
    await rm(dir, { recursive: true });
  }
});
