// Connector instances (integrators): state, counters and last error, with start, stop and a check of the
// remote side.
import { api } from '../api.js';
import { el, enc, fill, fmtDateTime, fmtNumber, routeHref, table } from '../dom.js';
import { t } from '../i18n.js';
import { act, empty, errorBox, loading, statusBadge } from '../ui.js';

export async function render(view) {
  const out = el('div', { 'aria-live': 'polite' });
  const list = el('div', null, loading());
  view.append(el('h1', null, t('connectors.title')), out, list);
  const load = async () => {
    try {
      const instances = await api.get('/api/v1/connectors');
      fill(list, instances.length === 0 ? empty() : table(
        [t('connectors.id'), t('connectors.type'), t('connectors.state'), t('connectors.counters'), t('connectors.lastError'),
          t('connectors.started'), ''],
        instances.map((i) => [
          el('span', { class: 'mono' }, i.id),
          [i.type, i.kind].filter(Boolean).join(' · '),
          el('span', null, statusBadge(i.state), i.enabled ? null : el('span', { class: 'muted' }, ' ' + t('connectors.disabled'))),
          counters(i.counters),
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
  return el('div', { class: 'actions' }, toggle, check, letters);
}
