// A form generated from a tool's JSON schemas (GET /api/tools): one field per input and parameter, with the
// schema's type, default, bounds, unit and description; on submit, the run request the contract expects.
import { element } from './problems.js';

export function renderToolForm(form, tool, onSubmit) {
  form.replaceChildren(
    fieldset('Inputs', 'inputs', tool.inputs),
    fieldset('Parameters', 'parameters', tool.parameters),
    element('button', { type: 'submit' }, `Start ${tool.title || tool.name}`));
  form.onsubmit = event => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    onSubmit({ tool: tool.name, inputs: collect(form, 'inputs', tool.inputs), parameters: collect(form, 'parameters', tool.parameters) });
  };
}

function fieldset(legend, group, schema) {
  const properties = Object.entries(schema?.properties ?? {});
  if (!properties.length) return null;
  const required = new Set(schema.required ?? []);
  return element('fieldset', { 'data-group': group }, element('legend', {}, legend),
    properties.map(([name, property]) => field(`${group}.${name}`, name, property, required.has(name))));
}

function field(id, name, property, required) {
  const caption = `${name}${property.unit ? ` (${property.unit})` : ''}${required ? ' *' : ''}`;
  const hint = element('span', { class: 'hint' }, property.description ?? '');
  if (property.type === 'boolean') {
    return element('label', { class: 'inline', title: property.description },
      element('input', { type: 'checkbox', name: id, checked: property.default === true }), caption);
  }
  if (property.type === 'array' && property.items && ['integer', 'number'].includes(property.items.type)) {
    const count = property.minItems ?? 2;
    const inputs = Array.from({ length: count }, (_, i) =>
      numberInput(`${id}.${i}`, property.items, property.default?.[i], required, `${name}[${i}]`));
    return element('label', { title: property.description }, caption, element('span', { class: 'pair' }, inputs), hint);
  }
  if (property.type === 'number' || property.type === 'integer') {
    return element('label', { title: property.description }, caption, numberInput(id, property, property.default, required, name), hint);
  }
  return element('label', { title: property.description }, caption,
    element('input', { name: id, value: property.default ?? '', required, pattern: property.pattern, placeholder: example(property.description) }), hint);
}

function numberInput(id, schema, value, required, label) {
  return element('input', {
    type: 'number', name: id, 'aria-label': label, required,
    step: schema.type === 'integer' ? '1' : 'any', min: schema.minimum, max: schema.maximum, value: value ?? '',
  });
}

const example = description => /e\.g\. ([^\s,;)]+)/.exec(description ?? '')?.[1]?.replace(/\.$/, '');

/** The values of one group; empty optional fields are left out so the tool's own defaults apply. */
function collect(form, group, schema) {
  const values = {};
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    const id = `${group}.${name}`;
    if (property.type === 'boolean') {
      values[name] = form.elements[id].checked;
    } else if (property.type === 'array') {
      const items = [...form.querySelectorAll(`[name^="${id}."]`)].map(input => input.value.trim());
      if (items.every(v => v === '')) continue;
      values[name] = items.map(Number);
    } else {
      const raw = form.elements[id].value.trim();
      if (raw === '') continue;
      values[name] = property.type === 'number' || property.type === 'integer' ? Number(raw) : raw;
    }
  }
  return values;
}
