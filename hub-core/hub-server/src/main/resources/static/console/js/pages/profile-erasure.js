// Erasing a person on request (PIPL/GDPR), for admin keys: a reason, the suppress choice (on by default, as in the
// API) and a strong confirmation, since nothing brings the data back. The answer replaces the profile on screen.
import { api } from '../api.js';
import { clear, el, enc, routeHref, section } from '../dom.js';
import { erasureFacts } from '../erasures.js';
import { t } from '../i18n.js';
import { errorBox, field, info } from '../ui.js';

export function erasureSection(id, onErased) {
  const reason = el('input', { type: 'text', name: 'reason', maxlength: 200, placeholder: t('erasure.reasonPlaceholder') });
  const suppress = el('input', { type: 'checkbox', name: 'suppress', checked: true });
  const typed = el('input', { type: 'text', name: 'confirm', autocomplete: 'off', spellcheck: 'false' });
  const submit = el('button', { type: 'submit', class: 'danger', disabled: true }, t('erasure.erase'));
  // Typing the id is the confirmation: a click alone cannot erase anybody.
  typed.addEventListener('input', () => { submit.disabled = typed.value.trim() !== id; });
  const out = el('div', { 'aria-live': 'polite' });
  const form = el('form', { class: 'erase-form', onsubmit: async (e) => {
    e.preventDefault();
    if (typed.value.trim() !== id) return;
    submit.disabled = true;
    clear(out);
    try {
      onErased(await api.del(`/api/v1/profiles/${enc(id)}`, { suppress: suppress.checked, reason: reason.value.trim() }));
    } catch (err) {
      out.append(errorBox(err, erasureProblem(err)));
      submit.disabled = false;
    }
  } },
  field(t('erasure.reason'), reason),
  el('p', { class: 'muted' }, t('erasure.reasonHelp')),
  el('label', { class: 'check' }, suppress, ' ', t('erasure.suppressLabel')),
  el('p', { class: 'muted' }, t('erasure.suppressHelp')),
  field(t('erasure.typeId', { id }), typed),
  el('div', { class: 'actions' }, submit));
  return section(t('erasure.title'), el('p', null, t('erasure.help')), form, out);
}

function erasureProblem(err) {
  const problem = err.problem || {};
  if (err.status === 409 && problem.survivor) {
    return el('p', null, t('erasure.mergedAway'), ' ',
      el('a', { class: 'mono', href: routeHref('/profile/' + enc(problem.survivor)) }, problem.survivor));
  }
  if (err.status === 503) return el('p', { class: 'muted' }, t('erasure.unfinished'));
  return null;
}

/** What the erasure did and what it could not do; shown in place of the profile, whose data is gone. */
export function erasureResult(answer) {
  const e = answer.erasure;
  return el('div', null,
    el('h1', null, t('erasure.doneTitle')),
    info(answer.repeated ? t('erasure.repeated', { id: e.profileId }) : t('erasure.done', { id: e.profileId }), 'ok'),
    section(t('erasure.record'), erasureFacts(e)),
    section(t('erasure.notErased'),
      (e.deliveredTo || []).length ? info(t('erasure.eraseInCrms', { destinations: e.deliveredTo.join(', ') }), 'warning') : null,
      el('ul', null, (answer.notErased || []).map((x) => el('li', null, x)))),
    el('p', null, el('a', { href: routeHref('/privacy') }, t('erasure.allRecords'))));
}
