// The API key lives in sessionStorage only: it is gone when the tab closes and never written to disk by us.
const KEY = 'kehu.console.key';
const ROLES = ['sales', 'integrator', 'admin'];
let me = null;
let notice = null;

export function getKey() {
  try { return sessionStorage.getItem(KEY); } catch { return null; }
}

export function setKey(key) {
  sessionStorage.setItem(KEY, key);
  me = null;
}

/** Forgets the key; notice is the i18n key of the message the sign-in page shows next. */
export function signOut(noticeKey) {
  try { sessionStorage.removeItem(KEY); } catch { /* nothing stored */ }
  me = null;
  notice = noticeKey || null;
}

export function takeNotice() {
  const n = notice;
  notice = null;
  return n;
}

/** Who the key is: {name, role, owner}, from GET /api/v1/me. */
export function whoAmI() {
  return me;
}

export function setMe(value) {
  me = value;
}

/** Whether the signed-in key's role includes role (each role includes the ones below it). */
export function can(role) {
  return me !== null && ROLES.indexOf(me.role) >= ROLES.indexOf(role);
}
