// Shared by the iframe embed (embed.js) and the script embed (dxsim-embed.js): loads the wasm core
// once per page and renders one goal card, or a province scoreboard, into a root element. Words,
// numbers, verdicts, sentences and the chart SVG all come from the core; data text is set with
// textContent. Nothing here touches anything outside the given root.

import init, * as dx from './pkg/dxsim.js';

let loading = null;

/** The core, initialised once however many embeds the page holds. */
export function load() {
  loading ??= init().then(() => ({ ds: dx.dataset(), ui: dx.uiStrings(), statuses: dx.statuses() }));
  return loading;
}

const datasets = new Map();
const DATASET_TIMEOUT_MS = 10000; // a dataset host that has not answered by then is given up
let loadedUrl = null; // the file the shared core holds beside the built-in data

/**
 * Fetches a dataset file named by an embed (`dataset=URL`) once per URL, given up after
 * DATASET_TIMEOUT_MS. The text is merged into the shared core by `useDataset`, only for a
 * render that is still current.
 */
function fetchDataset(url) {
  if (!datasets.has(url)) {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), DATASET_TIMEOUT_MS);
    datasets.set(url, fetch(url, { signal: ctl.signal }).then((res) => {
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      return res.text();
    }).catch((e) => {
      datasets.delete(url); // a later render may try again
      throw ctl.signal.aborted ? new Error(`${url}: no answer within ${DATASET_TIMEOUT_MS / 1000} s`) : e;
    }).finally(() => clearTimeout(timer)));
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

/** The host name of a source address, or null where this browser cannot parse it. */
function hostOf(url) {
  try { return new URL(url).hostname; } catch { return null; }
}

function el(doc, tag, attrs = {}, ...children) {
  const e = doc.createElement(tag);
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

/**
 * Renders an embed into `root`.
 * - `query`: the embed query (`province=…&indicator=…&lang=…&theme=…&static=1` + scenario keys).
 * - `appUrl`: the full app's URL, for the "open full scenario" link.
 * - `controls`: which sliders to attach (`growth`, `uncertainty`), ignored when static.
 * - `current`: says whether this render is still the latest for `root`; a render that is not
 *   (its element's attributes changed while it waited for the core or a dataset) leaves `root`
 *   alone, so the latest attributes always win.
 * Returns whether it drew; errors are shown inside the box with a link to the app, never a blank box.
 */
export async function render(root, { query, appUrl, controls = [], current = () => true }) {
  const doc = root.ownerDocument;
  let core;
  try {
    core = await load();
  } catch (e) {
    if (!current()) return false;
    root.replaceChildren(el(doc, 'div', { class: 'dxe dxe-error', role: 'alert' },
      el(doc, 'p', { text: `WebAssembly: ${e && e.message ? e.message : e}` }),
      el(doc, 'a', { href: appUrl, target: '_blank', rel: 'noopener', text: 'dxsim' })));
    return true;
  }
  if (!current()) return false;
  try {
    return await renderInto(root, doc, core, { query, appUrl, controls, current });
  } catch (e) {
    // Whatever a dataset or attribute holds, the box says so rather than staying blank.
    if (!current()) return false;
    const t = (key, arg) => (core.ui[key] ? core.ui[key].vi.replace('{}', arg) : arg);
    root.replaceChildren(el(doc, 'div', { class: 'dxe dxe-error', role: 'alert' }, el(doc, 'p', { text: t('embed_error', e && e.message ? e.message : String(e)) }),
      el(doc, 'a', { href: appUrl, target: '_blank', rel: 'noopener', text: 'dxsim' })));
    return true;
  }
}

async function renderInto(root, doc, core, { query, appUrl, controls, current }) {
  const { ui, statuses } = core;
  let { ds } = core;
  let lang = 'vi';
  const t = (key, ...args) => { let s = ui[key] ? ui[key][lang] : key; for (const a of args) s = s.replace('{}', a); return s; };
  const pick = (x) => (x ? x[lang] : '');
  let link, opts;
  // `dataset=URL` is the page's business (fetching), not the core's: taken out of the query.
  const params = new URLSearchParams(query);
  const datasetUrl = params.get('dataset');
  query = query.split('&').filter((kv) => !kv.startsWith('dataset=')).join('&');
  try {
    if (datasetUrl) {
      // A progress note while the file comes (the first render only: later ones keep the card).
      if (!root.querySelector('.dxe')) root.replaceChildren(el(doc, 'p', { class: 'dxe dxe-loading', role: 'status', text: t('embed_loading') }));
      const text = await fetchDataset(new URL(datasetUrl, doc.baseURI).href);
      if (!current()) return false;
      useDataset(new URL(datasetUrl, doc.baseURI).href, text);
      ds = dx.dataset();
    }
    [link, opts] = dx.decodeEmbedQuery(query);
  } catch (e) {
    if (!current()) return false;
    root.replaceChildren(el(doc, 'div', { class: 'dxe dxe-error', role: 'alert' }, el(doc, 'p', { text: t('embed_error', e.message) }), el(doc, 'a', { href: appUrl, target: '_blank', rel: 'noopener', text: t('open_full') })));
    return true;
  }
  lang = link.view.lang || 'vi';
  const province = link.view.province || ds.provinces[0].id;
  const indicator = link.view.indicator || null;
  const scenario = link.scenario || {};
  const isStatic = opts.static;
  const themeClass = `dxe theme-${opts.theme}`;
  const specs = dx.assumptions(province);
  const p = ds.provinces.find((x) => x.id === province);
  if (indicator && !p.targets.some((x) => x.indicator === indicator)) {
    const allowed = [...new Set(p.targets.map((x) => x.indicator))].join(', ');
    root.replaceChildren(el(doc, 'div', { class: `${themeClass} dxe-error`, role: 'alert' },
      el(doc, 'p', { text: t('embed_error', `indicator: got ${indicator}; allowed: ${allowed}`) }),
      el(doc, 'a', { href: appUrl, target: '_blank', rel: 'noopener', text: t('open_full') })));
    return true;
  }

  const badge = (id) => {
    const s = statuses.find((x) => x[0] === id);
    return el(doc, 'span', { class: `badge status-${id}`, title: pick(s[2]), text: pick(s[1]) });
  };
  const absoluteDataset = datasetUrl ? new URL(datasetUrl, doc.baseURI).href : null;
  const fullLink = () => `${appUrl}${absoluteDataset ? `?dataset=${encodeURIComponent(absoluteDataset)}` : ''}#${dx.encodeHash(JSON.stringify({ province, lang, indicator }), JSON.stringify(scenario))}`;

  const box = el(doc, 'div', { class: themeClass, lang });
  const body = el(doc, 'div', { class: 'dxe-body' });
  const linkEl = el(doc, 'a', { class: 'dxe-open', href: fullLink(), target: '_blank', rel: 'noopener', text: t('open_full') });
  const title = indicator ? pick(ds.indicators.find((i) => i.id === indicator)) : t('scoreboard');
  box.append(el(doc, 'header', {}, el(doc, 'p', { class: 'dxe-province', text: lang === 'vi' ? p.vi : p.en }), el(doc, 'h2', { class: 'dxe-title', text: title })), body);

  const sliders = el(doc, 'div', { class: 'dxe-controls' });
  if (indicator && !isStatic) {
    const kinds = controls.map((c) => (c === 'uncertainty' ? 'sigma' : c)).filter((k) => k === 'growth' || k === 'sigma');
    for (const spec of specs.filter((s) => s.indicator === indicator && kinds.includes(s.kind))) {
      const id = `dxe-${spec.kind}`;
      const input = el(doc, 'input', { type: 'range', min: spec.min, max: spec.max, step: spec.step, value: spec.default, 'aria-label': `${pick(spec.label)} (${pick(spec.unit)})` });
      const out = el(doc, 'output', { text: '' });
      input.addEventListener('input', () => {
        scenario.provinces = scenario.provinces || {};
        const po = (scenario.provinces[province] = scenario.provinces[province] || {});
        po.indicators = po.indicators || {};
        const o = (po.indicators[indicator] = po.indicators[indicator] || {});
        o[spec.kind] = Number(input.value);
        schedule();
      });
      sliders.append(el(doc, 'label', { class: 'dxe-control', for: id }, el(doc, 'span', { text: `${pick(spec.label)} ` }), input, out));
      input.id = id;
      spec.input = input;
      spec.output = out;
    }
  }
  if (sliders.childElementCount) box.append(sliders);
  const sources = el(doc, 'p', { class: 'dxe-source' });
  box.append(el(doc, 'footer', {}, sources, linkEl));

  function draw() {
    let view;
    try {
      view = dx.run(JSON.stringify(scenario), province, lang);
    } catch (e) {
      body.replaceChildren(el(doc, 'p', { role: 'alert', text: t('embed_error', e.message) }));
      return;
    }
    linkEl.href = fullLink();
    const nf = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 2 });
    if (indicator) {
      const chart = el(doc, 'div', { class: 'dxe-chart' });
      // The core escapes every text in the SVG it renders.
      chart.innerHTML = new Map(view.charts).get(indicator) || '';
      const verdicts = el(doc, 'div', { class: 'dxe-verdicts' });
      for (const a of view.assessments.filter((x) => x.indicator === indicator)) {
        verdicts.append(el(doc, 'div', { class: 'dxe-verdict', 'data-year': a.year, 'data-status': a.status },
          el(doc, 'p', {}, el(doc, 'strong', { text: `${a.year} ` }), badge(a.status), a.basis === 'projection' ? el(doc, 'span', { class: 'dxe-prob', text: ` ${t('probability')}: ${nf.format(Math.round(a.probability * 100))}%` }) : null),
          el(doc, 'p', { class: 'dxe-sentence', text: pick(a.sentence) }),
          a.basis === 'projection' ? el(doc, 'p', { class: 'dxe-pace', text: pick(a.pace_text) }) : null,
          el(doc, 'p', { class: 'dxe-so-far', 'data-progress': a.progress_so_far.status, text: pick(a.progress_text) })));
      }
      body.replaceChildren(chart, verdicts);
      const proj = view.projections.find((x) => x.indicator === indicator);
      for (const spec of specs.filter((s) => s.input)) {
        const v = spec.kind === 'growth' ? proj.growth : proj.sigma;
        if (doc.activeElement !== spec.input && spec.input.getRootNode().activeElement !== spec.input) spec.input.value = v;
        spec.output.textContent = `${nf.format(v)} ${pick(spec.unit)}`;
      }
      const tg = p.targets.filter((x) => x.indicator === indicator).map((x) => x.source.seed || (x.source.url ? hostOf(x.source.url) || x.source.url : ''));
      sources.textContent = `${t('source')}: ${[...new Set(tg)].join('; ')}`;
    } else {
      const blocks = view.summary.map((y) => {
        const list = el(doc, 'ul', { class: 'dxe-counts' });
        for (const [id] of statuses) if (y.counts[id]) list.append(el(doc, 'li', {}, badge(id), el(doc, 'span', { text: ` ${y.counts[id]}` })));
        const rows = el(doc, 'ul', { class: 'dxe-list' });
        for (const a of view.assessments.filter((x) => x.year === y.year)) {
          rows.append(el(doc, 'li', { 'data-status': a.status }, badge(a.status), el(doc, 'span', { text: ` ${pick(ds.indicators.find((i) => i.id === a.indicator))}` })));
        }
        return el(doc, 'section', { 'data-year': y.year }, el(doc, 'h3', { text: `${t('targets_of_year', y.year)} (${y.total})` }), list, rows);
      });
      body.replaceChildren(...blocks);
      sources.textContent = `${t('source')}: dxsim ${dx.version()}`;
    }
  }
  let frame = 0;
  function schedule() {
    if (!frame) frame = (doc.defaultView || window).requestAnimationFrame(() => { frame = 0; draw(); });
  }
  draw();
  if (!current()) return false;
  root.replaceChildren(box);
  return true;
}
