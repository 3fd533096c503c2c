// The province page: the answer first (the province's verdicts in one sentence and the chart of
// the goal to watch), the scoreboard, then a card per goal (chart, verdicts, pace, progress so
// far, data table, sources, the goal's sliders), the context figures and qualitative goals.
// Numbers are the core's text (dx.formatNumbers, the view's sentences); the only markup
// inserted is the SVG the core renders, which escapes every text in it.

import * as dx from './pkg/dxsim.js';
import { el, download, hostOf } from './ui.js';
import { state, core, shown, actions, t, pick, badge, $, nums, percent, OFFLINE, scenarioJson } from './state.js';
import { controlRow, refreshControls, setAssumption, showEmbed } from './controls.js';

/** Builds the province page for `state.province` (its results arrive with `updateProvince`). */
export function buildProvincePage() {
  const { ds } = core;
  const province = ds.provinces.find((p) => p.id === state.province);
  const note = $('province-note');
  note.hidden = !province.note;
  note.textContent = province.note ? pick(province.note) : '';
  buildMergerNote(province);
  $('scoreboard-title').textContent = t('scoreboard');
  $('settings-title').textContent = t('run_settings');
  $('lead-title').textContent = t('summary');
  $('lead-summary').textContent = '';
  $('lead-goal').textContent = '';
  const pillars = $('pillars');
  pillars.textContent = '';
  shown.cards = new Map();
  const simulated = ds.indicators.filter((i) => province.targets.some((x) => x.indicator === i.id));
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
  $('context-body').replaceChildren(...contextInds.map((ind) => el('div', { class: 'context-item' }, el('h3', { text: pick(ind) }),
    el('ul', { class: 'sources' }, ...province.observations.filter((o) => o.indicator === ind.id)
      .map((o) => sourceItem('observed', o.year, nums([o.value])[0], o.source, [o.derivation && `${t('derived')}: ${o.derivation}`, pick(o.note)]))))));
  $('qualitative').hidden = !province.qualitative.length;
  $('qualitative-title').textContent = t('qualitative');
  $('qualitative-body').replaceChildren(...province.qualitative.map((q) => sourceItem('target', q.year, pick(q.text), q.source, [])));
}

/** What an old province became in the 2025 merger, with its source and the new province. */
function buildMergerNote(province) {
  const box = $('merger-note');
  const sentence = dx.mergerNote(province.id, state.lang);
  box.textContent = '';
  box.hidden = !sentence;
  if (!sentence) return;
  const m = core.ds.mergers.find((x) => x.from === province.id);
  box.append(sentence, ' ', el('a', { href: m.source.url, rel: 'noopener noreferrer', target: '_blank', text: t('source') }));
  if (m.into_province) {
    box.append(' ', el('button', { type: 'button', class: 'link', id: 'go-merged', text: t('see_merged', pick(m.into)), onclick: () => {
      state.scenario = {};
      actions.show('province', m.into_province);
    } }));
  }
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
  const range = (r) => (r ? `${t('start_range')}: ${nums(r).join('–')}.` : '');
  for (const o of province.observations.filter((x) => x.indicator === ind.id).sort((a, b) => a.year - b.year)) {
    list.append(sourceItem(o.proxy ? 'proxy' : 'observed', o.year, nums([o.value])[0], o.source, [o.proxy && `${pick(o.proxy)}.`, range(o.range), o.derivation && `${t('derived')}: ${o.derivation}`, pick(o.note)]));
  }
  for (const a of province.assumptions.filter((x) => x.indicator === ind.id)) {
    list.append(sourceItem('assumption', a.year, nums([a.value])[0], null, [a.placeholder ? `${t('placeholder')}.` : '', range(a.range), pick(a.rationale)]));
  }
  for (const tg of province.targets.filter((x) => x.indicator === ind.id)) {
    list.append(sourceItem('target', tg.year, `${tg.comparator} ${nums([tg.value])[0]}`, tg.source, [tg.reference && t('reference'), pick(tg.note)]));
  }
  return el('details', { class: 'provenance' }, el('summary', { text: t('sources') }), list);
}

/**
 * A chart as a PNG at twice its size, for slides: the core's standalone SVG drawn into a canvas
 * of twice the chart's size (its viewBox, read from the same chart on the page) through an Image
 * from a data: URL. The CSP allows data: images, not blob: ones; an image document keeps the
 * SVG's own <style> to itself (parsing it into the page would apply it, which the CSP refuses),
 * draws the vector at the canvas's size and leaves the canvas readable.
 */
export async function chartPng(svgText, { width, height }) {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await img.decode();
  const canvas = el('canvas', { width: 2 * width, height: 2 * height });
  canvas.getContext('2d').drawImage(img, 0, 0, 2 * width, 2 * height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG'))), 'image/png'));
}

function buildCard(province, ind) {
  const id = ind.id;
  const chart = el('div', { class: 'chart', id: `chart-${id}` });
  const verdicts = el('div', { class: 'verdicts' });
  const controls = el('div', { class: 'card-controls' }, el('h4', { text: t('growth_controls') }));
  // A rank simulated with every peer: its odds chart and what drives the model.
  const ranking = province.ranking_unit && (core.ds.rankings || []).find((r) => r.indicator === id);
  const odds = el('div', { class: 'odds', id: `odds-${id}` });
  const peerNote = ranking ? el('p', { class: 'note peer-note', text: `${pick(ranking.note)} ${t('peer_required')}` }) : null;
  for (const spec of shown.specs.filter((s) => s.indicator === id)) controls.append(controlRow(spec, `${spec.kind}-${id}`));
  const table = el('details', { class: 'data-table' }, el('summary', { text: t('data_table') }), el('div', { class: 'table-wrap', id: `table-${id}` }));
  const standalone = () => dx.chartSvg(scenarioJson(), state.province, id, state.lang);
  const links = el('div', { class: 'card-links' },
    el('button', { type: 'button', class: 'link svg-button', text: t('download_svg'), onclick: () => download(`dxsim-${state.province}-${id}.svg`, 'image/svg+xml', standalone()) }),
    el('button', { type: 'button', class: 'link png-button', text: t('download_png'), onclick: async () => {
      download(`dxsim-${state.province}-${id}.png`, 'image/png', await chartPng(standalone(), chart.querySelector('svg').viewBox.baseVal));
    } }),
    OFFLINE ? null : el('button', { type: 'button', class: 'link embed-button', text: t('embed'), onclick: () => showEmbed(id) }));
  // Focusable (not in the tab order) so that the overview and the summary can bring it forward.
  const card = el('article', { class: 'card', id: `card-${id}`, tabindex: '-1', 'aria-labelledby': `title-${id}` },
    el('h3', { id: `title-${id}`, text: pick(ind) }),
    el('div', { class: 'card-body' }, el('div', { class: 'card-main' }, chart, links, odds, peerNote, verdicts, table), controls),
    provenance(province, ind));
  shown.cards.set(id, { chart, odds, verdicts, table: table.querySelector('.table-wrap'), card, label: pick(ind) });
  return card;
}

/** Brings a goal's card forward (from the overview, a link's `i=` or the summary). */
export function focusCard(indicator) {
  const card = $(`card-${indicator}`);
  if (card) card.focus();
}

/**
 * The goal to watch, shown first: the first goal whose verdict is a likelihood (a projection)
 * or already missed, nearest target year first (dataset order within a year); where every goal
 * is achieved or lacks data, the first goal. Achieved goals need no attention, and a goal
 * without a start claims nothing; a missed or uncertain one is what a reader came to see.
 */
function keyGoal(assessments) {
  const open = assessments.filter((a) => a.basis === 'projection' || a.status === 'missed');
  return [...open].sort((a, b) => a.year - b.year)[0] || assessments[0];
}

/** The answer first: the summary sentence and the goal to watch, with its chart. */
function updateLead(view, charts) {
  $('lead-summary').textContent = view.summary_sentence;
  const box = $('lead-goal');
  const a = keyGoal(view.assessments);
  if (!a) { box.textContent = ''; return; }
  const card = shown.cards.get(a.indicator);
  // The card's chart again, its ids renamed so that each stays unique in the page.
  const chart = el('div', { class: 'chart lead-chart' });
  chart.innerHTML = charts.get(a.indicator) || '';
  for (const e of chart.querySelectorAll('[id]')) e.id = `lead-${e.id}`;
  const svg = chart.querySelector('svg');
  if (svg) svg.setAttribute('aria-labelledby', svg.getAttribute('aria-labelledby').split(' ').map((x) => `lead-${x}`).join(' '));
  box.replaceChildren(
    el('h3', { class: 'lead-goal-title' }, el('span', { class: 'lead-kicker', text: `${t('key_goal')}: ` }), card ? card.label : a.indicator, ` (${a.year})`),
    el('p', { class: 'lead-verdict', 'data-status': a.status }, badge(a.status), a.basis === 'projection' ? el('span', { class: 'lead-prob', text: ` ${t('probability')}: ${percent(a.probability)}` }) : null),
    el('p', { class: 'sentence', text: pick(a.sentence) }),
    el('button', { type: 'button', class: 'link', id: 'lead-open', text: t('open_card'), onclick: () => focusCard(a.indicator) }),
    chart);
}

/** The verdict counts per target year, and per pillar. */
function updateScoreboard(view) {
  const statuses = core.verdicts.status;
  $('scoreboard-body').replaceChildren(...view.summary.map((y) => {
    const list = el('ul', { class: 'counts' });
    for (const { id } of statuses) {
      const n = y.counts[id] || 0;
      if (n) list.append(el('li', {}, badge(id), el('span', { class: 'count', text: ` ${n}` })));
    }
    const byPillar = el('table', { class: 'by-pillar' }, el('caption', { class: 'visually-hidden', text: t('targets_of_year', y.year) }),
      el('thead', {}, el('tr', {}, el('td', {}), ...statuses.map((s) => el('th', { scope: 'col', text: pick(s.label) })))),
      el('tbody', {}, ...Object.entries(y.by_pillar).map(([pid, counts]) => el('tr', {}, el('th', { scope: 'row', text: pick(core.ds.pillars.find((p) => p.id === pid)) }),
        ...statuses.map((s) => el('td', { text: String(counts[s.id] || 0) }))))));
    return el('div', { class: 'year-block', 'data-year': y.year }, el('h3', { text: `${t('targets_of_year', y.year)} (${y.total})` }), list, el('details', {}, el('summary', { text: t('scoreboard') }), byPillar));
  }));
}

/** One verdict of a card: the headline, the sentence, the facts, the pace and progress so far. */
function verdictRow(view, a, growthSpec) {
  const status = core.verdicts.status.find((s) => s.id === a.status);
  const facts = el('dl', { class: 'facts' });
  const add = (k, v) => facts.append(el('div', {}, el('dt', { text: k }), el('dd', { text: v })));
  // The headline: a likelihood, a reported outcome, or no claim at all (no start reported).
  if (a.basis === 'projection') {
    const unit = growthSpec ? ` ${pick(growthSpec.unit)}` : '';
    const hasRequired = a.required !== null && a.required !== undefined;
    // The core writes a missing required pace (NaN) as "—".
    const [assumed, required] = nums([a.assumed, hasRequired ? a.required : NaN]);
    add(t('probability'), percent(a.probability));
    add(t('assumed'), `${assumed}${unit}`);
    add(t('required'), hasRequired ? `${required}${unit}` : required);
    add(t('first_met'), a.first_met_median ? String(a.first_met_median) : t('not_by_horizon', view.horizon));
  }
  const row = el('div', { class: 'verdict', 'data-year': a.year, 'data-status': a.status, 'data-pace': a.pace.status, 'data-progress': a.progress_so_far.status },
    el('div', { class: 'verdict-head' }, el('span', { class: 'year', text: `${a.year}` }), badge(a.status), el('span', { class: 'rule', text: pick(status.rule) })),
    el('p', { class: 'sentence', text: pick(a.sentence) }), facts);
  // The pace (Open SDG rule on the printed numbers) is second; progress so far reads
  // reported data only and no slider changes it.
  if (a.basis === 'projection') row.append(el('p', { class: 'pace', title: pick(core.rules.pace_rule), text: pick(a.pace_text) }));
  row.append(el('p', { class: 'so-far', title: pick(core.rules.progress_rule), 'data-progress': a.progress_so_far.status }, el('span', { class: 'label', text: `${t('progress_so_far')}: ` }),
    pick(a.progress_text).replace(/^[^:]*:\s*/, ''), el('span', { class: 'rationale', text: ` (${t('progress_so_far_note')})` })));
  if (a.basis === 'no_data' && shown.specs.some((s) => s.kind === 'start' && s.indicator === a.indicator)) {
    row.append(el('p', { class: 'enter-start' }, el('button', { type: 'button', class: 'link enter-start-button', text: t('enter_start'), onclick: () => {
      const input = $(`start-${a.indicator}-n`);
      if (input) { input.focus(); input.select(); }
    } })));
  }
  if (a.reference) row.append(el('p', { class: 'note', text: t('reference') }));
  if (a.basis === 'projection' && growthSpec && a.required !== null && a.required !== undefined && Math.abs(a.required - a.assumed) > 1e-9) {
    const within = a.required >= growthSpec.min && a.required <= growthSpec.max;
    row.append(el('button', { type: 'button', class: 'set-required', disabled: !within, 'data-year': a.year, text: t('set_required'),
      onclick: () => { setAssumption(growthSpec, Math.round(a.required * 100) / 100, null); refreshControls(); } }));
  }
  return row;
}

/** The chart's data table (its text alternative, with the sentence above). */
function dataTable(view, proj, label) {
  const rows = view.seriesRows;
  const block = (r) => view.series.subarray(proj.offset + r * proj.len, proj.offset + (r + 1) * proj.len);
  const text = rows.map((r, k) => (k === 0 ? Array.from(block(0), String) : nums(block(k))));
  const body = el('tbody');
  for (let i = 0; i < proj.len; i++) body.append(el('tr', {}, ...rows.map((r, k) => el(k === 0 ? 'th' : 'td', { scope: k === 0 ? 'row' : null, text: text[k][i] }))));
  return el('table', {}, el('caption', { text: label }),
    el('thead', {}, el('tr', {}, ...rows.map((r) => el('th', { scope: 'col', text: r === 'years' ? t('year') : t(`col_${r}`) })))), body);
}

/** Shows the last run (`shown.view`): the answer first, the scoreboard, every card. */
export function updateProvince() {
  const view = shown.view;
  if (!view) return;
  const charts = new Map(view.charts);
  updateLead(view, charts);
  updateScoreboard(view);
  for (const proj of view.projections) {
    const card = shown.cards.get(proj.indicator);
    if (!card) continue;
    // While a slider moves, most cards do not change: skip those (the chart encodes every number
    // the card shows, and the verdict rows also depend on the language, which rebuilds cards).
    const svg = charts.get(proj.indicator) || '';
    const oddsSvg = charts.get(`${proj.indicator}:odds`) || '';
    const key = `${svg.length}:${svg}${oddsSvg}`;
    if (card.key === key) continue;
    card.key = key;
    card.chart.innerHTML = svg;
    card.odds.innerHTML = oddsSvg;
    const growthSpec = shown.specs.find((s) => s.kind === 'growth' && s.indicator === proj.indicator);
    card.verdicts.replaceChildren(...view.assessments.filter((x) => x.indicator === proj.indicator).map((a) => verdictRow(view, a, growthSpec)));
    card.table.replaceChildren(dataTable(view, proj, card.label));
  }
  refreshControls();
}
