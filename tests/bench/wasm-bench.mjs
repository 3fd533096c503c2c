// Driven by `cargo xtask bench`: the wasm side of the benchmark in headless Chromium. Prints one
// JSON object.
// 1. www/bench/: the recomputes of benches/simulate.rs in the browser (see bench.js).
// 2. The app page: a scripted drag of a slider (120 mouse moves, 8 ms apart, then 600 ms for the
//    refine that follows the drag): frame intervals (requestAnimationFrame), long tasks (the Long
//    Tasks API, tasks of 50 ms or more) and, from a performance trace, the longest main-thread
//    task of any length.
// 3. The iframe embed on Chromium's network emulation at Fast 3G figures (1.6 Mbps down,
//    750 kbps up, 150 ms latency), no cache, from the compressing server: the time from
//    navigation to its first result (body[data-ready]), median of 3 fresh loads, and the bytes
//    that crossed the network.
import { chromium } from 'playwright-core';

const BASE = process.env.DXSIM_URL || 'http://127.0.0.1:8000/';
const reps = Number(process.env.DXSIM_BENCH_REPS || 40);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
await page.goto(`${BASE}bench/index.html?reps=${reps}&warmup=5`);
await page.waitForFunction(() => window.benchResult, null, { timeout: 600000 });
const wasm = await page.evaluate(() => window.benchResult);
await page.close();

// 2. The drag.
const app = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await app.addInitScript(() => {
  window.longTasks_ = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks_.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
});
await app.goto(`${BASE}#p=hai-duong`);
await app.waitForSelector('body[data-ready="true"]');
const slider = app.locator('#growth-de_share');
await slider.scrollIntoViewIfNeeded();
const box = await slider.boundingBox();
await app.waitForTimeout(500);
const dragStart = await app.evaluate(() => {
  window.frames_ = [];
  let last = performance.now();
  const tick = (t) => { window.frames_.push(t - last); last = t; if (window.frames_.length < 100000) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  return performance.now();
});
await browser.startTracing(app, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8'] });
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
await app.waitForTimeout(600);
const trace = JSON.parse((await browser.stopTracing()).toString());
const frames = (await app.evaluate(() => window.frames_)).slice(2);
const longTasks = (await app.evaluate(() => window.longTasks_)).filter((e) => e.start >= dragStart);
// The renderer's main thread: the thread named CrRendererMain in the page's process.
const events = trace.traceEvents || trace;
const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
const runTasks = events.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && mains.has(`${e.pid}:${e.tid}`));
const tasks = runTasks.map((e) => e.dur / 1000);
// What the longest task spent its time on: the trace events of a few kinds inside it (they may
// nest: JavaScript and wasm run inside FunctionCall, which may run inside a timer or a frame).
const longestTask = runTasks.reduce((m, e) => (!m || e.dur > m.dur ? e : m), null);
const inside = {};
const kinds = ['FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'MajorGC', 'MinorGC', 'V8.GC_MARK_COMPACTOR', 'ParseHTML'];
if (longestTask) {
  const end = longestTask.ts + longestTask.dur;
  for (const e of events) {
    if (e.ph === 'X' && kinds.includes(e.name) && e.pid === longestTask.pid && e.tid === longestTask.tid && e.ts >= longestTask.ts && e.ts + e.dur <= end) {
      inside[e.name] = (inside[e.name] || 0) + e.dur / 1000;
    }
  }
}
const longestTaskParts = Object.entries(inside).filter(([, v]) => v >= 1).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join('; ');
frames.sort((a, b) => a - b);
const pct = (p) => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))];
const drag = {
  moves,
  dragMs,
  frames: frames.length,
  medianFrameMs: pct(0.5),
  p95FrameMs: pct(0.95),
  maxFrameMs: frames[frames.length - 1],
  longTasks: longTasks.length,
  longestLongTaskMs: longTasks.reduce((m, e) => Math.max(m, e.duration), 0),
  longTaskTotalMs: longTasks.reduce((s, e) => s + e.duration, 0),
  longestTraceTaskMs: tasks.reduce((m, d) => Math.max(m, d), 0),
  traceTasks: tasks.length,
  longestTaskParts,
};
await app.close();

// 3. The embed on Fast 3G. A load that shows nothing within a minute (seen once on the loaded
// 2-core machine) is retried once and counted.
async function embedLoad() {
  const context = await browser.newContext({ viewport: { width: 700, height: 900 } });
  try {
    const p = await context.newPage();
    const cdp = await context.newCDPSession(p);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
    let bytes = 0;
    const encodings = {};
    cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
    cdp.on('Network.responseReceived', (e) => {
      const h = Object.fromEntries(Object.entries(e.response.headers).map(([k2, v]) => [k2.toLowerCase(), v]));
      encodings[new URL(e.response.url).pathname] = h['content-encoding'] || 'identity';
    });
    await p.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (document.body && document.body.dataset.ready === 'true') { window.firstResult_ = performance.now(); obs.disconnect(); }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
    });
    const problems = [];
    p.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    p.on('pageerror', (e) => problems.push(e.message));
    await p.goto(`${BASE}embed.html?province=hai-duong&indicator=de_share`, { waitUntil: 'commit' });
    await p.waitForFunction(() => window.firstResult_, null, { timeout: 60000 }).catch((e) => {
      throw new Error(`${e.message}; page problems: ${problems.join(' | ')}; responses: ${JSON.stringify(encodings)}`);
    });
    const ms = await p.evaluate(() => window.firstResult_);
    await p.waitForTimeout(200);
    return { ms, bytes, encodings };
  } finally {
    await context.close();
  }
}
const loads = [];
let retried = 0;
for (let k = 0; k < 3; k++) {
  try {
    loads.push(await embedLoad());
  } catch (e) {
    if (retried++) throw e;
    console.error(`embed load ${k} retried: ${e.message}`);
    k--;
  }
}
const sorted = [...loads].sort((a, b) => a.ms - b.ms);
const embed = { fast3g: sorted[1], loads: loads.map((l) => l.ms), retried };
await browser.close();
// Flat keys (`wasm.full.median`) for the plain reader in xtask.
const flat = {};
const walk = (o, prefix) => {
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) walk(v, `${prefix}${k}.`);
    else flat[`${prefix}${k}`] = v;
  }
};
walk({ wasm, drag, embed }, '');
console.log(JSON.stringify(flat));
