// dxsim for news pages. One script tag gives both embed styles:
//
//   <script type="module" src="https://…/dxsim-embed.js"></script>
//   <iframe src="https://…/embed.html?province=hai-duong&indicator=de_share" …></iframe>   ← resized
//   <dx-sim province="hai-duong" indicator="de_share" lang="vi" theme="auto" controls="growth,uncertainty">
//     fallback text shown when scripts or WebAssembly are unavailable
//   </dx-sim>
//   <dx-sim view="overview" lang="en"></dx-sim>   ← every province against its goals
//
// It defines nothing global besides the <dx-sim> element name and one message listener; each
// element renders into its own Shadow DOM, so neither page's CSS leaks into the other, and all
// elements share one WebAssembly instance.

import { render } from './embed-core.js';

const BASE = new URL('.', import.meta.url);

// Host-side helper for the iframe embed: size each dxsim iframe to the height it reports.
window.addEventListener('message', (event) => {
  const d = event.data;
  if (!d || d.type !== 'dxsim:resize' || !Number.isFinite(d.height)) return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) frame.style.height = `${Math.min(Math.max(Math.ceil(d.height), 40), 10000)}px`;
  }
});

// Iframes that rendered before this script ran already sent their height: ask them again.
for (const frame of document.querySelectorAll('iframe')) {
  try { frame.contentWindow.postMessage({ type: 'dxsim:ping' }, '*'); } catch { /* not ours */ }
}

const ATTRS = ['view', 'province', 'indicator', 'lang', 'theme', 'static', 'controls', 'scenario', 'dataset'];

class DxSim extends HTMLElement {
  static get observedAttributes() { return ATTRS; }

  #pending = false;
  // Renders are numbered: one that finishes after a newer one started (a slow dataset, say) is
  // dropped, so the element always shows its latest attributes.
  #generation = 0;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    const sheets = ['embed.css', 'overview.css'].map((f) => {
      const css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = new URL(f, BASE).href;
      return css;
    });
    this.root = document.createElement('div');
    this.root.className = 'dxe-host-root';
    shadow.append(...sheets, this.root);
  }

  connectedCallback() { this.#schedule(); }

  attributeChangedCallback() { if (this.isConnected) this.#schedule(); }

  // Several attributes set in a row give one render.
  #schedule() {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => { this.#pending = false; this.#render(); });
  }

  async #render() {
    const generation = ++this.#generation;
    const current = () => generation === this.#generation;
    const parts = [];
    for (const a of ['view', 'province', 'indicator', 'lang', 'theme']) {
      if (this.hasAttribute(a)) parts.push(`${a}=${encodeURIComponent(this.getAttribute(a))}`);
    }
    if (this.hasAttribute('static') && this.getAttribute('static') !== '0' && this.getAttribute('static') !== 'false') parts.push('static=1');
    // A newsroom's own dataset file, resolved against the host page.
    if (this.hasAttribute('dataset')) {
      let url = this.getAttribute('dataset');
      try { url = new URL(url, document.baseURI).href; } catch { /* shown as the core's or fetch's error */ }
      parts.push(`dataset=${encodeURIComponent(url)}`);
    }
    const scenario = (this.getAttribute('scenario') || '').replace(/^[#?]/, '');
    if (scenario) parts.push(scenario);
    const controls = (this.getAttribute('controls') || '').split(',').map((s) => s.trim()).filter(Boolean);
    await render(this.root, { query: parts.join('&'), appUrl: new URL('index.html', BASE).href, controls, current });
    if (!current()) return;
    this.dataset.ready = 'true';
    this.dispatchEvent(new CustomEvent('dxsim:render', { bubbles: false }));
  }
}

if (!customElements.get('dx-sim')) customElements.define('dx-sim', DxSim);
