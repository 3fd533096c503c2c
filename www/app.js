// dxsim page: a thin view over the Rust core (www/pkg, built by `cargo xtask build`).
// The core owns the data, defaults, ranges, rules, words, numbers and charts; the page builds
// what the core describes, keeps the view and scenario in the URL hash, and asks the core for
// one recompute per animation frame. This file starts it and switches between the two views:
// the overview (every province against its goals; the first screen) and a province's page.
// The parts: ui.js (elements, words), state.js (state, link), controls.js, cards.js,
// overview.js, data-panel.js, backtest.js.

import init, * as dx from './pkg/dxsim.js';
import { state, core, shown, actions, t, pick, badge, $, OFFLINE, showAlert, scenarioJson, fullDraws, writeHash, readHash, showPendingAlert } from './state.js';
import { buildSettings, refreshControls } from './controls.js';
import { buildProvincePage, updateProvince, focusCard } from './cards.js';
import { renderOverview } from './overview.js';
import { dataBar, buildDataPanel, restoreDataset, loadLinkedDataset, forgetDataset, keepDataset } from './data-panel.js';
import { buildBacktest } from './backtest.js';

// ---------- recompute scheduling ----------

let frame = 0, refineTimer = 0, quickOnly = true;
let lastGood = '{}'; // the last scenario the core ran: a failed run puts it back

/** Recompute on the next animation frame (latest state wins); `quick` while a slider moves. */
function schedule(quick) {
  quickOnly &&= quick;
  if (frame) return;
  // Said until the run is shown (a full run of every province takes a moment).
  if (!$('status').textContent) $('status').textContent = t('computing');
  frame = requestAnimationFrame(() => {
    frame = 0;
    const full = fullDraws();
    const draws = quickOnly && state.view === 'province' ? Math.min(full, core.limits.quick_draws) : full;
    quickOnly = true;
    clearTimeout(refineTimer);
    compute(draws);
    if (draws < full) {
      $('status').textContent = t('refining');
      refineTimer = setTimeout(() => { compute(full); $('status').textContent = ''; }, core.limits.refine_delay_ms);
    } else {
      $('status').textContent = '';
    }
  });
}

/**
 * One run of the core for the view in force; at full draws the link is written. A failed run
 * (a value the core refuses) puts the last good scenario back and says why.
 */
function compute(draws) {
  try {
    if (state.view === 'overview') {
      drawOverview();
    } else {
      shown.view = dx.runWithSummary(scenarioJson(draws), state.province, state.lang);
      updateProvince();
      if (state.focusIndicator) { focusCard(state.focusIndicator); state.focusIndicator = null; }
    }
    lastGood = JSON.stringify(state.scenario);
    if (draws === fullDraws()) writeHash();
  } catch (e) {
    if (JSON.stringify(state.scenario) !== lastGood) {
      state.scenario = JSON.parse(lastGood);
      refreshControls();
    }
    showAlert(t('bad_input', e.message));
  }
}

// ---------- the overview ----------

const overviewChoice = { year: 'all', sort: 'map', expanded: new Set() };
let overviewKey = '';

/** The overview under the scenario, recomputed only when the scenario, language or data changed. */
function drawOverview() {
  const key = `${scenarioJson()}|${state.lang}|${core.ds.version}|${state.imported ? state.imported.length : 0}`;
  if (key === overviewKey) return;
  shown.overview = dx.overview(scenarioJson(), state.lang);
  overviewKey = key;
  renderOverview($('overview-body'), shown.overview, {
    w: { t, pick, badge }, lang: state.lang, pillars: core.ds.pillars, choice: overviewChoice, prefix: 'ov',
    open: (province, indicator) => show('province', province, indicator),
  });
}

// ---------- building the page ----------

/** Words and parts shared by both views: title, switches, language, footer. */
function buildChrome() {
  document.documentElement.lang = state.lang;
  document.title = `dxsim — ${t('app_title')}`;
  for (const [id, key] of [['app-title', 'app_title'], ['tagline', 'tagline'], ['province-label', 'province'], ['lang-label', 'language'], ['skip-link', 'skip'],
    ['view-label', 'view'], ['show-overview', 'overview'], ['show-province', 'province_page'], ['overview-title', 'overview_title'], ['overview-help', 'overview_help'],
    ['version-label', 'data_version']]) $(id).textContent = t(key);
  $('method').textContent = `${t('method')}: ${t('method_text')}`;
  $('version').textContent = dx.version();
  const asOf = dx.newestDataYear();
  for (const id of ['overview-as-of', 'data-as-of']) $(id).textContent = asOf ? t('data_as_of', asOf) : '';
  for (const code of ['vi', 'en']) $(`lang-${code}`).setAttribute('aria-pressed', String(state.lang === code));
  for (const v of ['overview', 'province']) $(`show-${v}`).setAttribute('aria-pressed', String(state.view === v));
  const sel = $('province-select');
  sel.replaceChildren(...core.ds.provinces.map((p) => new Option(pick(p), p.id)));
  sel.value = state.province;
  sel.disabled = false;
  $('overview').hidden = state.view !== 'overview';
  $('province-view').hidden = state.view !== 'province';
}

/** Rebuilds the page for the view, province and language in force (results follow). */
function rebuild() {
  dataBar();
  buildChrome();
  overviewKey = '';
  if (state.view === 'province') {
    shown.specs = dx.assumptions(state.province);
    shown.view = null;
    buildSettings();
    buildProvincePage();
  }
  buildDataPanel();
  buildBacktest();
}

/** Shows a view: the overview, or a province's page (its card for `indicator` brought forward). */
function show(view, province, indicator) {
  state.view = view;
  if (province) state.province = province;
  state.focusIndicator = indicator || null;
  rebuild();
  schedule(false);
  if (view === 'overview') $('overview-title').focus();
}

Object.assign(actions, { schedule, rebuild, show });

// ---------- start ----------

async function main() {
  // Forget and Keep work whatever happens below.
  $('forget-dataset').addEventListener('click', forgetDataset);
  $('keep-dataset').addEventListener('click', keepDataset);
  dataBar();
  try {
    await init();
  } catch (e) {
    $('status').textContent = '';
    showAlert(`Không tải được mô hình WebAssembly / The WebAssembly model could not be loaded: ${e && e.message ? e.message : e}`);
    return;
  }
  try {
    Object.assign(core, {
      ready: true, ds: dx.dataset(), ui: dx.uiStrings(), verdicts: dx.verdictWords(), rules: dx.rules(), presets: dx.presets(), limits: dx.limits(),
    });
    core.builtin = core.ds.provinces.map((p) => p.id);
    state.province = core.ds.provinces[0].id;
    const linkUrl = OFFLINE ? null : new URLSearchParams(location.search).get('dataset');
    restoreDataset(linkUrl);
    const first = readHash();
    state.linkNamedProvince = first.province;
    // A link's hash may name a province of its data: judged once that has loaded.
    state.hashDeferred = !!linkUrl && !first.ok;
    if (!state.hashDeferred) showPendingAlert(); else state.pendingAlert = null;
    // Warm the engine with a small run so the first real recompute is fast.
    dx.run('{"draws": 200}', state.province, state.lang);
    $('province-select').addEventListener('change', () => show('province', $('province-select').value));
    $('show-overview').addEventListener('click', () => show('overview'));
    $('show-province').addEventListener('click', () => show('province'));
    for (const code of ['vi', 'en']) {
      $(`lang-${code}`).addEventListener('click', () => { if (state.lang !== code) { state.lang = code; rebuild(); schedule(false); } });
    }
    window.addEventListener('hashchange', () => {
      const before = JSON.stringify([state.view, state.province, state.lang, state.scenario]);
      readHash();
      showPendingAlert();
      if (JSON.stringify([state.view, state.province, state.lang, state.scenario]) !== before) { rebuild(); schedule(false); }
    });
    rebuild();
    $('app').hidden = false;
    $('status').textContent = '';
    compute(fullDraws());
    if (linkUrl) loadLinkedDataset(linkUrl);
  } catch (e) {
    // Never a page stuck on "Loading…": say what went wrong; Forget stays in the bar.
    $('status').textContent = '';
    showAlert(e && e.message ? e.message : String(e));
    dataBar();
  }
  document.body.dataset.ready = 'true';
}

main();
