// trace.js: one epoch, every number of it, each beside the chapter's equation it comes from — the
// discriminator's step (latents, fakes, D's outputs on the real and fake rows, dz, gradients, each
// parameter before and after), the generator's step (the same, through the updated D) and both
// losses. Input: a trace exactly as gan.trace() returns it (plain arrays) and the run's options.
// Nothing is recomputed here: every number shown is one the C core computed.
//
// Long arrays show their first rows and "… N more" (expandable). Each value cell carries
// data-key="field.index…" naming where in the trace it comes from (tests read them).

import { traced, tracedParam } from '../format.js';
import { math } from './math-text.js';

const FIRST_ROWS = 4; // rows shown before "… N more"
const MAX_ROWS = 256; // rows shown at most when expanded; the JSON download has them all

// ---- tiny DOM helpers ------------------------------------------------------------------------------

function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  e.append(...children.flat());
  return e;
}

/** An equation, and a note saying where it comes from. */
const eq = (text, note = '') => h('p', { class: 'eq' }, h('code', {}, math(text)),
  note ? h('span', { class: 'why' }, math(note)) : []);

function cell(value, key, format = traced) {
  return h('td', { 'data-key': key, title: String(value) }, format(value));
}

/**
 * A table of `count` rows: columns [{head (math text), value: (i) => number, key: (i) => string}],
 * first FIRST_ROWS rows, then a button for the rest (up to MAX_ROWS).
 */
function rowsTable(caption, columns, count) {
  const head = h('tr', {}, h('th', { scope: 'col' }, 'i'), columns.map((c) => h('th', { scope: 'col' }, math(c.head))));
  const body = h('tbody');
  const row = (i) => h('tr', {}, h('th', { scope: 'row' }, String(i)), columns.map((c) => cell(c.value(i), c.key(i))));
  const shown = Math.min(count, FIRST_ROWS);
  for (let i = 0; i < shown; i++) body.append(row(i));
  const table = h('table', { class: 'trace-table' }, h('caption', {}, math(caption)), h('thead', {}, head), body);
  const wrap = h('div', { class: 'table-wrap' }, table);
  if (count > shown) {
    const rest = Math.min(count, MAX_ROWS) - shown;
    const collapsed = `… ${count - shown} more rows: show ${count > MAX_ROWS ? `the next ${rest}` : 'them'}`;
    const expanded = count > MAX_ROWS ? `Show fewer (the other ${count - MAX_ROWS} rows are in the JSON download)` : 'Show fewer';
    const more = h('button', { type: 'button', class: 'quiet more', 'aria-expanded': 'false' }, collapsed);
    let extra = null;
    more.addEventListener('click', () => {
      if (extra === null) {
        extra = [];
        for (let i = shown; i < shown + rest; i++) extra.push(row(i));
        body.append(...extra);
      } else {
        for (const r of extra) r.remove();
        extra = null;
      }
      more.textContent = extra ? expanded : collapsed;
      more.setAttribute('aria-expanded', String(extra !== null));
    });
    wrap.append(more);
  }
  return wrap;
}

/** A parameter table: name | before | gradient | after, for {weights, bias} triples. */
function paramTable(caption, names, fields, t) {
  const [before, grad, after] = fields;
  const n = t[before].weights.length;
  const row = (label, i) => {
    const at = i === null ? 'bias' : `weights.${i}`;
    const get = (f) => (i === null ? t[f].bias : t[f].weights[i]);
    return h('tr', {}, h('th', { scope: 'row' }, math(label)), cell(get(before), `${before}.${at}`, tracedParam),
      cell(get(grad), `${grad}.${at}`), cell(get(after), `${after}.${at}`, tracedParam));
  };
  const rows = [];
  for (let i = 0; i < n; i++) rows.push(row(names.weight(i), i));
  rows.push(row(names.bias, null));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'trace-table params' }, h('caption', {}, math(caption)),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'parameter'), h('th', { scope: 'col' }, 'before'),
      h('th', { scope: 'col' }, math('gradient ∂L/∂θ')), h('th', { scope: 'col' }, 'after'))),
    h('tbody', {}, rows)));
}

// ---- the update rule, as the options say --------------------------------------------------------

function updateRule(optimizer, lr) {
  if (optimizer === 'momentum') {
    return [`v ← μ·v + ∂L/∂θ,   θ ← θ − ${lr}·v`, 'momentum: a running sum of gradients, one per network'];
  }
  if (optimizer === 'adam') {
    return [`m ← β_1·m + (1 − β_1)·g,  v ← β_2·v + (1 − β_2)·g^2,  θ ← θ − ${lr}·m̂ / (√v̂ + ε)`,
      'Adam, with β₁ 0.9, β₂ 0.999, ε 10⁻⁸ and bias-corrected m̂, v̂'];
  }
  return [`θ ← θ − ${lr}·∂L/∂θ`, 'the chapter’s gradient-descent step'];
}

// ---- the view ------------------------------------------------------------------------------------

export function createTrace(root) {
  return {
    /** Forget the last trace (a new run, or a reset). */
    clear() {
      root.replaceChildren();
      root.hidden = true;
    },

    /** Show `t` (gan.trace()) of a run with options `o` (gan.options). */
    show(t, o) {
      const B = t.dLatent.length;
      const N = t.real[0]?.length ?? t.dBefore.weights.length;
      const out = (j) => j + 2; // generator outputs O_2 … O_{N+1}
      const inp = (j) => j + N + 2; // discriminator inputs I_{N+2} … I_{2N+1}
      const dec = 2 * N + 2; // the decision node D
      const sigmoid = o.gOut === 'sigmoid';
      const minimax = o.gLoss === 'minimax';
      const nodeCols = (field, head, rowsOf) => Array.from({ length: N }, (_, j) => ({
        head: head(j), value: (i) => rowsOf(i)[j], key: (i) => `${field}.${i}.${j}`,
      }));
      const vecCol = (field, head, offset = 0) => ({
        head, value: (i) => t[field][offset + i], key: (i) => `${field}.${offset + i}`,
      });
      const fakeLabel = sigmoid ? 'O_j = σ(λ_{1,j}·L + b)' : 'O_j = λ_{1,j}·L + b';
      const latentEq = `L ~ U(${o.latentLo}, ${o.latentHi})`;

      const summary = h('p', { class: 'trace-summary' }, 'Epoch ', h('strong', { id: 'trace-epoch' }, String(t.epoch)),
        ` · B = ${B} rows · N = ${N} nodes · ${o.gOut} generator · ${o.gLoss} loss · ${o.optimizer}`
        + `${o.dSteps > 1 ? ` · k = ${o.dSteps}` : ''} · ${o.real} real images`);

      // ① the discriminator's step
      const [dRule, dWhy] = updateRule(o.optimizer, 'η_D');
      const dStep = h('section', { class: 'trace-step' },
        h('h3', {}, '① The discriminator’s step'),
        o.dSteps > 1 ? h('p', { class: 'note' }, `The last of this epoch’s k = ${o.dSteps} discriminator steps `
          + `(each draws its own latents${o.real === 'fresh' ? ' and real batch' : ''}).`) : [],
        eq(`${latentEq},   ${fakeLabel}`, 'fakes from the generator as it is before this epoch'),
        eq(`ŷ = D_{${dec}} = σ(Σ_k λ_{k,${dec}}·I_k + c)`, 'the discriminator on the 2B rows [real; fake]'),
        eq('dz = ŷ − y', 'y = 1 on real rows, 0 on fakes: the chapter’s dL/dz for binary cross-entropy'),
        h('div', { class: 'trace-rows' },
          rowsTable(`Real rows (y = 1)${o.real === 'fresh' ? ': this step’s fresh batch' : ''}`, [
            ...nodeCols('real', (j) => `I_{${inp(j)}}`, (i) => t.real[i]),
            vecCol('dYhat', 'ŷ'),
            vecCol('dDz', 'dz = ŷ − 1'),
          ], B),
          rowsTable('Fake rows (y = 0)', [
            vecCol('dLatent', 'L'),
            ...nodeCols('dFake', (j) => `O_{${out(j)}} → I_{${inp(j)}}`, (i) => t.dFake[i]),
            vecCol('dYhat', 'ŷ', B),
            vecCol('dDz', 'dz = ŷ − 0', B),
          ], B)),
        eq(`∂L/∂λ_{k,${dec}} = mean(dz·I_k),   ∂L/∂c = mean(dz)`, 'means over all 2B rows'),
        eq(dRule, dWhy),
        paramTable('The discriminator’s parameters', { weight: (j) => `λ_{${inp(j)},${dec}}`, bias: 'c' },
          ['dBefore', 'dGrad', 'dAfter'], t));

      // ② the generator's step
      const [gRule, gWhy] = updateRule(o.optimizer, 'η_G');
      const gCols = [
        ...nodeCols('gDout', (j) => `dL/dO_{${out(j)}}`, (i) => t.gDout[i]),
        ...(sigmoid ? nodeCols('gDpre', (j) => `dL/dz_{${out(j)}}`, (i) => t.gDpre[i]) : []),
      ];
      const gStep = h('section', { class: 'trace-step' },
        h('h3', {}, '② The generator’s step, against the updated discriminator'),
        eq(`${latentEq} (new draws),   ${fakeLabel},   ŷ = D(O)`, 'the discriminator as it is after its step'),
        eq(minimax ? 'dz = −ŷ' : 'dz = ŷ − 1', minimax
          ? 'from the min-max loss log(1 − ŷ): small when D is sure the fakes are fake'
          : 'from the non-saturating loss −log ŷ'),
        rowsTable('The generator’s rows', [
          vecCol('gLatent', 'L'),
          ...nodeCols('gFake', (j) => `O_{${out(j)}}`, (i) => t.gFake[i]),
          vecCol('gYhat', 'ŷ = D(O)'),
          vecCol('gDz', minimax ? 'dz = −ŷ' : 'dz = ŷ − 1'),
        ], B),
        eq(`dL/dO_j = dz·λ_{k,${dec}}`, 'back through the discriminator: O_j feeds its input I_k'),
        sigmoid ? eq('dL/dz_j = dL/dO_j · O_j(1 − O_j)',
          'back through the sigmoid O_j = σ(z_j), z_j = λ_{1,j}·L + b: the chapter’s O(1 − O) factor') : [],
        rowsTable(sigmoid ? 'Gradients per row' : 'Gradients per row (linear output: dL/dz_j = dL/dO_j)', gCols, B),
        eq(sigmoid ? '∂L/∂λ_{1,j} = mean(dL/dz_j·L),   ∂L/∂b = mean(Σ_j dL/dz_j)'
          : '∂L/∂λ_{1,j} = mean(dL/dO_j·L),   ∂L/∂b = mean(Σ_j dL/dO_j)', 'means over the B rows; b is shared by every O'),
        eq(gRule, gWhy),
        paramTable('The generator’s parameters', { weight: (j) => `λ_{1,${out(j)}}`, bias: 'b' },
          ['gBefore', 'gGrad', 'gAfter'], t));

      // ③ the losses, as recorded for this epoch
      const losses = h('section', { class: 'trace-step' },
        h('h3', {}, '③ The losses, after both updates'),
        h('div', { class: 'table-wrap' }, h('table', { class: 'trace-table params' },
          h('tbody', {},
            h('tr', {}, h('th', { scope: 'row' },
              math('loss_D = −mean(log(D(real) + 10^{−8})) − mean(log(1 − D(F) + 10^{−8}))')), cell(t.losses[0], 'losses.0')),
            h('tr', {}, h('th', { scope: 'row' }, math(minimax ? 'loss_G = mean(log(1 − D(G(L)) + 10^{−8}))'
              : 'loss_G = −mean(log(D(G(L)) + 10^{−8}))')), cell(t.losses[1], 'losses.1'))))),
        h('p', { class: 'note' }, 'F: the fakes of the discriminator’s step; L: the generator step’s latents, through the '
          + 'updated generator and discriminator. These are the values the loss chart plots for this epoch.'));

      root.replaceChildren(summary, dStep, gStep, losses);
      root.hidden = false;
    },
  };
}
