// settings-form.js: the settings form, mirroring the settings table (state.js). The chapter's settings
// have their controls in index.html; every other run setting gets one built here from its row: a
// select for a choice, a number field otherwise. Each control is followed by its row's hint, one line
// saying what it does. Input: the table's rows and, on show(), the settings.

export function createSettingsForm(doc, rows, variantBox) {
  const controls = new Map(); // name -> input or select

  for (const row of rows) {
    let control = doc.getElementById(`set-${row.name}`);
    if (!control) {
      const field = doc.createElement('div');
      field.className = 'field';
      const label = doc.createElement('label');
      label.htmlFor = `set-${row.name}`;
      label.textContent = row.label;
      if (row.choices) {
        control = doc.createElement('select');
        for (const c of row.choices) control.append(new Option(String(c), String(c)));
      } else {
        control = doc.createElement('input');
        control.type = 'number';
        control.inputMode = row.type === 'integer' ? 'numeric' : 'decimal';
      }
      control.id = `set-${row.name}`;
      control.name = row.name;
      field.append(label, control);
      variantBox.append(field);
    }
    if (!row.choices) {
      control.min = String(row.range[0]);
      control.max = String(row.range[1]);
      control.step = row.type === 'integer' ? '1' : 'any';
    }
    if (row.hint) {
      const hint = doc.createElement('small');
      hint.className = 'hint';
      hint.id = `hint-${row.name}`;
      hint.textContent = row.hint;
      control.insertAdjacentElement('afterend', hint);
      control.setAttribute('aria-describedby', hint.id);
    }
    controls.set(row.name, control);
  }

  return {
    controls,
    /** Show `settings`; a setting the run ignores (momentum without the momentum optimizer) is greyed. */
    show(settings) {
      for (const row of rows) controls.get(row.name).value = row.serialize(settings[row.name]);
      const momentum = controls.get('momentum');
      if (momentum) {
        momentum.disabled = settings.optimizer !== 'momentum';
        momentum.title = momentum.disabled ? 'Used only with the momentum optimizer' : '';
      }
    },
  };
}
