// "How well does this model predict?": the back-test of the data in use, run by the core when
// the panel is opened (and again after a change of language or data), words and numbers its own.

import * as dx from './pkg/dxsim.js';
import { el } from './ui.js';
import { state, t, $ } from './state.js';

export function buildBacktest() {
  $('backtest-title').textContent = t('backtest_title');
  $('backtest-summary').textContent = t('backtest_show');
  $('backtest-note').textContent = t('backtest_note');
  const details = $('backtest-details');
  const body = $('backtest-body');
  const key = `${state.lang}|${state.imported ? state.imported.length : 0}`;
  if (body.dataset.key !== key) { body.textContent = ''; delete body.dataset.key; }
  const fill = () => {
    if (body.dataset.key === key) return;
    body.dataset.key = key;
    let bt;
    try { bt = dx.backtest(state.lang); } catch (e) { body.textContent = e.message; return; }
    const scores = el('table', { class: 'by-pillar' }, el('caption', { class: 'visually-hidden', text: t('backtest_coverage') }),
      el('thead', {}, el('tr', {}, el('td', {}), el('th', { scope: 'col', text: t('backtest_cases') }), el('th', { scope: 'col', text: t('backtest_coverage') }))),
      el('tbody', {}, ...bt.scores.map((s) => el('tr', {}, el('th', { scope: 'row', text: s.family }), el('td', { text: String(s.cases) }), el('td', { text: s.coverage })))));
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
