// readouts.js: the numbers above the charts. Plain data in; a dash until there is something to show.

import { DASH, fixed, whole } from '../format.js';

export function createReadouts(doc = document) {
  const el = (id) => doc.getElementById(id);
  const out = {
    epoch: el('epoch'),
    target: el('epoch-target'),
    lossD: el('loss-d'),
    lossG: el('loss-g'),
    dReal: el('d-real'),
    dFake: el('d-fake'),
    rate: el('rate'),
  };
  const set = (node, text) => {
    if (node.textContent !== text) node.textContent = text;
  };
  return {
    /** frame: {epoch, target, lossD, lossG, meanD: {real, fake}}; rate: epochs/s (NaN when paused). */
    update(frame, rate) {
      set(out.epoch, String(frame.epoch));
      set(out.target, `of ${frame.target}`);
      set(out.lossD, fixed(frame.lossD));
      set(out.lossG, fixed(frame.lossG));
      set(out.dReal, frame.epoch > 0 ? fixed(frame.meanD.real) : DASH);
      set(out.dFake, frame.epoch > 0 ? fixed(frame.meanD.fake) : DASH);
      set(out.rate, whole(rate));
    },
  };
}
