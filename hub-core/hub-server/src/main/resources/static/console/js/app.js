// Boots the console: language, key, role, and the hash routes (#/search?q=…, #/profile/<id>, …) that make
// every page deep-linkable.
import { api, ApiError } from './api.js';
import { clear, el } from './dom.js';
import { initialLang, onLangChange, setLang, t } from './i18n.js';
import { can, getKey, setMe, signOut, whoAmI } from './session.js';
import { loadStages } from './stages.js';
import { errorBox } from './ui.js';
import * as signin from './pages/signin.js';
import * as search from './pages/search.js';
import * as profile from './pages/profile.js';
import * as funnel from './pages/funnel.js';
import * as claims from './pages/claims.js';
import * as imports from './pages/imports.js';
import * as connectors from './pages/connectors.js';
import * as connectorForm from './pages/connector-form.js';
import * as deadLetters from './pages/dead-letters.js';
import * as blocked from './pages/blocked.js';
import * as duplicates from './pages/duplicates.js';
import * as privacy from './pages/privacy.js';

const PAGES = {
  search: { page: search, role: 'sales' },
  profile: { page: profile, role: 'sales' },
  funnel: { page: funnel, role: 'sales' },
  claims: { page: claims, role: 'sales' },
  imports: { page: imports, role: 'sales' },
  connectors: { page: connectors, role: 'integrator' },
  'connector-form': { page: connectorForm, role: 'integrator' },
  'dead-letters': { page: deadLetters, role: 'integrator' },
  duplicates: { page: duplicates, role: 'sales' },
  blocked: { page: blocked, role: 'sales' },
  privacy: { page: privacy, role: 'admin' },
};

const main = document.getElementById('main');

/** #/profile/p-1?x=y → {name: 'profile', args: ['p-1'], params: URLSearchParams} */
function parseRoute(hash) {
  const raw = (hash || '').replace(/^#\/?/, '');
  const [path, query] = raw.split('?', 2);
  const [name, ...args] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { name: name || 'search', args, params: new URLSearchParams(query || '') };
}

/** Sets the hash; the hashchange listener renders. Same hash: render again (a refresh). */
export function navigate(href) {
  if (window.location.hash === href) route();
  else window.location.hash = href;
}

async function ensureSignedIn() {
  if (whoAmI()) return true;
  if (!getKey()) return false;
  try {
    setMe(await api.get('/api/v1/me'));
    await loadStages();
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return false;
    throw err;
  }
}

let generation = 0;

async function route() {
  const mine = ++generation;
  const r = parseRoute(window.location.hash);
  const view = el('div', { class: 'view' });
  try {
    const signedIn = await ensureSignedIn();
    if (mine !== generation) return; // a newer navigation took over while we asked who the key is
    clear(main).append(view);
    updateChrome(signedIn);
    if (!signedIn || r.name === 'signin') {
      // A deep link opened without a key shows sign-in in place and opens once signed in.
      await signin.render(view, r, { afterSignIn });
      return;
    }
    const entry = PAGES[r.name] || PAGES.search;
    if (!can(entry.role)) {
      view.append(errorBox(new ApiError(403, { detail: t('error.roleLacks', { role: roleName(whoAmI().role) }) })));
      return;
    }
    markCurrent(r.name);
    await entry.page.render(view, r, { navigate });
    // Move focus (and screen readers) to the new content, but leave it on the language switch while one switches.
    if (mine === generation && document.activeElement !== document.getElementById('lang')) {
      main.focus({ preventScroll: true });
    }
  } catch (err) {
    if (mine !== generation) return;
    clear(main).append(view);
    view.append(errorBox(err));
  }
}

function afterSignIn() {
  const r = parseRoute(window.location.hash);
  navigate(r.name === 'signin' ? '#/search' : window.location.hash);
}

function updateChrome(signedIn) {
  const nav = document.getElementById('nav');
  nav.hidden = !signedIn;
  nav.querySelectorAll('[data-role]').forEach((a) => { a.hidden = !signedIn || !can(a.getAttribute('data-role')); });
  document.getElementById('signout').hidden = !signedIn;
  const me = whoAmI();
  document.getElementById('whoami').textContent = signedIn && me
    ? t('signin.as', { name: me.name, role: roleName(me.role) }) + (me.owner ? ' · ' + me.owner : '')
    : '';
}

function roleName(role) {
  switch (role) {
    case 'admin': return t('role.admin');
    case 'integrator': return t('role.integrator');
    default: return t('role.sales');
  }
}

function markCurrent(name) {
  const current = name === 'profile' ? 'search' : name === 'connector-form' ? 'connectors' : name;
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.getAttribute('data-route') === current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

async function start() {
  const select = document.getElementById('lang');
  await setLang(initialLang());
  select.value = document.documentElement.lang;
  select.addEventListener('change', () => setLang(select.value));
  // Texts built by scripts follow the language only when the page is drawn again.
  onLangChange(() => route());
  document.getElementById('signout').addEventListener('click', () => {
    signOut('signin.signedOut');
    navigate('#/signin');
  });
  window.addEventListener('hashchange', route);
  window.addEventListener('kehu:signedout', route);
  await route();
}

start();
