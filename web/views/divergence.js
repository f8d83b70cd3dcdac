// divergence.js: the notice of a run that diverged — at which epoch it stopped, why that usually
// happens (learning rates too high), and that nothing after it is drawn or exported. Its buttons
// (Reset, the chapter's rates) are wired by app.js. Input: {diverged, epoch, lrG, lrD}.

import { math } from './math-text.js';

export function createDivergence(root, title, why) {
  let shown = null;
  return {
    update({ diverged, epoch, lrG, lrD }) {
      const key = diverged ? `${epoch} ${lrG} ${lrD}` : null;
      if (key === shown) return;
      shown = key;
      root.hidden = !diverged;
      if (!diverged) return;
      title.textContent = `Training diverged at epoch ${epoch}: it stopped there.`;
      why.replaceChildren(...math(`A weight or a loss grew past what a number can hold. That usually means the `
        + `learning rates are too high (here η_G = ${lrG}, η_D = ${lrD}): each step overshoots, the next overshoots `
        + 'further, and the parameters grow without bound. The charts end at the last finite epoch; nothing after '
        + 'it is drawn or exported.'));
    },
  };
}
