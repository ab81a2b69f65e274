// Sign-in: the user pastes an API key. It is kept in sessionStorage for this tab only and sent as X-API-Key.
import { el } from '../dom.js';
import { t } from '../i18n.js';
import { setKey, takeNotice } from '../session.js';
import { field, info } from '../ui.js';

export function render(view, route, { afterSignIn }) {
  const notice = takeNotice();
  const input = el('input', {
    type: 'password', name: 'key', required: true, autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': 'key-help',
  });
  const form = el('form', { class: 'card signin', onsubmit: (e) => {
    e.preventDefault();
    const key = input.value.trim();
    if (!key) return;
    setKey(key);
    afterSignIn();
  } },
  el('h1', null, t('signin.title')),
  notice === 'signin.rejected' ? info(t('signin.rejected'), 'error') : null,
  notice === 'signin.signedOut' ? info(t('signin.signedOut')) : null,
  field(t('signin.keyLabel'), input),
  el('p', { id: 'key-help', class: 'muted' }, t('signin.keyHelp')),
  el('button', { type: 'submit', class: 'primary' }, t('signin.submit')));
  view.append(form);
  input.focus();
}
