// Accessibility measured: axe-core (npm devDependency) on every kind of page — the overview, a
// province page with everything unfolded, both embeds and the offline file — in light and dark
// colours; 0 violations required. axe is injected with a script tag, which the strict CSP of the
// served pages would refuse: these contexts (and only these) bypass the CSP; the CSP itself is
// tested in embed.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { launch, BASE } from './helpers.mjs';

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const HOST = process.env.DXSIM_HOST || 'http://127.0.0.1:8001/';
const DIST = process.env.DXSIM_DIST || fileURLToPath(new URL('../../dist', import.meta.url));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

/** Every axe violation on the page, as lines naming the rule and the first elements. */
async function violations(url, { colorScheme, ready = 'body[data-ready="true"]', prepare }) {
  const context = await browser.newContext({ bypassCSP: true, colorScheme, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector(ready, { timeout: 20000 });
  // Let recomputes settle (the status line empties) where the page has one.
  await page.waitForFunction(() => !document.getElementById('status') || document.getElementById('status').textContent === '', null, { timeout: 10000 });
  if (prepare) await prepare(page);
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => (await window.axe.run(document)).violations
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' > ')).join('; ')}`));
  await context.close();
  return found;
}

/** Unfolds everything a reader can unfold: every <details> and every folded province. */
async function unfoldAll(page) {
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    for (const b of document.querySelectorAll('.ov-fold[aria-expanded="false"]')) b.click();
  });
  // The back-test is computed when opened.
  await page.waitForFunction(() => !document.getElementById('backtest-body') || document.querySelector('#backtest-body .bt-sentence'), null, { timeout: 20000 });
}

const PAGES = [
  ['the overview', `${BASE}`, { prepare: unfoldAll }],
  ['a province page', `${BASE}#p=hai-duong`, { prepare: unfoldAll }],
  ['a province page in English', `${BASE}#p=khanh-hoa-2025&lang=en`, {}],
  ['the iframe embed of a goal', `${BASE}embed.html?province=hai-duong&indicator=de_share&controls=growth,uncertainty`, {}],
  ['the iframe embed of a scoreboard', `${BASE}embed.html?province=national&lang=en&theme=dark`, {}],
  ['the iframe embed of the overview', `${BASE}embed.html?view=overview`, { prepare: unfoldAll }],
  ['<dx-sim> goal and overview in a news article', `${HOST}article.html`, { ready: '#card[data-ready="true"]', prepare: async (page) => page.waitForSelector('#ov[data-ready="true"]') }],
  ['the offline file', `file://${DIST}/dxsim-offline.html`, { prepare: unfoldAll }],
];

for (const [name, url, opts] of PAGES) {
  test(`axe finds no violation on ${name}, light and dark`, async () => {
    for (const colorScheme of ['light', 'dark']) {
      assert.deepEqual(await violations(url, { ...opts, colorScheme }), [], `${name}, ${colorScheme}`);
    }
  });
}
