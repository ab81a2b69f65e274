// Possible duplicates (疑似重复): profiles with the same name and a company in common but no identifier in common.
// Each pair can be merged after a confirmation that asks for the reason; the merge is an ordinary one, undone
// (拆分) from the survivor's profile page. The page is in the hash (#/duplicates?from=20), like search.
import { api } from '../api.js';
import { el, enc, fill, routeHref, routeLink, table } from '../dom.js';
import { t } from '../i18n.js';
import { act, empty, errorBox, info, loading } from '../ui.js';

const SIZE = 20;

export async function render(view, route, { navigate }) {
  const from = Math.max(0, Number.parseInt(route.params.get('from') || '0', 10) || 0);
  const out = el('div', { 'aria-live': 'polite' });
  const list = el('div', { class: 'results' }, loading());
  view.append(el('h1', null, t('duplicates.title')), el('p', { class: 'muted' }, t('duplicates.help')), out, list);
  const load = async () => {
    try {
      const page = await api.get('/api/v1/identity/suspects', { from, size: SIZE });
      fill(list, page.groups.length === 0 ? empty(t('duplicates.none')) : page.groups.map((g) => group(g, out, load)),
        pager(from, page, (next) => navigate(routeHref('/duplicates', { from: next }))));
    } catch (err) {
      fill(list, errorBox(err));
    }
  };
  await load();
}

function group(g, out, load) {
  const byId = Object.fromEntries(g.profiles.map((p) => [p.id, p]));
  return el('section', { class: 'card' },
    el('h2', null, t('duplicates.group', { name: g.name || '–', company: g.company || '–' })),
    table([t('profile.name'), t('profile.companies'), t('profile.phones'), t('profile.emails'), t('profile.owner')],
      g.profiles.map((p) => [
        routeLink(p.name || p.id, '/profile/' + enc(p.id)),
        p.companies.join('; ') || '–',
        p.phones.map(maskPhone).join('; ') || '–',
        p.emails.map(maskEmail).join('; ') || '–',
        p.owner || '–',
      ]), { compact: true }),
    el('ul', { class: 'pairs' }, g.pairs.map(([a, b]) => el('li', null,
      label(byId[a]), ' + ', label(byId[b]), ' ', mergeButton(byId[a], byId[b], out, load)))));
}

function label(p) {
  return el('span', null, p.name || '–', ' ', el('span', { class: 'mono muted' }, p.id));
}

// The older profile is listed first and survives; the API merges the other into it.
function mergeButton(a, b, out, load) {
  const button = el('button', { type: 'button' }, t('duplicates.merge'));
  button.addEventListener('click', () => {
    const reason = window.prompt(t('duplicates.confirm', { a: a.id, b: b.id }));
    if (reason === null) return;
    if (!reason.trim()) {
      fill(out, info(t('duplicates.reasonRequired'), 'error'));
      return;
    }
    act(button, out, async () => {
      const outcome = await api.post(`/api/v1/profiles/${enc(a.id)}/merge`, { with: b.id, reason: reason.trim() });
      await load();
      return el('span', null, t('duplicates.merged', { merged: outcome.merged }), ' ',
        routeLink(t('duplicates.openSurvivor'), '/profile/' + enc(outcome.survivor)));
    });
  });
  return button;
}

// Many people at once on one page: phones and e-mails are shown in part; the profile shows them in full.
export function maskPhone(phone) {
  const s = String(phone);
  return (s.length > 10 ? s.slice(0, s.length - 8) : '') + '****' + s.slice(-4);
}

export function maskEmail(email) {
  const s = String(email);
  const at = s.indexOf('@');
  return at < 1 ? '***' : s[0] + '***' + s.slice(at);
}

function pager(from, page, go) {
  if (from === 0 && !page.more) return null;
  return el('nav', { class: 'pager', 'aria-label': t('pager.label') },
    el('button', { type: 'button', disabled: from <= 0, onclick: () => go(Math.max(0, from - SIZE)) }, t('pager.previous')),
    el('button', { type: 'button', disabled: !page.more, onclick: () => go(from + SIZE) }, t('pager.next')));
}
