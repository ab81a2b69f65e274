// Shared pieces of the pages: error boxes with localized titles, pagers, status messages, forms.
import { clear, el } from './dom.js';
import { t } from './i18n.js';

/** A localized title for an HTTP status; the API's own title where none is known. */
function problemTitle(err) {
  switch (err.status) {
    case 0: return t('error.network');
    case 400: return t('error.400');
    case 401: return t('error.401');
    case 403: return t('error.403');
    case 404: return t('error.404');
    case 409: return t('error.409');
    case 410: return t('error.410');
    case 413: return t('error.413');
    case 422: return t('error.422');
    case 429: return t('error.429');
    case 503: return t('error.503');
    default: return (err.problem && err.problem.title) || t('error.other');
  }
}

/**
 * An alert box for an ApiError (or any error): localized title, the API's detail, problems listed; extra nodes
 * (a page's explanation of what the status means there) follow the detail.
 */
export function errorBox(err, ...extra) {
  const problem = err.problem || {};
  const items = Array.isArray(problem.errors) ? problem.errors : [];
  return el('div', { class: 'alert error', role: 'alert' },
    el('strong', null, problemTitle(err)),
    problem.detail ? el('p', null, problem.detail) : (err.status ? null : el('p', null, t('error.networkDetail'))),
    err.status === 403 ? el('p', { class: 'muted' }, t('error.403hint')) : null,
    items.length ? el('ul', null, items.map((e) => el('li', null, (e.path ? e.path + ': ' : '') + (e.message || '')))) : null,
    extra);
}

export function info(text, kind = 'info') {
  return el('div', { class: `alert ${kind}`, role: 'status' }, text);
}

export function loading() {
  return el('p', { class: 'muted', role: 'status' }, t('common.loading'));
}

export function empty(text) {
  return el('p', { class: 'muted empty' }, text || t('common.none'));
}

/** "21–40 of 95" with previous and next; go(from) is called with the new offset. Nothing when one page holds all. */
export function pager(from, size, total, go) {
  if (from === 0 && total <= size) return null;
  const last = Math.min(from + size, total);
  return el('nav', { class: 'pager', 'aria-label': t('pager.label') },
    el('button', { type: 'button', disabled: from <= 0, onclick: () => go(Math.max(0, from - size)) }, t('pager.previous')),
    el('span', null, total === 0 ? t('pager.none') : t('pager.range', { first: from + 1, last, total })),
    el('button', { type: 'button', disabled: last >= total, onclick: () => go(from + size) }, t('pager.next')));
}

/** A labelled input; id links label and field for screen readers. */
export function field(labelText, input) {
  const id = input.id || 'f-' + Math.random().toString(36).slice(2, 9);
  input.id = id;
  return el('div', { class: 'field' }, el('label', { for: id }, labelText), input);
}

/** Runs an action from a button: disables it meanwhile, shows the error or done message in out. */
export async function act(button, out, action) {
  button.disabled = true;
  clear(out);
  try {
    const message = await action();
    if (message) out.append(info(message, 'ok'));
  } catch (err) {
    out.append(errorBox(err));
  } finally {
    button.disabled = false;
  }
}

/** A status (RUNNING, FAILED, DELIVERED …) as a coloured badge, in the chosen language where known. */
export function statusBadge(status) {
  if (!status) return '–';
  return el('span', { class: `badge status status-${String(status).toLowerCase()}`, title: status }, statusLabel(status));
}

export function statusLabel(status) {
  switch (status) {
    case 'RUNNING': return t('status.running');
    case 'STOPPED': return t('status.stopped');
    case 'FAILED': return t('status.failed');
    case 'COMPLETED': return t('status.completed');
    case 'PENDING': return t('status.pending');
    case 'DELIVERED': return t('status.delivered');
    case 'NEW': return t('status.new');
    case 'REPLAYED': return t('status.replayed');
    case 'IN_PROGRESS': return t('status.inProgress');
    default: return status;
  }
}
