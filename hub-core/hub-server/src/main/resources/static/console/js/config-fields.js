// A connector type's config schema (GET /api/v1/connector-types) as form inputs: one per field, of the kind its type
// asks for, with the required mark, the default as placeholder, the description as help and a place for the
// problems the API finds in it. Values are read back in the shapes the API accepts; a field left empty is left out,
// so its default applies (and an untouched secret of an instance keeps its stored value: the API keeps it).
import { el, fill } from './dom.js';
import { t } from './i18n.js';

/**
 * One field as a labelled input. current is the instance's value as the API shows it (undefined when new); a
 * secret is never pre-filled, an existing one only says it is kept.
 */
export function configField(f, current) {
  const id = 'cf-' + f.key;
  const input = inputFor(f, current);
  input.id = id;
  input.name = f.key;
  if (f.required) input.setAttribute('aria-required', 'true');
  const help = el('p', { class: 'help', id: id + '-help' }, f.description || '');
  const problems = el('ul', { class: 'field-problems', id: id + '-problems', hidden: true });
  input.setAttribute('aria-describedby', `${id}-help ${id}-problems`);
  const mark = f.required ? el('abbr', { class: 'required', title: t('connectorForm.required') }, '*') : null;
  const label = f.type === 'BOOLEAN'
    ? el('label', { class: 'check', for: id }, input, el('span', { class: 'mono' }, f.key), mark)
    : el('label', { for: id }, el('span', { class: 'mono' }, f.key), ' ', mark);
  const node = el('div', { class: 'field config-field', 'data-key': f.key }, label, f.type === 'BOOLEAN' ? null : input, help, problems);
  return { key: f.key, node, input, problems, read: () => readValue(f, input) };
}

function inputFor(f, current) {
  const def = f.defaultValue;
  switch (f.type) {
    case 'BOOLEAN': {
      const value = shown(current) ? String(current) === 'true' : def === 'true';
      return el('input', { type: 'checkbox', checked: value });
    }
    case 'ENUM': {
      const chosen = shown(current) && String(current) !== def ? String(current) : '';
      const select = el('select', null,
        el('option', { value: '' }, def ? t('connectorForm.defaultOption', { value: def }) : t('connectorForm.noValue')),
        f.allowedValues.map((v) => el('option', { value: v }, v)));
      select.value = chosen;
      return select;
    }
    case 'LIST':
      return el('textarea', { rows: 3, placeholder: def || t('connectorForm.listHint') }, listText(current));
    case 'MAP':
      return el('textarea', { rows: 4, class: 'mono', placeholder: t('connectorForm.mapHint') }, mapText(current));
    default:
      break;
  }
  if (f.secret) {
    // A password input, never filled: the API shows secrets masked and keeps a stored one that is not retyped.
    return el('input', { type: 'password', autocomplete: 'new-password',
      placeholder: shown(current) ? t('connectorForm.secretUnchanged') : (def || '') });
  }
  const type = f.type === 'INTEGER' ? 'number' : f.type === 'URL' ? 'url' : 'text';
  const placeholder = def || (f.type === 'DURATION' ? t('connectorForm.durationHint') : '');
  const value = shown(current) && String(current) !== def ? String(current) : '';
  return el('input', { type, step: f.type === 'INTEGER' ? 1 : null, placeholder, value, autocomplete: 'off', spellcheck: 'false' });
}

function shown(v) {
  return v !== undefined && v !== null && v !== '';
}

function listText(v) {
  if (!shown(v)) return '';
  return (Array.isArray(v) ? v : String(v).split(',')).map((x) => String(x).trim()).filter(Boolean).join('\n');
}

function mapText(v) {
  if (!v || typeof v !== 'object') return '';
  return Object.entries(v).map(([k, x]) => `${k}: ${x}`).join('\n');
}

/** The value to send, or undefined to leave the field out. */
function readValue(f, input) {
  switch (f.type) {
    case 'BOOLEAN':
      return f.defaultValue !== null && f.defaultValue !== undefined && String(input.checked) === f.defaultValue
        ? undefined : input.checked;
    case 'LIST': {
      const items = input.value.split('\n').map((s) => s.trim()).filter(Boolean);
      return items.length ? items : undefined;
    }
    case 'MAP':
      return readMap(input.value);
    case 'INTEGER':
      // A number input holds '' for text it cannot parse: send that text's failure on, so the API names the field.
      if (input.validity && input.validity.badInput) return 'not a number';
      return input.value.trim() === '' ? undefined : Number(input.value);
    default: {
      const v = f.secret ? input.value : input.value.trim();
      return v === '' ? undefined : v;
    }
  }
}

/** "key: value" lines (as in the YAML files) to an object; text that is not such lines goes as it is, for the API to refuse. */
function readMap(text) {
  const lines = text.split('\n').map((s) => s.trim()).filter(Boolean);
  if (lines.length === 0) return undefined;
  const map = {};
  for (const line of lines) {
    const m = /^(.+?):\s+(.*)$/.exec(line);
    if (!m) return text;
    map[m[1].trim()] = m[2].trim();
  }
  return map;
}

/** The config object from the inputs: only fields with a value. */
export function readConfig(inputs) {
  const config = {};
  for (const i of inputs) {
    const v = i.read();
    if (v !== undefined) config[i.key] = v;
  }
  return config;
}

/**
 * Shows each problem ({field, message}) next to the input of that field (the page adds its id and type inputs);
 * answers the problems no input took, for the page to list on top.
 */
export function showProblems(inputs, problems) {
  const byKey = new Map(inputs.map((i) => [i.key, i]));
  for (const i of inputs) {
    fill(i.problems);
    i.problems.hidden = true;
    i.input.removeAttribute('aria-invalid');
  }
  const rest = [];
  for (const p of problems || []) {
    const target = byKey.get(p.field);
    if (!target) {
      rest.push(p);
      continue;
    }
    target.problems.append(el('li', null, p.message || ''));
    target.problems.hidden = false;
    target.input.setAttribute('aria-invalid', 'true');
  }
  return rest;
}
