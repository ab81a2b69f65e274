// DOM building for data from untrusted sources (spreadsheets, forms, WeChat): every value becomes a text node
// or an attribute, never markup, so a name like "<img onerror=…>" shows as the text it is.
import { currentLang, t } from './i18n.js';

/** el('a', {href: '#/x', class: 'link', onclick: fn}, 'text', otherNode, [more]) */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/** Replaces a node's children; null and false children (a pager with one page) are left out. */
export function fill(node, ...children) {
  return append(clear(node), children);
}

/** A link to a route; ids are encoded, so an id can never turn the link into something else. */
export function routeLink(text, path, params) {
  return el('a', { href: routeHref(path, params) }, text);
}

export function routeHref(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') query.set(k, v);
  }
  const qs = query.toString();
  return '#' + path + (qs ? '?' + qs : '');
}

export function enc(segment) {
  return encodeURIComponent(segment);
}

/** A table with a header row; each row is an array of cells (strings or nodes). */
export function table(headers, rows, opts = {}) {
  const head = el('thead', null, el('tr', null, headers.map((h) => el('th', { scope: 'col' }, h))));
  const body = el('tbody', null, rows.map((cells) => tableRow(headers, cells)));
  return el('table', { class: 'data' + (opts.compact ? ' compact' : '') }, opts.caption ? el('caption', null, opts.caption) : null, head, body);
}

/** One row; each cell carries its column's header, which the phone layout shows beside the value. */
export function tableRow(headers, cells) {
  return el('tr', null, cells.map((c, i) => el('td', { 'data-label': headers[i] }, c)));
}

/** A definition list from [label, value] pairs; empty values show a dash. */
export function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.map(([k, v]) => [el('dt', null, k), el('dd', null, isEmpty(v) ? '–' : v)]));
}

function isEmpty(v) {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** A list of values as chips. */
export function chips(values) {
  if (!values || values.length === 0) return '–';
  return el('ul', { class: 'chips' }, values.map((v) => el('li', null, v)));
}

export function section(title, ...content) {
  const id = 'sec-' + Math.random().toString(36).slice(2, 9);
  return el('section', { class: 'card', 'aria-labelledby': id }, el('h2', { id }, title), content);
}

export function fmtDateTime(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat(currentLang(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function fmtNumber(n) {
  if (n === undefined || n === null) return '–';
  return new Intl.NumberFormat(currentLang()).format(n);
}

export function fmtPercent(rate) {
  if (rate === undefined || rate === null) return '–';
  return new Intl.NumberFormat(currentLang(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** Seconds as the two largest units: "3 d 4 h", "3天4小时". */
export function fmtDuration(seconds) {
  if (seconds === undefined || seconds === null) return '–';
  let s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60);
  if (d > 0) return t('unit.daysHours', { d, h });
  if (h > 0) return t('unit.hoursMinutes', { h, m });
  return t('unit.minutes', { m });
}

/** A time relative to now for deadlines: "in 2 h 5 min" or "passed". */
export function fmtUntil(iso) {
  const ms = new Date(iso).getTime() - Date.now();
  if (Number.isNaN(ms)) return '–';
  return ms <= 0 ? t('time.passed') : t('time.in', { duration: fmtDuration(ms / 1000) });
}
