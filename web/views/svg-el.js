// svg-el.js: one SVG element from its name, attributes and text, for the views that draw SVG by hand.

const SVG = 'http://www.w3.org/2000/svg';

export function svgEl(name, attrs = {}, text = null) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== null) el.textContent = text;
  return el;
}
