// The never-merge pairs a profile takes part in: each undone merge keeps the two profiles apart from then on.
// Everyone who sees the profile sees them; admins may remove a pair (an undo that was itself a mistake), after
// a confirmation that says the two may merge again.
import { api } from '../api.js';
import { el, enc, fill, fmtDateTime, routeHref, section, table } from '../dom.js';
import { t } from '../i18n.js';
import { can } from '../session.js';
import { act, empty, errorBox, loading } from '../ui.js';

export function neverMergeSection(id) {
  const box = el('div', null, loading());
  const out = el('div', { 'aria-live': 'polite' });
  const admin = can('admin');
  // The API lists the pairs with a search; an undo and a removal refresh the index, so a redraw after either shows it.
  const load = () => api.get('/api/v1/identity/never-merge', { profile: id }).then((pairs) => {
    const headers = [t('neverMerge.other'), t('neverMerge.merge'), t('common.when')];
    if (admin) headers.push('');
    fill(box, pairs.length === 0 ? empty(t('neverMerge.none')) : table(headers, pairs.map((pair) => {
      const other = pair.a === id ? pair.b : pair.a;
      const cells = [
        el('a', { class: 'mono', href: routeHref('/profile/' + enc(other)) }, other),
        el('span', { class: 'mono' }, pair.mergeId || '–'),
        fmtDateTime(pair.at),
      ];
      if (admin) cells.push(removeButton(pair, other, out, load));
      return cells;
    }), { compact: true }));
  }).catch((err) => fill(box, errorBox(err)));
  load();
  return section(t('neverMerge.title'), el('p', { class: 'muted' }, t('neverMerge.help')), out, box);
}

function removeButton(pair, other, out, load) {
  const button = el('button', { type: 'button', class: 'danger' }, t('neverMerge.remove'));
  button.addEventListener('click', () => {
    if (!window.confirm(t('neverMerge.confirmRemove', { other }))) return;
    act(button, out, async () => {
      await api.del('/api/v1/identity/never-merge', { a: pair.a, b: pair.b });
      await load();
      return t('neverMerge.removed', { other });
    });
  });
  return button;
}
