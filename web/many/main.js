// main.js: wires the many-runs page — settings (URL and fields), the scheduler's workers, and the
// views (loss bands, seed spread, stability map, progress). The main thread only hands out jobs and
// draws: each result is a few numbers or two curves of at most POINTS block means, and drawing happens
// at most once per animation frame (the ensemble's chart at most every CHART_MS), so the page stays
// responsive however long the runs are.

import { loadTinyGan } from '../tinygan.js';
import {
  BASIC, changedOptions, ensembleSeed, fromQuery, gridRates, modelOptions, settingsTable, toQuery, trainerQuery,
  workerCount,
} from './settings.js';
import { Scheduler } from './scheduler.js';
import { blocks } from './jobs.js';
import { bands, spread as spreadOf } from './stats.js';
import { createLossBands } from './loss-bands.js';
import { createSpread } from './spread.js';
import { createHeatmap } from './heatmap.js';
import { createProgress } from './progress.js';
import { createFrameMeter } from './frames.js';
import { html, htmlSubscripted } from './svg.js';
import { fixed, precise, whole } from '../format.js';
import { CSV_COLUMNS, optionSuffixes, saveText, saveUrl } from '../exports.js';
import { clearRefusal, clearRefusals, refuse } from '../views/field-error.js';

const POINTS = 1000; // block means per seed and loss
const CHART_MS = 250; // the ensemble's views redraw at most this often while it runs (see runEnsemble)

const $ = (id) => document.getElementById(id);
const page = $('many');
const ui = {
  runEnsemble: $('run-ensemble'), runMap: $('run-map'), cancel: $('cancel'), trainer: $('trainer-link'),
  ensemble: $('ensemble'), map: $('map'), perf: $('perf'),
};
const progress = createProgress({ bar: $('progress'), count: $('progress-count'), status: $('status') });

function notify(title, lines) {
  $('notice-title').textContent = title;
  $('notice-list').replaceChildren(...lines.map((line) => html('li', {}, [line])));
  $('notice').hidden = false;
}
$('notice-close').addEventListener('click', () => {
  $('notice').hidden = true;
});

function fail(err) {
  progress.say(`Could not start: ${err.message}`);
  page.dataset.state = 'error';
  for (const b of [ui.runEnsemble, ui.runMap, ui.cancel]) b.disabled = true;
}

// ---- the model's option table, the settings, the workers ------------------------------------------
let tg;
try {
  tg = await loadTinyGan();
} catch (err) {
  fail(err);
  throw err;
}
const table = settingsTable(tg.options);
const byName = new Map(table.map((r) => [r.name, r]));
const { settings, problems } = fromQuery(location.search, table, (options) => tg.create(options).free());
if (problems.length) notify('Some parameters in this link were not used:', problems.map((p) => p.message));

const scheduler = new Scheduler(workerCount(settings.workers, navigator.hardwareConcurrency));
scheduler.warm().catch(() => {}); // a failure shows when a run starts

/**
 * The how-close measure where training starts — the configuration's untrained generator (one epoch at
 * a negligible learning rate, so that it is the same for every cell of the map and never diverges):
 * the darkest colour of the map's scale.
 */
function startMeasure(s) {
  const gan = tg.create({ ...modelOptions(s, table), lrG: 1e-12, lrD: 1e-12 });
  try {
    gan.step(1);
    return gan.measures().w1Slope;
  } finally {
    gan.free();
  }
}

// ---- the settings fields ----------------------------------------------------------------------------
const fieldRows = {
  basic: table.filter((r) => BASIC.includes(r.name)),
  more: table.filter((r) => r.group === 'model' && !BASIC.includes(r.name)),
  ensemble: ['seeds', 'epochs'].map((name) => table.find((r) => r.name === name)),
  map: table.filter((r) => r.group === 'map'),
};
const inputs = new Map();
for (const [group, rows] of Object.entries(fieldRows)) {
  const box = document.querySelector(`.fields[data-group="${group}"]`);
  for (const row of rows) {
    const id = `set-${row.name}`;
    let input;
    if (row.type === 'choice') {
      input = html('select', { id, name: row.name });
      for (const c of row.choices) input.append(new Option(String(c), String(c)));
    } else {
      input = html('input', { id, name: row.name, type: 'number', inputmode: row.type === 'integer' ? 'numeric' : 'decimal',
        min: row.range[0], max: row.range[1], step: row.type === 'integer' ? 1 : 'any' });
    }
    const label = html('label', { for: id }, [labelText(row.label), input]);
    box.append(label);
    inputs.set(row.name, input);
    input.addEventListener('change', () => change(row, input));
    input.addEventListener('input', () => clearRefusal(input));
  }
}

/** A label with η_G / η_D written with subscripts. */
function labelText(text) {
  return html('span', {}, htmlSubscripted(text));
}

function showSettings() {
  for (const [name, input] of inputs) input.value = byName.get(name).serialize(settings[name]);
  const changed = changedOptions(settings, table).length;
  $('more-count').textContent = changed ? `(${changed} changed from the chapter’s)` : '(all as in the chapter)';
  ui.trainer.href = `index.html${trainerQuery(settings, table, {})}`;
  const last = ensembleSeed(settings.seed, settings.seeds - 1);
  $('seed-example').textContent = settings.seeds === 1 ? `: with base seed ${settings.seed} and 1 seed, seed ${settings.seed} alone`
    : `: with base seed ${settings.seed} and ${settings.seeds} seeds, seeds ${settings.seed} to ${last}`
      + `${last < settings.seed ? ' (wrapping past 4294967295 to 0)' : ''}`;
}

function change(row, input) {
  let value;
  try {
    value = row.parse(input.value);
    const next = { ...settings, [row.name]: value };
    if (!(next.lrMin < next.lrMax)) throw new Error(`the smallest η must be below the largest (${next.lrMin} ≥ ${next.lrMax})`);
    if (row.group === 'model') tg.create(modelOptions(next, table)).free();
  } catch (err) {
    const kept = row.serialize(settings[row.name]);
    refuse(input, row.label, err.message.replace(/^create: /, ''), kept);
    input.value = kept;
    return;
  }
  if (value === settings[row.name]) return;
  clearRefusals(page); // a value was accepted: what was said is past
  settings[row.name] = value;
  history.replaceState(null, '', toQuery(settings, table));
  showSettings();
  markStale();
  if (!mapShown) layoutMap(settings);
}

function setFieldsDisabled(disabled) {
  for (const input of inputs.values()) input.disabled = disabled;
}

// ---- captions: which settings a view's results are for ------------------------------------------------
function configText(s, rates = true) {
  const parts = [`B ${s.batch}`];
  if (rates) parts.push(`η_G ${s.lrG}`, `η_D ${s.lrD}`);
  for (const [row, v] of changedOptions(s, table)) parts.push(`${row.name} ${v}`);
  return parts.join(' · ');
}
let ensembleFor = null;
let mapFor = null;
function markStale() {
  const relevant = {
    ensemble: table.filter((r) => r.group === 'model' || r.group === 'ensemble'),
    map: table.filter((r) => (r.group === 'model' && r.name !== 'lrG' && r.name !== 'lrD') || r.group === 'map'),
  };
  for (const [el, s, what] of [[$('ensemble-caption'), ensembleFor, 'ensemble'], [$('map-caption'), mapFor, 'map']]) {
    if (!s) continue;
    const same = relevant[what].every((r) => s[r.name] === settings[r.name]);
    el.classList.toggle('stale', !same);
    el.querySelector('.stale-note').hidden = same;
  }
}
function showCaption(el, text) {
  el.replaceChildren(html('span', {}, htmlSubscripted(text)), html('span', { class: 'stale-note', hidden: '' },
    [' The settings have changed since: run again to update.']));
  el.hidden = false;
}

// ---- views ----------------------------------------------------------------------------------------------
let bandsView;
try {
  bandsView = createLossBands($('ensemble-chart'));
} catch (err) {
  fail(err);
  throw err;
}
const spreadView = createSpread($('spread'), document.querySelector('#spread .tip'));
const heatmap = createHeatmap($('heatmap'), document.querySelector('#heatmap .tip'), $('legend'));
let mapShown = false;

function layoutMap(s) {
  const rates = gridRates(s.lrMin, s.lrMax, s.grid);
  heatmap.layout({
    ratesG: rates, ratesD: rates,
    hrefFor: (g, d) => `index.html${trainerQuery(s, table, { lrG: rates[g], lrD: rates[d], epochs: s.mapEpochs })}`,
    mark: { lrG: s.lrG, lrD: s.lrD },
    scaleTop: startMeasure(s),
  });
  return rates;
}

// ---- running ----------------------------------------------------------------------------------------------
const frames = createFrameMeter();
let current = null; // {kind, ...} while a run is in progress

function setRunning(kind) {
  page.dataset.state = kind ? 'running' : 'ready';
  if (kind) page.dataset.job = kind;
  else delete page.dataset.job;
  ui.runEnsemble.disabled = Boolean(kind);
  ui.runMap.disabled = Boolean(kind);
  ui.cancel.disabled = !kind;
  setFieldsDisabled(Boolean(kind));
}

/**
 * Run `jobs` on the workers, calling place(index, result) per result as it arrives, and draw(final)
 * at most once a frame while there is something new (draw returns false if it chose not to draw yet),
 * and once at the end.
 */
async function execute(kind, unit, jobs, place, draw) {
  const started = performance.now();
  let done = 0;
  let epochs = 0;
  let dirty = false;
  let frame = 0;
  current = { kind };
  setRunning(kind);
  frames.start();
  progress.update(0, jobs.length, unit, 0, 0);
  const tick = () => {
    if (dirty) dirty = draw(false) === false; // false: not drawn this frame (throttled), try again
    progress.update(done, jobs.length, unit, performance.now() - started, epochs);
    if (current) frame = requestAnimationFrame(tick);
  };
  frame = requestAnimationFrame(tick);
  let outcome;
  let error = null;
  try {
    outcome = await scheduler.run(jobs, {
      onResult(index, result) {
        done++;
        epochs += result.epochs;
        place(index, result);
        dirty = true;
      },
    });
  } catch (err) {
    error = err;
    outcome = { cancelled: true };
  }
  const ms = performance.now() - started;
  cancelAnimationFrame(frame);
  current = null;
  const f = frames.stop();
  draw(true);
  progress.update(done, jobs.length, unit, ms, epochs);
  setRunning(null);
  Object.assign(page.dataset, { elapsedMs: ms.toFixed(1), epochsRun: String(epochs), frameP95: f.p95.toFixed(1),
    frames: String(f.frames) });
  ui.perf.textContent = `Last run: ${whole(epochs)} epochs in ${(ms / 1000).toFixed(2)} s on ${scheduler.size} `
    + `worker${scheduler.size > 1 ? 's' : ''} (${whole((epochs / ms) * 1000)} epochs/s); 95 % of the page’s frames `
    + `came within ${whole(f.p95)} ms.`;
  return { cancelled: outcome.cancelled, error, done, ms, epochs };
}

// ---- the seed ensemble --------------------------------------------------------------------------------
let ensemble = null; // {settings, results[], seeds[], x}

async function runEnsemble() {
  const s = { ...settings };
  const base = modelOptions(s, table);
  const seeds = Array.from({ length: s.seeds }, (_, i) => ensembleSeed(s.seed, i));
  const jobs = seeds.map((seed) => ({ options: { ...base, seed }, epochs: s.epochs, points: POINTS }));
  const { width, count } = blocks(s.epochs, POINTS);
  const x = Float64Array.from({ length: count }, (_, k) => {
    const from = k * width;
    return (from + Math.min(s.epochs, from + width) - 1) / 2;
  });
  ensemble = { settings: s, results: new Array(jobs.length).fill(null), seeds, x, start: startMeasure(s) };
  ensembleFor = s;
  ui.ensemble.dataset.state = 'running';
  showCaption($('ensemble-caption'), `Seeds ${seeds[0]}–${seeds[seeds.length - 1]} · ${whole(s.epochs)} epochs each · ${configText(s)}.`);
  bandsView.clear();
  spreadView.clear();
  $('ensemble-summary').textContent = '';
  progress.say(`Training ${s.seeds} seeds × ${whole(s.epochs)} epochs on ${scheduler.size} worker${scheduler.size > 1 ? 's' : ''}…`);
  // Redraw at most every CHART_MS, and never spend more than a tenth of the time drawing: with many
  // seeds the per-block quantiles cost more, and the redraws get rarer rather than the frames longer.
  let nextDraw = 0;
  const out = await execute('ensemble', 'seeds', jobs, (i, r) => {
    ensemble.results[i] = r;
  }, (final) => {
    const t0 = performance.now();
    if (!final && t0 < nextDraw) return false;
    drawEnsemble();
    const t1 = performance.now();
    nextDraw = t1 + Math.max(CHART_MS, 10 * (t1 - t0));
  });
  const finished = ensemble.results.filter(Boolean);
  const n = finished.length;
  const diverged = finished.filter((r) => r.diverged).length;
  ui.ensemble.dataset.state = out.cancelled ? 'partial' : 'done';
  $('ensemble-csv').disabled = n === 0;
  $('ensemble-png').disabled = n === 0;
  if (out.cancelled || out.error) {
    showCaption($('ensemble-caption'), `${n} of seeds ${seeds[0]}–${seeds[seeds.length - 1]} (the rest were ${out.error ? 'stopped' : 'cancelled'}) · `
      + `${whole(s.epochs)} epochs each · ${configText(s)}.`);
  }
  const divergedNote = diverged ? ` (${diverged === n ? 'every one' : `${diverged} of them`} diverged before the end)` : '';
  if (out.error) progress.say(`Stopped: ${out.error.message}`);
  else if (out.cancelled) progress.say(`Cancelled after ${n} of ${s.seeds} seeds${divergedNote}: the pictures show those ${n}.`);
  else progress.say(`Done: ${s.seeds} seeds × ${whole(s.epochs)} epochs${divergedNote} in ${seconds(out.ms)}.`);
  if (!out.cancelled && !out.error) showsRun('ensemble', s);
}

/** A run's wall time for the status line: 2.6 s, or 0.04 s for one over in an instant. */
function seconds(ms) {
  return `${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} s`;
}

function drawEnsemble() {
  const { results, seeds, settings: s, x, start } = ensemble;
  const finished = [];
  results.forEach((r, i) => {
    if (r) finished.push({ index: i, seed: seeds[i], result: r, href: `index.html${trainerQuery(s, table, { seed: seeds[i], epochs: s.epochs })}` });
  });
  const ok = finished.filter((f) => !f.result.diverged);
  const bad = finished.filter((f) => f.result.diverged);
  // The bands are over the seeds that trained to the end; if every one diverged, over all of them
  // until each diverged (a diverging run's last epochs would otherwise drag the band up).
  const pool = ok.length ? ok : bad;
  const d = bands(pool.map((f) => f.result.lossD));
  const g = bands(pool.map((f) => f.result.lossG));
  bandsView.update({ x, d, g, epochs: s.epochs, gLoss: s.gLoss });
  const w = spreadOf(ok.map((f) => f.result.final.w1Slope));
  spreadView.update({ seeds: finished, stats: w, epochs: s.epochs, start });
  const last = (a) => a[a.length - 1];
  const parts = [];
  if (ok.length) {
    parts.push(`How close after ${whole(s.epochs)} epochs: median ${precise(w.p50, 3)}; the middle 80 % of seeds between `
      + `${precise(w.p10, 3)} and ${precise(w.p90, 3)} (training starts near ${precise(start, 3)}).`);
    parts.push(`Final losses (median): D ${fixed(last(d.p50))}, G ${fixed(last(g.p50))}.`);
  }
  parts.push(bad.length
    ? `${bad.length} of ${finished.length} seeds diverged (seed ${bad.slice(0, 6).map((f) => `${f.seed} at epoch ${f.result.divergedAt}`).join(', ')}${bad.length > 6 ? ', …' : ''})${ok.length ? ': they are left out of the bands and the median.' : ': every seed diverged, so the bands show them until they did.'}`
    : `No seed diverged (${finished.length} of ${results.length} done).`);
  $('ensemble-summary').textContent = parts.join(' ');
}

// ---- the stability map -----------------------------------------------------------------------------------
let map = null; // {settings, rates, results[]}

async function runMap() {
  const s = { ...settings };
  const base = modelOptions(s, table);
  const rates = layoutMap(s);
  mapShown = true;
  const n = rates.length;
  const jobs = [];
  for (let d = 0; d < n; d++) {
    for (let g = 0; g < n; g++) jobs.push({ options: { ...base, lrG: rates[g], lrD: rates[d] }, epochs: s.mapEpochs, points: 0 });
  }
  map = { settings: s, rates, results: new Array(jobs.length).fill(null) };
  mapFor = s;
  ui.map.dataset.state = 'running';
  showCaption($('map-caption'), `${n} × ${n} runs of ${whole(s.mapEpochs)} epochs, seed ${s.seed}, `
    + `η from ${rates[0]} to ${rates[n - 1]} · ${configText(s, false)}.`);
  $('map-summary').textContent = '';
  progress.say(`Training ${n * n} cells × ${whole(s.mapEpochs)} epochs on ${scheduler.size} worker${scheduler.size > 1 ? 's' : ''}…`);
  const pending = [];
  const out = await execute('map', 'cells', jobs, (i, r) => {
    map.results[i] = r;
    pending.push(i);
  }, () => {
    for (const i of pending) heatmap.setCell(i, map.results[i]);
    pending.length = 0;
  });
  const done = map.results.filter(Boolean);
  const diverged = done.filter((r) => r.diverged);
  let best = -1; // the closest cell (the first, in index order, of equals)
  map.results.forEach((r, i) => {
    if (r && !r.diverged && (best < 0 || r.final.w1Slope < map.results[best].final.w1Slope)) best = i;
  });
  const bestText = best < 0 ? ''
    : ` Closest: ${precise(map.results[best].final.w1Slope, 3)} at η_G ${rates[best % n]}, η_D ${rates[Math.floor(best / n)]}.`;
  $('map-summary').replaceChildren(...htmlSubscripted(`${done.length} of ${n * n} cells trained; ${diverged.length} diverged.${bestText}`));
  ui.map.dataset.state = out.cancelled ? 'partial' : 'done';
  $('map-csv').disabled = done.length === 0;
  if (out.error) progress.say(`Stopped: ${out.error.message}`);
  else if (out.cancelled) progress.say(`Cancelled after ${done.length} of ${n * n} cells: the rest stay grey.`);
  else progress.say(`Done: ${n * n} cells × ${whole(s.mapEpochs)} epochs in ${seconds(out.ms)}.`);
  if (!out.cancelled && !out.error) showsRun('map', s);
}

/** The address now names the finished views too (both, when the other one finished for these same
 * settings), so that coming Back from a run opened in the trainer (or reloading) draws them again: the
 * same settings give the same pictures. */
function showsRun(kind, s) {
  const query = toQuery(s, table);
  if (query !== toQuery(settings, table)) return;
  const other = kind === 'map' ? { view: ui.ensemble, for: ensembleFor } : { view: ui.map, for: mapFor };
  const both = other.view.dataset.state === 'done' && other.for && toQuery(other.for, table) === query;
  history.replaceState(null, '', `${query}&run=${both ? 'both' : kind}`);
}

// ---- exports ----------------------------------------------------------------------------------------------
const cell = (v) => (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? '' : String(v));
// the final values: the trainer's CSV columns (CSV_COLUMNS: [name, series]), the how-close measure first
const FINAL = [...CSV_COLUMNS.filter(([, k]) => k === 'w1Slope'), ...CSV_COLUMNS.filter(([, k]) => k !== 'w1Slope')];
const finalCells = (r) => FINAL.map(([, k]) => cell(r.final?.[k]));

/** A file name for a view's results: its configuration, enough to run it again, and -partial if cut short. */
function viewFile(view, seeds, rest, s, what, ext) {
  const partial = ui[view].dataset.state === 'partial' ? ['partial'] : [];
  return `${['tinygan', view, seeds, `b${s.batch}`, ...rest, ...optionSuffixes(s), ...what, ...partial].join('-')}.${ext}`;
}
const ensembleFile = (s, what, ext) => viewFile('ensemble', `seed${s.seed}x${s.seeds}`, [`g${s.lrG}`, `d${s.lrD}`,
  `e${s.epochs}`], s, what, ext);

$('ensemble-csv').addEventListener('click', () => {
  const { results, seeds, settings: s } = ensemble;
  const lines = [['seed', 'epochs_run', 'diverged_at', ...FINAL.map(([name]) => name)].join(',')];
  results.forEach((r, i) => {
    if (r) lines.push([seeds[i], r.epochs, cell(r.divergedAt), ...finalCells(r)].join(','));
  });
  saveText(`${lines.join('\n')}\n`, ensembleFile(s, [], 'csv'), 'text/csv');
});
$('ensemble-png').addEventListener('click', () => {
  saveUrl(bandsView.png(), ensembleFile(ensemble.settings, ['losses'], 'png'));
});
$('map-csv').addEventListener('click', () => {
  const { results, rates, settings: s } = map;
  const n = rates.length;
  const lines = [['lr_g', 'lr_d', 'epochs_run', 'diverged_at', ...FINAL.map(([name]) => name)].join(',')];
  results.forEach((r, i) => {
    if (r) lines.push([rates[i % n], rates[Math.floor(i / n)], r.epochs, cell(r.divergedAt), ...finalCells(r)].join(','));
  });
  saveText(`${lines.join('\n')}\n`, viewFile('map', `seed${s.seed}`, [`${n}x${n}`, `eta${rates[0]}-${rates[n - 1]}`,
    `e${s.mapEpochs}`], s, [], 'csv'), 'text/csv');
});

// ---- controls ------------------------------------------------------------------------------------------------
ui.runEnsemble.addEventListener('click', () => {
  if (!current) runEnsemble();
});
ui.runMap.addEventListener('click', () => {
  if (!current) runMap();
});
ui.cancel.addEventListener('click', () => scheduler.cancel());
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && current) scheduler.cancel();
});

// ---- start ----------------------------------------------------------------------------------------------------
showSettings();
layoutMap(settings);
setRunning(null);
progress.say(`Ready: ${scheduler.size} worker${scheduler.size > 1 ? 's' : ''} `
  + `(${settings.workers ? 'as the link asks' : 'one per core'}). Run the seed ensemble or the stability map.`);
if (settings.run === 'ensemble' || settings.run === 'both') await runEnsemble();
if (settings.run === 'map' || settings.run === 'both') runMap();
