// state.js: the page's settings as ONE declarative table, and the URL query string they live in.
// Each row: name (the URL parameter and the settings key), type, default, range or choices, parse
// (string -> value, or throws an Error saying what is accepted), serialize (value -> string), label,
// hint (one line saying what it does), group, and whether changing it starts a new run (`run`).
// Rules that tie rows together (latentLo < latentHi) are CONSTRAINTS below. Nothing else in the page
// knows a parameter's rules; the model rows mirror tinygan.js's option table (a test checks that).

import { SPEEDS } from './loop.js';
import { choice, decimal, integer, plain, repeatedParams } from './parse.js';
import { quote } from './format.js';

function flag(text) {
  const s = String(text).trim().toLowerCase();
  if (s === '1' || s === 'true' || s === '') return true;
  if (s === '0' || s === 'false') return false;
  throw new Error('must be 1 or 0');
}

/** The largest target: the model keeps a bounded history, so long runs cost no more memory. */
export const MAX_EPOCHS = 10_000_000;

const int = (name, def, min, max, extra) => ({ name, type: 'integer', default: def, range: [min, max],
  parse: integer(min, max), serialize: plain, run: true, ...extra });
const num = (name, def, min, max, extra) => ({ name, type: 'number', default: def, range: [min, max],
  parse: decimal(min, max), serialize: plain, run: true, ...extra });
const pick = (name, choices, extra) => ({ name, type: 'choice', default: choices[0], choices,
  parse: choice(choices), serialize: plain, run: true, ...extra });

/**
 * The settings table. `run: true` rows are options of the model run: changing one resets it.
 * group 'chapter': the chapter's settings; 'variant': SPEC §5's options (each defaults to the chapter's
 * behaviour, and appears in the URL only when it differs); 'view': how the page runs, not what.
 */
export const SETTINGS = Object.freeze([
  int('seed', 42, 0, 4294967295, { label: 'Seed', group: 'chapter',
    hint: 'Starts the random stream: the same seed gives the same run.' }),
  int('batch', 32, 1, 65536, { label: 'Batch size B', group: 'chapter',
    hint: 'Real images, and latents per step.' }),
  num('lrG', 0.001, 1e-12, 100, { label: 'η_G (generator learning rate)', group: 'chapter',
    hint: 'Step size of the generator’s updates.' }),
  num('lrD', 0.001, 1e-12, 100, { label: 'η_D (discriminator learning rate)', group: 'chapter',
    hint: 'Step size of the discriminator’s updates.' }),
  int('epochs', 10000, 1, MAX_EPOCHS, { label: 'Target epochs', group: 'chapter',
    hint: 'Training stops here.' }),
  pick('gOut', ['linear', 'sigmoid'], { label: 'Generator output', group: 'variant',
    hint: 'linear: O = λ·L + b, the chapter’s code. sigmoid: O = σ(λ·L + b), its equations; fakes stay in (0, 1).' }),
  pick('gLoss', ['non-saturating', 'minimax'], { label: 'Generator loss', group: 'variant',
    hint: 'non-saturating: −log D(G(L)), the chapter’s code. minimax: log(1 − D(G(L))), its objective; stalls when D is sure.' }),
  pick('real', ['fixed', 'fresh'], { label: 'Real images', group: 'variant',
    hint: 'fixed: one batch drawn before training (the chapter). fresh: a new batch every discriminator step.' }),
  int('dSteps', 1, 1, 10, { label: 'D steps per epoch k', group: 'variant',
    hint: 'Discriminator updates before each generator update (the chapter: 1).' }),
  pick('optimizer', ['sgd', 'momentum', 'adam'], { label: 'Optimizer', group: 'variant',
    hint: 'sgd: θ ← θ − η·g (the chapter). momentum: a running sum of gradients. adam: steps scaled to about η.' }),
  num('momentum', 0.9, 0, 0.999, { label: 'Momentum μ', group: 'variant',
    hint: 'v ← μ·v + g; used only by the momentum optimizer.' }),
  int('nodes', 3, 2, 16, { label: 'Nodes per image N', group: 'variant',
    hint: 'Length of each image profile (the chapter: 3).' }),
  num('latentLo', 0.4, -100, 100, { label: 'Latent from', group: 'variant',
    hint: 'L₁ ~ U(from, to); the chapter: 0.4.' }),
  num('latentHi', 1, -100, 100, { label: 'Latent to', group: 'variant',
    hint: 'Must be above “from”; the chapter: 1.' }),
  { name: 'speed', type: 'choice', default: 10, choices: SPEEDS, parse: choice(SPEEDS), serialize: plain,
    label: 'Speed (epochs per frame)', run: false, group: 'view' },
  { name: 'embed', type: 'flag', default: false, choices: [true, false], parse: flag, omitDefault: true,
    serialize: (v) => (v ? '1' : '0'), label: 'Compact layout for an iframe', run: false, group: 'view' },
].map((row) => Object.freeze({ omitDefault: row.group === 'variant', ...row })));

const BY_NAME = new Map(SETTINGS.map((row) => [row.name, row]));

/** Rules between rows: `test(settings)` must hold; otherwise every row named falls back to its default. */
export const CONSTRAINTS = Object.freeze([
  { names: ['latentLo', 'latentHi'], test: (s) => s.latentLo < s.latentHi,
    message: (s) => `the latent range needs from < to, got ${s.latentLo} to ${s.latentHi}` },
]);

/** The row for `name` (throws for an unknown name: a programming error). */
export function setting(name) {
  const row = BY_NAME.get(name);
  if (!row) throw new Error(`state: unknown setting '${name}'`);
  return row;
}

export function defaults() {
  return Object.fromEntries(SETTINGS.map((row) => [row.name, row.default]));
}

/** The first broken constraint for these settings, or null. */
export function brokenConstraint(settings) {
  return CONSTRAINTS.find((c) => !c.test(settings)) ?? null;
}

/** The rows whose change starts a new run: the model's options and the target. */
export const RUN_SETTINGS = Object.freeze(SETTINGS.filter((row) => row.run));

/** The options of tinygan.js's create() for these settings (every run row but the target). */
export function modelOptions(settings) {
  return Object.fromEntries(RUN_SETTINGS.filter((row) => row.name !== 'epochs')
    .map((row) => [row.name, settings[row.name]]));
}

/**
 * Settings from a query string. A malformed or out-of-range value falls back to its default; every
 * such fallback, every unknown or repeated parameter and every broken constraint is listed in
 * `problems` as {name, raw, message}.
 */
export function fromQuery(search) {
  const params = new URLSearchParams(search);
  const settings = defaults();
  const problems = [];
  const seen = new Set();
  for (const [name, raw] of params) {
    if (seen.has(name)) continue; // the first of a repeated key wins (reported below)
    seen.add(name);
    const row = BY_NAME.get(name);
    if (!row) {
      problems.push({ name, raw, message: `“${quote(name)}” is not a setting of this page: ignored.` });
      continue;
    }
    try {
      settings[name] = row.parse(raw);
    } catch (err) {
      problems.push({ name, raw,
        message: `${name} = “${quote(raw)}”: ${err.message}; using the default ${row.serialize(row.default)}.` });
    }
  }
  problems.push(...repeatedParams(params, (name) => BY_NAME.has(name)));
  const broken = brokenConstraint(settings);
  if (broken) {
    const message = broken.message(settings);
    for (const name of broken.names) settings[name] = setting(name).default;
    problems.push({ name: broken.names[0], raw: params.get(broken.names[0]) ?? '',
      message: `${broken.names.join(', ')}: ${message}; using the defaults ${broken.names
        .map((n) => setting(n).serialize(setting(n).default)).join(' and ')}.` });
  }
  return { settings, problems };
}

/**
 * The query string holding the settings, e.g. "?seed=42&batch=32&…": the chapter's settings and the
 * speed always, the others (options beyond the chapter, embed) only when they differ from the default,
 * so that the chapter's link stays short and a variant's link says what it changes.
 */
export function toQuery(settings) {
  const params = new URLSearchParams();
  for (const row of SETTINGS) {
    if (row.omitDefault && settings[row.name] === row.default) continue;
    params.set(row.name, row.serialize(settings[row.name]));
  }
  return `?${params}`;
}
