// The stage model as the API names it ({id, nameZh, nameEn, kind}), loaded once per sign-in from the funnel,
// so stage ids in histories, claims and the at-risk list show in the chosen language.
import { api } from './api.js';
import { el } from './dom.js';
import { stageName, t } from './i18n.js';

let catalog = [];

export async function loadStages() {
  const answer = await api.get('/api/v1/funnel/stages');
  catalog = (answer && answer.stages) || [];
  return catalog;
}

export function stages() {
  return catalog;
}

function stageById(id) {
  return catalog.find((s) => s.id === id) || (id ? { id, nameZh: id, nameEn: id } : null);
}

/** A badge for a stage object or id; kind (funnel/risk) colours it. */
export function stageBadge(stage, manual) {
  const s = typeof stage === 'string' ? stageById(stage) : stage;
  if (!s) return '–';
  const known = catalog.find((c) => c.id === s.id);
  const kind = known ? known.kind : 'funnel';
  return el('span', { class: `badge stage stage-${kind}`, 'data-stage': s.id },
    manual ? t('lifecycle.manualBadge', { stage: stageName(s) }) : stageName(s));
}

export function tierBadge(tier) {
  if (!tier) return '–';
  return el('span', { class: `badge tier tier-${String(tier).toLowerCase()}` }, tier);
}
