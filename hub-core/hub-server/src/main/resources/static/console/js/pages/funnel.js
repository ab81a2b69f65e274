// The funnel for managers: profiles per stage and tier, conversion between two stages, time in stage, and the
// at-risk list (most valuable first) linking to each profile. Period and stages live in the hash.
import { api } from '../api.js';
import { el, enc, facts, fill, fmtDateTime, fmtDuration, fmtNumber, fmtPercent, routeHref, routeLink, section, table } from '../dom.js';
import { stageName, t } from '../i18n.js';
import { stageBadge, stages, tierBadge } from '../stages.js';
import { empty, errorBox, field, loading, pager } from '../ui.js';

const AT_RISK_SIZE = 20;

export async function render(view, route, { navigate }) {
  const p = route.params;
  const funnelStages = stages().filter((s) => s.kind === 'funnel');
  const from = p.get('from') || (funnelStages[0] && funnelStages[0].id) || '';
  const to = p.get('to') || (funnelStages[1] && funnelStages[1].id) || '';
  const period = { since: p.get('since') || '', until: p.get('until') || '' };

  const since = el('input', { type: 'date', name: 'since', value: period.since });
  const until = el('input', { type: 'date', name: 'until', value: period.until });
  const fromSel = stageSelect('from', from);
  const toSel = stageSelect('to', to);
  const form = el('form', { class: 'card filters', onsubmit: (e) => {
    e.preventDefault();
    navigate(routeHref('/funnel', { since: since.value, until: until.value, from: fromSel.value, to: toSel.value }));
  } },
  el('h1', null, t('funnel.title')),
  el('div', { class: 'row' },
    field(t('funnel.since'), since), field(t('funnel.until'), until),
    field(t('funnel.from'), fromSel), field(t('funnel.to'), toSel),
    el('button', { type: 'submit', class: 'primary' }, t('funnel.apply'))),
  el('p', { class: 'muted' }, t('funnel.periodHelp')));
  view.append(form);

  const counts = el('div', null, loading());
  const conversion = el('div', null, loading());
  const times = el('div', null, loading());
  const atRisk = el('div', null, loading());
  view.append(el('div', { class: 'columns' },
    el('div', null, section(t('funnel.stages'), counts), section(t('funnel.conversion'), conversion)),
    el('div', null, section(t('funnel.timeInStage'), times), section(t('funnel.atRisk'), atRisk))));

  const load = (box, promise, draw) => promise.then((a) => fill(box, draw(a)))
    .catch((err) => fill(box, errorBox(err)));
  const page = Math.max(1, Number.parseInt(p.get('page') || '1', 10) || 1);
  await Promise.all([
    load(counts, api.get('/api/v1/funnel/stages'), drawCounts),
    load(conversion, api.get('/api/v1/funnel/conversion', { from, to, ...period }), drawConversion),
    load(times, api.get('/api/v1/funnel/time-in-stage', period), drawTimes),
    load(atRisk, api.get('/api/v1/funnel/at-risk', { page, size: AT_RISK_SIZE }),
      (a) => drawAtRisk(a, page, (next) => navigate(routeHref('/funnel', { ...Object.fromEntries(p), page: next })))),
  ]);
}

function stageSelect(name, value) {
  return el('select', { name }, stages().map((s) => el('option', { value: s.id, selected: s.id === value }, stageName(s))));
}

function drawCounts(a) {
  const max = Math.max(1, ...a.stages.map((s) => s.count));
  return [
    el('p', { class: 'muted' }, t('funnel.totals', { total: fmtNumber(a.total), unscored: fmtNumber(a.unscored), version: a.rulesVersion })),
    table([t('profile.stage'), t('funnel.count'), ''], a.stages.map((s) => [
      stageBadge(s), fmtNumber(s.count), el('meter', { min: 0, max, value: s.count, 'aria-label': stageName(s) }),
    ]), { compact: true }),
    el('h3', null, t('funnel.tiers')),
    el('p', { class: 'badges' }, a.tiers.map((x) => el('span', null, tierBadge(x.id), ' ', fmtNumber(x.count)))),
  ];
}

function drawConversion(c) {
  return facts([
    [t('funnel.fromTo'), el('span', null, stageBadge(c.from), ' → ', stageBadge(c.to))],
    [t('funnel.period'), `${fmtDateTime(c.since)} – ${fmtDateTime(c.until)}`],
    [t('funnel.entered'), fmtNumber(c.entered)],
    [t('funnel.converted'), fmtNumber(c.converted)],
    [t('funnel.rate'), c.rate === null || c.rate === undefined ? t('funnel.noRate') : fmtPercent(c.rate)],
  ]);
}

function drawTimes(a) {
  const rows = a.stages.filter((s) => s.changes > 0);
  if (rows.length === 0) return empty(t('funnel.noChanges'));
  return table([t('profile.stage'), t('funnel.changes'), t('funnel.median'), t('funnel.p90')],
    rows.map((s) => [stageBadge(s), fmtNumber(s.changes), fmtDuration(s.medianSeconds), fmtDuration(s.p90Seconds)]),
    { compact: true });
}

function drawAtRisk(a, page, go) {
  if (a.items.length === 0 && page === 1) return empty(t('funnel.noneAtRisk'));
  return [
    table([t('profile.name'), t('profile.company'), t('profile.owner'), t('profile.tier'), t('lifecycle.combined'),
      t('funnel.atRiskSince'), t('profile.lastInteraction')],
    a.items.map((x) => [
      routeLink(x.name || x.id, '/profile/' + enc(x.id)), x.company || '–', x.owner || '–', tierBadge(x.tier),
      x.combined ?? '–', fmtDateTime(x.stageSince), fmtDateTime(x.lastInteractionAt),
    ]), { compact: true }),
    // The API pages from 1; the pager counts offsets.
    pager((page - 1) * AT_RISK_SIZE, AT_RISK_SIZE, a.total, (offset) => go(offset / AT_RISK_SIZE + 1)),
  ];
}
