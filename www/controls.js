// The province page's controls: a slider and a number field per assumption the core describes
// (label, unit, range, step, default), the run settings (preset, the shock's year, and under
// "Advanced" draws, seed and horizon, with the core's limits), and the actions (reset, link,
// downloads, embed, offline file).

import * as dx from './pkg/dxsim.js';
import { el, setOverride, download } from './ui.js';
import { state, core, shown, actions, t, pick, $, OFFLINE, showAlert, scenarioJson, writeHash } from './state.js';

/** The value a control shows: the scenario's override, else what the last run used. */
export function currentValue(spec) {
  const po = state.scenario.provinces && state.scenario.provinces[state.province];
  const view = shown.view;
  if (spec.kind === 'grdp_growth') return po?.grdp_growth ?? (view ? view.grdp_growth : spec.default);
  const o = po?.indicators?.[spec.indicator];
  if (o && o[spec.kind] !== undefined) return o[spec.kind];
  const proj = view && view.projections.find((p) => p.indicator === spec.indicator);
  const used = proj && { growth: proj.growth, sigma: proj.sigma, start: proj.start_value, peer_pace: proj.peer_pace }[spec.kind];
  return used ?? spec.default;
}

/**
 * Applies a typed change only if the core accepts the resulting scenario (`json`, or the
 * scenario after `mutate`); otherwise keeps the scenario and says why in `where` (or the alert).
 */
export function tryChange(mutate, where, json) {
  const before = JSON.stringify(state.scenario);
  if (mutate) mutate();
  try {
    dx.validateScenario(json ?? scenarioJson());
    if (json) state.scenario = JSON.parse(json);
    if (where) where.textContent = '';
    return true;
  } catch (e) {
    state.scenario = JSON.parse(before);
    const msg = t('bad_input', e.message);
    if (where) where.textContent = msg; else showAlert(msg);
    return false;
  }
}

/** Sets an assumption as the reader asked (a typed value or a button) and recomputes. */
export function setAssumption(spec, value, where) {
  if (tryChange(() => setOverride(state.scenario, state.province, spec, value), where)) actions.schedule(false);
}

/**
 * One assumption: a slider and a number field. A slider's value lies within the range the core
 * gave, so dragging goes straight to a quick recompute (the run itself is the one check: a
 * failure puts the last good scenario back); a typed value is checked first, with the message.
 */
export function controlRow(spec, id) {
  const value = currentValue(spec);
  const range = el('input', { type: 'range', id, min: spec.min, max: spec.max, step: spec.step, value, 'aria-describedby': `${id}-err` });
  const num = el('input', { type: 'number', id: `${id}-n`, min: spec.min, max: spec.max, step: spec.step, value, class: 'num', 'aria-label': `${pick(spec.label)} (${pick(spec.unit)})` });
  const err = el('span', { id: `${id}-err`, class: 'field-error', 'aria-live': 'polite' });
  const slide = (quick) => {
    setOverride(state.scenario, state.province, spec, Number(range.value));
    num.value = range.value;
    err.textContent = '';
    actions.schedule(quick);
  };
  range.addEventListener('input', () => slide(true));
  range.addEventListener('change', () => slide(false));
  num.addEventListener('change', () => {
    const v = Number(num.value);
    if (num.value === '' || !Number.isFinite(v)) { err.textContent = t('bad_input', num.value); num.value = range.value; return; }
    setAssumption(spec, v, err);
    if (err.textContent) num.value = range.value; else range.value = num.value;
  });
  const assumed = spec.kind === 'start';
  const label = el('label', { for: id, class: assumed ? 'assumption-label' : null }, el('span', { text: pick(spec.label) }), el('span', { class: 'unit', text: ` (${pick(spec.unit)})` }));
  const row = el('div', { class: `control${assumed ? ' is-assumption' : ''}`, 'data-key': `${spec.kind}:${spec.indicator || ''}` }, label, el('div', { class: 'inputs' }, range, num), err);
  if (spec.rationale && pick(spec.rationale)) row.append(el('p', { class: 'rationale', text: pick(spec.rationale) }));
  return row;
}

/**
 * A whole-number setting of the scenario (`key`), empty for the default. The typed digits go
 * to the core as written, so that its message quotes them: a JS number would round
 * 9007199254740993 to …992 (a valid one is at most 2^53 − 1, which JSON.parse keeps exactly).
 */
function intInput(key, labelKey, min, max, fallback) {
  const input = el('input', { type: 'number', id: key, min, max, step: 1, value: state.scenario[key] ?? fallback, class: 'num wide', 'aria-describedby': `${key}-err` });
  const err = el('span', { class: 'field-error', id: `${key}-err`, 'aria-live': 'polite' });
  input.addEventListener('change', () => {
    const typed = input.value.trim();
    const rest = { ...state.scenario };
    delete rest[key];
    const json = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(typed) ? `{${JSON.stringify(key)}: ${typed}${Object.keys(rest).length ? `, ${JSON.stringify(rest).slice(1)}` : '}'}` : JSON.stringify(rest);
    if (tryChange(null, err, json)) actions.schedule(false);
    else input.value = state.scenario[key] ?? fallback;
  });
  return el('div', { class: 'control' }, el('label', { for: key, text: t(labelKey) }), input, err);
}

/** The run settings and the actions, for the province shown. */
export function buildSettings() {
  const { limits, presets } = core;
  const box = $('settings');
  const horizon = state.scenario.horizon ?? limits.default_horizon;
  // The shock's year is a setting of the shock preset only (the core refuses it otherwise).
  const shockRow = intInput('shock_year', 'shock_year', null, horizon, dx.defaultShockYear());
  shockRow.hidden = state.scenario.preset !== 'shock';
  const presetSel = el('select', { id: 'preset' });
  for (const p of presets) presetSel.append(el('option', { value: p.id, text: pick(p.label) }));
  presetSel.value = state.scenario.preset || 'trend';
  const describe = () => pick(presets.find((p) => p.id === presetSel.value).description);
  const presetDesc = el('p', { class: 'rationale', id: 'preset-desc', text: describe() });
  presetSel.addEventListener('change', () => {
    tryChange(() => {
      state.scenario.preset = presetSel.value;
      if (presetSel.value !== 'shock') delete state.scenario.shock_year;
    }, null);
    presetDesc.textContent = describe();
    shockRow.hidden = state.scenario.preset !== 'shock';
    // Growth overrides made under another preset are kept; the others follow the preset.
    actions.schedule(false);
  });
  box.replaceChildren(el('div', { class: 'control' }, el('label', { for: 'preset', text: t('preset') }), presetSel, presetDesc), shockRow);
  // Province-wide assumptions (GRDP growth).
  const grdp = shown.specs.find((s) => s.kind === 'grdp_growth');
  if (grdp) box.append(el('h3', { text: t('province_assumptions') }), controlRow(grdp, 'grdp'));
  // What only researchers touch: draws, seed, horizon; open when the link sets one of them.
  const advanced = $('advanced');
  $('advanced-summary').textContent = t('advanced');
  if (['draws', 'seed', 'horizon'].some((k) => state.scenario[k] !== undefined)) advanced.open = true;
  const seedRow = intInput('seed', 'seed', 0, limits.max_seed, limits.default_seed);
  seedRow.append(el('button', { type: 'button', id: 'new-seed', text: t('new_seed'), onclick: () => {
    state.scenario.seed = dx.freshSeed();
    $('seed').value = state.scenario.seed;
    actions.schedule(false);
  } }));
  $('advanced-body').replaceChildren(intInput('draws', 'draws', 1, limits.max_draws, limits.default_draws), seedRow,
    intInput('horizon', 'horizon', limits.min_horizon, limits.max_horizon, limits.default_horizon));
  buildActions();
}

function buildActions() {
  const copied = el('span', { class: 'copied', 'aria-live': 'polite' });
  $('actions').replaceChildren(...[
    el('button', { type: 'button', id: 'reset', text: t('reset'), onclick: () => { state.scenario = {}; actions.rebuild(); actions.schedule(false); } }),
    el('button', { type: 'button', id: 'copy-link', text: t('copy_link'), onclick: async () => {
      writeHash();
      try { await navigator.clipboard.writeText(location.href); } catch { /* clipboard may be denied; the URL bar holds the link */ }
      copied.textContent = t('copied');
      setTimeout(() => { copied.textContent = ''; }, 2500);
    } }),
    el('button', { type: 'button', id: 'download-csv', text: t('download_csv'), onclick: () => download(`dxsim-${state.province}.csv`, 'text/csv;charset=utf-8', '\ufeff' + dx.resultsCsv(scenarioJson(), state.province, state.lang)) }),
    el('button', { type: 'button', id: 'download-json', text: t('download_json'), onclick: () => download(`dxsim-scenario-${state.province}.json`, 'application/json', dx.scenarioJson(scenarioJson())) }),
    OFFLINE ? null : el('button', { type: 'button', id: 'embed-scoreboard', text: t('embed'), onclick: () => showEmbed(null) }),
    OFFLINE ? null : el('button', { type: 'button', id: 'download-offline', text: t('download_offline'), onclick: downloadOffline }),
    copied,
    OFFLINE ? el('p', { class: 'rationale', text: t('offline_note') }) : null,
  ].filter(Boolean));
}

/** Puts the controls in line with the scenario and the last run (not the one being used). */
export function refreshControls() {
  for (const spec of shown.specs) {
    const id = spec.kind === 'grdp_growth' ? 'grdp' : `${spec.kind}-${spec.indicator}`;
    const range = $(id), num = $(`${id}-n`);
    if (!range || document.activeElement === range || document.activeElement === num) continue;
    const v = currentValue(spec);
    range.value = v;
    num.value = Math.round(v * 1000) / 1000;
  }
}

/** The single offline file, fetched from the server, with the current scenario baked in. */
async function downloadOffline() {
  try {
    const res = await fetch('dxsim-offline.html');
    if (!res.ok) throw new Error(`dxsim-offline.html: HTTP ${res.status}`);
    writeHash();
    const link = location.hash.slice(1).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    // A loaded dataset travels inside the file as an inert JSON block ("<" escaped so that no
    // text in it can close the element).
    const data = state.imported ? `\n<script type="application/json" id="dxsim-dataset">${state.imported.replace(/</g, '\\u003c')}<\/script>` : '';
    // Inserted by position: String.replace would expand `$&`, `$'` and `` $` `` in the data's text.
    const page = await res.text();
    const at = page.indexOf('<head>');
    if (at < 0) throw new Error('dxsim-offline.html: no <head>');
    const end = at + '<head>'.length;
    const html = `${page.slice(0, end)}\n<meta name="dxsim-link" content="${link}">${data}${page.slice(end)}`;
    download(`dxsim-${state.province}-offline.html`, 'text/html;charset=utf-8', html);
  } catch (e) {
    showAlert(e.message);
  }
}

/** A dialog with both embed snippets for the province (indicator = null) or one goal. */
export function showEmbed(indicator) {
  const base = new URL('.', location.href).href;
  const viewJson = JSON.stringify({ province: state.province, lang: state.lang, indicator: indicator || undefined });
  const title = indicator ? pick(core.ds.indicators.find((i) => i.id === indicator)) : t('scoreboard');
  const a = indicator && shown.view && shown.view.assessments.find((x) => x.indicator === indicator);
  const fallback = a ? pick(a.sentence) : title;
  let snippets;
  try {
    snippets = dx.embedSnippets(base, viewJson, JSON.stringify(state.scenario), title, fallback);
  } catch (e) {
    showAlert(e.message);
    return;
  }
  const old = $('embed-dialog');
  if (old) old.remove();
  const field = (id, label, value) => {
    const area = el('textarea', { id, readonly: true, rows: 5, spellcheck: 'false' });
    area.value = value;
    return el('div', { class: 'control' }, el('label', { for: id, text: label }), area,
      el('button', { type: 'button', text: t('copy'), onclick: async () => { area.select(); try { await navigator.clipboard.writeText(area.value); } catch { /* selection stays for Ctrl+C */ } } }));
  };
  const dialog = el('dialog', { id: 'embed-dialog', 'aria-labelledby': 'embed-dialog-title' },
    el('h2', { id: 'embed-dialog-title', text: `${t('embed_title')}: ${title}` }),
    field('embed-iframe', t('embed_iframe'), snippets.iframe),
    field('embed-script', t('embed_script'), snippets.script),
    el('button', { type: 'button', id: 'embed-close', text: t('close'), onclick: () => dialog.close() }));
  document.body.append(dialog);
  dialog.showModal();
}
