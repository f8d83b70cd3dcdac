// settings.js: the many-runs page's settings as one table, and the URL query string they live in.
// DOM-free (Node tests import it). The model's options come from the C core's own description
// (tinygan.js `tg.options`: name, range, integrality, choices, default), so this page accepts exactly
// what create() accepts, under the trainer page's names (SPEC §4, §5). The page adds its own rows:
// how many seeds, the grid, the epochs per run, and `workers` (tests force it).

import { SPEEDS } from '../loop.js';
import { choice, decimal, integer, plain, repeatedParams } from '../parse.js';
import { quote } from '../format.js';

/** How the page names the model's options (the C core names them; this labels them). */
const LABELS = Object.freeze({
  seed: 'Base seed',
  batch: 'Batch size B',
  lrG: 'η_G (generator rate)',
  lrD: 'η_D (discriminator rate)',
  nodes: 'Nodes per image N',
  latentLo: 'Latent from',
  latentHi: 'Latent to',
  gOut: 'Generator output',
  gLoss: 'Generator loss',
  real: 'Real images',
  dSteps: 'D steps per epoch',
  optimizer: 'Optimizer',
  momentum: 'Momentum μ',
});

/** The chapter's four options; the others (SPEC §5) sit under "More model options". */
export const BASIC = Object.freeze(['seed', 'batch', 'lrG', 'lrD']);

// The page's own rows. `group`: which part of the page uses it.
const PAGE_ROWS = [
  { name: 'epochs', type: 'integer', default: 10000, range: [1, 100000], label: 'Epochs per seed', group: 'ensemble' },
  { name: 'seeds', type: 'integer', default: 50, range: [1, 1000], label: 'Seeds S', group: 'ensemble' },
  { name: 'grid', type: 'integer', default: 20, range: [2, 40], label: 'Grid size (n × n)', group: 'map' },
  { name: 'mapEpochs', type: 'integer', default: 5000, range: [1, 100000], label: 'Epochs per cell', group: 'map' },
  { name: 'lrMin', type: 'number', default: 1e-4, range: [1e-12, 100], label: 'Smallest η', group: 'map' },
  { name: 'lrMax', type: 'number', default: 1, range: [1e-12, 100], label: 'Largest η', group: 'map' },
  // Worker count: default null = one per core (navigator.hardwareConcurrency, 1 to MAX_WORKERS).
  { name: 'workers', type: 'integer', default: null, range: [1, 16], label: 'Workers', group: 'page' },
  // Start one of the two, or both, at once (for links, the benchmark, and a finished page come back to).
  { name: 'run', type: 'choice', default: null, choices: ['ensemble', 'map', 'both'], label: 'Start', group: 'page' },
  // The trainer page's own parameters: accepted so that its links work here; `speed` is handed back in
  // the links to the trainer, `embed` has no meaning here.
  { name: 'speed', type: 'choice', default: null, choices: SPEEDS, label: 'Trainer speed',
    group: 'trainer' },
  { name: 'embed', type: 'choice', default: null, choices: ['0', '1', 'true', 'false', ''], label: 'Embed', group: 'ignored' },
];

export const MAX_WORKERS = 8;

/**
 * The settings table for a module whose options are `options` (tg.options). Each row: name, type
 * ('integer' | 'number' | 'choice'), default, range or choices, parse (string -> value, or throws an
 * Error saying what is accepted), serialize, label, group ('model' | 'ensemble' | 'map' | 'page' | …).
 */
export function settingsTable(options) {
  const model = options.map((o) => {
    const row = { name: o.name, default: o.default, label: LABELS[o.name] ?? o.name, group: 'model' };
    if (o.choices) Object.assign(row, { type: 'choice', choices: [...o.choices] });
    else Object.assign(row, { type: o.integer ? 'integer' : 'number', range: [o.min, o.max] });
    return row;
  });
  const rows = [...model, ...PAGE_ROWS.map((r) => ({ ...r }))];
  for (const row of rows) {
    row.parse = row.type === 'choice' ? choice(row.choices)
      : row.type === 'integer' ? integer(row.range[0], row.range[1]) : decimal(row.range[0], row.range[1]);
    row.serialize = plain;
  }
  return Object.freeze(rows.map(Object.freeze));
}

export function defaults(table) {
  return Object.fromEntries(table.map((row) => [row.name, row.default]));
}

/**
 * Settings from a query string. A malformed or out-of-range value falls back to its default; every
 * such fallback, and every unknown parameter, is listed in `problems` as {name, raw, message}.
 * `validate(settings)` (optional) may throw for a combination the C core refuses (it is given the
 * model options); then the model options fall back to their defaults, with a problem saying why.
 */
export function fromQuery(search, table, validate = null) {
  const byName = new Map(table.map((row) => [row.name, row]));
  const params = new URLSearchParams(search);
  const settings = defaults(table);
  const problems = [];
  const seen = new Set();
  for (const [name, raw] of params) {
    if (seen.has(name)) continue; // the first of a repeated key wins (reported below), as on the trainer page
    seen.add(name);
    const row = byName.get(name);
    if (!row) {
      problems.push({ name, raw, message: `“${quote(name)}” is not a setting of this page: ignored.` });
      continue;
    }
    try {
      settings[name] = row.parse(raw);
    } catch (err) {
      const def = row.default === null ? 'automatic' : row.serialize(row.default);
      problems.push({ name, raw, message: `${name} = “${quote(raw)}”: ${err.message}; using the default ${def}.` });
    }
  }
  problems.push(...repeatedParams(params, (name) => byName.has(name)));
  if (!(settings.lrMin < settings.lrMax)) {
    const lo = byName.get('lrMin');
    const hi = byName.get('lrMax');
    problems.push({ name: 'lrMin', raw: `${settings.lrMin}…${settings.lrMax}`,
      message: `lrMin must be below lrMax, got ${settings.lrMin} and ${settings.lrMax}; using ${lo.default} … ${hi.default}.` });
    settings.lrMin = lo.default;
    settings.lrMax = hi.default;
  }
  if (validate) {
    try {
      validate(modelOptions(settings, table));
    } catch (err) {
      problems.push({ name: 'model', raw: '',
        message: `${err.message.replace(/^create: /, '')}: using the default model options.` });
      for (const row of table) if (row.group === 'model') settings[row.name] = row.default;
    }
  }
  return { settings, problems };
}

/** The options of tinygan.js's create() for these settings (every model row). */
export function modelOptions(settings, table) {
  return Object.fromEntries(table.filter((r) => r.group === 'model').map((r) => [r.name, settings[r.name]]));
}

/** The model options that differ from the chapter's, as [row, value] pairs (for captions). */
export function changedOptions(settings, table) {
  return table.filter((r) => r.group === 'model' && !BASIC.includes(r.name) && settings[r.name] !== r.default)
    .map((r) => [r, settings[r.name]]);
}

/** This page's query string: the chapter's four, the epochs, and whatever differs from its default. */
export function toQuery(settings, table) {
  const params = new URLSearchParams();
  for (const row of table) {
    if (row.name === 'run' || row.name === 'embed') continue;
    const v = settings[row.name];
    if (BASIC.includes(row.name) || row.name === 'epochs' || (v !== row.default && v !== null)) {
      params.set(row.name, row.serialize(v));
    }
  }
  return `?${params}`;
}

/**
 * The trainer page's query string for one run of this configuration: seed, batch, lrG, lrD and
 * epochs always (as the trainer writes them), the §5 options when they differ from the chapter's, and
 * speed if this page was given one. `run` overrides any of them ({seed, lrG, lrD, epochs}).
 */
export function trainerQuery(settings, table, run) {
  const s = { ...settings, ...run };
  const params = new URLSearchParams();
  for (const name of [...BASIC, 'epochs']) params.set(name, String(s[name]));
  for (const [row] of changedOptions(s, table)) params.set(row.name, row.serialize(s[row.name]));
  if (s.speed !== null && s.speed !== undefined) params.set('speed', String(s.speed));
  return `?${params}`;
}

/**
 * n learning rates log-spaced from lo to hi, each rounded to 3 significant digits (so that a cell's
 * link to the trainer page carries exactly the rate the cell was trained with, and reads cleanly).
 */
export function gridRates(lo, hi, n) {
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  return Array.from({ length: n }, (_, i) => {
    const v = i === 0 ? lo : i === n - 1 ? hi : 10 ** (a + ((b - a) * i) / (n - 1));
    return Number(v.toPrecision(3));
  });
}

/** Seed i of an ensemble: the base seed + i, wrapping at 2^32 like a uint32. */
export function ensembleSeed(base, i) {
  return (base + i) % 4294967296;
}

/** The worker count: `forced` if given, else one per core, from 1 to MAX_WORKERS. */
export function workerCount(forced, cores) {
  if (Number.isInteger(forced) && forced >= 1) return forced;
  const c = Number.isInteger(cores) && cores > 0 ? cores : 1;
  return Math.max(1, Math.min(MAX_WORKERS, c));
}
