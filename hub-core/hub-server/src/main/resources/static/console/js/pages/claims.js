// The claim pool (抢单): open pooled leads with their deadline and a claim button. A sales key tied to an owner
// sees and claims its own leads; integrators and admins name the owner. 409 and 410 say why a claim lost.
import { api } from '../api.js';
import { chips, el, enc, fill, fmtDateTime, fmtUntil, routeHref, routeLink, table } from '../dom.js';
import { t } from '../i18n.js';
import { can, whoAmI } from '../session.js';
import { stageBadge, tierBadge } from '../stages.js';
import { empty, errorBox, field, info, loading, pager } from '../ui.js';

const SIZE = 20;

export async function render(view, route, { navigate }) {
  const p = route.params;
  const me = whoAmI();
  const actsForOthers = can('integrator');
  const owner = actsForOthers ? (p.get('owner') || '') : (me.owner || '');
  view.append(el('h1', null, t('claims.title')));
  if (actsForOthers) {
    const input = el('input', { type: 'text', name: 'owner', value: owner, autocomplete: 'off' });
    view.append(el('form', { class: 'card row', onsubmit: (e) => {
      e.preventDefault();
      navigate(routeHref('/claims', { owner: input.value.trim() }));
    } }, field(t('claims.owner'), input), el('button', { type: 'submit', class: 'primary' }, t('claims.show')),
    el('p', { class: 'muted' }, t('claims.ownerHelp'))));
  } else if (!me.owner) {
    view.append(info(t('claims.noOwner'), 'warning'));
  }
  const out = el('div', { 'aria-live': 'polite' });
  const list = el('div', null, loading());
  view.append(out, list);

  const from = Math.max(0, Number.parseInt(p.get('from') || '0', 10) || 0);
  const mayClaim = actsForOthers ? owner !== '' : Boolean(me.owner);
  try {
    const page = await api.get('/api/v1/claims', { owner: actsForOthers ? owner : null, from, size: SIZE });
    fill(list, page.items.length === 0 ? empty(t('claims.none')) : table(
      [t('profile.name'), t('profile.company'), t('profile.stage'), t('profile.tier'), t('claims.score'), t('profile.tags'),
        t('claims.offered'), t('claims.deadline'), ''],
      page.items.map((c) => row(c, mayClaim ? (button) => claim(c.profileId, actsForOthers ? owner : null, out, button) : null))),
    pager(from, SIZE, page.total, (next) => navigate(routeHref('/claims', { ...Object.fromEntries(p), from: next }))));
  } catch (err) {
    fill(list, errorBox(err));
  }
}

function row(c, onClaim) {
  const s = c.profile || {};
  const button = onClaim ? el('button', { type: 'button', class: 'primary' }, t('claims.claim')) : '';
  if (onClaim) button.addEventListener('click', () => onClaim(button));
  return [
    routeLink(s.name || c.profileId, '/profile/' + enc(c.profileId)),
    [s.company, s.title, s.region].filter(Boolean).join(' · ') || '–',
    s.stage ? stageBadge(s.stage) : '–',
    tierBadge(s.tier),
    s.score ?? '–',
    chips(s.tags),
    fmtDateTime(c.offeredAt),
    el('span', { title: fmtDateTime(c.deadline) }, fmtUntil(c.deadline)),
    button,
  ];
}

async function claim(profileId, owner, out, button) {
  button.disabled = true;
  fill(out);
  try {
    const won = await api.post(`/api/v1/claims/${enc(profileId)}`, owner ? { owner } : {});
    out.append(info(el('span', null, t('claims.won', { owner: won.owner }), ' ',
      el('a', { href: routeHref('/profile/' + enc(won.profileId)) }, t('claims.open'))), 'ok'));
  } catch (err) {
    out.append(claimError(err));
    // Anything but a lost race (or a lead that left the pool) may work on a second try.
    if (![404, 409, 410].includes(err.status)) {
      button.disabled = false;
      return;
    }
  }
  // The lead has left the pool. The list is a search that sees this only after the index refreshes: drop the row here.
  button.closest('tr').remove();
}

function claimError(err) {
  switch (err.status) {
    case 409: return info(t('claims.taken'), 'warning');
    case 410: return info(t('claims.expired'), 'warning');
    default: return errorBox(err);
  }
}
