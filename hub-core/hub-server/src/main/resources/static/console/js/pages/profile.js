// One unified profile: who the person is, the lifecycle with every reason, stage history, the timeline (paged,
// newest first), merges, never-merge pairs and CRM deliveries. Sales may set the stage by hand and hand it back to
// the rules, and undo a merge; admins may remove a never-merge pair and erase the person.
import { api } from '../api.js';
import { chips, el, enc, facts, fill, fmtDateTime, routeHref, section, table } from '../dom.js';
import { t } from '../i18n.js';
import { can } from '../session.js';
import { stageBadge, tierBadge } from '../stages.js';
import { empty, errorBox, info, loading, pager, statusBadge } from '../ui.js';
import { erasureResult, erasureSection } from './profile-erasure.js';
import { lifecycleSection } from './profile-lifecycle.js';
import { mergesSection } from './profile-merges.js';
import { neverMergeSection } from './profile-never-merge.js';

const TIMELINE_SIZE = 20;
const LOG_SIZE = 20;

export async function render(view, route, { navigate }) {
  const id = route.args[0];
  if (!id) {
    navigate('#/search');
    return;
  }
  view.append(loading());
  const detail = await api.get(`/api/v1/profiles/${enc(id)}`, { timelineSize: 0 });
  const p = detail.profile;
  fill(view);
  if (detail.redirectedFrom) {
    view.append(info(t('profile.redirected', { from: detail.redirectedFrom, to: p.id })));
    // The survivor's id is the one to bookmark.
    window.history.replaceState(null, '', routeHref('/profile/' + enc(p.id)));
  }
  const reload = () => navigate(routeHref('/profile/' + enc(p.id), Object.fromEntries(route.params)));
  view.append(
    header(p, detail.lifecycle),
    el('div', { class: 'columns' },
      el('div', null, identity(p), lifecycleSection(p.id, detail.lifecycle, reload), stageHistory(detail.stageHistory)),
      el('div', null,
        timeline(p.id, route),
        mergesSection(p.id, reload),
        neverMergeSection(p.id),
        deliveries(p.id, detail.deliveries),
        // Only admins may erase a person; the answer replaces the profile, whose data is gone.
        can('admin') ? erasureSection(p.id, (answer) => fill(view, erasureResult(answer))) : null)));
}

function header(p, lifecycle) {
  return el('header', { class: 'profile-head card' },
    el('h1', null, p.name || p.id),
    el('p', { class: 'subtitle' }, [p.title, p.company, p.region].filter(Boolean).join(' · ') || '–'),
    el('p', { class: 'badges' },
      lifecycle ? stageBadge(lifecycle.stage, lifecycle.manual) : null,
      lifecycle ? tierBadge(lifecycle.tier) : null,
      el('span', { class: 'muted' }, t('profile.owner') + ': ' + (p.owner || '–')),
      el('span', { class: 'muted mono' }, p.id)));
}

function identity(p) {
  const attributes = Object.entries(p.attributes || {}).map(([k, v]) => `${k}: ${v}`);
  return section(t('profile.identity'), facts([
    [t('profile.phones'), chips(p.phones)],
    [t('profile.emails'), chips(p.emails)],
    [t('profile.identifiers'), chips(p.identifiers)],
    [t('profile.names'), chips(p.names)],
    [t('profile.companies'), chips(p.companies)],
    [t('profile.sources'), chips(p.sources)],
    [t('profile.tags'), chips(p.tags)],
    [t('profile.attributes'), chips(attributes)],
    [t('profile.notes'), p.notes],
    [t('profile.created'), fmtDateTime(p.createdAt)],
    [t('profile.lastInteraction'), fmtDateTime(p.lastInteractionAt)],
  ]));
}

function stageHistory(changes) {
  const rows = (changes || []).map((c) => [
    fmtDateTime(c.at),
    el('span', null, c.from ? stageBadge(c.from) : '–', ' → ', stageBadge(c.to)),
    c.reason || '–',
    c.manual ? t('lifecycle.byHand', { by: c.by || '' }) : (c.by || '–'),
  ]);
  return section(t('profile.stageHistory'), rows.length === 0 ? empty()
    : table([t('common.when'), t('lifecycle.change'), t('lifecycle.reason'), t('lifecycle.by')], rows, { compact: true }));
}

function timeline(id, route) {
  const box = el('div', null, loading());
  const load = (from) => api.get(`/api/v1/profiles/${enc(id)}/timeline`, { from, size: TIMELINE_SIZE }).then((page) => {
    fill(box,
      page.items.length === 0 ? empty() : el('ol', { class: 'timeline' }, page.items.map((i) => el('li', null,
        el('div', { class: 'when' }, fmtDateTime(i.occurredAt)),
        el('div', { class: 'what' },
          el('span', { class: 'badge plain' }, i.type || '–'), ' ', el('span', { class: 'muted' }, i.channel || ''),
          i.connectorId ? el('span', { class: 'muted' }, ' · ' + i.connectorId) : null),
        i.summary ? el('p', { class: 'summary' }, i.summary) : null))),
      pager(from, TIMELINE_SIZE, page.total, (next) => {
        // Paged in place; the address keeps the page so a link opens it again.
        window.history.replaceState(null, '', routeHref('/profile/' + enc(id), { ...Object.fromEntries(route.params), tfrom: next }));
        load(next);
      }));
  }).catch((err) => fill(box, errorBox(err)));
  load(Math.max(0, Number.parseInt(route.params.get('tfrom') || '0', 10) || 0));
  return section(t('profile.timeline'), box);
}

function deliveries(id, outbox) {
  const state = (outbox || []).length === 0 ? empty(t('deliveries.none')) : table(
    [t('deliveries.destination'), t('deliveries.status'), t('deliveries.remoteId'), t('deliveries.attempts'),
      t('deliveries.lastCode'), t('deliveries.updated')],
    outbox.map((d) => [d.destination, statusBadge(d.status), d.remoteId || '–', String(d.attempts),
      d.lastCode || d.lastOutcome || '–', fmtDateTime(d.deliveredAt || d.nextAttemptAt || d.updatedAt)]),
    { compact: true });
  const log = el('div', null, loading());
  let from = 0;
  const load = () => api.get(`/api/v1/profiles/${enc(id)}/deliveries`, { from, size: LOG_SIZE }).then((page) => {
    fill(log, page.items.length === 0 ? empty() : table(
      [t('common.when'), t('deliveries.destination'), t('deliveries.attempt'), t('deliveries.outcome'), t('deliveries.status'),
        t('deliveries.message')],
      page.items.map((d) => [fmtDateTime(d.at), d.destination, String(d.attempt), d.outcome || '–', statusBadge(d.status),
        [d.code, d.message].filter(Boolean).join(': ') || '–']), { compact: true }),
    pager(from, LOG_SIZE, page.total, (next) => { from = next; load(); }));
  }).catch((err) => fill(log, errorBox(err)));
  load();
  return section(t('profile.deliveries'), state, el('h3', null, t('deliveries.log')), log);
}
