// Search: free text in Chinese or English, a phone or an e-mail in any spelling, filters; paged results.
// The query lives in the hash (#/search?q=…&tag=…&from=20), so a result list can be bookmarked and shared.
import { api } from '../api.js';
import { el, enc, fill, fmtDateTime, routeHref, routeLink, table } from '../dom.js';
import { currentLang, t } from '../i18n.js';
import { can } from '../session.js';
import { stageBadge, tierBadge } from '../stages.js';
import { empty, errorBox, field, loading, pager } from '../ui.js';

const SIZE = 20;
const FILTERS = ['source', 'tag', 'company', 'owner'];

export async function render(view, route, { navigate }) {
  const p = route.params;
  const inputs = {
    q: el('input', { type: 'search', name: 'q', value: p.get('q') || '', placeholder: t('search.placeholder'), autocomplete: 'off' }),
  };
  FILTERS.forEach((f) => { inputs[f] = el('input', { type: 'text', name: f, value: p.get(f) || '', autocomplete: 'off' }); });
  const form = el('form', { class: 'card search-form', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    const params = {};
    for (const [k, input] of Object.entries(inputs)) params[k] = input.value.trim();
    navigate(routeHref('/search', params));
  } },
  el('h1', null, t('search.title')),
  el('div', { class: 'row' }, field(t('search.query'), inputs.q), el('button', { type: 'submit', class: 'primary' }, t('search.submit'))),
  // Filters fold away on a phone unless one is in use; on a wide screen they stay open.
  el('details', { class: 'filters', open: FILTERS.some((f) => p.get(f)) || window.matchMedia('(min-width: 641px)').matches },
    el('summary', null, t('search.filters')),
    el('div', { class: 'row' },
      field(t('search.source'), inputs.source), field(t('search.tag'), inputs.tag),
      field(t('search.company'), inputs.company), field(t('search.owner'), inputs.owner))));
  const results = el('div', { class: 'results', 'aria-live': 'polite' }, loading());
  view.append(form, results);

  const from = Math.max(0, Number.parseInt(p.get('from') || '0', 10) || 0);
  const params = { q: p.get('q'), from, size: SIZE };
  FILTERS.forEach((f) => { params[f] = p.get(f); });
  try {
    const page = await api.get('/api/v1/profiles', params);
    fill(results,
      el('div', { class: 'row' }, el('p', { class: 'muted' }, t('search.total', { total: page.total })),
        can('admin') && page.total > 0 ? exportButtons(params) : null),
      page.items.length === 0 ? empty(t('search.noResults')) : table(
        [t('profile.name'), t('profile.company'), t('profile.stage'), t('profile.tier'), t('profile.owner'), t('profile.lastInteraction')],
        page.items.map((item) => [
          routeLink(item.name || item.id, '/profile/' + enc(item.id)),
          item.company || '–',
          item.lifecycle ? stageBadge(item.lifecycle.stage, item.lifecycle.manual) : t('profile.unscored'),
          item.lifecycle ? tierBadge(item.lifecycle.tier) : '–',
          item.owner || '–',
          fmtDateTime(item.lastInteractionAt),
        ])),
      pager(from, SIZE, page.total, (next) => navigate(routeHref('/search', { ...Object.fromEntries(p), from: next }))));
  } catch (err) {
    fill(results, errorBox(err));
  }
}

// Admins export every profile the search matches (not only this page) as CSV or Excel, headers in the console's language.
function exportButtons(params) {
  const status = el('span', { class: 'muted', 'aria-live': 'polite' });
  const button = (format, label) => el('button', { type: 'button', onclick: async (e) => {
    e.target.disabled = true;
    status.textContent = t('search.exporting');
    try {
      const { from, size, ...filters } = params;
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai';
      const name = await api.download('/api/v1/profiles/export',
        { ...filters, format, lang: currentLang() === 'zh-CN' ? 'zh' : 'en', zone });
      status.textContent = t('search.exported', { name });
    } catch (err) {
      status.replaceChildren(errorBox(err));
    } finally {
      e.target.disabled = false;
    }
  } }, label);
  return el('div', { class: 'export' }, button('csv', t('search.exportCsv')), button('xlsx', t('search.exportXlsx')), status);
}
