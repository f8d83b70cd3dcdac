// The page's DOM-free modules, in Node: the settings table and its query string, the presets, the
// bounded loss series, the gallery's spacing, and the frame loop's schedule (with a fake clock and fake
// animation frames).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONSTRAINTS, MAX_EPOCHS, SETTINGS, defaults, fromQuery, modelOptions, toQuery } from '../../web/state.js';
import { PRESETS, presetOf, presetQuery, presetSettings } from '../../web/presets.js';
import { DecimatedSeries } from '../../web/series.js';
import { createLoop } from '../../web/loop.js';
import { fixed, precise, whole } from '../../web/format.js';
import { galleryEvery } from '../../web/run.js';
import { loadTinyGan } from '../../dist/tinygan.js';

const CHAPTER = { seed: 42, batch: 32, lrG: 0.001, lrD: 0.001, epochs: 10000, gOut: 'linear', gLoss: 'non-saturating',
  real: 'fixed', dSteps: 1, optimizer: 'sgd', momentum: 0.9, nodes: 3, latentLo: 0.4, latentHi: 1, speed: 10, embed: false };

test('settings table: defaults are the chapter’s, and every row parses what it serializes', () => {
  assert.deepEqual(defaults(), CHAPTER);
  assert.equal(presetOf(defaults())?.id, 'chapter');
  for (const row of SETTINGS) {
    assert.deepEqual(row.parse(row.serialize(row.default)), row.default, row.name);
    for (const v of row.range ?? row.choices ?? []) assert.equal(row.parse(row.serialize(v)), v, `${row.name} accepts ${v}`);
    assert.equal(typeof row.label, 'string', row.name);
    if (row.run) assert.ok(row.hint?.length > 10, `${row.name} says what it does`);
  }
  const custom = { seed: 4294967295, batch: 65536, lrG: 1e-12, lrD: 0.123456789, epochs: MAX_EPOCHS, gOut: 'sigmoid',
    gLoss: 'minimax', real: 'fresh', dSteps: 10, optimizer: 'momentum', momentum: 0.999, nodes: 16, latentLo: -100,
    latentHi: 100, speed: 'max', embed: true };
  const { settings, problems } = fromQuery(toQuery(custom));
  assert.deepEqual(problems, []);
  assert.deepEqual(settings, custom);
  // the chapter's link is short; an option beyond the chapter appears only when it differs
  assert.equal(toQuery(defaults()), '?seed=42&batch=32&lrG=0.001&lrD=0.001&epochs=10000&speed=10');
  assert.equal(toQuery({ ...defaults(), optimizer: 'adam', nodes: 8 }),
    '?seed=42&batch=32&lrG=0.001&lrD=0.001&epochs=10000&optimizer=adam&nodes=8&speed=10');
});

test('settings table: the model rows are tinygan.js’s options — names, ranges, integers, choices, defaults', async () => {
  const tg = await loadTinyGan();
  const model = new Map(tg.options.map((o) => [o.name, o]));
  const rows = SETTINGS.filter((row) => row.run && row.name !== 'epochs');
  assert.deepEqual(rows.map((r) => r.name).sort(), [...model.keys()].sort());
  for (const row of rows) {
    const o = model.get(row.name);
    assert.equal(row.default, o.default, `${row.name} default`);
    if (o.choices) {
      assert.deepEqual(row.choices, [...o.choices], `${row.name} choices`);
    } else {
      assert.deepEqual(row.range, [o.min, o.max], `${row.name} range`);
      assert.equal(row.type === 'integer', o.integer, `${row.name} integer`);
    }
  }
  // every setting the table accepts, the model accepts too (a few extremes of each row)
  for (const row of rows) {
    for (const v of row.choices ?? row.range) {
      const s = { ...defaults(), [row.name]: v };
      if (CONSTRAINTS.some((c) => !c.test(s))) continue;
      tg.create(modelOptions(s)).free();
    }
  }
  assert.throws(() => tg.create({ latentLo: 1, latentHi: 0.4 }), /latentLo must be below latentHi/);
});

test('settings table: bad values fall back to the default and are named', () => {
  const bad = ['seed=-1', 'seed=4294967296', 'seed=1.5', 'seed=0x10', 'batch=abc', 'batch=0', 'batch=', 'batch=65537',
    'lrG=0', 'lrG=NaN', 'lrG=Infinity', 'lrG=1e3', 'lrD=-1', 'lrD=0.1.2', `epochs=${MAX_EPOCHS + 1}`, 'epochs=1e3',
    'speed=2', 'speed=MAXX', 'embed=yes', 'gOut=tanh', 'gLoss=', 'real=FRESHER', 'dSteps=0', 'dSteps=11',
    'optimizer=rmsprop', 'momentum=1', 'momentum=-0.1', 'nodes=1', 'nodes=17', 'nodes=3.0', 'latentLo=-101',
    'latentHi=1e9'];
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
  assert.equal(fromQuery('?gOut=Sigmoid').settings.gOut, 'sigmoid');
  assert.match(fromQuery('?colour=red').problems[0].message, /“colour” is not a setting/);
  // a repeated key: the first wins, and the notice says so
  const twice = fromQuery('?seed=7&seed=8&seed=9');
  assert.equal(twice.settings.seed, 7);
  assert.deepEqual(twice.problems.map((p) => p.message), ['seed is given 3 times: only the first (“7”) is used.']);
  // a range that is valid on its own but not together: both latent bounds fall back
  const upside = fromQuery('?latentLo=2&latentHi=1.5');
  assert.deepEqual([upside.settings.latentLo, upside.settings.latentHi], [0.4, 1]);
  assert.match(upside.problems[0].message, /^latentLo, latentHi: the latent range needs from < to, got 2 to 1\.5; using the defaults 0\.4 and 1\.$/);
  assert.deepEqual(fromQuery('?latentLo=-3').settings.latentLo, -3);
  // a long value is quoted cut short
  const long = fromQuery(`?seed=${'9'.repeat(5000)}`).problems[0].message;
  assert.ok(long.length < 200, long);
  assert.match(long, /^seed = “9{40}…”/);
});

test('presets: each fixes every run setting, its link opens it, and it says what to watch for', () => {
  assert.deepEqual(PRESETS.map((p) => p.label), ['Chapter', 'Chapter’s equations (sigmoid generator)',
    'Min-max loss: vanishing gradients', 'Fresh real data each step', 'k = 5 discriminator steps', 'Adam',
    'Too-high learning rate', 'Long profiles (N = 8)']);
  const seen = new Set();
  for (const p of PRESETS) {
    const { settings, problems } = fromQuery(presetQuery(p));
    assert.deepEqual(problems, [], p.id);
    assert.equal(presetOf(settings), p, `${p.id}: its link opens it`);
    assert.equal(settings.speed, p.speed);
    const key = JSON.stringify(presetSettings(p));
    assert.ok(!seen.has(key), `${p.id} differs from every other preset`);
    seen.add(key);
    const sentences = p.watch.split(/(?<=[.!?])\s+(?=[A-Z])/u);
    assert.ok(sentences.length >= 1 && sentences.length <= 4 && p.watch.length < 520, `${p.id}: a short note`);
  }
  assert.equal(presetQuery(PRESETS[0]), toQuery(defaults()));
  assert.equal(presetOf({ ...defaults(), seed: 7 }), null);
  assert.equal(presetOf({ ...defaults(), speed: 'max' })?.id, 'chapter', 'the speed does not make a preset');
});

test('the gallery shows at most 10 snapshots plus the last epoch, at multiples the model keeps', () => {
  assert.equal(galleryEvery(10000), 1000);
  assert.equal(galleryEvery(1500), 1000);
  assert.equal(galleryEvery(10001), 2000);
  assert.equal(galleryEvery(20000), 2000);
  assert.equal(galleryEvery(100000), 10000);
  assert.equal(galleryEvery(MAX_EPOCHS), 1000000);
  for (let target = 1; target <= MAX_EPOCHS; target = Math.ceil(target * 1.37)) {
    const every = galleryEvery(target);
    assert.ok(Math.ceil(target / every) <= 10, `${target}: ${every}`);
    // beyond 4,096,000 epochs the model keeps a snapshot every 2,000 (every 4,000 beyond 8,192,000)
    assert.equal(every % (target > 8192000 ? 4000 : target > 4096000 ? 2000 : 1000), 0, `${target}: ${every}`);
  }
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

test('frame loop: max draws every other frame, and trains for what a frame leaves after drawing, both measured', () => {
  // epochs between two draws: a drawing frame's (13.5 ms less the drawing, within 4..14 ms) and a
  // frame that does not draw (14 ms), at 100 epochs per ms
  for (const [drawCost, lo, hi] of [[4, 2250, 2450], [12, 1700, 1900], [0.5, 2600, 2800]]) {
    let clock = 0;
    let epochs = 0;
    const frames = [];
    const perFrame = [];
    const loop = createLoop({
      advance: (n) => { epochs += n; clock += n * 0.01; return n; }, // 100 epochs per ms
      draw: () => { perFrame.push(epochs); clock += drawCost; }, raf: (f) => frames.push(f), now: () => clock,
    });
    loop.setSpeed('max');
    loop.play();
    for (let i = 0; i < 40; i++) {
      clock += 2;
      frames.shift()();
    }
    assert.equal(perFrame.length, 20, 'every other frame draws');
    const last = perFrame[19] - perFrame[18];
    assert.ok(last >= lo && last <= hi, `drawing ${drawCost} ms: two frames ran ${last} epochs, wanted ${lo}..${hi}`);
    loop.pause();
    assert.ok(Number.isFinite(loop.epochsPerSecond)); // the session's average stays on show
    loop.forgetRate();
    assert.ok(Number.isNaN(loop.epochsPerSecond));
  }
});

test('frame loop: at max, frames that slip past 20 ms shrink the training budget; frames on time win it back', () => {
  let clock = 0;
  let epochs = 0;
  const frames = [];
  const loop = createLoop({
    advance: (n) => { epochs += n; clock += n * 0.01; return n; }, // 100 epochs per ms
    draw: () => { clock += 1; }, raf: (f) => frames.push(f), now: () => clock,
  });
  loop.setSpeed('max');
  loop.play();
  const play = (count, browserMs) => {
    const e0 = epochs;
    for (let i = 0; i < count; i++) {
      clock += browserMs; // the browser's own share of the frame, unseen by the loop
      frames.shift()();
    }
    return (epochs - e0) / count;
  };
  const onTime = play(20, 2);
  assert.ok(onTime > 1100, `on time: ${onTime} epochs per frame`);
  play(30, 30); // every frame slips
  const slipping = play(2, 30);
  assert.ok(slipping >= 390 && slipping <= 420, `slipping: ${slipping} epochs per frame, wanted the 4 ms minimum`);
  play(150, 2);
  const recovered = play(2, 2);
  assert.ok(Math.abs(recovered - onTime) < 60, `recovered: ${recovered} epochs per frame, on time before: ${onTime}`);
});

test('frame loop: at max with a worker ahead, each frame takes its epochs; a failed worker hands back to the frames', () => {
  const calls = [];
  let clock = 0;
  let advanced = 0;
  let draws = 0;
  const frames = [];
  const takes = [[3000, false], [2500, false], null]; // the third take: the worker has failed
  const ahead = {
    start: () => { calls.push('start'); return true; },
    stop: () => calls.push('stop'),
    take: () => { calls.push('take'); return takes.length ? takes.shift() : [0, false]; },
  };
  const loop = createLoop({
    advance: (n) => { advanced += n; clock += n * 0.01; return n; },
    draw: () => { draws += 1; clock += 1; }, raf: (f) => frames.push(f), now: () => clock, ahead,
  });
  loop.setSpeed('max');
  loop.play();
  frames.shift()();
  frames.shift()();
  assert.deepEqual(calls, ['start', 'take', 'take']);
  assert.equal(advanced, 0, 'nothing trained in the frames while the worker works');
  assert.equal(draws, 1, 'every other frame draws');
  frames.shift()(); // take() gives null: the session ends, and this frame trains itself
  assert.deepEqual(calls.slice(3), ['take', 'stop']);
  assert.ok(advanced > 0, 'the frame trained when the worker could not');
  frames.shift()(); // the next frame tries the worker again (the page's start() refuses a failed one)
  assert.deepEqual(calls.slice(5), ['start', 'take']);
  loop.pause();
  assert.deepEqual(calls.slice(7), ['stop'], 'pause ends the session');
  // a session ends when the run stops, too
  const ends = [];
  const done = createLoop({
    advance: () => 0, draw: () => {}, raf: (f) => frames.push(f), now: () => clock, onStop: () => ends.push('onStop'),
    ahead: { start: () => true, stop: () => ends.push('stop'), take: () => [700, true] },
  });
  done.setSpeed('max');
  done.play();
  while (frames.length) frames.shift()();
  assert.deepEqual(ends, ['stop', 'onStop']);
  assert.equal(done.playing, false);
});

test('numbers on screen are never NaN', () => {
  assert.equal(precise(NaN), '—');
  assert.equal(precise(-Infinity, 10), '—');
  assert.equal(precise(0.04967141530112327), '0.0496714');
  assert.equal(precise(0.04967141530112327, 10), '0.0496714153');
  assert.equal(fixed(NaN), '—');
  assert.equal(fixed(Infinity), '—');
  assert.equal(fixed(1.44604), '1.4460');
  assert.equal(fixed(4.706698376595723e+307), '4.71e+307');
  assert.equal(fixed(-1234567.5), '-1.23e+6');
  assert.equal(fixed(-1e-8), '0.0000'); // not "-0.0000"
  assert.equal(fixed(-0.00005), '-0.0001');
  assert.equal(whole(NaN), '—');
  assert.equal(whole(123456.7), '123\u2009457');
});
