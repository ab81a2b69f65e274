// Dead letters (integrators): what connectors could not process, with replay (after fixing the cause) and
// discard.
import { api } from '../api.js';
import { el, enc, fill, fmtDateTime, routeHref, table, tableRow } from '../dom.js';
import { t } from '../i18n.js';
import { act, empty, errorBox, field, loading, pager, statusBadge, statusLabel } from '../ui.js';

const SIZE = 20;
const STATUSES = ['NEW', 'FAILED', 'REPLAYED'];

export async function render(view, route, { navigate }) {
  const p = route.params;
  const connector = el('input', { type: 'text', name: 'connector', value: p.get('connector') || '', autocomplete: 'off' });
  const status = el('select', { name: 'status' }, el('option', { value: '' }, t('deadLetters.anyStatus')),
    STATUSES.map((s) => el('option', { value: s, selected: p.get('status') === s }, statusLabel(s))));
  const out = el('div', { 'aria-live': 'polite' });
  const list = el('div', null, loading());
  view.append(el('h1', null, t('deadLetters.title')),
    el('form', { class: 'card row', onsubmit: (e) => {
      e.preventDefault();
      navigate(routeHref('/dead-letters', { connector: connector.value.trim(), status: status.value }));
    } }, field(t('imports.connector'), connector), field(t('deadLetters.status'), status),
    el('button', { type: 'submit' }, t('common.filter'))),
    out, list);
  const from = Math.max(0, Number.parseInt(p.get('from') || '0', 10) || 0);
  try {
    const page = await api.get('/api/v1/dead-letters', { connector: p.get('connector'), status: p.get('status'), from, size: SIZE });
    fill(list, page.items.length === 0 ? empty(t('deadLetters.none')) : table(headers(), page.items.map((d) => cells(d, out))),
      pager(from, SIZE, page.total, (next) => navigate(routeHref('/dead-letters', { ...Object.fromEntries(p), from: next }))));
  } catch (err) {
    fill(list, errorBox(err));
  }
}

function headers() {
  return [t('common.when'), t('imports.connector'), t('deadLetters.type'), t('deadLetters.status'), t('deadLetters.reason'),
    t('deadLetters.attempts'), ''];
}

function cells(d, out) {
  return [fmtDateTime(d.createdAt), d.connectorId, d.type || '–', statusBadge(d.status), d.reason || '–', String(d.attempts),
    actions(d, out)];
}

// Rows change in place: the list is a search, which sees a replay or a discard only after the index refreshes,
// while reading one letter by id is real-time.
function actions(d, out) {
  const replay = el('button', { type: 'button' }, t('deadLetters.replay'));
  replay.addEventListener('click', async () => {
    const row = replay.closest('tr');
    await act(replay, out, async () => {
      const r = await api.post(`/api/v1/dead-letters/${enc(d.id)}/replay`);
      return t('deadLetters.replayed', { id: d.id, status: statusLabel(r.status) });
    });
    // Replayed or failed again, the letter's status and attempts changed.
    try {
      row.replaceWith(tableRow(headers(), cells(await api.get(`/api/v1/dead-letters/${enc(d.id)}`), out)));
    } catch (err) {
      out.append(errorBox(err));
    }
  });
  const discard = el('button', { type: 'button', class: 'danger' }, t('deadLetters.discard'));
  discard.addEventListener('click', () => {
    if (!window.confirm(t('deadLetters.confirmDiscard', { id: d.id }))) return;
    const row = discard.closest('tr');
    act(discard, out, async () => {
      await api.del(`/api/v1/dead-letters/${enc(d.id)}`);
      row.remove();
      return t('deadLetters.discarded', { id: d.id });
    });
  });
  return el('div', { class: 'actions' }, replay, d.status === 'REPLAYED' ? null : discard);
}
