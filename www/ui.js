// Shared by the app and the embeds: building elements, the core's words, a verdict badge, the
// one way a scenario's assumption is set, fetching a data file with a timeout, and downloads.
// Nothing here knows the page's state; text from data is only ever set with textContent.

/** A data file host that has not answered by then is given up (the page's and the embeds'). */
export const DATASET_TIMEOUT_MS = 10000;

/**
 * An element: `attrs` are attributes, except `class`, `text` (its textContent) and `on…`
 * (listeners); false, null and undefined attributes are left out; children may be nodes or text.
 */
export function el(tag, attrs = {}, ...children) {
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

/**
 * The words of one view, read when called: `core` holds the core's `ui` strings and
 * `verdicts` (dx.verdictWords()), `view` the language in force (`lang`).
 * - `t(key, ...args)`: a page word with each `{}` filled in order (taken literally: a `$&` in
 *   a name stays as written);
 * - `pick(text)`: the language's side of a `{vi, en}` text;
 * - `badge(id)`: a verdict badge, its rule as the tooltip.
 */
export function words(core, view) {
  const t = (key, ...args) => {
    const entry = core.ui && core.ui[key];
    let s = entry ? entry[view.lang] : key;
    for (const a of args) s = s.replace('{}', () => String(a));
    return s;
  };
  const pick = (text) => (text ? text[view.lang] : '');
  const badge = (id) => {
    const w = core.verdicts.status.find((s) => s.id === id);
    return el('span', { class: `badge status-${id}`, title: w ? pick(w.rule) : null, text: w ? pick(w.label) : id });
  };
  return { t, pick, badge };
}

/**
 * Sets one assumption of a province in a scenario (the core's Scenario JSON): its GRDP growth,
 * or an indicator's `growth`, `sigma`, `start` or `peer_pace` (the spec's kind).
 */
export function setOverride(scenario, province, spec, value) {
  const po = ((scenario.provinces ??= {})[province] ??= {});
  if (spec.kind === 'grdp_growth') po.grdp_growth = value;
  else ((po.indicators ??= {})[spec.indicator] ??= {})[spec.kind] = value;
}

/** The host name of a source address, or null where this browser cannot parse it: a bad field
 * shows as text, never as a dead page. */
export function hostOf(url) {
  try { return new URL(url).hostname; } catch { return null; }
}

/**
 * A data file's text, given up after DATASET_TIMEOUT_MS or when `ctl` aborts. Throws an Error;
 * one thrown by the timeout has `timedOut` set, so that the caller can say so in its words.
 */
export async function fetchText(url, ctl = new AbortController()) {
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; ctl.abort(); }, DATASET_TIMEOUT_MS);
  try {
    const res = await fetch(url, { signal: ctl.signal });
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return await res.text();
  } catch (e) {
    throw Object.assign(e instanceof Error ? e : new Error(String(e)), { timedOut });
  } finally {
    clearTimeout(timer);
  }
}

/** Saves `data` (text or a Blob) as a file named `name`. */
export function download(name, type, data) {
  const url = URL.createObjectURL(data instanceof Blob ? data : new Blob([data], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
