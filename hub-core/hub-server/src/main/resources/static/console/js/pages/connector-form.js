// A connector instance's form, generated from its type's config schema: #/connector-form creates one (pick a type,
// an id, the fields; validate, then create), #/connector-form/<id> changes or deletes one defined through the API.
// Instances defined in config/connectors/*.yml are shown read-only: the API refuses to change them.
import { api, ApiError } from '../api.js';
import { configField, readConfig, showProblems } from '../config-fields.js';
import { deliveryStatus } from '../delivery.js';
import { el, enc, facts, fill, routeHref, section } from '../dom.js';
import { currentLang, t } from '../i18n.js';
import { errorBox, info, statusBadge } from '../ui.js';

/** Hub fields every destination type's schema adds to the plugin's own: shown in a group of their own. */
const HUB_FIELDS = ['dailyCallBudget', 'dailyBudgetZone'];

export async function render(view, route, { navigate }) {
  const id = route.args[0];
  view.append(el('p', null, el('a', { href: '#/connectors' }, t('connectorForm.back'))));
  const types = await api.get('/api/v1/connector-types');
  if (!id) {
    view.append(el('h1', null, t('connectorForm.newTitle')));
    form(view, types, null, route.params.get('type'), navigate);
    return;
  }
  const instance = await api.get(`/api/v1/connectors/${enc(id)}`);
  view.append(el('h1', null, t('connectorForm.editTitle', { id })));
  const type = types.find((x) => x.type === instance.type);
  if (instance.origin !== 'api' || !type) {
    view.append(info(instance.origin !== 'api' ? t('connectorForm.fromFile') : t('connectorForm.typeMissing', { type: instance.type }), 'warning'),
      section(t('connectorForm.current'), facts([
        [t('connectors.type'), instance.type],
        [t('connectors.state'), statusBadge(instance.state)],
        ...Object.entries(instance.config || {}).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]),
      ])));
    return;
  }
  form(view, [type], instance, type.type, navigate);
}

/** A type's name in the console's language, with its key and whether it brings leads in or sends them out. */
function typeLabel(type) {
  const name = (currentLang() === 'zh-CN' ? type.nameZh : type.name) || type.name || type.type;
  const kind = type.kind === 'DESTINATION' ? t('connectorForm.destination') : t('connectorForm.source');
  return `${name} (${type.type}) · ${kind}`;
}

function form(view, types, instance, chosen, navigate) {
  const editing = instance !== null;
  const out = el('div', { 'aria-live': 'polite' });
  const typeSelect = el('select', { name: 'type', disabled: editing },
    editing ? null : el('option', { value: '' }, t('connectorForm.pickType')),
    types.map((x) => el('option', { value: x.type }, typeLabel(x))));
  typeSelect.value = chosen && types.some((x) => x.type === chosen) ? chosen : (editing ? instance.type : '');
  const idInput = el('input', { type: 'text', name: 'id', value: editing ? instance.id : '', readonly: editing,
    autocomplete: 'off', spellcheck: 'false', placeholder: 'demo-form' });
  const enabled = el('input', { type: 'checkbox', name: 'enabled', checked: editing ? instance.enabled : true });
  const about = el('div');
  const fieldsBox = el('div');
  // The id and type inputs take the API's problems about them like any config field.
  const head = [labelled('id', t('connectorForm.id'), idInput, t('connectorForm.idHelp')),
    labelled('type', t('connectorForm.type'), typeSelect, null)];
  let inputs = [];
  const drawFields = () => {
    const type = types.find((x) => x.type === typeSelect.value);
    fill(about, type && type.description ? el('p', { class: 'muted' }, type.description) : null);
    inputs = type ? type.fields.map((f) => configField(f, editing ? (instance.config || {})[f.key] : undefined)) : [];
    const own = inputs.filter((i) => !(type.kind === 'DESTINATION' && HUB_FIELDS.includes(i.key)));
    const hub = inputs.filter((i) => !own.includes(i));
    fill(fieldsBox, type ? el('fieldset', { class: 'config' }, el('legend', null, t('connectorForm.fields')),
      own.length ? own.map((i) => i.node) : el('p', { class: 'muted' }, t('connectorForm.noFields'))) : null,
    hub.length ? el('fieldset', { class: 'config' }, el('legend', null, t('connectorForm.hubFields')),
      el('p', { class: 'muted' }, t('connectorForm.hubFieldsHelp')), hub.map((i) => i.node)) : null);
  };
  typeSelect.addEventListener('change', () => { fill(out); drawFields(); });
  drawFields();

  const definition = () => ({ id: idInput.value.trim(), type: typeSelect.value, enabled: enabled.checked,
    config: readConfig(inputs) });
  const show = (problems) => {
    const rest = showProblems([...head, ...inputs], problems);
    fill(out, el('div', { class: 'alert error', role: 'alert' }, el('strong', null, t('connectorForm.problems', { count: problems.length })),
      rest.length ? el('ul', null, rest.map((p) => el('li', null, (p.field ? p.field + ': ' : '') + p.message))) : null));
    const first = [...head, ...inputs].find((i) => i.input.getAttribute('aria-invalid') === 'true');
    if (first) first.input.focus();
  };
  const run = async (button, action) => {
    button.disabled = true;
    showProblems([...head, ...inputs], []);
    fill(out);
    try {
      await action();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.problem && Array.isArray(err.problem.errors)) show(err.problem.errors);
      else fill(out, errorBox(err));
    } finally {
      button.disabled = false;
    }
  };

  const validate = el('button', { type: 'button' }, t('connectorForm.validate'));
  validate.addEventListener('click', () => run(validate, async () => {
    const r = await api.post('/api/v1/connectors/validate', definition());
    if (r.valid) fill(out, info(t('connectorForm.valid'), 'ok'));
    else show(r.errors);
  }));
  const save = el('button', { type: 'submit', class: 'primary' }, editing ? t('connectorForm.save') : t('connectorForm.create'));
  const buttons = el('div', { class: 'actions' }, validate, save);
  if (editing) buttons.append(deleteButton(instance.id, out, navigate));

  const formNode = el('form', { class: 'card connector-form', novalidate: true }, head.map((h) => h.node), about,
    el('label', { class: 'check' }, enabled, t('connectorForm.enabled')), fieldsBox, out, buttons);
  formNode.addEventListener('submit', (e) => {
    e.preventDefault();
    run(save, async () => {
      const def = definition();
      if (editing) {
        await api.put(`/api/v1/connectors/${enc(instance.id)}`, { type: def.type, enabled: def.enabled, config: def.config });
        navigate(routeHref('/connectors', { saved: instance.id }));
      } else {
        await api.post('/api/v1/connectors', def);
        navigate(routeHref('/connectors', { created: def.id }));
      }
    });
  });
  view.append(formNode);
  if (editing && instance.delivery) view.append(section(t('connectors.delivery'), deliveryStatus(instance.delivery)));
}

function labelled(key, text, input, help) {
  const id = 'cf-head-' + key;
  input.id = id;
  const problems = el('ul', { class: 'field-problems', id: id + '-problems', hidden: true });
  input.setAttribute('aria-describedby', id + '-problems');
  const node = el('div', { class: 'field config-field', 'data-key': key },
    el('label', { for: id }, text, ' ', el('abbr', { class: 'required', title: t('connectorForm.required') }, '*')),
    input, help ? el('p', { class: 'help' }, help) : null, problems);
  return { key, node, input, problems };
}

function deleteButton(id, out, navigate) {
  const button = el('button', { type: 'button', class: 'danger' }, t('connectorForm.delete'));
  button.addEventListener('click', async () => {
    if (!window.confirm(t('connectorForm.confirmDelete', { id }))) return;
    button.disabled = true;
    try {
      await api.del(`/api/v1/connectors/${enc(id)}`);
      navigate(routeHref('/connectors', { deleted: id }));
    } catch (err) {
      fill(out, errorBox(err));
      button.disabled = false;
    }
  });
  return button;
}
