// Imports: recent spreadsheet imports with status and counts, one import's report with every rejected row and
// its reason, and (integrators) an upload through a spreadsheet instance.
import { api } from '../api.js';
import { el, enc, facts, fill, fmtDateTime, fmtNumber, routeHref, routeLink, section, table } from '../dom.js';
import { t } from '../i18n.js';
import { can } from '../session.js';
import { empty, errorBox, field, info, loading, pager, statusBadge, statusLabel } from '../ui.js';

const SIZE = 20;

export async function render(view, route, { navigate }) {
  if (route.args[0]) {
    await report(view, route.args[0]);
    return;
  }
  const p = route.params;
  const connector = el('input', { type: 'text', name: 'connector', value: p.get('connector') || '', autocomplete: 'off' });
  view.append(el('h1', null, t('imports.title')),
    el('form', { class: 'card row', onsubmit: (e) => {
      e.preventDefault();
      navigate(routeHref('/imports', { connector: connector.value.trim() }));
    } }, field(t('imports.connector'), connector), el('button', { type: 'submit' }, t('common.filter'))));
  if (can('integrator')) view.append(uploadForm(navigate));
  const list = el('div', null, loading());
  view.append(section(t('imports.recent'), list));
  const from = Math.max(0, Number.parseInt(p.get('from') || '0', 10) || 0);
  try {
    const page = await api.get('/api/v1/imports', { connector: p.get('connector'), from, size: SIZE });
    fill(list, page.items.length === 0 ? empty() : table(
      [t('imports.started'), t('imports.connector'), t('imports.file'), t('imports.status'), t('imports.rowsRead'),
        t('imports.imported'), t('imports.created'), t('imports.merged'), t('imports.rejected')],
      page.items.map((r) => [
        fmtDateTime(r.startedAt), r.connectorId, routeLink(r.fileName || r.id, '/imports/' + enc(r.id)),
        statusBadge(r.status), fmtNumber(r.rowsRead), fmtNumber(r.imported), fmtNumber(r.created), fmtNumber(r.merged),
        fmtNumber(r.rejectedCount),
      ])),
    pager(from, SIZE, page.total, (next) => navigate(routeHref('/imports', { ...Object.fromEntries(p), from: next }))));
  } catch (err) {
    fill(list, errorBox(err));
  }
}

async function report(view, id) {
  view.append(el('p', null, el('a', { href: '#/imports' }, t('imports.back'))));
  const r = await api.get(`/api/v1/imports/${enc(id)}`);
  view.append(reportView(r));
}

function reportView(r) {
  return el('div', null,
    section(r.fileName || r.id, facts([
      [t('imports.status'), statusBadge(r.status)],
      [t('imports.connector'), r.connectorId],
      [t('imports.started'), fmtDateTime(r.startedAt)],
      [t('imports.finished'), fmtDateTime(r.finishedAt)],
      [t('imports.rowsRead'), fmtNumber(r.rowsRead)],
      [t('imports.imported'), fmtNumber(r.imported)],
      [t('imports.created'), fmtNumber(r.created)],
      [t('imports.merged'), fmtNumber(r.merged)],
      [t('imports.rejected'), fmtNumber(r.rejectedCount)],
      [t('imports.error'), r.error],
    ])),
    section(t('imports.rejectedRows'), (r.rejected || []).length === 0 ? empty() : [
      (r.rejected.length < r.rejectedCount) ? el('p', { class: 'muted' }, t('imports.rejectedShown', { shown: r.rejected.length, total: r.rejectedCount })) : null,
      table([t('imports.row'), t('imports.reason')], r.rejected.map((x) => [String(x.row), x.reason]), { compact: true }),
    ]));
}

function uploadForm(navigate) {
  const select = el('select', { name: 'connector', required: true });
  const file = el('input', { type: 'file', name: 'file', required: true, accept: '.csv,.tsv,.txt,.xlsx' });
  const button = el('button', { type: 'submit', class: 'primary' }, t('imports.upload'));
  const out = el('div', { 'aria-live': 'polite' });
  api.get('/api/v1/connectors').then((instances) => {
    const sheets = instances.filter((i) => i.type === 'spreadsheet');
    fill(select, sheets.map((i) => el('option', { value: i.id }, `${i.id} (${statusLabel(i.state)})`)));
    if (sheets.length === 0) {
      button.disabled = true;
      fill(out, info(t('imports.noSpreadsheet'), 'warning'));
    }
  }).catch((err) => fill(out, errorBox(err)));
  return el('form', { class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    if (!file.files.length) return;
    const form = new FormData();
    form.append('file', file.files[0]);
    button.disabled = true;
    fill(out, info(t('imports.uploading')));
    try {
      const r = await api.upload(`/api/v1/connectors/${enc(select.value)}/uploads`, form);
      navigate(routeHref('/imports/' + enc(r.id)));
    } catch (err) {
      fill(out, errorBox(err));
    } finally {
      button.disabled = false;
    }
  } },
  el('h2', null, t('imports.uploadTitle')),
  el('div', { class: 'row' }, field(t('imports.instance'), select), field(t('imports.file'), file), button),
  el('p', { class: 'muted' }, t('imports.uploadHelp')), out);
}
