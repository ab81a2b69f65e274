// A profile's lifecycle: stage, since, tier, the three scores and every rule that fired; and the hand-set stage
// (PUT …/stage) with the way back to the rules (DELETE …/stage).
import { api } from '../api.js';
import { el, enc, facts, fmtDateTime, fmtNumber, section, table } from '../dom.js';
import { stageName, t } from '../i18n.js';
import { stageBadge, stages, tierBadge } from '../stages.js';
import { act, empty, field } from '../ui.js';

export function lifecycleSection(id, lifecycle, reload) {
  if (!lifecycle) return section(t('profile.lifecycle'), empty(t('profile.unscored')));
  return section(t('profile.lifecycle'),
    lifecycle.evaluatedOnRead ? el('p', { class: 'muted' }, t('lifecycle.evaluatedOnRead')) : null,
    facts([
      [t('profile.stage'), stageBadge(lifecycle.stage, lifecycle.manual)],
      [t('lifecycle.since'), fmtDateTime(lifecycle.since)],
      [t('lifecycle.manual'), lifecycle.manual ? t('common.yes') : t('common.no')],
      [t('profile.tier'), tierBadge(lifecycle.tier)],
      [t('lifecycle.purchases'), fmtNumber(lifecycle.purchases)],
      [t('lifecycle.rulesVersion'), String(lifecycle.rulesVersion)],
    ]),
    el('div', { class: 'scores' },
      score(t('lifecycle.fit'), lifecycle.fit),
      score(t('lifecycle.engagement'), lifecycle.engagement),
      score(t('lifecycle.combined'), lifecycle.combined)),
    el('h3', null, t('lifecycle.reasons')),
    (lifecycle.reasons || []).length === 0 ? empty() : table(
      [t('lifecycle.group'), t('lifecycle.rule'), t('lifecycle.points'), t('lifecycle.detail')],
      lifecycle.reasons.map((r) => [r.group, r.rule, fmtNumber(Math.round(r.points * 10) / 10), r.detail || '–']),
      { compact: true }),
    stageForm(id, lifecycle, reload));
}

function score(label, value) {
  return el('div', { class: 'score' },
    el('span', { class: 'score-label' }, label),
    el('meter', { min: 0, max: 100, value: value || 0, 'aria-label': label }),
    el('span', { class: 'score-value' }, String(value ?? '–')));
}

function stageForm(id, lifecycle, reload) {
  const select = el('select', { name: 'stage', required: true },
    stages().map((s) => el('option', { value: s.id, selected: s.id === lifecycle.stage.id }, stageName(s))));
  const reason = el('input', { type: 'text', name: 'reason', maxlength: 200, placeholder: t('lifecycle.reasonPlaceholder') });
  const out = el('div', { 'aria-live': 'polite' });
  const setButton = el('button', { type: 'submit', class: 'primary' }, t('lifecycle.setStage'));
  const form = el('form', { class: 'stage-form', onsubmit: (e) => {
    e.preventDefault();
    act(setButton, out, async () => {
      await api.put(`/api/v1/profiles/${enc(id)}/stage`, { stage: select.value, reason: reason.value.trim() || null });
      reload();
      return null;
    });
  } },
  el('h3', null, t('lifecycle.setStageTitle')),
  el('div', { class: 'row' }, field(t('profile.stage'), select), field(t('lifecycle.reason'), reason), setButton));
  const release = el('button', { type: 'button' }, t('lifecycle.release'));
  release.addEventListener('click', () => act(release, out, async () => {
    await api.del(`/api/v1/profiles/${enc(id)}/stage`);
    reload();
    return null;
  }));
  return el('div', null, form, lifecycle.manual ? el('p', null, el('span', { class: 'muted' }, t('lifecycle.releaseHelp')), ' ', release) : null, out);
}
