// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core, with the
// flags this closed network needs (no background networking), against the page served by
// `cargo xtask test` (DXSIM_URL).
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export const BASE = process.env.DXSIM_URL || 'http://127.0.0.1:8000/';
export const SHOTS = new URL('../../target/screenshots/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page that records console errors, page errors and CSP violations. */
export async function open(browser, path = '', opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...opts });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') page.problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  await page.goto(BASE + path);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  return page;
}

/** Waits until recomputation (quick pass then refinement) has settled. */
export async function settle(page) {
  await page.waitForFunction(() => document.getElementById('status').textContent === '', null, { timeout: 10000 });
  await page.waitForTimeout(50);
}

/**
 * Saves an app download ("Download as offline HTML") to a temporary file and opens it from
 * file:// in a new page, recording every request; returns the page, the requests and the path.
 */
export async function openDownloadedOffline(browser, download) {
  const path = join(mkdtempSync(join(tmpdir(), 'dxsim-')), download.suggestedFilename());
  writeFileSync(path, readFileSync(await download.path()));
  const page = await browser.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`file://${path}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await settle(page);
  return { page, requests, path };
}
