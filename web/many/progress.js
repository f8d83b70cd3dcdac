// progress.js: the run controls' feedback — a progress bar, the count of runs done, the elapsed time
// and the training rate, and the one-line status the page speaks through (role=status).

import { whole } from '../format.js';

export function createProgress({ bar, count, status }) {
  return {
    /** done of total runs (of `unit`: 'seeds' or 'cells'), after `ms`, `epochs` epochs trained. */
    update(done, total, unit, ms, epochs) {
      bar.max = Math.max(1, total);
      bar.value = done;
      bar.setAttribute('aria-valuetext', `${done} of ${total} ${unit}`);
      const rate = ms > 0 ? ` · ${whole((epochs / ms) * 1000)} epochs/s` : '';
      const text = `${done} / ${total} ${unit} · ${(ms / 1000).toFixed(1)} s${rate}`;
      if (count.textContent !== text) count.textContent = text;
    },
    say(text) {
      if (status.textContent !== text) status.textContent = text;
    },
  };
}
