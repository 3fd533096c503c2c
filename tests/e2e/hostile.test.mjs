// End-to-end tests of #15, hostile and careless data: the page never goes blank, and a link
// never changes what a reader sees later.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, settle, openDownloadedOffline, BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const HOST = process.env.DXSIM_HOST || 'http://127.0.0.1:8001/';
const EXAMPLE = JSON.parse(readFileSync(new URL('../../data/examples/tien-giang.json', import.meta.url), 'utf8'));
const copy = () => JSON.parse(JSON.stringify(EXAMPLE));
/** The example with the first target's source address replaced. */
const withUrl = (url) => { const d = copy(); d.provinces[0].targets[0].source = { url, quote: 'x' }; return JSON.stringify(d); };
const barText = (page) => page.locator('#data-bar-text').innerText();
const loadFile = (page, text) => page.locator('#dataset-file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from(text) });

test('every source address the core accepts is one this browser parses, to the same host', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE}bench/index.html?reps=1&warmup=0`);
  // Hosts written in Unicode, as the browser itself encodes them in punycode: all must pass.
  const words = ['việtnam', 'đànẵng', 'hànội', 'huế', 'bücher', 'mañana', '日本', 'россия', 'ελλάδα'];
  const puny = await page.evaluate((ws) => ws.map((w) => new URL(`http://${w}.vn/`).hostname), words);
  const hosts = ['example.com', 'a', 'a-b.c-d.vn', '-a.com', 'a-.com', 'ab--cd.com', 'A.COM', '127.0.0.1', '255.255.255.255', '256.1.1.1', '1.2.3',
    '01.2.3.4', 'a.123', 'a.0x', 'a.0x1g', 'a..b', 'a.b.', '.a', 'a_b.com', 'user@a.com', 'a:b@c.com', '[::1]', '[1:2:3:4:5:6:7:8]', '[::ffff:1.2.3.4]',
    '[1::2::3]', '[12345::]', '[::1.2.3]', '[fe80::1%25eth0]', '[', 'xn--zz.vn', 'xn--.com', 'xn--ss-.com', 'xn--a.com', 'việtnam.vn', 'a b.com', 'a%41.com',
    'a<b.com', 'a\\b.com', ...puny];
  const ports = ['', ':80', ':1', ':65535', ':65536', ':99999', ':0', ':', ':x', ':0080'];
  const tails = ['', '/', '/a/b?c=d#e', '/$&$\'$`', '/a b', '/"x"', '/<x>', '/a\\b', '/é', '?q=%zz', '#f', '/{}|^~[]'];
  const urls = [];
  for (const scheme of ['http://', 'https://', 'HTTP://', 'ftp://', 'javascript:', 'http:/', 'http:///']) {
    for (const h of hosts) urls.push(`${scheme}${h}/`);
  }
  for (const h of hosts) for (const p of ports) for (const tl of tails.slice(0, 3)) urls.push(`https://${h}${p}${tl}`);
  for (const tl of tails) urls.push(`https://example.com${tl}`);
  urls.push(`https://example.com/${'x'.repeat(600)}`, 'http://[', 'https://a:99999/');
  const results = await page.evaluate(async ({ urls, text }) => {
    const m = await import('/pkg/dxsim.js');
    await m.default();
    return urls.map((u) => {
      const d = JSON.parse(text);
      d.provinces[0].targets[0].source = { url: u, quote: 'x' };
      let core = null;
      try { m.loadDataset(JSON.stringify(d)); } catch (e) { core = e.message; }
      let host = null;
      try { host = new URL(u).hostname; } catch { /* refused */ }
      return { u, core, host };
    });
  }, { urls, text: JSON.stringify(EXAMPLE) });
  let accepted = 0;
  for (const { u, core, host } of results) {
    if (core === null) {
      accepted += 1;
      assert.notEqual(host, null, `the core accepts ${u}, the browser does not`);
      const written = u.split('//')[1].split(/[/?#]/)[0].replace(/:\d+$/, '').toLowerCase();
      if (!written.startsWith('[')) assert.equal(host, written, u);
    } else {
      assert.match(core, /^provinces\[0\]\.targets\[0\]\.source\.url: got /, `${u}: ${core}`);
    }
  }
  assert.ok(accepted > 100, `${accepted} accepted`);
  for (const bad of ['http://[/', 'https://a:99999/', 'http://a.123/', 'http://việtnam.vn/', 'http://xn--zz.vn/']) {
    assert.notEqual(results.find((r) => r.u === bad || r.u === bad.slice(0, -1)).core, null, bad);
  }
  for (const h of puny) assert.equal(results.find((r) => r.u === `https://${h}/`).core, null, h);
  await page.close();
});

test('a file with an address the browser refuses is refused by the core with the field; the page keeps working', async () => {
  const page = await open(browser, '#p=khanh-hoa');
  await settle(page);
  const cards = await page.locator('article.card').count();
  await loadFile(page, withUrl('http://['));
  await page.waitForFunction(() => /source\.url/.test(document.getElementById('data-bar-text').textContent));
  assert.match(await barText(page), /provinces\[0\]\.targets\[0\]\.source\.url: got "http:\/\/\["; allowed: a well-formed IPv6 address/);
  assert.match(await page.locator('#data-status').innerText(), /source\.url/);
  assert.equal(await page.locator('#province-select').inputValue(), 'khanh-hoa');
  assert.equal(await page.locator('article.card').count(), cards);
  // The next good file loads, and the message goes.
  await loadFile(page, JSON.stringify(EXAMPLE));
  await page.waitForFunction(() => document.getElementById('province-select').value === 'tien-giang');
  assert.doesNotMatch(await barText(page), /source\.url/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('stored data that no longer loads is dropped, saying so; its province link falls back to the built-in data', async () => {
  const page = await open(browser, '');
  // As an older version could have stored it.
  await page.evaluate((text) => localStorage.setItem('dxsim:dataset', text), withUrl('https://a:99999/'));
  await page.goto(`${BASE}?visit=2#p=tien-giang`);
  await page.waitForSelector('body[data-ready="true"]');
  await settle(page);
  assert.equal(await page.locator('#app').isVisible(), true);
  // The bad link falls back to the first screen, the overview of the built-in provinces.
  assert.ok(await page.locator('#overview .ov-row').count() >= 9);
  assert.equal(await page.locator('#overview .ov-row[data-province="tien-giang"]').count(), 0);
  assert.match(await barText(page), /bỏ: provinces\[0\]\.targets\[0\]\.source\.url: got "https:\/\/a:99999\/"/);
  assert.match(await page.locator('#alert').innerText(), /p: got tien-giang/);
  assert.equal(await page.evaluate(() => localStorage.getItem('dxsim:dataset')), null);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a field this browser cannot parse shows as text, never as a dead page or a blank embed', async () => {
  const context = await browser.newContext();
  // A browser stricter than the core (here: one that refuses this host) must still render.
  await context.addInitScript(() => {
    const Real = window.URL;
    window.URL = class extends Real {
      constructor(u, b) {
        if (String(u).includes('refused-by-this-browser')) throw new TypeError('Invalid URL');
        super(u, b);
      }
    };
  });
  const text = withUrl('https://refused-by-this-browser.example/x');
  await context.route('**/test-data/odd.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: text }));
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(BASE);
  await page.waitForSelector('body[data-ready="true"]');
  await loadFile(page, text);
  await page.waitForFunction(() => document.getElementById('province-select').value === 'tien-giang');
  await settle(page);
  assert.ok(await page.locator('article.card .chart svg').count() >= 1);
  const first = EXAMPLE.provinces[0].targets[0].indicator;
  assert.match(await page.locator(`#card-${first} .provenance`).evaluate((e) => e.textContent), /https:\/\/refused-by-this-browser\.example\/x/);
  // The iframe embed of the same file.
  const embed = await context.newPage();
  embed.on('pageerror', (e) => problems.push(e.message));
  await embed.goto(`${BASE}embed.html?dataset=test-data/odd.json&province=tien-giang&indicator=${first}`);
  await embed.waitForSelector('body[data-ready="true"]');
  assert.match(await embed.locator('.dxe-source').innerText(), /refused-by-this-browser/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the iframe embed with a ?dataset= file the core refuses says why in the box', async () => {
  const context = await browser.newContext();
  await context.route('**/test-data/bad.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: withUrl('http://[') }));
  const page = await context.newPage();
  await page.goto(`${BASE}embed.html?dataset=test-data/bad.json&province=tien-giang&indicator=dti_rank`);
  await page.waitForSelector('body[data-ready="true"]');
  assert.match(await page.locator('[role=alert]').innerText(), /source\.url: got "http:\/\/\["/);
  await context.close();
});

test('a ?dataset= host that never answers: the built-in page first, a progress note, then the timeout; Forget recovers', async () => {
  const page = await open(browser, '?dataset=never/dataset.json');
  await settle(page);
  // Drawn at once, beside the load: the overview of the built-in provinces.
  assert.equal(await page.locator('#app').isVisible(), true);
  assert.ok(await page.locator('#overview .ov-row').count() >= 9);
  assert.match(await barText(page), /Đang tải dữ liệu từ never\/dataset\.json/);
  assert.equal(await page.locator('#forget-dataset').isVisible(), true);
  // The page works while it waits.
  await page.locator('#province-select').selectOption('hung-yen');
  await settle(page);
  assert.ok(await page.locator('#card-dti_rank').count() === 1);
  await page.waitForFunction(() => /không trả lời sau 10 giây/.test(document.getElementById('data-bar-text').textContent), null, { timeout: 15000 });
  assert.equal(await page.locator('#province-select').inputValue(), 'hung-yen');
  await page.locator('#forget-dataset').click();
  await settle(page);
  assert.equal(await page.locator('#data-bar').isVisible(), false);
  assert.doesNotMatch(page.url(), /dataset=/);
  assert.equal(await page.locator('#province-select').inputValue(), 'hung-yen');
  assert.deepEqual(page.problems.filter((p) => !/Failed to load resource|ERR_/.test(p)), []);
  await page.context().close();
});

test('a ?dataset= link is a visit: nothing is stored unless the reader keeps it', async () => {
  const page = await open(browser, '?dataset=examples/tien-giang.json');
  await page.waitForFunction(() => document.getElementById('province-select').value === 'tien-giang');
  await settle(page);
  assert.match(await barText(page), /chỉ cho lần xem này: Tiền Giang/);
  assert.equal(await page.evaluate(() => localStorage.getItem('dxsim:dataset')), null);
  // A later visit without the link: the built-in data only.
  const later = await page.context().newPage();
  await later.goto(BASE);
  await later.waitForSelector('body[data-ready="true"]');
  assert.equal(await later.locator('#province-select option[value="tien-giang"]').count(), 0);
  assert.equal(await later.locator('#data-bar').isVisible(), false);
  await later.close();
  // The link's hash may name a province of its data.
  await page.goto(`${BASE}?dataset=examples/da-nang.json#p=da-nang&lang=en`);
  await page.waitForFunction(() => document.getElementById('province-select').value === 'da-nang');
  await settle(page);
  assert.equal(await page.locator('#alert').isVisible(), false);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  // Keeping it is the reader's choice.
  await page.locator('#keep-dataset').click();
  assert.match(await barText(page), /kept for later visits: Da Nang/);
  assert.match(await page.evaluate(() => localStorage.getItem('dxsim:dataset')), /"da-nang"/);
  const kept = await page.context().newPage();
  await kept.goto(`${BASE}#p=da-nang`);
  await kept.waitForSelector('body[data-ready="true"]');
  assert.equal(await kept.locator('#province-select').inputValue(), 'da-nang');
  await kept.locator('#forget-dataset').click();
  await settle(kept);
  assert.equal(await kept.evaluate(() => localStorage.getItem('dxsim:dataset')), null);
  await page.context().close();
});

test('the offline download keeps $&, $\', $` and </script> in every text field intact', async () => {
  const SUFFIX = " $& $' $` </script><b>x</b>";
  const TEXT_KEYS = new Set(['vi', 'en', 'quote', 'via', 'value_text', 'derivation', 'name']);
  const mark = (v, key) => {
    if (Array.isArray(v)) return v.map((x) => mark(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mark(x, k)]));
    return typeof v === 'string' && TEXT_KEYS.has(key) ? v + SUFFIX : v;
  };
  const data = mark(copy());
  const page = await open(browser, '');
  await loadFile(page, JSON.stringify(data));
  await page.waitForFunction(() => document.getElementById('province-select').value === 'tien-giang');
  await settle(page);
  const sentences = await page.locator('.verdict .sentence').allInnerTexts();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#download-offline').click()]);
  const { page: offline, requests, path } = await openDownloadedOffline(browser, dl);
  // One of everything: a replacement pattern would have copied the document into itself.
  const counts = await offline.evaluate(() => ['#app', 'script[type=module]', 'meta[name=dxsim-link]', '#dxsim-dataset', 'head', 'body', '#dxsim-wasm']
    .map((sel) => document.querySelectorAll(sel).length));
  assert.deepEqual(counts, [1, 1, 1, 1, 1, 1, 1]);
  assert.equal(JSON.parse(await offline.locator('#dxsim-dataset').textContent()).provinces[0].vi, data.provinces[0].vi);
  assert.ok(readFileSync(path, 'utf8').length < 700 * 1024);
  assert.deepEqual(requests, [`file://${path}`]);
  assert.equal(await offline.locator('#province-select').inputValue(), 'tien-giang');
  assert.equal(await offline.locator('#province-select option[value="tien-giang"]').textContent(), data.provinces[0].vi);
  assert.equal(await offline.locator('#province-note').textContent(), data.provinces[0].note.vi);
  const quotes = await offline.locator('.provenance q').allTextContents();
  assert.ok(quotes.length >= 1 && quotes.every((q) => q.endsWith(SUFFIX)), quotes.join('\n'));
  assert.deepEqual(await offline.locator('.verdict .sentence').allInnerTexts(), sentences);
  assert.equal(await offline.locator('b').count(), 0);
  await offline.close();
  await page.evaluate(() => localStorage.clear());
  await page.context().close();
});

test('<dx-sim> shows its latest attributes, whatever order the renders finish in', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${HOST}generations.html`);
  await page.waitForFunction(() => ['g', 'n'].every((id) => document.getElementById(id).dataset.ready === 'true'), null, { timeout: 20000 });
  const province = (id) => page.locator(`#${id}`).evaluate((e) => (e.shadowRoot.querySelector('.dxe-province') || {}).textContent);
  // A slow dataset and its province, then 200 ms later no dataset and another province: the slow
  // render finishes last (1.5 s) and must not win.
  const app = new URL(await page.evaluate(() => document.querySelector('script[type=module]').src));
  await page.locator('#g').evaluate((e, url) => { e.setAttribute('dataset', url); e.setAttribute('province', 'da-nang'); }, new URL('slow/1500/examples/da-nang.json', app).href);
  await page.waitForTimeout(200);
  await page.locator('#g').evaluate((e) => { e.removeAttribute('dataset'); e.setAttribute('province', 'hung-yen'); });
  await page.waitForFunction(() => /Hung Yen|Hưng Yên/.test((document.getElementById('g').shadowRoot.querySelector('.dxe-province') || {}).textContent), null, { timeout: 10000 });
  await page.waitForTimeout(2500);
  assert.match(await province('g'), /Hung Yen|Hưng Yên/);
  // A dataset host that never answers: a progress note; the next attributes replace it at once.
  await page.locator('#n').evaluate((e) => { e.setAttribute('dataset', '/never/x.json'); e.setAttribute('province', 'x'); });
  await page.waitForFunction(() => !!document.getElementById('n').shadowRoot.querySelector('.dxe-card, .dxe-loading, .dxe-province'));
  await page.locator('#n').evaluate((e) => { e.removeAttribute('dataset'); e.setAttribute('province', 'khanh-hoa'); });
  await page.waitForFunction(() => /Khanh Hoa|Khánh Hòa/.test((document.getElementById('n').shadowRoot.querySelector('.dxe-province') || {}).textContent), null, { timeout: 10000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('careless links: a later valid link clears the alert; %+1 and repeated keys are refused; a typed seed keeps its digits', async () => {
  const page = await open(browser, '#p=atlantis');
  await settle(page);
  assert.equal(await page.locator('#alert').isVisible(), true);
  await page.evaluate(() => { location.hash = '#p=hung-yen'; });
  await page.waitForFunction(() => document.getElementById('province-select').value === 'hung-yen');
  assert.equal(await page.locator('#alert').isVisible(), false);
  for (const [hash, says] of [['#p=hai-%+1duong', /p: got hai-%\+1duong; allowed: percent-encoding/], ['#seed=1&seed=2', /seed: got a second value \(2\); allowed: each key once/]]) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.waitForFunction(() => !document.getElementById('alert').hidden);
    assert.match(await page.locator('#alert').innerText(), says);
  }
  await page.locator('#advanced-summary').click();
  await page.locator('#seed').fill('9007199254740993');
  await page.locator('#seed').press('Enter');
  await page.locator('#seed').blur();
  assert.match(await page.locator('#seed-err').innerText(), /seed: got 9007199254740993; allowed: an integer from 0 to 9007199254740991/);
  assert.notEqual(await page.locator('#seed').inputValue(), '9007199254740992');
  await page.context().close();
});

test('Forget is reachable even when the core never starts', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(BASE);
  await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate((text) => localStorage.setItem('dxsim:dataset', text), JSON.stringify(EXAMPLE));
  await page.route('**/dxsim_bg.wasm', (route) => route.abort());
  await page.goto(`${BASE}?visit=3`);
  await page.locator('#alert').waitFor({ state: 'visible', timeout: 10000 });
  assert.equal(await page.locator('#app').isVisible(), false);
  assert.equal(await page.locator('#forget-dataset').isVisible(), true);
  await page.locator('#forget-dataset').click();
  await page.waitForLoadState();
  await page.waitForFunction(() => localStorage.getItem('dxsim:dataset') === null);
  await context.close();
});
