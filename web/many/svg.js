// svg.js: building SVG (and HTML) elements without markup strings, and the page's floating tooltip.

const NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes and children (strings become text). */
export function svg(tag, attrs = {}, children = []) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

/** Children for an SVG <text>: "η_G" and "η_D" written with a subscript. */
export function subscripted(text) {
  return text.split(/(η_[GD])/).filter(Boolean).map((part) => (/^η_[GD]$/.test(part)
    ? svg('tspan', {}, ['η', svg('tspan', { 'baseline-shift': 'sub', 'font-size': '75%' }, [part[2]])])
    : part));
}

/** Children for an HTML element: "η_G" and "η_D" written with <sub>. */
export function htmlSubscripted(text) {
  return text.split(/(η_[GD])/).filter(Boolean).map((part) => (/^η_[GD]$/.test(part) ? html('span', {}, ['η', html('sub', {}, [part[2]])]) : part));
}

/** An HTML element with attributes and children. */
export function html(tag, attrs = {}, children = []) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

/**
 * A tooltip for the marks of an SVG inside `wrap` (position: relative): shown above the mark that has
 * the pointer or the keyboard focus, with the lines `text(mark)` returns. Marks are the elements
 * matching `selector`.
 */
export function attachTip(wrap, tip, selector, text) {
  let shown = null;
  const show = (mark) => {
    if (!mark) return hide();
    shown = mark;
    tip.replaceChildren(...text(mark).map((line, i) => html(i === 0 ? 'strong' : 'span', {}, htmlSubscripted(line))));
    tip.hidden = false;
    const box = mark.getBoundingClientRect();
    const outer = wrap.getBoundingClientRect();
    // centred above the mark, but never past the edges of the page
    const half = tip.offsetWidth / 2;
    const lo = half - outer.left + 4;
    const hi = document.documentElement.clientWidth - outer.left - half - 4;
    const x = Math.max(lo, Math.min(hi, box.left + box.width / 2 - outer.left));
    tip.style.left = `${x}px`;
    tip.style.top = `${box.top - outer.top - 6}px`;
  };
  const hide = () => {
    shown = null;
    tip.hidden = true;
  };
  wrap.addEventListener('mouseover', (e) => show(e.target.closest(selector)));
  wrap.addEventListener('mouseleave', () => {
    if (!wrap.contains(document.activeElement)) hide();
    else show(document.activeElement.closest(selector));
  });
  wrap.addEventListener('focusin', (e) => show(e.target.closest(selector)));
  wrap.addEventListener('focusout', (e) => {
    if (!wrap.contains(e.relatedTarget)) hide();
  });
  // Escape dismisses a shown tip and nothing else (not the page's Escape = Cancel); focus stays
  wrap.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && shown) {
      hide();
      e.stopPropagation();
    }
  });
  return {
    /** Redraw the tip if `mark` is the one shown (its data changed). */
    refresh(mark) {
      if (shown === mark) show(mark);
    },
    hide,
  };
}
