// End-to-end tests of #14: the overview as the first screen, the province page that leads with
// the answer, researchers' settings under "Advanced", the shock's year, PNG charts, phone widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, settle, SHOTS } from './helpers.mjs';

const EXAMPLE = readFileSync(new URL('../../data/examples/tien-giang.json', import.meta.url), 'utf8');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

test('the first screen is the overview of every province; a goal opens its card by keyboard', async () => {
  const page = await open(browser, '');
  await settle(page);
  assert.equal(await page.locator('#overview').isVisible(), true);
  assert.equal(await page.locator('#province-view').isVisible(), false);
  // Every province the page knows has a row, built-in and merged alike.
  const provinces = await page.$$eval('#province-select option', (os) => os.map((o) => o.value));
  assert.deepEqual((await page.$$eval('#overview .ov-row', (rs) => rs.map((r) => r.dataset.province))).sort(), [...provinces].sort());
  assert.match(await page.locator('#overview-as-of').innerText(), /^Số liệu mới nhất: năm 20\d\d$/);
  // Old provinces are folded under the province they became, and unfold.
  const hidden = page.locator('#overview .ov-row.ov-child[data-province="hai-duong"]');
  assert.equal(await hidden.isVisible(), false);
  const fold = page.locator('#ov-row-hai-phong-2025 .ov-fold');
  assert.equal(await fold.getAttribute('aria-expanded'), 'false');
  await fold.focus();
  await page.keyboard.press('Enter');
  assert.equal(await fold.getAttribute('aria-expanded'), 'true');
  assert.equal(await hidden.isVisible(), true);
  // Each goal shows its verdict badge, and its probability where a likelihood is claimed.
  const goals = page.locator('#overview .ov-goal');
  assert.ok(await goals.count() >= 40, `${await goals.count()} goals`);
  assert.ok(await page.locator('#overview .ov-goal .badge').count() === await goals.count());
  assert.match(await page.locator('#overview li[data-status="likely"] .ov-prob').first().innerText(), /^\s*\d+%$/);
  assert.doesNotMatch(await page.locator('body').innerText(), /\b(null|undefined|NaN)\b/);
  await page.screenshot({ path: `${SHOTS}overview-vi.png`, fullPage: true });
  // Tab from the year filter to the first goal, then Enter: that province's page, its card focused.
  await page.locator('#overview .ov-years button').first().focus();
  let target = null;
  for (let i = 0; i < 30 && !target; i++) {
    await page.keyboard.press('Tab');
    target = await page.evaluate(() => (document.activeElement.classList.contains('ov-goal') ? { ...document.activeElement.dataset } : null));
  }
  assert.ok(target, 'a goal is reachable by Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.activeElement && document.activeElement.id === `card-${id}`, target.indicator, { timeout: 10000 });
  assert.equal(await page.locator('#province-select').inputValue(), target.province);
  assert.equal(await page.locator('#province-view').isVisible(), true);
  await settle(page);
  assert.match(page.url(), new RegExp(`p=${target.province}`));
  // Back to the overview: the link drops p=.
  await page.locator('#show-overview').click();
  await settle(page);
  assert.equal(await page.locator('#overview').isVisible(), true);
  assert.doesNotMatch(page.url(), /p=/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the overview filters by target year and sorts by the share of goals likely met', async () => {
  const page = await open(browser, '#lang=en', { colorScheme: 'dark' });
  await settle(page);
  assert.match(await page.locator('#overview-as-of').innerText(), /^Newest data used: 20\d\d$/);
  await page.locator('#overview .ov-years button[data-year="2030"]').click();
  const years = await page.$$eval('#overview .ov-goals li', (ls) => [...new Set(ls.map((l) => l.dataset.year))]);
  assert.deepEqual(years, ['2030']);
  await page.locator('#ov-sort').selectOption('share');
  assert.equal(await page.locator('#overview th.ov-share').getAttribute('aria-sort'), 'descending');
  const shares = await page.$$eval('#overview .ov-row:not(.ov-child) td.ov-share', (ts) => ts.map((x) => parseFloat(x.textContent)));
  assert.deepEqual(shares, [...shares].sort((a, b) => b - a));
  await page.screenshot({ path: `${SHOTS}overview-en-dark.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('at 390 px the overview becomes a card per province and nothing scrolls sideways', async () => {
  for (const [path, name] of [['', 'overview-phone-vi'], ['#p=hai-duong', 'province-phone-vi'], ['#p=khanh-hoa-2025&lang=en', 'province-phone-en']]) {
    const page = await open(browser, path, PHONE);
    await settle(page);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${path}: sideways scroll`);
    if (!path) {
      assert.equal(await page.locator('#overview .ov-row').first().evaluate((r) => getComputedStyle(r).display), 'block');
      assert.equal(await page.locator('#overview thead').evaluate((h) => h.getBoundingClientRect().height <= 1), true);
    }
    await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
    assert.deepEqual(page.problems, [], path);
    await page.context().close();
  }
  const dark = await open(browser, '', { ...PHONE, colorScheme: 'dark' });
  await settle(dark);
  await dark.screenshot({ path: `${SHOTS}overview-phone-dark.png` });
  await dark.context().close();
});

test('a province page leads with the answer: its verdicts in one sentence and the goal to watch', async () => {
  const page = await open(browser, '#p=hai-duong');
  await settle(page);
  assert.match(await page.locator('#lead-summary').innerText(), /^Hải Dương: trong \d+ mục tiêu, \d+ đã đạt hoặc có khả năng đạt/);
  // The goal to watch: a likelihood or a miss, the nearest target year first.
  const lead = page.locator('#lead-goal');
  assert.ok(['very_likely', 'likely', 'about_as_likely_as_not', 'unlikely', 'very_unlikely', 'missed'].includes(await lead.locator('.lead-verdict').getAttribute('data-status')));
  assert.match(await lead.locator('.lead-goal-title').innerText(), /\(2025\)$/);
  // Above the fold on a laptop screen, with its chart.
  const box = await lead.locator('svg').boundingBox();
  assert.ok(box && box.y + box.height <= 900, JSON.stringify(box));
  // Its ids are its own: the card's chart keeps its title and description.
  assert.equal(await page.evaluate(() => new Set([...document.querySelectorAll('[id]')].map((e) => e.id)).size === document.querySelectorAll('[id]').length), true);
  await page.locator('#lead-open').click();
  assert.match(await page.evaluate(() => document.activeElement.id), /^card-/);
  // Researchers' settings are folded away; a link that sets one opens them.
  assert.equal(await page.locator('#advanced').getAttribute('open'), null);
  assert.equal(await page.locator('#seed').isVisible(), false);
  await page.goto(`${page.url().split('#')[0]}#p=hai-duong&seed=7`);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.locator('#seed').inputValue(), '7');
  assert.equal(await page.locator('#seed').isVisible(), true);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the shock preset shows its year, which goes into the link; other presets drop it', async () => {
  const page = await open(browser, '#p=hung-yen');
  await settle(page);
  assert.equal(await page.locator('#shock_year').isVisible(), false);
  await page.locator('#preset').selectOption('shock');
  await settle(page);
  assert.equal(await page.locator('#shock_year').isVisible(), true);
  await page.locator('#shock_year').fill('2027');
  await page.locator('#shock_year').press('Enter');
  await settle(page);
  assert.match(page.url(), /preset=shock.*sy=2027/);
  await page.locator('#shock_year').fill('2040');
  await page.locator('#shock_year').press('Enter');
  assert.match(await page.locator('#shock_year-err').innerText(), /shock_year: got 2040; allowed: a year from 2021 to the horizon \(2030\)/);
  await page.locator('#preset').selectOption('trend');
  await settle(page);
  assert.equal(await page.locator('#shock_year').isVisible(), false);
  assert.doesNotMatch(page.url(), /sy=|preset=/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a chart downloads as a PNG at twice its size', async () => {
  const page = await open(browser, '#p=hai-duong');
  await settle(page);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.locator('#card-de_share .svg-button').click()]);
  const [, w, h] = readFileSync(await svg.path(), 'utf8').match(/viewBox="0 0 ([\d.]+) ([\d.]+)"/);
  const [png] = await Promise.all([page.waitForEvent('download'), page.locator('#card-de_share .png-button').click()]);
  assert.equal(png.suggestedFilename(), 'dxsim-hai-duong-de_share.png');
  const bytes = readFileSync(await png.path());
  assert.equal(bytes.subarray(0, 8).toString('hex'), '89504e470d0a1a0a');
  // IHDR: width and height, big-endian, at bytes 16 and 20.
  assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [2 * Number(w), 2 * Number(h)]);
  assert.ok(bytes.length > 20000, `${bytes.length} bytes: a drawn chart, not a blank canvas`);
  assert.deepEqual(page.problems, [], 'no CSP violation');
  await page.context().close();
});

test('a loaded province joins the overview, its name shown as text', async () => {
  const page = await open(browser, '');
  await settle(page);
  const evil = EXAMPLE.replace('"vi": "Tiền Giang"', '"vi": "<img src=x onerror=\\"window.pwned=1\\">Tiền Giang"');
  await page.locator('#dataset-file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from(evil) });
  await page.waitForFunction(() => document.getElementById('province-select').value === 'tien-giang');
  await page.locator('#show-overview').click();
  await settle(page);
  const row = page.locator('#overview .ov-row[data-province="tien-giang"]');
  assert.equal(await row.count(), 1);
  assert.match(await row.locator('th').innerText(), /^<img src=x onerror="window.pwned=1">Tiền Giang/);
  assert.equal(await page.locator('#overview img').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  // Its goal opens its card like any other.
  const goal = row.locator('.ov-goal').first();
  const indicator = await goal.getAttribute('data-indicator');
  await goal.click();
  await page.waitForFunction((id) => document.activeElement && document.activeElement.id === `card-${id}`, indicator, { timeout: 10000 });
  await page.evaluate(() => localStorage.clear());
  await page.context().close();
});
