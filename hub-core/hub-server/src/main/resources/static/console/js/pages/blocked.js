// The run-time block list (屏蔽列表): identifiers that never link two people, blocked by an undo or by an admin.
// Everyone may read it; admins add and remove entries.
import { api } from '../api.js';
import { append, el, fill, fmtDateTime, table } from '../dom.js';
import { t } from '../i18n.js';
import { can } from '../session.js';
import { act, empty, errorBox, field, loading } from '../ui.js';

const TYPES = ['phone', 'email', 'unionid', 'openid', 'wecom', 'crm'];

export async function render(view) {
  const out = el('div', { 'aria-live': 'polite' });
  const list = el('div', null, loading());
  const admin = can('admin');
  // The list is read from the state index, which the API refreshes on every change: redrawn in place after one.
  const load = async () => {
    try {
      const entries = await api.get('/api/v1/identity/blocked');
      const headers = [t('blocked.identifier'), t('blocked.reason'), t('blocked.by'), t('common.when')];
      if (admin) headers.push('');
      fill(list, entries.length === 0 ? empty(t('blocked.none')) : table(headers, entries.map((b) => {
        const cells = [el('span', { class: 'mono' }, b.key), b.reason || '–', b.by || '–', fmtDateTime(b.at)];
        if (admin) cells.push(removeButton(b, out, load));
        return cells;
      })));
    } catch (err) {
      fill(list, errorBox(err));
    }
  };
  // append() leaves out the form for non-admins (a plain Node.append would write "null").
  append(view, [el('h1', null, t('blocked.title')), el('p', { class: 'muted' }, t('blocked.help')),
    admin ? addForm(out, load) : null, out, list]);
  await load();
}

function addForm(out, load) {
  const type = el('select', { name: 'type' }, TYPES.map((x) => el('option', { value: x }, x)));
  const value = el('input', { type: 'text', name: 'value', required: true, autocomplete: 'off', placeholder: t('blocked.valuePlaceholder') });
  const reason = el('input', { type: 'text', name: 'reason', maxlength: 200, placeholder: t('blocked.reasonPlaceholder') });
  const submit = el('button', { type: 'submit', class: 'primary' }, t('blocked.add'));
  return el('form', { class: 'card row', onsubmit: (e) => {
    e.preventDefault();
    act(submit, out, async () => {
      const entry = await api.post('/api/v1/identity/blocked', { identifier: `${type.value}:${value.value.trim()}`, reason: reason.value.trim() || null });
      value.value = '';
      reason.value = '';
      await load();
      return t('blocked.added', { key: entry.key });
    });
  } }, field(t('blocked.value'), value), field(t('blocked.type'), type), field(t('blocked.reason'), reason), submit);
}

function removeButton(b, out, load) {
  const button = el('button', { type: 'button', class: 'danger' }, t('blocked.remove'));
  button.addEventListener('click', () => {
    if (!window.confirm(t('blocked.confirmRemove', { key: b.key }))) return;
    act(button, out, async () => {
      await api.del('/api/v1/identity/blocked', { key: b.key });
      await load();
      return t('blocked.removed', { key: b.key });
    });
  });
  return button;
}
