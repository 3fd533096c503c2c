// End-to-end tests of the embeds, the offline edition and the Content-Security-Policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, settle, openDownloadedOffline, BASE, SHOTS } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

// A news site on another origin: `cargo xtask test` serves tests/e2e/host/ on a second localhost
// port (DXSIM_HOST), without our CSP, with {{APP}} replaced by the app's URL.
const HOST = process.env.DXSIM_HOST || 'http://127.0.0.1:8001/';
async function hostPage(file, { colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 }, colorScheme });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error' && !/favicon/.test(m.location().url)) page.problems.push(m.text()); });
  page.on('pageerror', (e) => page.problems.push(e.message));
  await page.goto(`${HOST}${file}`, { waitUntil: 'domcontentloaded' });
  return page;
}

test('an iframe embed on another origin resizes to its content with no inner scrollbar', async () => {
  const page = await hostPage('iframe.html');
  const frame = page.frameLocator('#f');
  await frame.locator('body[data-ready="true"]').waitFor({ timeout: 20000 });
  await page.waitForFunction(() => parseInt(document.getElementById('f').style.height, 10) > 300, null, { timeout: 20000 });
  await page.waitForFunction(() => parseInt(document.getElementById('s').style.height, 10) > 200, null, { timeout: 20000 });
  for (const id of ['f', 's']) {
    const outer = await page.locator(`#${id}`).evaluate((f) => f.getBoundingClientRect().height);
    const inner = await page.frameLocator(`#${id}`).locator('html').evaluate((h) => [h.scrollHeight, h.clientHeight]);
    assert.ok(Math.abs(outer - inner[0]) <= 1, `${id}: iframe ${outer}px vs content ${inner[0]}px`);
    assert.ok(inner[0] <= inner[1] + 1, `${id}: inner scrollbar ${inner}`);
  }
  assert.equal(await frame.locator('.dxe-title').innerText(), 'Provincial digital transformation index (DTI) rank');
  assert.equal(await frame.locator('.dxe-chart svg').count(), 1);
  const href = await frame.locator('a.dxe-open').getAttribute('href');
  assert.match(href, /index\.html#v=.*p=hung-yen.*lang=en.*i=dti_rank/);
  assert.ok(await page.frameLocator('#s').locator('.dxe-counts').count() >= 1, 'scoreboard without indicator');
  assert.deepEqual(page.problems, []);
  await page.screenshot({ path: `${SHOTS}embed-iframe-host.png`, fullPage: true });
  await page.context().close();
});

test('the iframe is resized even when the host helper starts after the embed rendered', async () => {
  const page = await hostPage('late.html');
  await page.frameLocator('#f').locator('body[data-ready="true"]').waitFor({ timeout: 20000 });
  assert.equal(await page.locator('#f').evaluate((f) => f.style.height), '100px');
  await page.addScriptTag({ url: `${BASE}dxsim-embed.js`, type: 'module' });
  await page.waitForFunction(() => parseInt(document.getElementById('f').style.height, 10) > 300, null, { timeout: 10000 });
  await page.context().close();
});

test('two <dx-sim> elements survive hostile host CSS; changing an attribute updates one', async () => {
  const page = await hostPage('hostile.html');
  await page.waitForFunction(() => ['a', 'b'].every((id) => document.getElementById(id).dataset.ready === 'true'), null, { timeout: 20000 });
  for (const id of ['a', 'b']) {
    const style = await page.locator(`#${id}`).evaluate((e) => {
      const t = e.shadowRoot.querySelector('.dxe-title');
      const cs = getComputedStyle(t);
      return { color: cs.color, size: cs.fontSize, svg: e.shadowRoot.querySelectorAll('svg').length };
    });
    assert.notEqual(style.color, 'rgb(255, 0, 0)', `${id}: host colour leaked in`);
    assert.equal(style.size, '17px', `${id}: host font size leaked in`);
    assert.equal(style.svg, 1);
  }
  // Sliders only where asked, never when static.
  assert.equal(await page.locator('#a').evaluate((e) => e.shadowRoot.querySelectorAll('input[type=range]').length), 2);
  assert.equal(await page.locator('#b').evaluate((e) => e.shadowRoot.querySelectorAll('input[type=range]').length), 0);
  // The light-DOM fallback is not shown once rendered; the host's own DOM is untouched.
  assert.equal(await page.locator('#a').evaluate((e) => e.textContent.trim()), 'Fallback A');
  assert.equal(await page.locator('body > *').count(), 2);
  const before = await page.locator('#b').evaluate((e) => e.shadowRoot.querySelector('.dxe-title').textContent);
  await page.locator('#b').evaluate((e) => e.setAttribute('lang', 'vi'));
  await page.waitForFunction((b) => document.getElementById('b').shadowRoot.querySelector('.dxe-title').textContent !== b, before, { timeout: 10000 });
  assert.equal(await page.locator('#b').evaluate((e) => e.shadowRoot.querySelector('.dxe-title').textContent), 'Xếp hạng chỉ số chuyển đổi số cấp tỉnh (DTI)');
  // A slider recomputes the card.
  const sentence = () => page.locator('#a').evaluate((e) => e.shadowRoot.querySelector('.dxe-sentence').textContent);
  const s0 = await sentence();
  await page.locator('#a').evaluate((e) => { const r = e.shadowRoot.querySelector('input[type=range]'); r.value = '30'; r.dispatchEvent(new Event('input')); });
  await page.waitForFunction((s) => document.getElementById('a').shadowRoot.querySelector('.dxe-sentence').textContent !== s, s0, { timeout: 10000 });
  assert.match(await sentence(), /30%\/năm/);
  assert.deepEqual(page.problems, []);
  await page.screenshot({ path: `${SHOTS}embed-script-hostile-css.png`, fullPage: true });
  await page.context().close();
});

test('unknown province or indicator gives a clear in-box message', async () => {
  const page = await hostPage('errors.html');
  const msg = (id) => page.locator(`#${id}`).evaluate((e) => e.shadowRoot.querySelector('[role=alert]').textContent);
  await page.waitForFunction(() => ['p', 'i', 'x', 'h'].every((id) => document.getElementById(id).dataset.ready === 'true'), null, { timeout: 20000 });
  // Hostile attribute values are shown as text, never as markup.
  assert.match(await msg('h'), /p: got "><img src=x onerror=/);
  assert.equal(await page.locator('#h').evaluate((e) => e.shadowRoot.querySelectorAll('img, script').length), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.match(await msg('p'), /p: got atlantis; allowed: one of hai-duong/);
  assert.match(await msg('i'), /indicator: got de_share; allowed: .*smartphone_users/);
  assert.match(await msg('x'), /provinces\.hai-duong\.indicators\.de_share\.growth: got 999/);
  const frame = await open(browser, 'embed.html?province=hai-duong&theme=neon');
  assert.match(await frame.locator('[role=alert]').innerText(), /theme: got neon; allowed: auto, light or dark/);
  await frame.context().close();
  await page.context().close();
});

test('the offline file opened from file:// renders every province with zero network requests', async () => {
  const file = `${process.env.DXSIM_DIST || new URL('../../dist', import.meta.url).pathname}/dxsim-offline.html`;
  const size = readFileSync(file).length;
  assert.ok(size < 600 * 1024, `offline file ${size} bytes`);
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(`file://${file}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  for (const id of ['hai-duong', 'hung-yen', 'khanh-hoa', 'hau-giang', 'national']) {
    await page.locator('#province-select').selectOption(id);
    await settle(page);
    assert.ok(await page.locator('article.card .chart svg').count() >= 3, id);
  }
  assert.match(await page.locator('#version').innerText(), /^2026\./);
  assert.doesNotMatch(await page.locator('body').innerText(), /\b(null|undefined|NaN)\b/);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
  assert.match(readFileSync(await csv.path(), 'utf8'), /province,indicator,year/);
  assert.deepEqual(requests, [`file://${file}`], 'only the file itself');
  assert.deepEqual(problems, []);
  await context.close();
});

test('"download as offline HTML" bakes the current scenario into the single file', async () => {
  const page = await open(browser, '#p=khanh-hoa&g.khanh-hoa.dti_rank=3');
  await settle(page);
  const sentences = await page.locator('.verdict .sentence').allInnerTexts();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#download-offline').click()]);
  const { page: offline, requests, path } = await openDownloadedOffline(browser, dl);
  assert.match(readFileSync(path, 'utf8'), /<meta name="dxsim-link" content="v=[^"]*g\.khanh-hoa\.dti_rank=3/);
  assert.deepEqual(await offline.locator('.verdict .sentence').allInnerTexts(), sentences);
  assert.equal(requests.length, 1);
  await offline.close();
  await page.context().close();
});

test('markup in a link is shown inert on the app page', async () => {
  const page = await open(browser, '#p=%3Cimg%20src%3Dx%20onerror%3Dwindow.pwned%3D1%3E');
  await settle(page);
  assert.match(await page.locator('#alert').innerText(), /p: got <img src=x onerror=window\.pwned=1>/);
  assert.equal(await page.locator('#alert img').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await page.context().close();
});

test('app and embed pages run under the strict CSP with no violations', async () => {
  for (const path of ['', '#p=hai-duong', 'embed.html?province=hai-duong&indicator=de_share&controls=growth', 'embed.html?view=overview']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations = [];
    await page.exposeFunction('reportViolation', (v) => violations.push(v));
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    const response = await page.goto(BASE + path);
    assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
    await page.waitForTimeout(300);
    assert.deepEqual(violations, [], path);
    assert.deepEqual(problems, [], path);
    await context.close();
  }
});

test('the Embed button shows both snippets for the current view and scenario', async () => {
  const page = await open(browser, '#p=hai-duong&seed=5');
  await settle(page);
  await page.locator('#card-de_share .embed-button').click();
  const iframe = await page.locator('#embed-iframe').inputValue();
  const script = await page.locator('#embed-script').inputValue();
  assert.match(iframe, /<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html\?v=[^"]*&amp;province=hai-duong&amp;indicator=de_share/);
  assert.match(iframe, /seed=5/);
  assert.match(script, /<dx-sim province="hai-duong" indicator="de_share" lang="vi" theme="auto" controls="growth,uncertainty" scenario="v=[^"]*seed=5">[^<]*Hải Dương[^<]*<a href="http:\/\/127\.0\.0\.1:\d+\/index\.html#v=[^"]*p=hai-duong[^"]*seed=5">dxsim<\/a><\/dx-sim>$/);
  await page.locator('#embed-close').click();
  assert.equal(await page.locator('#embed-dialog').isVisible(), false);
  await page.context().close();
});
