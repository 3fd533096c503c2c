// The page's state: which view (overview or a province), the language, the scenario as the
// core's Scenario JSON, and the loaded data file; what the core said once it loaded; and the
// link (URL hash), which the core encodes and decodes.

import * as dx from './pkg/dxsim.js';
import { words } from './ui.js';

// The single-file offline edition sets data-offline on <html> and may carry a scenario in
// <meta name="dxsim-link">; it has no server to embed from or fetch a copy of itself.
export const OFFLINE = document.documentElement.dataset.offline === 'true';

export const state = {
  view: 'overview', // the first screen; 'province' shows `province`
  province: null,
  lang: 'vi',
  scenario: {}, // as the core's Scenario JSON; made minimal (only what differs) whenever the link is written
  imported: null, // the text of a loaded dataset file, if any (kept for reloads and the offline file)
  importSource: null, // where it came from: 'file' (kept), 'stored', 'link' (this visit only), 'baked' (offline file)
  dataMessage: null, // {text, error}: what the data bar says instead of naming the loaded data
  hashDeferred: false, // a link's hash waits for its `?dataset=` file, which may hold its province
  linkNamedProvince: false,
  pendingAlert: null, // a bad link found before the core's words were loaded
  focusIndicator: null, // a card to focus once drawn (a link's `i=`, an overview entry)
};

/** What the core said once it loaded: the data in use, its words, the controls' limits. */
export const core = { ready: false, ds: null, builtin: [], ui: null, verdicts: null, rules: null, presets: null, limits: null };

/** What the page shows now: the province's assumptions (from the core), its last run, its
 * cards by indicator, and the last overview. */
export const shown = { specs: [], view: null, cards: new Map(), overview: null };

/** What the bootstrap (app.js) does when a part asks: recompute (`schedule(quick)`), rebuild the
 * page in force (`rebuild()`), show a view (`show(view, province, indicator)`). */
export const actions = { schedule: null, rebuild: null, show: null };

export const { t, pick, badge } = words(core, state);
export const $ = (id) => document.getElementById(id);

/** Numbers as the core writes them in the language in force (at most `digits` decimals). */
export const nums = (values, digits = 2) => dx.formatNumbers(Float64Array.from(values), digits, state.lang);

/** A chance (0–1) as the page prints it: a whole percentage. */
export const percent = (fraction) => t('percent', nums([fraction * 100], 0)[0]);

export function showAlert(message) {
  const box = $('alert');
  box.textContent = message;
  box.hidden = !message;
}

/** The scenario as JSON for the core, with `draws` replaced when given (quick passes). */
export function scenarioJson(draws) {
  return JSON.stringify(draws === undefined ? state.scenario : { ...state.scenario, draws });
}

/** The draws a full recompute uses. */
export const fullDraws = () => state.scenario.draws ?? core.limits.default_draws;

/**
 * Writes the link: the scenario made minimal by the core (overrides equal to their defaults
 * dropped), then encoded once with the view. No `p=` means the overview.
 */
export function writeHash() {
  // While a link's data loads, a hash naming a province of it is kept until it can be read.
  if (state.hashDeferred) return;
  const minimal = dx.minimalScenario(JSON.stringify(state.scenario));
  state.scenario = JSON.parse(minimal);
  const view = { lang: state.lang, province: state.view === 'province' ? state.province : undefined };
  const h = dx.encodeHash(JSON.stringify(view), minimal);
  if (location.hash.slice(1) !== h) history.replaceState(null, '', `#${h}`);
}

/**
 * Reads the link (or the one baked into an offline file). Returns whether it was valid and
 * whether it named a province; a bad one leaves the defaults and an alert for later.
 */
export function readHash() {
  const baked = document.querySelector('meta[name="dxsim-link"]');
  const hash = location.hash && location.hash !== '#' ? location.hash : (baked ? `#${baked.content}` : '');
  if (!hash || hash === '#') return { ok: true, province: false };
  try {
    const link = dx.decodeHash(hash);
    state.view = link.view.province ? 'province' : 'overview';
    if (link.view.province) state.province = link.view.province;
    if (link.view.lang) state.lang = link.view.lang;
    state.focusIndicator = link.view.indicator || null;
    state.scenario = link.scenario || {};
    // A valid link replaces whatever an earlier one said was wrong.
    state.pendingAlert = null;
    showAlert(link.warnings.join(' '));
    return { ok: true, province: !!link.view.province };
  } catch (e) {
    state.scenario = {};
    // The words come from the core, which may not know the language yet: reported later.
    state.pendingAlert = e.message;
    return { ok: false, province: false };
  }
}

/** A bad link found before the words were loaded is reported once they are. */
export function showPendingAlert() {
  if (!state.pendingAlert) return;
  showAlert(t('bad_link', state.pendingAlert));
  state.pendingAlert = null;
}
