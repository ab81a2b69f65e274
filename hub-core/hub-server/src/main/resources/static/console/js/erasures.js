// An erasure record (PIPL/GDPR) as the API gives it: ids, who asked, why, and counts per kind of record. It
// holds no personal data, so both the profile page (after erasing) and the privacy page show it whole.
import { chips, el, facts, fmtDateTime, fmtNumber, table } from './dom.js';
import { t } from './i18n.js';
import { statusBadge } from './ui.js';

/** The kinds of records an erasure deletes, in the order of its steps; a kind not named here shows its API name. */
function kindLabel(kind) {
  switch (kind) {
    case 'identifiers': return t('erasure.kindIdentifiers');
    case 'claimPool': return t('erasure.kindClaimPool');
    case 'outboxPendingCancelled': return t('erasure.kindOutboxPendingCancelled');
    case 'outbox': return t('erasure.kindOutbox');
    case 'deliveries': return t('erasure.kindDeliveries');
    case 'alerts': return t('erasure.kindAlerts');
    case 'stageChanges': return t('erasure.kindStageChanges');
    case 'interactions': return t('erasure.kindInteractions');
    case 'redirects': return t('erasure.kindRedirects');
    case 'merges': return t('erasure.kindMerges');
    case 'profiles': return t('erasure.kindProfiles');
    default: return kind;
  }
}

export function deletedCounts(deleted) {
  const entries = Object.entries(deleted || {});
  if (entries.length === 0) return '–';
  return el('dl', { class: 'counters' }, entries.map(([k, n]) => [el('dt', null, kindLabel(k)), el('dd', null, fmtNumber(n))]));
}

export function erasureFacts(e) {
  return facts([
    [t('erasure.profile'), el('span', { class: 'mono' }, e.profileId)],
    [t('erasure.mergedIds'), chips(e.mergedIds)],
    [t('erasure.status'), statusBadge(e.status)],
    [t('erasure.actor'), e.actor],
    [t('erasure.reason'), e.reason],
    [t('erasure.requestedAt'), fmtDateTime(e.requestedAt)],
    [t('erasure.completedAt'), fmtDateTime(e.completedAt)],
    [t('erasure.suppress'), e.suppress ? t('common.yes') : t('common.no')],
    [t('erasure.suppressed'), fmtNumber(e.suppressed)],
    [t('erasure.deleted'), deletedCounts(e.deleted)],
    [t('erasure.deliveredTo'), chips(e.deliveredTo)],
  ]);
}

export function erasureTable(items) {
  return table([t('erasure.requestedAt'), t('erasure.profile'), t('erasure.status'), t('erasure.actor'), t('erasure.reason'),
    t('erasure.suppressed'), t('erasure.deleted'), t('erasure.deliveredTo')],
  items.map((e) => [fmtDateTime(e.requestedAt),
    el('span', null, el('span', { class: 'mono' }, e.profileId), (e.mergedIds || []).length ? el('div', { class: 'muted mono' }, e.mergedIds.join(', ')) : null),
    statusBadge(e.status), e.actor || '–', e.reason || '–',
    e.suppress ? fmtNumber(e.suppressed) : t('erasure.notSuppressed'), deletedCounts(e.deleted), chips(e.deliveredTo)]),
  { compact: true });
}
