// End-to-end tests of issue #6 in the browser: peer-ranked DTI goals, the merger note, and
// bringing your own province (example files, a hostile file, embeds and the offline file).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, settle, openDownloadedOffline, BASE, SHOTS } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const HOST = process.env.DXSIM_HOST || 'http://127.0.0.1:8001/';
const EXAMPLE = readFileSync(new URL('../../data/examples/tien-giang.json', import.meta.url), 'utf8');

test('a DTI goal shows its top-K odds and what drives the peer model; an old province says what it became', async () => {
  const page = await open(browser, '#p=hai-duong');
  await settle(page);
  const card = page.locator('#card-dti_rank');
  assert.equal(await card.locator('.odds svg').count(), 1);
  assert.match(await card.locator('.odds svg desc').textContent(), /P\(nhóm 20\) = \d+%/);
  assert.match(await card.locator('.peer-note').innerText(), /62 tỉnh khác/);
  assert.equal(await card.locator('[data-key="peer_pace:dti_rank"]').count(), 1);
  const merger = page.locator('#merger-note');
  assert.ok(await merger.isVisible());
  assert.match(await merger.innerText(), /Hải Phòng/);
  // The peers' pace is a real control: faster peers lower the odds.
  const p0 = await card.locator('.verdict').last().locator('dd').first().innerText();
  await page.locator('#peer_pace-dti_rank-n').fill('4');
  await page.locator('#peer_pace-dti_rank-n').press('Enter');
  await settle(page);
  const p1 = await card.locator('.verdict').last().locator('dd').first().innerText();
  assert.ok(parseInt(p1, 10) < parseInt(p0, 10), `${p0} → ${p1}`);
  assert.match(page.url(), /q\.hai-duong\.dti_rank=4/);
  await card.screenshot({ path: `${SHOTS}peer-rank-card.png` });
  // Khánh Hòa links to the merged province's own goals.
  await page.goto(`${BASE}#p=khanh-hoa`);
  await page.locator('#go-merged').click();
  await settle(page);
  assert.equal(await page.locator('#province-select').inputValue(), 'khanh-hoa-2025');
  assert.equal(await page.locator('#card-dti_rank_34').count(), 1);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an example province loads, survives a reload, goes offline with the file, and can be forgotten', async () => {
  const page = await open(browser, '');
  await page.locator('[data-example="tien-giang"]').click();
  await page.waitForFunction(() => document.getElementById('province-select').value === 'tien-giang');
  await settle(page);
  assert.equal(await page.locator('#card-dti_rank .odds svg').count(), 1);
  assert.match(await page.locator('#data-status').innerText(), /Tiền Giang/);
  const sentences = await page.locator('.verdict .sentence').allInnerTexts();
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await settle(page);
  assert.equal(await page.locator('#province-select').inputValue(), 'tien-giang');
  assert.deepEqual(await page.locator('.verdict .sentence').allInnerTexts(), sentences);
  // The offline file carries the loaded data.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#download-offline').click()]);
  const { page: offline, requests } = await openDownloadedOffline(browser, dl);
  assert.equal(await offline.locator('#province-select').inputValue(), 'tien-giang');
  assert.deepEqual(await offline.locator('.verdict .sentence').allInnerTexts(), sentences);
  assert.equal(requests.length, 1);
  await offline.close();
  await page.locator('#forget-dataset').click();
  await settle(page);
  assert.equal(await page.locator('#province-select option[value="tien-giang"]').count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a hostile or broken dataset file is refused with the field, or rendered inert', async () => {
  const page = await open(browser, '');
  const load = (text) => page.locator('#dataset-file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await load(EXAMPLE.replace('"as_of_year": 2026', '"as_of_year": "soon"'));
  await page.waitForFunction(() => /as_of_year/.test(document.getElementById('data-status').textContent));
  await load('['.repeat(50000));
  await page.waitForFunction(() => /không hợp lệ/.test(document.getElementById('data-status').textContent));
  const evil = EXAMPLE.replace('"vi": "Tiền Giang"', '"vi": "<img src=x onerror=\\"window.pwned=1\\">Tiền Giang"');
  await load(evil);
  await page.waitForFunction(() => document.getElementById('province-select').value === 'tien-giang');
  await settle(page);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator('img[src=x]').count(), 0);
  assert.match(await page.locator('#province-select option[value="tien-giang"]').textContent(), /<img/);
  assert.deepEqual(page.problems.filter((p) => !/x:1|ERR_/.test(p)), []);
  await page.evaluate(() => localStorage.clear());
  await page.context().close();
});

test('embeds show an imported province: iframe with ?dataset= and <dx-sim dataset=…> on another origin', async () => {
  const page = await open(browser, 'embed.html?dataset=examples/tien-giang.json&province=tien-giang&indicator=dti_rank&lang=en'.replace(/^/, ''), {});
  assert.equal(await page.locator('svg').count() >= 1, true);
  assert.match(await page.locator('.dxe-sentence').innerText(), /Tien Giang|Tiền Giang/);
  assert.match(await page.locator('a.dxe-open').getAttribute('href'), /dataset=.*tien-giang\.json/);
  await page.context().close();
  const context = await browser.newContext();
  const host = await context.newPage();
  const problems = [];
  host.on('pageerror', (e) => problems.push(e.message));
  await host.goto(`${HOST}dataset.html`);
  await host.waitForFunction(() => document.getElementById('dn').dataset.ready === 'true', null, { timeout: 20000 });
  const text = await host.locator('#dn').evaluate((e) => e.shadowRoot.querySelector('.dxe-sentence').textContent);
  assert.match(text, /Da Nang/);
  assert.deepEqual(problems, []);
  await context.close();
});
