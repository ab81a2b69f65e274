// A destination instance's delivery as its health shows it: calls today against the daily budget, when the day
// turns (in the budget's zone, where "midnight" is meant), and what holds delivery until when.
import { el, fmtDateTime, fmtNumber } from './dom.js';
import { currentLang, t } from './i18n.js';

export function deliveryStatus(d) {
  if (!d) return '–';
  const lines = [];
  if (d.dailyCallBudget) {
    lines.push(t('delivery.callsToday', { calls: fmtNumber(d.callsToday), budget: fmtNumber(d.dailyCallBudget) })
      + (d.resetsAt ? ' · ' + t('delivery.resets', { when: inZone(d.resetsAt, d.dailyBudgetZone) }) : ''));
  } else {
    lines.push(t('delivery.noBudget'));
  }
  if (d.heldBy === 'BUDGET') {
    lines.push(el('strong', { class: 'warn-text' }, t('delivery.heldByBudget', { when: inZone(d.heldUntil, d.dailyBudgetZone) })));
  } else if (d.heldBy === 'VENDOR_PAUSE') {
    lines.push(el('strong', { class: 'warn-text' }, t('delivery.heldByPause', { when: fmtDateTime(d.heldUntil) })));
  }
  if (d.pausedUntil && d.heldBy !== 'VENDOR_PAUSE') {
    lines.push(t('delivery.pausedUntil', { when: fmtDateTime(d.pausedUntil) }));
  }
  return el('div', { class: 'delivery' }, lines.map((l) => el('div', null, l)));
}

/** A time in the budget's zone, with the zone named: "Nov 24, 2026, 00:00 (Asia/Shanghai)". */
function inZone(iso, zone) {
  if (!iso) return '–';
  try {
    const text = new Intl.DateTimeFormat(currentLang(), { dateStyle: 'medium', timeStyle: 'short', timeZone: zone || undefined })
      .format(new Date(iso));
    return zone ? `${text} (${zone})` : text;
  } catch {
    // A zone this browser does not know: the browser's own time.
    return fmtDateTime(iso);
  }
}
