// Bring your own province: a dataset file (loaded by hand, one of the examples, a `?dataset=`
// link's, one stored from an earlier visit, or one baked into an offline file), validated and
// merged beside the built-in data by the core; the panel that loads one, and the bar above the
// app that says which data is in use, with "Keep this data" and "Forget the loaded data".

import * as dx from './pkg/dxsim.js';
import { el, fetchText, DATASET_TIMEOUT_MS } from './ui.js';
import { state, core, actions, t, pick, $, OFFLINE, readHash, showPendingAlert } from './state.js';

const DATASET_KEY = 'dxsim:dataset';
const EXAMPLES = ['da-nang', 'quang-ninh', 'tien-giang'];
let linkLoad = null; // the AbortController of a `?dataset=` load in progress

function storedDataset() {
  try { return localStorage.getItem(DATASET_KEY); } catch { return null; }
}

/** The names of the provinces the loaded file adds. */
const addedNames = () => core.ds.provinces.filter((p) => !core.builtin.includes(p.id)).map((p) => pick(p)).join(', ');

/**
 * The bar above the app: which loaded data is in use (or a progress note or error about it), with
 * "Keep this data" for a link's data and "Forget the loaded data". It lives outside the app, so it
 * stays reachable whatever state the page is in, even before the core has loaded.
 */
export function dataBar() {
  const bar = $('data-bar');
  if (!bar) return;
  const keep = $('keep-dataset'), forget = $('forget-dataset');
  if (core.ui) { keep.textContent = t('keep_dataset'); forget.textContent = t('forget_dataset'); }
  const linked = !OFFLINE && new URLSearchParams(location.search).has('dataset');
  let message = state.dataMessage ? state.dataMessage.text : '';
  if (!message && state.imported && core.ds) message = t(state.importSource === 'link' ? 'dataset_from_link' : 'dataset_loaded', addedNames());
  $('data-bar-text').textContent = message;
  bar.classList.toggle('is-error', !!(state.dataMessage && state.dataMessage.error));
  bar.setAttribute('role', state.dataMessage && state.dataMessage.error ? 'alert' : 'status');
  keep.hidden = !(state.imported && state.importSource === 'link');
  forget.hidden = !(state.imported || storedDataset() || linked);
  bar.hidden = !message && forget.hidden;
}

/** "Your own data": load a dataset file (validated and merged by the core). */
export function buildDataPanel() {
  $('data-title').textContent = t('your_data');
  const status = el('p', { class: 'rationale', id: 'data-status', 'aria-live': 'polite', text: state.imported ? t('dataset_loaded', addedNames()) : '' });
  const input = el('input', { type: 'file', id: 'dataset-file', accept: '.json,application/json' });
  input.addEventListener('change', async () => {
    const f = input.files && input.files[0];
    if (f) useDataset(await f.text(), 'file');
  });
  const examples = OFFLINE ? null : el('p', {}, t('examples'), ...EXAMPLES.flatMap((id) => [' ', el('button', { type: 'button', class: 'link', 'data-example': id, text: id, onclick: async () => {
    try {
      useDataset(await fetchText(`examples/${id}.json`), 'file');
    } catch (e) { dataStatus(e.message, true); }
  } })]));
  $('data-body').replaceChildren(...[el('p', { class: 'rationale', text: t('your_data_help') }),
    el('label', { for: 'dataset-file', text: t('load_dataset') }), ' ', input, examples, status].filter(Boolean));
}

/** A message about the loaded data: in the data panel when it is there, and always in the bar
 * above the app (looked up now: the panel is rebuilt with every view). */
function dataStatus(text, error) {
  const status = $('data-status');
  if (status) status.textContent = text;
  state.dataMessage = text ? { text, error } : null;
  dataBar();
}

/** Back to the built-in data: the stored file, the link's file and the loaded one are all
 * forgotten. Works in any state; before the core runs, by reloading without them. */
export function forgetDataset() {
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
  if (!core.ready) { location.reload(); return; }
  dx.resetDataset();
  core.ds = dx.dataset();
  if (!core.ds.provinces.some((p) => p.id === state.province)) { state.province = core.ds.provinces[0].id; state.scenario = {}; }
  actions.rebuild();
  $('app').hidden = false;
  actions.schedule(false);
}

/** A link's data is for this visit; keeping it for later visits is the reader's choice. */
export function keepDataset() {
  try {
    localStorage.setItem(DATASET_KEY, state.imported);
    state.importSource = 'stored';
    dataStatus(t('dataset_kept', addedNames()), false);
  } catch (e) {
    dataStatus(e && e.message ? e.message : String(e), true);
  }
}

/**
 * Loads a dataset file's text: the core validates it and merges it beside the built-in data.
 * `source` is where it came from: a file loaded by hand ('file') is kept for later visits, a
 * link's ('link') is for this visit only, 'stored' and 'baked' (the offline file) are already
 * where they live. Unless `quiet`, the page shows the first added province. On failure it says
 * what is wrong (field, value, what is allowed) where it is always visible, and keeps the
 * current data. Returns the added province ids, or null.
 */
function useDataset(text, source, quiet) {
  try {
    const added = dx.loadDataset(text);
    state.imported = text;
    state.importSource = source;
    state.dataMessage = null;
    core.ds = dx.dataset();
    if (!OFFLINE && source === 'file') { try { localStorage.setItem(DATASET_KEY, text); } catch { /* too large or unavailable: kept for this visit */ } }
    if (!quiet) { state.scenario = {}; actions.show('province', added[0]); }
    dataBar();
    return added;
  } catch (e) {
    const key = { link: 'dataset_link_failed', stored: 'stored_dataset_dropped' }[source] || 'bad_dataset';
    dataStatus(t(key, source === 'link' ? t('bad_dataset', e.message) : e.message), true);
    return null;
  }
}

/**
 * A dataset to use from the start: the one baked into an offline file, or the one kept from an
 * earlier visit (not when a link names its own: that one is for this visit, loaded beside the
 * page by `loadLinkedDataset`). Stored data that no longer loads is dropped, saying so.
 */
export function restoreDataset(linkUrl) {
  const baked = $('dxsim-dataset');
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
export async function loadLinkedDataset(url) {
  const start = `${state.view}:${state.province}`;
  const ctl = new AbortController();
  linkLoad = ctl;
  dataStatus(t('dataset_loading', url), false);
  let text = null, failure = null;
  try {
    text = await fetchText(new URL(url, location.href), ctl);
  } catch (e) {
    failure = e.timedOut ? t('dataset_timeout', url, DATASET_TIMEOUT_MS / 1000) : (e && e.message) || String(e);
  }
  // Forgotten meanwhile: nothing to show.
  if (linkLoad !== ctl) return;
  linkLoad = null;
  const added = failure === null ? useDataset(text, 'link', true) : null;
  if (failure !== null) dataStatus(t('dataset_link_failed', failure), true);
  // The reader went elsewhere meanwhile: stay there.
  const moved = `${state.view}:${state.province}` !== start;
  let named = state.linkNamedProvince;
  if (state.hashDeferred) {
    // The hash named something only the file has: read it now (or say what is wrong with it).
    state.hashDeferred = false;
    named = readHash().province;
    showPendingAlert();
  }
  if (added && !named && !moved) { state.scenario = {}; actions.show('province', added[0]); return; }
  actions.rebuild();
  actions.schedule(false);
}
