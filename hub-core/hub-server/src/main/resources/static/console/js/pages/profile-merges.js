// A profile's merge history and undoing a merge (拆分): each linking identifier gets a choice, the default being
// what the API does without one (back to whoever held it before the merge).
import { api } from '../api.js';
import { chips, clear, el, enc, fill, fmtDateTime, routeHref, section, table } from '../dom.js';
import { t } from '../i18n.js';
import { empty, errorBox, field, loading } from '../ui.js';

export function mergesSection(id, reload) {
  const box = el('div', null, loading());
  const form = el('div');
  const out = el('div', { 'aria-live': 'polite' });
  const load = () => api.get(`/api/v1/profiles/${enc(id)}/merges`).then((list) => {
    fill(box, list.length === 0 ? empty() : table(
      [t('common.when'), t('merges.survivor'), t('merges.merged'), t('merges.linking'), t('merges.record'), t('merges.undo')],
      list.map((m) => [
        fmtDateTime(m.at),
        profileRef(m.survivor, id),
        el('span', null, (m.merged || []).map((x) => [profileRef(x, id), ' '])),
        chips(m.linkingIdentifiers),
        [m.connectorId, m.recordKey].filter(Boolean).join(' · ') || '–',
        undoCell(m, () => openForm(m, id, form, out, load, reload)),
      ]), { compact: true }));
  }).catch((err) => fill(box, errorBox(err)));
  load();
  return section(t('profile.merges'), out, box, form);
}

function profileRef(other, self) {
  return other === self ? el('span', { class: 'mono' }, other)
    : el('a', { class: 'mono', href: routeHref('/profile/' + enc(other)) }, other);
}

// Undone merges say so; a merge whose undo started but never finished (a crash) offers to finish it.
function undoCell(m, open) {
  const undo = m.undo;
  if (undo && undo.state === 'done') {
    return el('div', null, el('span', { class: 'badge status status-undone' }, t('merges.undone')),
      el('p', { class: 'muted' }, t('merges.undoneBy', { by: undo.by || '–', at: fmtDateTime(undo.at) })),
      decisions(undo.linking));
  }
  const started = undo && undo.state === 'started';
  const button = el('button', { type: 'button', class: started ? 'danger' : '' },
    started ? t('merges.finishUndo') : t('merges.undoAction'));
  button.addEventListener('click', open);
  return el('div', null, started ? el('p', { class: 'muted' }, t('merges.undoStarted', { by: undo.by || '–' })) : null, button);
}

function decisions(linking) {
  const entries = Object.entries(linking || {});
  return entries.length === 0 ? null : chips(entries.map(([k, v]) => `${k}: ${choiceLabel(v)}`));
}

function choiceLabel(choice) {
  switch (choice) {
    case 'keep-survivor': return t('merges.choiceKeepSurvivor');
    case 'keep-restored': return t('merges.choiceKeepRestored');
    case 'block': return t('merges.choiceBlock');
    default: return choice;
  }
}

/** Who held a linking identifier before the merge: the folded profile whose snapshot has it, else the survivor. */
function holderBefore(m, key) {
  const snapshots = m.snapshots || {};
  return (m.merged || []).find((x) => snapshots[x] && (snapshots[x].identifiers || []).includes(key)) || m.survivor;
}

function openForm(m, id, formBox, out, load, reload) {
  const started = m.undo && m.undo.state === 'started';
  // A repeat after a crash finishes with the first attempt's choices, whatever it sends: show those instead.
  const selects = started ? [] : (m.linkingIdentifiers || []).map((key) => [key, el('select', { name: 'linking' },
    el('option', { value: '' }, t('merges.choiceDefault', { holder: holderBefore(m, key) })),
    el('option', { value: 'keep-survivor' }, t('merges.choiceKeepSurvivor')),
    el('option', { value: 'keep-restored' }, t('merges.choiceKeepRestored')),
    el('option', { value: 'block' }, t('merges.choiceBlock')))]);
  const submit = el('button', { type: 'submit', class: 'danger' }, t('merges.confirmButton'));
  const cancel = el('button', { type: 'button', onclick: () => clear(formBox) }, t('common.cancel'));
  const form = el('form', { class: 'undo-form', onsubmit: async (e) => {
    e.preventDefault();
    if (!window.confirm(t('merges.confirmUndo', { merged: (m.merged || []).join(', '), survivor: m.survivor }))) return;
    const linking = {};
    selects.forEach(([key, select]) => { if (select.value) linking[key] = select.value; });
    submit.disabled = true;
    clear(out);
    try {
      const outcome = await api.post(`/api/v1/profiles/${enc(id)}/merges/${enc(m.id)}/undo`, started ? undefined : { linking });
      clear(formBox);
      out.append(outcomeBox(outcome, reload));
      load();
    } catch (err) {
      const hint = undoProblem(err.status);
      out.append(errorBox(err, hint ? el('p', { class: 'muted' }, hint) : null));
      submit.disabled = false;
    }
  } },
  el('h3', null, t('merges.undoTitle', { merged: (m.merged || []).join(', ') })),
  el('p', { class: 'muted' }, started ? t('merges.finishHelp') : t('merges.undoHelp')),
  started ? decisions(m.undo.linking) : selects.map(([key, select]) => field(key, select)),
  el('div', { class: 'actions' }, submit, cancel));
  fill(formBox, form);
  form.querySelector('select, button').focus();
}

function undoProblem(status) {
  switch (status) {
    case 400: return t('merges.undo400');
    case 404: return t('merges.undo404');
    case 409: return t('merges.undo409');
    default: return null;
  }
}

function outcomeBox(outcome, reload) {
  const restored = outcome.restored || [];
  const blocked = Object.entries((outcome.merge && outcome.merge.undo && outcome.merge.undo.linking) || {})
    .filter(([, v]) => v === 'block').map(([k]) => k);
  const refresh = el('button', { type: 'button', onclick: reload }, t('merges.refresh'));
  return el('div', { class: 'alert ok', role: 'status' },
    el('strong', null, t('merges.undoDone')),
    el('p', null, t('merges.restoredList')),
    el('ul', null, restored.map((p) => el('li', null, profileRef(p.id, null), ' ', p.name || ''))),
    blocked.length ? el('p', null, t('merges.blockedNow', { keys: blocked.join(', ') }), ' ',
      el('a', { href: routeHref('/blocked') }, t('nav.blocked'))) : null,
    el('p', null, t('merges.refreshHelp'), ' ', refresh));
}
