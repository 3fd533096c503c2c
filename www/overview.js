// The overview: every province against its goals, as the core's `dx.overview` gives it, for the
// app's first screen and the overview embed. A table with a column per pillar, each goal an
// entry with its verdict badge and probability that opens the goal (a button in the app, a link
// in an embed); old provinces folded under the province they became; a target-year filter and a
// sort by the share of goals likely met. On a narrow screen style.css / overview.css turn each
// row into a card. Words and numbers come from the core; data text is set with textContent.

import * as dx from './pkg/dxsim.js';
import { el } from './ui.js';

/**
 * Draws `ov` into `root`.
 * - `w`: the words ({t, pick, badge}) and `lang`, the language in force;
 * - `pillars`: the dataset's pillars, in order (the columns);
 * - `open(province, indicator)`: what choosing an entry does (the app), or `href(province,
 *   indicator)`: where its link goes (an embed); `indicator` is null for the province itself;
 * - `choice`: `{year, sort, expanded}`, the reader's choices, kept by the caller across redraws
 *   (`year` 'all' or a target year; `sort` 'map' or 'share'; `expanded` a Set of province ids);
 * - `prefix`: for the ids, unique in the document.
 */
export function renderOverview(root, ov, { w, lang, pillars, open, href, choice, prefix }) {
  const { t, pick, badge } = w;
  const shares = dx.formatNumbers(Float64Array.from(ov.rows.map((r) => r.likely_share * 100)), 0, lang);
  const shareText = new Map(ov.rows.map((r, k) => [r.province, t('percent', shares[k])]));
  const action = (cls, province, indicator, ...content) => (href
    ? el('a', { class: cls, href: href(province, indicator), target: '_blank', rel: 'noopener' }, ...content)
    : el('button', { type: 'button', class: cls, 'data-province': province, 'data-indicator': indicator, onclick: () => open(province, indicator) }, ...content));
  const wrap = el('div', { class: 'ov-wrap' });

  const yearLabel = el('span', { id: `${prefix}-year-label`, class: 'ov-control-label', text: t('target_year') });
  const yearButtons = ['all', ...ov.years].map((y) => el('button', {
    type: 'button', 'data-year': y, 'aria-pressed': String(choice.year === y), text: y === 'all' ? t('all_years') : String(y),
    onclick: () => {
      choice.year = y;
      for (const b of yearButtons) b.setAttribute('aria-pressed', String(b.dataset.year === String(y)));
      draw();
    },
  }));
  const sort = el('select', { id: `${prefix}-sort` },
    el('option', { value: 'map', text: t('sort_map') }), el('option', { value: 'share', text: t('sort_share') }));
  sort.value = choice.sort;
  sort.addEventListener('change', () => { choice.sort = sort.value; draw(); });
  const controls = el('div', { class: 'ov-controls' },
    el('div', { class: 'ov-years', role: 'group', 'aria-labelledby': yearLabel.id }, yearLabel, ...yearButtons),
    el('div', { class: 'ov-sort' }, el('label', { for: sort.id, class: 'ov-control-label', text: t('sort_by') }), sort));

  function draw() {
    const cellsOf = (row) => row.cells.filter((c) => choice.year === 'all' || c.year === choice.year);
    const columns = pillars.filter((p) => ov.rows.some((r) => cellsOf(r).some((c) => c.pillar === p.id)));
    // An old province is folded under the one it became when the data has that one.
    const known = new Set(ov.rows.map((r) => r.province));
    const folded = (r) => !!r.merged_into && known.has(r.merged_into);
    const parents = ov.rows.filter((r) => !folded(r));
    // Stable: equal shares keep the core's order (today's map).
    if (choice.sort === 'share') parents.sort((a, b) => b.likely_share - a.likely_share);
    const head = el('tr', {}, el('th', { scope: 'col', text: t('province') }),
      el('th', { scope: 'col', class: 'ov-share', 'aria-sort': choice.sort === 'share' ? 'descending' : null, text: t('likely_share') }),
      ...columns.map((p) => el('th', { scope: 'col', text: pick(p) })));
    const body = el('tbody');
    // A row; `kids` are the rows of the old provinces folded under it.
    const rowOf = (row, kids, child) => {
      const th = el('th', { scope: 'row' }, action('ov-province', row.province, null, row.name));
      if (kids.length) {
        const fold = el('button', { type: 'button', class: 'ov-fold', 'aria-expanded': String(choice.expanded.has(row.province)), 'aria-controls': kids.map((k) => k.id).join(' '),
          text: t('former_provinces', kids.map((k) => k.dataset.name).join(', ')) });
        fold.addEventListener('click', () => {
          const now = !choice.expanded.delete(row.province);
          if (now) choice.expanded.add(row.province);
          fold.setAttribute('aria-expanded', String(now));
          for (const k of kids) k.hidden = !now;
        });
        th.append(fold);
      }
      const tr = el('tr', { id: `${prefix}-row-${row.province}`, class: child ? 'ov-row ov-child' : 'ov-row', 'data-province': row.province, 'data-name': row.name, hidden: child && !choice.expanded.has(row.merged_into) },
        th, el('td', { class: 'ov-share', 'data-label': t('likely_share'), text: shareText.get(row.province) }));
      for (const p of columns) {
        const cells = cellsOf(row).filter((c) => c.pillar === p.id);
        const list = el('ul', { class: 'ov-goals' });
        for (const c of cells) {
          list.append(el('li', { 'data-status': c.status, 'data-year': c.year },
            action('ov-goal', row.province, c.indicator, badge(c.status), c.probability ? el('span', { class: 'ov-prob', text: ` ${c.probability}` }) : null,
              el('span', { class: 'ov-label', text: ` ${c.label}` }), el('span', { class: 'ov-year', text: ` ${c.year}` }))));
        }
        tr.append(el('td', { class: cells.length ? 'ov-cell' : 'ov-cell ov-empty', 'data-label': pick(p) }, cells.length ? list : el('span', { class: 'visually-hidden', text: t('no_goal') })));
      }
      return tr;
    };
    for (const parent of parents) {
      const kids = ov.rows.filter((r) => folded(r) && r.merged_into === parent.province).map((k) => rowOf(k, [], true));
      body.append(rowOf(parent, kids, false), ...kids);
    }
    wrap.replaceChildren(el('table', { class: 'ov-table' }, el('caption', { class: 'visually-hidden', text: t('overview_title') }), el('thead', {}, head), body));
  }
  draw();
  root.classList.add('ov');
  root.replaceChildren(controls, wrap);
}
