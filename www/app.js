// dxsim page: a thin view over the Rust core (www/pkg, built by `cargo xtask build`).
// The core owns the data, defaults, ranges, rules, words and charts; this file only builds
// controls from what the core describes, keeps the scenario in the URL hash, and asks the core
// for one recompute per animation frame. Text from data is always set with textContent; the only
// markup inserted is the SVG the core renders (escaped there).

import init, * as dx from './pkg/dxsim.js';

const QUICK_DRAWS = 1000; // first answer while dragging; refined with the full draws when idle
const REFINE_DELAY_MS = 180;
const DATASET_TIMEOUT_MS = 10000; // a `?dataset=` host that has not answered by then is given up

// The single-file offline edition sets data-offline on <html> and may carry a scenario in
// <meta name="dxsim-link">; it has no server to embed from or fetch a copy of itself.
const OFFLINE = document.documentElement.dataset.offline === 'true';

const state = {
  province: null,
  lang: 'vi',
  scenario: {}, // only what differs from the defaults, exactly as the core's Scenario JSON
  imported: null, // the text of a loaded dataset file, if any (kept for reloads and the offline file)
  importSource: null, // where it came from: 'file' (kept), 'stored', 'link' (this visit only), 'baked' (offline file)
  dataMessage: null, // {text, error}: what the data bar says instead of naming the loaded data
};
const DATASET_KEY = 'dxsim:dataset';
const EXAMPLES = ['da-nang', 'quang-ninh', 'tien-giang'];
let ds, ui, statuses, presets, specs = [], view = null;
let pace_rule, progress_rule; // the rules behind the pace line and progress so far, from the core
let BUILTIN = []; // ids of the built-in provinces
let coreReady = false;
let linkLoad = null; // the AbortController of a `?dataset=` load in progress
const els = {};
const $ = (id) => document.getElementById(id);

function t(key, ...args) {
  const entry = ui && ui[key];
  let s = entry ? entry[state.lang] : key;
  for (const a of args) s = s.replace('{}', a);
  return s;
}
const pick = (text) => (text ? text[state.lang] : '');
const fmt = (v, digits = 1) => (Number.isFinite(v)
  ? new Intl.NumberFormat(state.lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: digits }).format(v)
  : '—');

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function showAlert(message) {
  els.alert.textContent = message;
  els.alert.hidden = !message;
}

/** The host name of a source address, or null where this browser cannot parse it: a bad field
 * shows as text, never as a dead page. */
function hostOf(url) {
  try { return new URL(url).hostname; } catch { return null; }
}

function storedDataset() {
  try { return localStorage.getItem(DATASET_KEY); } catch { return null; }
}

/**
 * The bar above the app: which loaded data is in use (or a progress note or error about it), with
 * "Keep this data" for a link's data and "Forget the loaded data". It lives outside the app, so it
 * stays reachable whatever state the page is in, even before the core has loaded.
 */
function dataBar() {
  const bar = $('data-bar');
  if (!bar) return;
  const keep = $('keep-dataset'), forget = $('forget-dataset');
  if (ui) { keep.textContent = t('keep_dataset'); forget.textContent = t('forget_dataset'); }
  const linked = !OFFLINE && new URLSearchParams(location.search).has('dataset');
  let message = state.dataMessage ? state.dataMessage.text : '';
  if (!message && state.imported && ds) {
    const added = ds.provinces.filter((p) => !BUILTIN.includes(p.id)).map((p) => pick(p)).join(', ');
    message = state.importSource === 'link' ? t('dataset_from_link', added) : t('dataset_loaded', added);
  }
  $('data-bar-text').textContent = message;
  bar.classList.toggle('is-error', !!(state.dataMessage && state.dataMessage.error));
  bar.setAttribute('role', state.dataMessage && state.dataMessage.error ? 'alert' : 'status');
  keep.hidden = !(state.imported && state.importSource === 'link');
  forget.hidden = !(state.imported || storedDataset() || linked);
  bar.hidden = !message && forget.hidden;
}

// ---------- scenario editing ----------

function provinceOverrides(create) {
  const sc = state.scenario;
  if (!sc.provinces) { if (!create) return null; sc.provinces = {}; }
  if (!sc.provinces[state.province]) { if (!create) return null; sc.provinces[state.province] = {}; }
  return sc.provinces[state.province];
}

function currentValue(spec) {
  const po = provinceOverrides(false);
  if (spec.kind === 'grdp_growth') {
    if (po && po.grdp_growth !== undefined) return po.grdp_growth;
    return view ? view.grdp_growth : spec.default;
  }
  const o = po && po.indicators && po.indicators[spec.indicator];
  const key = spec.kind;
  if (o && o[key] !== undefined) return o[key];
  const proj = view && view.projections.find((p) => p.indicator === spec.indicator);
  if (proj) {
    if (key === 'growth') return proj.growth;
    if (key === 'sigma') return proj.sigma;
    if (key === 'start') return proj.start_value;
    if (key === 'peer_pace' && proj.peer_pace !== undefined) return proj.peer_pace;
  }
  return spec.default;
}

function setOverride(spec, value) {
  const po = provinceOverrides(true);
  if (spec.kind === 'grdp_growth') {
    po.grdp_growth = value;
  } else {
    po.indicators = po.indicators || {};
    const o = (po.indicators[spec.indicator] = po.indicators[spec.indicator] || {});
    o[spec.kind] = value;
  }
  prune();
}

/** Drops overrides equal to the trend default so links stay short ("only what differs"). */
function prune() {
  const sc = state.scenario;
  for (const [pid, po] of Object.entries(sc.provinces || {})) {
    const pspecs = pid === state.province ? specs : [];
    const isDefault = (kind, ind, v) => {
      if ((sc.preset || 'trend') !== 'trend' && kind === 'growth') return false;
      const s = pspecs.find((x) => x.kind === kind && (x.indicator || null) === ind);
      return s && Math.abs(s.default - v) < 1e-12;
    };
    if (po.grdp_growth !== undefined && isDefault('grdp_growth', null, po.grdp_growth)) delete po.grdp_growth;
    for (const [iid, o] of Object.entries(po.indicators || {})) {
      for (const k of ['growth', 'sigma', 'start', 'peer_pace']) if (o[k] !== undefined && isDefault(k, iid, o[k])) delete o[k];
      if (!Object.keys(o).length) delete po.indicators[iid];
    }
    if (po.indicators && !Object.keys(po.indicators).length) delete po.indicators;
    if (!Object.keys(po).length) delete sc.provinces[pid];
  }
  if (sc.provinces && !Object.keys(sc.provinces).length) delete sc.provinces;
}

function scenarioJson(draws) {
  const sc = { ...state.scenario };
  if (draws !== undefined) sc.draws = draws;
  return JSON.stringify(sc);
}

/** Applies a candidate change only if the core accepts it; otherwise says why. */
function tryChange(mutate, where) {
  const before = JSON.stringify(state.scenario);
  mutate();
  try {
    dx.validateScenario(scenarioJson());
    if (where) where.textContent = '';
    return true;
  } catch (e) {
    state.scenario = JSON.parse(before);
    const msg = t('bad_input', e.message);
    if (where) where.textContent = msg; else showAlert(msg);
    return false;
  }
}

// ---------- URL hash ----------

function writeHash() {
  // While a link's data loads, a hash naming a province of it is kept until it can be read.
  if (state.hashDeferred) return;
  const v = { province: state.province, lang: state.lang };
  const h = dx.encodeHash(JSON.stringify(v), JSON.stringify(state.scenario));
  if (location.hash.slice(1) !== h) history.replaceState(null, '', `#${h}`);
}

function readHash() {
  const baked = document.querySelector('meta[name="dxsim-link"]');
  const hash = location.hash && location.hash !== '#' ? location.hash : (baked ? `#${baked.content}` : '');
  if (!hash || hash === '#') return { ok: true, province: false };
  try {
    const link = dx.decodeHash(hash);
    if (link.view.province) state.province = link.view.province;
    if (link.view.lang) state.lang = link.view.lang;
    state.scenario = link.scenario || {};
    // A valid link replaces whatever an earlier one said was wrong.
    delete state.pendingAlert;
    showAlert(link.warnings.join(' '));
    return { ok: true, province: !!link.view.province };
  } catch (e) {
    state.scenario = {};
    // The words come from the core, which may not know the language yet: default Vietnamese.
    state.pendingAlert = e.message;
    return { ok: false, province: false };
  }
}

/** A bad link found before the words were loaded is reported once they are. */
function showPendingAlert() {
  if (!state.pendingAlert) return;
  showAlert(t('bad_link', state.pendingAlert));
  delete state.pendingAlert;
}

// ---------- recompute scheduling ----------

let frame = 0, refineTimer = 0, dirty = false;

/** Recompute on the next animation frame (latest value wins); `quick` while dragging. */
function schedule(quick) {
  dirty = true;
  if (!frame) frame = requestAnimationFrame(() => {
    frame = 0;
    if (!dirty) return;
    dirty = false;
    const full = state.scenario.draws || 10000;
    const draws = quick ? Math.min(full, QUICK_DRAWS) : full;
    compute(draws);
    clearTimeout(refineTimer);
    if (draws < full) {
      els.status.textContent = t('refining');
      refineTimer = setTimeout(() => { compute(full); els.status.textContent = ''; }, REFINE_DELAY_MS);
    } else {
      els.status.textContent = '';
    }
  });
}

function compute(draws) {
  try {
    view = dx.run(scenarioJson(draws), state.province, state.lang);
    update();
    writeHash();
  } catch (e) {
    showAlert(t('bad_input', e.message));
  }
}

// ---------- building the page ----------

function buildChrome() {
  document.documentElement.lang = state.lang;
  document.title = `dxsim — ${t('app_title')}`;
  $('app-title').textContent = t('app_title');
  $('tagline').textContent = t('tagline');
  $('province-label').textContent = t('province');
  $('lang-label').textContent = t('language');
  $('skip-link').textContent = t('skip');
  $('scoreboard-title').textContent = t('scoreboard');
  $('settings-title').textContent = t('run_settings');
  $('method').textContent = `${t('method')}: ${t('method_text')}`;
  $('version-label').textContent = t('data_version');
  $('version').textContent = dx.version();
  for (const code of ['vi', 'en']) $(`lang-${code}`).setAttribute('aria-pressed', String(state.lang === code));
  const sel = els.province;
  sel.textContent = '';
  for (const p of ds.provinces) sel.append(el('option', { value: p.id, text: state.lang === 'vi' ? p.vi : p.en }));
  sel.value = state.province;
  sel.disabled = false;
}

function numberControl(spec, id, onInput) {
  const value = currentValue(spec);
  const range = el('input', { type: 'range', id, min: spec.min, max: spec.max, step: spec.step, value, 'aria-describedby': `${id}-err` });
  const num = el('input', { type: 'number', id: `${id}-n`, min: spec.min, max: spec.max, step: spec.step, value, class: 'num', 'aria-label': `${pick(spec.label)} (${pick(spec.unit)})` });
  const err = el('span', { id: `${id}-err`, class: 'field-error', 'aria-live': 'polite' });
  range.addEventListener('input', () => { if (onInput(Number(range.value), err, true)) num.value = range.value; });
  range.addEventListener('change', () => onInput(Number(range.value), err, false));
  num.addEventListener('change', () => {
    const v = Number(num.value);
    if (num.value === '' || !onInput(v, err, false)) num.value = range.value; else range.value = num.value;
  });
  return { range, num, err };
}

function controlRow(spec, id) {
  const { range, num, err } = numberControl(spec, id, (v, errEl, quick) => {
    if (!Number.isFinite(v)) { errEl.textContent = t('bad_input', String(v)); return false; }
    const ok = tryChange(() => setOverride(spec, v), errEl);
    if (ok) schedule(quick);
    return ok;
  });
  const assumed = spec.kind === 'start';
  const label = el('label', { for: id, class: assumed ? 'assumption-label' : null }, el('span', { text: pick(spec.label) }), el('span', { class: 'unit', text: ` (${pick(spec.unit)})` }));
  const row = el('div', { class: `control${assumed ? ' is-assumption' : ''}`, 'data-key': `${spec.kind}:${spec.indicator || ''}` }, label, el('div', { class: 'inputs' }, range, num), err);
  if (spec.rationale && pick(spec.rationale)) row.append(el('p', { class: 'rationale', text: pick(spec.rationale) }));
  return row;
}

function buildSettings() {
  const box = $('settings');
  box.textContent = '';
  // Preset.
  const presetSel = el('select', { id: 'preset' });
  for (const p of presets) presetSel.append(el('option', { value: p.id, text: pick(p.label) }));
  presetSel.value = state.scenario.preset || 'trend';
  const presetDesc = el('p', { class: 'rationale', id: 'preset-desc', text: pick(presets.find((p) => p.id === presetSel.value).description) });
  presetSel.addEventListener('change', () => {
    tryChange(() => { if (presetSel.value === 'trend') delete state.scenario.preset; else state.scenario.preset = presetSel.value; }, null);
    presetDesc.textContent = pick(presets.find((p) => p.id === presetSel.value).description);
    // Growth overrides made under another preset are kept; the others follow the preset.
    schedule(false);
    refreshControls();
  });
  box.append(el('div', { class: 'control' }, el('label', { for: 'preset', text: t('preset') }), presetSel, presetDesc));
  // Draws, seed, horizon.
  const intInput = (id, key, labelKey, min, max, fallback) => {
    const input = el('input', { type: 'number', id, min, max, step: 1, value: state.scenario[key] ?? fallback, class: 'num wide' });
    const err = el('span', { class: 'field-error', id: `${id}-err`, 'aria-live': 'polite' });
    input.setAttribute('aria-describedby', `${id}-err`);
    input.addEventListener('change', () => {
      // The typed digits go to the core as written, so that its message quotes them: a JS
      // number would round 9007199254740993 to …992.
      const typed = input.value.trim();
      if (/^-?\d+$/.test(typed)) {
        const rest = { ...state.scenario };
        delete rest[key];
        const others = Object.keys(rest).length ? `, ${JSON.stringify(rest).slice(1)}` : '}';
        try {
          dx.validateScenario(`{${JSON.stringify(key)}: ${typed}${others}`);
        } catch (e) {
          err.textContent = t('bad_input', e.message);
          input.value = state.scenario[key] ?? fallback;
          return;
        }
      }
      const v = Number(input.value);
      const ok = tryChange(() => { if (input.value === '' || v === fallback) delete state.scenario[key]; else state.scenario[key] = v; }, err);
      if (!ok) input.value = state.scenario[key] ?? fallback; else schedule(false);
    });
    return el('div', { class: 'control' }, el('label', { for: id, text: t(labelKey) }), input, err);
  };
  box.append(intInput('draws', 'draws', 'draws', 1, 100000, 10000));
  const seedRow = intInput('seed', 'seed', 'seed', 0, 9007199254740991, 2026);
  seedRow.append(el('button', { type: 'button', id: 'new-seed', text: t('new_seed'), onclick: () => {
    state.scenario.seed = dx.freshSeed();
    $('seed').value = state.scenario.seed;
    schedule(false);
  } }));
  box.append(seedRow);
  box.append(intInput('horizon', 'horizon', 'horizon', 2030, 2035, 2030));
  // Province-wide assumptions (GRDP growth).
  const grdp = specs.find((s) => s.kind === 'grdp_growth');
  if (grdp) box.append(el('h3', { text: t('province_assumptions') }), controlRow(grdp, 'grdp'));

  const actions = $('actions');
  actions.textContent = '';
  const copied = el('span', { class: 'copied', 'aria-live': 'polite' });
  actions.append(
    el('button', { type: 'button', id: 'reset', text: t('reset'), onclick: () => { state.scenario = {}; buildProvince(); schedule(false); } }),
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
  );
  if (OFFLINE) actions.append(el('p', { class: 'rationale', text: t('offline_note') }));
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
function showEmbed(indicator) {
  const base = new URL('.', location.href).href;
  const viewJson = JSON.stringify({ province: state.province, lang: state.lang, indicator: indicator || undefined });
  const title = indicator ? pick(ds.indicators.find((i) => i.id === indicator)) : t('scoreboard');
  const a = indicator && view && view.assessments.find((x) => x.indicator === indicator);
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

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function sourceItem(kind, year, valueText, source, extra) {
  const li = el('li', { class: `src src-${kind}` });
  const tag = { observed: t('observed'), proxy: t('proxy'), target: t('target') }[kind] || t('assumption');
  li.append(el('span', { class: `tag tag-${kind}`, text: tag }), ` ${year}: `, el('strong', { text: valueText }));
  if (source) {
    const where = source.seed
      ? el('code', { text: source.seed })
      : (/^https?:\/\//.test(source.url || '') && hostOf(source.url) ? el('a', { href: source.url, rel: 'noopener noreferrer', target: '_blank', text: hostOf(source.url) }) : el('span', { text: source.url || '' }));
    li.append(' — ', where);
    if (source.quote) li.append(el('q', { lang: /[ăâđêôơư]/i.test(source.quote) ? 'vi' : 'en', text: source.quote }));
    if (source.via) li.append(el('span', { class: 'via', text: ` (${source.via})` }));
  }
  for (const x of extra) if (x) li.append(el('span', { class: 'src-note', text: ` ${x}` }));
  return li;
}

function provenance(province, ind) {
  const list = el('ul', { class: 'sources' });
  const unitFmt = (v) => fmt(v, 2);
  for (const o of province.observations.filter((o) => o.indicator === ind.id).sort((a, b) => a.year - b.year)) {
    const range = o.range ? `${t('start_range')}: ${unitFmt(o.range[0])}–${unitFmt(o.range[1])}.` : '';
    list.append(sourceItem(o.proxy ? 'proxy' : 'observed', o.year, unitFmt(o.value), o.source, [o.proxy && `${pick(o.proxy)}.`, range, o.derivation && `${t('derived')}: ${o.derivation}`, pick(o.note)]));
  }
  for (const a of province.assumptions.filter((a) => a.indicator === ind.id)) {
    const range = a.range ? `${t('start_range')}: ${unitFmt(a.range[0])}–${unitFmt(a.range[1])}.` : '';
    list.append(sourceItem('assumption', a.year, unitFmt(a.value), null, [a.placeholder ? `${t('placeholder')}.` : '', range, pick(a.rationale)]));
  }
  for (const tg of province.targets.filter((x) => x.indicator === ind.id)) {
    list.append(sourceItem('target', tg.year, `${tg.comparator} ${unitFmt(tg.value)}`, tg.source, [tg.reference && t('reference'), pick(tg.note)]));
  }
  return el('details', { class: 'provenance' }, el('summary', { text: t('sources') }), list);
}

function buildProvince() {
  const province = ds.provinces.find((p) => p.id === state.province);
  dataBar();
  specs = dx.assumptions(state.province);
  view = null;
  buildChrome();
  buildSettings();
  const note = $('province-note');
  note.hidden = !province.note;
  note.textContent = province.note ? pick(province.note) : '';
  buildMergerNote(province);
  buildDataPanel();
  buildBacktest();
  const pillars = $('pillars');
  pillars.textContent = '';
  els.cards = new Map();
  const simulated = ds.indicators.filter((i) => province.targets.some((t) => t.indicator === i.id));
  if (!simulated.length) pillars.append(el('p', { text: t('no_targets') }));
  for (const pillar of ds.pillars) {
    const inds = simulated.filter((i) => i.pillar === pillar.id);
    if (!inds.length) continue;
    const section = el('section', { class: 'pillar', 'aria-labelledby': `pillar-${pillar.id}` }, el('h2', { id: `pillar-${pillar.id}`, text: pick(pillar) }));
    for (const ind of inds) section.append(buildCard(province, ind));
    pillars.append(section);
  }
  // Context figures and qualitative goals.
  const contextInds = ds.indicators.filter((i) => !simulated.includes(i) && province.observations.some((o) => o.indicator === i.id));
  $('context').hidden = !contextInds.length;
  $('context-title').textContent = t('context');
  const cb = $('context-body');
  cb.textContent = '';
  for (const ind of contextInds) {
    const list = el('ul', { class: 'sources' });
    for (const o of province.observations.filter((o) => o.indicator === ind.id)) {
      list.append(sourceItem('observed', o.year, fmt(o.value, 2), o.source, [o.derivation && `${t('derived')}: ${o.derivation}`, pick(o.note)]));
    }
    cb.append(el('div', { class: 'context-item' }, el('h3', { text: pick(ind) }), list));
  }
  $('qualitative').hidden = !province.qualitative.length;
  $('qualitative-title').textContent = t('qualitative');
  const qb = $('qualitative-body');
  qb.textContent = '';
  for (const q of province.qualitative) qb.append(sourceItem('target', q.year, pick(q.text), q.source, []));
}

/**
 * "How well does this model predict?": the back-test of the data in use, run by the core when
 * the panel is opened (and again after a change of language or data).
 */
function buildBacktest() {
  $('backtest-title').textContent = t('backtest_title');
  $('backtest-summary').textContent = t('backtest_show');
  $('backtest-note').textContent = t('backtest_note');
  const details = $('backtest-details');
  const body = $('backtest-body');
  body.textContent = '';
  const key = `${state.lang}|${state.imported ? state.imported.length : 0}`;
  const fill = () => {
    if (body.dataset.key === key) return;
    body.dataset.key = key;
    let bt;
    try { bt = dx.backtest(state.lang); } catch (e) { body.textContent = e.message; return; }
    const scores = el('table', { class: 'by-pillar' }, el('caption', { class: 'visually-hidden', text: t('backtest_coverage') }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: '' }), el('th', { scope: 'col', text: t('backtest_cases') }), el('th', { scope: 'col', text: t('backtest_coverage') }))));
    const tb = el('tbody');
    for (const s of bt.scores) tb.append(el('tr', {}, el('th', { scope: 'row', text: s.family }), el('td', { text: String(s.cases) }), el('td', { text: s.coverage })));
    scores.append(tb);
    const list = el('ul', { class: 'bt-cases' });
    for (const c of bt.cases) {
      const fig = el('div', { class: 'bt-chart' });
      fig.innerHTML = c.svg; // rendered and escaped by the core
      list.append(el('li', { class: `bt-case ${c.inside ? 'bt-inside' : 'bt-missed'}` },
        el('strong', { text: `${c.name} · ${c.indicator} · ${c.year}` }), fig, el('span', { class: 'rationale', text: `${c.summary} (${c.family})` })));
    }
    body.replaceChildren(el('p', { class: 'bt-sentence', text: bt.sentence }), scores, list);
  };
  details.ontoggle = () => { if (details.open) fill(); };
  if (details.open) fill();
}

/** What an old province became in the 2025 merger, with its source and the new province. */
function buildMergerNote(province) {
  const box = $('merger-note');
  const sentence = dx.mergerNote(province.id, state.lang);
  box.textContent = '';
  box.hidden = !sentence;
  if (!sentence) return;
  const m = ds.mergers.find((x) => x.from === province.id);
  box.append(sentence, ' ', el('a', { href: m.source.url, rel: 'noopener noreferrer', target: '_blank', text: t('source') }));
  if (m.into_province) {
    box.append(' ', el('button', { type: 'button', class: 'link', id: 'go-merged', text: t('see_merged', pick(m.into)), onclick: () => {
      state.province = m.into_province; state.scenario = {}; buildProvince(); schedule(false);
    } }));
  }
}

/** Bring your own province: load a dataset file (validated and merged by the core). */
function buildDataPanel() {
  $('data-title').textContent = t('your_data');
  const body = $('data-body');
  body.textContent = '';
  const status = el('p', { class: 'rationale', id: 'data-status', 'aria-live': 'polite' });
  const input = el('input', { type: 'file', id: 'dataset-file', accept: '.json,application/json' });
  input.addEventListener('change', async () => {
    const f = input.files && input.files[0];
    if (f) useDataset(await f.text(), 'file');
  });
  body.append(el('p', { class: 'rationale', text: t('your_data_help') }),
    el('label', { for: 'dataset-file', text: t('load_dataset') }), ' ', input);
  if (!OFFLINE) {
    const ex = el('p', {}, t('examples'), ' ');
    for (const id of EXAMPLES) {
      ex.append(el('button', { type: 'button', class: 'link', 'data-example': id, text: id, onclick: async () => {
        try {
          const res = await fetch(`examples/${id}.json`);
          if (!res.ok) throw new Error(`examples/${id}.json: HTTP ${res.status}`);
          useDataset(await res.text(), 'file');
        } catch (e) { dataStatus(e.message, true); }
      } }), ' ');
    }
    body.append(ex);
  }
  if (state.imported) {
    const added = ds.provinces.filter((p) => !BUILTIN.includes(p.id)).map((p) => pick(p));
    status.textContent = t('dataset_loaded', added.join(', '));
  }
  body.append(status);
}

/** A message about the loaded data: in the data panel when it is there, and always in the bar
 * above the app (looked up now: the panel is rebuilt with every province). */
function dataStatus(text, error) {
  const status = $('data-status');
  if (status) status.textContent = text;
  state.dataMessage = text ? { text, error } : null;
  dataBar();
}

/** Back to the built-in data: the stored file, the link's file and the loaded one are all
 * forgotten. Works in any state; before the core runs, by reloading without them. */
function forgetDataset() {
  try { localStorage.removeItem(DATASET_KEY); } catch { /* storage may be unavailable */ }
  const params = new URLSearchParams(location.search);
  if (params.has('dataset')) {
    params.delete('dataset');
    const q = params.toString();
    history.replaceState(null, '', `${location.pathname}${q ? `?${q}` : ''}${location.hash}`);
  }
  if (linkLoad) { const ctl = linkLoad; linkLoad = null; ctl.abort(); }
  if (state.hashDeferred) { state.hashDeferred = false; readHash(); showPendingAlert(); }
  state.imported = null;
  state.importSource = null;
  state.dataMessage = null;
  if (!coreReady) { location.reload(); return; }
  dx.resetDataset();
  ds = dx.dataset();
  if (!ds.provinces.some((p) => p.id === state.province)) { state.province = ds.provinces[0].id; state.scenario = {}; }
  buildProvince();
  $('app').hidden = false;
  schedule(false);
}

/** A link's data is for this visit; keeping it for later visits is the reader's choice. */
function keepDataset() {
  try {
    localStorage.setItem(DATASET_KEY, state.imported);
    state.importSource = 'stored';
    const added = ds.provinces.filter((p) => !BUILTIN.includes(p.id)).map((p) => pick(p));
    dataStatus(t('dataset_kept', added.join(', ')), false);
  } catch (e) {
    dataStatus(e && e.message ? e.message : String(e), true);
  }
}

/**
 * Loads a dataset file's text: the core validates it and merges it beside the built-in data.
 * `source` is where it came from: a file loaded by hand ('file') is kept for later visits, a
 * link's ('link') is for this visit only, 'stored' and 'baked' (the offline file) are already
 * where they live. Unless `quiet`, the page switches to the first added province. On failure it
 * says what is wrong (field, value, what is allowed) where it is always visible, and keeps the
 * current data. Returns the added province ids, or null.
 */
function useDataset(text, source, quiet) {
  try {
    const added = dx.loadDataset(text);
    state.imported = text;
    state.importSource = source;
    state.dataMessage = null;
    ds = dx.dataset();
    if (!OFFLINE && source === 'file') { try { localStorage.setItem(DATASET_KEY, text); } catch { /* too large or unavailable: kept for this visit */ } }
    if (!quiet) { state.province = added[0]; state.scenario = {}; buildProvince(); schedule(false); }
    dataBar();
    return added;
  } catch (e) {
    const key = { link: 'dataset_link_failed', stored: 'stored_dataset_dropped' }[source] || 'bad_dataset';
    const why = source === 'link' ? t('bad_dataset', e.message) : e.message;
    dataStatus(t(key, why), true);
    return null;
  }
}

function buildCard(province, ind) {
  const id = ind.id;
  const chart = el('div', { class: 'chart', id: `chart-${id}` });
  const verdicts = el('div', { class: 'verdicts' });
  const controls = el('div', { class: 'card-controls' }, el('h4', { text: t('growth_controls') }));
  // A rank simulated with every peer: its odds chart and what drives the model.
  const ranking = province.ranking_unit && (ds.rankings || []).find((r) => r.indicator === id);
  const odds = el('div', { class: 'odds', id: `odds-${id}` });
  const peerNote = ranking ? el('p', { class: 'note peer-note', text: `${pick(ranking.note)} ${t('peer_required')}` }) : null;
  for (const spec of specs.filter((s) => s.indicator === id)) controls.append(controlRow(spec, `${spec.kind}-${id}`));
  const table = el('details', { class: 'data-table' }, el('summary', { text: t('data_table') }), el('div', { class: 'table-wrap', id: `table-${id}` }));
  const svgButton = el('button', { type: 'button', class: 'link svg-button', text: t('download_svg'), onclick: () => download(`dxsim-${state.province}-${id}.svg`, 'image/svg+xml', dx.chartSvg(scenarioJson(), state.province, id, state.lang)) });
  const embedButton = OFFLINE ? null : el('button', { type: 'button', class: 'link embed-button', text: t('embed'), onclick: () => showEmbed(id) });
  const card = el('article', { class: 'card', id: `card-${id}`, 'aria-labelledby': `title-${id}` },
    el('h3', { id: `title-${id}`, text: pick(ind) }),
    el('div', { class: 'card-body' }, el('div', { class: 'card-main' }, chart, el('div', { class: 'card-links' }, svgButton, embedButton), odds, peerNote, verdicts, table), controls),
    provenance(province, ind));
  els.cards.set(id, { chart, odds, verdicts, table: table.querySelector('.table-wrap'), card });
  return card;
}

function refreshControls() {
  for (const spec of specs) {
    const id = spec.kind === 'grdp_growth' ? 'grdp' : `${spec.kind}-${spec.indicator}`;
    const range = $(id), num = $(`${id}-n`);
    if (!range || document.activeElement === range || document.activeElement === num) continue;
    const v = currentValue(spec);
    range.value = v;
    num.value = Math.round(v * 1000) / 1000;
  }
}

// ---------- updating with results ----------

function statusInfo(id) {
  return statuses.find((s) => s[0] === id);
}

function badge(status) {
  const [id, label, rule] = statusInfo(status);
  return el('span', { class: `badge status-${id}`, title: pick(rule), text: pick(label) });
}

function update() {
  if (!view) return;
  // Scoreboard.
  const sb = $('scoreboard-body');
  sb.textContent = '';
  for (const y of view.summary) {
    const list = el('ul', { class: 'counts' });
    for (const [id] of statuses) {
      const n = y.counts[id] || 0;
      if (n) list.append(el('li', {}, badge(id), el('span', { class: 'count', text: ` ${n}` })));
    }
    const byPillar = el('table', { class: 'by-pillar' }, el('caption', { class: 'visually-hidden', text: t('targets_of_year', y.year) }));
    const head = el('tr', {}, el('th', { scope: 'col', text: '' }));
    for (const [, label] of statuses) head.append(el('th', { scope: 'col', text: pick(label) }));
    byPillar.append(el('thead', {}, head));
    const body = el('tbody');
    for (const [pid, counts] of Object.entries(y.by_pillar)) {
      const tr = el('tr', {}, el('th', { scope: 'row', text: pick(ds.pillars.find((p) => p.id === pid)) }));
      for (const [sid] of statuses) tr.append(el('td', { text: String(counts[sid] || 0) }));
      body.append(tr);
    }
    byPillar.append(body);
    sb.append(el('div', { class: 'year-block', 'data-year': y.year }, el('h3', { text: `${t('targets_of_year', y.year)} (${y.total})` }), list, el('details', {}, el('summary', { text: t('scoreboard') }), byPillar)));
  }
  // Cards.
  const charts = new Map(view.charts);
  const rows = view.seriesRows;
  for (const proj of view.projections) {
    const card = els.cards.get(proj.indicator);
    if (!card) continue;
    // While a slider moves, most cards do not change: skip those (the chart encodes every number
    // the card shows, and the verdict rows also depend on the language, which rebuilds cards).
    const svg = charts.get(proj.indicator) || '';
    const oddsSvg = charts.get(`${proj.indicator}:odds`) || '';
    const key = `${svg.length}:${svg}${oddsSvg}`;
    if (card.key === key) continue;
    card.key = key;
    // The SVGs are generated by the core, which escapes every text they contain.
    card.chart.innerHTML = svg;
    card.odds.innerHTML = oddsSvg;
    card.verdicts.textContent = '';
    const ind = ds.indicators.find((i) => i.id === proj.indicator);
    const growthSpec = specs.find((s) => s.kind === 'growth' && s.indicator === proj.indicator);
    for (const a of view.assessments.filter((x) => x.indicator === proj.indicator)) {
      const [, , rule] = statusInfo(a.status);
      const facts = el('dl', { class: 'facts' });
      const add = (k, v) => facts.append(el('div', {}, el('dt', { text: k }), el('dd', { text: v })));
      // The headline: a likelihood, a reported outcome, or no claim at all (no start reported).
      if (a.basis === 'projection') {
        const unit = growthSpec ? pick(growthSpec.unit) : '';
        add(t('probability'), `${fmt(a.probability * 100, 0)}%`);
        add(t('assumed'), `${fmt(a.assumed, 2)} ${unit}`);
        add(t('required'), a.required === null || a.required === undefined ? '—' : `${fmt(a.required, 2)} ${unit}`);
        add(t('first_met'), a.first_met_median ?? t('not_by_horizon', view.horizon));
      }
      const row = el('div', { class: 'verdict', 'data-year': a.year, 'data-status': a.status, 'data-pace': a.pace.status, 'data-progress': a.progress_so_far.status },
        el('div', { class: 'verdict-head' }, el('span', { class: 'year', text: `${a.year}` }), badge(a.status), el('span', { class: 'rule', text: pick(rule) })),
        el('p', { class: 'sentence', text: pick(a.sentence) }), facts);
      // The pace (Open SDG rule on the printed numbers) is second; progress so far reads
      // reported data only and no slider changes it.
      if (a.basis === 'projection') row.append(el('p', { class: 'pace', title: pick(pace_rule), text: pick(a.pace_text) }));
      row.append(el('p', { class: 'so-far', title: pick(progress_rule), 'data-progress': a.progress_so_far.status }, el('span', { class: 'label', text: `${t('progress_so_far')}: ` }), pick(a.progress_text).replace(/^[^:]*:\s*/, ''), el('span', { class: 'rationale', text: ` (${t('progress_so_far_note')})` })));
      if (a.basis === 'no_data') {
        const startSpec = specs.find((s) => s.kind === 'start' && s.indicator === a.indicator);
        if (startSpec) {
          row.append(el('p', { class: 'enter-start' }, el('button', { type: 'button', class: 'link enter-start-button', text: t('enter_start'), onclick: () => {
            const input = $(`start-${a.indicator}-n`);
            if (input) { input.focus(); input.select(); }
          } })));
        }
      }
      if (a.reference) row.append(el('p', { class: 'note', text: t('reference') }));
      if (a.basis === 'projection' && growthSpec && a.required !== null && a.required !== undefined && Math.abs(a.required - a.assumed) > 1e-9) {
        const within = a.required >= growthSpec.min && a.required <= growthSpec.max;
        row.append(el('button', { type: 'button', class: 'set-required', disabled: !within, 'data-year': a.year, text: t('set_required'), onclick: () => {
          const v = Math.round(a.required * 100) / 100;
          if (tryChange(() => setOverride(growthSpec, v), null)) { refreshControls(); schedule(false); }
        } }));
      }
      card.verdicts.append(row);
    }
    // Data table (the chart's text alternative, with the sentence above).
    const block = (r) => view.series.subarray(proj.offset + r * proj.len, proj.offset + (r + 1) * proj.len);
    const table = el('table', {}, el('caption', { text: pick(ind) }));
    const head = el('tr', {}, ...rows.map((r) => el('th', { scope: 'col', text: r === 'years' ? t('year') : t(`col_${r}`) })));
    table.append(el('thead', {}, head));
    const tb = el('tbody');
    for (let i = 0; i < proj.len; i++) {
      tb.append(el('tr', {}, ...rows.map((r, k) => (k === 0 ? el('th', { scope: 'row', text: String(block(0)[i]) }) : el('td', { text: fmt(block(k)[i], 2) })))));
    }
    table.append(tb);
    card.table.textContent = '';
    card.table.append(table);
  }
  refreshControls();
}

// ---------- start ----------

/**
 * A dataset to use from the start: the one baked into an offline file, or the one kept from an
 * earlier visit (not when a link names its own: that one is for this visit, loaded beside the
 * page by `loadLinkedDataset`). Stored data that no longer loads is dropped, saying so.
 */
function restoreDataset(linkUrl) {
  const baked = document.getElementById('dxsim-dataset');
  if (baked) { useDataset(baked.textContent, 'baked', true); return; }
  if (linkUrl) return;
  const saved = storedDataset();
  if (saved && !useDataset(saved, 'stored', true)) {
    try { localStorage.removeItem(DATASET_KEY); } catch { /* storage unavailable */ }
    dataBar();
  }
}

/**
 * `?dataset=URL` (a newsroom's own file): fetched while the built-in content is already on
 * screen, with a progress note, given up after DATASET_TIMEOUT_MS; then its provinces are shown
 * (the one the link's hash names, else the first it adds) or the error is.
 */
async function loadLinkedDataset(url, startProvince) {
  const ctl = new AbortController();
  linkLoad = ctl;
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; ctl.abort(); }, DATASET_TIMEOUT_MS);
  dataStatus(t('dataset_loading', url), false);
  let text = null, failure = null;
  try {
    const res = await fetch(new URL(url, location.href), { signal: ctl.signal });
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    text = await res.text();
  } catch (e) {
    failure = timedOut ? t('dataset_timeout', url, DATASET_TIMEOUT_MS / 1000) : (e && e.message) || String(e);
  } finally {
    clearTimeout(timer);
  }
  // Forgotten meanwhile: nothing to show.
  if (linkLoad !== ctl) return;
  linkLoad = null;
  const added = failure === null ? useDataset(text, 'link', true) : null;
  if (failure !== null) dataStatus(t('dataset_link_failed', failure), true);
  const moved = state.province !== startProvince;
  let named = state.linkNamedProvince;
  if (state.hashDeferred) {
    // The hash named something only the file has: read it now (or say what is wrong with it).
    state.hashDeferred = false;
    named = readHash().province;
    showPendingAlert();
  }
  if (added && !named && !moved) { state.province = added[0]; state.scenario = {}; }
  buildProvince();
  schedule(false);
}

async function main() {
  els.status = $('status');
  els.alert = $('alert');
  els.province = $('province-select');
  // Forget and Keep work whatever happens below.
  $('forget-dataset').addEventListener('click', forgetDataset);
  $('keep-dataset').addEventListener('click', keepDataset);
  dataBar();
  try {
    await init();
  } catch (e) {
    els.status.textContent = '';
    showAlert(`Không tải được mô hình WebAssembly / The WebAssembly model could not be loaded: ${e && e.message ? e.message : e}`);
    return;
  }
  try {
    coreReady = true;
    ds = dx.dataset();
    BUILTIN = ds.provinces.map((p) => p.id);
    ui = dx.uiStrings();
    statuses = dx.statuses();
    ({ pace_rule, progress_rule } = dx.rules());
    presets = dx.presets();
    state.province = ds.provinces[0].id;
    const linkUrl = OFFLINE ? null : new URLSearchParams(location.search).get('dataset');
    restoreDataset(linkUrl);
    const first = readHash();
    state.linkNamedProvince = first.province;
    // A link's hash may name a province of its data: judged once that has loaded.
    state.hashDeferred = !!linkUrl && !first.ok;
    if (!state.hashDeferred) showPendingAlert(); else delete state.pendingAlert;
    // Warm the engine with a small run so the first real recompute is fast.
    dx.run('{"draws": 200}', state.province, state.lang);
    els.province.addEventListener('change', () => { state.province = els.province.value; buildProvince(); schedule(false); });
    for (const code of ['vi', 'en']) {
      $(`lang-${code}`).addEventListener('click', () => { if (state.lang !== code) { state.lang = code; buildProvince(); schedule(false); } });
    }
    window.addEventListener('hashchange', () => {
      const before = JSON.stringify([state.province, state.lang, state.scenario]);
      readHash();
      showPendingAlert();
      if (JSON.stringify([state.province, state.lang, state.scenario]) !== before) { buildProvince(); schedule(false); }
    });
    buildProvince();
    $('app').hidden = false;
    els.status.textContent = '';
    compute(state.scenario.draws || 10000);
    if (linkUrl) loadLinkedDataset(linkUrl, state.province);
  } catch (e) {
    // Never a page stuck on "Loading…": say what went wrong; Forget stays in the bar.
    els.status.textContent = '';
    showAlert(e && e.message ? e.message : String(e));
    dataBar();
  }
  document.body.dataset.ready = 'true';
}

main();
