// Connector instances (integrators): state, counters and last error, a destination's calls today against its daily
// budget, with start, stop and a check of the remote side; new instances and changes go through connector-form.js.
import { api } from '../api.js';
import { deliveryStatus } from '../delivery.js';
import { el, enc, fill, fmtDateTime, fmtNumber, routeHref, table } from '../dom.js';
import { t } from '../i18n.js';
import { act, empty, errorBox, info, loading, statusBadge } from '../ui.js';

export async function render(view, route) {
  const out = el('div', { 'aria-live': 'polite' }, done(route.params));
  const list = el('div', null, loading());
  view.append(el('div', { class: 'page-head' }, el('h1', null, t('connectors.title')),
    el('a', { class: 'button primary', href: '#/connector-form' }, t('connectors.new'))), out, list);
  const load = async () => {
    try {
      const instances = await api.get('/api/v1/connectors');
      // The list leaves delivery out (one store read per destination): each destination's own answer has it.
      const delivery = await Promise.all(instances.map((i) => (i.kind === 'DESTINATION'
        ? api.get(`/api/v1/connectors/${enc(i.id)}`).then((d) => deliveryStatus(d.delivery), () => '–') : '–')));
      fill(list, instances.length === 0 ? empty() : table(
        [t('connectors.id'), t('connectors.type'), t('connectors.state'), t('connectors.counters'), t('connectors.delivery'),
          t('connectors.lastError'), t('connectors.started'), ''],
        instances.map((i, n) => [
          el('span', { class: 'mono' }, i.id),
          [i.type, i.kind].filter(Boolean).join(' · '),
          el('span', null, statusBadge(i.state), i.enabled ? null : el('span', { class: 'muted' }, ' ' + t('connectors.disabled'))),
          counters(i.counters),
          delivery[n],
          i.lastError ? el('span', { class: 'error-text' }, i.lastError) : '–',
          fmtDateTime(i.startedAt),
          actions(i, out, load),
        ])));
    } catch (err) {
      fill(list, errorBox(err));
    }
  };
  await load();
}

/** What the form did before it came back here. */
function done(params) {
  if (params.get('created')) return info(t('connectors.createdMsg', { id: params.get('created') }), 'ok');
  if (params.get('saved')) return info(t('connectors.savedMsg', { id: params.get('saved') }), 'ok');
  if (params.get('deleted')) return info(t('connectors.deletedMsg', { id: params.get('deleted') }), 'ok');
  return null;
}

function counters(map) {
  const entries = Object.entries(map || {});
  if (entries.length === 0) return '–';
  return el('dl', { class: 'counters' }, entries.map(([k, v]) => [el('dt', null, k), el('dd', null, fmtNumber(v))]));
}

function actions(i, out, reload) {
  const running = i.state === 'RUNNING';
  const toggle = el('button', { type: 'button' }, running ? t('connectors.stop') : t('connectors.start'));
  toggle.addEventListener('click', () => act(toggle, out, async () => {
    if (running) await api.post(`/api/v1/connectors/${enc(i.id)}/stop`);
    else await api.post(`/api/v1/connectors/${enc(i.id)}/start`);
    await reload();
    return running ? t('connectors.stopped', { id: i.id }) : t('connectors.startedMsg', { id: i.id });
  }));
  const check = el('button', { type: 'button' }, t('connectors.check'));
  check.addEventListener('click', () => act(check, out, async () => {
    const r = await api.post(`/api/v1/connectors/${enc(i.id)}/check`);
    return (r.ok ? t('connectors.checkOk', { id: i.id }) : t('connectors.checkFailed', { id: i.id })) + (r.message ? ' ' + r.message : '');
  }));
  const letters = el('a', { href: routeHref('/dead-letters', { connector: i.id }) }, t('connectors.deadLetters'));
  // File-defined instances open read-only: the API changes only the ones it created.
  const edit = el('a', { href: routeHref('/connector-form/' + enc(i.id)), title: i.origin === 'api' ? null : t('connectors.fromFile') },
    i.origin === 'api' ? t('connectors.edit') : t('connectors.view'));
  return el('div', { class: 'actions' }, toggle, check, edit, letters);
}
