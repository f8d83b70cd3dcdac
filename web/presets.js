// presets.js: the page's experiments — named settings, each a link, each with what to watch for.
// A preset fixes every run setting (the chapter's defaults, overridden by `settings`) and a speed at
// which the whole run is worth watching. The numbers in `watch` were read off runs of tinygan.js with
// exactly these settings (tests/browser/presets.test.mjs checks them against the model).

import { RUN_SETTINGS, defaults, toQuery } from './state.js';

export const PRESETS = Object.freeze([
  {
    id: 'chapter', label: 'Chapter', short: 'Chapter',
    settings: {}, speed: 10,
    watch: 'The chapter’s run, number for number. Watch W1 — how far the fakes’ slopes are from the real ones — '
      + 'fall from 0.54 to its low of 0.036 at epoch 6,320; then the two networks overshoot and it drifts back to '
      + '0.30 by the end, where the losses read the chapter’s D 1.4460 and G 0.6302.',
  },
  {
    id: 'sigmoid', label: 'Chapter’s equations (sigmoid generator)', short: 'Sigmoid generator',
    settings: { gOut: 'sigmoid', epochs: 100000 }, speed: 1000,
    watch: 'Each O = σ(λ·L + b) lies between 0 and 1, but real node 1 lies between 0.89 and 1.19 and node 3 dips '
      + 'to −0.19. The generator drives λ₁,₂ and λ₁,₄ out to about ±5.5 to press its fakes against those walls, '
      + 'while the factor O(1 − O) shrinks its steps: W1 is still 0.43 at epoch 10,000 and 0.065 at 100,000, '
      + 'and D still sorts 3 rows in 4 correctly.',
  },
  {
    id: 'minimax', label: 'Min-max loss: vanishing gradients', short: 'Min-max loss',
    settings: { gLoss: 'minimax', lrD: 1, dSteps: 5, epochs: 20000 }, speed: 100,
    watch: 'The discriminator gets a head start (η_D = 1, 5 steps per epoch) and by epoch 2,000 gives the fakes '
      + 'D ≈ 0.001. The min-max generator’s dz = −ŷ is then ≈ 0.001 too: its gradient vanishes, and W1 crawls '
      + 'from 0.54 to 0.48 over 10,000 epochs before it escapes near epoch 13,600. Switch Generator loss to '
      + 'non-saturating: the same run brings W1 below 0.1 by epoch 163.',
  },
  {
    id: 'fresh', label: 'Fresh real data each step', short: 'Fresh real data',
    settings: { real: 'fresh' }, speed: 10,
    watch: 'A new batch of real images for every discriminator step: watch the grey profiles flicker. The run '
      + 'follows the chapter’s closely — W1 bottoms out at 0.027 near epoch 6,190 (the chapter: 0.036 at 6,320) — '
      + 'but D(real) and the how-close measures now jitter from epoch to epoch, as each is measured against a '
      + 'different batch.',
  },
  {
    id: 'k5', label: 'k = 5 discriminator steps', short: 'k = 5 D steps',
    settings: { dSteps: 5 }, speed: 10,
    watch: 'Five discriminator steps per generator step. D learns faster (83% of rows sorted correctly at epoch '
      + '2,500) and gives the generator a stronger signal: W1 reaches its low of 0.036 at epoch 3,089, twice as '
      + 'fast as the chapter. Then the pair overshoot: W1 climbs back to 0.36 by epoch 6,350 while D(real) and '
      + 'D(fake) swing around ½.',
  },
  {
    id: 'adam', label: 'Adam', short: 'Adam',
    settings: { optimizer: 'adam' }, speed: 10,
    watch: 'Adam scales every step to about η, however small the gradient. The fakes reach the real slopes within '
      + '2,000 epochs (W1 0.036 at epoch 1,881; the chapter’s plain SGD needs 6,320), but then do not settle: W1 '
      + 'wanders between 0.04 and 0.32, because a step of about η does not shrink as the gradient does.',
  },
  {
    id: 'diverge', label: 'Too-high learning rate', short: 'Too-high η',
    settings: { lrG: 10, lrD: 10 }, speed: 1,
    watch: 'η_G = η_D = 10, ten thousand times the chapter’s. The first step throws the fakes about 20 away from '
      + 'the real images, and every step after overshoots: the D loss flips between 18.4 (D sure and wrong) and 0 '
      + '(sure and right), the weights grow more than a hundredfold per epoch, and at epoch 138 they overflow. '
      + 'The page stops there and says so.',
  },
  {
    id: 'nodes8', label: 'Long profiles (N = 8)', short: 'N = 8 nodes',
    settings: { nodes: 8, epochs: 20000 }, speed: 100,
    watch: 'Images of 8 nodes instead of 3. The discriminator has 8 weights to spot differences with and stays '
      + 'ahead for long (D(real) ≈ 0.9 and every row sorted correctly at epoch 2,000). The generator lines its 8 '
      + 'weights up slowly: W1 falls from 0.55 to 0.26 by epoch 10,000 and to 0.042 near epoch 19,500.',
  },
].map((p) => Object.freeze(p)));


/** Every run setting of `preset` (the chapter's defaults, overridden by its own). */
export function presetSettings(preset) {
  const all = defaults();
  return Object.fromEntries(RUN_SETTINGS.map((row) => [row.name, preset.settings[row.name] ?? all[row.name]]));
}

/** The preset whose run settings all equal `settings`, or null (the speed does not count). */
export function presetOf(settings) {
  return PRESETS.find((p) => {
    const fixed = presetSettings(p);
    return RUN_SETTINGS.every((row) => settings[row.name] === fixed[row.name]);
  }) ?? null;
}

/** The query string of a preset's link (in the compact layout if `embed`). */
export function presetQuery(preset, embed = false) {
  return toQuery({ ...defaults(), ...presetSettings(preset), speed: preset.speed, embed });
}
