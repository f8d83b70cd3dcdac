// URL fuzz (issue 6): 300 random and malformed query strings — huge numbers, NaN, Infinity, negatives,
// empty values, unicode, percent garbage, repeated and unknown keys, very long values, every parameter
// name — from a generator with a fixed seed. Each loads with no uncaught error (nor console error, CSP
// violation or request elsewhere) into a valid, visible state: #epoch shows a number, the status says
// the page is ready, the form shows values its settings table accepts, and every parameter the page
// could not use is named in the notice. One page navigates 300 times; nothing here is timed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SETTINGS, fromQuery } from '../../web/state.js';
import { finish, useBrowser, waitReady } from './helpers.mjs';

const env = useBrowser();

const COUNT = 300;
const MAX_URL = 7000;

// mulberry32: a small, seeded generator, so that every run tries the same 300 strings
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = SETTINGS.map((row) => row.name);
const UNKNOWN = ['colour', 'Seed', 'SEED', 'seed ', ' seed', 'lr', 'epoch', '__proto__', 'constructor', 'toString', '',
  'ü', '😀', 'a'.repeat(300), 'seed[]', 'x.y', '%73eed'];
const NASTY = ['', ' ', 'NaN', 'nan', 'Infinity', '-Infinity', '+Infinity', '1e308', '1e309', '-1e308', '1e-400', '5e-324',
  '9'.repeat(400), '-0', '+0', '0', '-1', '-42', '0x10', '0b11', '0o7', '1_000', '1,5', '1.5.5', '.', '..', '-', '+', 'e5',
  '1e', '١٢', '４２', '42abc', ' 42 ', '\t7', 'true', 'false', 'null', 'undefined', '[]', '{}', '%', '%%', '%zz', '%E0%A4%A',
  '%00', '%C0%AF', '%FF%FE', '%F0%9F%98', '😀', 'ü', 'ﬁ', '\u202e1', '\u0000', '<script>alert(1)</script>',
  '"onmouseover="x', "'", '\\', '/', '?', '&', '=', '#frag', 'max', 'MAX', 'Max', 'sigmoid', 'SIGMOID', 'minimax',
  'non-saturating', 'fresh', 'adam', 'momentum', 'sgd', 'linear', 'fixed', '1', '10', '100', '1000', '3', '16', '17',
  '0.001', '0.999', '1e-12', '100', '101', '10000000', '10000001', '4294967295', '4294967296', '65536', '0.4', '1.0'];

/** A valid value for `row` (or something near one), so that good settings mix with bad ones. */
function plausible(row, r) {
  if (row.choices) return String(row.choices[Math.floor(r() * row.choices.length)]);
  const [lo, hi] = row.range;
  const v = lo + (hi - lo) * r() ** 3;
  return String(row.type === 'integer' ? Math.round(v) : Number(v.toPrecision(1 + Math.floor(r() * 6))));
}

function encodeSome(s, r) {
  const roll = r();
  if (roll < 0.4) return s; // raw: unicode, spaces, % and & as they come
  if (roll < 0.8) return encodeURIComponent(s);
  return s.replace(/[0-9a-z]/gi, (c) => (r() < 0.3 ? `%${c.charCodeAt(0).toString(16)}` : c));
}

/** One query string (without the "?"): a few key=value pairs, some of them broken on purpose. */
function query(r) {
  const pick = (list) => list[Math.floor(r() * list.length)];
  const parts = [];
  const n = Math.floor(r() * 9);
  for (let i = 0; i < n; i++) {
    const roll = r();
    const name = roll < 0.75 ? pick(NAMES) : pick(UNKNOWN);
    const row = SETTINGS.find((x) => x.name === name);
    let value;
    const v = r();
    if (row && v < 0.35) value = plausible(row, r);
    else if (v < 0.9) value = pick(NASTY);
    else value = pick(NASTY).repeat(1 + Math.floor(r() * 600)); // very long
    const shape = r();
    if (shape < 0.05) parts.push(encodeSome(name, r)); // no "=" at all
    else if (shape < 0.1) parts.push(`${encodeSome(name, r)}==${encodeSome(value, r)}`);
    else parts.push(`${encodeSome(name, r)}=${encodeSome(value, r)}`);
    if (r() < 0.1) parts.push(parts[parts.length - 1]); // a repeated key
  }
  const sep = r() < 0.1 ? '&&' : r() < 0.05 ? ';' : '&';
  // Web servers refuse addresses beyond a few kilobytes (Node's: 16 KB of headers), before any page
  // loads: keep each address, as the browser will encode it, under 7,000 characters.
  while (parts.length > 1 && new URL(`http://x/?${parts.join(sep)}`).search.length > MAX_URL) parts.pop();
  if (parts.length === 1 && new URL(`http://x/?${parts[0]}`).search.length > MAX_URL) parts[0] = parts[0].slice(0, 700);
  return (r() < 0.05 ? '?' : '') + parts.join(sep);
}

/** Load query `q` (number i) in `page` and check the state it shows; true if it showed a notice.
 * `errors`: this page's uncaught and console errors (all problems of every page are checked at the end). */
async function check(page, i, q, errors) {
  const what = `query ${i}: ?${q.slice(0, 200)}`;
  const before = errors.length;
  await page.goto(`${env.url}?${q}`);
  await waitReady(page);
  const seen = await page.evaluate((names) => ({
    search: location.search,
    epoch: document.getElementById('epoch').textContent,
    target: document.getElementById('epoch-target').textContent,
    state: document.getElementById('app').dataset.state,
    status: document.getElementById('status').textContent,
    notice: document.getElementById('notice').hidden ? null : document.getElementById('notice').textContent,
    form: Object.fromEntries(names.map((n) => [n, document.getElementById(`set-${n}`)?.value])),
    speed: document.getElementById('speed').value,
    embed: document.getElementById('app').classList.contains('embed'),
    visible: Object.fromEntries(['epoch', 'status', 'play', 'loss-chart', 'set-seed']
      .map((id) => [id, document.getElementById(id).getClientRects().length > 0])),
    // the page's own text (the notice quotes the link's values back, whatever they are)
    text: [...document.querySelectorAll('#app > :not(#notice)')].map((e) => e.innerText).join('\n'),
  }), SETTINGS.filter((row) => row.run).map((row) => row.name));
  assert.deepEqual(errors.slice(before), [], what);
  assert.equal(seen.epoch, '0', what);
  assert.match(seen.target, /^of \d+$/, what);
  assert.equal(seen.state, 'ready', what);
  // the controls, readouts and charts are on show, and the form too unless in the compact layout
  assert.deepEqual(seen.visible, { epoch: true, status: true, play: true, 'loss-chart': true, 'set-seed': !seen.embed }, what);
  assert.match(seen.status, /^Ready: press Play/, what);
  assert.doesNotMatch(seen.text, /\bNaN\b|\bundefined\b/, what);
  // the form shows values the table accepts (within range, or one of the choices)
  for (const row of SETTINGS.filter((x) => x.run)) {
    assert.doesNotThrow(() => row.parse(seen.form[row.name]), `${what}: ${row.name} = ${seen.form[row.name]}`);
  }
  assert.doesNotThrow(() => SETTINGS.find((x) => x.name === 'speed').parse(seen.speed), what);
  // every parameter the page could not use is named in the notice (the page reads the address as the
  // browser normalised it: so does this check)
  const { settings, problems: bad } = fromQuery(seen.search);
  assert.equal(seen.embed, settings.embed, what);
  for (const row of SETTINGS.filter((x) => x.run)) {
    assert.equal(seen.form[row.name], row.serialize(settings[row.name]), `${what}: ${row.name}`);
  }
  if (bad.length === 0) {
    assert.equal(seen.notice, null, what);
    return false;
  }
  assert.ok(seen.notice, `${what}: a notice`);
  for (const p of bad) assert.ok(seen.notice.includes(p.message), `${what}: the notice says ${p.message}`);
  return true;
}

test('300 random and malformed query strings each load into a valid, visible state', async () => {
  const r = rng(20240601);
  const queries = Array.from({ length: COUNT }, () => query(r));
  // every parameter name appears, and so do the nasty values
  for (const name of NAMES) assert.ok(queries.some((q) => q.includes(`${name}=`)), `${name} is tried`);
  assert.ok(queries.filter((q) => q.length > 1000).length > 10, 'very long strings are tried');

  // One page (small, to draw less) navigates 300 times; its own errors are told apart per string.
  const entry = await env.open('', { width: 480, height: 360 });
  const { page } = entry;
  const errors = [];
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(`console error: ${msg.text()}`));
  let withNotice = 0;
  for (const [i, q] of queries.entries()) {
    if (await check(page, i, q, errors)) withNotice += 1;
  }
  console.log(`${COUNT} query strings loaded; ${withNotice} of them with a notice naming what was not used`);
  assert.ok(withNotice > COUNT / 2);
  await finish(entry);
});
