// Texts in Chinese and English. Every UI text lives in i18n/<lang>.json; HTML names keys in data-i18n* attributes,
// scripts look keys up with t(). The choice is remembered; the first visit follows the browser (zh* means Chinese).
const SUPPORTED = ['zh-CN', 'en'];
const STORAGE = 'kehu.console.lang';
let lang = 'en';
let bundle = {};
const listeners = [];

export function initialLang() {
  let stored = null;
  try { stored = localStorage.getItem(STORAGE); } catch { /* storage disabled: follow the browser */ }
  if (SUPPORTED.includes(stored)) return stored;
  const browser = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  return browser.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export async function setLang(next) {
  const res = await fetch(`i18n/${next}.json`, { cache: 'no-cache' });
  bundle = await res.json();
  lang = next;
  try { localStorage.setItem(STORAGE, next); } catch { /* not remembered, still switched */ }
  document.documentElement.lang = next;
  applyI18n(document);
  listeners.forEach((f) => f(next));
}

export function currentLang() {
  return lang;
}

export function onLangChange(f) {
  listeners.push(f);
}

/** The text for key, with {name} placeholders filled from params; an unknown key shows itself. */
export function t(key, params) {
  const text = lookup(key);
  return params ? text.replace(/\{(\w+)\}/g, (m, k) => (params[k] === undefined ? m : String(params[k]))) : text;
}

// Keys named by HTML attributes are looked up here, not through t(): scripts always write their keys out.
function lookup(key) {
  const text = bundle[key];
  return text === undefined ? key : text;
}

function applyI18n(root) {
  root.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = lookup(n.getAttribute('data-i18n')); });
  for (const attr of ['placeholder', 'aria-label', 'title']) {
    root.querySelectorAll(`[data-i18n-${attr}]`).forEach((n) => n.setAttribute(attr, lookup(n.getAttribute(`data-i18n-${attr}`))));
  }
}

/** A stage's name as the API gives it ({id, nameZh, nameEn}) in the chosen language. */
export function stageName(stage) {
  if (!stage) return '';
  return (lang === 'zh-CN' ? stage.nameZh : stage.nameEn) || stage.id;
}
