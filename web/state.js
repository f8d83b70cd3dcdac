// state.js: the page's settings as ONE declarative table, and the URL query string they live in.
// Each row: name (the URL parameter and the settings key), type, default, range or choices, parse
// (string -> value, or throws an Error saying what is accepted), serialize (value -> string), label, and
// whether changing it starts a new run. Nothing else in the page knows a parameter's rules.

const INTEGER = /^[+]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function integer(min, max) {
  return (text) => {
    const s = String(text).trim();
    const v = Number(s);
    if (!INTEGER.test(s) || !Number.isSafeInteger(v) || v < min || v > max) {
      throw new Error(`must be a whole number from ${min} to ${max}`);
    }
    return v;
  };
}

function decimal(min, max) {
  return (text) => {
    const s = String(text).trim();
    const v = Number(s);
    if (!DECIMAL.test(s) || !Number.isFinite(v) || v < min || v > max) {
      throw new Error(`must be a number from ${min} to ${max}`);
    }
    return v;
  };
}

function choice(values) {
  return (text) => {
    const s = String(text).trim().toLowerCase();
    const hit = values.find((v) => String(v) === s);
    if (hit === undefined) throw new Error(`must be one of ${values.join(', ')}`);
    return hit;
  };
}

function flag(text) {
  const s = String(text).trim().toLowerCase();
  if (s === '1' || s === 'true' || s === '') return true;
  if (s === '0' || s === 'false') return false;
  throw new Error('must be 1 or 0');
}

const plain = (v) => String(v);

/** The settings table. `run: true` rows are options of the model run: changing one resets it. */
export const SETTINGS = Object.freeze([
  { name: 'seed', type: 'integer', default: 42, range: [0, 4294967295], parse: integer(0, 4294967295),
    serialize: plain, label: 'Seed', run: true },
  { name: 'batch', type: 'integer', default: 32, range: [1, 65536], parse: integer(1, 65536),
    serialize: plain, label: 'Batch size B', run: true },
  { name: 'lrG', type: 'number', default: 0.001, range: [1e-12, 100], parse: decimal(1e-12, 100),
    serialize: plain, label: 'η_G (generator learning rate)', run: true },
  { name: 'lrD', type: 'number', default: 0.001, range: [1e-12, 100], parse: decimal(1e-12, 100),
    serialize: plain, label: 'η_D (discriminator learning rate)', run: true },
  { name: 'epochs', type: 'integer', default: 10000, range: [1, 100000], parse: integer(1, 100000),
    serialize: plain, label: 'Target epochs', run: true },
  { name: 'speed', type: 'choice', default: 10, choices: [1, 10, 100, 1000, 'max'],
    parse: choice([1, 10, 100, 1000, 'max']), serialize: plain, label: 'Speed (epochs per frame)', run: false },
  { name: 'embed', type: 'flag', default: false, choices: [true, false], parse: flag,
    serialize: (v) => (v ? '1' : '0'), label: 'Compact layout for an iframe', run: false },
]);

const BY_NAME = new Map(SETTINGS.map((row) => [row.name, row]));

/** The row for `name` (throws for an unknown name: a programming error). */
export function setting(name) {
  const row = BY_NAME.get(name);
  if (!row) throw new Error(`state: unknown setting '${name}'`);
  return row;
}

export function defaults() {
  return Object.fromEntries(SETTINGS.map((row) => [row.name, row.default]));
}

/** Named presets; each fixes every run setting. The chapter's configuration is the default. */
export const PRESETS = Object.freeze([
  { id: 'chapter', label: 'Chapter (seed 42, B 32, η 0.001)',
    settings: { seed: 42, batch: 32, lrG: 0.001, lrD: 0.001, epochs: 10000 } },
]);

/** The preset whose run settings equal `settings`, or null. */
export function presetOf(settings) {
  return PRESETS.find((p) => Object.entries(p.settings).every(([k, v]) => settings[k] === v)) ?? null;
}

/** The options of tinygan.js's create() for these settings. */
export function modelOptions(settings) {
  return { seed: settings.seed, batch: settings.batch, lrG: settings.lrG, lrD: settings.lrD };
}

/**
 * Settings from a query string. A malformed or out-of-range value falls back to its default; every
 * such fallback, and every unknown parameter, is listed in `problems` as {name, raw, message}.
 */
export function fromQuery(search) {
  const params = new URLSearchParams(search);
  const settings = defaults();
  const problems = [];
  const seen = new Set();
  for (const [name, raw] of params) {
    if (seen.has(name)) continue; // the first of a repeated key wins
    seen.add(name);
    const row = BY_NAME.get(name);
    if (!row) {
      problems.push({ name, raw, message: `“${name}” is not a setting of this page: ignored.` });
      continue;
    }
    try {
      settings[name] = row.parse(raw);
    } catch (err) {
      problems.push({ name, raw,
        message: `${name} = “${raw}”: ${err.message}; using the default ${row.serialize(row.default)}.` });
    }
  }
  return { settings, problems };
}

/** The query string holding every setting (embed only when on), e.g. "?seed=42&batch=32&…". */
export function toQuery(settings) {
  const params = new URLSearchParams();
  for (const row of SETTINGS) {
    if (row.name === 'embed' && !settings.embed) continue;
    params.set(row.name, row.serialize(settings[row.name]));
  }
  return `?${params}`;
}
