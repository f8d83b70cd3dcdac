// app.js: wires the page together — settings (URL and form), the run, the frame loop and the views.
// The model lives in run.js; views get plain data; the schedule lives in loop.js.

import { loadTinyGan } from './tinygan.js';
import { PRESETS, SETTINGS, fromQuery, modelOptions, presetOf, setting, toQuery } from './state.js';
import { Run } from './run.js';
import { createLoop } from './loop.js';
import { fileStem, lossesCsv, runJson, saveText, saveUrl } from './exports.js';
import { createReadouts } from './views/readouts.js';
import { createLossChart } from './views/loss-chart.js';
import { createProfilesChart } from './views/profiles-chart.js';
import { createGallery } from './views/gallery.js';
import { createNetwork } from './views/network.js';

const $ = (id) => document.getElementById(id);
const app = $('app');
const ui = {
  play: $('play'), step: $('step'), reset: $('reset'), speed: $('speed'), status: $('status'),
  notice: $('notice'), noticeList: $('notice-list'), noticeClose: $('notice-close'),
  preset: $('preset'), form: $('settings'), copy: $('copy-link'), shareUrl: $('share-url'), fullLink: $('full-link'),
};
const RUN_FIELDS = SETTINGS.filter((row) => row.run);
const field = (name) => $(`set-${name}`);

// ---- settings from the URL ---------------------------------------------------------------------
const { settings, problems } = fromQuery(location.search);
const embed = settings.embed;
app.classList.toggle('embed', embed);
if (problems.length) {
  notify('Some parameters in this link were not used:',
    problems.map((p) => p.message));
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

// ---- the form mirrors the settings table ---------------------------------------------------------
for (const row of RUN_FIELDS) {
  const input = field(row.name);
  input.min = String(row.range[0]);
  input.max = String(row.range[1]);
  input.step = row.type === 'integer' ? '1' : 'any';
}
for (const p of PRESETS) ui.preset.append(new Option(p.label, p.id));
ui.preset.append(new Option('Custom (your own settings)', 'custom'));

function showSettings() {
  for (const row of RUN_FIELDS) field(row.name).value = row.serialize(settings[row.name]);
  ui.speed.value = String(settings.speed);
  const preset = presetOf(settings);
  ui.preset.value = preset ? preset.id : 'custom';
  ui.preset.querySelector('option[value="custom"]').disabled = preset !== null;
  ui.shareUrl.value = shareLink();
  ui.fullLink.href = new URL(toQuery({ ...settings, embed: false }), location.href).href;
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
    gallery: embed ? null : createGallery($('gallery')),
    network: embed ? null : createNetwork($('network'), $('tip')),
  };
} catch (err) {
  fail(err);
  throw err;
}

function fail(err) {
  say(`Could not start: ${err.message}`, 'error');
  for (const b of [ui.play, ui.step, ui.reset]) b.disabled = true;
}

// ---- the run and its loop ------------------------------------------------------------------------
let tg;
let run;

const loop = createLoop({
  advance: (n) => run.advance(n),
  draw,
  onStop: stopped,
});

function draw() {
  const frame = run.frame();
  views.readouts.update(frame, loop.epochsPerSecond);
  views.loss.update(frame);
  views.profiles.update(frame);
  views.gallery?.update(frame);
  views.network?.update(frame);
  updateButtons(frame);
}

function updateButtons(frame = { done: run.done, diverged: run.diverged }) {
  const playing = loop.playing;
  ui.play.textContent = playing ? 'Pause' : frame.done ? 'Replay' : 'Play';
  ui.play.disabled = frame.diverged;
  ui.step.disabled = frame.done || frame.diverged;
}

function stopped() {
  if (run.diverged) {
    const why = run.message || `diverged at epoch ${run.epoch}`;
    say(`Stopped: ${why}. Press Reset, or lower η_G / η_D.`, 'diverged');
  } else if (run.done) {
    say(`Done at epoch ${run.epoch}.`, 'done');
  } else {
    say(`Paused at epoch ${run.epoch}.`, 'paused');
  }
  updateButtons();
}

function newRun(reason) {
  loop.pause();
  const next = new Run(tg, modelOptions(settings), settings.epochs);
  run?.free();
  run = next;
  loop.forgetRate();
  say(reason ?? (presetOf(settings) ? 'Ready: press Play (or Space) to train the chapter’s GAN.' : 'Ready: press Play (or Space) to train.'), 'ready');
  loop.requestDraw();
}

function play() {
  if (!run || run.diverged) return;
  if (loop.playing) {
    loop.pause();
    say(`Paused at epoch ${run.epoch}.`, 'paused');
  } else {
    if (run.done) run.reset();
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

function reset() {
  if (!run) return;
  loop.pause();
  run.reset();
  loop.forgetRate();
  say('Reset to epoch 0.', 'ready');
  loop.requestDraw();
}

// ---- controls --------------------------------------------------------------------------------------
ui.play.addEventListener('click', play);
ui.step.addEventListener('click', step);
ui.reset.addEventListener('click', reset);

ui.speed.addEventListener('change', () => {
  settings.speed = setting('speed').parse(ui.speed.value);
  loop.setSpeed(settings.speed);
  remember();
});

ui.form.addEventListener('submit', (e) => e.preventDefault());
for (const row of RUN_FIELDS) {
  field(row.name).addEventListener('change', () => {
    const input = field(row.name);
    let value;
    try {
      value = row.parse(input.value);
    } catch (err) {
      notify('That setting was not changed:', [`${row.label} = “${input.value}”: ${err.message}; kept ${row.serialize(settings[row.name])}.`]);
      input.value = row.serialize(settings[row.name]);
      return;
    }
    if (value === settings[row.name]) return;
    settings[row.name] = value;
    remember();
    if (run) newRun(`${row.label} changed to ${row.serialize(value)}: the run was reset to epoch 0.`);
  });
}

ui.preset.addEventListener('change', () => {
  const preset = PRESETS.find((p) => p.id === ui.preset.value);
  if (!preset) return;
  Object.assign(settings, preset.settings);
  remember();
  if (run) newRun(`${preset.label.split(' (')[0]} preset: the run was reset to epoch 0.`);
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
  saveText(lossesCsv(data.losses.d, data.losses.g), `${fileStem(settings)}-losses.csv`, 'text/csv');
});
$('export-json').addEventListener('click', () => {
  const data = run.exportData();
  const json = JSON.stringify(runJson(settings, data, shareLink()), null, 1);
  saveText(`${json}\n`, `${fileStem(settings)}-run.json`, 'application/json');
});
$('export-loss-png').addEventListener('click', () => saveUrl(views.loss.png(), `${fileStem(settings)}-losses.png`));
$('export-profiles-png').addEventListener('click', () => saveUrl(views.profiles.png(), `${fileStem(settings)}-profiles.png`));

// Space = play/pause, → = step, R = reset; never while typing in a field. Space keeps its usual
// meaning on buttons and links outside the training controls.
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
  }
});
// A focused training button would also "click" on the Space key's release: the keydown handled it.
document.addEventListener('keyup', (e) => {
  if (e.key === ' ' && TRAINING_BUTTONS.has(e.target)) e.preventDefault();
});

// ---- start ------------------------------------------------------------------------------------------
showSettings();
loop.setSpeed(settings.speed);
updateButtons({ done: false, diverged: false });
say('Loading the model…', 'loading');
try {
  tg = await loadTinyGan();
  newRun();
} catch (err) {
  fail(err);
  throw err;
}
