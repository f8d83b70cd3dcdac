// field-error.js: a refused form value, said under its own field, where the eye already is (a notice
// at the top of a long page goes unseen). Both pages put the field back to the value they kept; the
// message stays until the field is edited again or a value is accepted.

import { quote } from '../format.js';

/** What was typed into `input`, as a refusal quotes it. A number field whose text is not a number
 * reads as "" (the browser keeps that text to itself), so it is named, not quoted as “”. */
export function typed(input) {
  if (input.value === '') return input.validity?.badInput ? 'not a number' : 'empty';
  return `“${quote(input.value)}”`;
}

/** The refusal of `input`'s value, e.g. "Batch size B = “0”: must be … ; kept 32.", under it. A
 * label's subscript mark goes (η_G reads ηG, as the label shows it). */
export function refuse(input, label, reason, kept) {
  const what = typed(input);
  const name = label.replace(/_(\w)/g, '$1');
  const text = `${name}${what.startsWith('“') ? ` = ${what}` : `: ${what}`}: ${reason}; kept ${kept}.`;
  const id = `error-${input.id}`;
  let el = input.ownerDocument.getElementById(id);
  if (!el) {
    el = input.ownerDocument.createElement('small');
    el.className = 'field-error';
    el.id = id;
    el.setAttribute('role', 'alert'); // read out as it appears
    input.insertAdjacentElement('afterend', el);
    const described = input.getAttribute('aria-describedby');
    input.setAttribute('aria-describedby', described ? `${id} ${described}` : id);
  }
  el.textContent = text;
  el.hidden = false;
  input.setAttribute('aria-invalid', 'true');
  return text;
}

/** Clear `input`'s refusal: it is being edited again. */
export function clearRefusal(input) {
  const el = input.ownerDocument.getElementById(`error-${input.id}`);
  if (el) {
    el.hidden = true;
    el.textContent = '';
  }
  input.removeAttribute('aria-invalid');
}

/** Clear every refusal under `root`: a value was accepted, or a preset replaced them all. */
export function clearRefusals(root) {
  for (const input of root.querySelectorAll('[aria-invalid="true"]')) clearRefusal(input);
}
