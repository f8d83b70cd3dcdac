// readouts.js: the numbers above and beside the charts. Plain data in; a dash until there is something
// to show (and for anything not finite: never "NaN").

import { DASH, fixed, whole } from '../format.js';

// The last epoch's measures, by element id (D's outputs are shown twice: above the charts, and beside
// their own chart).
const MEASURES = Object.freeze([
  ['d-real', 'dReal'], ['d-fake', 'dFake'], ['d-real-2', 'dReal'], ['d-fake-2', 'dFake'], ['accuracy', 'accuracy'],
  ['w1-slope', 'w1Slope'], ['mean-gap', 'meanGap'], ['sd-gap', 'sdGap'],
]);

export function createReadouts(doc = document) {
  const el = (id) => doc.getElementById(id);
  const out = {
    epoch: el('epoch'),
    target: el('epoch-target'),
    lossD: el('loss-d'),
    lossG: el('loss-g'),
    rate: el('rate'),
  };
  const measures = MEASURES.map(([id, key]) => [el(id), key]).filter(([node]) => node);
  const set = (node, text) => {
    if (node.textContent !== text) node.textContent = text;
  };
  return {
    /** frame: {epoch, target, lossD, lossG, measures: {dReal, …}}; rate: epochs/s (NaN when paused). */
    update(frame, rate) {
      set(out.epoch, String(frame.epoch));
      set(out.target, `of ${frame.target}`);
      set(out.lossD, fixed(frame.lossD));
      set(out.lossG, fixed(frame.lossG));
      for (const [node, key] of measures) set(node, frame.epoch > 0 ? fixed(frame.measures[key]) : DASH);
      set(out.rate, whole(rate));
    },
  };
}
