// The page's DOM-free modules, in Node: the settings table and its query string, the bounded loss
// series, and the frame loop's schedule (with a fake clock and fake animation frames).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SETTINGS, defaults, fromQuery, presetOf, toQuery } from '../../web/state.js';
import { DecimatedSeries } from '../../web/series.js';
import { createLoop } from '../../web/loop.js';
import { fixed, whole } from '../../web/format.js';

test('settings table: defaults are the chapter’s, and every row parses what it serializes', () => {
  assert.deepEqual(defaults(), { seed: 42, batch: 32, lrG: 0.001, lrD: 0.001, epochs: 10000, speed: 10, embed: false });
  assert.equal(presetOf(defaults())?.id, 'chapter');
  for (const row of SETTINGS) {
    assert.deepEqual(row.parse(row.serialize(row.default)), row.default, row.name);
    for (const v of row.range ?? []) assert.equal(row.parse(row.serialize(v)), v, `${row.name} accepts ${v}`);
  }
  const custom = { seed: 4294967295, batch: 65536, lrG: 1e-12, lrD: 0.123456789, epochs: 1, speed: 'max', embed: true };
  const { settings, problems } = fromQuery(toQuery(custom));
  assert.deepEqual(problems, []);
  assert.deepEqual(settings, custom);
  assert.equal(toQuery(defaults()), '?seed=42&batch=32&lrG=0.001&lrD=0.001&epochs=10000&speed=10');
});

test('settings table: bad values fall back to the default and are named', () => {
  const bad = ['seed=-1', 'seed=4294967296', 'seed=1.5', 'seed=0x10', 'batch=abc', 'batch=0', 'batch=', 'batch=65537',
    'lrG=0', 'lrG=NaN', 'lrG=Infinity', 'lrG=1e3', 'lrD=-1', 'lrD=0.1.2', 'epochs=100001', 'epochs=1e3',
    'speed=2', 'speed=MAXX', 'embed=yes'];
  for (const q of bad) {
    const [name] = q.split('=');
    const { settings, problems } = fromQuery(`?${q}`);
    assert.equal(problems.length, 1, q);
    assert.equal(problems[0].name, name);
    assert.ok(problems[0].message.startsWith(`${name} = “`), problems[0].message);
    assert.deepEqual(settings, defaults(), q);
  }
  assert.equal(fromQuery('?speed=MAX').settings.speed, 'max');
  assert.equal(fromQuery('?lrG=1e-3').settings.lrG, 0.001);
  assert.equal(fromQuery('?seed=7&seed=8').settings.seed, 7); // the first of a repeated key
  assert.match(fromQuery('?colour=red').problems[0].message, /“colour” is not a setting/);
});

test('the loss series stays bounded and keeps each bucket’s mean, min and max', () => {
  const s = new DecimatedSeries(2000);
  const values = Float64Array.from({ length: 100003 }, (_, t) => Math.sin(t / 500) + (t % 7) / 100);
  for (let from = 0; from < values.length; from += 977) s.push(values.subarray(from, from + 977), from);
  assert.equal(s.count, values.length);
  assert.ok(s.mean.length <= 2000, `${s.mean.length} points`);
  assert.ok(s.mean.length >= 1000);
  assert.equal(s.width, 64);
  for (let i = 1; i < s.mean.length; i++) assert.ok(s.mean[i].x > s.mean[i - 1].x);
  // bucket i holds epochs [i·w, (i+1)·w)
  const w = s.width;
  for (const i of [0, 17, s.mean.length - 2]) {
    const slice = values.subarray(i * w, (i + 1) * w);
    const mean = slice.reduce((a, b) => a + b, 0) / w;
    assert.ok(Math.abs(s.mean[i].y - mean) < 1e-12);
    assert.equal(s.min[i].y, Math.min(...slice));
    assert.equal(s.max[i].y, Math.max(...slice));
    assert.equal(s.mean[i].x, i * w + (w - 1) / 2);
  }
  // the last (open) bucket is drawn too
  const last = s.mean.length - 1;
  assert.equal(s.max[last].y, Math.max(...values.subarray(last * w)));
  assert.throws(() => s.push([1], 5), /expected epoch 100003/);
  s.clear();
  assert.equal(s.mean.length, 0);
  s.push([0.5, 0.7]);
  assert.deepEqual(s.mean, [{ x: 0, y: 0.5 }, { x: 1, y: 0.7 }]);
});

test('frame loop: a fixed speed runs that many epochs per frame and draws once', () => {
  const frames = [];
  let epochs = 0;
  let draws = 0;
  const loop = createLoop({ advance: (n) => { const k = Math.min(n, 25 - epochs); epochs += k; return k; },
    draw: () => draws++, raf: (f) => frames.push(f), now: () => 0 });
  loop.setSpeed(10);
  loop.play();
  while (frames.length) frames.shift()();
  assert.equal(epochs, 25);
  assert.equal(draws, 3);
  assert.equal(loop.playing, false); // stopped when advance ran fewer than asked
  assert.throws(() => loop.setSpeed(7), RangeError);
});

test('frame loop: max runs epochs until the ~8 ms budget is spent, measured', () => {
  let clock = 0;
  let epochs = 0;
  const frames = [];
  const perFrame = [];
  const loop = createLoop({
    advance: (n) => { epochs += n; clock += n * 0.01; return n; }, // 100 epochs per ms
    draw: () => { perFrame.push(epochs); clock += 4; }, raf: (f) => frames.push(f), now: () => clock,
  });
  loop.setSpeed('max');
  loop.play();
  for (let i = 0; i < 40; i++) {
    clock += 4;
    frames.shift()();
  }
  const last = perFrame[39] - perFrame[38];
  assert.ok(last >= 700 && last <= 1000, `a frame ran ${last} epochs (about 8 ms at 100/ms)`);
  assert.ok(loop.epochsPerSecond > 40000 && loop.epochsPerSecond < 60000, `${loop.epochsPerSecond} epochs/s`);
  loop.pause();
  assert.ok(Number.isFinite(loop.epochsPerSecond)); // the session's average stays on show
  loop.forgetRate();
  assert.ok(Number.isNaN(loop.epochsPerSecond));
});

test('numbers on screen are never NaN', () => {
  assert.equal(fixed(NaN), '—');
  assert.equal(fixed(Infinity), '—');
  assert.equal(fixed(1.44604), '1.4460');
  assert.equal(whole(NaN), '—');
  assert.equal(whole(123456.7), '123\u2009457');
});
