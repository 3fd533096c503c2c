// Driven by `cargo xtask bench`: the wasm side of the benchmark in headless Chromium.
// 1. www/bench/: the full default recompute (every province, 10,000 draws, to 2030), cold call,
//    warm-up, then timed repetitions; and one province's view (what a slider move recomputes).
// 2. The app page: frame intervals while a slider is dragged by the mouse (requestAnimationFrame).
// Prints one JSON object.
import { chromium } from 'playwright-core';

const BASE = process.env.DXSIM_URL || 'http://127.0.0.1:8000/';
const reps = Number(process.env.DXSIM_BENCH_REPS || 40);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
await page.goto(`${BASE}bench/index.html?reps=${reps}&warmup=5`);
await page.waitForFunction(() => window.benchResult, null, { timeout: 300000 });
const wasm = await page.evaluate(() => window.benchResult);

// Frame times during a scripted drag of the digital-economy growth slider.
const app = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await app.goto(`${BASE}#p=hai-duong`);
await app.waitForSelector('body[data-ready="true"]');
const slider = app.locator('#growth-de_share');
await slider.scrollIntoViewIfNeeded();
const box = await slider.boundingBox();
await app.evaluate(() => {
  window.frames_ = [];
  let last = performance.now();
  const tick = (t) => { window.frames_.push(t - last); last = t; if (window.frames_.length < 100000) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
});
const y = box.y + box.height / 2;
await app.mouse.move(box.x + 2, y);
await app.mouse.down();
const moves = 120;
const t0 = Date.now();
for (let i = 0; i <= moves; i++) {
  await app.mouse.move(box.x + 2 + (box.width - 4) * (i / moves), y);
  await app.waitForTimeout(8);
}
await app.mouse.up();
const dragMs = Date.now() - t0;
const frames = (await app.evaluate(() => window.frames_)).slice(2);
frames.sort((a, b) => a - b);
const pct = (p) => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))];
const drag = { moves, dragMs, frames: frames.length, medianFrameMs: pct(0.5), p95FrameMs: pct(0.95), maxFrameMs: frames[frames.length - 1], fpsFromMedian: 1000 / pct(0.5), fpsFromP95: 1000 / pct(0.95) };
await browser.close();
console.log(JSON.stringify({ wasm, drag }));
