// The iframe embed: renders the card or scoreboard named by the query string, and tells the
// host page its height (postMessage {type: 'dxsim:resize', height}) whenever it changes, so the
// host-side helper in dxsim-embed.js can size the iframe without an inner scrollbar.

import { render } from './embed-core.js';

const root = document.getElementById('dxe-root');
const params = new URLSearchParams(location.search);
const controls = (params.get('controls') || '').split(',').filter(Boolean);
const query = location.search.slice(1).split('&').filter((p) => !p.startsWith('controls=')).join('&');

let last = 0;
function report() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height !== last && window.parent !== window) {
    last = height;
    window.parent.postMessage({ type: 'dxsim:resize', height }, '*');
  }
}
new ResizeObserver(report).observe(document.documentElement);
// The host's helper may start after our first report; it pings, and we answer with our height.
window.addEventListener('message', (event) => {
  if (event.source === window.parent && event.data && event.data.type === 'dxsim:ping') {
    last = 0;
    report();
  }
});

render(root, { query, appUrl: new URL('index.html', location.href).href, controls, level: 1 }).then(() => {
  document.body.dataset.ready = 'true';
  report();
  // Late layout changes (fonts, a busy host) can miss the observer's first pass: report again.
  for (const ms of [100, 500, 1500]) setTimeout(() => { last = 0; report(); }, ms);
});
