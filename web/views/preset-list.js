// preset-list.js: the experiments as a row of links (each a shareable URL), the current one marked,
// and what to watch for in it. A plain click applies the preset in place (onPick); a middle click or
// Ctrl/⌘-click opens its link in a new tab as any link would.
// Input: the presets ({id, short, label, watch}) with their hrefs, then the current preset (or null).

import { math } from './math-text.js';

export function createPresetList(list, watch, onPick) {
  const links = new Map(); // id -> <a>

  return {
    /** Build the links: presets [{id, short, label, watch}], hrefOf(preset) -> URL. */
    build(presets, hrefOf) {
      list.replaceChildren();
      links.clear();
      for (const p of presets) {
        const a = document.createElement('a');
        a.href = hrefOf(p);
        a.textContent = p.short;
        a.title = p.label;
        a.dataset.preset = p.id;
        a.addEventListener('click', (e) => {
          if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
          e.preventDefault();
          onPick(p);
        });
        const li = document.createElement('li');
        li.append(a);
        list.append(li);
        links.set(p.id, a);
      }
    },

    /** Mark `preset` (null: the user's own settings) and say what to watch for. */
    show(preset) {
      for (const [id, a] of links) {
        if (preset?.id === id) a.setAttribute('aria-current', 'true');
        else a.removeAttribute('aria-current');
      }
      watch.replaceChildren();
      const title = document.createElement('strong');
      if (preset) {
        title.textContent = `${preset.label}: `;
        watch.append(title, ...math(preset.watch));
      } else {
        title.textContent = 'Your own settings. ';
        watch.append(title, 'Pick an experiment above to see what to watch for, or compare your run with one of them.');
      }
    },
  };
}
