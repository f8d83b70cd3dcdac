// math-text.js: text with the chapter's subscripts and superscripts, written inline as _x or _{xy}
// and ^x or ^{xy} (η_D, λ_{1,2}, 10^{−8}), turned into DOM nodes with <sub> and <sup> — never
// innerHTML, so that no string ever becomes markup.

/** Nodes for `text`: strings, and <sub>/<sup> elements. */
export function math(text, doc = document) {
  const out = [];
  const re = /([_^])(\{([^}]*)\}|(.))/gu;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const e = doc.createElement(m[1] === '_' ? 'sub' : 'sup');
    e.textContent = m[3] ?? m[4];
    out.push(e);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
