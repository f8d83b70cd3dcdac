// app.js: wires the page together — settings (URL and form), the run, the frame loop and the views.
// The model lives in run.js; views get plain data; the schedule lives in loop.js.

import { loadTinyGan } from './tinygan.js';
import { RUN_SETTINGS, brokenConstraint, fromQuery, modelOptions, setting, toQuery } from './state.js';
import { PRESETS, presetOf, presetQuery, presetSettings } from './presets.js';
import { Run } from './run.js';
import { createLoop } from './loop.js';
import { Ahead } from './ahead.js';
import { fileStem, historyCsv, runJson, saveText, saveUrl } from './exports.js';
import { createReadouts } from './views/readouts.js';
import { createLossChart } from './views/loss-chart.js';
import { createProfilesChart } from './views/profiles-chart.js';
import { createMeasuresCharts } from './views/measures-chart.js';
import { createGallery } from './views/gallery.js';
import { createNetwork } from './views/network.js';
import { createTrace } from './views/trace.js';
import { createSettingsForm } from './views/settings-form.js';
import { createPresetList } from './views/preset-list.js';
import { createDivergence } from './views/divergence.js';
import { clearRefusal, clearRefusals, refuse } from './views/field-error.js';

const $ = (id) => document.getElementById(id);
const app = $('app');
const ui = {
  play: $('play'), step: $('step'), reset: $('reset'), speed: $('speed'), status: $('status'),
  notice: $('notice'), noticeList: $('notice-list'), noticeClose: $('notice-close'),
  preset: $('preset'), form: $('settings'), copy: $('copy-link'), shareUrl: $('share-url'), fullLink: $('full-link'), manyLink: $('many-link'),
  trace: $('trace-step'), traceJson: $('trace-json'),
};

// ---- settings from the URL ---------------------------------------------------------------------
const { settings, problems } = fromQuery(location.search);
const embed = settings.embed;
app.classList.toggle('embed', embed);
if (problems.length) {
  notify('Some parameters in this link were not used:', problems.map((p) => p.message));
}

// ---- status and notices ------------------------------------------------------------------------
function say(text, state) {
  if (ui.status.textContent !== text) ui.status.textContent = text;
  if (state) app.dataset.state = state;
}

function notify(title, lines) {
  $('notice-title').textContent = title;
  ui.noticeList.replaceChildren(...lines.map((line) => {
    const li = document.createElement('li');
    li.textContent = line;
    return li;
  }));
  ui.notice.hidden = false;
}
ui.noticeClose.addEventListener('click', () => {
  ui.notice.hidden = true;
});

// ---- the form and the presets mirror the settings table ------------------------------------------
const form = createSettingsForm(document, RUN_SETTINGS, $('variant-fields'));
for (const p of PRESETS) ui.preset.append(new Option(p.label, p.id));
ui.preset.append(new Option('Custom (your own settings)', 'custom'));
const presetList = createPresetList($('preset-links'), $('preset-watch'), applyPreset);
presetList.build(PRESETS, (p) => new URL(presetQuery(p, embed), location.href).href);

function showSettings() {
  form.show(settings);
  ui.speed.value = String(settings.speed);
  const preset = presetOf(settings);
  ui.preset.value = preset ? preset.id : 'custom';
  ui.preset.querySelector('option[value="custom"]').disabled = preset !== null;
  presetList.show(preset);
  ui.shareUrl.value = shareLink();
  ui.fullLink.href = new URL(toQuery({ ...settings, embed: false }), location.href).href;
  // the many-runs page reads the same parameters: it starts from this configuration
  ui.manyLink.href = new URL(`many.html${toQuery({ ...settings, embed: false })}`, location.href).href;
}

function shareLink() {
  return new URL(toQuery(settings), location.href).href;
}

function remember() {
  history.replaceState(null, '', toQuery(settings));
  showSettings();
}

// ---- views ----------------------------------------------------------------------------------------
let views;
try {
  views = {
    readouts: createReadouts(),
    loss: createLossChart($('loss-chart')),
    profiles: createProfilesChart($('profiles-chart')),
    measures: embed ? null : createMeasuresCharts($('close-chart'), $('view-chart')),
    gallery: embed ? null : createGallery($('gallery'), $('gallery-note')),
    network: embed ? null : createNetwork($('network'), $('tip')),
    trace: embed ? null : createTrace($('trace')),
    divergence: createDivergence($('diverged'), $('diverged-title'), $('diverged-why')),
  };
} catch (err) {
  fail(err);
  throw err;
}

function fail(err) {
  say(`Could not start: ${err.message}`, 'error');
  for (const b of [ui.play, ui.step, ui.reset, ui.trace]) b.disabled = true;
}

// ---- the run and its loop ------------------------------------------------------------------------
let tg;
let run;
let lastTrace = null; // the trace on show, for its JSON download

// Full speed trains in a Web Worker where one can start (ahead.js), else here, in the frames. Should
// the worker ever fail, the frames train from then on, and the console says why.
const offload = typeof Worker === 'function' ? new Ahead() : null;
let offloadFailed = false;
function offloadFails(err) {
  offloadFailed = true;
  console.error(`tinygan: full speed trains on the page from now on (its worker failed: ${err.message})`);
}
const ahead = offload && {
  start() {
    if (offloadFailed) return false;
    try {
      offload.start({ options: run.options, target: run.target, state: run.stateChunk() });
      return true;
    } catch (err) {
      offloadFails(err);
      return false;
    }
  },
  stop: () => offload.stop(),
  take() {
    try {
      if (offload.error) throw new Error(offload.error);
      const ran = run.take(offload.take());
      offload.ack(run.epoch);
      return [ran, run.done || run.diverged];
    } catch (err) {
      offloadFails(err);
      return null;
    }
  },
};

const loop = createLoop({
  advance: (n) => run.advance(n),
  draw,
  onStop: stopped,
  ahead,
});

/** The loop's speed; choosing full speed starts its worker, so that Play need not wait for it. */
function useSpeed(speed) {
  loop.setSpeed(speed);
  if (speed === 'max' && !offloadFailed) {
    try {
      offload?.warm();
    } catch (err) {
      offloadFails(err);
    }
  }
}

// The views that cost a few milliseconds each to redraw. When rushed (full speed), one of them is
// redrawn per frame in turn, so each still moves several times a second while the frame keeps time;
// their data is gathered every frame by run.frame(), so nothing is skipped, only drawn later.
let turn = 0;
const heavy = [
  (f) => views.loss.update(f),
  (f) => views.profiles.update(f),
  views.measures && ((f) => views.measures.update(f, 'close')),
  views.measures && ((f) => views.measures.update(f, 'view')),
  views.gallery && ((f) => views.gallery.update(f)),
  views.network && ((f) => views.network.update(f)),
].filter(Boolean);

function draw({ rush = false } = {}) {
  const frame = run.frame();
  views.readouts.update(frame, loop.epochsPerSecond);
  if (rush) heavy[turn++ % heavy.length](frame);
  else for (const update of heavy) update(frame);
  updateButtons(frame);
}

function updateButtons(frame = { done: run.done, diverged: run.diverged }) {
  const playing = loop.playing;
  ui.play.textContent = playing ? 'Pause' : frame.done ? 'Replay' : 'Play';
  ui.play.disabled = frame.diverged;
  ui.step.disabled = frame.done || frame.diverged;
  ui.trace.disabled = frame.done || frame.diverged;
  ui.traceJson.disabled = lastTrace === null;
}

// When a run diverges the page stops on the last finite epoch, and says where and why.
function showDivergence() {
  const o = run.options;
  views.divergence.update({ diverged: run.diverged, epoch: run.epoch, lrG: o.lrG, lrD: o.lrD });
}

/** The epochs are numbered from 0, as the chapter prints them: a run of 10000 ends with epoch 9999. */
function doneText() {
  return `Done: epochs 0–${run.epoch - 1} trained.`;
}

function stopped() {
  if (run.diverged) {
    const why = (run.message || `diverged at epoch ${run.epoch}`).split(':')[0];
    say(`Stopped: ${why}, most likely because the learning rate is too high. Press Reset.`, 'diverged');
  } else if (run.done) {
    say(doneText(), 'done');
  } else {
    say(`Paused at epoch ${run.epoch}.`, 'paused');
  }
  showDivergence();
  updateButtons();
}

function forgetTrace() {
  lastTrace = null;
  views.trace?.clear();
}

function newRun(reason) {
  loop.pause();
  let next;
  try {
    next = new Run(tg, modelOptions(settings), settings.epochs);
  } catch (err) {
    // The settings table should accept only what the model does; if the two ever disagree, say so
    // and fall back to the chapter's settings rather than leave the page without a run.
    notify('These settings could not start a run:', [`${err.message}. Using the chapter’s settings instead.`]);
    Object.assign(settings, presetSettings(PRESETS[0]));
    remember();
    next = new Run(tg, modelOptions(settings), settings.epochs);
  }
  run?.free();
  run = next;
  loop.forgetRate();
  forgetTrace();
  showDivergence();
  say(reason ?? readyText(), 'ready');
  loop.requestDraw();
}

function readyText() {
  const preset = presetOf(settings);
  if (preset?.id === 'chapter') return 'Ready: press Play (or Space) to train the chapter’s GAN.';
  if (preset) return `Ready: press Play (or Space) to run the experiment “${preset.label}”.`;
  return 'Ready: press Play (or Space) to train.';
}

function play() {
  if (!run || run.diverged) return;
  if (loop.playing) {
    loop.pause();
    say(`Paused at epoch ${run.epoch}.`, 'paused');
  } else {
    if (run.done) {
      run.reset();
      forgetTrace();
    }
    loop.play();
    say('Running…', 'running');
  }
  updateButtons();
}

function step() {
  if (!run) return;
  loop.pause();
  if (run.done || run.diverged) return stopped();
  run.advance(1);
  loop.forgetRate();
  stopped();
  loop.requestDraw();
}

// One epoch, traced: the same epoch Step would run, with every number of it shown.
function trace() {
  if (!run || !views.trace) return;
  loop.pause();
  if (run.done || run.diverged) return stopped();
  const t = run.trace();
  loop.forgetRate();
  if (t === null) {
    stopped(); // it diverged in this very epoch
  } else {
    lastTrace = t;
    views.trace.show(t, run.options);
    updateButtons();
    say(`Traced epoch ${t.epoch}: its numbers are below. ${run.done ? doneText() : `Paused at epoch ${run.epoch}.`}`,
      run.done ? 'done' : 'paused');
  }
  loop.requestDraw();
}

function reset() {
  if (!run) return;
  loop.pause();
  run.reset();
  loop.forgetRate();
  forgetTrace();
  showDivergence();
  say('Reset to epoch 0.', 'ready');
  loop.requestDraw();
}

// ---- controls --------------------------------------------------------------------------------------
ui.play.addEventListener('click', play);
ui.step.addEventListener('click', step);
ui.reset.addEventListener('click', reset);
ui.trace.addEventListener('click', trace);
$('diverged-reset').addEventListener('click', reset);
$('diverged-chapter').addEventListener('click', () => {
  settings.lrG = setting('lrG').default;
  settings.lrD = setting('lrD').default;
  remember();
  newRun(`η_G and η_D set to the chapter’s ${settings.lrG}: the run was reset to epoch 0.`);
});

ui.speed.addEventListener('change', () => {
  settings.speed = setting('speed').parse(ui.speed.value);
  useSpeed(settings.speed);
  remember();
});

ui.form.addEventListener('submit', (e) => e.preventDefault());
for (const row of RUN_SETTINGS) {
  const input = form.controls.get(row.name);
  input.addEventListener('input', () => clearRefusal(input));
  input.addEventListener('change', () => {
    const kept = row.serialize(settings[row.name]);
    const refused = (reason) => {
      refuse(input, row.label, reason, kept);
      input.value = kept;
    };
    let value;
    try {
      value = row.parse(input.value);
    } catch (err) {
      refused(err.message);
      return;
    }
    if (value === settings[row.name]) return;
    const next = { ...settings, [row.name]: value };
    const broken = brokenConstraint(next);
    if (broken) {
      refused(broken.message(next));
      return;
    }
    clearRefusals(ui.form); // a value was accepted: the run starts anew, and what was said is past
    settings[row.name] = value;
    remember();
    if (run) newRun(`${row.label} changed to ${row.serialize(value)}: the run was reset to epoch 0.`);
  });
}

function applyPreset(preset) {
  clearRefusals(ui.form); // what a refusal said is about settings the preset replaces
  Object.assign(settings, presetSettings(preset));
  settings.speed = preset.speed;
  useSpeed(settings.speed);
  remember();
  if (run) newRun(`Experiment “${preset.label}”: the run was reset to epoch 0. Press Play.`);
}
ui.preset.addEventListener('change', () => {
  const preset = PRESETS.find((p) => p.id === ui.preset.value);
  if (preset) applyPreset(preset);
});

ui.copy.addEventListener('click', async () => {
  const link = shareLink();
  ui.shareUrl.value = link;
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(link);
    say('Link copied: it opens this page with these settings and reproduces the run.');
  } catch {
    ui.shareUrl.focus();
    ui.shareUrl.select();
    say('The clipboard is not available here: the link is selected, copy it with Ctrl+C (⌘C).');
  }
});

$('export-csv').addEventListener('click', () => {
  const data = run.exportData();
  saveText(historyCsv(data.history, data.from), `${fileStem(settings)}-losses.csv`, 'text/csv');
  if (data.from > 0) {
    say(`The CSV holds epochs ${data.from} to ${data.epoch - 1}: the page keeps the last 262,144 epochs one by one.`);
  }
});
$('export-json').addEventListener('click', () => {
  const data = run.exportData();
  const json = JSON.stringify(runJson(settings, data, shareLink()), null, 1);
  saveText(`${json}\n`, `${fileStem(settings)}-run.json`, 'application/json');
});
ui.traceJson.addEventListener('click', () => {
  if (!lastTrace) return;
  const json = JSON.stringify({ tinygan: 'one traced epoch', url: shareLink(), options: run.options, trace: lastTrace }, null, 1);
  saveText(`${json}\n`, `${fileStem(settings)}-trace-epoch${lastTrace.epoch}.json`, 'application/json');
});
$('export-loss-png').addEventListener('click', () => saveUrl(views.loss.png(), `${fileStem(settings)}-losses.png`));
$('export-profiles-png').addEventListener('click', () => saveUrl(views.profiles.png(), `${fileStem(settings)}-profiles.png`));

// Space = play/pause, → = step, T = trace, R = reset; never while typing in a field. Space keeps its
// usual meaning on buttons and links outside the training controls.
const TRAINING_BUTTONS = new Set([ui.play, ui.step, ui.reset]);
function shortcutTarget(e) {
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  const t = e.target;
  if (t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return false;
  if (e.key === ' ' && t instanceof HTMLElement && ['BUTTON', 'A', 'SUMMARY'].includes(t.tagName)) {
    return TRAINING_BUTTONS.has(t);
  }
  return true;
}
document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented || !shortcutTarget(e)) return;
  if (e.key === ' ') {
    e.preventDefault();
    if (!e.repeat) play();
  } else if (e.key === 'ArrowRight') {
    e.preventDefault();
    step();
  } else if (e.key === 'r' || e.key === 'R') {
    e.preventDefault();
    reset();
  } else if ((e.key === 't' || e.key === 'T') && views.trace) {
    e.preventDefault();
    trace();
  }
});
// A focused training button would also "click" on the Space key's release: the keydown handled it.
document.addEventListener('keyup', (e) => {
  if (e.key === ' ' && TRAINING_BUTTONS.has(e.target)) e.preventDefault();
});

// ---- start ------------------------------------------------------------------------------------------
showSettings();
useSpeed(settings.speed);
updateButtons({ done: false, diverged: false });
say('Loading the model…', 'loading');
try {
  tg = await loadTinyGan();
  newRun();
} catch (err) {
  fail(err);
  throw err;
}
