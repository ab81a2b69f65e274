// Personal data (admins): the erasure records, newest first, and lifting a suppression when a person who was
// erased signs up again and consents. Erasing itself starts from the person's profile.
import { api } from '../api.js';
import { el, fill, routeHref } from '../dom.js';
import { erasureTable } from '../erasures.js';
import { t } from '../i18n.js';
import { act, empty, errorBox, field, loading, pager } from '../ui.js';

const SIZE = 20;

export async function render(view, route, { navigate }) {
  const list = el('div', null, loading());
  view.append(el('h1', null, t('privacy.title')), el('p', { class: 'muted' }, t('privacy.help')), liftForm(),
    el('h2', null, t('privacy.erasures')), list);
  const from = Math.max(0, Number.parseInt(route.params.get('from') || '0', 10) || 0);
  try {
    const page = await api.get('/api/v1/privacy/erasures', { from, size: SIZE });
    fill(list, page.items.length === 0 ? empty(t('privacy.none')) : erasureTable(page.items),
      pager(from, SIZE, page.total, (next) => navigate(routeHref('/privacy', { from: next }))));
  } catch (err) {
    fill(list, errorBox(err));
  }
}

function liftForm() {
  const identifier = el('input', { type: 'text', name: 'identifier', required: true, autocomplete: 'off', placeholder: t('privacy.liftPlaceholder') });
  const type = el('select', { name: 'type' },
    el('option', { value: '' }, t('privacy.typeGuess')),
    el('option', { value: 'phone' }, t('privacy.typePhone')),
    el('option', { value: 'email' }, t('privacy.typeEmail')));
  const submit = el('button', { type: 'submit' }, t('privacy.lift'));
  const out = el('div', { 'aria-live': 'polite' });
  return el('form', { class: 'card', onsubmit: (e) => {
    e.preventDefault();
    act(submit, out, async () => {
      const r = await api.post('/api/v1/privacy/suppressions/lift', { identifier: identifier.value.trim(), type: type.value || null });
      // The answer never repeats the value; clearing the field keeps it off the screen too.
      identifier.value = '';
      const kind = r.type === 'email' ? t('privacy.typeEmail') : t('privacy.typePhone');
      return r.lifted ? t('privacy.lifted', { type: kind }) : t('privacy.notSuppressed', { type: kind });
    });
  } },
  el('h2', null, t('privacy.liftTitle')),
  el('p', { class: 'muted' }, t('privacy.liftHelp')),
  el('div', { class: 'row' }, field(t('privacy.identifier'), identifier), field(t('blocked.type'), type), submit),
  out);
}
