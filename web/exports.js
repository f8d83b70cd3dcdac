// exports.js: the files a user can download — every kept epoch's losses and measures as CSV, the run
// (or one traced epoch) as JSON, a chart as PNG — built from plain data, and saved through an
// <a download> (no server round trip).

import { RUN_SETTINGS, setting } from './state.js';


// The CSV's columns: the command line's (tinygan train --losses), and the history series they hold.
export const CSV_COLUMNS = Object.freeze([
  ['loss_d', 'lossD'], ['loss_g', 'lossG'], ['d_real', 'dReal'], ['d_fake', 'dFake'], ['accuracy', 'accuracy'],
  ['w1_slope', 'w1Slope'], ['mean_gap', 'meanGap'], ['sd_gap', 'sdGap'],
]);

/**
 * "epoch,loss_d,loss_g,d_real,d_fake,accuracy,w1_slope,mean_gap,sd_gap", then one line per epoch from
 * `from` (epochs numbered from 0, as the chapter prints them). `history` holds the series by their JS
 * names (gan.history()); a diverged epoch is never recorded, so every value is a finite number.
 */
export function historyCsv(history, from = 0) {
  const cols = CSV_COLUMNS.map(([, key]) => history[key]);
  const n = cols[0].length;
  const lines = new Array(n + 1);
  lines[0] = `epoch,${CSV_COLUMNS.map(([name]) => name).join(',')}`;
  for (let t = 0; t < n; t++) {
    let line = String(from + t);
    for (const c of cols) line += `,${c[t]}`;
    lines[t + 1] = line;
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The run as a JSON-able object: the run's settings (every run row of the settings table: enough to
 * rebuild its link), the model's options, parameters, last measures, snapshots and the real images.
 */
export function runJson(settings, data, url) {
  const n = data.epoch;
  const last = (a) => (a.length > 0 && Number.isFinite(a[a.length - 1]) ? a[a.length - 1] : null);
  const finite = (v) => (Number.isFinite(v) ? v : null);
  return {
    tinygan: 'trainer page export',
    url,
    settings: Object.fromEntries(RUN_SETTINGS.map((row) => [row.name, settings[row.name]])),
    options: data.options,
    epoch: n,
    diverged: data.diverged,
    message: data.message || undefined,
    params: data.params,
    loss_d: last(data.history.lossD),
    loss_g: last(data.history.lossG),
    measures: n > 0 ? Object.fromEntries(Object.entries(data.measures).map(([k, v]) => [k, finite(v)])) : null,
    meanD: n > 0 ? { real: finite(data.measures.dReal), fake: finite(data.measures.dFake) } : null,
    snapshots: data.snapshots,
    real: data.real,
  };
}

const STEM_SUFFIXES = Object.freeze({ gOut: (v) => v, gLoss: (v) => v, real: (v) => `${v}-real`,
  dSteps: (v) => `k${v}`, optimizer: (v) => v, momentum: (v) => `mu${v}`, nodes: (v) => `n${v}`,
  latentLo: (v) => `lo${v}`, latentHi: (v) => `hi${v}` });

/** The file name parts of the options beyond the chapter that differ from their defaults. */
export function optionSuffixes(settings) {
  return Object.entries(STEM_SUFFIXES)
    .filter(([name]) => settings[name] !== undefined && settings[name] !== setting(name).default)
    .map(([name, suffix]) => suffix(settings[name]));
}

/**
 * A file name stem for these settings, e.g. tinygan-seed42-b32-g0.001-d0.001, with the options beyond
 * the chapter that differ from their defaults appended (…-sigmoid-adam-k5).
 */
export function fileStem(settings) {
  const stem = `tinygan-seed${settings.seed}-b${settings.batch}-g${settings.lrG}-d${settings.lrD}`;
  return [stem, ...optionSuffixes(settings)].join('-');
}

/** Save `href` (a data: or blob: URL) as `name`. */
export function saveUrl(href, name) {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}

/** Save text as a file of the given MIME type. */
export function saveText(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  saveUrl(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
