// Shared by the iframe embed (embed.js) and the script embed (dxsim-embed.js): loads the wasm core
// once per page and renders one goal card, a province scoreboard, or the overview of every
// province (`view=overview`) into a root element. Words, numbers, verdicts, sentences and the
// chart SVG all come from the core; data text is set with textContent. Nothing here touches
// anything outside the given root.

import init, * as dx from './pkg/dxsim.js';
import { el, words, setOverride, hostOf, fetchText, DATASET_TIMEOUT_MS } from './ui.js';
import { renderOverview } from './overview.js';

let loading = null;

/** The core, initialised once however many embeds the page holds. */
export function load() {
  loading ??= init().then(() => ({ ds: dx.dataset(), ui: dx.uiStrings(), verdicts: dx.verdictWords() }));
  return loading;
}

const datasets = new Map();
let loadedUrl = null; // the file the shared core holds beside the built-in data

/**
 * Fetches a dataset file named by an embed (`dataset=URL`) once per URL, given up after
 * DATASET_TIMEOUT_MS. The text is merged into the shared core by `useDataset`, only for a
 * render that is still current.
 */
function fetchDataset(url) {
  if (!datasets.has(url)) {
    datasets.set(url, fetchText(url).catch((e) => {
      datasets.delete(url); // a later render may try again
      throw e;
    }));
  }
  return datasets.get(url);
}

/** One imported dataset per page: the core holds the built-in data plus one file. */
function useDataset(url, text) {
  if (loadedUrl !== url) {
    dx.loadDataset(text);
    loadedUrl = url;
  }
}

/** A message in the box, with a link to the app: an embed is never left blank. */
function showError(root, cls, message, linkText, appUrl) {
  root.replaceChildren(el('div', { class: `${cls} dxe-error`, role: 'alert' }, el('p', { text: message }),
    el('a', { href: appUrl, target: '_blank', rel: 'noopener', text: linkText })));
  return true;
}

/**
 * Renders an embed into `root`.
 * - `query`: the embed query (`province=…&indicator=…&lang=…&theme=…&static=1` + scenario keys,
 *   `dataset=URL`, or `view=overview` for every province against its goals).
 * - `appUrl`: the full app's URL, for the "open full scenario" link.
 * - `controls`: which sliders to attach (`growth`, `uncertainty`), ignored when static.
 * - `current`: says whether this render is still the latest for `root`; a render that is not
 *   (its element's attributes changed while it waited for the core or a dataset) leaves `root`
 *   alone, so the latest attributes always win.
 * - `level`: the title's heading level (1 in the iframe page, which is a document of its own;
 *   2 inside a host's article).
 * Returns whether it drew; errors are shown inside the box with a link to the app, never a blank box.
 */
export async function render(root, { query, appUrl, controls = [], current = () => true, level = 2 }) {
  let core;
  try {
    core = await load();
  } catch (e) {
    if (!current()) return false;
    return showError(root, 'dxe', `WebAssembly: ${e && e.message ? e.message : e}`, 'dxsim', appUrl);
  }
  if (!current()) return false;
  try {
    return await renderInto(root, core, { query, appUrl, controls, current, level });
  } catch (e) {
    // Whatever a dataset or attribute holds, the box says so rather than staying blank.
    if (!current()) return false;
    return showError(root, 'dxe', words(core, { lang: 'vi' }).t('embed_error', e && e.message ? e.message : String(e)), 'dxsim', appUrl);
  }
}

async function renderInto(root, core, { query, appUrl, controls, current, level }) {
  const shown = { lang: 'vi' };
  const { t, pick, badge } = words(core, shown);
  let { ds } = core;
  let link, opts;
  // `dataset=URL` (fetching) and `view=overview` (which view) are the page's business, not the
  // link's: taken out of the query.
  const params = new URLSearchParams(query);
  const datasetUrl = params.get('dataset');
  const overview = params.get('view') === 'overview';
  query = query.split('&').filter((kv) => !kv.startsWith('dataset=') && kv !== 'view=overview').join('&');
  const absoluteDataset = datasetUrl ? new URL(datasetUrl, root.ownerDocument.baseURI).href : null;
  try {
    if (datasetUrl) {
      // A progress note while the file comes (the first render only: later ones keep the card).
      if (!root.querySelector('.dxe')) root.replaceChildren(el('p', { class: 'dxe dxe-loading', role: 'status', text: t('embed_loading') }));
      const text = await fetchDataset(absoluteDataset);
      if (!current()) return false;
      useDataset(absoluteDataset, text);
      ds = dx.dataset();
    }
    [link, opts] = dx.decodeEmbedQuery(query);
  } catch (e) {
    if (!current()) return false;
    const why = e.timedOut ? t('dataset_timeout', datasetUrl, DATASET_TIMEOUT_MS / 1000) : e.message;
    return showError(root, 'dxe', t('embed_error', why), t('open_full'), appUrl);
  }
  const lang = (shown.lang = link.view.lang || 'vi');
  const province = link.view.province || ds.provinces[0].id;
  const indicator = link.view.indicator || null;
  const scenario = link.scenario || {};
  const themeClass = `dxe theme-${opts.theme}`;
  const p = ds.provinces.find((x) => x.id === province);
  if (!overview && indicator && !p.targets.some((x) => x.indicator === indicator)) {
    const allowed = [...new Set(p.targets.map((x) => x.indicator))].join(', ');
    return showError(root, themeClass, t('embed_error', `indicator: got ${indicator}; allowed: ${allowed}`), t('open_full'), appUrl);
  }
  /** The app at a province (and goal), or at the overview, under this scenario and data. */
  const appLink = (at, goal) => `${appUrl}${absoluteDataset ? `?dataset=${encodeURIComponent(absoluteDataset)}` : ''}#${dx.encodeHash(JSON.stringify({ province: at, lang, indicator: goal || undefined }), JSON.stringify(scenario))}`;
  const percent = (fraction) => t('percent', dx.formatNumbers(Float64Array.of(fraction * 100), 0, lang)[0]);

  const box = el('div', { class: themeClass, lang });
  const body = el('div', { class: 'dxe-body' });
  const linkEl = el('a', { class: 'dxe-open', href: appLink(overview ? undefined : province, indicator), target: '_blank', rel: 'noopener', text: t('open_full') });
  const sources = el('p', { class: 'dxe-source' });
  const title = overview ? t('overview_title') : (indicator ? pick(ds.indicators.find((i) => i.id === indicator)) : t('scoreboard'));
  const asOf = dx.newestDataYear();
  box.append(el('header', {}, el('p', { class: 'dxe-province', text: overview ? (asOf ? t('data_as_of', asOf) : '') : pick(p) }), el(`h${level}`, { class: 'dxe-title', text: title })), body);

  const sliders = el('div', { class: 'dxe-controls' });
  const specs = overview ? [] : dx.assumptions(province);
  if (indicator && !opts.static) {
    const kinds = controls.map((c) => (c === 'uncertainty' ? 'sigma' : c)).filter((k) => k === 'growth' || k === 'sigma');
    for (const spec of specs.filter((s) => s.indicator === indicator && kinds.includes(s.kind))) {
      const id = `dxe-${spec.kind}`;
      spec.input = el('input', { type: 'range', id, min: spec.min, max: spec.max, step: spec.step, value: spec.default, 'aria-label': `${pick(spec.label)} (${pick(spec.unit)})` });
      spec.output = el('output', { for: id });
      spec.input.addEventListener('input', () => {
        setOverride(scenario, province, spec, Number(spec.input.value));
        schedule();
      });
      sliders.append(el('label', { class: 'dxe-control', for: id }, el('span', { text: `${pick(spec.label)} ` }), spec.input, spec.output));
    }
  }
  if (sliders.childElementCount) box.append(sliders);
  box.append(el('footer', {}, sources, linkEl));

  function drawCard(view) {
    const chart = el('div', { class: 'dxe-chart' });
    // The core escapes every text in the SVG it renders.
    chart.innerHTML = new Map(view.charts).get(indicator) || '';
    const verdicts = el('div', { class: 'dxe-verdicts' });
    for (const a of view.assessments.filter((x) => x.indicator === indicator)) {
      verdicts.append(el('div', { class: 'dxe-verdict', 'data-year': a.year, 'data-status': a.status },
        el('p', {}, el('strong', { text: `${a.year} ` }), badge(a.status), a.basis === 'projection' ? el('span', { class: 'dxe-prob', text: ` ${t('probability')}: ${percent(a.probability)}` }) : null),
        el('p', { class: 'dxe-sentence', text: pick(a.sentence) }),
        a.basis === 'projection' ? el('p', { class: 'dxe-pace', text: pick(a.pace_text) }) : null,
        el('p', { class: 'dxe-so-far', 'data-progress': a.progress_so_far.status, text: pick(a.progress_text) })));
    }
    body.replaceChildren(chart, verdicts);
    const proj = view.projections.find((x) => x.indicator === indicator);
    for (const spec of specs.filter((s) => s.input)) {
      const v = spec.kind === 'growth' ? proj.growth : proj.sigma;
      if (spec.input.getRootNode().activeElement !== spec.input) spec.input.value = v;
      spec.output.textContent = `${dx.formatNumbers(Float64Array.of(v), 2, lang)[0]} ${pick(spec.unit)}`;
    }
    const tg = p.targets.filter((x) => x.indicator === indicator).map((x) => x.source.seed || (x.source.url ? hostOf(x.source.url) || x.source.url : ''));
    sources.textContent = `${t('source')}: ${[...new Set(tg)].join('; ')}`;
  }

  function drawScoreboard(view) {
    body.replaceChildren(...view.summary.map((y) => {
      const list = el('ul', { class: 'dxe-counts' });
      for (const { id } of core.verdicts.status) if (y.counts[id]) list.append(el('li', {}, badge(id), el('span', { text: ` ${y.counts[id]}` })));
      const rows = el('ul', { class: 'dxe-list' });
      for (const a of view.assessments.filter((x) => x.year === y.year)) {
        rows.append(el('li', { 'data-status': a.status }, badge(a.status), el('span', { text: ` ${pick(ds.indicators.find((i) => i.id === a.indicator))}` })));
      }
      return el('section', { 'data-year': y.year }, el(`h${level + 1}`, { class: 'dxe-year', text: `${t('targets_of_year', y.year)} (${y.total})` }), list, rows);
    }));
    sources.textContent = `${t('source')}: dxsim ${dx.version()}`;
  }

  function draw() {
    try {
      if (overview) {
        renderOverview(body, dx.overview(JSON.stringify(scenario), lang), {
          w: { t, pick, badge }, lang, pillars: ds.pillars, prefix: 'dxe-ov', href: appLink,
          choice: { year: 'all', sort: 'map', expanded: new Set() },
        });
        sources.textContent = `${t('source')}: dxsim ${dx.version()}`;
        return;
      }
      const view = dx.run(JSON.stringify(scenario), province, lang);
      linkEl.href = appLink(province, indicator);
      if (indicator) drawCard(view); else drawScoreboard(view);
    } catch (e) {
      body.replaceChildren(el('p', { role: 'alert', text: t('embed_error', e.message) }));
    }
  }
  let frame = 0;
  function schedule() {
    if (!frame) frame = (root.ownerDocument.defaultView || window).requestAnimationFrame(() => { frame = 0; draw(); });
  }
  draw();
  if (!current()) return false;
  root.replaceChildren(box);
  return true;
}
